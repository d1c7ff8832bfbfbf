"""``kp import FILE``: customers from a CRM sheet, an address book or an export of ours.

Summary on stdout; each rejected record on stderr as ``FILE:LINE: reason`` (the form editors
jump to). Exit 0 when every record went in, 2 when any was rejected (the good ones still went
in) or the file cannot be read at all. A progress bar only when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.common import EXIT_OK, EXIT_USAGE, fail, open_book
from tui.i18n import N_, _
from tui.textsafe import safe_text

if TYPE_CHECKING:
    from tui.exchange.records import Progress
    from tui.services.importing import ImportReport


#: the line in ``kp --help`` and the text of ``kp import --help`` (translated when shown)
SUMMARY = N_("import customers from a CSV, vCard or JSON file")
ABOUT = N_(
    "Import customers from a CSV file (CRM, Excel, Outlook), a vCard file (.vcf), "
    "a JSON export or a folder written by kp export --csv. Records that match a "
    "customer (by e-mail, else name and company) update it; exit 2 if any record "
    "was rejected."
)


@contextmanager
def progress_bar(label: str) -> Iterator[Progress | None]:
    """A rich progress bar on a terminal (stderr), nothing in a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=sys.stderr)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def report_lines(report: ImportReport, *, list_added: bool) -> list[str]:
    """The details for stdout: added (in a dry run) and updated customers, ignored columns."""
    lines = []
    if list_added:
        lines += [f"+ {safe_text(c.customer.label)}" for c in report.added]
    for change in report.updated:
        fields = ", ".join(change.fields)
        lines.append(
            "~ "
            + _("{customer}: {fields} changed (line {line})").format(
                customer=safe_text(change.after.label), fields=fields, line=change.line
            )
        )
    if report.ignored_columns:
        columns = ", ".join(safe_text(c) for c in report.ignored_columns)
        lines.append(_("Columns not imported: {columns} (see --map)").format(columns=columns))
    return lines


def import_command(args: argparse.Namespace) -> int:
    from tui.exchange.records import ExchangeError
    from tui.services.importing import import_file, summary

    path = Path(args.file).expanduser()
    if not path.exists():
        fail(_("{path}: no such file").format(path=safe_text(str(path))))
    with open_book(args) as book, progress_bar(_("Importing")) as progress:
        try:
            report = import_file(
                book,
                path,
                owner=args.owner or args.rep,
                mapping=args.map or (),
                dry_run=args.dry_run,
                progress=progress,
            )
        except ExchangeError as error:
            fail(f"{safe_text(path.name)}: {safe_text(str(error))}")
    for line in report_lines(report, list_added=args.dry_run):
        print(line)
    for rejection in report.rejected:
        print(f"{path.name}:{rejection.line}: {safe_text(rejection.reason)}", file=sys.stderr)
    print(summary(report))
    return EXIT_USAGE if report.rejected else EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("import", help=_(SUMMARY), description=_(ABOUT))
    parser.add_argument("file", metavar="FILE", help=_("the file (or export folder) to import"))
    parser.add_argument(
        "--dry-run", action="store_true", help=_("show what would change, change nothing")
    )
    parser.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        help=_("read a column as a field (repeatable; FIELD=ignore skips it)"),
    )
    parser.add_argument(
        "--owner", metavar="LOGIN", help=_("owner of records without one (default: you)")
    )
    parser.set_defaults(handler=import_command)
