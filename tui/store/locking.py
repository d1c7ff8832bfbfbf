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
from pathlib import Path

from tui.store.errors import BookError, BookLocked, BookPermission, BookWriteFailed
from tui.store.files import create_private_file, mode_for_replacing

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

    def _take(self, wait: float) -> int:
        """An open descriptor of the lock file with the lock held, or BookLocked after ``wait``."""
        deadline = time.monotonic() + wait
        pause = FIRST_POLL
        while True:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
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
        wait = self.timeout if timeout is None else timeout
        try:
            self._fd = self._take(wait)
        except BookError:
            raise
        except PermissionError:
            raise BookPermission(self.lock_path, write=True) from None
        except OSError as error:
            raise BookWriteFailed(self.lock_path, error.strerror or str(error)) from None
        self._depth = 1

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
