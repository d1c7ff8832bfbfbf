"""Gifts per recipient and year: the German Freigrenze, § 37b, giveaways, Austria, Switzerland."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

import pytest

from tui import i18n
from tui.domain.gifts import (
    GiftLimits,
    GiftSettings,
    check_gift,
    counted,
    currency_for,
    flat_tax,
    gift_budget,
    load_gift_limits,
)
from tui.domain.model import Contact, Kind, ValidationError
from tui.gift_labels import gift_check_text
from tui.resources import data_file

FLAT_2026 = GiftSettings.from_mapping({"flat_tax": {"2026": "0.30"}})


def _gift(
    amount: str,
    year: int = 2026,
    customer: int = 1,
    *,
    currency: str = "EUR",
    giveaway: bool = False,
) -> Contact:
    return Contact(
        customer=customer,
        at=datetime(year, 6, 1, 10),
        kind=Kind.GIFT,
        amount=Decimal(amount),
        currency=currency,
        giveaway=giveaway,
    )


def test_de_limit_is_35_up_to_2023_and_50_from_2024() -> None:
    assert check_gift([], Decimal("36"), 2023, "DE").exceeds
    assert not check_gift([], Decimal("36"), 2024, "DE").exceeds
    assert check_gift([], Decimal("1"), 2023, "DE").limit == Decimal("35.00")
    assert check_gift([], Decimal("1"), 2024, "DE").limit == Decimal("50.00")


def test_freigrenze_one_cent_over_and_nothing_is_deductible() -> None:
    previous = [_gift("30.00"), _gift("45.00", year=2025)]
    at_limit = check_gift(previous, Decimal("20.00"), 2026, "DE-BY")
    assert (at_limit.total_before, at_limit.total_after, at_limit.exceeds) == (
        Decimal("30.00"),
        Decimal("50.00"),
        False,
    )
    over = check_gift(previous, Decimal("20.01"), 2026, "DE")
    assert over.exceeds and over.warn
    assert (
        gift_check_text(over)
        == "Over the €50.00 limit for 2026 (€50.01): none of it is deductible any more."
    )


def test_every_small_gift_to_a_named_customer_counts() -> None:
    """The issue's case: six 10 EUR gifts plus 45 EUR to one customer in one year."""
    six_small = [_gift("10.00") for _ in range(6)]
    check = check_gift(six_small, Decimal("45.00"), 2026, "DE")
    assert check.total_before == Decimal("60.00") and check.total_after == Decimal("105.00")
    assert check.exceeds and check.warn
    assert check_gift([], Decimal("9.99"), 2026, "DE").total_after == Decimal("9.99")


def test_a_giveaway_is_shown_but_not_counted() -> None:
    previous = [_gift("45.00"), _gift("8.00", giveaway=True)]
    assert gift_budget(previous, 2026, "DE").used == Decimal("45.00")
    check = check_gift(previous, Decimal("30.00"), 2026, "DE", giveaway=True)
    assert not check.exceeds and check.total_after == Decimal("45.00")
    assert "not counted" in gift_check_text(check) and check.warn  # 30 EUR is no Streuwerbeartikel
    small = check_gift(previous, Decimal("8.00"), 2026, "DE", giveaway=True)
    assert not small.warn and gift_check_text(small).startswith("A giveaway")
    with pytest.raises(ValidationError):
        Contact(customer=1, at=datetime(2026, 1, 2, 9), kind=Kind.CALL, giveaway=True)


def test_flat_tax_is_on_the_gross_amount_and_counts_into_the_gift() -> None:
    """§ 37b at 19 % VAT: 30 % of the gross is a further gift (BFH IV R 13/14)."""
    assert flat_tax(Decimal("36.84"), 2026, FLAT_2026) == Decimal("13.15")  # 0.3 x 43.84
    assert flat_tax(Decimal("36.84"), 2025, FLAT_2026) == Decimal("0.00")  # not elected in 2025
    budget = gift_budget([], 2026, "DE", FLAT_2026)
    assert budget.largest_gift == Decimal("36.84")
    assert not check_gift([], Decimal("36.84"), 2026, "DE", settings=FLAT_2026).exceeds
    over = check_gift([], Decimal("36.85"), 2026, "DE", settings=FLAT_2026)
    assert over.exceeds and over.total_after == Decimal("50.01")
    assert gift_check_text(over).endswith("Counts the 30 % flat tax (§ 37b).")
    assert gift_budget([], 2026, "DE").largest_gift == Decimal("50.00")


