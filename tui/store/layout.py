"""Which files make up a book, and what each is called.

::

    book.json                  the main file (TinyDB JSON): meta, customers, gestures, settings,
                               and the storage's own bookkeeping (_storage: generation, id
                               counters, the list of part files)
    book.contacts-2026.json    one part file per year of contacts (TinyDB JSON, table "contacts")
    book.recent-amueller.3.json
                               the planner's window of recent contacts, four files per rep for
                               that rep's customers, by id (TinyDB JSON, table "recent")
    book.json.journal          changes since the last snapshot, one JSON line each
    book.json.lock             the cross-process lock
    book.json.bak, book.json.journal.bak   the previous snapshot and journal (hard links)

A table lives in a part file of its own when its name has a ``/`` (``contacts/2026`` ->
``book.contacts-2026.json``, inside it the table ``contacts``) or when the book names it as
separate. Part files are read only when a table in them is first asked for, so a
command's cost follows the years it touches, not the size of the history.

The path is resolved once, when the book is opened: a book reached through a symlink keeps its
journal, lock and parts beside the real file, where a colleague using the real path finds them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class _Sibling:
    """A file beside the book, named after it: ``book.json`` + ``suffix``."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix

    def __get__(self, files: BookFiles, owner: object = None) -> Path:
        return files.sibling(self.suffix)


@dataclass(frozen=True)
class BookFiles:
    """The paths of one book's files."""

    path: Path

    @classmethod
    def at(cls, path: Path | str) -> BookFiles:
        """The book at ``path`` with symlinks resolved (once, here)."""
        given = Path(path).expanduser().absolute()
        try:
            real = Path(os.path.realpath(given))
        except OSError:
            real = given
        return cls(real)

    @property
    def directory(self) -> Path:
        return self.path.parent

    @property
    def stem(self) -> str:
        name = self.path.name
        return name[: -len(".json")] if name.endswith(".json") and len(name) > 5 else name

    def sibling(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    journal = _Sibling(".journal")
    lock = _Sibling(".lock")
    backup = _Sibling(".bak")
    journal_backup = _Sibling(".journal.bak")

    def part(self, table: str) -> Path:
        """The part file that holds ``table``."""
        return self.path.with_name(f"{self.stem}.{table.replace('/', '-')}.json")

    def temp_patterns(self) -> list[str]:
        """Globs of our temp files (``.book.json.new-<pid>-<token>.tmp`` and parts alike)."""
        return [f".{self.path.name}.*.tmp", f".{self.stem}.*.json.*.tmp"]


def part_key(table: str) -> str:
    """The table's name inside its part file: ``contacts/2026`` -> ``contacts``."""
    return table.split("/", 1)[0]
