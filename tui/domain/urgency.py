"""Urgency: one number that orders the Today list, made of parts a person can read.

urgency = overdue ratio x tier weight + fixed-date boost + after-sale boost + care-balance boost
+ a small overdue term. Each part is kept as a :class:`Factor`: a code with the numbers behind it,
worded where it is shown (:func:`tui.labels.urgency_lines`: ``y`` on Today, ``kp today --why``),
so a rep can see why an item ranks where it does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from tui.domain.model import Tier

TIER_WEIGHT: dict[Tier, float] = {Tier.A: 3.0, Tier.B: 2.0, Tier.C: 1.0}
FIXED_BOOST = 2.0  # a date that will not come back this year
AFTER_SALE_BOOST = 1.5  # new customers are most at risk right after the sale
CARE_BALANCE_BOOST = 1.0  # too many sales touches in a row
OVERDUE_PER_WEEK = 0.5  # waiting makes it worse, slowly


class FactorCode(StrEnum):
    """The parts urgency is made of; the comment names the fields of :class:`Factor` each uses."""

    RATIO = "ratio"  # days since the last contact, cadence, tier
    TIER = "tier"  # tier
    FIXED = "fixed"
    FIXED_ROUND = "fixed_round"  # a round anniversary
    AFTER_SALE = "after_sale"
    CARE_BALANCE = "care_balance"
    OVERDUE = "overdue"  # days past the due day


@dataclass(frozen=True, slots=True)
class Factor:
    """One part of an item's urgency: what it is (code and numbers) and its contribution."""

    code: FactorCode
    value: float
    tier: Tier | None = None
    days: int = 0
    cadence: int = 0


def ratio_factor(tier: Tier, days: int, cadence: int) -> Factor:
    """Days since the last contact over the cadence, times the tier's weight."""
    ratio = days / cadence if cadence else 1.0
    return Factor(FactorCode.RATIO, ratio * TIER_WEIGHT[tier], tier, days, cadence)


def tier_factor(tier: Tier) -> Factor:
    """The tier's weight alone, for reasons without a cadence ratio."""
    return Factor(FactorCode.TIER, TIER_WEIGHT[tier], tier)


def fixed_factor(weight: float = 1.0) -> Factor:
    """A fixed date; round anniversaries weigh more."""
    if weight > 1.0:
        return Factor(FactorCode.FIXED_ROUND, FIXED_BOOST * weight)
    return Factor(FactorCode.FIXED, FIXED_BOOST)


def after_sale_factor() -> Factor:
    """Follow-ups after a sale come first among the flexible gestures."""
    return Factor(FactorCode.AFTER_SALE, AFTER_SALE_BOOST)


def care_balance_factor() -> Factor:
    """Recent contacts were mostly sales."""
    return Factor(FactorCode.CARE_BALANCE, CARE_BALANCE_BOOST)


def overdue_factor(days: int) -> Factor | None:
    """A little more for every week an item waits past its due day."""
    if days <= 0:
        return None
    return Factor(FactorCode.OVERDUE, OVERDUE_PER_WEEK * days / 7, days=days)


def total(factors: Iterable[Factor]) -> float:
    """The urgency made of these parts, rounded so that plans compare equal across runs."""
    return round(sum(f.value for f in factors), 4)
