"""The attributes :class:`~tui.store.storage.BookStorage` keeps, declared once for its mixins.

``Reading`` and ``Writing`` each work on the same state; declaring it here lets mypy check both
halves against one list instead of two copies that could drift apart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.store.layout import BookFiles
from tui.store.locking import BookLock
from tui.store.parts import PartState
from tui.store.snapshot import Seen, Tables

if TYPE_CHECKING:
    from tui.store.storage import BookStorage, Changes


class StorageState:
    """Declarations only: ``BookStorage.__init__`` sets every one of them."""

    files: BookFiles
    path: Path
    directory: Path
    journal_path: Path
    lock_path: Path
    backup_path: Path
    lock: threading.RLock
    version: int
    upgrade_backup: str | None
    before_snapshot: list[Callable[[BookStorage], None]]
    _file_lock: BookLock
    _check: Callable[[Tables], None] | None
    _parts: PartState
    _tables: Tables
    _ids: dict[str, int]
    _generation: str
    _main_seen: Seen | None
    #: the CRC-32 of the main file's bytes if a writer vouched for its customers (see
    #: ``Book._refuse_if_damaged``), and the customers the journal changed since
    _main_vouch: int | None
    journal_customers: set[str]
    vouch_next: bool
    _journal_seen: Seen | None
    _journal_offset: int
    _journal_seq: int
    _journal_state: str
    _depth: int

    if TYPE_CHECKING:

        def _changed(self, changes: Changes) -> None: ...
