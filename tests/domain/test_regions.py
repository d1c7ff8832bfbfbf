"""Regions: validated where entered (one line naming the valid codes), never fatal in a plan,
and holidays that only parts of a state keep, per customer."""

from __future__ import annotations

from datetime import date

import pytest

from tui.domain.model import Customer, ValidationError
from tui.domain.regions import calendar_for_customer, validate_known_region


def test_known_regions_pass_and_are_normalised() -> None:
    assert validate_known_region("de-by") == "DE-BY"
    assert validate_known_region("AT-9") == "AT-9"
    assert validate_known_region("CH") == "CH"
    assert validate_known_region("DE-BY", "augsburg") == "DE-BY"


def test_an_unknown_region_names_the_valid_codes_of_its_country() -> None:
    with pytest.raises(ValidationError) as error:
        validate_known_region("DE-XX")
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("region: 'DE-XX' is not a region of DE; valid: DE, DE-BB, DE-BE")
    assert "DE-TH" in message and "Augsburg" not in message
    with pytest.raises(ValidationError, match="no public holidays known for country 'XX'"):
        validate_known_region("XX")
    with pytest.raises(ValidationError, match="not a code like"):
        validate_known_region("Bayern")


def test_local_holidays_must_suit_the_region() -> None:
    with pytest.raises(ValidationError, match=r"possible there: catholic\)"):
        validate_known_region("DE-SN", "augsburg")
    with pytest.raises(ValidationError, match=r"possible there: -\)"):
        validate_known_region("DE-NW", "catholic")


def test_holidays_kept_only_in_parts_of_a_state_are_opt_in() -> None:
    def calendar(region: str, local: str = ""):  # type: ignore[no-untyped-def]
        customer = Customer(name="A", region=region, local_holidays=local)
        return calendar_for_customer(customer, "DE")[0]

    assumption, peace, corpus_christi = date(2029, 8, 15), date(2029, 8, 8), date(2026, 6, 4)
    bavaria, catholic, augsburg = (
        calendar("DE-BY"),
        calendar("DE-BY", "catholic"),
        calendar("DE-BY", "augsburg"),
    )
    assert bavaria.is_business_day(assumption) and bavaria.is_business_day(peace)
    assert not catholic.is_business_day(assumption) and catholic.is_business_day(peace)
    assert not augsburg.is_business_day(assumption) and not augsburg.is_business_day(peace)
    assert augsburg.on_or_after(peace) == date(2029, 8, 9)
    saxony, sorbian = calendar("DE-SN"), calendar("DE-SN", "catholic")
    assert saxony.is_business_day(corpus_christi) and not sorbian.is_business_day(corpus_christi)
    assert not calendar("DE-TH", "catholic").is_business_day(corpus_christi)


def test_an_unknown_region_in_the_book_falls_back() -> None:
    calendar, known = calendar_for_customer(Customer(name="X", region="DE-XX"), "DE-BY")
    assert (calendar.region, known) == ("DE", False)
    calendar, known = calendar_for_customer(Customer(name="X", region="XX"), "DE-BY")
    assert (calendar.region, known) == ("DE-BY", False)
    calendar, known = calendar_for_customer(Customer(name="X", region="DE"), "DE-BY")
    assert (calendar.region, known) == ("DE-BY", True)
