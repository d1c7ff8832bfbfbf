"""Writing a book's files: a new book, a snapshot (changed parts, main file, fresh journal),
one journal line, a backup copy, a repair.

Half of :class:`~tui.store.storage.BookStorage` (a mixin; the order of the writes and why it is
safe is explained in ``storage.py``); one file at a time is ``snapshot.py``'s job.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, cast

from tui.store import journal
from tui.store.damage import DocProblem, PartRepaired, Repaired, rejected_lines, salvage
from tui.store.errors import BookCorrupt, BookError, BookLocked, BookPermission
from tui.store.files import (
    FileMode,
    create_private_file,
    discard,
    fsync_directory,
    mode_for_replacing,
    new_file_mode,
    temp_path,
)
from tui.store.layout import BookFiles, part_key
from tui.store.parts import Extension, PartFile, top_id
from tui.store.reading import STORAGE_TABLE
from tui.store.snapshot import (
    Seen,
    Tables,
    append_line,
    encode_tables,
    extend_table,
    gc_paused,
    parse_tables,
    read_file,
    write_errors,
    write_file,
)
from tui.store.state import StorageState

if TYPE_CHECKING:
    from tui.store.storage import BookStorage

#: reads of a book without a lock file before a backup gives up (a writer kept changing it)
COPY_ATTEMPTS = 3


class Writing(StorageState):
    """Every write of the book's files (mixed into BookStorage)."""

    if TYPE_CHECKING:

        def _load(self, *, strict: bool = True) -> list[bytes]: ...

        def _refresh(self) -> bool: ...

        def remove_stale_temp_files(self) -> list[Path]: ...

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
            hook(cast("BookStorage", self))
        generation = os.urandom(8).hex()
        mode = mode_for_replacing(self.path)
        with gc_paused():
            # every part that must be read is read before anything is written: a damaged one
            # refuses the snapshot while every file is still as it was
            extensions = {}
            for name in self._parts.dirty_names():
                plan = self._parts.additions(name)
                if plan is not None and plan[0].seen.same_file(self.files.part(name)):
                    extensions[name] = plan
                else:
                    self._parts.load(name, self._tables)
            for name in self._parts.dirty_names():
                plan = extensions.get(name)
                if plan is None or not self._extend_part(name, plan, mode):
                    self._parts.load(name, self._tables)
                    docs = self._tables.get(name, {})
                    seen = write_file(
                        self.files.part(name), encode_tables({part_key(name): docs}), mode
                    )
                    self._parts.written(name, seen, top_id(docs))
        main = {name: docs for name, docs in self._tables.items() if not self._parts.is_part(name)}
        main[STORAGE_TABLE] = {
            "1": {
                "generation": generation,
                "ids": dict(sorted(self._ids.items())),
                "parts": self._parts.listed(),
                "files": self._parts.records(),
                "carry": self._parts.carried(),
            }
        }
        raw = encode_tables(main)
        self._main_seen = write_file(self.path, raw, mode, backup=self.backup_path)
        self._main_vouch = zlib.crc32(raw) if self.vouch_next else None
        self.journal_customers = set()
        self._generation = generation
        dropped = self._parts.committed()
        self._write_journal_header(backup=True)
        for stale in dropped:
            discard(self.files.part(stale))

    def _extend_part(self, name: str, plan: Extension, mode: FileMode) -> bool:
        """Fold the journal's lines of an unread part by appending what they add and carrying
        what they change (no parse of a big year file in the ``kp log`` that crosses the
        threshold); False if it cannot (the file is not the one recorded)."""
        record, added, carry = plan
        if added:
            path = self.files.part(name)
            seen = extend_table(path, part_key(name), added, record.seen, mode)
            if seen is None:
                return False
            record = PartFile(seen, max(record.top, top_id(added)))
        self._parts.extended(name, record, carry)
        return True

    def _write_journal_header(self, *, backup: bool = False) -> None:
        """Start a journal for the current main file (the old one is missing, stale or folded)."""
        header = journal.header(self._generation, self._main_vouch)
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

    def repair(self, problem: DocProblem) -> Repaired:
        """Keep every readable journal line and every document of the part files that reads and
        passes ``problem``; move the rest to ``<file>.rejected`` (appended to, never replaced),
        then fold it all into a snapshot. Part files without damage are left as they are."""
        with self.lock:
            self._file_lock.acquire()
            try:
                skipped = self._load(strict=False)
                report = Repaired(self._journal_seq)
                if skipped:
                    rejected = self.files.sibling(".journal.rejected")
                    report.journal_rejected = self._reject(rejected, skipped)
                for name in self._parts.on_disk():
                    repaired = self._repair_part(name, problem)
                    if repaired is not None:
                        report.parts.append(repaired)
                self._depth = 1
                try:
                    self._snapshot()
                finally:
                    self._depth = 0
                self._changed(None)
                return report
            finally:
                self._file_lock.release()

    def _repair_part(self, name: str, problem: DocProblem) -> PartRepaired | None:
        path, key = self.files.part(name), part_key(name)
        try:
            raw = read_file(path)[0]
        except FileNotFoundError:
            self._parts.install(name, self._tables, {})
            return PartRepaired(path, 0, 0, None, missing=True)
        texts: list[str] = []
        try:
            parsed = parse_tables(path, raw)
            docs = parsed[key] if set(parsed) == {key} else None
        except BookCorrupt:
            docs = None
        if docs is None:
            docs, texts = salvage(raw, key)
        bad = {}
        for doc_id, doc in docs.items():
            why = problem(name, doc_id, doc)
            if why is not None:
                bad[doc_id] = (why, doc)
        if not bad and not texts:
            return None
        kept = {doc_id: doc for doc_id, doc in docs.items() if doc_id not in bad}
        self._parts.install(name, self._tables, kept)
        rejected = self._reject(path.with_name(path.name + ".rejected"), rejected_lines(texts, bad))
        return PartRepaired(path, len(kept), len(bad) + len(texts), rejected)

    def _reject(self, target: Path, lines: list[bytes]) -> Path:
        """Add ``lines`` to ``target`` (what an earlier repair moved there stays)."""
        try:
            before = read_file(target)[0]
        except FileNotFoundError:
            before = b""
        content = before + b"".join(line + b"\n" for line in lines)
        write_file(target, content, mode_for_replacing(self.path))
        return target

    def copy_book(self, target: Path) -> list[Path]:
        """Write one consistent, self-contained copy of the book at ``target``: every part
        read, journal folded, of one state of the book. Refuses to overwrite an existing file.

        Read under the lock held shared (writers wait; no write access needed). Where there is
        no lock file to be had (missing in a folder we may not write to), the book is read as
        any reader reads it, and taken only if the lock file, the main file and the journal are
        the same before and after: a writer creates the lock file before it writes anything,
        so none wrote meanwhile (else it tries again, then BookLocked)."""
        files = BookFiles.at(target)
        if files.path.exists() or files.path.is_symlink():
            raise BookCorrupt(files.path, "a file is in the way; the backup was not written")
        with self.lock:
            for _attempt in range(COPY_ATTEMPTS):  # a writer that came meanwhile: again
                with self._file_lock.shared() as locked:
                    before = None if locked else self._files_as_they_are()
                    if locked:
                        self._refresh()
                    else:
                        self._load()
                    self._parts.load_all(self._tables, self._ids)
                    if locked or self._files_as_they_are() == before:
                        return self._write_copy(files)
            raise BookLocked(self.path, self._file_lock.timeout)

    def _files_as_they_are(self) -> tuple[Seen | None, ...]:
        return tuple(map(Seen.stat, (self.lock_path, self.path, self.journal_path)))

    def _write_copy(self, files: BookFiles) -> list[Path]:
        """The state in memory (every part read) as a new book at ``files``."""
        mode = new_file_mode(files.directory)
        generation = os.urandom(8).hex()
        made = []
        records = {}
        parts = sorted(name for name in self._tables if self._parts.is_part(name))
        for name in parts:
            docs = self._tables[name]
            seen = write_file(files.part(name), encode_tables({part_key(name): docs}), mode)
            records[name] = PartFile(seen, top_id(docs)).to_json()
            made.append(files.part(name))
        main = {n: d for n, d in self._tables.items() if not self._parts.is_part(n)}
        main[STORAGE_TABLE] = {
            "1": {
                "generation": generation,
                "ids": dict(sorted(self._ids.items())),
                "parts": parts,
                "files": records,
            }
        }
        write_file(files.journal, journal.header(generation), mode)
        write_file(files.path, encode_tables(main), mode)
        return [files.path, files.journal, *made]
