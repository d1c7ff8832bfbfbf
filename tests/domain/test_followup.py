"""Days ahead as a rep says them, for planning a follow-up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.followup import parse_future_day
from tui.domain.model import ValidationError

MONDAY = date(2026, 3, 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fr", date(2026, 3, 20)),
        ("Friday", date(2026, 3, 20)),
        ("do", date(2026, 3, 19)),
        ("Donnerstag", date(2026, 3, 19)),
        ("mo", date(2026, 3, 23)),  # the next Monday, not today
        ("tomorrow", date(2026, 3, 17)),
        ("morgen", date(2026, 3, 17)),
        ("today", MONDAY),
        ("+3", date(2026, 3, 19)),
        ("+2w", date(2026, 3, 30)),
        ("19.03.", date(2026, 3, 19)),
        ("10.03.", date(2027, 3, 10)),  # without a year: the next such day
        ("2026-04-01", date(2026, 4, 1)),
        ("01.04.2026", date(2026, 4, 1)),
    ],
)
def test_days_ahead(text: str, expected: date) -> None:
    assert parse_future_day(text, MONDAY) == expected


@pytest.mark.parametrize("text", ["2026-03-01", "01.03.2026", "xyz", "", "32.13.", "+"])
def test_past_or_unreadable_days_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_future_day(text, MONDAY)


@given(st.integers(min_value=0, max_value=6), st.dates(date(2000, 1, 1), date(2090, 1, 1)))
def test_a_weekday_is_within_the_next_week(weekday: int, today: date) -> None:
    name = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[weekday]
    day = parse_future_day(name, today)
    assert day.weekday() == weekday and today < day <= today + timedelta(days=7)
