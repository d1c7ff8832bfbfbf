"""The book's cross-process lock: a separate ``book.json.lock`` file, held only while writing.

A separate file, because every snapshot is renamed over ``book.json``: a lock held on the data
file would be swapped out from under its holder. The lock is ``flock``-based (filelock), so a
process that dies, even by SIGKILL, releases it at once; no stale lock to clean up by hand.
"""

from __future__ import annotations

from pathlib import Path

import filelock

from tui.store.errors import BookError, BookLocked, BookPermission, BookWriteFailed
from tui.store.files import create_private_file, mode_for_replacing


class BookLock:
    """Acquire / release with the book's errors; re-entrant within one process."""

    def __init__(self, lock_path: Path, book_path: Path, timeout: float) -> None:
        self.lock_path = lock_path
        self.book_path = book_path
        self.timeout = timeout
        self._lock: filelock.BaseFileLock | None = None

    def _file_lock(self) -> filelock.BaseFileLock:
        if self._lock is None:
            if not self.lock_path.exists():
                try:
                    create_private_file(self.lock_path, mode=mode_for_replacing(self.book_path))
                except PermissionError:
                    raise BookPermission(self.lock_path, write=True) from None
                except OSError as error:
                    raise BookWriteFailed(self.lock_path, error.strerror or str(error)) from None
            self._lock = filelock.FileLock(str(self.lock_path))
        return self._lock

    def acquire(self, timeout: float | None = None) -> None:
        """Wait up to ``timeout`` (default: the book's); BookLocked if it stays held."""
        wait = self.timeout if timeout is None else timeout
        try:
            self._file_lock().acquire(timeout=wait)
        except filelock.Timeout:
            raise BookLocked(self.book_path, wait) from None
        except PermissionError:
            raise BookPermission(self.lock_path, write=True) from None
        except BookError:
            raise
        except OSError as error:
            raise BookWriteFailed(self.lock_path, error.strerror or str(error)) from None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it right now (and we may write here)."""
        try:
            self.acquire(0)
        except BookError:
            return False
        return True

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
