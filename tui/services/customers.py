"""What both front ends show about one customer: gifts this year, the purpose mix, the birthday.

Counted here once, worded where shown (the app's customer screen, ``kp customer show``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tui.domain.gifts import gift_ledger, load_gift_limits
from tui.domain.model import Birthday, Contact, Customer, Purpose
from tui.i18n import format_date

MIX_DAYS = 365
"""The purpose mix looks at the last twelve months."""


@dataclass(frozen=True)
class GiftYear:
    """What one recipient received in a fiscal (calendar) year, against the deductible limit.

    ``limit`` is None where no limit is known for the customer's country (or that year).
    """

    year: int
    total: Decimal
    limit: Decimal | None
    currency: str

    @property
    def over(self) -> bool:
        return self.limit is not None and self.total > self.limit


def gift_year(contacts: Sequence[Contact], customer: Customer, year: int) -> GiftYear:
    """The customer's gifts of ``year`` from the ledger, and the limit of their country."""
    assert customer.id is not None
    total = gift_ledger(contacts, year).get(customer.id, Decimal("0.00"))
    rules = load_gift_limits().countries.get(customer.region.split("-")[0].upper())
    if rules is None:
        return GiftYear(year, total, None, "EUR")
    return GiftYear(year, total, rules.limit(year), rules.currency)


def purpose_mix(contacts: Sequence[Contact], today: date) -> dict[Purpose, int]:
    """Percent of the last twelve months' contacts per purpose (rounded; empty when none)."""
    since = today - timedelta(days=MIX_DAYS)
    recent = [c for c in contacts if since < c.day <= today]
    if not recent:
        return {}
    counts = Counter(c.purpose for c in recent)
    return {p: round(100 * counts[p] / len(recent)) for p in Purpose}


def birthday_text(birthday: Birthday | None) -> str:
    """``14.03.`` without a year, the full date (per language) with one; empty when unknown."""
    if birthday is None:
        return ""
    if birthday.year is None:
        return f"{birthday.day:02d}.{birthday.month:02d}."
    return format_date(birthday.in_year(birthday.year))
