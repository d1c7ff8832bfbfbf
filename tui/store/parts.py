"""Part files: tables kept in files of their own, read only when first asked for.

What the storage must know about each part table: is it read yet (else journal lines for it wait
here until it is), did it change since the last snapshot (then the next snapshot rewrites it, and
only then), and is it listed in the main file (then its file must exist).
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.store.errors import BookCorrupt
from tui.store.layout import BookFiles, part_key
from tui.store.snapshot import Doc, Seen, TableData, Tables, parse_tables, read_file


class PartState:
    """The part tables of one book and what the storage has done with each."""

    def __init__(self, files: BookFiles, separate: frozenset[str]) -> None:
        self.files = files
        self.separate = separate
        self.names: set[str] = set()
        self._on_disk: set[str] = set()
        self._loaded: dict[str, Seen | None] = {}
        self._pending: dict[str, list[tuple[dict[str, Doc], list[str]]]] = {}
        self._dirty: set[str] = set()
        self._dropped: set[str] = set()

    def is_part(self, name: str) -> bool:
        return "/" in name or name in self.separate

    def is_loaded(self, name: str) -> bool:
        return name in self._loaded

    def reset(self, main: Tables, listed: Iterable[str], current: Tables) -> Tables:
        """A main file was read: keep the parts read before whose file did not change."""
        listed = {name for name in listed if self.is_part(name)}
        kept = {
            name: current[name]
            for name, seen in self._loaded.items()
            if name in listed
            and name in current
            and seen is not None
            and Seen.stat(self.files.part(name)) == seen
        }
        self._loaded = {name: self._loaded[name] for name in kept}
        self.names = set(listed) | set(kept)
        self._on_disk = set(listed)
        self._pending.clear()
        self._dirty.clear()
        self._dropped.clear()
        tables = {name: docs for name, docs in main.items() if not self.is_part(name)}
        tables.update(kept)
        return tables

    def load(self, name: str, tables: Tables) -> None:
        """Read the part file of ``name`` into ``tables`` and apply the lines waiting for it."""
        if name in self._loaded:
            return
        path = self.files.part(name)
        data: TableData = {}
        seen: Seen | None = None
        try:
            raw, st = read_file(path)
        except FileNotFoundError:
            if name in self._on_disk:
                raise BookCorrupt(path, "this part of the book is missing") from None
        else:
            parsed = parse_tables(path, raw)
            key = part_key(name)
            if set(parsed) != {key}:
                raise BookCorrupt(path, f"expected one table {key!r}")
            data = parsed[key]
            seen = Seen.of(st, len(raw))
        for puts, dels in self._pending.pop(name, []):
            data.update(puts)
            for doc_id in dels:
                data.pop(doc_id, None)
        tables[name] = data
        self._loaded[name] = seen
        self.names.add(name)

    def load_all(self, tables: Tables, ids: dict[str, int]) -> None:
        for name in sorted(self.names):
            self.load(name, tables)

    def defer(self, table: str, puts: dict[str, Doc], dels: list[str]) -> bool:
        """Keep a change of a part table not read yet; False if the caller applies it."""
        if not self.is_part(table):
            return False
        self.names.add(table)
        if table in self._loaded:
            return False
        self._pending.setdefault(table, []).append((puts, dels))
        return True

    def touched(self, tables: Iterable[str]) -> None:
        """These tables changed since the last snapshot."""
        for name in tables:
            if self.is_part(name):
                self.names.add(name)
                self._dirty.add(name)

    def replaced(self, tables: Tables, old: set[str]) -> None:
        """The whole state was replaced by ``tables`` (all in memory, all to be written)."""
        self.names = {name for name in tables if self.is_part(name)}
        self._loaded = dict.fromkeys(self.names)
        self._pending.clear()
        self._dirty = set(self.names)
        self._dropped = old - self.names

    def dirty_names(self) -> list[str]:
        return sorted(self._dirty)

    def written(self, name: str, seen: Seen | None) -> None:
        self._loaded[name] = seen

    def listed(self) -> list[str]:
        """The parts a new main file lists: those on disk and those written now (a table only
        looked at, that never had a document, has no file and is not listed)."""
        return sorted((self._on_disk | self._dirty) & self.names)

    def committed(self) -> set[str]:
        """A snapshot listing every part is on disk; the part files it no longer lists."""
        self._on_disk = (self._on_disk | self._dirty) & self.names
        self._dirty.clear()
        dropped, self._dropped = self._dropped, set()
        return dropped

    def on_disk(self) -> list[str]:
        return sorted(self._on_disk)
