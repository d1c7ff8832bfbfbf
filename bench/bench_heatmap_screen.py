"""What the Heatmap screen waits for on a real book: reading a year, grids per filter, coldest.

Run by hand on a demo book, e.g. the team book (5,000 customers, 5 years, ~500,000 contacts):
``PYTHONPATH=. python -m tui.cli demo --out /tmp/team.json --customers 5000 --years 5
--until 2026-11-23`` then ``PYTHONPATH=. python bench/bench_heatmap_screen.py /tmp/team.json
[--rep root] [--today 2026-11-23]``. Prints one figure per step (ms), in the order the screen
asks for them, first on a freshly opened book (cold: the book decodes what it reads) and then
again (warm: the book's decoded contacts and this source's caches).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tui.domain.model import Tier
from tui.services.heatmap_source import Filters, HeatmapSource, Selection
from tui.services.planning import forecast_plan, plan_settings
from tui.store.book import Book


def timed(label: str, work: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = work()
    print(f"  {label:<44} {1000 * (time.perf_counter() - start):8.1f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("book", type=Path)
    parser.add_argument("--rep", default=None, help="the rep whose customers are 'mine'")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 23))
    args = parser.parse_args()
    start = time.perf_counter()
    book = Book.open(args.book)
    print(f"open: {1000 * (time.perf_counter() - start):.0f} ms")
    settings = plan_settings(book)
    customers = {c.id: c for c in book.customers(include_archived=True) if c.id is not None}
    rep = args.rep or next(iter(customers.values())).owner
    today = args.today
    source = HeatmapSource(book, settings, today, customers=lambda: customers)
    mine = Selection(Filters(rep=rep))
    team = Selection(Filters())
    for run in ("cold", "warm"):
        print(f"{run}:")
        timed(f"grid, {rep}'s customers, {today.year}", lambda: source.grid(mine, today.year))
        timed(f"coldest list, {rep}'s", lambda: source.coldest(mine.filters))
        timed("grid, whole team", lambda: source.grid(team, today.year))
        timed("grid, team tier A", lambda: source.grid(Selection(Filters(tier=Tier.A)), 2026))
        timed("coldest list, whole team", lambda: source.coldest(team.filters))
        timed(f"grid, whole team, {today.year - 1}", lambda: source.grid(team, today.year - 1))
        timed("day under the cursor (team)", lambda: source.day_contacts(team, today))
        timed("one customer's grid", lambda: source.grid(Selection(customer=1), today.year))
        source.forget()
    timed(
        f"forecast plan ({rep}, thread)",
        lambda: forecast_plan(book, today, rep=rep, settings=settings),
    )
    timed(
        "forecast plan (team, thread)",
        lambda: forecast_plan(book, today, rep=None, settings=settings),
    )
    book.close()


if __name__ == "__main__":
    main()
