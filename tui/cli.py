"""The ``kp`` command line: the app by default, subcommands for a shell.

Imports neither Textual nor TinyDB at module level: ``kp today`` and ``kp log`` must start fast,
and only ``kp`` without a subcommand opens the Textual app.
Exit codes: 0 done, 1 runtime failure, 2 bad input or usage. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.commands import customer, demo, heatmap, log, settings, today
from tui.commands.common import EXIT_FAILURE, EXIT_USAGE, CommandError, open_book
from tui.config import ConfigError, load_config
from tui.domain.model import ValidationError
from tui.i18n import _, detect_language, set_language
from tui.textsafe import safe_text


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {_('error')}: {message} ({_('see')} kp --help)\n")


def build_parser(rep: str) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kp",
        description=_("Keep every customer warm all year with many small gestures."),
    )
    parser.add_argument("--version", action="version", version=f"kundenpflege {__version__}")
    parser.add_argument("--book", metavar="PATH", help=_("the book file (default: KP_BOOK)"))
    parser.add_argument("--rep", default=rep, help=_("your login name in the book"))
    parser.add_argument(
        "--demo", action="store_true", help=_("open a fresh demo book in a temporary place")
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (customer, log, today, heatmap, demo, settings):
        module.register(subparsers)
    return parser


def _open_app(args: argparse.Namespace) -> int:
    """``kp`` and ``kp --demo``: the app on the book (a fresh demo book with ``--demo``).

    The book is opened before Textual starts, so a book that cannot be opened ends with a
    one-line message, never inside a half-drawn screen. A demo book is removed afterwards.
    """
    gc.disable()  # until the first paint: see tui.app.app._collect_garbage_from_now_on
    demo_folder = None
    if args.demo:
        args.book = str(demo.temporary_demo_book(args.rep, date.today()))
        demo_folder = Path(args.book).parent
    try:
        with open_book(args) as book:
            from tui.app.app import run_app

            return run_app(book, config=args.config, demo=args.demo, rep=args.rep)
    finally:
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)


def run(argv: Sequence[str] | None = None) -> int:
    """Parse, dispatch, and turn every expected failure into a one-line message and exit code."""
    try:
        config = load_config()
    except ConfigError as error:
        print(f"kp: {error}", file=sys.stderr)
        return EXIT_USAGE
    set_language(detect_language(config.language))
    parser = build_parser(config.rep)
    args = parser.parse_args(argv)
    args.config = config
    from tui.holiday_cache import install_holiday_cache
    from tui.store.errors import BookError, BookLocked

    install_holiday_cache()

    try:
        if args.command is None:
            return _open_app(args)
        return int(args.handler(args))
    except CommandError as error:
        print(f"kp: {error}", file=sys.stderr)
        return error.code
    except ValidationError as error:
        print(f"kp: {safe_text(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except BookLocked as error:
        print(f"kp: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except BookError as error:
        print(f"kp: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"kp: {safe_text(str(error))}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: still one line, and KP_DEBUG=1 shows the traceback
        if os.environ.get("KP_DEBUG"):
            raise
        message = _("internal error: {error} (run with KP_DEBUG=1 for details)")
        print(f"kp: {message.format(error=safe_text(repr(error)))}", file=sys.stderr)
        return EXIT_FAILURE


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