def test_without_input_vat_deduction_the_gross_counts() -> None:
    settings = GiftSettings.from_mapping({"input_vat_deduction": False})
    rules = load_gift_limits().countries["DE"]
    assert counted(Decimal("42.00"), rules, 2026, settings) == Decimal("49.98")
    assert gift_budget([], 2026, "DE", settings).largest_gift == Decimal("42.02")
    assert check_gift([], Decimal("42.03"), 2026, "DE", settings=settings).exceeds


def test_other_recipients_are_filtered_out() -> None:
    everyone = [_gift("45.00", customer=2), _gift("5.50", customer=1)]
    assert gift_budget(everyone, 2026, "DE", customer=1).used == Decimal("5.50")


def test_austria_says_not_deductible_instead_of_a_limit() -> None:
    check = check_gift([_gift("30.00")], Decimal("25.00"), 2026, "AT-9")
    assert check.limit is None and not check.exceeds and check.warn
    assert "not deductible" in gift_check_text(check) and "VAT threshold" in gift_check_text(check)
    assert " of " not in gift_check_text(check)  # never "30 of 40 EUR"
    assert not check_gift([], Decimal("25.00"), 2026, "AT", giveaway=True).warn


def test_switzerland_counts_francs_against_the_vat_presumption() -> None:
    assert currency_for("CH-ZH") == "CHF" and currency_for("DE-BY") == "EUR"
    previous = [_gift("320.00", currency="CHF"), _gift("50.00", currency="EUR")]
    swiss = check_gift(previous, Decimal("150"), 2026, "CH-ZH")
    assert swiss.currency == "CHF" and swiss.limit == Decimal("500.00")
    assert swiss.total_after == Decimal("470.00") and not swiss.exceeds
    assert (
        gift_check_text(swiss)
        == "Gifts 2026: CHF 470.00 of CHF 500.00 (VAT: business purpose presumed)."
    )
    assert gift_budget(previous, 2026, "CH").other_currency == 1
    assert check_gift(previous, Decimal("180.01"), 2026, "CH").exceeds


def test_unknown_country_has_no_rule() -> None:
    check = check_gift([], Decimal("400"), 2026, "FR")
    assert check.limit is None and not check.exceeds
    assert gift_check_text(check) == "No gift rule known for FR."


def test_message_in_german() -> None:
    i18n.set_language("de")
    check = check_gift([], Decimal("20"), 2026, "DE")
    assert gift_check_text(check) == "Geschenke an diesen Empfänger 2026: 20,00 € von 50,00 €."


def test_every_row_of_the_shipped_table_names_its_sources() -> None:
    raw = json.loads(data_file("gift_limits.json").read_text(encoding="utf-8"))
    for entry in raw["countries"].values():
        extra = [entry[k] for k in ("flat_tax", "giveaway") if k in entry]
        rows = [entry, *entry["limits"], *extra]
        for row in rows:
            assert row["sources"], row
            assert all(s["law"] and s["url"].startswith("https://") for s in row["sources"])
    del raw["countries"]["DE"]["limits"][0]["sources"]
    with pytest.raises(ValidationError, match="sources"):
        GiftLimits.from_mapping(raw)


def test_flat_tax_setting_is_validated() -> None:
    assert GiftSettings.from_mapping({"flat_tax": {"2026": True}}).flat_tax_rate(2026) == Decimal(
        "0.30"
    )
    for bad in ({"flat_tax": {"2026": "1.5"}}, {"flat_tax": "yes"}, {"flat_tax": {"x": "0.3"}}):
        with pytest.raises(ValidationError):
            GiftSettings.from_mapping(bad)
