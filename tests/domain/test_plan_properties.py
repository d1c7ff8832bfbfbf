"""Invariants of the plan, for books hypothesis makes up."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.domain.engine_simulation import follow_plan
from tui.domain.cadence import PlanSettings, plan_day
from tui.domain.calendar import calendar_for, refine_region
from tui.domain.model import Birthday, Contact, Customer, Purpose, Tier

REGIONS = ["DE", "DE-BY", "DE-NW", "AT-9", "CH-ZH"]


@st.composite
def books(draw: st.DrawFn) -> tuple[list[Customer], list[Contact], date, PlanSettings]:
    today = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)))
    count = draw(st.integers(1, 25))
    seed = draw(st.integers(0, 10_000))
    rng = random.Random(seed)
    customers, contacts = [], []
    for number in range(1, count + 1):
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 30))
        customers.append(
            Customer(
                name=f"K{number}",
                id=number,
                tier=rng.choice(list(Tier)),
                region=rng.choice(REGIONS),
                birthday=Birthday(born.month, born.day) if rng.random() < 0.6 else None,
                founded=born if rng.random() < 0.4 else None,
                since=today - timedelta(days=rng.randrange(-10, 2000)),
                renewal=today + timedelta(days=rng.randrange(-30, 200))
                if rng.random() < 0.3
                else None,
                archived=rng.random() < 0.05,
            )
        )
        for _ in range(rng.randrange(6)):
            purpose = rng.choice(list(Purpose))
            contacts.append(
                Contact(
                    customer=number,
                    at=datetime.combine(today, datetime.min.time())
                    - timedelta(minutes=rng.randrange(60 * 24 * 400)),
                    purpose=purpose,
                    won=purpose is Purpose.SALES and rng.random() < 0.3,
                )
            )
    plan_settings = PlanSettings(capacity=draw(st.integers(1, 8)), region=rng.choice(REGIONS))
    return customers, sorted(contacts, key=lambda c: c.at), today, plan_settings


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_never_on_a_weekend_or_holiday(book: tuple) -> None:  # type: ignore[type-arg]
    customers, contacts, today, plan_settings = book
    plan = plan_day(customers, contacts, [], today, plan_settings)
    for item in [*plan.items, *plan.later]:
        region = refine_region(item.customer.region, plan_settings.region)
        assert calendar_for(region).is_business_day(item.due), (item.key, item.due, region)
        assert item.due >= today


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_no_day_over_capacity_except_fixed_dates(book: tuple) -> None:  # type: ignore[type-arg]
    customers, contacts, today, plan_settings = book
    plan = plan_day(customers, contacts, [], today, plan_settings)
    flexible = Counter(i.due for i in [*plan.items, *plan.later] if not i.fixed)
    fixed = Counter(i.due for i in [*plan.items, *plan.later] if i.fixed)
    for day, count in flexible.items():
        assert count + fixed[day] <= plan_settings.capacity, day
    assert len([i for i in plan.items if not i.fixed]) <= plan_settings.capacity


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books(), st.randoms(use_true_random=False))
def test_plan_is_a_pure_function_of_its_inputs(book: tuple, shuffle: random.Random) -> None:  # type: ignore[type-arg]
    customers, contacts, today, plan_settings = book
    first = plan_day(customers, contacts, [], today, plan_settings)
    assert plan_day(customers, contacts, [], today, plan_settings) == first
    mixed_customers, mixed_contacts = list(customers), list(contacts)
    shuffle.shuffle(mixed_customers)
    shuffle.shuffle(mixed_contacts)
    assert plan_day(mixed_customers, mixed_contacts, [], today, plan_settings) == first


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(list(Tier)), min_size=1, max_size=10),
    st.integers(2, 8),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 1, 1)),
)
def test_following_the_plan_keeps_every_gap_within_cadence(
    tiers: list[Tier], capacity: int, start: date
) -> None:
    # tolerance: weekend/holiday shift (Easter: 4 days) + waiting for another gesture due
    # within 5 days + a few days in the levelling queue when capacity is short
    tolerance = 12
    customers = [Customer(name=f"K{n}", id=n, tier=t) for n, t in enumerate(tiers, 1)]
    history = [
        Contact(customer=n, at=datetime.combine(start, datetime.min.time()) - timedelta(days=n))
        for n in range(1, len(tiers) + 1)
    ]
    plan_settings = PlanSettings(capacity=capacity)
    end = start + timedelta(days=200)
    run = follow_plan(customers, history, start, end, plan_settings)
    for customer in customers:
        days = sorted(c.at.date() for c in run.contacts if c.customer == customer.id)
        points = [*days, end]
        gap = max((b - a).days for a, b in itertools.pairwise(points))
        assert gap <= plan_settings.tier_days[customer.tier] + tolerance, (customer.tier, gap)
