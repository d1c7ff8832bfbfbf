"""Reading a book's files into the storage's state: the main file, the journal, catching up.

Half of :class:`~tui.store.storage.BookStorage` (a mixin; the rules are in ``storage.py``):
the journal is opened before the main file, so the journal a reader holds is never newer than
the main file; part files are read later, when first asked for (``parts.py``).
"""

from __future__ import annotations

import os
import stat
import zlib
from typing import TYPE_CHECKING

from tui.store import journal
from tui.store.errors import BookCorrupt, BookIsDirectory, BookMissing, BookPermission
from tui.store.snapshot import Seen, gc_paused, parse_tables, read_file
from tui.store.state import StorageState

if TYPE_CHECKING:
    pass

STORAGE_TABLE = "_storage"
CUSTOMERS_TABLE = "customers"  # the journal's customer changes are checked apart (Book)


class Reading(StorageState):
    """Load, refresh, and apply journal lines (mixed into BookStorage)."""

    # ----------------------------------------------------------------- other processes
    def changed_on_disk(self) -> bool:
        """Cheap: two ``stat`` calls, no parsing."""
        try:
            main = Seen.stat(self.path)
        except OSError:
            return True
        if main is None or main != self._main_seen:
            return True
        try:
            found = Seen.stat(self.journal_path)
        except OSError:
            return True
        seen = self._journal_seen
        if found is None or seen is None:
            return found is not seen
        return (found.dev, found.ino, found.size) != (seen.dev, seen.ino, seen.size)

    def refresh(self) -> bool:
        """Read what other processes changed; True if anything was new."""
        with self.lock:
            if self._depth:
                return False
            return self._refresh()

    def _refresh(self) -> bool:
        if not self.changed_on_disk():
            return False
        seen = self._journal_seen
        if Seen.stat(self.path) == self._main_seen and seen and self._journal_state == "ok":
            tail = self._read_journal_tail(seen)
            if tail is not None:
                start = self._journal_offset
                changes: dict[str, set[str]] = {}
                self._read_journal_lines(tail, start, changes)
                self._journal_seen = Seen(seen.dev, seen.ino, start + len(tail), seen.mtime_ns)
                if changes:
                    self._changed(changes)
                return bool(changes)
        self._load()
        return True

    def _read_journal_tail(self, seen: Seen) -> bytes | None:
        """The bytes after the last line we applied, if the journal is still the same file."""
        try:
            with open(self.journal_path, "rb") as handle:
                st = os.fstat(handle.fileno())
                if (st.st_dev, st.st_ino) != (seen.dev, seen.ino) or st.st_size < seen.size:
                    return None
                handle.seek(self._journal_offset)
                return handle.read()
        except OSError:
            return None

    # ----------------------------------------------------------------- reading
    def _load(self, *, strict: bool = True) -> list[bytes]:
        """Read the main file and its journal from scratch (journal opened first, see above);
        part files already read stay if their file did not change. Returns the journal lines
        that were skipped (only when not ``strict``: repair)."""
        try:
            journal_fd: int | None = os.open(self.journal_path, os.O_RDONLY)
        except FileNotFoundError:
            journal_fd = None
        except PermissionError:
            raise BookPermission(self.journal_path, write=False) from None
        except OSError:
            journal_fd = None
        try:
            try:
                raw, main_stat = read_file(self.path)
            except FileNotFoundError:
                raise BookMissing(self.path) from None
            data = b""
            journal_stat = None
            if journal_fd is not None:
                journal_stat = os.fstat(journal_fd)
                if stat.S_ISDIR(journal_stat.st_mode):
                    raise BookIsDirectory(self.journal_path)
                with os.fdopen(journal_fd, "rb", closefd=True) as handle:
                    journal_fd = None
                    data = handle.read()
            # the journal's header vouches for the main file byte for byte (the CRC its writer
            # saw): then it is the file our writer wrote, and its shapes and counters hold
            vouch = journal.header_vouch(data) if data else None
            vouched = vouch is not None and vouch == zlib.crc32(raw)
            tables = parse_tables(self.path, raw, written_by_us=vouched)
            if self._check is not None:
                self._check(tables)
        finally:
            if journal_fd is not None:
                os.close(journal_fd)

        bookkeeping = tables.pop(STORAGE_TABLE, {}).get("1", {})
        self._generation = str(bookkeeping.get("generation", ""))
        stored_ids = bookkeeping.get("ids", {})
        listed = bookkeeping.get("parts", [])
        if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
            raise BookCorrupt(self.path, "_storage.parts is not a list of table names")
        self._tables = self._parts.reset(
            tables, listed, self._tables, bookkeeping.get("files"), bookkeeping.get("carry")
        )
        if not isinstance(stored_ids, dict):
            stored_ids = {}
        self._ids = {}
        for name, docs in tables.items():
            counter = stored_ids.get(name)
            if vouched and type(counter) is int:
                continue  # our writer saved a counter at least as high as every id
            self._ids[name] = max(map(int, filter(str.isdigit, docs)), default=0)
        for name, counter in stored_ids.items():
            if type(counter) is int:
                self._ids[name] = max(self._ids.get(name, 0), counter)
        self._main_seen = Seen.of(main_stat, len(raw))
        self._main_vouch = None
        self.journal_customers = set()
        self._journal_seen = None
        self._journal_offset = 0
        self._journal_seq = 0
        self._journal_state = "missing"
        self.upgrade_backup = None
        skipped: list[bytes] = []
        if journal_stat is not None:
            self._journal_seen = Seen.of(journal_stat, len(data))
            with gc_paused():
                skipped = self._read_journal(data, strict=strict)
            if vouched and self._journal_state == "ok":  # byte for byte as vouched
                self._main_vouch = vouch
        self._changed(None)
        return skipped

    def _read_journal(self, data: bytes, *, strict: bool) -> list[bytes]:
        try:
            generation, start = journal.read_header(data)
        except journal.JournalDamaged as error:
            raise BookCorrupt(self.journal_path, str(error)) from None
        if generation is None or generation != self._generation or not self._generation:
            self._journal_state = "stale"  # left by a compaction cut short: lines are in the book
            return []
        self._journal_state = "ok"
        self._journal_offset = start
        if not strict:
            lines = journal.read_lines(data[start:], start, 0, strict=False)
            for entry in lines.entries:
                self._apply(entry, {})
            self._journal_seq = len(lines.entries)
            self._journal_offset = lines.end
            self._journal_state = "torn" if lines.torn else "ok"
            return list(journal.bad_lines(data, start))
        self._read_journal_lines(data[start:], start, {})
        return []

    def _read_journal_lines(self, data: bytes, base: int, changes: dict[str, set[str]]) -> None:
        """Apply the complete lines; a damaged one refuses the whole book (see module doc)."""
        try:
            lines = journal.read_lines(data, base, self._journal_seq)
        except journal.JournalDamaged as error:
            raise BookCorrupt(
                self.journal_path, f"{error}; 'kp repair' keeps every readable line"
            ) from None
        for entry in lines.entries:
            self._apply(entry, changes)
            self._journal_seq = entry.n
        self._journal_offset = lines.end

    def _apply(self, entry: journal.Entry, changes: dict[str, set[str]]) -> None:
        self.journal_customers.update(entry.puts.get(CUSTOMERS_TABLE, ()))
        for table, docs in entry.puts.items():
            if not self._parts.defer(table, docs, []):
                self._tables.setdefault(table, {}).update(docs)
            changes.setdefault(table, set()).update(docs)
        for table, ids in entry.dels.items():
            if not self._parts.defer(table, {}, ids):
                existing = self._tables.get(table, {})
                for doc_id in ids:
                    existing.pop(doc_id, None)
            changes.setdefault(table, set()).update(ids)
        self._parts.touched(entry.tables())
        for table, number in entry.ids.items():
            self._ids[table] = max(self._ids.get(table, 0), number)
