"""``kp demo --out PATH``: write a realistic demo book; also the temporary book of ``kp --demo``."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import TextIO

from tui.commands.common import EXIT_OK, fail
from tui.domain.dates import parse_date
from tui.i18n import _


class ProgressBar:
    """A one-line progress bar on stderr, drawn only on a terminal, at most ten times a second."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = width * done // total
        bar = "█" * filled + "░" * (width - filled)
        end = "\n" if done >= total else ""
        print(f"\r{self.label} {bar} {100 * done // total:3d} %", end=end, file=self.stream)


def write_demo_book(
    path: Path, *, customers: int, years: int, seed: int, until: date, reps: list[str]
) -> int:
    """Generate and write a demo book; returns the number of contacts written."""
    from tui.demo.generator import write_demo

    summary = write_demo(
        path,
        customers=customers,
        years=years,
        seed=seed,
        until=until,
        reps=reps,
        progress=ProgressBar(_("Writing demo book")),
    )
    return int(summary.contacts)


DEMO_PREFIX = "kundenpflege-demo-"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned_demo_books(folder: Path | None = None) -> None:
    """Remove the user's demo folders whose ``kp --demo`` is gone (killed instead of quit)."""
    folder = folder or Path(tempfile.gettempdir())
    for candidate in folder.glob(DEMO_PREFIX + "*"):
        try:
            if candidate.stat().st_uid != os.getuid():
                continue
            pid = int((candidate / "owner.pid").read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue
        if not _process_alive(pid):
            shutil.rmtree(candidate, ignore_errors=True)


def temporary_demo_book(rep: str, today: date) -> Path:
    """A fresh demo book in a new temporary folder, with the user as one of its reps.

    The folder names its process, so a later ``kp --demo`` can remove it if this one is killed.
    """
    remove_abandoned_demo_books()
    folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    (folder / "owner.pid").write_text(str(os.getpid()), encoding="ascii")
    path = folder / "book.json"
    write_demo_book(
        path, customers=300, years=5, seed=1, until=today, reps=[rep, "amueller", "bschmidt"]
    )
    return path


def demo(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.exists():
        fail(_("{path} exists already; choose another --out").format(path=out))
    if not out.parent.is_dir():
        fail(_("folder {path} does not exist").format(path=out.parent))
    if not 1 <= args.customers <= 100_000:
        fail(_("--customers must be between 1 and 100000"))
    if not 1 <= args.years <= 30:
        fail(_("--years must be between 1 and 30"))
    until = parse_date(args.until, field_name="until") if args.until else date.today()
    if not 1 <= args.reps <= 1000:
        fail(_("--reps must be between 1 and 1000"))
    from tui.demo.generator import team_of

    reps = team_of(args.rep, ["amueller", "bschmidt", "cweber", "dfischer"], args.reps)
    started = time.perf_counter()
    contacts = write_demo_book(
        out, customers=args.customers, years=args.years, seed=args.seed, until=until, reps=reps
    )
    seconds = time.perf_counter() - started
    print(
        _("wrote {path}: {customers} customers, {contacts} contacts in {seconds:.1f} s").format(
            path=out, customers=args.customers, contacts=contacts, seconds=seconds
        )
    )
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help=_("write a realistic demo book"))
    parser.add_argument("--out", required=True, metavar="PATH", help=_("the new book file"))
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reps",
        type=int,
        default=5,
        metavar="N",
        help=_("how many reps own the customers: you and N-1 colleagues (default: 5)"),
    )
    parser.add_argument("--until", metavar="DATE", help=_("last day of history (default: today)"))
    parser.set_defaults(handler=demo)
