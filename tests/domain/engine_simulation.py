"""A simulated rep who follows the plan day by day (shared by the property and year tests)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from tui.domain.cadence import Plan, PlanSettings, plan_day
from tui.domain.gifts import currency_for
from tui.domain.model import Contact, Customer, Gesture, Kind, Purpose, Status

GIFT_AMOUNT = Decimal("20.00")


@dataclass
class Run:
    """What happened: every contact logged, and every plan seen."""

    contacts: list[Contact]
    plans: list[Plan] = field(default_factory=list)


def follow_plan(
    customers: Sequence[Customer],
    history: Sequence[Contact],
    start: date,
    end: date,
    settings: PlanSettings,
    *,
    rep: str | None = None,
    sales_per_day: float = 0.0,
    seed: int = 1,
    keep_plans: bool = False,
) -> Run:
    """Each day from ``start`` to ``end``: plan, do every open item of today, log it.

    ``sales_per_day``: how often the rep also makes a sales call of their own (won one in four),
    so the care balance and after-sale rules get something to do.
    """
    rng = random.Random(seed)
    contacts = sorted(history, key=lambda c: c.at)
    gestures: list[Gesture] = []
    run = Run(contacts)
    day = start
    while day <= end:
        plan = plan_day(customers, contacts, gestures, day, settings, rep=rep)
        if keep_plans:
            run.plans.append(plan)
        minute = 0
        for item in plan.items:
            if item.status is not Status.OPEN:
                continue
            assert item.customer.id is not None
            minute += 10
            contacts.append(
                Contact(
                    customer=item.customer.id,
                    at=datetime.combine(day, time(9)) + timedelta(minutes=minute),
                    kind=item.kind,
                    purpose=item.purpose,
                    gesture=item.key,
                    # a gift the plan proposes: 20 in the customer's currency
                    amount=GIFT_AMOUNT if item.kind is Kind.GIFT else None,
                    currency=currency_for(item.customer.region) if item.kind is Kind.GIFT else None,
                )
            )
        if day.weekday() < 5 and rng.random() < sales_per_day:
            customer = rng.choice(list(customers))
            assert customer.id is not None
            contacts.append(
                Contact(
                    customer=customer.id,
                    at=datetime.combine(day, time(16)),
                    purpose=Purpose.SALES,
                    won=rng.random() < 0.25,
                )
            )
        day += timedelta(days=1)
    return run
