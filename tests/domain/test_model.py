"""The model refuses what cannot be true and says which field is wrong."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.model import (
    Birthday,
    Contact,
    Customer,
    Gesture,
    Kind,
    Purpose,
    Reason,
    Status,
    Tier,
    ValidationError,
    gesture_key,
    parse_gesture_key,
    parse_money,
)


def test_birthday_without_year_allows_the_29th_of_february() -> None:
    leap = Birthday.parse("--02-29")
    assert (leap.month, leap.day, leap.year) == (2, 29, None)
    assert leap.iso() == "--02-29"
    assert leap.in_year(2027) == date(2027, 3, 1)  # never a day early
    assert leap.in_year(2028) == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["--02-30", "--13-01", "2023-02-29", "14.03.", "", "1970-3-4"])
def test_impossible_birthdays_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="birthday"):
        Birthday.parse(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_birthday_round_trips(day: date, with_year: bool) -> None:
    birthday = Birthday(day.month, day.day, day.year if with_year else None)
    assert Birthday.parse(birthday.iso()) == birthday


def test_customer_defaults_and_label() -> None:
    customer = Customer(name="Anna Müller", company="Müller GmbH", tier="a")  # type: ignore[arg-type]
    assert customer.tier is Tier.A
    assert customer.label == "Anna Müller (Müller GmbH)"
    assert Customer(name="Solo").label == "Solo"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": " "}, "name: must not be empty"),
        ({"name": "X", "tier": "D"}, "tier"),
        ({"name": "X", "email": "no-at-sign"}, "email"),
        ({"name": "X", "phone": "call me"}, "phone"),
        ({"name": "X", "region": "Bayern"}, "region"),
        ({"name": "X", "tags": ("a,b",)}, "tags"),
        ({"name": "X", "cadence_days": 0}, "cadence"),
    ],
)
def test_invalid_customers_name_the_field(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Customer(**fields)  # type: ignore[arg-type]


def test_contact_validation() -> None:
    at = datetime(2026, 3, 14, 10, 0)
    contact = Contact(customer=1, at=at, kind="gift", amount="12,50")  # type: ignore[arg-type]
    assert contact.kind is Kind.GIFT and contact.amount == Decimal("12.50")
    assert contact.day == date(2026, 3, 14)
    with pytest.raises(ValidationError, match="gift"):
        Contact(customer=1, at=at, kind=Kind.CALL, amount=Decimal(5))
    with pytest.raises(ValidationError, match="won"):
        Contact(customer=1, at=at, purpose=Purpose.CARE, won=True)
    with pytest.raises(ValidationError, match="minutes"):
        Contact(customer=1, at=at, minutes=-1)
    with pytest.raises(ValidationError, match="customer"):
        Contact(customer=0, at=at)
    with pytest.raises(ValidationError, match="kind"):
        Contact(customer=1, at=at, kind="fax")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["-1", "abc", "1.234", "nan", "2000000"])
def test_bad_money(value: str) -> None:
    with pytest.raises(ValidationError, match="gift"):
        parse_money(value)


def test_gesture_keys_round_trip_and_snooze_needs_a_date() -> None:
    key = gesture_key(12, Reason.BIRTHDAY, date(2026, 3, 14))
    assert key == "12:birthday:2026-03-14"
    assert parse_gesture_key(key) == (12, Reason.BIRTHDAY, date(2026, 3, 14))
    with pytest.raises(ValidationError):
        parse_gesture_key("12:party:2026-03-14")
    with pytest.raises(ValidationError, match="until"):
        Gesture(
            key=key,
            customer=12,
            reason=Reason.BIRTHDAY,
            due=date(2026, 3, 14),
            status=Status.SNOOZED,
        )
