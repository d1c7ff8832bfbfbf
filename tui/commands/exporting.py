"""``kp export``: the plan for Outlook/Thunderbird, the book as CSV or JSON, the gift list.

Exactly one of ``--ics FILE``, ``--csv DIR``, ``--json FILE``, ``--gifts FILE``; ``-`` as FILE
writes to stdout (for a pipe). A one-line report on stderr, so stdout stays the data.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from tui.commands.common import EXIT_OK, fail, open_book
from tui.domain.dates import parse_date
from tui.i18n import N_, _
from tui.textsafe import safe_text

#: the line in ``kp --help`` and the text of ``kp export --help`` (translated when shown)
SUMMARY = N_("export the plan (.ics), the book (CSV, JSON) or the gift list")
ABOUT = N_(
    "Export the coming days' plan as iCalendar for Outlook or Thunderbird (stable "
    "UIDs: exporting again updates the entries), the customers and contacts as CSV "
    "or JSON (which kp import reads back), or the year's gift list for the bookkeeper "
    "(CSV for German Excel). FILE - writes to stdout."
)


def _deliver(target: str, data: bytes) -> str:
    """Write to the file (atomically) or stdout; the name to report."""
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return _("stdout")
    from tui.services.exporting import write_whole

    path = Path(target).expanduser()
    if path.is_dir():
        fail(_("{path} is a folder; give a file name").format(path=safe_text(str(path))))
    write_whole(path, data)
    return safe_text(str(path))


def export_command(args: argparse.Namespace) -> int:
    from tui.services import exporting

    today = parse_date(args.date) if args.date else date.today()
    if args.days < 1 or args.days > exporting.MAX_DAYS:
        fail(_("--days must be between 1 and {most}").format(most=exporting.MAX_DAYS))
    with open_book(args, create=False) as book:
        if args.ics:
            rep = None if args.all else (args.for_rep or args.rep)
            found = exporting.calendar_export(
                book, today=today, days=args.days, rep=rep, todo=args.todo, occasions=args.occasions
            )
            where = _deliver(args.ics, found.data)
            message = _("{n} gestures of the next {days} days written to {path}").format(
                n=found.count, days=args.days, path=where
            )
            if args.occasions:
                message += " " + _("(and {n} yearly occasions)").format(n=found.more)
        elif args.csv:
            folder = Path(args.csv).expanduser()
            if folder.exists() and not folder.is_dir():
                fail(_("{path} is not a folder").format(path=safe_text(str(folder))))
            customers, contacts = exporting.export_csv(book, folder)
            message = _("{customers} customers and {contacts} contacts written to {path}").format(
                customers=customers, contacts=contacts, path=safe_text(str(folder))
            )
        elif args.json:
            found = exporting.json_export(book)
            where = _deliver(args.json, found.data)
            message = _("{customers} customers and {contacts} contacts written to {path}").format(
                customers=found.count, contacts=found.more, path=where
            )
        else:
            year = args.year or today.year
            found = exporting.gifts_export(book, year=year)
            where = _deliver(args.gifts, found.data)
            message = _("{n} gifts of {year} written to {path}").format(
                n=found.count, year=year, path=where
            )
    print(message, file=sys.stderr)
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("export", help=_(SUMMARY), description=_(ABOUT))
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--ics", metavar="FILE", help=_("the plan as an iCalendar file"))
    what.add_argument("--csv", metavar="DIR", help=_("customers.csv and contacts.csv into DIR"))
    what.add_argument("--json", metavar="FILE", help=_("everything as one JSON file"))
    what.add_argument("--gifts", metavar="FILE", help=_("the gift list of a year (CSV)"))
    parser.add_argument(
        "--days", type=int, default=30, help=_("days of the plan, from today (default 30)")
    )
    whose = parser.add_mutually_exclusive_group()
    whose.add_argument(
        "--rep", dest="for_rep", metavar="LOGIN", help=_("another rep's plan (default: yours)")
    )
    whose.add_argument("--all", action="store_true", help=_("the whole team's plan"))
    parser.add_argument(
        "--occasions",
        action="store_true",
        help=_("add birthdays and anniversaries as yearly events"),
    )
    parser.add_argument(
        "--todo", action="store_true", help=_("write tasks (VTODO) instead of all-day events")
    )
    parser.add_argument("--year", type=int, help=_("the year of the gift list (default: this)"))
    parser.add_argument("--date", help=_("the first day of the plan (default: today)"))
    parser.set_defaults(handler=export_command)
