"""The book on disk: a TinyDB JSON snapshot plus an append-only journal, safe for several processes.

Why not stock TinyDB: its JSONStorage rewrites the file in place and re-parses it on every
operation, its cached next ids and query caches never notice other processes, and a killed writer
leaves a torn file (see DESIGN.md, "What we know about TinyDB under load").

Layout (decided by measurement, see bench/bench_store.py and the figures below)::

    book.json           TinyDB JSON: {"table": {"id": {document}}}; valid at every instant
    book.json.journal   JSON lines: a header {"journal": 1, "generation": G}, then one line per
                        logical change {"n": k, "put": {table: {id: doc}}, "del": {table: [ids]},
                        "ids": {table: last id}}
    book.json.lock      the cross-process lock (a separate file: the rename swaps book.json out
                        from under any lock held on it)
    book.json.bak       hard link to the previous snapshot; book.json.journal.bak likewise

Measured on the shared 2-core VM (ext4), bench/bench_store.py: rewriting + fsyncing the whole
snapshot costs 7-26 ms for the rep book (300 customers, 25k contacts, 3.6 MB; it varies with the
load of the machine) and 150-200 ms for the team book (5,000 customers, 500k contacts, 73 MB);
appending one fdatasynced journal line makes ``log_contact`` take ~0.4 ms (median) at either size.
So a change is normally one ``write()`` + ``fdatasync`` of one journal line, and the journal is
folded into a fresh snapshot ("compaction", 15 ms rep / 0.6 s team) once it is larger than
``max(1 MiB, snapshot / 8)``, which bounds the replay cost on open. One TinyDB file per year of
contacts was the other measured option; it still rewrites ~7 MB per change for the team book
(28 ms) and makes every query cross files, so the journal won.

Rules that make this safe:

* Every change runs in :meth:`BookStorage.transaction`: take the lock (timeout -> BookLocked),
  re-read what changed on disk (``stat`` compare of (dev, inode, size, mtime_ns); a grown journal
  is read from where we stopped, a new snapshot is read whole), apply, then exactly ONE write:
  one journal line, or for bulk loads, migrations and compaction one new snapshot.
* A snapshot is written to a temp file in the same directory, fsynced, the old one hard-linked as
  ``.bak``, ``os.replace``d, the directory fsynced; then a fresh journal with the snapshot's
  generation replaces the old one the same way. A crash between the two leaves a journal whose
  generation does not match: it is ignored (its lines are in the snapshot already).
* Readers take no lock. They open the journal before the snapshot, so the journal they hold is
  never newer than the snapshot; a journal of another generation is ignored. A journal line counts
  only when it ends in a newline, parses, and carries the next sequence number; anything after the
  first bad line is a torn write of a killed process that was never acknowledged. A writer that
  finds such a tail compacts instead of appending after it.
* Temp files left by killed writers are removed on open, under the lock.
* ``changed_on_disk`` compares (dev, inode, size, mtime_ns); an inode freed by an old ``.bak``
  can be reused, so in theory two compactions within one timestamp tick yielding the same size
  could go unnoticed until the next change; the ``.bak`` links make that a two-step reuse.
* Id counters live in the book (``_storage`` table and the journal's ``ids``), so ids are never
  reused, even after deletes and reopening.
* New files are 0600, or 0660 with the directory's group when the directory is setgid (a team
  directory), plus any bits the existing book already grants (a rewrite keeps a 0640 book 0640).
"""

from __future__ import annotations

import contextlib
import gc
import os
import secrets
import shutil
import stat
import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import filelock
import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from tui.store.errors import (
    BookCorrupt,
    BookError,
    BookLocked,
    BookMissing,
    BookPermission,
    BookWriteFailed,
)

Doc = dict[str, Any]
TableData = dict[str, Doc]
Tables = dict[str, TableData]
#: ``changes`` handed to listeners: table -> ids that were put or deleted; None = reloaded whole
Changes = dict[str, set[str]] | None
Listener = Callable[[Changes], None]

STORAGE_TABLE = "_storage"
JOURNAL_FORMAT = 1
COMPACT_MIN_BYTES = 1 << 20


@dataclass(frozen=True)
class _Seen:
    """What we last read of a file; a different stat means someone else changed it."""

    dev: int
    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result, size: int | None = None) -> _Seen:
        return cls(st.st_dev, st.st_ino, st.st_size if size is None else size, st.st_mtime_ns)


