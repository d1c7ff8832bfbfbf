"""Changes a rep makes by hand, each remembered in the book with how to take it back.

The app and ``kp`` make the same changes through here, so ``u`` in the app and ``kp undo`` in
a shell walk back the same history: a logged contact, done/snooze/skip, a contact corrected or
deleted, an archived customer, a gesture planned by hand. Each change and its undo step are
one transaction (one write); undoing a step is one transaction too. Every rep has their own
history (the last 50 steps), kept in the book's ``undo`` table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from tui.domain.model import (
    Contact,
    Customer,
    Gesture,
    Reason,
    Status,
    ValidationError,
    gesture_key,
)
from tui.store.book import Book
from tui.store.codec import (
    contact_document,
    contact_from_document,
    customer_document,
    customer_from_document,
    gesture_document,
    gesture_from_document,
)
from tui.store.errors import NotFound

T = TypeVar("T")
Action = dict[str, Any]


@dataclass(frozen=True)
class Undone:
    """The change an undo took back: ``what`` it was (``log``, ``snooze``, ``archive`` ...) and
    for which ``customer``; the front ends word it (:func:`tui.labels.undone_text`)."""

    what: str
    customer: str


def _gesture_state(book: Book, key: str) -> Action:
    """An action that puts the gesture's record back as it is now."""
    try:
        record = gesture_document(book.gesture(key), manual=book.is_manual(key))
    except NotFound:
        record = None
    return {"op": "gesture", "key": key, "record": record}


def _push(book: Book, rep: str, what: str, customer: str, undo: list[Action]) -> None:
    book.push_undo(
        {
            "rep": rep,
            "at": datetime.now().isoformat(timespec="seconds"),
            "what": what,
            "customer": customer,
            "actions": undo,
        }
    )


def _remember(
    book: Book, rep: str, what: str, customer: str, change: Callable[[], T], undo: list[Action]
) -> T:
    """Make ``change`` and store its undo step in the same write."""
    with book.transaction():
        result = change()
        _push(book, rep, what, customer, undo)
    return result


def follow_up_gesture(contact: Contact, day: date, rep: str) -> Gesture:
    """The gesture a quick log's ``next @fr`` plans: the same kind of touch, for care."""
    key = gesture_key(contact.customer, Reason.MANUAL, day)
    return Gesture(
        key, contact.customer, Reason.MANUAL, day, kind=contact.kind, note=contact.note, rep=rep
    )


def log_contact(
    book: Book, contact: Contact, *, rep: str, follow_up: date | None = None
) -> Contact:
    """Log a contact (answering its gesture, if any), and plan its follow-up on a day.

    A follow-up on a day that has a gesture planned by hand already keeps that one; a won deal
    makes a prospect a customer (``Customer.won_over``), in the same write and the same undo.
    """
    customer = book.customer(contact.customer)
    label = customer.label
    undo: list[Action] = [_gesture_state(book, contact.gesture)] if contact.gesture else []
    with book.transaction():
        saved = book.log_contact(contact)
        undo.insert(0, {"op": "delete_contact", "id": saved.id})
        won = customer.won_over(saved)
        if won is not None:  # a won deal turns a prospect into a customer
            book.update_customer(won)
            undo.append(
                {"op": "put_customer", "id": customer.id, "doc": customer_document(customer)}
            )
        if follow_up is not None:
            planned = follow_up_gesture(contact, follow_up, rep)
            if not _exists(book, planned.key):
                book.add_manual_gesture(planned)
                undo.insert(0, {"op": "delete_gesture", "key": planned.key})
        _push(book, rep, "log", label, undo)
    return saved


def _exists(book: Book, key: str) -> bool:
    try:
        book.gesture(key)
    except NotFound:
        return False
    return True


