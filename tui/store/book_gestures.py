"""The gesture half of the repository: stored gestures (manual ones and the states of computed
ones), kept by a stable key. Mixed into :class:`~tui.store.book.Book`, which provides the
storage, the lock and the transactions; every public method here holds the book's lock."""

from __future__ import annotations

import dataclasses
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.model import (
    Gesture,
    Reason,
    Status,
    ValidationError,
    invalid,
    parse_gesture_key,
)
from tui.store.codec import Doc, decoded, gesture_document, gesture_from_document
from tui.store.errors import NotFound
from tui.store.indexes import GestureIndex
from tui.store.locked import locked

if TYPE_CHECKING:
    from tui.store.adapter import BookDB
    from tui.store.storage import BookStorage

CUSTOMERS = "customers"
GESTURES = "gestures"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


class GestureRepository:
    """Gestures by key; needs ``_storage``, ``_db``, ``path`` and ``_gesture_index``."""

    _storage: BookStorage
    _db: BookDB
    path: Path
    _gesture_index: GestureIndex

    def _table(self, name: str) -> dict[str, Doc]:
        return self._storage.table_data(name)

    def _write(self) -> AbstractContextManager[BookStorage]:
        raise NotImplementedError

    @locked
    def gestures(self) -> list[Gesture]:
        """Every stored gesture: manual ones and the states of computed ones, in id order."""
        found = []
        for doc_id, doc in sorted(self._table(GESTURES).items(), key=lambda item: int(item[0])):
            found.append(decoded(gesture_from_document, "gesture", int(doc_id), doc, self.path))
        return found

    @locked
    def gestures_of(self, customer_id: int) -> list[Gesture]:
        """One customer's stored gestures, in id order (the others are not decoded)."""
        docs = self._table(GESTURES)
        mine = sorted(int(k) for k, d in docs.items() if d.get("customer") == customer_id)
        return [decoded(gesture_from_document, "gesture", n, docs[str(n)], self.path) for n in mine]

    @locked
    def gesture(self, key: str) -> Gesture:
        """The stored gesture with this key (NotFound if none)."""
        number = self._gesture_number(key)
        if number is None:
            raise NotFound.gesture(key, self.path)
        return gesture_from_document(number, self._table(GESTURES)[str(number)])

    def _gesture_number(self, key: str) -> int | None:
        if not self._gesture_index.built:
            self._gesture_index.build(self._table(GESTURES))
        return self._gesture_index.get(key)

    def _put_gesture(self, number: int | None, doc: Doc) -> int:
        table = self._db.table(GESTURES)
        if number is None:
            number = int(table.insert(doc))
        else:
            table.update(doc, doc_ids=[number])
        self._gesture_index.put(number, doc)  # the transaction is not committed yet
        return number

    def _mark_done(self, key: str, customer: int, rep: str, day: date) -> None:
        """The gesture is done, on ``day`` (stored as its ``due``: the plan counts and restarts
        from the day it was done)."""
        number = self._gesture_number(key)
        if number is not None:
            doc = dict(self._table(GESTURES)[str(number)])
        else:
            try:
                key_customer, reason, occurrence = parse_gesture_key(key)
            except ValidationError:
                raise NotFound.gesture(key, self.path) from None
            if key_customer != customer:
                raise invalid(
                    "gesture", "{key} belongs to customer {other}", key=key, other=key_customer
                )
            doc = gesture_document(
                Gesture(key, customer, reason, occurrence, rep=rep), manual=False
            )
        doc.update(status=Status.DONE.value, until=None, due=day.isoformat())
        self._put_gesture(number, doc)

    @locked
    def set_gesture_state(
        self,
        key: str,
        status: Status,
        *,
        until: date | None = None,
        customer: int,
        reason: Reason,
        due: date,
    ) -> Gesture:
        """Mark a gesture done, skipped, snoozed (until a day) or open again."""
        if status is Status.OPEN:
            until = None
        probe = Gesture(key, customer, reason, due, status=status, until=until)
        with self._write():
            number = self._gesture_number(key)
            current = self._table(GESTURES).get(str(number)) if number is not None else None
            if current is not None and current.get("manual"):
                doc = dict(current)
                doc.update(status=probe.status.value, until=_iso(until))
            elif status is Status.OPEN:
                if number is not None:
                    self._db.table(GESTURES).remove(doc_ids=[number])
                    self._gesture_index.put(number, None)
                return probe
            else:
                doc = gesture_document(probe, manual=False)
                if current is not None:
                    doc["kind"], doc["purpose"] = current.get("kind"), current.get("purpose")
                    doc["note"], doc["rep"] = current.get("note", ""), current.get("rep", "")
            number = self._put_gesture(number, doc)
        return gesture_from_document(number, doc)

    @locked
    def add_manual_gesture(self, gesture: Gesture) -> Gesture:
        """Store a gesture a rep planned by hand (its key must be new)."""
        doc = gesture_document(gesture, manual=True)
        with self._write():
            if str(gesture.customer) not in self._table(CUSTOMERS):
                raise NotFound.customer(gesture.customer, self.path)
            if self._gesture_number(gesture.key) is not None:
                raise invalid("gesture", "{key} exists already", key=gesture.key)
            number = self._put_gesture(None, doc)
        return dataclasses.replace(gesture, id=number)

    @locked
    def clear_gesture_state(self, key: str) -> None:
        """Back to open (undo): a state record goes away, a manual gesture is open again."""
        with self._write():
            number = self._gesture_number(key)
            if number is None:
                raise NotFound.gesture(key, self.path)
            doc = self._table(GESTURES)[str(number)]
            if doc.get("manual"):
                self._put_gesture(number, {**doc, "status": Status.OPEN.value, "until": None})
            else:
                self._db.table(GESTURES).remove(doc_ids=[number])
                self._gesture_index.put(number, None)
