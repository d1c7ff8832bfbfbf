"""Amounts and dates as people type them, read the same way by every front end."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tui.domain.dates import same_day_in
from tui.domain.model import ValidationError, parse_amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("25", "25.00"),
        ("25,5", "25.50"),
        ("25.50", "25.50"),
        ("1.234,50", "1234.50"),
        ("1.234", "1234.00"),
        (" 12,00 ", "12.00"),
    ],
)
def test_typed_amounts(text: str, amount: str) -> None:
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["zwölf", "-3", "1,234", "12,345"])
def test_what_is_no_amount(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_amount(text)


def test_same_day_in_another_year_keeps_the_29th_of_february_in_february() -> None:
    assert same_day_in(date(2024, 2, 29), 2025) == date(2025, 2, 28)
    assert same_day_in(date(2024, 2, 29), 2028) == date(2028, 2, 29)
    assert same_day_in(date(2026, 11, 23), 2021) == date(2021, 11, 23)
