"""How fast is ``kp today`` (and ``kp log``) for a shell user? Run by hand; prints figures.

    .venv/bin/python bench/bench_cli.py [--customers 300] [--years 5] [--runs 10] [--book PATH]

Writes a demo book of the given size into a temporary folder (or uses --book), then times whole
processes the way a login shell starts them: ``python -m tui.cli today`` and ``... log``.
The targets and the measured figures are in bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _kp(book: Path, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KP_REP": "amueller", "NO_COLOR": "1"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "--book", str(book), *args],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--book", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        book = args.book or Path(folder) / "book.json"
        if args.book is None:
            seconds = _kp(
                book,
                "demo",
                "--out",
                str(book),
                "--customers",
                str(args.customers),
                "--years",
                str(args.years),
                "--until",
                "2026-11-23",
            )
            size = book.stat().st_size / 1e6
            print(f"demo book {args.customers}x{args.years}: {seconds:.2f} s, {size:.1f} MB")
        baseline = [_run_python("pass") for _ in range(args.runs)]
        today = [_kp(book, "today", "--date", "2026-11-23") for _ in range(args.runs)]
        team = [_kp(book, "today", "--all", "--date", "2026-11-23") for _ in range(args.runs)]
        logs = [
            _kp(book, "log", "1", "--note", "bench", "--at", "2026-11-23 10:00")
            for _ in range(args.runs)
        ]
    print(f"python -c pass        median {statistics.median(baseline) * 1000:7.1f} ms")
    print(f"kp today (one rep)    median {statistics.median(today) * 1000:7.1f} ms")
    print(f"kp today --all        median {statistics.median(team) * 1000:7.1f} ms")
    print(f"kp log (process)      median {statistics.median(logs) * 1000:7.1f} ms")


def _run_python(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
