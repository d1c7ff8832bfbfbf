"""The ``kp`` command line: the app by default, subcommands for a shell.

Imports neither Textual nor TinyDB at module level: ``kp today`` and ``kp log`` must start fast,
and only ``kp`` without a subcommand opens the Textual app.
Exit codes: 0 done, 1 runtime failure, 2 bad input or usage. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.commands import shell
from tui.commands.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    book_path,
    fail,
    open_book,
)
from tui.config import ConfigError, load_config
from tui.domain.model import ValidationError
from tui.i18n import _, detect_language, set_language
from tui.textsafe import safe_text


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {_('error')}: {message} ({_('see')} kp --help)\n")


#: each subcommand and the module in ``tui.commands`` that registers it, in ``kp --help``'s
#: order. A shell command imports only its own module (``kp log`` needs no exporter); help,
#: completion and a mistyped command get them all. A test keeps this table true.
COMMAND_MODULES: dict[str, str] = {
    "customer": "customer",
    "contact": "contact",
    "log": "log",
    "plan": "plan",
    "unplan": "plan",
    "undo": "plan",
    "today": "today",
    "snooze": "today",
    "skip": "today",
    "heatmap": "heatmap",
    "demo": "demo",
    "settings": "settings",
    "import": "importing",
    "export": "exporting",
    "config": "configuration",
    "backup": "book_files",
    "repair": "book_files",
    "check": "book_files",
    "completion": "completion",
}


def _command_modules(command: str | None) -> list[str]:
    """The modules to register for ``command``: its own, or all of them."""
    if command in COMMAND_MODULES and command != "completion":
        return [COMMAND_MODULES[command]]
    return list(dict.fromkeys(COMMAND_MODULES.values()))


def _global_parser(rep: str) -> argparse.ArgumentParser:
    """``kp`` with its global options and no subcommand yet."""
    parser = _Parser(
        prog="kp",
        description=_("Keep every customer warm all year with many small gestures."),
        epilog=_(
            "Exit codes: 0 done, 1 runtime failure (busy, disk full, no permission), 2 bad "
            "input or a damaged book. A change that was saved exits 0 even when a warning "
            "follows on stderr (a damaged file kept the journal from being folded: run kp "
            "check, then kp repair)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"kundenpflege {__version__}")
    parser.add_argument("--book", metavar="PATH", help=_("the book file (default: KP_BOOK)"))
    parser.add_argument("--rep", default=rep, help=_("your login name in the book"))
    parser.add_argument(
        "--demo", action="store_true", help=_("open a fresh demo book in a temporary place")
    )
    return parser


def build_parser(rep: str, command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that subcommand's module is imported and registered."""
    parser = _global_parser(rep)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _command_modules(command):
        importlib.import_module(f"tui.commands.{name}").register(subparsers)
    return parser


def _open_app(args: argparse.Namespace) -> int:
    """``kp`` and ``kp --demo``: the app on the book (a fresh demo book with ``--demo``).

    The book is opened before Textual starts, so a book that cannot be opened ends with a
    one-line message, never inside a half-drawn screen. On a team book a child process reads
    it too and plans the day meanwhile (``HeadStart``). A demo book is removed afterwards.
    """
    gc.disable()  # until the first paint: see tui.app.app._collect_garbage_from_now_on
    demo_folder = None
    if args.demo:
        from tui.commands.demo import temporary_demo_book

        args.book = str(temporary_demo_book(args.rep, date.today()))
        demo_folder = Path(args.book).parent
    from tui.services.head_start import HeadStart

    rep = args.rep or args.config.rep
    head_start = HeadStart.start(book_path(args), args.config, date.today(), rep)
    try:
        with open_book(args) as book:
            from tui.app.app import run_app  # Textual loads while the child plans

            return run_app(book, config=args.config, demo=args.demo, rep=rep, head_start=head_start)
    finally:
        if head_start is not None:
            head_start.cancel()
        if demo_folder is not None:
            import shutil

            shutil.rmtree(demo_folder, ignore_errors=True)


