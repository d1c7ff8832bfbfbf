"""The TinyDB adapter: TinyDB's ``Table`` and ``TinyDB`` on :class:`BookStorage`.

Stock ``Table`` re-reads the whole storage on every query and writes it whole on every change;
here a query reads the live table in memory, a change is recorded as a delta (one journal line
per transaction), ids come from the book-wide counters (never reused), and the query cache is
reset whenever the storage's state changed, including changes read from other processes. The
overridden methods (``_read_table``, ``_update_table``, ``_get_next_id``) are TinyDB 4's
private extension points; tests pin the behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any, cast

import orjson
from tinydb import TinyDB
from tinydb.table import Table

from tui.store.snapshot import Doc, TableData
from tui.store.storage import BookStorage


class _TrackedTable(MutableMapping[int, Doc]):
    """What TinyDB's Table updaters see: the live table, keyed by int, recording what changed.

    Documents read through it are fingerprinted (orjson bytes) so in-place updates, even nested
    ones, are noticed without copying every document.
    """

    def __init__(self, live: TableData) -> None:
        self.live = live
        self.puts: dict[str, Doc] = {}
        self.deletes: set[str] = set()
        self._before: dict[str, bytes] = {}

    def __getitem__(self, doc_id: int) -> Doc:
        key = str(doc_id)
        doc = self.live[key]
        if key not in self._before:
            self._before[key] = orjson.dumps(doc)
        return doc

    def __setitem__(self, doc_id: int, doc: Doc) -> None:
        key = str(doc_id)
        self.live[key] = doc
        self.puts[key] = doc
        self.deletes.discard(key)

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        del self.live[key]
        self.puts.pop(key, None)
        self.deletes.add(key)

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.live

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in list(self.live))

    def __len__(self) -> int:
        return len(self.live)

    def clear(self) -> None:
        self.deletes.update(self.live)
        self.puts.clear()
        self.live.clear()

    def finish(self) -> None:
        for key, before in self._before.items():
            doc = self.live.get(key)
            if doc is not None and key not in self.puts and _differs(doc, before):
                self.puts[key] = doc


def _differs(doc: Doc, before: bytes) -> bool:
    try:
        return orjson.dumps(doc) != before
    except TypeError:  # text that cannot be stored changed in: the commit refuses it
        return True


class BookTable(Table):
    """A TinyDB Table on :class:`BookStorage`: no re-parse per query, book-wide id counters,
    changes recorded as deltas (one journal line per transaction), query cache reset whenever
    the storage's state changed (including changes read from other processes)."""

    def __init__(self, storage: BookStorage, name: str, cache_size: int = 10) -> None:
        super().__init__(storage, name, cache_size=cache_size)
        self._book_storage = storage
        self._seen_version = storage.version

    def _read_table(self) -> dict[str, Any]:
        return self._book_storage.table_data(self.name)

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        view = _TrackedTable(self._book_storage.table_for_update(self.name))
        updater(cast(dict[int, Any], view))
        view.finish()
        self._book_storage.record(self.name, view.puts, view.deletes)
        self.clear_cache()

    def _get_next_id(self) -> int:
        return self._book_storage.next_id(self.name)

    def search(self, cond: Any) -> list[Any]:
        if self._seen_version != self._book_storage.version:
            self.clear_cache()
            self._seen_version = self._book_storage.version
        return cast(list[Any], super().search(cond))


class BookDB(TinyDB):
    """TinyDB over :class:`BookStorage` with :class:`BookTable` tables."""

    table_class = BookTable  # type: ignore[assignment]
    default_storage_class = BookStorage  # type: ignore[assignment]

    @property
    def book_storage(self) -> BookStorage:
        return cast(BookStorage, self.storage)
