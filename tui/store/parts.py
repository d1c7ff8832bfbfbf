"""Part files: tables kept in files of their own, read only when first asked for.

What the storage must know about each part table: is it read yet (else journal lines for it wait
here until it is), did it change since the last snapshot (then the next snapshot rewrites it, and
only then), and is it listed in the main file (then its file must exist).

And, for a snapshot that must not parse a big year file: what the main file recorded of each
part file when it was last written (size, time, highest id). A part that was not read is
extended instead of rewritten (``snapshot.extend_table``): its old bytes are copied, the
documents its journal lines add (ids above the highest) appended. What those lines change or
delete of the documents already in the file is *carried*: kept, as the net change per id, in
the main file (``_storage.carry``), applied whenever the part is read, until the part is
rewritten whole (when it was read anyway, or when its carry outgrows ``CARRY_LIMIT``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from tui.store.damage import check_contacts, holds_contacts
from tui.store.errors import BookCorrupt
from tui.store.layout import BookFiles, part_key
from tui.store.snapshot import Doc, Seen, TableData, Tables, parse_tables, read_file


@dataclass(frozen=True)
class PartFile:
    """A part file as a snapshot wrote it: its size and time then (a copy that keeps times,
    such as ``cp -a``, still matches) and the highest document id in it."""

    seen: Seen
    top: int

    def to_json(self) -> dict[str, int]:
        return {"bytes": self.seen.size, "mtime_ns": self.seen.mtime_ns, "top": self.top}

    @classmethod
    def from_json(cls, value: object) -> PartFile | None:
        """None for anything else (an older main file): that part is then rewritten whole."""
        if not isinstance(value, Mapping):
            return None
        fields = [value.get(k) for k in ("bytes", "mtime_ns", "top")]
        numbers = [f for f in fields if type(f) is int]
        if len(numbers) != len(fields):
            return None
        size, mtime_ns, top = numbers
        return cls(Seen(0, 0, size, mtime_ns), top)


#: bytes of carried changes per part before the next snapshot reads and rewrites that part
CARRY_LIMIT = 32 * 1024

#: a net change of a part: documents put by id, ids deleted
Change = tuple[dict[str, Doc], list[str]]
#: how a part is extended: its file as last written, the documents added, what is carried
Extension = tuple[PartFile, dict[str, Doc], Change]


def top_id(docs: Iterable[str]) -> int:
    return max(map(int, docs), default=0)


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
        self._files: dict[str, PartFile] = {}
        self._carry: dict[str, Change] = {}

    def is_part(self, name: str) -> bool:
        return "/" in name or name in self.separate

    def is_loaded(self, name: str) -> bool:
        return name in self._loaded

    def reset(
        self,
        main: Tables,
        listed: Iterable[str],
        current: Tables,
        files: object = None,
        carry: object = None,
    ) -> Tables:
        """A main file was read: keep the parts read before whose file did not change.
        ``files``: what that main file recorded of its part files (see :class:`PartFile`);
        ``carry``: the changes it carries for parts (see the module doc)."""
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
        self._files = {}
        if isinstance(files, Mapping):
            for name, value in files.items():
                record = PartFile.from_json(value)
                if name in self._on_disk and record is not None:
                    self._files[name] = record
        self._carry = _carried(self.files.path, carry, self._on_disk)
        for name, data in kept.items():  # read before: what is carried now applies on top
            _apply(data, [self._carry.get(name, ({}, []))])
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
            if holds_contacts(name):
                check_contacts(path, name, data)
            seen = Seen.of(st, len(raw))
        self._use(name, tables, data, seen)

    def install(self, name: str, tables: Tables, docs: TableData) -> None:
        """Use ``docs`` instead of the file of ``name`` (what repair kept of a damaged file);
        the waiting journal lines apply to them, and the next snapshot writes them."""
        self._loaded.pop(name, None)
        self._files.pop(name, None)
        self._use(name, tables, docs, None)
        self._carry.pop(name, None)
        self._dirty.add(name)

    def _use(self, name: str, tables: Tables, data: TableData, seen: Seen | None) -> None:
        carried = [self._carry[name]] if name in self._carry else []
        _apply(data, carried + self._pending.pop(name, []))
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
        self._carry.clear()
        self._dirty = set(self.names)
        self._dropped = old - self.names

    def dirty_names(self) -> list[str]:
        return sorted(self._dirty)

    def written(self, name: str, seen: Seen | None, top: int | None = None) -> None:
        """``name`` is in memory and was (or will be at this snapshot) written whole."""
        self._loaded[name] = seen
        self._files.pop(name, None)
        self._carry.pop(name, None)
        if seen is not None and top is not None:
            self._files[name] = PartFile(seen, top)

    def additions(self, name: str) -> Extension | None:
        """If ``name`` can be extended instead of rewritten: its file as last written, the
        documents its waiting journal lines add (ids above the file's highest, in order), and
        what is carried for it from now on (changes of the documents the file holds). None
        when it is read already, unrecorded, or its carry would grow past CARRY_LIMIT."""
        record = self._files.get(name)
        if name in self._loaded or record is None:
            return None
        net: dict[str, Doc | None] = {}
        for puts, dels in [self._carry.get(name, ({}, [])), *self._pending.get(name, [])]:
            net.update(puts)
            net.update(dict.fromkeys(dels))
        added: dict[str, Doc] = {}
        changed: dict[str, Doc] = {}
        deleted: list[str] = []
        for doc_id in sorted(net, key=int):
            doc = net[doc_id]
            if int(doc_id) > record.top:
                if doc is not None:
                    added[doc_id] = doc
            elif doc is None:
                deleted.append(doc_id)
            else:
                changed[doc_id] = doc
        if len(orjson.dumps([changed, deleted])) > CARRY_LIMIT:
            return None
        return record, added, (changed, deleted)

    def extended(self, name: str, record: PartFile, carry: Change) -> None:
        """The waiting lines of ``name`` are in its file now, or carried (it stays unread)."""
        self._pending.pop(name, None)
        self._files[name] = record
        if carry[0] or carry[1]:
            self._carry[name] = carry
        else:
            self._carry.pop(name, None)

    def carried(self) -> dict[str, dict[str, Any]]:
        """What the next main file carries for its parts (see the module doc)."""
        listed = set(self.listed())
        return {
            name: {"put": puts, "del": dels}
            for name, (puts, dels) in sorted(self._carry.items())
            if name in listed
        }

    def records(self) -> dict[str, dict[str, Any]]:
        """What the next main file records of the part files (see :class:`PartFile`)."""
        listed = set(self.listed())
        return {name: self._files[name].to_json() for name in sorted(self._files) if name in listed}

    def listed(self) -> list[str]:
        """The parts a new main file lists: those on disk and those written now (a table only
        looked at, that never had a document, has no file and is not listed)."""
        return sorted((self._on_disk | self._dirty) & self.names)

    def committed(self) -> set[str]:
        """A snapshot listing every part is on disk; the part files it no longer lists."""
        self._on_disk = (self._on_disk | self._dirty) & self.names
        self._dirty.clear()
        dropped, self._dropped = self._dropped, set()
        for name in dropped:
            self._files.pop(name, None)
            self._carry.pop(name, None)
        return dropped

    def on_disk(self) -> list[str]:
        return sorted(self._on_disk)


def _apply(data: TableData, changes: Iterable[Change]) -> None:
    for puts, dels in changes:
        data.update(puts)
        for doc_id in dels:
            data.pop(doc_id, None)


def _carried(path: Path, value: object, listed: set[str]) -> dict[str, Change]:
    """The main file's ``_storage.carry``; anything but its own shape is damage (the changes
    it should hold are nowhere else)."""
    if value is None:
        return {}
    found: dict[str, Change] = {}
    if isinstance(value, dict):
        for name, change in value.items():
            puts = change.get("put", {}) if isinstance(change, dict) else None
            dels = change.get("del", []) if isinstance(change, dict) else None
            if not (
                isinstance(puts, dict)
                and all(k.isdigit() and isinstance(d, dict) for k, d in puts.items())
                and isinstance(dels, list)
                and all(isinstance(k, str) and k.isdigit() for k in dels)
            ):
                break
            if name in listed:
                found[name] = (puts, dels)
        else:
            return found
    raise BookCorrupt(path, "_storage.carry is not a set of changes by part")
