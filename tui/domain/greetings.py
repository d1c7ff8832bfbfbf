"""Greetings: birthdays, anniversaries and the turn of the year, on the day and never before.

German custom does not congratulate before the day: a belated greeting is fine, an early one is
not. So a call, e-mail or message is planned on the occasion itself, or on the next business day
of the customer's region when the day is off (a team may choose the business day before instead:
``greet_day_before``). A posted card is written early enough to *arrive* on that day: its posting
time (``card_lead_days``) is counted in business days, so Good Friday and Easter Monday do not
count as days the post travels. When it is too late for the post, the card becomes a call on the
day itself. 29 February is greeted on 1 March in a common year (see :class:`Birthday.in_year`).

At the turn of the year a team chooses a personal New Year greeting in the first weeks of January
(handwritten, few words; the default), a Christmas card written in the first half of December, or
neither. Either is spread over the business days of its weeks and levelled with the daily capacity
like any other flexible gesture, so it never becomes a December pile.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tui.domain.calendar import BusinessCalendar
from tui.domain.due import Due, tier_due
from tui.domain.history import History
from tui.domain.model import Customer, Kind, Reason, Tier
from tui.domain.occasions import occasions, round_weight
from tui.domain.settings import PlanSettings
from tui.domain.suggestions import Hint, Suggestion
from tui.domain.urgency import fixed_factor
from tui.domain.why import Why, WhyCode

POSTED_KINDS = frozenset({Kind.CARD, Kind.GIFT})
YEAR_END_TIERS = frozenset({Tier.A, Tier.B})  # a personal greeting, not a mass mailing
NEW_YEAR_LAST_DAY = 23  # "the first weeks of January": greetings are spread up to the 23rd
CHRISTMAS_WRITE_DAYS = (1, 15)  # cards written 1-15 December, posted well before the holidays
CHRISTMAS_LAST_DAY = 18  # a card not written by then would not arrive before Christmas


def posted(kind: Kind) -> bool:
    """Is this kind sent by post (and so written ``card_lead_days`` ahead)?"""
    return kind in POSTED_KINDS


def greeting_day(occasion: date, calendar: BusinessCalendar, settings: PlanSettings) -> date:
    """The day a greeting should reach the customer.

    The occasion itself when it is a business day of the customer's region; otherwise the next
    business day (belated is fine, early is not), or the business day before for a team that
    chose ``greet_day_before``.
    """
    if calendar.is_business_day(occasion):
        return occasion
    if settings.greet_day_before:
        return calendar.on_or_before(occasion)
    return calendar.on_or_after(occasion)


@dataclass(frozen=True, slots=True)
class GreetingSpot:
    """When and how to greet: the day to act (a card: the day to write it) and the kind."""

    day: date
    kind: Kind
    suggestion: Suggestion
    fixed: bool


def place_greeting(
    due: Due,
    kind: Kind,
    suggestion: Suggestion,
    calendar: BusinessCalendar,
    today: date,
    settings: PlanSettings,
) -> GreetingSpot | None:
    """The day to act on a dated greeting; None when it is more than the grace period late."""
    target = greeting_day(due.target, calendar, settings)
    if target < today - timedelta(days=settings.greeting_grace_days):
        return None  # a greeting more than a week late is no greeting
    if target < today:
        # belated: a quick call still counts, but it no longer holds a fixed slot that an
        # overdue A-customer needs more
        return GreetingSpot(today, Kind.CALL, Suggestion(hint=Hint.BELATED), False)
    if not posted(kind):
        return GreetingSpot(target, kind, suggestion, due.fixed)
    write = calendar.add(target, -settings.card_lead_days)
    if write < today:  # too late for the post to arrive in time: greet on the day instead
        return GreetingSpot(target, Kind.CALL, Suggestion(hint=Hint.CALL_NOT_POST), due.fixed)
    return GreetingSpot(write, kind, suggestion, due.fixed)


_OCCASION_WHY = {
    Reason.BIRTHDAY: WhyCode.BIRTHDAY,
    Reason.FOUNDING: WhyCode.FOUNDING,
    Reason.CUSTOMER_SINCE: WhyCode.CUSTOMER_SINCE,
}


def occasion_rule(customer: Customer, today: date, settings: PlanSettings) -> list[Due]:
    """Birthdays, company anniversaries and customer-since anniversaries near today.

    Fixed dates; a card is written ahead, a missed greeting stays a few days as a belated call.
    A prospect has no customer-since anniversary yet.
    """
    earliest = today - timedelta(days=settings.greeting_grace_days + 4)
    latest = today + timedelta(days=settings.horizon_days + 2 * settings.card_lead_days + 6)
    found: list[Due] = []
    for occasion in occasions(customer, earliest.year, latest.year):
        if not earliest <= occasion.day <= latest:
            continue
        if customer.prospect and occasion.reason is Reason.CUSTOMER_SINCE:
            continue
        weight = round_weight(occasion.reason, occasion.years)
        why = Why(_OCCASION_WHY[occasion.reason], on=occasion.day, years=occasion.years)
        variant = "round" if weight > 1.0 else ""
        due = tier_due(customer, occasion.reason, occasion.day, why, fixed_factor(weight))
        found.append(replace(due, fixed=True, greeting=True, variant=variant))
    return found


def _spread_day(key: str, first: date, last: date, calendar: BusinessCalendar) -> date:
    """A business day in ``first`` .. ``last`` picked by a stable hash of the key.

    Each customer keeps their day from one plan to the next, and a team's greetings spread
    evenly over the weeks before levelling even starts.
    """
    days = [
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if calendar.is_business_day(first + timedelta(days=n))
    ]
    if not days:
        return calendar.on_or_after(first)
    return days[zlib.crc32(key.encode("utf-8")) % len(days)]


def year_end_rule(
    customer: Customer,
    history: History,
    today: date,
    settings: PlanSettings,
    calendar: BusinessCalendar,
) -> Due | None:
    """The team's turn-of-the-year greeting for an A- or B-customer, if one is due now.

    ``new_year``: a personal greeting spread over the business days of 2-23 January, open until
    the end of January; any contact in January carries the wishes and answers it. ``christmas``:
    a card written on a business day of 1-15 December, open until the 18th; a card or gift
    logged in December answers it.
    """
    choice = settings.year_end_greeting
    if choice == "none" or customer.prospect or customer.tier not in YEAR_END_TIERS:
        return None
    if choice == "new_year":
        year = today.year if today.month == 1 else today.year + 1
        reason, occasion = Reason.NEW_YEAR, date(year, 1, 1)
        first, last, closes = date(year, 1, 2), date(year, 1, NEW_YEAR_LAST_DAY), date(year, 2, 1)
        why = Why(WhyCode.NEW_YEAR)
    else:
        year = today.year
        reason, occasion = Reason.CHRISTMAS, date(year, 12, 24)
        first, last = (
            date(year, 12, CHRISTMAS_WRITE_DAYS[0]),
            date(year, 12, CHRISTMAS_WRITE_DAYS[1]),
        )
        closes = date(year, 12, CHRISTMAS_LAST_DAY + 1)
        why = Why(WhyCode.CHRISTMAS)
    if not first - timedelta(days=settings.horizon_days) <= today < closes:
        return None
    kinds = None if reason is Reason.NEW_YEAR else {Kind.CARD, Kind.GIFT}
    for contact in history.between(first - timedelta(days=1), today + timedelta(days=1)):
        if kinds is None or contact.kind in kinds:  # whatever gesture it answered
            return None
    due = tier_due(customer, reason, occasion, why)
    return replace(due, target=_spread_day(due.key, first, last, calendar), written_on_target=True)
