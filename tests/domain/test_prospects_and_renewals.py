"""Prospects (Interessenten) and renewals that roll forward with the contract term."""

from __future__ import annotations

from datetime import date, datetime

from tui.domain.cadence import PlanSettings, plan_day
from tui.domain.history import EMPTY, History
from tui.domain.model import Contact, Customer, Purpose, Reason, Tier
from tui.domain.renewals import add_months, renewal_dates, renewal_rule
from tui.domain.rules import after_sale_rule, cadence_rule, customer_cadence
from tui.domain.suggestions import Catalog
from tui.domain.why import Why, WhyCode

TODAY = date(2026, 3, 12)
SETTINGS = PlanSettings()
CALL_ONLY = Catalog.from_mapping(
    {"ideas": [{"reason": r.value, "kind": "call", "en": "Call", "de": "Anruf"} for r in Reason]}
)


def _contact(day: date, **extra: object) -> Contact:
    return Contact(customer=1, at=datetime.combine(day, datetime.min.time()), **extra)  # type: ignore[arg-type]


def test_a_prospect_has_its_own_cadence_whatever_the_tier() -> None:
    prospect = Customer(name="Neu", id=1, tier=Tier.A, prospect=True)
    assert customer_cadence(prospect, SETTINGS) == 60
    assert customer_cadence(prospect, PlanSettings(prospect_days=21)) == 21
    own = Customer(name="Neu", id=1, prospect=True, cadence_days=10)
    assert customer_cadence(own, SETTINGS) == 10
    due = cadence_rule(prospect, History([_contact(date(2026, 1, 5))]), TODAY, SETTINGS, {})
    assert due is not None and due.occasion == date(2026, 3, 6)
    assert due.why == Why(WhyCode.PROSPECT, days=66, cadence=60)


def test_no_after_sale_run_for_a_prospect_until_a_deal_is_won() -> None:
    prospect = Customer(name="Neu", id=1, prospect=True, since=date(2026, 3, 1))
    assert after_sale_rule(prospect, EMPTY, TODAY, SETTINGS) == []
    won = History([_contact(date(2026, 3, 10), purpose=Purpose.SALES, won=True)])
    steps = after_sale_rule(prospect, won, TODAY, SETTINGS)
    assert [d.occasion for d in steps][:2] == [date(2026, 3, 11), date(2026, 3, 17)]


def test_winning_a_deal_turns_a_prospect_into_a_customer() -> None:
    prospect = Customer(name="Neu", id=1, prospect=True)
    sale = _contact(date(2026, 3, 10), purpose=Purpose.SALES, won=True)
    customer = prospect.won_over(sale)
    assert customer is not None and not customer.prospect
    assert customer.since == date(2026, 3, 10)
    assert prospect.won_over(_contact(date(2026, 3, 10))) is None  # not a won sale
    assert customer.won_over(sale) is None  # already a customer


def test_a_prospect_has_no_customer_anniversary() -> None:
    prospect = Customer(name="Neu", id=1, prospect=True, since=date(2020, 3, 16))
    plan = plan_day([prospect], [_contact(TODAY)], [], TODAY, catalog=CALL_ONLY)
    assert all(i.reason is not Reason.CUSTOMER_SINCE for i in (*plan.items, *plan.later))


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 12) == date(2027, 11, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_a_renewal_with_a_term_rolls_forward() -> None:
    yearly = Customer(name="Abo", id=1, renewal=date(2025, 6, 30), renewal_months=12)
    assert renewal_dates(yearly, TODAY) == (date(2026, 6, 30), date(2025, 6, 30))
    assert renewal_dates(yearly, date(2026, 7, 1)) == (date(2027, 6, 30), date(2026, 6, 30))
    once = Customer(name="Once", id=1, renewal=date(2025, 6, 30))
    assert renewal_dates(once, TODAY) is None  # no term: a passed date produces nothing
    due = renewal_rule(yearly, EMPTY, date(2026, 3, 25), SETTINGS)
    assert [(d.occasion, d.variant) for d in due] == [(date(2026, 4, 1), "care")]
    assert due[0].why == Why(WhyCode.RENEWAL_CARE, on=date(2026, 6, 30))


def test_a_short_term_skips_touches_before_the_previous_renewal() -> None:
    monthly = Customer(name="Monat", id=1, renewal=date(2026, 1, 15), renewal_months=1)
    due = renewal_rule(monthly, EMPTY, date(2026, 3, 16), PlanSettings(horizon_days=60))
    # next renewal 15 April: the care touch 90 days before would lie before 15 March's renewal
    assert [(d.occasion, d.variant) for d in due] == [(date(2026, 3, 16), "service")]
