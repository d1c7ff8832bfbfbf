"""A rep follows the plan for a whole year: no December rush, no long silences, mostly care,
no greeting call before the day, and no gift idea for a customer at the gift limit.

Run with ``pytest -s`` to see the figures.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal

from tests.domain.engine_simulation import follow_plan
from tui.domain.cadence import PlanSettings
from tui.domain.gifts import gift_budget
from tui.domain.greetings import POSTED_KINDS, greeting_day
from tui.domain.model import Birthday, Contact, Customer, Kind, Purpose, Reason, Tier
from tui.domain.occasions import occasions
from tui.domain.regions import calendar_for_customer

YEAR = 2026
SETTINGS = PlanSettings(capacity=8)
# Longest allowed silence beyond the cadence: a touch may move off a weekend or holiday (Easter
# is four days), wait up to 5 days for another gesture that restarts the cadence anyway, and
# sit a day or two in the levelling queue.
A_TOLERANCE_DAYS = 10
# December has ~20 of ~250 business days (8 %); a December rush would be 15-30 %. The rep's own
# random sales calls add noise, so allow 6-11 %.
DECEMBER_SHARE = (0.06, 0.11)


def _book(seed: int = 3) -> tuple[list[Customer], list[Contact]]:
    rng = random.Random(seed)
    customers: list[Customer] = []
    history: list[Contact] = []
    tiers = [Tier.A] * 10 + [Tier.B] * 15 + [Tier.C] * 25
    regions = ["DE", "DE-BY", "DE-NW", "AT-9", "CH-ZH"]
    for number, tier in enumerate(tiers, 1):
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 40))
        since = date(2015, 1, 1) + timedelta(days=rng.randrange(365 * 12))  # some new in 2026
        customers.append(
            Customer(
                name=f"Kunde {number}",
                tier=tier,
                id=number,
                owner="rep",
                region=rng.choice(regions),
                birthday=Birthday(born.month, born.day, born.year if rng.random() < 0.5 else None),
                founded=date(rng.randint(1960, 2020), rng.randint(1, 12), rng.randint(1, 28))
                if rng.random() < 0.6
                else None,
                since=since,
                renewal=date(YEAR, 1, 1) + timedelta(days=rng.randrange(500))
                if rng.random() < 0.3
                else None,
            )
        )
        cadence = SETTINGS.tier_days[tier]
        if since < date(YEAR - 1, 12, 1):
            last = date(YEAR - 1, 12, 1) - timedelta(days=rng.randrange(cadence))
            for back in (2, 1, 0):
                day = last - timedelta(days=back * cadence)
                history.append(
                    Contact(customer=number, at=datetime.combine(day, datetime.min.time()))
                )
        if tier is not Tier.C and customers[-1].region.startswith("DE"):
            # 40 of the 50 EUR already given in January: no room for another gift this year
            history.append(
                Contact(
                    customer=number,
                    at=datetime(YEAR, 1, 2, 9),
                    kind=Kind.GIFT,
                    amount=Decimal("40.00"),
                )
            )
    return customers, sorted(history, key=lambda c: c.at)


def test_a_year_of_following_the_plan() -> None:
    customers, history = _book()
    run = follow_plan(
        customers,
        history,
        date(YEAR - 1, 12, 1),  # a month's run-up, so January starts from a steady state
        date(YEAR, 12, 31),
        SETTINGS,
        rep="rep",
        sales_per_day=0.3,
    )
    year = [c for c in run.contacts if c.at.year == YEAR]
    months = Counter(c.at.month for c in year)
    december = months[12] / len(year)
    purposes = Counter(c.purpose for c in year)
    care = purposes[Purpose.CARE] / len(year)
    no_sales = 1 - purposes[Purpose.SALES] / len(year)

    silences: dict[int, int] = {}
    by_customer: dict[int, list[date]] = {}
    for contact in run.contacts:
        by_customer.setdefault(contact.customer, []).append(contact.at.date())
    for customer in customers:
        assert customer.id is not None
        days = sorted(d for d in by_customer.get(customer.id, []) if d >= date(YEAR, 1, 1))
        before = [d for d in by_customer.get(customer.id, []) if d < date(YEAR, 1, 1)]
        points = ([max(before)] if before else []) + days + [date(YEAR, 12, 31)]
        silences[customer.id] = max((b - a).days for a, b in itertools.pairwise(points))

    def tier_silence(tier: Tier) -> int:
        return max(silences[c.id] for c in customers if c.tier is tier and c.id)

    a_silence = tier_silence(Tier.A)

    answered = {c.gesture: c for c in run.contacts if c.gesture}
    greetings = missed = early = 0
    for customer in customers:
        assert customer.id is not None
        calendar, _known = calendar_for_customer(customer, SETTINGS.region)
        for occasion in occasions(customer, YEAR, YEAR):
            if occasion.day < date(YEAR, 1, 8):  # cards for these were due before the run-up
                continue
            greetings += 1
            key = f"{customer.id}:{occasion.reason.value}:{occasion.day.isoformat()}"
            contact = answered.get(key)
            if contact is None:
                missed += 1
                continue
            arrives = greeting_day(occasion.day, calendar, SETTINGS)
            if contact.kind in POSTED_KINDS:  # written ahead, arrives on the greeting day
                missed += calendar.add(contact.day, SETTINGS.card_lead_days) > arrives
            elif contact.day < occasion.day:
                early += 1  # a call, e-mail or message before the day: never
            else:
                missed += contact.day > arrives
    gifts_over = [
        c.id
        for c in customers
        if c.id is not None and gift_budget(run.contacts, YEAR, c.region, customer=c.id).exceeded
    ]
    planned_gifts = Counter(
        c.customer for c in run.contacts if c.gesture and c.kind is Kind.GIFT and c.at.year == YEAR
    )
    at_limit = {c.customer for c in history if c.kind is Kind.GIFT and c.amount == Decimal("40.00")}
    reasons = Counter(c.gesture.split(":")[1] for c in year if c.gesture)

    print(
        f"\nyear simulation {YEAR}: {len(customers)} customers (10 A, 15 B, 25 C), capacity "
        f"{SETTINGS.capacity}, own sales calls on 30 % of business days\n"
        f"  contacts {len(year)}; per month {[months[m] for m in range(1, 13)]}\n"
        f"  December share {december:.1%} (1/12 = 8.3 %)\n"
        f"  longest silence of an A-customer {a_silence} days (cadence 30, tolerance "
        f"{A_TOLERANCE_DAYS}); B {tier_silence(Tier.B)} (90); C {tier_silence(Tier.C)} (180)\n"
        f"  care-purpose {care:.1%}, without a sales ask {no_sales:.1%}\n"
        f"  greetings on the day (cards arriving on it): {greetings - missed - early}/"
        f"{greetings}, early calls {early}\n"
        f"  gifts planned: {sum(planned_gifts.values())} to {len(planned_gifts)} customers; "
        f"none to the {len(at_limit)} already near the limit; over the limit: {gifts_over}\n"
        f"  gestures by reason: {dict(sorted(reasons.items()))}"
    )
    assert DECEMBER_SHARE[0] <= december <= DECEMBER_SHARE[1]
    assert a_silence <= 30 + A_TOLERANCE_DAYS
    assert care >= 2 / 3
    assert missed == 0
    assert early == 0
    assert planned_gifts and not gifts_over
    assert not at_limit & set(planned_gifts)
    assert reasons[Reason.CARE_BALANCE.value] > 0 and reasons[Reason.AFTER_SALE.value] > 0
