"""Bulk loads (the demo, an import): many contacts and gestures into the tables at once.

Contacts and gestures name their customer by 1-based position in the list of new customers;
they are remapped to the new ids, and so are gesture keys that start with that position.
Runs inside the caller's transaction, which then writes one snapshot.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.domain.model import (
    Contact,
    Gesture,
    Reason,
    ValidationError,
    gesture_key,
    parse_gesture_key,
)
from tui.store.codec import Doc, contact_document, gesture_document

if TYPE_CHECKING:
    from tui.store.book import Book
    from tui.store.storage import BookStorage

CONTACTS = "contacts"


def bulk_tables(
    book: Book,
    storage: BookStorage,
    new_ids: Sequence[int],
    contacts: Sequence[Contact],
    gestures: Sequence[Gesture],
) -> None:
    """Put the gestures and contacts (and the recent window's share of them) in the tables."""
    count = len(new_ids)

    def remap_key(key: str | None) -> str | None:
        if key is None:
            return None
        try:
            position, reason, occurrence = parse_gesture_key(key)
        except ValidationError:
            return key
        if not 1 <= position <= count:
            return key
        return gesture_key(new_ids[position - 1], reason, occurrence)

    for gesture in gestures:
        remapped = dataclasses.replace(
            gesture,
            customer=new_ids[gesture.customer - 1],
            key=remap_key(gesture.key) or gesture.key,
        )
        manual = remapped.reason is Reason.MANUAL
        book._put_gesture(
            book._gesture_number(remapped.key), gesture_document(remapped, manual=manual)
        )
    added: dict[str, Doc] = {}
    years: dict[int, dict[str, Doc]] = {}
    numbers = storage.next_ids(CONTACTS, len(contacts))
    for number, contact in zip(numbers, contacts, strict=True):
        doc = contact_document(contact, new_ids[contact.customer - 1])
        key = remap_key(contact.gesture)
        if key is not None:
            doc["gesture"] = key
            book._mark_done(key, doc["customer"], contact.rep, contact.at.date())
        year = contact.at.year
        table = years.get(year)
        if table is None:
            table = years[year] = storage.table_for_update(f"{CONTACTS}/{year:04d}")
        table[str(number)] = doc
        added[str(number)] = doc
    storage.touch(f"{CONTACTS}/{year:04d}" for year in years)
    since = str(storage.table_data("meta").get("1", {}).get("recent_since", ""))
    book._rebuild_window(storage, added, since)
