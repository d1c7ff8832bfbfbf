"""Corrections and undo: a logged contact changed or removed, a gesture record put back as it
was, and each rep's history of undo steps. A base of :class:`~tui.store.book.Book`, which
provides the storage and the lock; every public method holds the book's lock.

A contact is found by id in the year files, newest first (an edit is usually of something
recent), and moved between year files when its time moves to another year. The undo history
lives in the main file's ``undo`` table: JSON steps written by :mod:`tui.services.steering`.
"""

from __future__ import annotations

from typing import Any

from tui.domain.model import Contact, Gesture, Status, invalid
from tui.store.book_contacts import ContactReading
from tui.store.book_gestures import GestureRepository
from tui.store.codec import Doc, contact_document, gesture_document, gesture_from_document
from tui.store.errors import NotFound
from tui.store.locked import locked

CONTACTS = "contacts"
CUSTOMERS = "customers"
GESTURES = "gestures"
META = "meta"
UNDO = "undo"  # each rep's recent changes and how to take them back


class RepairRepository(ContactReading, GestureRepository):
    """Contacts by id, their corrections, gesture records restored, undo steps."""

    def _find_contact(self, number: int) -> tuple[str, Doc] | None:
        """The year table holding contact ``number`` and its document (newest year first)."""
        key = str(number)
        for year in reversed(self._years()):
            table = f"{CONTACTS}/{year:04d}"
            doc = self._table(table).get(key)
            if doc is not None:
                return table, doc
        return None

    @locked
    def contact(self, contact_id: int) -> Contact:
        """One logged contact by id (NotFound if there is none)."""
        found = self._find_contact(contact_id)
        if found is None:
            raise NotFound.contact(contact_id, self.path)
        return self._contact(contact_id, found[1])

    @locked
    def update_contact(self, contact: Contact) -> Contact:
        """Replace a logged contact with the same id (a corrected time, kind, note ...)."""
        return self._put_contact(contact, existing=True)

    @locked
    def restore_contact(self, contact: Contact) -> Contact:
        """Put a deleted contact back under its own id (undo); its gesture state is separate."""
        return self._put_contact(contact, existing=False)

    def _put_contact(self, contact: Contact, *, existing: bool) -> Contact:
        if contact.id is None:
            raise invalid("contact", "an update needs the contact's id")
        key, doc = str(contact.id), contact_document(contact)
        with self._write() as storage:
            found = self._find_contact(contact.id)
            if found is None and existing:
                raise NotFound.contact(contact.id, self.path)
            if found is not None and not existing:
                raise invalid("contact", "{id} exists already", id=contact.id)
            if str(contact.customer) not in self._table(CUSTOMERS):
                raise NotFound.customer(contact.customer, self.path)
            table = f"{CONTACTS}/{contact.at.year:04d}"
            if found is not None and found[0] != table:
                storage.delete(found[0], key)
            storage.put(table, key, doc)
            # the planner's window holds it as log_contact would (moved out of the part it was in)
            was_customer = None if found is None else found[1].get("customer")
            was_in = [] if was_customer is None else self._window_parts_holding(key, was_customer)
            for name in was_in:
                storage.delete(name, key)
            window = str(self._table(META).get("1", {}).get("recent_since", "\uffff"))
            if found is None or was_in or doc["at"] >= window:
                storage.put(self._window_table(contact.customer), key, doc)
        return contact

    def _window_parts_holding(self, key: str, customer: object) -> list[str]:
        """The window's parts that hold contact ``key`` of ``customer`` (the one of its rep; in
        a book of an earlier layout, any)."""
        parts = self._window_tables([customer] if type(customer) is int else None)
        return [name for name in parts if key in self._table(name)]

    @locked
    def delete_contact(self, contact_id: int) -> Contact:
        """Remove a logged contact; the gesture it answered is open again (same write)."""
        with self._write() as storage:
            found = self._find_contact(contact_id)
            if found is None:
                raise NotFound.contact(contact_id, self.path)
            contact = self._contact(contact_id, found[1])
            storage.delete(found[0], str(contact_id))
            for name in self._window_parts_holding(str(contact_id), contact.customer):
                storage.delete(name, str(contact_id))
            number = self._gesture_number(contact.gesture) if contact.gesture else None
            doc = self._table(GESTURES).get(str(number)) if number is not None else None
            if number is not None and doc is not None and doc.get("status") == Status.DONE.value:
                if doc.get("manual"):
                    self._put_gesture(number, {**doc, "status": Status.OPEN.value, "until": None})
                else:
                    self._remove_gesture(number)
        return contact

    def _remove_gesture(self, number: int) -> None:
        self._db.table(GESTURES).remove(doc_ids=[number])
        self._gesture_index.put(number, None)

    @locked
    def restore_gesture(self, key: str, gesture: Gesture | None, *, manual: bool) -> None:
        """Put a gesture's record back as it was (None: no record, i.e. open and computed)."""
        with self._write():
            number = self._gesture_number(key)
            if gesture is None:
                if number is not None:
                    self._remove_gesture(number)
                return
            self._put_gesture(number, gesture_document(gesture, manual=manual))

    @locked
    def delete_gesture(self, key: str) -> Gesture:
        """Remove a gesture planned by hand (computed ones are skipped, not deleted)."""
        with self._write():
            number = self._gesture_number(key)
            doc = self._table(GESTURES).get(str(number)) if number is not None else None
            if number is None or doc is None or not doc.get("manual"):
                raise NotFound.gesture(key, self.path)
            self._remove_gesture(number)
        return gesture_from_document(number, doc)

    @locked
    def is_manual(self, key: str) -> bool:
        """Was this gesture planned by hand?"""
        number = self._gesture_number(key)
        doc = self._table(GESTURES).get(str(number)) if number is not None else None
        return bool(doc and doc.get("manual"))

    @locked
    def push_undo(self, step: dict[str, Any], *, keep: int = 50) -> None:
        """Remember how to undo one change (JSON types); each rep keeps the last ``keep``."""
        with self._write():
            table = self._db.table(UNDO)
            table.insert(step)
            mine = sorted(
                int(n) for n, doc in self._table(UNDO).items() if doc["rep"] == step["rep"]
            )
            if len(mine) > keep:
                table.remove(doc_ids=mine[: len(mine) - keep])

    @locked
    def pop_undo(self, rep: str) -> dict[str, Any] | None:
        """Take the rep's latest undo step off the history (None when there is none)."""
        with self._write():
            mine = [int(n) for n, doc in self._table(UNDO).items() if doc.get("rep") == rep]
            if not mine:
                return None
            number = max(mine)
            step = dict(self._table(UNDO)[str(number)])
            self._db.table(UNDO).remove(doc_ids=[number])
        return step
