"""Gift totals, the purpose mix, the birthday, the holidays and error wording, as both front ends
get them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tui import i18n
from tui.domain.dates import parse_date
from tui.domain.model import Birthday, Contact, Customer, Kind, Purpose, ValidationError
from tui.messages import describe
from tui.services.customers import birthday_text, gift_year, purpose_mix
from tui.services.holidays import customer_region, holiday_name, region_holidays
from tui.store.errors import BookLocked, NotFound

TODAY = date(2026, 6, 1)


def _contact(
    day: str, kind: Kind = Kind.CALL, purpose: Purpose = Purpose.CARE, **extra: object
) -> Contact:
    at = datetime.fromisoformat(day + "T10:00")
    return Contact(customer=1, at=at, kind=kind, purpose=purpose, **extra)  # type: ignore[arg-type]


def test_gifts_of_the_year_come_from_the_ledger_against_the_country_limit() -> None:
    anna = Customer(id=1, name="Anna", region="DE-BY")
    contacts = [
        _contact("2026-02-01", Kind.GIFT, amount=Decimal("30")),
        _contact("2026-05-01", Kind.GIFT, amount=Decimal("8")),  # small ones count too
        _contact("2025-12-20", Kind.GIFT, amount=Decimal("40")),  # last year
        _contact("2026-03-01"),
    ]
    gifts = gift_year(contacts, anna, 2026)
    assert (gifts.total, gifts.limit, gifts.currency, gifts.over) == (
        Decimal("38.00"),
        Decimal("50.00"),
        "EUR",
        False,
    )
    assert gift_year(contacts, anna, 2025).total == Decimal("40.00")
    assert not gift_year(contacts, anna, 2025).over  # 35 EUR limit up to 2023 only
    swiss = gift_year([], Customer(id=1, name="Urs", region="CH-ZH"), 2026)
    assert (swiss.currency, swiss.limit) == ("CHF", Decimal("500.00"))
    assert gift_year(contacts, Customer(id=1, name="X", region="US"), 2026).limit is None


def test_the_purpose_mix_counts_the_last_twelve_months() -> None:
    contacts = [
        _contact("2025-05-01", purpose=Purpose.SALES),  # older than a year
        _contact("2026-01-10"),
        _contact("2026-02-10", purpose=Purpose.SALES),
        _contact("2026-03-10", purpose=Purpose.SERVICE),
        _contact("2026-04-10"),
    ]
    assert purpose_mix(contacts, TODAY) == {
        Purpose.CARE: 50,
        Purpose.SERVICE: 25,
        Purpose.SALES: 25,
    }
    assert purpose_mix(contacts[:1], TODAY) == {}


def test_birthday_text_with_and_without_a_year() -> None:
    assert birthday_text(None) == ""
    assert birthday_text(Birthday(3, 14)) == "14.03."
    assert birthday_text(Birthday(3, 14, 1970)) == "1970-03-14"
    i18n.set_language("de")
    assert birthday_text(Birthday(3, 14, 1970)) == "14.03.1970"


def test_holidays_of_a_customer_refined_by_the_reps_region() -> None:
    customer = Customer(id=1, name="Anna", region="DE")
    assert customer_region(customer, "DE-BY") == "DE-BY"
    assert date(2026, 1, 6) in region_holidays("DE-BY", 2026)  # Epiphany in Bavaria
    assert date(2026, 1, 6) not in region_holidays("DE-NW", 2026)
    assert region_holidays("XX", 2026) == frozenset()  # no data: no marks, no failure
    assert holiday_name("DE-BY", date(2026, 12, 25), "de") == "Erster Weihnachtstag"
    assert holiday_name("DE-BY", date(2026, 12, 23), "de") == ""


def test_errors_carry_a_code_and_are_worded_where_shown(tmp_path: Path) -> None:
    locked = BookLocked(tmp_path / "book.json", 5)
    assert locked.code == "book.locked" and locked.params["seconds"] == "5"
    missing = NotFound.customer(12, tmp_path / "book.json")
    assert isinstance(missing, NotFound) and missing.code == "book.no_customer"
    with pytest.raises(ValidationError) as raised:
        parse_date("31.02.2026", field_name="birthday")
    assert str(raised.value) == "birthday: '31.02.2026' is not a valid date"
    assert describe(raised.value) == str(raised.value)
    assert raised.value.code == "invalid.birthday" and raised.value.values["text"] == "31.02.2026"
    i18n.set_language("de")
    assert describe(locked).startswith("Das Kundenbuch") and "belegt" in describe(locked)
    assert describe(missing).startswith("Kein Kunde")
    assert describe(raised.value).startswith("Geburtstag: ")
    assert "\x1b" not in describe(BookLocked("\x1b[31mred", 1))
