"""``kp config show``: the settings in effect and where each came from.

The rep's own settings (config file, environment, defaults), the paths in use, and the team's
planner settings (the book's, over the defaults). A broken config file never gets here: it is
one error naming the file and line before any command runs.
"""

from __future__ import annotations

import argparse
from contextlib import suppress

from tui.commands.common import EXIT_OK, book_path, columns, print_json
from tui.i18n import _


def _source(source: str) -> str:
    return {
        "default": _("default"),
        "file": _("file"),
        "environment": _("environment"),
        "book": _("book"),
        "command line": _("command line"),
    }[source]


def show_command(args: argparse.Namespace) -> int:
    from tui.services.configuration import Setting, personal_settings, team_settings
    from tui.store.book import Book
    from tui.store.errors import BookMissing

    path = book_path(args)
    personal = personal_settings(args.config, book=path, book_from_option=bool(args.book))
    book = None
    with suppress(BookMissing):
        book = Book.open(path, create=False)
    try:
        team = team_settings(args.config, book)
    finally:
        if book is not None:
            book.close()
    if args.format == "json":
        print_json(
            [
                {"name": s.name, "value": s.value, "source": s.source, "detail": s.detail}
                for s in (*personal, *team)
            ]
        )
        return EXIT_OK

    def rows(settings: list[Setting]) -> list[str]:
        cells = [(s.name, s.value, f"{_source(s.source)} {s.detail}".strip()) for s in settings]
        width = max(len(c[1]) for c in cells)
        return columns(cells, (22, min(width, 30), 0))

    print(_("Your settings"))
    print("\n".join(rows(personal)))
    print()
    print(_("Team settings") if book is not None else _("Team settings (no book yet: defaults)"))
    print("\n".join(rows(team)))
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("config", help=_("show the settings in effect"))
    actions = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    show = actions.add_parser(
        "show",
        help=_("every setting in effect and where it came from"),
        description=_(
            "Every setting in effect and where it came from: default, config file, "
            "environment, command line or the team's book."
        ),
    )
    show.add_argument("--format", choices=["text", "json"], default="text")
    show.set_defaults(handler=show_command)
