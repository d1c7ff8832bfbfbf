"""The words for the domain's structured values (reasons, hints, urgency parts), both languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tui import i18n
from tui.domain.model import Kind, Reason, Tier
from tui.domain.suggestions import Hint, Idea, Suggestion
from tui.domain.urgency import Factor, FactorCode
from tui.domain.why import Why, WhyCode
from tui.labels import factor_label, suggestion_text, undone_text, why_label

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


def test_hints_urgency_parts_and_undo_steps_are_worded_where_shown() -> None:
    idea = Idea(Reason.BIRTHDAY, Kind.GIFT, "A small gift.", "Ein kleines Geschenk.")
    room = Suggestion(idea, hint=Hint.GIFT_ROOM, amount=Decimal("30"), currency="EUR")
    late = Suggestion(hint=Hint.BELATED)
    parts = (Factor(FactorCode.RATIO, 4.0, Tier.A, 40, 30), Factor(FactorCode.OVERDUE, 0.1, days=2))
    assert (
        suggestion_text(room)
        == "A small gift. (a gift up to €30.00 net stays within this year's limit)"
    )
    assert suggestion_text(late).startswith("Belated: call and congratulate")
    assert suggestion_text(Suggestion(idea, note="Bring the samples")) == "Bring the samples"
    assert [factor_label(f) for f in parts] == [
        "40 of 30 days since last contact x A weight 3",
        "Overdue by 2 days",
    ]
    assert undone_text("snooze", "Anna") == "Undone: snooze (Anna)"
    assert (
        undone_text("step of a newer version", "Anna") == "Undone: step of a newer version (Anna)"
    )
    i18n.set_language("de")
    try:
        assert suggestion_text(room) == (
            "Ein kleines Geschenk. (ein Geschenk bis 30,00 € netto bleibt in der Jahresgrenze)"
        )
        assert suggestion_text(late).startswith("Nachträglich: anrufen und gratulieren")
        assert [factor_label(f) for f in parts] == [
            "40 von 30 Tagen seit dem letzten Kontakt x Gewicht A 3",
            "2 Tage überfällig",
        ]
        assert undone_text("log", "Anna") == "Rückgängig gemacht: erfasster Kontakt (Anna)"
    finally:
        i18n.set_language("en")
