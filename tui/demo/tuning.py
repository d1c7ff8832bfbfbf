"""How the demo's team behaves: shares of customer kinds, contact rates, seasons (tuned so the
engine's year simulation and the heatmap look like a real team's), and the working-day
helpers both halves use."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypeVar

from tui.domain.model import (
    Tier,
)

T = TypeVar("T")

# Shares of the customer base; small books round, but each pattern appears at least once.
TIER_SHARES = {Tier.A: 0.20, Tier.B: 0.30}
FIRST_REP_SHARE = 1 / 3
FRESH_SHARE = 0.02  # customer since the last 30 days, no follow-up yet
NEW_SHARE = 0.05  # customer since 1-12 months, after-sale follow-ups (mostly) done
NEGLECTED_SHARE = 0.10  # no contact for 95-420 days
YEAR_END_SHARE = 0.06  # contacted almost only in November and December
GAP_SHARE = 0.12  # one silence of 100-250 days somewhere in the past
ARCHIVED_SHARE = 0.01
PUSHY_SHARE = 0.08  # customers of other reps that hear from us only when we sell

# Regular contacts per year by tier (before the per-customer spread of 0.6-1.4), plus the extras
# (cards, gifts, birthday greetings, follow-ups): about 17 contacts per customer and year overall.
CONTACTS_PER_YEAR = {Tier.A: 40.0, Tier.B: 20.0, Tier.C: 10.6}
TEAM_INTENSITY = 1.22  # see _intensity
GIFT_GIVERS = {Tier.A: 0.70, Tier.B: 0.40, Tier.C: 0.10}
CARD_SENDERS = 0.55
BIRTHDAY_REMEMBERERS = 0.35
WON_SHARE = 0.10  # of sales contacts

# Month weights of regular contacts: a summer lull and the year-end rush (December about 2x).
MONTH_WEIGHTS = (0.85, 0.95, 1.0, 1.0, 1.0, 0.95, 0.8, 0.7, 1.0, 1.05, 1.15, 1.95)
_MAX_MONTH_WEIGHT = max(MONTH_WEIGHTS)
_CADENCE_DAYS = {Tier.A: 30, Tier.B: 90, Tier.C: 180}  # the engine's defaults, for snoozed states
_NO_WORK = {(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)}


def _workday(day: date, last: date) -> date:
    """The nearest working day (Saturday back, Sunday on, holidays back), not after ``last``."""
    if day.weekday() == 5:
        day -= timedelta(days=1)
    elif day.weekday() == 6:
        day += timedelta(days=1)
    while day > last or day.weekday() >= 5 or (day.month, day.day) in _NO_WORK:
        day -= timedelta(days=1)
    return day


def _workday_before(day: date) -> date:
    """``day`` or the working day before it (a deal is signed on a working day)."""
    while day.weekday() >= 5 or (day.month, day.day) in _NO_WORK:
        day -= timedelta(days=1)
    return day