def new_file_mode(directory: Path) -> tuple[int, int | None]:
    """Mode and group for a new file: 0600, or 0660 and the directory's group if it is setgid."""
    st = os.stat(directory)
    if st.st_mode & stat.S_ISGID:
        return 0o660, st.st_gid
    return 0o600, None


def _apply_mode(fd: int, mode: int, gid: int | None) -> None:
    """Set the exact mode (the umask must not decide who can read a customer book)."""
    if gid is not None and os.fstat(fd).st_gid != gid:
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, gid)
    os.fchmod(fd, mode)


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection while we build hundreds of thousands of objects that all stay
    alive (parsing a book, decoding its contacts): the collector would scan them over and over
    for nothing. The previous state is restored afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_fd(fd: int) -> bytes:
    with os.fdopen(fd, "rb", closefd=True) as handle:
        return handle.read()


def _valid_delta(entry: Mapping[str, Any]) -> bool:
    """A journal line has the shape we write; anything else counts as a torn line."""
    puts = entry.get("put", {})
    dels = entry.get("del", {})
    ids = entry.get("ids", {})
    if not (isinstance(puts, dict) and isinstance(dels, dict) and isinstance(ids, dict)):
        return False
    for docs in puts.values():
        if not isinstance(docs, dict) or not all(isinstance(d, dict) for d in docs.values()):
            return False
    for keys in dels.values():
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            return False
    return all(isinstance(v, int) for v in ids.values())


