"""``kp backup FILE``, ``kp check`` and ``kp repair``: the book's files as a whole.

A book is several files (see README, "The book"); copying ``book.json`` alone misses the
contacts. ``kp backup`` writes one consistent, self-contained copy, taken under the book's lock
held shared (read access is enough: a backup is a read) while others keep working; ``kp --book
FILE`` opens it. ``kp check`` reads every file and
decodes every document; ``kp repair`` is the way out of damage: every readable journal line and
document is kept, the rest is moved aside.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.commands.common import EXIT_OK, book_path, fail, open_book
from tui.i18n import _, ngettext
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

    report = Book.repair(book_path(args))
    if report.journal_rejected is None:
        print(
            _("the journal is readable; {count} journal lines folded in").format(
                count=report.journal_kept
            )
        )
    else:
        print(
            _("kept {count} journal lines; the unreadable ones are in {file}").format(
                count=report.journal_kept, file=safe_text(str(report.journal_rejected))
            )
        )
    for part in report.parts:
        name = safe_text(part.file.name)
        if part.missing:
            print(_("{file} was missing; its part of the book starts empty").format(file=name))
            continue
        print(
            _("{file}: kept {kept} documents, moved {moved} aside to {rejected}").format(
                file=name,
                kept=part.kept,
                moved=part.moved,
                rejected=safe_text(str(part.rejected)),
            )
        )
    if report.parts:
        print(_("the planner's window was built again from the year files"))
    left = Book.check(book_path(args)).problems  # what repair cannot mend (a customer, say)
    for problem in left:
        print(f"{safe_text(problem.file.name)}: {safe_text(problem.detail)}")
    if left:
        fail(
            ngettext(
                "{count} problem above is left for a person: correct it in the file, or go back "
                "to a backup",
                "{count} problems above are left for a person: correct them in the file, or go "
                "back to a backup",
                len(left),
            ).format(count=len(left))
        )
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    from tui.store.book import Book

    result = Book.check(book_path(args))
    for problem in result.problems:
        print(f"{safe_text(problem.file.name)}: {safe_text(problem.detail)}")
    if result.problems:
        fail(
            ngettext(
                "the book is damaged ({count} problem above); kp repair keeps what reads",
                "the book is damaged ({count} problems above); kp repair keeps what reads",
                len(result.problems),
            ).format(count=len(result.problems))
        )
    print(
        _(
            "the book is whole: {files} files, {customers} customers, {contacts} contacts in "
            "the year files, {lines} journal lines"
        ).format(
            files=result.files,
            customers=result.customers,
            contacts=result.contacts,
            lines=result.journal_lines,
        )
    )
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "backup",
        help=_("write one consistent copy of the book (all its files) to FILE"),
        description=_(
            "Write one consistent copy of the book (all its files) to FILE, a new book that "
            "kp --book FILE opens. A backup is a read: it waits for a writer to finish, and "
            "read access to the book is enough (a book you may only read can be backed up)."
        ),
    )
    parser.add_argument("file", metavar="FILE", help=_("the new book file, e.g. backup.json"))
    parser.set_defaults(handler=backup)
    whole_book = (  # the two commands that read every file of the book; no options
        (
            "repair",
            repair,
            _("keep every readable journal line and document, move the rest aside"),
            _(
                "Keep every journal line and every document of the book's files that still "
                "reads and fits, move the rest to FILE.rejected beside each file, and build "
                "the planner's window again if a file of contacts was repaired."
            ),
        ),
        (
            "check",
            check,
            _("read every file of the book and say what is damaged"),
            _(
                "Read every file of the book and decode every document, also the years no "
                "command has read lately. Prints one line per problem; exit 0 when the book "
                "is whole, 2 when it is damaged (then kp repair)."
            ),
        ),
    )
    for name, handler, summary, description in whole_book:
        subparsers.add_parser(name, help=summary, description=description).set_defaults(
            handler=handler
        )
