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
  file: no writer waits on a re-read of the history. A part file that was not read is extended
  rather than rewritten (``parts.PartState.additions``): new documents are appended, changes of
  older ones carried in the main file: the writer that crosses the threshold parses no year
  file. A crash after an extension leaves a part file that is not the one the main file
  recorded: the next compaction reads it whole, and replaying the journal on it is idempotent
  again. The carry is written with the main file's new generation, so a crash before the fresh
  journal (the old one then stale) loses none of the changes it holds.
* A compaction that cannot run after an acknowledged journal line (a damaged part file it had
  to read, a full disk) leaves the change in the journal and is never silent: the error is kept
  for the front end (``take_fold_refused``), which says so; the next write tries again.
* Id counters live in the book, so ids are never reused, even after deletes and reopening.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.domain.model import invalid
from tui.store import journal
from tui.store.errors import BookError, BookMissing, BookPermission
from tui.store.layout import BookFiles
from tui.store.locking import BookLock
from tui.store.parts import PartState
from tui.store.reading import CUSTOMERS_TABLE, Reading
from tui.store.snapshot import (
    Doc,
    Seen,
    TableData,
    Tables,
    gc_paused,
)
from tui.store.writing import Writing

__all__ = ["BookStorage", "Changes", "Doc", "Tables", "gc_paused"]

#: ``changes`` handed to listeners: table -> ids that were put or deleted; None = reloaded whole
Changes = dict[str, set[str]] | None
Listener = Callable[[Changes], None]

COMPACT_MIN_BYTES = 1 << 20


def _encoded(entry: journal.Entry) -> bytes:
    """The entry's line; text that is not UTF-8 (an argument typed in a Latin-1 terminal keeps
    its bytes as surrogates) cannot be stored: bad input, refused before anything is written."""
    try:
        return entry.encode()
    except TypeError:
        raise invalid("text", "not valid UTF-8 (is the terminal set to UTF-8?)") from None


class BookStorage(Reading, Writing, Storage):
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
        self._main_vouch: int | None = None
        self.journal_customers: set[str] = set()
        self.vouch_next = False  # set by a before_snapshot hook that checked every customer
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
        self._fold_refused: BookError | None = None

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

    def part_tables(self) -> list[str]:
        """The part tables the main file lists (each has its file)."""
        return self._parts.on_disk()

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
    def depth(self) -> int:
        """How deep in nested transactions we are (0: none)."""
        return self._depth

    @property
    def journal_lines(self) -> int:
        """Changes in the journal, not folded into the files yet."""
        return self._journal_seq

    @property
    def files_seen(self) -> tuple[Seen | None, Seen | None]:
        """The main file and journal as last read (device, inode, size, modification time)."""
        return self._main_seen, self._journal_seen

    def customers_to_check(self) -> set[str] | None:
        """The customers that need decoding to know every customer decodes: those the journal
        and this transaction changed, when the main file is byte for byte one whose writer
        vouched for all of its customers; None (all of them) when it cannot say."""
        if self._main_vouch is None or self._replaced:
            return None
        return self.journal_customers | set(self._puts.get(CUSTOMERS_TABLE, ()))

    @property
    def generation(self) -> str:
        return self._generation

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
                self._append(_encoded(entry))
                self.journal_customers.update(entry.puts.get(CUSTOMERS_TABLE, ()))
                main_size = self._main_seen.size if self._main_seen else 0
                if self._journal_offset > max(COMPACT_MIN_BYTES, main_size // 8):
                    self._fold()
            self._changed(changes)
        self._begin()

    def _fold(self) -> None:
        """Compact after a journal line that is durable already: a compaction that cannot run
        (a damaged part file it must read, a full disk) does not fail the change, but it is
        never silent either: the error waits in :meth:`take_fold_refused` for the front end to
        say, and the next write tries again. Whatever the snapshot had begun in memory is
        dropped: the next use reads the files again (parts it wrote hold only journal lines)."""
        try:
            self._snapshot()
        except BookError as error:
            self._fold_refused = error
            self._main_seen = None
        else:
            self._fold_refused = None

    def take_fold_refused(self) -> BookError | None:
        """Why the last automatic compaction could not run, once (then None until another
        fails); None when it ran or none was due."""
        with self.lock:
            refused, self._fold_refused = self._fold_refused, None
            return refused

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
