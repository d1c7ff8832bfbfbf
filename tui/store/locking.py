"""The book's cross-process lock: a separate ``book.json.lock`` file, held only while writing.

A separate file, because every snapshot is renamed over ``book.json``: a lock held on the data
file would be swapped out from under its holder. The lock is ``flock(2)`` on that file, so a
process that dies, even by SIGKILL, releases it at once: no stale lock to clean up by hand. Any
other ``flock`` user of the file (``flock(1)``, the ``filelock`` package) shares it.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tui.store.errors import BookError, BookLocked
from tui.store.files import create_private_file, mode_for_replacing
from tui.store.snapshot import write_errors

#: how long a waiting writer sleeps between tries at first, and at most (doubling in between):
#: short enough that a queue of writers moves on within milliseconds of each release
FIRST_POLL = 0.001
LONGEST_POLL = 0.05


class BookLock:
    """Acquire / release with the book's errors; re-entrant within one process (the book's
    thread lock keeps other threads out while one holds it)."""

    def __init__(self, lock_path: Path, book_path: Path, timeout: float) -> None:
        self.lock_path = lock_path
        self.book_path = book_path
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    def _open(self) -> int:
        if not self.lock_path.exists():
            create_private_file(self.lock_path, mode=mode_for_replacing(self.book_path))
        return os.open(self.lock_path, os.O_RDWR | os.O_CLOEXEC)

    def _open_to_read(self) -> int | None:
        """The lock file opened for reading, all a shared ``flock`` needs (created first where
        we may); None if it is missing and we may not create it, or we may not read it."""
        try:
            return os.open(self.lock_path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            try:
                return self._open()
            except PermissionError:
                return None
        except PermissionError:
            return None

    def _take(self, wait: float, *, shared: bool = False) -> int | None:
        """An open descriptor of the lock file with the lock held, or BookLocked after ``wait``
        (shared: None when the lock file cannot be had for reading)."""
        deadline = time.monotonic() + wait
        pause = FIRST_POLL
        how = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        while True:
            fd = self._open_to_read() if shared else self._open()
            if fd is None:
                return None
            try:
                fcntl.flock(fd, how | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise BookLocked(self.book_path, wait) from None
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_POLL)
                continue
            except BaseException:
                os.close(fd)
                raise
            if os.fstat(fd).st_nlink > 0:
                return fd
            os.close(fd)  # the file was removed while we waited: lock the one there now

    def acquire(self, timeout: float | None = None) -> None:
        """Wait up to ``timeout`` (default: the book's); BookLocked if it stays held."""
        if self._depth:
            self._depth += 1
            return
        with write_errors(self.lock_path):
            self._fd = self._take(self.timeout if timeout is None else timeout)
        self._depth = 1

    @contextmanager
    def shared(self) -> Iterator[bool]:
        """Hold the lock shared for a read that must see one state (a backup): writers wait,
        and only read access to the lock file is needed, so a rep who may only read a book can
        copy it. Yields False when there is no lock file to be had (missing and we may not
        create it, or unreadable): the caller then checks that nobody wrote meanwhile."""
        if self._depth:  # held for writing by this process already
            yield True
            return
        with write_errors(self.lock_path):
            fd = self._take(self.timeout, shared=True)
        try:
            yield fd is not None
        finally:
            if fd is not None:
                os.close(fd)  # releases the flock

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it right now (and we may write here)."""
        try:
            self.acquire(0)
        except BookError:
            return False
        return True

    def release(self) -> None:
        if self._depth == 0 or self._fd is None:
            return
        self._depth -= 1
        if self._depth == 0:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