class BookStorage(Storage):
    """TinyDB storage over a snapshot + journal, with cross-process transactions.

    ``read()`` returns the in-memory state (no I/O: refresh explicitly or start a transaction);
    ``write()`` replaces the whole state and is only allowed inside :meth:`transaction`.
    ``check`` runs on every freshly parsed snapshot before anything is applied, so the book can
    refuse a schema it does not know before the journal is even read.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = True,
        lock_timeout: float = 10.0,
        initial: Callable[[], Tables] | None = None,
        check: Callable[[Tables], None] | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path).absolute()
        self.directory = self.path.parent
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self.lock_timeout = lock_timeout
        self._check = check
        self._thread_lock = threading.RLock()
        self._file_lock: filelock.BaseFileLock | None = None
        self._listeners: list[Listener] = []
        self.version = 0
        # what we know: state, and what of the files it came from
        self._tables: Tables = {}
        self._ids: dict[str, int] = {}
        self._generation = ""
        self._snapshot_seen: _Seen | None = None
        self._journal_seen: _Seen | None = None  # size = bytes looked at
        self._journal_offset = 0  # end of the last valid line
        self._journal_seq = 0
        self._journal_state = "missing"  # ok | missing | stale | torn
        # the transaction in progress
        self._depth = 0
        self._puts: dict[str, dict[str, Doc]] = {}
        self._dels: dict[str, set[str]] = {}
        self._id_bumps: dict[str, int] = {}
        self._rewrite = False

        if not self.path.exists():
            if not create:
                raise BookMissing(self.path)
            self._create(initial() if initial else {})
        else:
            self._load()
            self._clean_up_if_idle()

    # ----------------------------------------------------------------- TinyDB Storage interface
    def read(self) -> Tables:
        return self._tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the whole state (stock TinyDB tables do this); becomes a new snapshot."""
        self._require_transaction()
        self._tables = {name: dict(docs) for name, docs in data.items()}
        for name, docs in self._tables.items():
            highest = max((int(k) for k in docs), default=0)
            self._ids[name] = max(self._ids.get(name, 0), highest)
        self._rewrite = True

    def close(self) -> None:
        self._listeners.clear()

    # ----------------------------------------------------------------- state for the Table layer
    def table_data(self, name: str) -> TableData:
        """The live documents of one table (do not mutate outside a transaction)."""
        return self._tables.get(name, {})

    def table_for_update(self, name: str) -> TableData:
        self._require_transaction()
        return self._tables.setdefault(name, {})

    def next_id(self, table: str) -> int:
        """A fresh id for ``table``; the counter is saved with the change, so never reused."""
        self._require_transaction()
        number = self._ids.get(table, 0) + 1
        self._ids[table] = number
        self._id_bumps[table] = number
        return number

    def record(self, table: str, puts: Mapping[str, Doc], deletes: set[str]) -> None:
        """Note what a change did, for the one journal line written at commit."""
        self._require_transaction()
        table_puts = self._puts.setdefault(table, {})
        table_dels = self._dels.setdefault(table, set())
        counter = self._ids.get(table, 0)
        for doc_id, doc in puts.items():
            table_puts[doc_id] = doc
            table_dels.discard(doc_id)
            if doc_id.isdigit() and int(doc_id) > counter:  # an insert with an explicit id
                counter = self._ids[table] = self._id_bumps[table] = int(doc_id)
        for doc_id in deletes:
            table_puts.pop(doc_id, None)
            table_dels.add(doc_id)

    def put(self, table: str, doc_id: str, doc: Doc) -> None:
        """Store one document by id (inside a transaction)."""
        self.table_for_update(table)[doc_id] = doc
        self.record(table, {doc_id: doc}, set())

    def delete(self, table: str, doc_id: str) -> None:
        """Remove one document by id (inside a transaction)."""
        self.table_for_update(table).pop(doc_id, None)
        self.record(table, {}, {doc_id})

    def replace_all(self, tables: Tables) -> None:
        """Replace the whole state in this transaction; committed as one new snapshot."""
        self.write(tables)

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
            snapshot = _Seen.of(os.stat(self.path))
        except OSError:
            return True
        if snapshot != self._snapshot_seen:
            return True
        try:
            journal: _Seen | None = _Seen.of(os.stat(self.journal_path))
        except FileNotFoundError:
            journal = None
        except OSError:
            return True
        seen = self._journal_seen
        if journal is None or seen is None:
            return journal is not seen
        return (journal.dev, journal.ino, journal.size) != (seen.dev, seen.ino, seen.size)

    def refresh(self) -> bool:
        """Read what other processes changed; True if anything was new."""
        with self._thread_lock:
            if self._depth:
                return False
            return self._refresh()

    def _refresh(self) -> bool:
        if not self.changed_on_disk():
            return False
        try:
            snapshot = _Seen.of(os.stat(self.path))
        except OSError:
            snapshot = None
        seen = self._journal_seen
        if (
            snapshot is not None
            and snapshot == self._snapshot_seen
            and seen is not None
            and self._journal_state == "ok"
        ):
            tail = self._read_journal_tail(seen)
            if tail is not None:
                start = self._journal_offset
                changes: dict[str, set[str]] = {}
                self._read_journal_lines(tail, start, changes)
                self._journal_seen = _Seen(seen.dev, seen.ino, start + len(tail), seen.mtime_ns)
                if changes:
                    self._changed(changes)
                return bool(changes)
        self._load()
        return True

    def _read_journal_tail(self, seen: _Seen) -> bytes | None:
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
        with self._thread_lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self._acquire(self.lock_timeout)
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
                self._release()

    def compact(self) -> None:
        """Fold the journal into a fresh snapshot now."""
        with self.transaction():
            self._rewrite = True

    def _require_transaction(self) -> None:
        if not self._depth:
            raise RuntimeError("the book can only be changed inside BookStorage.transaction()")

    def _begin(self) -> None:
        self._puts, self._dels, self._id_bumps, self._rewrite = {}, {}, {}, False

    def _abort(self) -> None:
        self._begin()
        with contextlib.suppress(BookError, OSError):
            self._load()
            return
        self._snapshot_seen = None  # forces a reload at the next refresh

    def _commit(self) -> None:
        changes: dict[str, set[str]] = {}
        for table, docs in self._puts.items():
            changes.setdefault(table, set()).update(docs)
        for table, ids in self._dels.items():
            changes.setdefault(table, set()).update(ids)
        changes = {table: ids for table, ids in changes.items() if ids}
        if self._rewrite:
            self._write_snapshot()
            self._changed(None)
        elif changes or self._id_bumps:
            if self._journal_state == "torn":
                self._write_snapshot()  # never append after a killed writer's torn line
            else:
                if self._journal_state != "ok":
                    self._write_journal_header()
                entry: dict[str, Any] = {"n": self._journal_seq + 1}
                puts = {table: docs for table, docs in self._puts.items() if docs}
                dels = {table: sorted(ids) for table, ids in self._dels.items() if ids}
                if puts:
                    entry["put"] = puts
                if dels:
                    entry["del"] = dels
                if self._id_bumps:
                    entry["ids"] = dict(self._id_bumps)
                self._append(orjson.dumps(entry) + b"\n")
                snapshot_size = self._snapshot_seen.size if self._snapshot_seen else 0
                if self._journal_offset > max(COMPACT_MIN_BYTES, snapshot_size // 8):
                    # the change is acknowledged already; a failed compaction can wait
                    with contextlib.suppress(BookError):
                        self._write_snapshot()
            self._changed(changes)
        self._begin()

    def _changed(self, changes: Changes) -> None:
        self.version += 1
        for listener in self._listeners:
            listener(changes)

    # ----------------------------------------------------------------- locking
    def _lock(self) -> filelock.BaseFileLock:
        if self._file_lock is None:
            if not self.lock_path.exists():
                self._create_private_file(self.lock_path)
            self._file_lock = filelock.FileLock(str(self.lock_path))
        return self._file_lock

    def _acquire(self, timeout: float) -> None:
        try:
            self._lock().acquire(timeout=timeout)
        except filelock.Timeout:
            raise BookLocked(self.path, timeout) from None
        except PermissionError:
            raise BookPermission(self.lock_path, write=True) from None
        except OSError as error:
            raise BookWriteFailed(self.lock_path, error.strerror or str(error)) from None

    def _release(self) -> None:
        if self._file_lock is not None:
            self._file_lock.release()

    def _clean_up_if_idle(self) -> None:
        """Remove temp files of killed writers, if nobody holds the lock right now."""
        try:
            self._acquire(0)
        except BookError:
            return  # a writer is busy (it owns its temp files) or we may not write here
        try:
            self.remove_stale_temp_files()
        finally:
            self._release()

    def remove_stale_temp_files(self) -> list[Path]:
        """Delete ``.book.json.*.tmp`` files; only safe while holding the lock."""
        removed = []
        for candidate in self.directory.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
        return removed

    # ----------------------------------------------------------------- reading
    def _load(self) -> None:
        """Read the snapshot and its journal from scratch (journal opened first, see above)."""
        try:
            journal_fd: int | None = os.open(self.journal_path, os.O_RDONLY)
        except FileNotFoundError:
            journal_fd = None
        except PermissionError:
            raise BookPermission(self.journal_path, write=False) from None
        try:
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except FileNotFoundError:
                raise BookMissing(self.path) from None
            except PermissionError:
                raise BookPermission(self.path, write=False) from None
            except OSError as error:
                raise BookCorrupt(self.path, error.strerror or str(error)) from None
            try:
                snapshot_stat = os.fstat(fd)
                raw = _read_fd(fd)
            except IsADirectoryError:
                raise BookCorrupt(self.path, "is a directory") from None
            with gc_paused():
                tables = self._parse_snapshot(raw)
            if self._check is not None:
                self._check(tables)
            journal = b""
            journal_stat = None
            if journal_fd is not None:
                journal_stat = os.fstat(journal_fd)
                journal = _read_fd(journal_fd)
                journal_fd = None
        finally:
            if journal_fd is not None:
                os.close(journal_fd)

        bookkeeping = tables.get(STORAGE_TABLE, {}).get("1", {})
        self._tables = tables
        self._generation = str(bookkeeping.get("generation", ""))
        stored_ids = bookkeeping.get("ids", {})
        self._ids = {}
        for name, docs in tables.items():
            if name == STORAGE_TABLE:
                continue
            highest = max(map(int, filter(str.isdigit, docs)), default=0)
            counter = stored_ids.get(name, 0) if isinstance(stored_ids, dict) else 0
            self._ids[name] = max(highest, counter if isinstance(counter, int) else 0)
        self._snapshot_seen = _Seen.of(snapshot_stat, len(raw))
        self._journal_seen = None
        self._journal_offset = 0
        self._journal_seq = 0
        self._journal_state = "missing"
        if journal_stat is not None:
            self._journal_seen = _Seen.of(journal_stat, len(journal))
            with gc_paused():
                self._read_journal(journal)
        self._changed(None)

    def _parse_snapshot(self, raw: bytes) -> Tables:
        if not raw.strip():
            raise BookCorrupt(self.path, "the file is empty")
        try:
            tables = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise BookCorrupt(self.path, f"not valid JSON ({error})") from None
        if not isinstance(tables, dict):
            raise BookCorrupt(self.path, "not a TinyDB document (expected an object of tables)")
        for name, docs in tables.items():
            if not isinstance(docs, dict):
                raise BookCorrupt(self.path, f"table {name!r} is not an object of documents")
            # checked with C-level loops first (a team book has 500,000 documents)
            if all(map(str.isdigit, docs)) and set(map(type, docs.values())) <= {dict}:
                continue
            for doc_id, doc in docs.items():
                if not isinstance(doc, dict) or not doc_id.isdigit():
                    raise BookCorrupt(self.path, f"{name} {doc_id!r} is not a document")
        return cast(Tables, tables)

    def _read_journal(self, data: bytes) -> None:
        newline = data.find(b"\n")
        if newline < 0:
            # a header is written whole via rename, so a short one means an empty/foreign file
            self._journal_state = "stale"
            return
        try:
            header = orjson.loads(data[:newline])
        except orjson.JSONDecodeError:
            raise BookCorrupt(self.journal_path, "the journal header is not valid JSON") from None
        if not isinstance(header, dict) or header.get("journal") != JOURNAL_FORMAT:
            raise BookCorrupt(self.journal_path, "not a journal this version can read")
        if header.get("generation") != self._generation or not self._generation:
            self._journal_state = "stale"  # left by a compaction cut short: lines are in the book
            return
        self._journal_state = "ok"
        self._journal_offset = newline + 1
        self._read_journal_lines(data[newline + 1 :], newline + 1, {})

    def _read_journal_lines(self, data: bytes, base: int, changes: dict[str, set[str]]) -> None:
        """Apply complete, valid, in-sequence lines; mark the journal torn at the first bad one."""
        position = 0
        while position < len(data):
            newline = data.find(b"\n", position)
            if newline < 0:
                break  # a line still being written, or torn; not acknowledged either way
            try:
                entry = orjson.loads(data[position:newline])
            except orjson.JSONDecodeError:
                entry = None
            if (
                not isinstance(entry, dict)
                or entry.get("n") != self._journal_seq + 1
                or not _valid_delta(entry)
            ):
                self._journal_state = "torn"
                break
            self._apply(entry, changes)
            self._journal_seq += 1
            position = newline + 1
            self._journal_offset = base + position

    def _apply(self, entry: Mapping[str, Any], changes: dict[str, set[str]]) -> None:
        for table, docs in entry.get("put", {}).items():
            self._tables.setdefault(table, {}).update(docs)
            changes.setdefault(table, set()).update(docs)
        for table, ids in entry.get("del", {}).items():
            existing = self._tables.get(table, {})
            for doc_id in ids:
                existing.pop(doc_id, None)
            changes.setdefault(table, set()).update(ids)
        for table, number in entry.get("ids", {}).items():
            self._ids[table] = max(self._ids.get(table, 0), number)

    # ----------------------------------------------------------------- writing
    def _create(self, tables: Tables) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        except PermissionError:
            raise BookPermission(self.path, write=True) from None
        self._acquire(self.lock_timeout)
        try:
            if self.path.exists():  # another process created it while we waited
                self._load()
                return
            self.remove_stale_temp_files()
            self._tables = tables
            for name, docs in tables.items():
                self._ids[name] = max((int(k) for k in docs), default=0)
            self._write_snapshot()
            self._changed(None)
        finally:
            self._release()

    def _temp_path(self, purpose: str) -> Path:
        token = secrets.token_hex(4)
        return self.path.with_name(f".{self.path.name}.{purpose}-{os.getpid()}-{token}.tmp")

    def _mode_for_replacement(self) -> tuple[int, int | None]:
        """Mode and group for any file we create: the directory's rule (0600, or 0660 in a setgid
        team directory) plus whatever the current book grants, so a rewrite never locks out
        someone who could use the book before (nor widens it beyond the directory's rule)."""
        mode, gid = new_file_mode(self.directory)
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return mode, gid
        return mode | (st.st_mode & 0o777), st.st_gid if gid is None else gid

    def _create_private_file(
        self, path: Path, content: bytes = b"", mode: tuple[int, int | None] | None = None
    ) -> os.stat_result:
        """Create ``path`` exclusively with our permissions, write and fsync ``content``."""
        file_mode, gid = mode or self._mode_for_replacement()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return os.stat(path)
        except PermissionError:
            raise BookPermission(path, write=True) from None
        try:
            _apply_mode(fd, file_mode, gid)
            view = memoryview(content)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            return os.fstat(fd)
        finally:
            os.close(fd)

    def _write_snapshot(self) -> None:
        """The whole state as a new snapshot + empty journal: temp, fsync, .bak, rename, sync."""
        generation = secrets.token_hex(8)
        self._tables[STORAGE_TABLE] = {
            "1": {"generation": generation, "ids": dict(sorted(self._ids.items()))}
        }
        snapshot = orjson.dumps(self._tables)
        header = orjson.dumps({"journal": JOURNAL_FORMAT, "generation": generation}) + b"\n"
        mode = self._mode_for_replacement()
        snapshot_tmp = self._temp_path("snapshot")
        journal_tmp = self._temp_path("journal")
        try:
            snapshot_stat = self._create_private_file(snapshot_tmp, snapshot, mode)
            journal_stat = self._create_private_file(journal_tmp, header, mode)
            self._link_backup(self.path, self.backup_path)
            os.replace(snapshot_tmp, self.path)
            _fsync_directory(self.directory)
            self._link_backup(
                self.journal_path, self.journal_path.with_name(self.journal_path.name + ".bak")
            )
            os.replace(journal_tmp, self.journal_path)
            _fsync_directory(self.directory)
        except PermissionError:
            self._discard(snapshot_tmp, journal_tmp)
            raise BookPermission(self.path, write=True) from None
        except OSError as error:
            self._discard(snapshot_tmp, journal_tmp)
            raise BookWriteFailed(self.path, error.strerror or str(error)) from None
        self._generation = generation
        self._snapshot_seen = _Seen.of(snapshot_stat, len(snapshot))
        self._journal_seen = _Seen.of(journal_stat, len(header))
        self._journal_offset = len(header)
        self._journal_seq = 0
        self._journal_state = "ok"

    def _write_journal_header(self) -> None:
        """Start a journal for the current snapshot (the old one is missing or stale)."""
        header = orjson.dumps({"journal": JOURNAL_FORMAT, "generation": self._generation}) + b"\n"
        journal_tmp = self._temp_path("journal")
        try:
            journal_stat = self._create_private_file(
                journal_tmp, header, self._mode_for_replacement()
            )
            os.replace(journal_tmp, self.journal_path)
            _fsync_directory(self.directory)
        except PermissionError:
            self._discard(journal_tmp)
            raise BookPermission(self.journal_path, write=True) from None
        except OSError as error:
            self._discard(journal_tmp)
            raise BookWriteFailed(self.journal_path, error.strerror or str(error)) from None
        self._journal_seen = _Seen.of(journal_stat, len(header))
        self._journal_offset = len(header)
        self._journal_seq = 0
        self._journal_state = "ok"

    def _append(self, line: bytes) -> None:
        """One change = one ``write`` of one line, then ``fdatasync``: then it is acknowledged."""
        seen = self._journal_seen
        assert seen is not None
        try:
            fd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND)
        except PermissionError:
            raise BookPermission(self.journal_path, write=True) from None
        except OSError as error:
            raise BookWriteFailed(self.journal_path, error.strerror or str(error)) from None
        try:
            st = os.fstat(fd)
            if (st.st_dev, st.st_ino, st.st_size) != (seen.dev, seen.ino, self._journal_offset):
                raise BookWriteFailed(self.journal_path, "the journal changed under the lock")
            written = os.write(fd, line)
            if written != len(line):
                self._journal_state = "torn"
                raise BookWriteFailed(self.journal_path, "short write (disk full?)")
            os.fdatasync(fd)
            mtime_ns = os.fstat(fd).st_mtime_ns
        except OSError as error:
            self._journal_state = "torn"
            raise BookWriteFailed(self.journal_path, error.strerror or str(error)) from None
        finally:
            os.close(fd)
        self._journal_offset += len(line)
        self._journal_seq += 1
        self._journal_seen = _Seen(seen.dev, seen.ino, self._journal_offset, mtime_ns)

    @staticmethod
    def _link_backup(source: Path, backup: Path) -> None:
        """Keep the file we are about to replace as ``.bak`` (a hard link: no copy, no time)."""
        if not source.exists():
            return
        link_tmp = backup.with_name(f".{backup.name}.link-{os.getpid()}.tmp")
        try:
            with contextlib.suppress(FileNotFoundError):
                link_tmp.unlink()
            os.link(source, link_tmp)
        except OSError:  # no hard links here (some network file systems): copy instead
            shutil.copy2(source, link_tmp)
        os.replace(link_tmp, backup)

    @staticmethod
    def _discard(*paths: Path) -> None:
        for path in paths:
            with contextlib.suppress(OSError):
                path.unlink()

    def copy_files(self, suffix: str) -> list[Path]:
        """Copy the snapshot (and journal) to ``book.json<suffix>``: a backup before a migration."""
        made = []
        for source in (self.path, self.journal_path):
            if not source.exists():
                continue
            target = source.with_name(source.name + suffix)
            tmp = self._temp_path("backup")
            self._create_private_file(tmp, source.read_bytes(), self._mode_for_replacement())
            os.replace(tmp, target)
            made.append(target)
        if made:
            _fsync_directory(self.directory)
        return made


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
            if doc is not None and key not in self.puts and orjson.dumps(doc) != before:
                self.puts[key] = doc


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