def set_state(
    book: Book,
    key: str,
    status: Status,
    *,
    customer: Customer,
    reason: Reason,
    due: date,
    rep: str,
    until: date | None = None,
) -> Gesture:
    """Mark a gesture done, skipped or snoozed (moved to ``until``)."""
    assert customer.id is not None
    what = {Status.DONE: "done", Status.SKIPPED: "skip", Status.SNOOZED: "snooze"}.get(
        status, "done"
    )
    customer_id = customer.id
    return _remember(
        book,
        rep,
        what,
        customer.label,
        lambda: book.set_gesture_state(
            key, status, until=until, customer=customer_id, reason=reason, due=due
        ),
        [_gesture_state(book, key)],
    )


def edit_contact(book: Book, contact: Contact, *, rep: str) -> Contact:
    """Correct a logged contact (same id)."""
    assert contact.id is not None
    old = book.contact(contact.id)
    label = book.customer(old.customer).label
    undo: list[Action] = [{"op": "put_contact", "id": old.id, "doc": contact_document(old)}]
    return _remember(book, rep, "edit", label, lambda: book.update_contact(contact), undo)


def delete_contact(book: Book, contact_id: int, *, rep: str) -> Contact:
    """Delete a logged contact; the gesture it answered is open again."""
    old = book.contact(contact_id)
    label = book.customer(old.customer).label
    undo: list[Action] = [{"op": "restore_contact", "id": old.id, "doc": contact_document(old)}]
    if old.gesture:
        undo.append(_gesture_state(book, old.gesture))
    return _remember(book, rep, "delete", label, lambda: book.delete_contact(contact_id), undo)


def archive_customer(book: Book, customer_id: int, *, rep: str) -> Customer:
    """Hide a customer from plans and lists (the history stays)."""
    label = book.customer(customer_id).label
    undo: list[Action] = [{"op": "unarchive", "customer": customer_id}]
    return _remember(book, rep, "archive", label, lambda: book.archive_customer(customer_id), undo)


def plan_gesture(book: Book, gesture: Gesture, *, rep: str) -> Gesture:
    """Plan a gesture by hand ("call again on Thursday")."""
    label = book.customer(gesture.customer).label
    undo: list[Action] = [{"op": "delete_gesture", "key": gesture.key}]
    return _remember(book, rep, "plan", label, lambda: book.add_manual_gesture(gesture), undo)


def delete_planned(book: Book, key: str, *, rep: str) -> Gesture:
    """Delete a gesture planned by hand."""
    before = _gesture_state(book, key)
    gesture = book.gesture(key)
    label = book.customer(gesture.customer).label
    return _remember(book, rep, "unplan", label, lambda: book.delete_gesture(key), [before])


def _apply(book: Book, action: Action) -> None:
    op = action["op"]
    if op == "delete_contact":
        book.delete_contact(int(action["id"]))
    elif op == "put_contact":
        book.update_contact(contact_from_document(int(action["id"]), action["doc"]))
    elif op == "restore_contact":
        book.restore_contact(contact_from_document(int(action["id"]), action["doc"]))
    elif op == "gesture":
        record = action["record"]
        gesture = None if record is None else gesture_from_document(0, record)
        manual = bool(record and record.get("manual"))
        book.restore_gesture(action["key"], gesture, manual=manual)
    elif op == "put_customer":
        book.update_customer(customer_from_document(int(action["id"]), action["doc"]))
    elif op == "unarchive":
        customer = book.customer(int(action["customer"]))
        book.update_customer(dataclasses.replace(customer, archived=False))
    elif op == "delete_gesture":
        book.delete_gesture(action["key"])


def undo(book: Book, rep: str) -> Undone | None:
    """Take back the rep's latest change and say which it was (None: nothing to undo).

    A step that no longer fits the book (a colleague deleted that contact meanwhile) is dropped
    from the history and its error raised, so the next undo reaches the step before it.
    """
    try:
        with book.transaction():
            step = book.pop_undo(rep)
            if step is None:
                return None
            for action in step["actions"]:
                _apply(book, action)
    except (NotFound, ValidationError):
        book.pop_undo(rep)
        raise
    return Undone(str(step.get("what", "")), str(step.get("customer", "")))
