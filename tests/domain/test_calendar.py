"""Business days and holidays per region; greetings earlier, the rest later."""

from __future__ import annotations

from datetime import date

import pytest

from tui.domain.calendar import (
    BusinessCalendar,
    calendar_for,
    holiday_names,
    parse_region,
    refine_region,
)
from tui.domain.model import ValidationError


@pytest.mark.parametrize(
    ("region", "expected"),
    [("DE", ("DE", None)), ("DE-BY", ("DE", "BY")), ("AT-9", ("AT", "9")), ("CH-ZH", ("CH", "ZH"))],
)
def test_regions_are_country_and_subdivision(region: str, expected: tuple[str, str | None]) -> None:
    assert parse_region(region) == expected


@pytest.mark.parametrize(
    ("region", "words"),
    [
        ("XX", "no public holidays known for country 'XX'"),
        ("DE-ZZ", "'DE-ZZ' is not a region of DE; valid: DE, DE-BB"),
    ],
)
def test_unknown_region_is_a_clear_error(region: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        BusinessCalendar(region)


def test_bad_region_format_is_refused() -> None:
    with pytest.raises(ValidationError, match="region"):
        parse_region("bavaria")


def test_weekends_and_holidays_are_not_business_days() -> None:
    assert calendar_for("DE").is_business_day(date(2026, 3, 12))
    assert not calendar_for("DE").is_business_day(date(2026, 3, 14))  # Saturday
    assert not calendar_for("DE").is_business_day(date(2026, 12, 25))
    # Corpus Christi (Thursday 4 June 2026) is a holiday in Bavaria, not in Berlin
    assert not calendar_for("DE-BY").is_business_day(date(2026, 6, 4))
    assert calendar_for("DE-BE").is_business_day(date(2026, 6, 4))
    assert not calendar_for("AT-9").is_business_day(date(2026, 11, 15))  # Sunday anyway
    assert not calendar_for("AT-9").is_business_day(date(2026, 12, 8))  # Mariä Empfängnis


def test_holiday_on_a_friday_moves_greetings_to_thursday_and_the_rest_to_monday() -> None:
    friday = date(2026, 5, 1)  # Labour Day, a Friday
    assert calendar_for("DE").on_or_before(friday) == date(2026, 4, 30)
    assert calendar_for("DE").on_or_after(friday) == date(2026, 5, 4)


def test_holiday_on_a_monday_moves_greetings_to_friday_and_the_rest_to_tuesday() -> None:
    monday = date(2026, 5, 25)  # Whit Monday
    assert calendar_for("DE").on_or_before(monday) == date(2026, 5, 22)
    assert calendar_for("DE").on_or_after(monday) == date(2026, 5, 26)


def test_easter_is_four_days_off() -> None:
    calendar = calendar_for("DE")
    assert calendar.on_or_after(date(2026, 4, 3)) == date(2026, 4, 7)
    assert calendar.on_or_before(date(2026, 4, 6)) == date(2026, 4, 2)


def test_business_days_counted_over_the_year_end() -> None:
    calendar = calendar_for("DE")
    # Mon 28 Dec 2026 + 3 business days: 29, 30, 31 Dec (1 Jan is a holiday)
    assert calendar.add(date(2026, 12, 28), 3) == date(2026, 12, 31)
    assert calendar.add(date(2027, 1, 4), -3) == date(2026, 12, 29)


def test_holiday_names_in_an_explicit_language() -> None:
    assert holiday_names("DE-BY", 2026, "de")[date(2026, 1, 6)] == "Heilige Drei Könige"
    assert holiday_names("DE-BY", 2026, "en")[date(2026, 1, 6)] == "Epiphany"


def test_customer_country_is_refined_by_the_reps_state() -> None:
    assert refine_region("DE", "DE-BY") == "DE-BY"
    assert refine_region("DE-NW", "DE-BY") == "DE-NW"
    assert refine_region("AT-9", "DE-BY") == "AT-9"
    assert refine_region("DE", "AT-9") == "DE"
