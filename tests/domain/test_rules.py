"""Each reason on its own: cadence, care balance, after sale, occasions, renewal, manual."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tui.domain.greetings import occasion_rule
from tui.domain.history import EMPTY, History, index_contacts
from tui.domain.model import (
    Birthday,
    Contact,
    Customer,
    Gesture,
    Purpose,
    Reason,
    Status,
    Tier,
)
from tui.domain.renewals import renewal_rule
from tui.domain.rules import (
    after_sale_rule,
    cadence_rule,
    care_balance_rule,
    manual_rule,
)
from tui.domain.settings import PlanSettings
from tui.domain.why import Why, WhyCode

TODAY = date(2026, 3, 12)
SETTINGS = PlanSettings()


def _contact(day: date, purpose: Purpose = Purpose.CARE, **extra: object) -> Contact:
    return Contact(
        customer=1, at=datetime.combine(day, datetime.min.time()), purpose=purpose, **extra
    )  # type: ignore[arg-type]


def _history(*contacts: Contact) -> History:
    return History(sorted(contacts, key=lambda c: c.at))


def test_cadence_counts_from_the_last_contact_of_any_purpose() -> None:
    anna = Customer(name="Anna", tier=Tier.A, id=1)
    history = _history(_contact(date(2026, 1, 30), Purpose.SALES))
    due = cadence_rule(anna, history, TODAY, SETTINGS, {})
    assert due is not None
    assert due.key == "1:cadence:2026-03-01"
    assert due.target == date(2026, 3, 1)
    assert due.why == Why(WhyCode.CADENCE_OVERDUE, tier=Tier.A, days=41, cadence=30)


def test_cadence_per_tier_and_per_customer() -> None:
    history = _history(_contact(date(2026, 1, 1)))
    b = Customer(name="B", tier=Tier.B, id=1)
    due = cadence_rule(b, history, TODAY, SETTINGS, {})
    assert due is not None and due.target == date(2026, 4, 1)
    assert cadence_rule(b, history, date(2026, 2, 1), SETTINGS, {}) is None  # not near yet
    settings = PlanSettings(tier_days={Tier.B: 60})
    due = cadence_rule(b, history, TODAY, settings, {})
    assert due is not None and due.target == date(2026, 3, 2)
    own = Customer(name="B", tier=Tier.B, id=1, cadence_days=14)
    due = cadence_rule(own, history, TODAY, SETTINGS, {})
    assert due is not None and due.target == date(2026, 1, 15)


def test_customer_without_contacts_is_due_now_with_a_stable_key() -> None:
    new = Customer(name="Neu", tier=Tier.C, id=1)
    due = cadence_rule(new, EMPTY, TODAY, SETTINGS, {})
    assert due is not None
    assert due.key == "1:cadence:2026-01-01"
    assert due.target == TODAY and due.immediate
    assert due.why == Why(WhyCode.NO_CONTACT_YET, tier=Tier.C, cadence=180)
    later = cadence_rule(new, EMPTY, TODAY + timedelta(days=5), SETTINGS, {})
    assert later is not None and later.key == due.key


def test_customer_without_contacts_counts_from_since() -> None:
    new = Customer(name="Neu", tier=Tier.A, id=1, since=date(2026, 2, 1))
    due = cadence_rule(new, EMPTY, TODAY, SETTINGS, {})
    assert due is not None and due.target == date(2026, 3, 3)


def test_long_standing_customer_without_contacts_is_due_now_not_years_overdue() -> None:
    imported = Customer(name="Alt", tier=Tier.A, id=1, since=date(2010, 5, 1))
    due = cadence_rule(imported, EMPTY, TODAY, SETTINGS, {})
    assert due is not None
    assert due.key == "1:cadence:2010-05-31"
    assert due.target == TODAY and due.immediate
    assert due.why == Why(WhyCode.SILENT_SINCE_START, tier=Tier.A, on=date(2010, 5, 1))
    later = cadence_rule(imported, EMPTY, TODAY + timedelta(days=3), SETTINGS, {})
    assert later is not None and later.key == due.key and later.target == TODAY + timedelta(days=3)


def test_skipped_cadence_rolls_on_by_one_cadence() -> None:
    anna = Customer(name="Anna", tier=Tier.A, id=1)
    history = _history(_contact(date(2026, 1, 30)))
    skipped = Gesture(
        key="1:cadence:2026-03-01",
        customer=1,
        reason=Reason.CADENCE,
        due=date(2026, 3, 2),
        status=Status.SKIPPED,
    )
    due = cadence_rule(anna, history, TODAY, SETTINGS, {skipped.key: skipped})
    assert due is not None and due.target == date(2026, 4, 1)


def test_care_balance_after_two_sales_of_three() -> None:
    anna = Customer(name="Anna", tier=Tier.A, id=1)
    balanced = _history(
        _contact(date(2026, 2, 1)),
        _contact(date(2026, 2, 10), Purpose.SALES),
        _contact(date(2026, 3, 1), Purpose.SERVICE),
    )
    assert care_balance_rule(anna, balanced, TODAY, SETTINGS) is None
    pushy = _history(
        _contact(date(2026, 2, 1)),
        _contact(date(2026, 2, 10), Purpose.SALES),
        _contact(date(2026, 3, 1), Purpose.SALES),
    )
    due = care_balance_rule(anna, pushy, TODAY, SETTINGS)
    assert due is not None
    assert due.key == "1:care_balance:2026-03-01"
    assert due.purpose is Purpose.CARE
    assert due.target == date(2026, 3, 15)
    assert due.why == Why(WhyCode.CARE_BALANCE, sales=2, count=3)


def test_care_balance_needs_two_contacts() -> None:
    anna = Customer(name="Anna", tier=Tier.A, id=1)
    assert (
        care_balance_rule(anna, _history(_contact(TODAY, Purpose.SALES)), TODAY, SETTINGS) is None
    )


def test_after_sale_follow_ups_start_with_a_won_sale() -> None:
    anna = Customer(name="Anna", tier=Tier.B, id=1)
    sale = date(2026, 3, 10)
    history = _history(_contact(sale, Purpose.SALES, won=True))
    dues = after_sale_rule(anna, history, TODAY, SETTINGS)
    assert [(d.key, d.variant) for d in dues] == [
        ("1:after_sale:2026-03-11", "thanks"),
        ("1:after_sale:2026-03-17", "delivery"),  # within the horizon: shows as later
    ]
    assert dues[0].why == Why(WhyCode.AFTER_SALE, on=sale, step="thanks", days=1)
    # two weeks on: the thank-you window closed unanswered; the delivery check is open
    dues = after_sale_rule(anna, history, date(2026, 3, 20), SETTINGS)
    assert [d.occasion for d in dues] == [sale + timedelta(days=7)]
    assert dues[0].purpose is Purpose.SERVICE
    assert after_sale_rule(anna, history, sale - timedelta(days=1), SETTINGS) == []


def test_after_sale_step_answered_by_a_contact_in_its_window() -> None:
    anna = Customer(name="Anna", tier=Tier.B, id=1)
    sale = date(2026, 1, 5)
    history = _history(
        _contact(sale, Purpose.SALES, won=True),
        _contact(date(2026, 2, 4)),  # satisfaction check (+30) done on its day
    )
    assert after_sale_rule(anna, history, date(2026, 2, 20), SETTINGS) == []
    dues = after_sale_rule(anna, history, date(2026, 4, 5), SETTINGS)
    assert [d.variant for d in dues] == ["review"]


def test_contact_answering_another_gesture_does_not_count() -> None:
    anna = Customer(name="Anna", tier=Tier.B, id=1)
    sale = date(2026, 3, 1)
    history = _history(
        _contact(sale, Purpose.SALES, won=True),
        _contact(date(2026, 3, 6), gesture="1:after_sale:2026-03-02"),  # late thank-you
    )
    dues = after_sale_rule(anna, history, TODAY, SETTINGS)
    assert [d.variant for d in dues] == ["delivery"]


def test_after_sale_from_the_since_date_and_then_cadence_takes_over() -> None:
    new = Customer(name="Neu", tier=Tier.A, id=1, since=date(2026, 3, 11))
    dues = after_sale_rule(new, EMPTY, TODAY, SETTINGS)
    assert [d.occasion for d in dues] == [date(2026, 3, 12), date(2026, 3, 18)]
    assert dues[0].why == Why(WhyCode.NEW_CUSTOMER, on=date(2026, 3, 11), step="thanks", days=1)
    assert after_sale_rule(new, EMPTY, date(2026, 8, 1), SETTINGS) == []


def test_birthday_and_anniversaries_are_fixed_greetings() -> None:
    firm = Customer(
        name="Anna",
        tier=Tier.A,
        id=1,
        birthday=Birthday(3, 14, 1976),
        founded=date(2001, 3, 20),
        since=date(2020, 3, 25),
    )
    dues = {d.reason: d for d in occasion_rule(firm, TODAY, SETTINGS)}
    assert set(dues) == {Reason.BIRTHDAY, Reason.FOUNDING, Reason.CUSTOMER_SINCE}
    assert all(d.fixed and d.greeting for d in dues.values())
    assert dues[Reason.BIRTHDAY].why == Why(WhyCode.BIRTHDAY, on=date(2026, 3, 14), years=50)
    assert dues[Reason.BIRTHDAY].variant == "round"
    assert dues[Reason.FOUNDING].why == Why(WhyCode.FOUNDING, on=date(2026, 3, 20), years=25)
    assert dues[Reason.CUSTOMER_SINCE].why == Why(
        WhyCode.CUSTOMER_SINCE, on=date(2026, 3, 25), years=6
    )
    assert dues[Reason.FOUNDING].factors[1].value > dues[Reason.CUSTOMER_SINCE].factors[1].value


def test_occasions_across_the_year_end() -> None:
    firm = Customer(name="Anna", id=1, birthday=Birthday(1, 2))
    dues = occasion_rule(firm, date(2026, 12, 28), SETTINGS)
    assert [d.key for d in dues] == ["1:birthday:2027-01-02"]


def test_renewal_care_then_service_touch() -> None:
    firm = Customer(name="Anna", tier=Tier.B, id=1, renewal=date(2026, 6, 1))
    dues = renewal_rule(firm, EMPTY, TODAY, SETTINGS)
    assert [(d.occasion, d.purpose) for d in dues] == [(date(2026, 3, 3), Purpose.CARE)]
    dues = renewal_rule(firm, EMPTY, date(2026, 5, 5), SETTINGS)
    assert [(d.occasion, d.purpose) for d in dues] == [(date(2026, 5, 2), Purpose.SERVICE)]
    answered = _history(_contact(date(2026, 3, 5)))
    assert renewal_rule(firm, answered, TODAY, SETTINGS) == []


def test_renewal_in_the_past_produces_nothing() -> None:
    firm = Customer(name="Anna", tier=Tier.A, id=1, renewal=date(2026, 3, 1))
    assert renewal_rule(firm, EMPTY, TODAY, SETTINGS) == []


def test_manual_gestures_from_the_book() -> None:
    anna = Customer(name="Anna", id=1)
    planned = Gesture(
        key="1:manual:2026-03-13", customer=1, reason=Reason.MANUAL, due=date(2026, 3, 13)
    )
    done = Gesture(
        key="1:manual:2026-03-10",
        customer=1,
        reason=Reason.MANUAL,
        due=date(2026, 3, 10),
        status=Status.DONE,
    )
    far = Gesture(
        key="1:manual:2026-12-01", customer=1, reason=Reason.MANUAL, due=date(2026, 12, 1)
    )
    dues = manual_rule(anna, [planned, done, far], TODAY, SETTINGS)
    assert [d.key for d in dues] == [planned.key]
    assert dues[0].fixed


def test_index_reads_recent_contacts_and_the_last_few_before() -> None:
    old = [_contact(date(2020, 1, day)) for day in range(1, 10)]
    recent = [_contact(date(2026, 3, 1), Purpose.SALES, won=True)]
    future = [_contact(date(2026, 4, 1))]
    histories = index_contacts([*old, *recent, *future], [1, 2], TODAY, SETTINGS)
    assert set(histories) == {1}
    history = histories[1]
    assert [c.at.day for c in history.contacts] == [8, 9, 1]
    assert history.last_day == date(2026, 3, 1)
    assert [c.won for c in history.won] == [True]


def test_index_sorts_contacts_given_out_of_order() -> None:
    shuffled = [_contact(date(2026, 3, 1)), _contact(date(2026, 1, 1)), _contact(date(2026, 2, 1))]
    history = index_contacts(shuffled, [1], TODAY, SETTINGS)[1]
    assert [m.date() for m in history.moments] == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]
