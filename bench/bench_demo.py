"""How long a demo book takes: generation alone, and writing it (when the store's Book exists).

Run by hand: ``PYTHONPATH=. python bench/bench_demo.py [--sizes 300x5,5000x5] [--no-write]``.
Prints one line per size; never part of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from tui.demo.generator import generate_demo, write_demo

UNTIL = date(2026, 3, 11)


def _rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_generate(customers: int, years: int) -> None:
    gc.collect()
    started = time.perf_counter()
    data = generate_demo(customers=customers, years=years, seed=1, until=UNTIL)
    seconds = time.perf_counter() - started
    count = len(data.contacts)
    print(
        f"generate {customers:>6} x {years}: {count:>8,} contacts, {len(data.gestures):>4} gestures"
        f" in {seconds:6.2f} s ({1e6 * seconds / count:5.1f} µs/contact),"
        f" peak RSS {_rss_mb():.0f} MB"
    )


def bench_write(customers: int, years: int) -> None:
    with tempfile.TemporaryDirectory(prefix="kp-bench-demo-") as folder:
        path = Path(folder) / "book.json"
        gc.collect()
        started = time.perf_counter()
        summary = write_demo(path, customers=customers, years=years, seed=1, until=UNTIL)
        seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in Path(folder).iterdir() if p.is_file())
        print(
            f"write    {customers:>6} x {years}: {summary.contacts:>8,} contacts"
            f" in {seconds:6.2f} s, {size / 1e6:.1f} MB on disk, peak RSS {_rss_mb():.0f} MB"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", default="300x5,5000x5", help="customers x years, comma-separated"
    )
    parser.add_argument("--no-write", action="store_true", help="only time the generator")
    args = parser.parse_args(argv)
    sizes = [tuple(int(n) for n in size.split("x")) for size in args.sizes.split(",")]
    write = not args.no_write and importlib.util.find_spec("tui.store.book") is not None
    if not write and not args.no_write:
        print("tui.store.book is not there yet: timing generation only", file=sys.stderr)
    for customers, years in sizes:
        bench_generate(customers, years)
    for customers, years in sizes if write else ():
        bench_write(customers, years)
    return 0


if __name__ == "__main__":
    sys.exit(main())
