"""How long from ``kp`` to a painted Today list, against a bare Textual app? Run by hand.

    .venv/bin/python bench/bench_app_start.py [--customers 300] [--runs 5] [--book PATH]

Each run is a fresh process (imports included, as a rep typing ``kp`` pays them): it opens the
book, builds the app and runs it headless until the Today screen shows its first gesture, then
exits; as ``kp`` does, a child process plans the day while Textual loads. The bare app shows
one Static and exits after its first paint. Targets and figures:
bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import time
started = time.perf_counter()
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("hello")
        yield Footer()

async def auto_pilot(pilot):
    await pilot.pause()
    print(time.perf_counter() - started)
    pilot.app.exit()

Bare().run(headless=True, size=(80, 24), auto_pilot=auto_pilot)
"""

KP = """
import time
started = time.perf_counter()
import gc
gc.disable()  # as tui.cli does before it opens the book; the app enables it after first paint
import sys
from datetime import datetime
from pathlib import Path
from tui.config import load_config
from tui.holiday_cache import install_holiday_cache
from tui.store.book import Book

install_holiday_cache()
config = load_config()
clock = lambda: datetime(2026, 11, 23, 9, 0)
from tui.services.head_start import HeadStart  # as tui.cli does: the child plans meanwhile

head_start = HeadStart.start(Path(sys.argv[1]), config, clock().date(), "amueller")
book = Book.open(Path(sys.argv[1]), create=False)
from tui.app.app import KundenpflegeApp
from tui.app.screens.today import TodayScreen

async def auto_pilot(pilot):
    while not isinstance(pilot.app.screen, TodayScreen) or not pilot.app.plan.items:
        await pilot.pause(0.005)
    await pilot.pause()
    print(time.perf_counter() - started)
    pilot.app.exit()

app = KundenpflegeApp(book, rep="amueller", clock=clock, config=config, poll_seconds=0,
                      head_start=head_start)
app.run(headless=True, size=(80, 24), auto_pilot=auto_pilot)
"""


def _seconds(code: str, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, env=env, capture_output=True, text=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--book", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        book = args.book or Path(folder) / "book.json"
        if args.book is None:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "tui.cli",
                    "demo",
                    "--out",
                    str(book),
                    "--customers",
                    str(args.customers),
                    "--until",
                    "2026-11-23",
                ],
                check=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=subprocess.DEVNULL,
            )
        _seconds(BARE), _seconds(KP, str(book))  # warm the caches (bytecode, holidays)
        bare = statistics.median(_seconds(BARE) for _ in range(args.runs))
        kp = statistics.median(_seconds(KP, str(book)) for _ in range(args.runs))
    print(f"bare Textual app, first paint   median {bare * 1000:7.1f} ms")
    print(f"kp, Today painted ({args.customers} customers) median {kp * 1000:7.1f} ms")
    print(f"ratio {kp / bare:.2f}x")


if __name__ == "__main__":
    main()
