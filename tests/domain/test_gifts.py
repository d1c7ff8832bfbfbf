"""Gift limits per recipient and year: Freigrenze, § 37b flat tax, giveaways, AT and CH."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from tui import i18n
from tui.domain.gifts import check_gift, gift_ledger
from tui.domain.model import Contact, Kind


def _gift(amount: str, year: int = 2026, customer: int = 1) -> Contact:
    return Contact(
        customer=customer, at=datetime(year, 6, 1, 10), kind=Kind.GIFT, gift_eur=Decimal(amount)
    )


def test_de_limit_is_35_up_to_2023_and_50_from_2024() -> None:
    assert check_gift([], Decimal("36"), 2023, "DE").exceeds
    assert not check_gift([], Decimal("36"), 2024, "DE").exceeds
    assert check_gift([], Decimal("1"), 2023, "DE").limit == Decimal("35.00")


def test_freigrenze_one_cent_over_and_nothing_is_deductible() -> None:
    previous = [_gift("30.00"), _gift("45.00", year=2025)]
    at_limit = check_gift(previous, Decimal("20.00"), 2026, "DE-BY")
    assert (at_limit.total_before, at_limit.total_after, at_limit.exceeds) == (
        Decimal("30.00"),
        Decimal("50.00"),
        False,
    )
    over = check_gift(previous, Decimal("20.01"), 2026, "DE")
    assert over.exceeds
    assert (
        over.message
        == "Over the €50.00 limit for 2026 (€50.01): none of it is deductible any more."
    )


def test_flat_tax_counts_into_the_gift() -> None:
    assert not check_gift([], Decimal("38.46"), 2026, "DE", flat_tax=True).exceeds
    check = check_gift([], Decimal("38.47"), 2026, "DE", flat_tax=True)
    assert check.exceeds and check.total_after == Decimal("50.01")


def test_giveaways_up_to_10_eur_are_not_gifts() -> None:
    check = check_gift([_gift("45.00"), _gift("10.00")], Decimal("9.99"), 2026, "DE")
    assert check.exempt_giveaway and not check.exceeds
    assert check.total_before == Decimal("45.00")
    assert not check_gift([_gift("10.00")], Decimal("40.00"), 2026, "DE").exceeds


def test_other_recipients_are_filtered_out() -> None:
    everyone = [_gift("45.00", customer=2), _gift("5.50", customer=1)]
    check = check_gift(everyone, Decimal("40"), 2026, "DE", customer=1)
    assert check.total_after == Decimal("40.00")  # the 5.50 is a giveaway


def test_austria_and_switzerland() -> None:
    assert check_gift([], Decimal("40.01"), 2026, "AT-9").exceeds
    swiss = check_gift([], Decimal("400"), 2026, "CH-ZH")
    assert swiss.currency == "CHF" and swiss.limit == Decimal("500.00") and not swiss.exceeds


def test_unknown_country_has_no_limit() -> None:
    check = check_gift([], Decimal("400"), 2026, "FR")
    assert check.limit is None and not check.exceeds
    assert check.message == "No gift limit known for FR."


def test_message_in_german() -> None:
    i18n.set_language("de")
    check = check_gift([], Decimal("20"), 2026, "DE")
    assert check.message == "Geschenke an diesen Empfänger 2026: 20,00 € von 50,00 €."


def test_ledger_per_recipient_and_year() -> None:
    ledger = gift_ledger(
        [_gift("20"), _gift("15.5"), _gift("9", customer=2), _gift("99", 2025)], 2026
    )
    assert ledger == {1: Decimal("35.50"), 2: Decimal("9.00")}
