"""Reading and writing the book's JSON files: the main file, part files, journal appends.

Everything here is one file at a time and knows nothing of transactions; ``storage.py`` decides
when and in which order (parts first, then the main file, then a fresh journal: see there).
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import orjson

from tui.store.errors import BookCorrupt, BookIsDirectory, BookPermission, BookWriteFailed
from tui.store.files import (
    FileMode,
    create_private_file,
    discard,
    fsync_directory,
    link_backup,
    temp_path,
)

Doc = dict[str, Any]
TableData = dict[str, Doc]
Tables = dict[str, TableData]


@dataclass(frozen=True)
class Seen:
    """What we last read of a file; a different stat means someone else changed it."""

    dev: int
    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result, size: int | None = None) -> Seen:
        return cls(st.st_dev, st.st_ino, st.st_size if size is None else size, st.st_mtime_ns)

    @classmethod
    def stat(cls, path: Path) -> Seen | None:
        try:
            return cls.of(os.stat(path))
        except FileNotFoundError:
            return None

    def same_file(self, path: Path) -> bool:
        """Is ``path`` still of our size and time (a part file as we last wrote it)?"""
        found = self.stat(path)
        return found is not None and (found.size, found.mtime_ns) == (self.size, self.mtime_ns)


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


@contextlib.contextmanager
def write_errors(path: Path) -> Iterator[None]:
    """OS errors of a write as the book's one-line errors (a full disk is a runtime failure)."""
    try:
        yield
    except PermissionError:
        raise BookPermission(path, write=True) from None
    except OSError as error:
        raise BookWriteFailed(path, error.strerror or str(error)) from None


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes and stat of a book file, with the book's errors."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        raise
    except PermissionError:
        raise BookPermission(path, write=False) from None
    except OSError as error:
        raise BookCorrupt(path, error.strerror or str(error)) from None
    try:
        st = os.fstat(fd)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(), st
    except IsADirectoryError:
        raise BookIsDirectory(path) from None
    except OSError as error:
        raise BookCorrupt(path, error.strerror or str(error)) from None
    finally:
        os.close(fd)


def parse_tables(path: Path, raw: bytes, *, written_by_us: bool = False) -> Tables:
    """A TinyDB JSON file's tables, every document an object with a numeric id.

    ``written_by_us``: the bytes are known to be our writer's (a journal vouched for them), so
    the per-document checks are skipped (20,000 customers on a team book)."""
    if not raw.strip():
        raise BookCorrupt(path, "the file is empty")
    try:
        with gc_paused():
            tables = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise BookCorrupt(path, f"not valid JSON ({error})") from None
    if not isinstance(tables, dict):
        raise BookCorrupt(path, "not a TinyDB document (expected an object of tables)")
    for name, docs in tables.items():
        if not isinstance(docs, dict):
            raise BookCorrupt(path, f"table {name!r} is not an object of documents")
        if written_by_us:
            continue
        # checked with C-level loops first (a year of a team book has 100,000 documents)
        if all(map(str.isdigit, docs)) and set(map(type, docs.values())) <= {dict}:
            continue
        for doc_id, doc in docs.items():
            if not isinstance(doc, dict) or not doc_id.isdigit():
                raise BookCorrupt(path, f"{name} {doc_id!r} is not a document")
    return cast(Tables, tables)


def write_file(
    path: Path,
    content: bytes,
    mode: FileMode,
    *,
    backup: Path | None = None,
    prefix: tuple[int, int] | None = None,
) -> Seen:
    """Replace ``path`` atomically (temp, fsync, optional ``.bak`` link, rename, fsync dir);
    ``prefix``: an open file and a byte count copied in before ``content``."""
    tmp = temp_path(path, "new")
    try:
        with write_errors(path):
            st = create_private_file(tmp, content, mode, prefix=prefix)
            if backup is not None:
                link_backup(path, backup)
            os.replace(tmp, path)
            fsync_directory(path.parent)
    except BaseException:
        discard(tmp)
        raise
    return Seen.of(st)


def extend_table(
    path: Path, key: str, docs: TableData, expect: Seen, mode: FileMode
) -> Seen | None:
    """Replace the one-table file ``path`` by itself plus ``docs`` (ids it does not hold),
    without parsing it: its bytes up to the closing braces are copied in the kernel, then the
    new documents and the braces follow. None (nothing written) unless the file is exactly the
    one we wrote last (``expect``: size and time) and starts and ends as we write it."""
    opening = orjson.dumps(key) + b":{"
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if (st.st_size, st.st_mtime_ns) != (expect.size, expect.mtime_ns):
            return None
        head = os.pread(fd, len(opening) + 1, 0)
        tail = os.pread(fd, 3, st.st_size - 3) if st.st_size >= len(opening) + 3 else b""
        if head != b"{" + opening or not tail.endswith(b"}}"):
            return None
        body = orjson.dumps(docs)[1:-1]
        empty = st.st_size == len(opening) + 3  # {"contacts":{}}
        content = (b"" if empty else b",") + body + b"}}"
        return write_file(path, content, mode, prefix=(fd, st.st_size - 2))
    finally:
        os.close(fd)


def encode_tables(tables: Mapping[str, TableData]) -> bytes:
    return orjson.dumps(tables)


def append_line(path: Path, line: bytes, expect: Seen, offset: int) -> Seen:
    """Append one line with ONE ``write`` and ``fdatasync``: then it is acknowledged.

    ``expect``/``offset``: the journal must still be the file we read, ending where we stopped
    (we hold the lock, so anything else is a bug or a foreign hand).
    """
    with write_errors(path):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        with write_errors(path):
            st = os.fstat(fd)
            if (st.st_dev, st.st_ino, st.st_size) != (expect.dev, expect.ino, offset):
                raise BookWriteFailed(path, "the journal changed under the lock")
            written = os.write(fd, line)
            if written != len(line):
                raise BookWriteFailed(path, "short write (disk full?)")
            os.fdatasync(fd)
            mtime_ns = os.fstat(fd).st_mtime_ns
    finally:
        os.close(fd)
    return Seen(expect.dev, expect.ino, offset + len(line), mtime_ns)
