"""Contract renewals: a care touch well before the date and a service check closer to it.

Never only at the deadline: ~90 days before the renewal a touch without any renewal talk, ~30
days before a service check. A contract with a term (``renewal_months`` on the customer) renews
again and again: once a renewal date has passed, the next one is that date plus the term, so the
touches keep coming year after year without anyone editing the customer.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from tui.domain.due import Due, tier_due
from tui.domain.history import RENEWAL_EARLY_DAYS, History
from tui.domain.model import Customer, Purpose, Reason, gesture_key
from tui.domain.settings import PlanSettings
from tui.domain.why import Why, WhyCode

_MAX_TERMS = 1200  # a monthly contract from 1926 would still roll forward to today


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def renewal_dates(customer: Customer, today: date) -> tuple[date, date | None] | None:
    """The next renewal on or after ``today`` and the one before it (None if there is none).

    Without a term, only the stored date counts, and once it has passed there is none.
    """
    first = customer.renewal
    if first is None:
        return None
    term = customer.renewal_months
    if first >= today or term is None:
        return (first, None) if first >= today else None
    for number in range(1, _MAX_TERMS):
        following = add_months(first, number * term)
        if following >= today:
            return following, add_months(first, (number - 1) * term)
    return None


def renewal_rule(
    customer: Customer, history: History, today: date, settings: PlanSettings
) -> list[Due]:
    """A care touch ~90 days and a service touch ~30 days before the next contract renewal.

    Each touch closes when the next one opens (the care touch) or at the renewal (the service
    touch); a contact of its purpose from a week before its day on counts for it. A touch that
    would fall before the previous renewal (a short term) is left out.
    """
    dates = renewal_dates(customer, today)
    if dates is None:
        return []
    renewal, previous = dates
    horizon = today + timedelta(days=settings.horizon_days)
    care = renewal - timedelta(days=settings.renewal_care_days)
    service = renewal - timedelta(days=settings.renewal_service_days)
    steps = (
        (
            care,
            service,
            "care",
            Purpose.CARE,
            WhyCode.RENEWAL_CARE,
        ),
        (
            service,
            renewal,
            "service",
            Purpose.SERVICE,
            WhyCode.RENEWAL_SERVICE,
        ),
    )
    found: list[Due] = []
    for occasion, closes, variant, purpose, code in steps:
        if today >= closes or occasion > horizon:
            continue
        if previous is not None and occasion <= previous:
            continue
        assert customer.id is not None
        key = gesture_key(customer.id, Reason.RENEWAL, occasion)
        opens = occasion - timedelta(days=RENEWAL_EARLY_DAYS)
        if history.answered_between(opens, min(today + timedelta(days=1), closes), key, [purpose]):
            continue
        why = Why(code, on=renewal)
        found.append(
            tier_due(customer, Reason.RENEWAL, occasion, why, purpose=purpose, variant=variant)
        )
    return found
