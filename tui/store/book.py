"""The Book: the typed repository over the book's tables; the only API the app, CLI and engine use.

Every change method is one transaction on :class:`~tui.store.storage.BookStorage` (lock, catch
up with other processes, apply, one atomic write). Queries read memory, and part files the first
time they are needed: the planner reads the recent window (``recent.py``), a year's heatmap that
year, a customer's history every year. ``changed_on_disk()`` is a cheap stat check and
``refresh()`` reads what other processes wrote. Thread rule: see ``locked.py``.

Answered gestures: ``log_contact`` with ``contact.gesture`` set writes the contact AND a gesture
record with status ``done`` in the same journal line, so ``gestures()`` reports it done without
the engine having to look at contacts (and an undo is ``clear_gesture_state``).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, cast

import orjson

import tui
from tui.domain.model import Contact, Customer, Gesture, ValidationError, invalid
from tui.store import migrations, recent, upgrade
from tui.store.adapter import BookDB
from tui.store.book_contacts import year_of_table
from tui.store.book_repair import RepairRepository
from tui.store.book_roster import RosterQueries
from tui.store.bulk import bulk_tables
from tui.store.codec import (
    Doc,
    contact_document,
    customer_document,
    customer_from_document,
    decoded,
)
from tui.store.damage import Repaired
from tui.store.errors import BookCorrupt, NotFound
from tui.store.indexes import ContactIndex, GestureIndex
from tui.store.layout import BookFiles
from tui.store.locked import locked
from tui.store.snapshot import Seen, gc_paused
from tui.store.storage import BookStorage, Changes, Tables

if TYPE_CHECKING:
    from tui.store.book_check import Checked

CUSTOMERS = "customers"
CONTACTS = "contacts"
GESTURES = "gestures"
SETTINGS = "settings"
META = "meta"


class Book(RepairRepository, RosterQueries):
    """A customer book on disk. Open with :meth:`Book.open`; use as a context manager."""

    SCHEMA = 2

    def __init__(self, db: BookDB) -> None:
        self._db = db
        self._storage: BookStorage = db.book_storage
        self.path = self._storage.path
        self.lock: threading.RLock = self._storage.lock
        self.take_fold_refused = self._storage.take_fold_refused  # a compaction that could not run
        self._customer_cache: dict[int, Customer] = {}
        self._contact_cache: dict[int, Contact] = {}
        self._index = ContactIndex()
        self._gesture_index = GestureIndex()
        self._recent_gifts: dict[str, dict[object, list[tuple[str, str]]]] | None = None
        self._storage.add_listener(self._on_change)
        self._storage.before_snapshot.append(self._trim_recent)
        self._storage.before_snapshot.append(self._vouch_for_customers)

    # ------------------------------------------------------------------ open / close
    @classmethod
    def open(
        cls, path: Path, *, create: bool = True, lock_timeout: float = 10.0, strict: bool = True
    ) -> Book:
        """Open (or create) the book at ``path``. An older book is upgraded in memory; the
        first change writes it, after a backup copy (see ``upgrade.py``)."""
        path = Path(path)
        db = BookDB(
            path,
            storage=BookStorage,
            create=create,
            lock_timeout=lock_timeout,
            initial=cls._initial_tables,
            check=lambda tables: upgrade.check_main(path, tables, cls.SCHEMA),
            strict=strict,
        )
        book = cls(db)
        try:
            book._stage_upgrade()
        except BaseException:
            book.close()
            raise
        return book

    @classmethod
    def _initial_tables(cls) -> Tables:
        return {
            META: {"1": {**cls._new_meta(), **recent.meta(cls._window_start())}},
            CUSTOMERS: {},
            GESTURES: {},
            SETTINGS: {"1": {}},
        }

    @staticmethod
    def _window_start() -> str:
        return recent.window_start(date.today()).isoformat()

    @classmethod
    def _new_meta(cls) -> Doc:
        return {
            "schema": cls.SCHEMA,
            "created": datetime.now().isoformat(timespec="seconds"),
            "app": f"kundenpflege {tui.__version__}",
        }

    def _stage_upgrade(self) -> None:
        tables = self._storage.read()
        if not upgrade.is_layout_1(tables) and migrations.schema_of(tables) >= self.SCHEMA:
            return
        everything = {name: self._storage.table_data(name) for name in self._storage.tables()}
        result = upgrade.upgraded(
            self.path, everything, self.SCHEMA, f"kundenpflege {tui.__version__}"
        )
        if result is not None:
            self._storage.stage_upgrade(*result)
            self._on_change(None, stage=False)

    @contextmanager
    def _write(self, *, check: bool = True) -> Iterator[BookStorage]:
        """A transaction; once in a while (every ``recent.SLACK`` days) it also moves the recent
        window forward, as a snapshot, so the planner never outgrows the window."""
        with self._storage.transaction() as storage:
            if check and storage.depth == 1:
                self._refuse_if_damaged()
            yield storage
            if recent.needs_trim(self._table(META).get("1", {}), date.today()):
                storage.request_snapshot()

    def _refuse_if_damaged(self) -> None:
        """A book that reads as damaged takes no change either (BookCorrupt): every customer and
        gesture must decode. Cheap on a team book: the last snapshot's writer vouched for its
        customers (``BookStorage.customers_to_check``), so only the ones changed since are
        decoded; decoded customers are cached for the rest of the process."""
        self._check_customers()
        self.gestures()

    def _check_customers(self) -> None:
        keys = self._storage.customers_to_check()
        if keys is None:
            self.customers(include_archived=True)
            return
        docs = self._table(CUSTOMERS)
        for key in sorted(keys):
            if key in docs:
                self.customer(int(key))

    def _vouch_for_customers(self, storage: BookStorage) -> None:
        """At a snapshot: may the new journal's header vouch that every customer decodes?"""
        try:
            self._check_customers()
        except BookCorrupt:
            storage.vouch_next = False
        else:
            storage.vouch_next = True

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    @locked
    def meta(self) -> dict[str, Any]:
        """``{"schema": 1, "created": ..., "app": ...}``"""
        document = self._table(META).get("1", {})
        return {key: document.get(key) for key in ("schema", "created", "app")}

    # ------------------------------------------------------------------ change notices
    def _on_change(self, changes: Changes, *, stage: bool = True) -> None:
        if changes is None or any(map(recent.is_window, changes)):
            self._recent_gifts = None
        if changes is None:
            self._customer_cache.clear()
            self._contact_cache.clear()
            self._index.clear()
            self._gesture_index.clear()
            if stage:
                self._stage_upgrade()
            return
        for doc_id in changes.get(CUSTOMERS, ()):
            self._customer_cache.pop(int(doc_id), None)
        if changes.get(GESTURES):
            self._gesture_index.clear()
        for table, ids in changes.items():
            year = year_of_table(table)
            if year is None:
                continue
            docs = self._storage.table_data(table) if year in self._index.years else {}
            for doc_id in ids:
                number = int(doc_id)
                self._contact_cache.pop(number, None)
                if year not in self._index.years:
                    continue
                doc = docs.get(doc_id)
                if doc is None:
                    self._index.remove(number)
                elif not self._index.add(number, year, doc, self._doc):
                    raise BookCorrupt(self.path, f"contact {number} has no customer id")

    def _trim_recent(self, storage: BookStorage) -> None:
        """At a snapshot: move the recent window forward once it grew too old."""
        if recent.needs_trim(self._table(META).get("1", {}), date.today()):
            self._rebuild_window(storage, {}, self._window_start())

    # ------------------------------------------------------------------ contacts: writing
    @locked
    def log_contact(self, contact: Contact) -> Contact:
        """Store a contact; if it answers a gesture, that gesture is done in the same write.
        One journal line: no year file is read for it."""
        doc = contact_document(contact)
        with self._write() as storage:
            self.customer(contact.customer)  # NotFound, or BookCorrupt if it does not decode
            if contact.gesture is not None:
                day = contact.at.date()
                self._mark_done(contact.gesture, contact.customer, contact.rep, day)
            number = storage.next_id(CONTACTS)
            storage.put(f"{CONTACTS}/{contact.at.year:04d}", str(number), doc)
            storage.put(self._window_table(contact.customer), str(number), doc)
        return dataclasses.replace(contact, id=number)

    # ------------------------------------------------------------------ customers
    @locked
    def customer(self, customer_id: int) -> Customer:
        cached = self._customer_cache.get(customer_id)
        if cached is not None:
            return cached
        doc = self._table(CUSTOMERS).get(str(customer_id))
        if doc is None:
            raise NotFound.customer(customer_id, self.path)
        customer = decoded(customer_from_document, "customer", customer_id, doc, self.path)
        self._customer_cache[customer_id] = customer
        return customer

    @locked
    def customers(
        self, *, include_archived: bool = False, owner: str | None = None
    ) -> list[Customer]:
        """All customers in id order (archived ones only if asked); only ``owner``'s if given
        (the others are not even decoded: one rep's plan on a team book)."""
        docs = self._table(CUSTOMERS)
        ids = docs if owner is None else [k for k, d in docs.items() if d.get("owner") == owner]
        with gc_paused():
            found = [self.customer(int(doc_id)) for doc_id in ids]
        found.sort(key=lambda c: c.id or 0)
        return [c for c in found if include_archived or not c.archived]

    @locked
    def add_customer(self, customer: Customer) -> Customer:
        """Store a new customer; it gets a fresh id (ids are never reused)."""
        doc = customer_document(customer)
        with self._write():
            new_id = self._db.table(CUSTOMERS).insert(doc)
        return dataclasses.replace(customer, id=new_id)

    @locked
    def update_customer(self, customer: Customer) -> Customer:
        """Replace the stored customer with the same id."""
        if customer.id is None:
            raise invalid("customer", "an update needs the customer's id")
        doc = customer_document(customer)
        with self._write() as storage:
            before = self._window_table(customer.id)
            if str(customer.id) not in self._table(CUSTOMERS):
                raise NotFound.customer(customer.id, self.path)
            self._db.table(CUSTOMERS).update(doc, doc_ids=[customer.id])
            after = self._window_table(customer.id)
            if after != before:  # handed to another rep: its share of the window goes along
                moving = {
                    k: d for k, d in self._table(before).items() if d.get("customer") == customer.id
                }
                for key, contact_doc in moving.items():
                    storage.delete(before, key)
                    storage.put(after, key, contact_doc)
        return customer

    @locked
    def archive_customer(self, customer_id: int) -> Customer:
        """Hide a customer from plans and lists; the history stays."""
        with self._write():
            if str(customer_id) not in self._table(CUSTOMERS):
                raise NotFound.customer(customer_id, self.path)
            self._db.table(CUSTOMERS).update({"archived": True}, doc_ids=[customer_id])
        return self.customer(customer_id)

    @locked
    def find_customers(self, fragment: str) -> list[Customer]:
        """By id (archived too), or as quick capture matches: an exact name wins alone, else
        every active customer whose name or company contains the fragment (Müller = mueller)."""
        from tui.domain.matching import match_customers, may_fit  # only a search needs it

        text = fragment.strip()
        docs = self._table(CUSTOMERS)
        if not text:
            return []
        if text.isdigit() and text in docs:
            return [self.customer(int(text))]
        # decode only the customers the fragment may mean, not the whole team's
        ids = [k for k, d in docs.items() if may_fit(text, d.get("name"), d.get("company"))]
        candidates = [self.customer(int(k)) for k in ids]
        return match_customers(text, [c for c in candidates if not c.archived])

    # ------------------------------------------------------------------ settings
    @locked
    def settings(self) -> dict[str, Any]:
        """The team-wide settings (a copy)."""
        return cast(dict[str, Any], orjson.loads(orjson.dumps(self._table(SETTINGS).get("1", {}))))

    @locked
    def update_settings(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Merge ``changes`` into the settings; a value of None removes that key."""
        try:
            plain = orjson.loads(orjson.dumps(changes))
        except TypeError as error:
            raise ValidationError(f"settings: {error}") from None
        with self._write() as storage:
            merged = dict(self._table(SETTINGS).get("1", {}))
            for key, value in plain.items():
                if value is None:
                    merged.pop(key, None)
                else:
                    merged[key] = value
            storage.put(SETTINGS, "1", merged)
        return self.settings()

    # ------------------------------------------------------------------ batches
    @contextmanager
    def transaction(self) -> Iterator[Book]:
        """Several changes as ONE write: the calls inside join this transaction (lock held,
        written once at the end); if the body raises, nothing is written (an import is all or
        nothing)."""
        with self.lock, self._write():
            yield self

    # ------------------------------------------------------------------ other processes, files
    def changed_on_disk(self) -> bool:
        """Did another process change the book since we read it? Two ``stat`` calls."""
        return self._storage.changed_on_disk()

    @locked
    def files_seen(self) -> tuple[Seen | None, Seen | None]:
        """Which bytes of the main file and journal this state was read from: a reader of the
        same bytes gets an equal value (the app's head start compares the child's with its own)."""
        return self._storage.files_seen

    @locked
    def refresh(self) -> bool:
        """Read what other processes wrote; True if anything changed."""
        return self._storage.refresh()

    @locked
    def compact(self) -> None:
        """Fold the journal into a new snapshot now (done automatically when it grows)."""
        with self._write() as storage:
            storage.request_snapshot()

    @locked
    def backup(self, target: Path) -> list[Path]:
        """One consistent, self-contained copy of the book at ``target`` (a new book: its main
        file, part files and an empty journal), taken under the lock while others work."""
        return self._storage.copy_book(Path(target))

    @classmethod
    def repair(cls, path: Path) -> Repaired:
        """Keep every readable journal line and document, move the rest to ``.rejected``
        files, and fold it all into the book (``book_check.py``)."""
        from tui.store import book_check  # only check and repair need it

        with cls.open(path, create=False, strict=False) as book:
            return book_check.repair(book)

    @classmethod
    def check(cls, path: Path) -> Checked:
        """Read every file of the book and decode every document (``book_check.py``)."""
        from tui.store import book_check  # only check and repair need it

        try:
            book = cls.open(path, create=False)
            found = []
        except BookCorrupt as error:
            if error.path != BookFiles.at(path).journal:
                raise
            book = cls.open(path, create=False, strict=False)
            found = [book_check.Problem(error.path, error.detail)]
        with book:
            return book_check.check(book, found)

    # ------------------------------------------------------------------ bulk
    @locked
    def bulk_load(
        self,
        customers: Sequence[Customer],
        contacts: Sequence[Contact],
        gestures: Sequence[Gesture] = (),
    ) -> list[Customer]:
        """Add many customers, contacts and gestures in ONE atomic write (a new snapshot).

        Contacts and gestures name their customer by 1-based position in ``customers``; they are
        remapped to the new ids, and so are gesture keys that start with that position.
        Contacts that answer a gesture mark it done, as in :meth:`log_contact`.
        """
        count = len(customers)
        for position in [c.customer for c in contacts] + [g.customer for g in gestures]:
            if not 1 <= position <= count:
                raise ValidationError(f"customer: position {position} is not between 1 and {count}")
        with self._write() as storage:
            new_ids = [
                int(n)
                for n in self._db.table(CUSTOMERS).insert_multiple(
                    customer_document(c) for c in customers
                )
            ]
            bulk_tables(self, storage, new_ids, contacts, gestures)
            self._on_change(None, stage=False)
            storage.request_snapshot()
        return [self.customer(n) for n in new_ids]
