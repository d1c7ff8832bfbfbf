"""How fast the heatmap is: grid, metrics, coldest list and drawing, on seeded synthetic contacts.

Run by hand: ``.venv/bin/python bench/bench_heatmap.py [--customers 5000] [--years 5]
[--seed 1]``. Prints the best of several runs (ms); targets and figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta

from tui.domain.coldness import coldest
from tui.domain.heatmap import contact_grid, day_grid, grids_by_customer, year_metrics
from tui.domain.model import Contact, Customer, Purpose, Tier
from tui.heatmap_text import render_heatmap_text

PURPOSES = (Purpose.CARE, Purpose.CARE, Purpose.SERVICE, Purpose.SALES)


def synthetic_book(
    customers: int, years: int, per_year: int, seed: int, last_year: int
) -> tuple[list[Customer], list[Contact]]:
    """``customers`` x ``years`` x ``per_year`` contacts on random days, a fifth in December."""
    rnd = random.Random(seed)
    people = [
        Customer(name=f"Customer {i}", tier=rnd.choice(list(Tier)), id=i)
        for i in range(1, customers + 1)
    ]
    contacts: list[Contact] = []
    for year in range(last_year - years + 1, last_year + 1):
        first = date(year, 1, 1)
        for person in people:
            for _ in range(per_year):
                if rnd.random() < 0.2:
                    day = date(year, 12, rnd.randint(1, 23))
                else:
                    day = first + timedelta(days=rnd.randrange(334))
                moment = datetime(day.year, day.month, day.day, rnd.randint(8, 17))
                assert person.id is not None
                contacts.append(Contact(person.id, moment, purpose=rnd.choice(PURPOSES)))
    contacts.sort(key=lambda c: c.at)
    return people, contacts


def best_ms(work: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def widget_frame_ms(grid_year: int, contacts: list[Contact], today: date) -> tuple[float, float]:
    """Drawing all lines of the widget once cold (empty cache) and once warm, at 80 columns."""
    from textual.app import App, ComposeResult

    from tui.app.widgets.heatmap_grid import HeatmapGrid

    grid = contact_grid(contacts, grid_year)
    figures: list[float] = []

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            yield HeatmapGrid(grid, today=today)

    async def run() -> None:
        app = Bench()
        async with app.run_test(size=(80, 24)):
            heatmap = app.query_one(HeatmapGrid)

            def frame() -> None:
                for y in range(heatmap.size.height):
                    heatmap.render_line(y)

            def cold() -> None:
                heatmap._lines.clear()
                frame()

            figures.append(best_ms(cold, 50))
            figures.append(best_ms(frame, 50))

    asyncio.run(run())
    return figures[0], figures[1]


def timepiece_figures(grid_year: int, contacts: list[Contact]) -> None:
    """The same year in textual-timepiece's ActivityHeatmap at 80x24, for the comparison."""
    from collections import defaultdict

    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual_timepiece.activity_heatmap import ActivityHeatmap

    values: defaultdict[date, float] = defaultdict(float)
    for contact in contacts:
        if contact.at.year == grid_year:
            values[contact.at.date()] += 1

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            yield ActivityHeatmap(year=grid_year)

    async def run() -> None:
        app = Bench()
        async with app.run_test(size=(80, 24)) as pilot:
            heatmap = app.query_one(ActivityHeatmap)
            heatmap.values = values  # normalised in a thread worker, then assigned
            await app.workers.wait_for_complete()
            await pilot.pause()
            lines = [heatmap.render_line(y).text for y in range(heatmap.size.height)]
            weeks = [int(w) for w in lines[15].split()] if len(lines) > 15 else []
            glyphs = sorted(set("".join(lines[1:14:2])) - {" "} - set("MonTuesWdhFriSat"))
            keys = sorted(b.key for b in heatmap.BINDINGS if isinstance(b, Binding))
            frame = best_ms(lambda: [heatmap.render_line(y) for y in range(18)], 50)
            print(
                f"ActivityHeatmap at 80x24: content {heatmap.virtual_size.width}x"
                f"{heatmap.virtual_size.height}, weeks visible {weeks[0]}..{weeks[-1]}, "
                f"cell glyphs {glyphs}, keys {keys}, 18 lines {frame:.3f} ms"
            )

    asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--per-year", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timepiece", action="store_true", help="compare with ActivityHeatmap")
    args = parser.parse_args()
    year = 2026
    today = date(year, 12, 31)

    start = time.perf_counter()
    people, contacts = synthetic_book(args.customers, args.years, args.per_year, args.seed, year)
    print(
        f"book: {len(people):,} customers, {len(contacts):,} contacts "
        f"({args.years} years), built in {time.perf_counter() - start:.1f} s"
    )

    one = [c for c in contacts if c.customer == 1]
    one_year = [c for c in one if c.at.year == year]
    print(f"one customer: {len(one)} contacts, {len(one_year)} in {year}")
    grid_one = contact_grid(one, year)
    metrics_one = year_metrics(grid_one, today)
    report("contact_grid, one customer's log", lambda: contact_grid(one, year), 200)
    report("contact_grid, its year only", lambda: contact_grid(one_year, year), 200)
    report("year_metrics", lambda: year_metrics(grid_one, today), 200)
    report(
        "render_heatmap_text (80 col, colour)",
        lambda: render_heatmap_text(grid_one, metrics_one, color=True, title="x", today=today),
        50,
    )

    print(f"all customers, whole log ({len(contacts):,} contacts):")
    tier_a = {p.id for p in people if p.tier is Tier.A and p.id is not None}
    days = [c.at for c in contacts]
    grid_all = contact_grid(contacts, year)
    metrics_all = year_metrics(grid_all, today)
    cadence = {Tier.A: 30, Tier.B: 90, Tier.C: 180}
    report("contact_grid, all, one year", lambda: contact_grid(contacts, year), 5)
    report("contact_grid, tier A only", lambda: contact_grid(contacts, year, customers=tier_a), 5)
    report("day_grid from pre-extracted dates", lambda: day_grid(days, year), 5)
    report("grids_by_customer (one per customer)", lambda: grids_by_customer(contacts, year), 3)
    report("year_metrics, all", lambda: year_metrics(grid_all, today), 20)
    report("coldest (all ranked)", lambda: coldest(people, contacts, today, cadence_of(cadence)), 3)
    report(
        "render_heatmap_text, all",
        lambda: render_heatmap_text(grid_all, metrics_all, color=True, title="x"),
        50,
    )
    cold, warm = widget_frame_ms(year, one, today)
    print(f"widget, all 10 lines at 80 columns: cold {cold:.3f} ms, cached {warm:.3f} ms")
    if args.timepiece:
        timepiece_figures(year, one)


def report(label: str, work: Callable[[], object], runs: int) -> None:
    print(f"  {label:<38} {best_ms(work, runs):9.3f} ms")


def cadence_of(days: dict[Tier, int]) -> Callable[[Customer], int]:
    return lambda customer: days[customer.tier]


if __name__ == "__main__":
    main()
