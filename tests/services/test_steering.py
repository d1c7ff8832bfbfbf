"""Changes made by hand and their undo, against a real book file."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tui.domain.model import (
    Contact,
    Customer,
    Gesture,
    Kind,
    Purpose,
    Reason,
    Status,
    gesture_key,
)
from tui.labels import undone_text
from tui.services import steering
from tui.store.book import Book
from tui.store.errors import NotFound

DAY = date(2026, 3, 16)


@pytest.fixture
def book(tmp_path: Path) -> Book:
    opened = Book.open(tmp_path / "book.json")
    opened.add_customer(Customer(name="Anna Müller", owner="tester"))
    opened.add_customer(Customer(name="Bernd Weber", owner="tester"))
    return opened


def _undone(book: Book) -> str:
    """What undoing the tester's latest step says."""
    undone = steering.undo(book, "tester")
    assert undone is not None
    return undone_text(undone.what, undone.customer)


def _reopened(book: Book) -> Book:
    """The same file opened anew: what another process (kp undo) would see."""
    return Book.open(book.path, create=False)


def test_undo_walks_back_several_steps_in_order(book: Book) -> None:
    key = gesture_key(1, Reason.CADENCE, DAY)
    contact = Contact(customer=1, at=datetime(2026, 3, 16, 10, 0), gesture=key, note="hi")
    logged = steering.log_contact(book, contact, rep="tester")
    assert book.gesture(key).status is Status.DONE
    edited = steering.edit_contact(
        book, dataclasses.replace(logged, note="corrected", kind=Kind.VISIT), rep="tester"
    )
    assert book.contact(edited.id or 0).note == "corrected"
    steering.archive_customer(book, 2, rep="tester")
    other = _reopened(book)
    assert _undone(other) == "Undone: archiving (Bernd Weber)"
    assert not other.customer(2).archived
    assert _undone(other) == "Undone: contact correction (Anna Müller)"
    restored = other.contact(logged.id or 0)
    assert (restored.note, restored.kind) == ("hi", Kind.CALL)
    assert _undone(other) == "Undone: logged contact (Anna Müller)"
    assert other.contacts() == []
    with pytest.raises(NotFound):
        other.gesture(key)  # open again: no state record
    assert steering.undo(other, "tester") is None


def test_deleting_a_contact_reopens_its_gesture_and_undo_brings_both_back(book: Book) -> None:
    key = gesture_key(1, Reason.BIRTHDAY, DAY)
    logged = steering.log_contact(
        book, Contact(customer=1, at=datetime(2026, 3, 16, 9, 0), gesture=key), rep="tester"
    )
    steering.delete_contact(book, logged.id or 0, rep="tester")
    assert book.contacts() == []
    with pytest.raises(NotFound):
        book.gesture(key)
    assert _undone(book) == "Undone: deleted contact (Anna Müller)"
    (back,) = book.contacts()
    assert back.gesture == key and book.gesture(key).status is Status.DONE


def test_state_changes_undo_to_the_state_before(book: Book) -> None:
    customer = book.customer(1)
    key = gesture_key(1, Reason.CADENCE, DAY)
    steering.set_state(
        book,
        key,
        Status.SNOOZED,
        customer=customer,
        reason=Reason.CADENCE,
        due=DAY,
        rep="tester",
        until=date(2026, 3, 20),
    )
    steering.set_state(
        book, key, Status.SKIPPED, customer=customer, reason=Reason.CADENCE, due=DAY, rep="tester"
    )
    assert _undone(book) == "Undone: skip (Anna Müller)"
    assert book.gesture(key).status is Status.SNOOZED
    assert book.gesture(key).until == date(2026, 3, 20)
    assert _undone(book) == "Undone: snooze (Anna Müller)"
    with pytest.raises(NotFound):
        book.gesture(key)


def test_planned_gestures_undo_and_each_rep_has_their_own_history(book: Book) -> None:
    key = gesture_key(2, Reason.MANUAL, date(2026, 3, 19))
    planned = Gesture(key, 2, Reason.MANUAL, date(2026, 3, 19), note="call again", rep="tester")
    steering.plan_gesture(book, planned, rep="tester")
    steering.archive_customer(book, 1, rep="colleague")
    assert book.gesture(key).note == "call again"
    assert _undone(book) == "Undone: planned gesture (Bernd Weber)"
    with pytest.raises(NotFound):
        book.gesture(key)
    assert book.customer(1).archived  # the colleague's step is theirs to undo
    steering.plan_gesture(book, planned, rep="tester")
    steering.delete_planned(book, key, rep="tester")
    assert _undone(book) == "Undone: deleted planned gesture (Bernd Weber)"
    assert book.gesture(key).note == "call again"


def test_the_history_keeps_the_latest_steps(book: Book) -> None:
    for _ in range(5):
        book.push_undo({"rep": "tester", "what": "x", "actions": []}, keep=3)
    steps = [book.pop_undo("tester") for _ in range(4)]
    assert [s is not None for s in steps] == [True, True, True, False]


def test_a_won_deal_makes_a_customer_and_undo_makes_the_prospect_again(book: Book) -> None:
    prospect = book.add_customer(Customer(name="Petra Neu", owner="tester", prospect=True))
    assert prospect.id is not None
    won = Contact(
        customer=prospect.id,
        at=datetime(2026, 3, 16, 11, 0),
        purpose=Purpose.SALES,
        won=True,
    )
    steering.log_contact(book, won, rep="tester")
    assert not book.customer(prospect.id).prospect
    assert book.customer(prospect.id).since == date(2026, 3, 16)
    assert _undone(book) == "Undone: logged contact (Petra Neu)"
    assert book.customer(prospect.id).prospect and book.customer(prospect.id).since is None


def test_the_planners_window_follows_corrections_and_deletions(book: Book) -> None:
    at = datetime.combine(date.today(), datetime.min.time()).replace(hour=9)
    logged = steering.log_contact(book, Contact(customer=1, at=at, note="first"), rep="tester")
    since = date.today() - timedelta(days=3)
    steering.edit_contact(book, dataclasses.replace(logged, note="fixed"), rep="tester")
    other = _reopened(book)
    assert [c.note for c in other.recent_contacts(since)] == ["fixed"]
    steering.delete_contact(book, logged.id or 0, rep="tester")
    assert _reopened(book).recent_contacts(since) == []
    steering.undo(book, "tester")
    assert [c.note for c in _reopened(book).recent_contacts(since)] == ["fixed"]
