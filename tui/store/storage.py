"""The book's state across its files, kept consistent between processes by transactions.

Why not stock TinyDB: its JSONStorage rewrites the file in place and re-parses it on every
operation, its cached next ids and query caches never notice other processes, and a killed writer
leaves a torn file. Files: see ``layout.py``; file primitives: ``files.py``/``snapshot.py``;
the journal's lines: ``journal.py``; the TinyDB adapter on top: ``adapter.py``.

Rules that make this safe:

* Every change runs in :meth:`BookStorage.transaction`: take the lock (timeout -> BookLocked),
  catch up with disk (``stat`` compare; a grown journal is read from where we stopped, a new
  main file is read whole, part files only when asked for), apply, then exactly ONE write: one
  journal line, or, for bulk loads, upgrades and compaction, a new snapshot.
* A snapshot writes each part file that changed since the last one (temp, fsync, rename), then
  the main file with a new generation (its old self kept as ``.bak``), then a fresh journal with
  that generation. A crash after some parts leaves parts that already hold some journal lines:
  replaying a line is idempotent (puts and deletes by id). A crash before the journal leaves a
  journal of an older generation: ignored, its lines are in the snapshot.
* Readers take no lock. They open the journal before the main file, so the journal they hold is
  never newer than the main file; part files are only ever newer than both (idempotent again).
* A complete journal line that does not count is damage: refused (BookCorrupt) until ``kp
  repair``; bytes after the last newline are a killed writer's and make the next writer compact.
* Compaction rewrites only what changed, and another writer then re-reads only the small main
  file: no writer waits on a re-read of the history.
* Id counters live in the book, so ids are never reused, even after deletes and reopening.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.store import journal
from tui.store.errors import BookCorrupt, BookError, BookMissing, BookPermission
from tui.store.files import (
    create_private_file,
    discard,
    fsync_directory,
    mode_for_replacing,
    new_file_mode,
    temp_path,
)
from tui.store.layout import BookFiles, part_key
from tui.store.locking import BookLock
from tui.store.parts import PartState
from tui.store.snapshot import (
    Doc,
    Seen,
    TableData,
    Tables,
    append_line,
    encode_tables,
    gc_paused,
    parse_tables,
    read_file,
    write_errors,
    write_file,
)

__all__ = ["BookStorage", "Changes", "Doc", "Tables", "gc_paused"]

#: ``changes`` handed to listeners: table -> ids that were put or deleted; None = reloaded whole
Changes = dict[str, set[str]] | None
Listener = Callable[[Changes], None]

STORAGE_TABLE = "_storage"
COMPACT_MIN_BYTES = 1 << 20


class BookStorage(Storage):
    """TinyDB storage over a main file, part files and a journal, with transactions.

    ``read()`` returns the in-memory state (main tables and the parts read so far; no I/O);
    ``write()`` replaces the whole state and is only allowed inside :meth:`transaction`.
    ``check`` runs on every freshly parsed main file before anything is applied, so the book can
    refuse a file it does not know before the journal is even read.
    ``lock`` is the one thread lock of this book: every read and write of its state holds it.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = True,
        lock_timeout: float = 10.0,
        initial: Callable[[], Tables] | None = None,
        check: Callable[[Tables], None] | None = None,
        separate: Iterable[str] = (),
        strict: bool = True,
    ) -> None:
        super().__init__()
        self.files = BookFiles.at(path)
        self.path = self.files.path
        self.directory = self.files.directory
        self.journal_path = self.files.journal
        self.lock_path = self.files.lock
        self.backup_path = self.files.backup
        self.lock_timeout = lock_timeout
        self.lock = threading.RLock()
        self._file_lock = BookLock(self.lock_path, self.path, lock_timeout)
        self._check = check
        self._strict = strict
        self._listeners: list[Listener] = []
        self._parts = PartState(self.files, frozenset(separate))
        self.version = 0
        self._tables: Tables = {}
        self._ids: dict[str, int] = {}
        self._generation = ""
        self._main_seen: Seen | None = None
        self._journal_seen: Seen | None = None  # size = bytes looked at
        self._journal_offset = 0  # end of the last valid line
        self._journal_seq = 0
        self._journal_state = "missing"  # ok | missing | stale | torn
        self.upgrade_backup: str | None = None  # staged upgrade: backup suffix, then a snapshot
        self.before_snapshot: list[Callable[[BookStorage], None]] = []
        self._depth = 0
        self._puts: dict[str, dict[str, Doc]] = {}
        self._dels: dict[str, set[str]] = {}
        self._id_bumps: dict[str, int] = {}
        self._rewrite = False
        self._replaced = False

        try:
            exists = self.path.exists() or self.path.is_symlink()
        except PermissionError:  # a folder on the way we may not enter
            raise BookPermission(self.path, write=False) from None
        if not exists:
            if not create:
                raise BookMissing(self.path)
            self._create(initial() if initial else {})
        else:
            self._load(strict=strict)
            self._clean_up_if_idle()

    # ----------------------------------------------------------------- TinyDB Storage interface
    def read(self) -> Tables:
        return self._tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the whole state (stock TinyDB tables do this); becomes a new snapshot."""
        self._require_transaction()
        self._parts.load_all(self._tables, self._ids)
        old_parts = set(self._parts.names)
        self._tables = {name: dict(docs) for name, docs in data.items()}
        for name, docs in self._tables.items():
            highest = max((int(k) for k in docs), default=0)
            self._ids[name] = max(self._ids.get(name, 0), highest)
        self._parts.replaced(self._tables, old_parts)
        self._rewrite = self._replaced = True

    def close(self) -> None:
        self._listeners.clear()

    # ----------------------------------------------------------------- state for the Table layer
    def table_data(self, name: str) -> TableData:
        """The live documents of one table (do not mutate outside a transaction); a part file
        is read the first time one of its tables is asked for."""
        with self.lock:
            if self._parts.is_part(name) and not self._parts.is_loaded(name):
                self._parts.load(name, self._tables)
            return self._tables.get(name, {})

    def table_for_update(self, name: str) -> TableData:
        self._require_transaction()
        self.table_data(name)
        return self._tables.setdefault(name, {})

    def tables(self) -> list[str]:
        """Every table of the book, part tables included (read or not)."""
        return sorted(set(self._tables) | set(self._parts.names))

    def is_loaded(self, name: str) -> bool:
        return not self._parts.is_part(name) or self._parts.is_loaded(name)

    def next_id(self, table: str) -> int:
        """A fresh id for ``table``; the counter is saved with the change, so never reused."""
        self._require_transaction()
        number = self._ids.get(table, 0) + 1
        self._ids[table] = number
        self._id_bumps[table] = number
        return number

    def next_ids(self, table: str, count: int) -> range:
        """``count`` fresh ids for ``table`` at once (bulk loads)."""
        self._require_transaction()
        first = self._ids.get(table, 0) + 1
        self._ids[table] = self._id_bumps[table] = first + count - 1
        return range(first, first + count)

    def record(self, table: str, puts: Mapping[str, Doc], deletes: set[str]) -> None:
        """Note what a change did, for the one journal line written at commit."""
        self._require_transaction()
        table_puts = self._puts.setdefault(table, {})
        table_dels = self._dels.setdefault(table, set())
        counter = self._ids.get(table, 0)
        for doc_id, doc in puts.items():
            table_puts[doc_id] = doc
            table_dels.discard(doc_id)
            if doc_id.isdigit() and int(doc_id) > counter and not self._parts.is_part(table):
                counter = self._ids[table] = self._id_bumps[table] = int(doc_id)
        for doc_id in deletes:
            table_puts.pop(doc_id, None)
            table_dels.add(doc_id)

    def put(self, table: str, doc_id: str, doc: Doc) -> None:
        """Store one document by id (inside a transaction). A part table that was not read yet
        is not read for this: the put is applied when (if ever) it is read."""
        self._require_transaction()
        if self._parts.is_part(table) and not self._parts.is_loaded(table):
            self._parts.defer(table, {doc_id: doc}, [])
        else:
            self._tables.setdefault(table, {})[doc_id] = doc
        self.record(table, {doc_id: doc}, set())

    def delete(self, table: str, doc_id: str) -> None:
        """Remove one document by id (inside a transaction)."""
        self.table_for_update(table).pop(doc_id, None)
        self.record(table, {}, {doc_id})

    def touch(self, tables: Iterable[str]) -> None:
        """These tables were changed in place (a bulk load): the snapshot rewrites them."""
        self._require_transaction()
        self._parts.touched(set(tables))

    def replace_table(self, name: str, docs: TableData) -> None:
        """Swap one table whole (a bulk load, moving the recent window); only before a
        snapshot, which writes it."""
        self._require_transaction()
        self._tables[name] = docs
        self._parts.touched([name])
        if self._parts.is_part(name):
            self._parts.written(name, None)

    def replace_all(self, tables: Tables) -> None:
        """Replace the whole state in this transaction; committed as one new snapshot."""
        self.write(tables)

    def stage_upgrade(self, tables: Tables, backup_suffix: str) -> None:
        """Hold ``tables`` (an older book read in a newer shape) in memory only; the first
        transaction copies the files to ``<file><backup_suffix>`` and writes them as a snapshot.
        Read-only use never touches the files."""
        with self.lock:
            old_parts = set(self._parts.names)
            self._tables = tables
            self._parts.replaced(tables, old_parts)
            for name, docs in tables.items():
                highest = max(map(int, filter(str.isdigit, docs)), default=0)
                self._ids[name] = max(self._ids.get(name, 0), highest)
            self.upgrade_backup = backup_suffix

    def request_snapshot(self) -> None:
        """Commit this transaction as a new snapshot instead of a journal line (bulk changes)."""
        self._require_transaction()
        self._rewrite = True

    def add_listener(self, listener: Listener) -> None:
        """Called after every state change, local or read from disk."""
        self._listeners.append(listener)

    @property
    def generation(self) -> str:
        return self._generation

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

    # ----------------------------------------------------------------- transactions
    @contextlib.contextmanager
    def transaction(self) -> Iterator[BookStorage]:
        """Lock, catch up with disk, let the caller change the state, write it as ONE change.

        Nested use joins the outer transaction. If the body raises, nothing is written and the
        in-memory state is re-read from disk.
        """
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self._file_lock.acquire()
            try:
                self._refresh()
                seen = self._journal_seen
                if self._journal_state == "ok" and seen and seen.size != self._journal_offset:
                    # we hold the lock, so nobody is writing: leftover bytes are a killed writer's
                    self._journal_state = "torn"
                self._depth = 1
                self._begin()
                try:
                    yield self
                    self._commit()
                except BaseException:
                    self._depth = 0
                    self._abort()
                    raise
                finally:
                    self._depth = 0
            finally:
                self._file_lock.release()

    def compact(self) -> None:
        """Fold the journal into a fresh snapshot now."""
        with self.transaction():
            self._rewrite = True

    def _require_transaction(self) -> None:
        if not self._depth:
            raise RuntimeError("the book can only be changed inside BookStorage.transaction()")

    def _begin(self) -> None:
        self._puts, self._dels, self._id_bumps = {}, {}, {}
        self._rewrite = self._replaced = False

    def _abort(self) -> None:
        self._begin()
        with contextlib.suppress(BookError, OSError):
            self._load()
            return
        self._main_seen = None  # forces a reload at the next refresh

    def _commit(self) -> None:
        changes: dict[str, set[str]] = {}
        for table, docs in self._puts.items():
            changes.setdefault(table, set()).update(docs)
        for table, ids in self._dels.items():
            changes.setdefault(table, set()).update(ids)
        changes = {table: ids for table, ids in changes.items() if ids}
        self._parts.touched(changes)
        if self.upgrade_backup is not None:
            self.copy_files(self.upgrade_backup)
            self.upgrade_backup = None
            self._rewrite = True
        if self._rewrite:
            self._snapshot()
            self._changed(None if self._replaced else changes)
        elif changes or self._id_bumps:
            if self._journal_state == "torn":
                self._snapshot()  # never append after a killed writer's torn line
            else:
                if self._journal_state != "ok":
                    self._write_journal_header()
                entry = journal.Entry(
                    self._journal_seq + 1,
                    {table: docs for table, docs in self._puts.items() if docs},
                    {table: sorted(ids) for table, ids in self._dels.items() if ids},
                    dict(self._id_bumps),
                )
                self._append(entry.encode())
                main_size = self._main_seen.size if self._main_seen else 0
                if self._journal_offset > max(COMPACT_MIN_BYTES, main_size // 8):
                    # the change is acknowledged already; a failed compaction can wait
                    with contextlib.suppress(BookError):
                        self._snapshot()
            self._changed(changes)
        self._begin()

    def _changed(self, changes: Changes) -> None:
        self.version += 1
        for listener in self._listeners:
            listener(changes)

    # ----------------------------------------------------------------- locking
    def _clean_up_if_idle(self) -> None:
        """Remove temp files of killed writers, if nobody holds the lock right now (a reader
        that finds none creates nothing, not even the lock file)."""
        if not any(any(self.directory.glob(p)) for p in self.files.temp_patterns()):
            return
        if not self._file_lock.try_acquire():
            return  # a writer is busy (it owns its temp files) or we may not write here
        try:
            self.remove_stale_temp_files()
        finally:
            self._file_lock.release()

    def remove_stale_temp_files(self) -> list[Path]:
        """Delete the book's ``.*.tmp`` files; only safe while holding the lock."""
        removed = []
        for pattern in self.files.temp_patterns():
            for candidate in self.directory.glob(pattern):
                with contextlib.suppress(OSError):
                    candidate.unlink()
                    removed.append(candidate)
        return removed

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
            tables = parse_tables(self.path, raw)
            if self._check is not None:
                self._check(tables)
            data = b""
            journal_stat = None
            if journal_fd is not None:
                journal_stat = os.fstat(journal_fd)
                with os.fdopen(journal_fd, "rb", closefd=True) as handle:
                    journal_fd = None
                    data = handle.read()
        finally:
            if journal_fd is not None:
                os.close(journal_fd)

        bookkeeping = tables.pop(STORAGE_TABLE, {}).get("1", {})
        self._generation = str(bookkeeping.get("generation", ""))
        stored_ids = bookkeeping.get("ids", {})
        listed = bookkeeping.get("parts", [])
        if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
            raise BookCorrupt(self.path, "_storage.parts is not a list of table names")
        self._tables = self._parts.reset(tables, listed, self._tables)
        self._ids = {}
        for name, docs in tables.items():
            highest = max(map(int, filter(str.isdigit, docs)), default=0)
            self._ids[name] = highest
        if isinstance(stored_ids, dict):
            for name, counter in stored_ids.items():
                if isinstance(counter, int):
                    self._ids[name] = max(self._ids.get(name, 0), counter)
        self._main_seen = Seen.of(main_stat, len(raw))
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

    # ----------------------------------------------------------------- writing
    def _create(self, tables: Tables) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        except PermissionError:
            raise BookPermission(self.path, write=True) from None
        except OSError as error:
            raise BookCorrupt(self.path, error.strerror or str(error)) from None
        self._file_lock.acquire()
        try:
            if self.path.exists():  # another process created it while we waited
                self._load()
                return
            self.remove_stale_temp_files()
            self._parts.replaced(tables, set())
            self._tables = tables
            for name, docs in tables.items():
                self._ids[name] = max((int(k) for k in docs), default=0)
            self._snapshot()
            self._changed(None)
        finally:
            self._file_lock.release()

    def _snapshot(self) -> None:
        """Changed parts, then the main file with a new generation, then a fresh journal."""
        for hook in self.before_snapshot:
            hook(self)
        generation = secrets.token_hex(8)
        mode = mode_for_replacing(self.path)
        with gc_paused():
            for name in self._parts.dirty_names():
                self._parts.load(name, self._tables)
                content = encode_tables({part_key(name): self._tables.get(name, {})})
                self._parts.written(name, write_file(self.files.part(name), content, mode))
        main = {name: docs for name, docs in self._tables.items() if not self._parts.is_part(name)}
        main[STORAGE_TABLE] = {
            "1": {
                "generation": generation,
                "ids": dict(sorted(self._ids.items())),
                "parts": self._parts.listed(),
            }
        }
        self._main_seen = write_file(self.path, encode_tables(main), mode, backup=self.backup_path)
        self._generation = generation
        dropped = self._parts.committed()
        self._write_journal_header(backup=True)
        for stale in dropped:
            discard(self.files.part(stale))

    def _write_journal_header(self, *, backup: bool = False) -> None:
        """Start a journal for the current main file (the old one is missing, stale or folded)."""
        header = journal.header(self._generation)
        self._journal_seen = write_file(
            self.journal_path,
            header,
            mode_for_replacing(self.path),
            backup=self.files.journal_backup if backup else None,
        )
        self._journal_offset = len(header)
        self._journal_seq = 0
        self._journal_state = "ok"

    def _append(self, line: bytes) -> None:
        seen = self._journal_seen
        assert seen is not None
        try:
            self._journal_seen = append_line(self.journal_path, line, seen, self._journal_offset)
        except BookError:
            self._journal_state = "torn"
            raise
        self._journal_offset += len(line)
        self._journal_seq += 1

    def copy_files(self, suffix: str) -> list[Path]:
        """Copy every file of the book to ``<file><suffix>``: a backup before an upgrade."""
        made = []
        sources = [self.path, self.journal_path, *map(self.files.part, self._parts.on_disk())]
        mode = mode_for_replacing(self.path)
        for source in sources:
            if not source.exists():
                continue
            target = source.with_name(source.name + suffix)
            tmp = temp_path(target, "copy")
            with write_errors(target):
                try:
                    create_private_file(tmp, source.read_bytes(), mode)
                    os.replace(tmp, target)
                except BaseException:
                    discard(tmp)
                    raise
            made.append(target)
        if made:
            with write_errors(self.directory):
                fsync_directory(self.directory)
        return made

    def repair(self) -> tuple[int, Path | None]:
        """Keep every readable journal line and fold them into a snapshot; the unreadable lines
        are saved to ``book.json.journal.rejected`` first. (lines kept, that file or None)."""
        with self.lock:
            self._file_lock.acquire()
            try:
                skipped = self._load(strict=False)
                kept = self._journal_seq
                rejected = None
                if skipped:
                    rejected = self.files.sibling(".journal.rejected")
                    content = b"".join(line + b"\n" for line in skipped)
                    write_file(rejected, content, mode_for_replacing(self.path))
                self._depth = 1
                try:
                    self._snapshot()
                finally:
                    self._depth = 0
                self._changed(None)
                return kept, rejected
            finally:
                self._file_lock.release()

    def copy_book(self, target: Path) -> list[Path]:
        """Write one consistent, self-contained copy of the book at ``target``: taken under the
        lock (so no change is half in it), every part read, journal folded. Refuses to
        overwrite an existing file."""
        files = BookFiles.at(target)
        if files.path.exists() or files.path.is_symlink():
            raise BookCorrupt(files.path, "a file is in the way; the backup was not written")
        with self.lock:
            self._file_lock.acquire()
            try:
                self._refresh()
                self._parts.load_all(self._tables, self._ids)
                mode = new_file_mode(files.directory)
                generation = secrets.token_hex(8)
                made = []
                parts = sorted(name for name in self._tables if self._parts.is_part(name))
                for name in parts:
                    content = encode_tables({part_key(name): self._tables[name]})
                    write_file(files.part(name), content, mode)
                    made.append(files.part(name))
                main = {n: d for n, d in self._tables.items() if not self._parts.is_part(n)}
                main[STORAGE_TABLE] = {
                    "1": {
                        "generation": generation,
                        "ids": dict(sorted(self._ids.items())),
                        "parts": parts,
                    }
                }
                write_file(files.journal, journal.header(generation), mode)
                write_file(files.path, encode_tables(main), mode)
                return [files.path, files.journal, *made]
            finally:
                self._file_lock.release()
