"""``kp backup FILE`` and ``kp repair``: the book's files as a whole.

A book is several files (see README, "The book"); copying ``book.json`` alone misses the
contacts. ``kp backup`` writes one consistent, self-contained copy, taken under the book's lock
while others keep working; ``kp --book FILE`` opens it. ``kp repair`` is the way out of a damaged
journal: every readable line is kept, the unreadable ones are moved aside.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.commands.common import EXIT_OK, book_path, fail, open_book
from tui.i18n import _
from tui.textsafe import safe_text


def backup(args: argparse.Namespace) -> int:
    target = Path(args.file).expanduser()
    if target.exists() or target.is_symlink():
        fail(_("{file} exists already; choose another name").format(file=safe_text(str(target))))
    if not target.parent.is_dir():
        fail(_("there is no folder {folder}").format(folder=safe_text(str(target.parent))))
    with open_book(args, create=False) as book:
        made = book.backup(target)
    print(
        _("backed up the book to {file} ({count} files); open it with kp --book {file}").format(
            file=safe_text(str(made[0])), count=len(made)
        )
    )
    return EXIT_OK


def repair(args: argparse.Namespace) -> int:
    from tui.store.book import Book

    kept, rejected = Book.repair(book_path(args))
    if rejected is None:
        print(_("the book is readable; {count} journal lines folded in").format(count=kept))
    else:
        print(
            _("kept {count} journal lines; the unreadable ones are in {file}").format(
                count=kept, file=safe_text(str(rejected))
            )
        )
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "backup", help=_("write one consistent copy of the book (all its files) to FILE")
    )
    parser.add_argument("file", metavar="FILE", help=_("the new book file, e.g. backup.json"))
    parser.set_defaults(handler=backup)
    parser = subparsers.add_parser(
        "repair", help=_("keep every readable line of a damaged journal, move the rest aside")
    )
    parser.set_defaults(handler=repair)