def _subcommand_index(parser: argparse.ArgumentParser, argv: Sequence[str]) -> int | None:
    """Where the subcommand's name stands in ``argv`` (after the global options), if anywhere."""
    takes_value = {o for a in parser._actions for o in a.option_strings if a.nargs != 0}
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--":
            return index + 1 if index + 1 < len(argv) else None
        if not token.startswith("-"):
            return index
        index += 2 if token in takes_value else 1
    return None


def _command_name(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names, if any (read with the global options only)."""
    index = _subcommand_index(_global_parser(""), argv) if argv else None
    return argv[index] if index is not None else None


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """argparse, except that ``kp log``'s note words may start with ``-`` (``about -20%``)."""
    index = _subcommand_index(parser, argv)
    if index is None or argv[index] != "log":
        return parser.parse_args(argv)
    from tui.commands.log import split_note_words

    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    kept, words = split_note_words(argv[index + 1 :], commands.choices["log"])
    args = parser.parse_args([*argv[: index + 1], *kept])
    args.words = words
    return args


#: an error line never gets longer than this, whatever value it quotes (a 100 KB argument)
ERROR_LINE_LIMIT = 500


def _complain(message: object) -> None:
    """The one error line on stderr, cut to a readable length."""
    text = str(message)
    if len(text) > ERROR_LINE_LIMIT:
        text = text[: ERROR_LINE_LIMIT - 1] + "…"
    print(f"kp: {text}", file=sys.stderr)


def run(argv: Sequence[str] | None = None) -> int:
    """Parse, dispatch, and turn every expected failure into a one-line message and exit code."""
    arguments = list(argv) if argv is not None else shell.utf8_arguments(sys.argv[1:])
    try:
        config = load_config()
    except ConfigError as error:
        _complain(error)
        return EXIT_USAGE
    set_language(detect_language(config.language))
    parser = build_parser(config.rep, _command_name(arguments))
    args = _parse(parser, arguments)
    if args.command is None and not args.demo and not shell.interactive():
        args = parser.parse_args([*arguments, "today"])  # no terminal (a pipe, cron): the plan
    args.config = config
    from tui.holiday_cache import install_holiday_cache
    from tui.messages import describe
    from tui.store.errors import BookError, BookLocked, BookPermission, BookWriteFailed

    install_holiday_cache()

    try:
        if args.command is None:
            if not shell.interactive():
                fail(_("the app needs a terminal; kp today prints the day's plan"))
            return _open_app(args)
        return int(args.handler(args))
    except BrokenPipeError:
        shell.quiet_closed_pipe()
        return EXIT_OK
    except CommandError as error:
        _complain(error)
        return error.code
    except (ValidationError, BookError) as error:
        _complain(describe(error))
        # a busy book, a full disk, a file we may not write: runtime failures (1); a damaged,
        # foreign or missing book and bad values: bad input (2)
        runtime = BookLocked | BookWriteFailed | BookPermission
        return EXIT_FAILURE if isinstance(error, runtime) else EXIT_USAGE
    except OSError as error:
        _complain(safe_text(str(error)))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: still one line, and KP_DEBUG=1 shows the traceback
        if os.environ.get("KP_DEBUG"):
            raise
        message = _("internal error: {error} (run with KP_DEBUG=1 for details)")
        _complain(message.format(error=safe_text(repr(error))))
        return EXIT_FAILURE


def main(argv: Sequence[str] | None = None) -> int:
    shell.use_ascii_fallback()
    try:
        code = run(argv)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left before the last flush: nothing more to say
        shell.quiet_closed_pipe()
        return EXIT_OK
    return code


def entry() -> NoReturn:
    """The ``kp`` program (its console script, ``python -m tui.cli``): one command, one process.

    A shell command is short, so the cycle collector stays off (it would only walk the book's
    many small documents again and again; reference counts free what a command drops), and
    what is left at the end is frozen: the interpreter's last collection at exit would
    otherwise walk every document of a team book once more. The app turns the collector on
    after its first paint (``tui.app.app``).
    """
    gc.disable()
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    entry()
