"""What every subcommand shares: the exit codes, opening the book, finding a customer, printing.

Nothing here imports Textual; the store is imported only when a command opens the book, so
``kp --version`` and ``kp --help`` stay instant.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from tui.config import default_book_path
from tui.domain.model import Customer
from tui.i18n import _
from tui.textsafe import cut, safe_json, safe_text

if TYPE_CHECKING:
    from tui.store.book import Book

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

SHOWN_CANDIDATES = 30  # an ambiguous fragment lists every candidate up to this many

Handler = Callable[[argparse.Namespace], int]


class CommandError(Exception):
    """A one-line message for stderr and the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Stop the command with a one-line message."""
    raise CommandError(message, code)


def book_path(args: argparse.Namespace) -> Path:
    """``--book PATH``, else ``KP_BOOK``, else the default under the user data dir."""
    chosen: str | None = getattr(args, "book", None)
    return Path(chosen).expanduser() if chosen else default_book_path()


@contextmanager
def open_book(args: argparse.Namespace, *, create: bool = True) -> Iterator[Book]:
    """The book named by the arguments, closed afterwards; store errors become one-line exits.

    A change that was saved but could not be folded into the book's files (a damaged year file
    the compaction had to read) is said in one warning line on stderr; the exit code stays
    that of the command, as the change is kept (see README, exit codes)."""
    from tui.store.book import Book

    book = Book.open(book_path(args), create=create)
    try:
        yield book
    finally:
        refused = book.take_fold_refused()
        book.close()
        if refused is not None:
            from tui.messages import fold_refused

            print(_("warning: {message}").format(message=fold_refused(refused)), file=sys.stderr)


def resolve_customer(book: Book, query: str, *, include_archived: bool = False) -> Customer:
    """One customer by id or an unambiguous name/company fragment; ambiguity lists candidates."""
    matches = book.find_customers(query)
    if not include_archived:
        matches = [c for c in matches if not c.archived] or matches
    if not matches:
        fail(_("no customer matches {query}").format(query=safe_text(repr(query))))
    if len(matches) > 1:
        shown = "; ".join(f"{c.id} {safe_text(c.label)}" for c in matches[:SHOWN_CANDIDATES])
        more = len(matches) - SHOWN_CANDIDATES
        suffix = _(" and {n} more").format(n=more) if more > 0 else ""
        fail(
            _("{query} matches {n} customers: {shown}{more}").format(
                query=safe_text(repr(query)), n=len(matches), shown=shown, more=suffix
            )
        )
    return matches[0]


def print_json(value: Any) -> None:
    """JSON on stdout, UTF-8, one document."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(safe_json(text) + "\n")


def columns(rows: Sequence[Sequence[str]], widths: Sequence[int]) -> list[str]:
    """Rows as aligned text: each cell cut to its width (an ellipsis marks the cut); 0 = rest."""
    lines = []
    for row in rows:
        cells = []
        for cell, width in zip(row, widths, strict=True):
            text = cut(cell, width) if width else safe_text(cell)
            cells.append(text.ljust(width) if width else text)
        lines.append(" ".join(cells).rstrip())
    return lines
