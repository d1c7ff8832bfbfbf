"""Birthdays and anniversaries, with 29 February and round years."""

from __future__ import annotations

from datetime import date

from tui.domain.model import Birthday, Customer, Reason
from tui.domain.occasions import anniversaries, birthdays, occasions, round_weight


def test_birthday_with_year_knows_the_age() -> None:
    anna = Customer(name="Anna", birthday=Birthday(3, 14, 1976))
    (found,) = birthdays(anna, 2026, 2026)
    assert (found.day, found.years) == (date(2026, 3, 14), 50)
    assert found.round


def test_birthday_without_year_has_no_age() -> None:
    anna = Customer(name="Anna", birthday=Birthday(3, 14))
    assert [(o.day, o.years) for o in birthdays(anna, 2026, 2027)] == [
        (date(2026, 3, 14), None),
        (date(2027, 3, 14), None),
    ]


def test_leap_day_birthday_is_the_1st_of_march_in_common_years() -> None:
    """Never a day early: 28 February would congratulate before the day."""
    leap = Customer(name="Leo", birthday=Birthday(2, 29, 1980))
    days = [o.day for o in birthdays(leap, 2027, 2028)]
    assert days == [date(2027, 3, 1), date(2028, 2, 29)]


def test_leap_day_founding_anniversary() -> None:
    found = list(anniversaries(Reason.FOUNDING, date(2000, 2, 29), 2025, 2025))
    assert [(o.day, o.years) for o in found] == [(date(2025, 3, 1), 25)]


def test_no_anniversary_in_the_first_year() -> None:
    assert list(anniversaries(Reason.CUSTOMER_SINCE, date(2026, 5, 1), 2026, 2026)) == []


def test_round_years_weigh_more() -> None:
    weights = {y: round_weight(Reason.FOUNDING, y) for y in (3, 5, 10, 25, 50, 100)}
    assert weights[3] == 1.0
    assert 1.0 < weights[5] < weights[10] < weights[25] < weights[50] == weights[100]
    assert round_weight(Reason.BIRTHDAY, 50) > round_weight(Reason.BIRTHDAY, 51) == 1.0
    assert round_weight(Reason.BIRTHDAY, None) == 1.0


def test_all_occasions_sorted_by_day() -> None:
    firm = Customer(
        name="Anna",
        birthday=Birthday(9, 1),
        founded=date(1976, 3, 2),
        since=date(2020, 6, 30),
    )
    found = occasions(firm, 2026, 2026)
    assert [o.reason for o in found] == [Reason.FOUNDING, Reason.CUSTOMER_SINCE, Reason.BIRTHDAY]
