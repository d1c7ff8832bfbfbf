"""Urgency: one number that orders the Today list, made of parts a person can read.

urgency = overdue ratio x tier weight + fixed-date boost + after-sale boost + care-balance boost
+ a small overdue term. Each part is kept as a :class:`Factor` with a translated label, so the app
can show why an item ranks where it does (:func:`explain`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from tui.domain.model import Tier
from tui.i18n import _, format_number, ngettext

TIER_WEIGHT: dict[Tier, float] = {Tier.A: 3.0, Tier.B: 2.0, Tier.C: 1.0}
FIXED_BOOST = 2.0  # a date that will not come back this year
AFTER_SALE_BOOST = 1.5  # new customers are most at risk right after the sale
CARE_BALANCE_BOOST = 1.0  # too many sales touches in a row
OVERDUE_PER_WEEK = 0.5  # waiting makes it worse, slowly


@dataclass(frozen=True, slots=True)
class Factor:
    """One part of an item's urgency: a translated label and its contribution."""

    label: str
    value: float


class _Ranked(Protocol):
    @property
    def urgency(self) -> float: ...

    @property
    def factors(self) -> tuple[Factor, ...]: ...


def ratio_factor(tier: Tier, days: int, cadence: int) -> Factor:
    """Days since the last contact over the cadence, times the tier's weight."""
    ratio = days / cadence if cadence else 1.0
    weight = TIER_WEIGHT[tier]
    label = _("{days} of {cadence} days since last contact x {tier} weight {weight}").format(
        days=days, cadence=cadence, tier=tier.value, weight=format_number(weight)
    )
    return Factor(label, ratio * weight)


def tier_factor(tier: Tier) -> Factor:
    """The tier's weight alone, for reasons without a cadence ratio."""
    return Factor(_("{tier}-customer weight").format(tier=tier.value), TIER_WEIGHT[tier])


def fixed_factor(weight: float = 1.0) -> Factor:
    """A fixed date; round anniversaries weigh more."""
    if weight > 1.0:
        return Factor(_("Fixed date, round year"), FIXED_BOOST * weight)
    return Factor(_("Fixed date"), FIXED_BOOST)


def after_sale_factor() -> Factor:
    """Follow-ups after a sale come first among the flexible gestures."""
    return Factor(_("After a sale"), AFTER_SALE_BOOST)


def care_balance_factor() -> Factor:
    """Recent contacts were mostly sales."""
    return Factor(_("Recent contacts were mostly sales"), CARE_BALANCE_BOOST)


def overdue_factor(days: int) -> Factor | None:
    """A little more for every week an item waits past its due day."""
    if days <= 0:
        return None
    label = ngettext("Overdue by {days} day", "Overdue by {days} days", days).format(days=days)
    return Factor(label, OVERDUE_PER_WEEK * days / 7)


def total(factors: Iterable[Factor]) -> float:
    """The urgency made of these parts, rounded so that plans compare equal across runs."""
    return round(sum(f.value for f in factors), 4)


def explain(item: _Ranked) -> list[str]:
    """Why an item ranks where it does: one line per part, then the total."""
    lines = [
        f"{'+' if f.value >= 0 else '-'}{format_number(abs(f.value), 2)}  {f.label}"
        for f in item.factors
    ]
    lines.append(_("= {total} urgency").format(total=format_number(item.urgency, 2)))
    return lines
