"""Greetings on the day and never before: weekends, holidays, 29 February, cards over Easter,
too-late cards, anniversaries, the team's "day before" setting, and the turn of the year."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, datetime, timedelta

from tui.domain.cadence import Plan, PlannedGesture, PlanSettings, plan_day
from tui.domain.calendar import calendar_for
from tui.domain.greetings import greeting_day
from tui.domain.model import Birthday, Contact, Customer, Kind, Reason, Tier
from tui.domain.suggestions import Catalog
from tui.labels import suggestion_text

CALL_ONLY = Catalog.from_mapping(
    {"ideas": [{"reason": r.value, "kind": "call", "en": "Call", "de": "Anruf"} for r in Reason]}
)
CARDS = Catalog.from_mapping(
    {"ideas": [{"reason": r.value, "kind": "card", "en": "Card", "de": "Karte"} for r in Reason]}
)
DAY_BEFORE = PlanSettings(greet_day_before=True)
NO_YEAR_END = PlanSettings(year_end_greeting="none")


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)


def _one(plan: Plan, reason: Reason = Reason.BIRTHDAY) -> PlannedGesture:
    (item,) = [i for i in (*plan.items, *plan.later) if i.reason is reason]
    return item


def _greeting(
    birthday: Birthday,
    today: date,
    catalog: Catalog = CALL_ONLY,
    settings: PlanSettings = NO_YEAR_END,
    region: str = "DE",
) -> PlannedGesture:
    anna = Customer(name="Anna", id=1, birthday=birthday, tier=Tier.A, region=region)
    contacts = [Contact(customer=1, at=_at(today))]  # keeps the cadence quiet
    return _one(plan_day([anna], contacts, [], today, settings, catalog=catalog))


def test_a_call_on_a_saturday_birthday_comes_on_monday_never_on_friday() -> None:
    item = _greeting(Birthday(3, 14), date(2026, 3, 12))  # Saturday 14 March 2026
    assert (item.occasion, item.due, item.kind, item.fixed) == (
        date(2026, 3, 14),
        date(2026, 3, 16),
        Kind.CALL,
        True,
    )


def test_a_team_may_greet_on_the_business_day_before() -> None:
    settings = dataclasses.replace(DAY_BEFORE, year_end_greeting="none")
    assert _greeting(Birthday(3, 14), date(2026, 3, 12), settings=settings).due == date(2026, 3, 13)
    # a birthday on a business day is greeted on the day, whatever the setting
    assert _greeting(Birthday(3, 18), date(2026, 3, 12), settings=settings).due == date(2026, 3, 18)


def test_a_birthday_on_a_holiday_is_greeted_on_the_next_business_day() -> None:
    item = _greeting(Birthday(5, 1), date(2026, 4, 27))  # Friday 1 May, Labour Day
    assert item.due == date(2026, 5, 4)
    bavarian = _greeting(Birthday(1, 6), date(2027, 1, 4), region="DE-BY")  # Epiphany, Wed
    assert bavarian.due == date(2027, 1, 7)
    berliner = _greeting(Birthday(1, 6), date(2027, 1, 4), region="DE-BE")  # a workday there
    assert berliner.due == date(2027, 1, 6)


def test_29_february_is_greeted_on_1_march_in_a_common_year() -> None:
    item = _greeting(Birthday(2, 29, 1980), date(2027, 2, 25))
    assert (item.occasion, item.due) == (date(2027, 3, 1), date(2027, 3, 1))  # Monday
    leap_year = _greeting(Birthday(2, 29, 1980), date(2028, 2, 25))
    assert (leap_year.occasion, leap_year.due) == (date(2028, 2, 29), date(2028, 2, 29))


def test_a_card_is_written_to_arrive_on_the_day() -> None:
    item = _greeting(Birthday(3, 18), date(2026, 3, 5), catalog=CARDS)  # Wednesday 18 March
    assert (item.kind, item.due) == (Kind.CARD, date(2026, 3, 13))  # 3 business days ahead
    weekend = _greeting(Birthday(3, 14), date(2026, 3, 5), catalog=CARDS)  # Saturday
    assert weekend.due == date(2026, 3, 11)  # arrives Monday 16th, not before the day


def test_a_card_over_easter_counts_only_business_days_of_post() -> None:
    # Tuesday 7 April 2026; Good Friday 3 April and Easter Monday 6 April carry no post
    item = _greeting(Birthday(4, 7), date(2026, 3, 25), catalog=CARDS)
    assert item.due == date(2026, 3, 31)
    assert calendar_for("DE").business_days_between(item.due, date(2026, 4, 7)) == 3


def test_a_card_too_late_for_the_post_becomes_a_call_on_the_day_itself() -> None:
    item = _greeting(Birthday(3, 13), date(2026, 3, 12), catalog=CARDS)  # Friday 13th
    assert (item.kind, item.due, item.fixed) == (Kind.CALL, date(2026, 3, 13), True)
    assert "Too late to post a card" in suggestion_text(item.suggestion)
    # a Sunday birthday: the call is on Monday, not on Friday
    sunday = _greeting(Birthday(3, 15), date(2026, 3, 12), catalog=CARDS)
    assert (sunday.kind, sunday.due) == (Kind.CALL, date(2026, 3, 16))


def test_a_belated_greeting_is_a_flexible_call_today() -> None:
    item = _greeting(Birthday(3, 9), date(2026, 3, 12), catalog=CARDS)
    assert (item.kind, item.fixed, item.due) == (Kind.CALL, False, date(2026, 3, 12))
    assert "Belated" in suggestion_text(item.suggestion)


def test_anniversaries_follow_the_same_rule() -> None:
    firm = Customer(
        name="Firm",
        id=1,
        tier=Tier.A,
        founded=date(2001, 3, 15),  # a Sunday in 2026
        since=date(2016, 3, 14),  # a Saturday in 2026
    )
    contacts = [Contact(customer=1, at=_at(date(2026, 3, 12)))]
    plan = plan_day([firm], contacts, [], date(2026, 3, 12), NO_YEAR_END, catalog=CALL_ONLY)
    assert _one(plan, Reason.FOUNDING).due == date(2026, 3, 16)
    assert _one(plan, Reason.CUSTOMER_SINCE).due == date(2026, 3, 16)
    assert greeting_day(date(2026, 3, 15), calendar_for("DE"), DAY_BEFORE) == date(2026, 3, 13)


def _year_end(
    choice: str, today: date, count: int = 60, *, contacts: list[Contact] | None = None
) -> list[PlannedGesture]:
    customers = [
        Customer(name=f"K{n}", id=n, tier=(Tier.A, Tier.B, Tier.C)[n % 3], owner="rep")
        for n in range(1, count + 1)
    ]
    recent = (
        contacts
        if contacts is not None
        else [Contact(customer=n, at=_at(today - timedelta(days=5))) for n in range(1, count + 1)]
    )
    settings = PlanSettings(year_end_greeting=choice, horizon_days=40, capacity=4)
    plan = plan_day(customers, recent, [], today, settings, rep="rep", catalog=CALL_ONLY)
    reasons = {Reason.NEW_YEAR, Reason.CHRISTMAS}
    return [i for i in (*plan.items, *plan.later) if i.reason in reasons]


def test_new_year_greetings_are_spread_over_january_business_days() -> None:
    found = _year_end("new_year", date(2027, 1, 4))
    assert len(found) == 40  # the A- and B-customers of 60; C-customers get none
    assert all(i.reason is Reason.NEW_YEAR and i.occasion == date(2027, 1, 1) for i in found)
    days = Counter(i.due for i in found)
    assert min(days) >= date(2027, 1, 4) and max(days) <= date(2027, 1, 31)
    assert all(day.weekday() < 5 for day in days)
    assert max(days.values()) <= 4  # within the capacity, no pile
    assert len(days) >= 10  # spread over the weeks, not bunched at the start


def test_a_january_contact_carries_the_new_year_wishes() -> None:
    contacts = [Contact(customer=1, at=_at(date(2027, 1, 5)))]
    found = _year_end("new_year", date(2027, 1, 6), count=3, contacts=contacts)
    assert [i.customer.id for i in found] == [3]  # 1 (B) was called; 2 is a C-customer


def test_christmas_cards_instead_are_written_early_in_december() -> None:
    found = _year_end("christmas", date(2026, 11, 30))
    assert len(found) == 40
    assert all(date(2026, 12, 1) <= i.due <= date(2026, 12, 18) for i in found)
    assert not _year_end("christmas", date(2026, 12, 21))  # too late to arrive for Christmas
    new_year = _year_end("new_year", date(2026, 11, 30))  # only one of them, never both
    assert new_year and all(i.reason is Reason.NEW_YEAR for i in new_year)
    assert all(i.due >= date(2027, 1, 4) for i in new_year)
    assert not _year_end("none", date(2027, 1, 4))
