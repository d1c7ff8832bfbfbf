"""How long plan_day takes on the rep book and the team book (DESIGN: <= 20 ms / <= 300 ms).

Builds both books in memory from a seeded random generator (contacts created in time order, as
the book loads them), then times plan_day a number of times and prints the median.

    PYTHONPATH=. python bench/bench_plan.py [--rounds 15] [--only rep|team]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, datetime, timedelta

from tui.domain.cadence import PlanSettings, plan_day
from tui.domain.model import Birthday, Contact, Customer, Gesture, Kind, Purpose, Tier

TODAY = date(2026, 3, 12)
REGIONS = ["DE", "DE-BY", "DE-NW", "DE-BW", "AT-9", "CH-ZH"]


def synthetic_book(
    customers: int, contacts: int, years: int = 5, seed: int = 7, reps: int = 1
) -> tuple[list[Customer], list[Contact], list[Gesture]]:
    """A book of the given size: tiers 20/30/50 %, birthdays, anniversaries, renewals, sales."""
    rng = random.Random(seed)
    start = TODAY - timedelta(days=365 * years)
    people: list[Customer] = []
    for number in range(1, customers + 1):
        tier = rng.choices([Tier.A, Tier.B, Tier.C], [2, 3, 5])[0]
        birth = rng.randrange(365 * 40) + 1
        born = date(1950, 1, 1) + timedelta(days=birth)
        people.append(
            Customer(
                name=f"Person {number}",
                company=f"Firma {number} GmbH",
                tier=tier,
                owner=f"rep{number % reps}",
                birthday=Birthday(born.month, born.day, born.year if rng.random() < 0.6 else None)
                if rng.random() < 0.7
                else None,
                founded=date(rng.randint(1950, 2020), rng.randint(1, 12), rng.randint(1, 28))
                if rng.random() < 0.5
                else None,
                since=start + timedelta(days=rng.randrange(365 * years)),
                renewal=TODAY + timedelta(days=rng.randrange(-60, 400))
                if rng.random() < 0.3
                else None,
                region=rng.choice(REGIONS),
                archived=rng.random() < 0.02,
                id=number,
            )
        )
    weights = [{Tier.A: 6, Tier.B: 2, Tier.C: 1}[c.tier] for c in people]
    span = (TODAY - start).days * 24 * 60
    moments = sorted(rng.randrange(span) for _ in range(contacts))
    purposes = [Purpose.CARE, Purpose.SERVICE, Purpose.SALES]
    log: list[Contact] = []
    for minute in moments:
        customer = rng.choices(people, weights)[0]
        purpose = rng.choice(purposes)
        assert customer.id is not None
        log.append(
            Contact(
                customer=customer.id,
                at=datetime.combine(start, datetime.min.time()) + timedelta(minutes=minute),
                kind=rng.choice([Kind.CALL, Kind.EMAIL, Kind.VISIT]),
                purpose=purpose,
                won=purpose is Purpose.SALES and rng.random() < 0.1,
            )
        )
    return people, log, []


def measure(name: str, customers: int, contacts: int, rounds: int, reps: int) -> None:
    book = synthetic_book(customers, contacts, reps=reps)
    people, log, gestures = book
    rep = "rep0"
    settings = PlanSettings()
    plan_day(people, log, gestures, TODAY, settings, rep=rep)  # warm the holiday cache
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        plan = plan_day(people, log, gestures, TODAY, settings, rep=rep)
        timings.append((time.perf_counter() - started) * 1000)
    team_timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        whole = plan_day(people, log, gestures, TODAY, settings)
        team_timings.append((time.perf_counter() - started) * 1000)
    team_ms = statistics.median(team_timings)
    print(
        f"{name}: {customers} customers, {len(log)} contacts: plan_day(rep={rep}) median "
        f"{statistics.median(timings):.1f} ms (min {min(timings):.1f}, {rounds} rounds); "
        f"{len(plan.items)} today, {len(plan.later)} later; "
        f"plan_day(rep=None) median {team_ms:.1f} ms, "
        f"{len(whole.items)} today, {len(whole.later)} later"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--only", choices=["rep", "team"])
    args = parser.parse_args()
    if args.only in (None, "rep"):
        measure("rep book", 300, 25_000, args.rounds, reps=1)
    if args.only in (None, "team"):
        measure("team book", 5_000, 500_000, max(3, args.rounds // 3), reps=1)


if __name__ == "__main__":
    main()
