"""The words for the domain's structured reasons: one line per :class:`Why`, in either language."""

from __future__ import annotations

from datetime import date

import pytest

from tui import i18n
from tui.domain.model import Tier
from tui.domain.why import Why, WhyCode
from tui.labels import why_label

DAY = date(2026, 3, 14)

ENGLISH = [
    (
        Why(WhyCode.PROSPECT, days=66, cadence=60),
        "Prospect, 66 days since the last contact (cadence 60)",
    ),
    (
        Why(WhyCode.NO_CONTACT_YET, tier=Tier.C, cadence=90),
        "C-customer, no contact logged yet (cadence 90)",
    ),
    (
        Why(WhyCode.SILENT_SINCE_START, tier=Tier.B, on=DAY),
        "B-customer, no contact since becoming a customer on 2026-03-14",
    ),
    (
        Why(WhyCode.CADENCE_OVERDUE, tier=Tier.A, days=41, cadence=30),
        "A-customer, 41 days since last contact (cadence 30)",
    ),
    (
        Why(WhyCode.CARE_BALANCE, sales=2, count=3),
        "2 of the last 3 contacts were sales: time for one without an offer",
    ),
    (Why(WhyCode.AFTER_SALE, on=DAY, step="thanks", days=1), "Sale on 2026-03-14: thank-you"),
    (Why(WhyCode.AFTER_SALE, on=DAY, days=14), "Sale on 2026-03-14: follow-up after 14 days"),
    (
        Why(WhyCode.NEW_CUSTOMER, on=DAY, step="delivery", days=7),
        "New customer since 2026-03-14: delivery check",
    ),
    (Why(WhyCode.MANUAL, on=DAY), "Planned by hand for 2026-03-14"),
    (Why(WhyCode.BIRTHDAY, on=DAY), "Birthday on 2026-03-14"),
    (Why(WhyCode.BIRTHDAY, on=DAY, years=50), "Birthday on 2026-03-14 (turns 50)"),
    (Why(WhyCode.FOUNDING, on=DAY, years=1), "Company anniversary on 2026-03-14: 1 year"),
    (Why(WhyCode.FOUNDING, on=DAY, years=25), "Company anniversary on 2026-03-14: 25 years"),
    (Why(WhyCode.CUSTOMER_SINCE, on=DAY, years=6), "6 years as our customer on 2026-03-14"),
    (Why(WhyCode.RENEWAL_CARE, on=DAY), "Contract renewal on 2026-03-14: care touch well before"),
    (Why(WhyCode.RENEWAL_SERVICE, on=DAY), "Contract renewal on 2026-03-14: service check"),
]


@pytest.mark.parametrize(("why", "text"), ENGLISH)
def test_each_reason_is_worded_with_its_values(why: Why, text: str) -> None:
    assert why_label(why) == text


def test_every_code_has_its_own_words_in_english_and_german() -> None:
    whys = [Why(code, tier=Tier.A, on=DAY, years=3, days=5, cadence=30) for code in WhyCode]
    english = [why_label(why) for why in whys]
    i18n.set_language("de")
    german = [why_label(why) for why in whys]
    assert len(set(english)) == len(english)
    assert all(g != e for g, e in zip(german, english, strict=True))
    assert german[list(WhyCode).index(WhyCode.CADENCE_OVERDUE)] == (
        "A-Kunde, 5 Tage seit dem letzten Kontakt (Rhythmus 30)"
    )


def test_no_reason_is_no_text() -> None:
    assert why_label(None) == ""
