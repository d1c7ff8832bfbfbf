"""The contact half of the repository's reading side: a customer's history, a year's log, the
planner's window and this year's gifts, each from the part files it needs and no other.

Mixed into :class:`~tui.store.book.Book`, which provides the storage, the lock and the change
notices that keep the indexes here up to date; every public method holds the book's lock.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Collection, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.model import Contact
from tui.store import recent
from tui.store.codec import Doc, contact_from_document, decoded
from tui.store.errors import BookCorrupt
from tui.store.indexes import ContactIndex
from tui.store.locked import locked
from tui.store.snapshot import gc_paused

if TYPE_CHECKING:
    from tui.store.storage import BookStorage

CONTACTS = "contacts"
CUSTOMERS = "customers"
META = "meta"


def year_of_table(name: str) -> int | None:
    """2026 for ``contacts/2026``; None for any other table."""
    prefix, _, year = name.partition("/")
    return int(year) if prefix == CONTACTS and year.isdigit() else None


def _bisect(timeline: list[tuple[str, int]], key: tuple[str, int]) -> int:
    return bisect.bisect_left(timeline, key)


class ContactReading:
    """Contacts by customer, by year, in the recent window; needs the attributes below."""

    _storage: BookStorage
    path: Path
    lock: threading.RLock
    _index: ContactIndex
    _contact_cache: dict[int, Contact]
    _recent_gifts: dict[str, dict[object, list[tuple[str, str]]]] | None

    def _table(self, name: str) -> dict[str, Doc]:
        return self._storage.table_data(name)

    # ------------------------------------------------------------------ the recent window's parts
    def _owner_of(self, customer_id: object) -> object:
        """The stored owner of a customer (not decoded), None for an unknown id."""
        doc = self._table(CUSTOMERS).get(str(customer_id))
        return doc.get("owner") if doc is not None else None

    def _window_table(self, customer_id: int) -> str:
        """The window's part table that takes this customer's new contacts (a book kept in
        another layout is rebuilt by the same write, see ``recent.needs_trim``)."""
        return recent.table(self._owner_of(customer_id), customer_id)

    def _window_tables(self, customers: Collection[int] | None = None) -> list[str]:
        """The window's part tables holding ``customers`` (every one without a choice, or
        when the book keeps its window in a layout of before)."""
        existing = [name for name in self._storage.tables() if recent.is_window(name)]
        if customers is None:
            return existing
        meta = self._table(META).get("1", {})
        if recent.is_by_owner(meta):
            wanted = {self._window_table(c) for c in customers}
        elif "recent_by" not in meta:  # 16 parts by id, as the first layout kept it
            wanted = {recent.legacy_table(c) for c in customers}
        else:
            return existing
        return [name for name in existing if name in wanted]

    def _rebuild_window(self, storage: BookStorage, extra: dict[str, Doc], since: str) -> None:
        """Every window table anew from what they hold plus ``extra``, per rep and id, for a
        window from ``since`` (meta says so in the same write)."""
        meta = {**self._table(META).get("1", {}), **recent.meta(since)}
        existing = self._window_tables()
        window: dict[str, Doc] = {}
        for name in existing:
            window.update(self._table(name))
        window.update(extra)
        for name, docs in recent.rebuilt(existing, window, since, self._owner_of).items():
            storage.replace_table(name, docs)
        storage.replace_table(META, {**self._table(META), "1": meta})

    # ------------------------------------------------------------------ contacts: reading
    def _years(self, start: date | None = None, end: date | None = None) -> list[int]:
        found = []
        for name in self._storage.tables():
            year = year_of_table(name)
            if year is None or (start is not None and year < start.year):
                continue
            if end is None or year <= end.year:
                found.append(year)
        return sorted(found)

    def _ensure_years(self, years: Sequence[int]) -> None:
        for year in years:
            if year not in self._index.years:
                with gc_paused():
                    docs = self._storage.table_data(f"{CONTACTS}/{year}")
                    bad = self._index.add_year(year, docs)
                if bad:
                    raise BookCorrupt(self.path, f"contact {bad[0]} has no customer id")

    def _doc(self, number: int) -> Doc:
        year = self._index.year_of.get(number)
        doc = self._storage.table_data(f"{CONTACTS}/{year}").get(str(number))
        if doc is None:
            raise BookCorrupt(self.path, f"contact {number} is missing")
        return doc

    def _contact(self, number: int, doc: Doc) -> Contact:
        contact = self._contact_cache.get(number)
        if contact is None:
            contact = decoded(contact_from_document, "contact", number, doc, self.path)
            self._contact_cache[number] = contact
        return contact

    def _contacts(
        self, numbers: Sequence[int], doc_of: Callable[[int], Doc] | None = None
    ) -> list[Contact]:
        """Decode many at once (each only once per process), without GC passes in between."""
        lookup = doc_of or self._doc
        with gc_paused():
            return [self._contact(number, lookup(number)) for number in numbers]

    @locked
    def contacts(
        self,
        customer_id: int | None = None,
        *,
        start: date | None = None,
        end: date | None = None,
    ) -> list[Contact]:
        """Contacts of one customer (or all), sorted by time; ``start``/``end`` days inclusive.
        Reads the year files of the range (every year without a range)."""
        years = self._years(start, end)
        self._ensure_years(years)
        low = start.isoformat() if start is not None else ""
        high = (end + timedelta(days=1)).isoformat() if end is not None else "\uffff"
        if customer_id is None:
            numbers: list[int] = []
            for year in years:
                timeline = self._index.timeline(
                    year, self._storage.table_data(f"{CONTACTS}/{year}")
                )
                first = _bisect(timeline, (low, 0))
                last = _bisect(timeline, (high, 0))
                numbers += [number for _, number in timeline[first:last]]
            return self._contacts(numbers)
        ids = self._index.sorted_ids(customer_id, self._doc)
        if start is None and end is None:
            return self._contacts(ids)
        chosen = [n for n in ids if low <= self._doc(n).get("at", "") < high]
        return self._contacts(chosen)

    @locked
    def recent_contacts(
        self, since: date, *, keep: int = 0, customers: Collection[int] | None = None
    ) -> list[Contact]:
        """Contacts from ``since`` on, plus each customer's latest ``keep`` before it, by time.

        What the planner reads: from the recent window alone when it covers the question
        (``since`` inside it, ``keep`` <= its per-customer depth), else from the years the
        question reaches (team settings that look back further than the window).
        ``customers`` narrows it to some customers (one rep's).
        """
        window = str(self._table(META).get("1", {}).get("recent_since", "\uffff"))
        low = since.isoformat()
        if low >= window and keep <= recent.KEEP:
            docs: dict[str, Doc] = {}
            for name in self._window_tables(customers):
                docs.update(self._table(name))
            with gc_paused():
                chosen = recent.select(docs.items(), low, keep, customers)
            return self._contacts([n for _, n in chosen], lambda n: docs[str(n)])
        tables = self._years_back_to(since, keep, customers)
        with gc_paused():
            pairs = (item for table in tables for item in table.items())
            chosen = recent.select(pairs, low, keep, customers)

        def doc_of(number: int) -> Doc:
            key = str(number)
            for table in tables:
                doc = table.get(key)
                if doc is not None:
                    return doc
            raise BookCorrupt(self.path, f"contact {number} is missing")

        return self._contacts([n for _, n in chosen], doc_of)

    def _years_back_to(
        self, since: date, keep: int, customers: Collection[int] | None
    ) -> list[dict[str, Doc]]:
        """The year tables a question beyond the window needs, newest first: every year from
        ``since`` on, then older ones only while a customer still lacks ``keep`` contacts
        before ``since`` (so a longer look-back costs the years it reaches, not the history)."""
        if customers is not None:
            short = set(customers)
        else:
            docs = self._table(CUSTOMERS)
            short = {int(k) for k, d in docs.items() if not d.get("archived") and k.isdigit()}
        low = since.isoformat()
        before: dict[object, int] = {}
        tables: list[dict[str, Doc]] = []
        for year in sorted(self._years(), reverse=True):
            if year < since.year and (keep == 0 or not short):
                break
            table = self._storage.table_data(f"{CONTACTS}/{year}")
            tables.append(table)
            if keep == 0:
                continue
            for doc in table.values():
                customer = doc.get("customer")
                if customer in short and doc.get("at", "") < low:
                    before[customer] = before.get(customer, 0) + 1
                    if before[customer] >= keep:
                        short.discard(customer)
        return tables

    @locked
    def gifts(self, customer_id: int, *, start: date, end: date) -> list[Contact]:
        """The customer's contacts with an amount (gifts, giveaways) from ``start`` to ``end``,
        by time: from the recent window when it holds them (this year's), else the years."""
        first = str(self._table(META).get("1", {}).get("recent_gifts_since", "\uffff"))
        low, high = start.isoformat(), (end + timedelta(days=1)).isoformat()
        if low < first:
            everything = self.contacts(customer_id, start=start, end=end)
            return [c for c in everything if c.amount is not None]
        if self._recent_gifts is None:
            self._recent_gifts = {}
        found: list[tuple[str, str]] = []
        docs: dict[str, Doc] = {}
        for name in self._window_tables([customer_id]):
            part = self._table(name)
            gifts = self._recent_gifts.get(name)
            if gifts is None:  # one pass per part, then a lookup per recipient
                gifts = self._recent_gifts[name] = {}
                for doc_id, doc in part.items():
                    if "amount" in doc:
                        key = doc.get("customer")
                        gifts.setdefault(key, []).append((doc.get("at", ""), doc_id))
            mine = gifts.get(customer_id, ())
            found += mine
            docs.update((doc_id, part[doc_id]) for _at, doc_id in mine)
        chosen = [int(doc_id) for at, doc_id in sorted(found) if low <= at < high]
        return self._contacts(chosen, lambda n: docs[str(n)])
