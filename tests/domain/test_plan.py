"""plan_day: calendar, lead time, states, capacity, levelling, explanations, suggestions."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal

from tui import i18n
from tui.domain.cadence import Plan, PlannedGesture, PlanSettings, plan_day
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
)
from tui.domain.suggestions import Catalog
from tui.labels import factor_label, reason_label, suggestion_text, urgency_lines, why_label

TODAY = date(2026, 3, 12)  # a Thursday

CALL_ONLY = Catalog.from_mapping(
    {"ideas": [{"reason": r.value, "kind": "call", "en": "Call", "de": "Anruf"} for r in Reason]}
)
CARDS = Catalog.from_mapping(
    {"ideas": [{"reason": r.value, "kind": "card", "en": "Card", "de": "Karte"} for r in Reason]}
)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)


def _all(plan: Plan) -> list[PlannedGesture]:
    return [*plan.items, *plan.later]


def _overdue_a_customers(count: int, owner: str = "") -> tuple[list[Customer], list[Contact]]:
    customers = [
        Customer(name=f"C{n}", tier=Tier.A, id=n, owner=owner) for n in range(1, count + 1)
    ]
    contacts = [
        Contact(customer=n, at=_at(date(2026, 1, 1) + timedelta(n))) for n in range(1, count + 1)
    ]
    return customers, sorted(contacts, key=lambda c: c.at)


def test_customer_with_no_contacts_is_planned_today() -> None:
    plan = plan_day([Customer(name="Neu", id=1)], [], [], TODAY, catalog=CARDS)
    (item,) = plan.items
    assert item.reason is Reason.CADENCE
    assert item.due == TODAY and item.overdue_days == 0  # a card, but due now: no lead time
    assert plan.later == () and plan.done_today == 0


def test_archived_customers_and_other_reps_are_left_out() -> None:
    customers = [
        Customer(name="Anna", id=1, owner="mmeier"),
        Customer(name="Bob", id=2, owner="mmeier", archived=True),
        Customer(name="Cem", id=3, owner="kkoch"),
    ]
    mine = plan_day(customers, [], [], TODAY, rep="mmeier", catalog=CALL_ONLY)
    assert [i.customer.id for i in mine.items] == [1]
    team = plan_day(customers, [], [], TODAY, catalog=CALL_ONLY)
    assert sorted(i.customer.id for i in team.items) == [1, 3]


def test_flexible_gesture_after_a_holiday_monday_moves_to_tuesday() -> None:
    anna = Customer(name="Anna", id=1, tier=Tier.A)
    contacts = [Contact(customer=1, at=_at(date(2026, 4, 25)))]  # due Mon 25 May (Whit Monday)
    plan = plan_day([anna], contacts, [], date(2026, 5, 20), catalog=CALL_ONLY)
    (item,) = plan.later
    assert item.due == date(2026, 5, 26)


def test_regional_holiday_of_the_customer() -> None:
    customers = [
        Customer(name="Bayern", id=1, tier=Tier.A, region="DE-BY"),
        Customer(name="Berlin", id=2, tier=Tier.A, region="DE-BE"),
    ]
    contacts = [Contact(customer=n, at=_at(date(2026, 5, 5))) for n in (1, 2)]  # due 4 June
    plan = plan_day(customers, contacts, [], date(2026, 6, 1), catalog=CALL_ONLY)
    dues = {i.customer.name: i.due for i in plan.later}
    assert dues == {"Bayern": date(2026, 6, 5), "Berlin": date(2026, 6, 4)}


def test_plain_de_customer_takes_the_reps_state() -> None:
    anna = Customer(name="Anna", id=1, tier=Tier.A, region="DE")
    contacts = [Contact(customer=1, at=_at(date(2026, 5, 5)))]
    settings = PlanSettings(region="DE-BY")
    plan = plan_day([anna], contacts, [], date(2026, 6, 1), settings, catalog=CALL_ONLY)
    assert plan.later[0].due == date(2026, 6, 5)


def test_an_unknown_region_still_plans_with_the_countrys_holidays() -> None:
    """An old book or a hand edit: DE-XX plans like DE, XX like the team's region; named once."""
    odd = Customer(name="Odd", id=7, region="DE-XX", tier=Tier.A)
    far = Customer(name="Far", id=8, region="XX")
    fine = Customer(name="Fine", id=9, region="DE-BY")
    plan = plan_day([odd, far, fine], [], [], TODAY, catalog=CALL_ONLY)
    assert sorted(i.customer.id for i in plan.items) == [7, 8, 9]
    assert [c.id for c in plan.unknown_regions] == [7, 8]


def test_capacity_one_spreads_the_backlog_without_dropping_anything() -> None:
    customers, contacts = _overdue_a_customers(5)
    plan = plan_day(customers, contacts, [], TODAY, PlanSettings(capacity=1), catalog=CALL_ONLY)
    assert len(plan.items) == 1
    assert len(plan.later) == 4
    days = [i.due for i in plan.later]
    assert days == sorted(days) and len(set(days)) == 4
    assert all(d.weekday() < 5 for d in days)
    assert {i.customer.id for i in _all(plan)} == {1, 2, 3, 4, 5}


def test_most_urgent_first() -> None:
    customers = [
        Customer(name="A", id=1, tier=Tier.A),
        Customer(name="C", id=2, tier=Tier.C),
        Customer(name="B", id=3, tier=Tier.B),
    ]
    contacts = [
        Contact(customer=1, at=_at(date(2026, 2, 1))),
        Contact(customer=3, at=_at(date(2025, 12, 1))),
        Contact(customer=2, at=_at(date(2025, 9, 1))),
    ]
    plan = plan_day(customers, sorted(contacts, key=lambda c: c.at), [], TODAY, catalog=CALL_ONLY)
    assert [i.customer.name for i in plan.items] == ["A", "B", "C"]
    assert [i.urgency for i in plan.items] == sorted((i.urgency for i in plan.items), reverse=True)


def test_fixed_occasions_keep_their_day_even_over_capacity() -> None:
    customers = [
        Customer(name=f"B{n}", id=n, birthday=Birthday(3, 12), tier=Tier.C) for n in range(1, 4)
    ]
    contacts = [Contact(customer=n, at=_at(date(2026, 3, 1))) for n in range(1, 4)]
    plan = plan_day(customers, contacts, [], TODAY, PlanSettings(capacity=2), catalog=CALL_ONLY)
    assert len(plan.items) == 3 and all(i.fixed for i in plan.items)


def test_states_skip_snooze_done() -> None:
    customers, contacts = _overdue_a_customers(3)
    keys = {i.customer.id: i.key for i in plan_day(customers, contacts, [], TODAY).items}
    gestures = [
        Gesture(key=keys[1], customer=1, reason=Reason.CADENCE, due=TODAY, status=Status.SKIPPED),
        Gesture(
            key=keys[2],
            customer=2,
            reason=Reason.CADENCE,
            due=TODAY,
            status=Status.SNOOZED,
            until=date(2026, 3, 16),
        ),
        Gesture(key=keys[3], customer=3, reason=Reason.CADENCE, due=TODAY, status=Status.DONE),
    ]
    plan = plan_day(customers, contacts, gestures, TODAY, catalog=CALL_ONLY)
    # marked done today (without a contact): shown struck and counted, like an answered one
    (done,) = plan.items
    assert (done.key, done.status, plan.done_today) == (keys[3], Status.DONE, 1)
    by_customer = {i.customer.id: i for i in plan.later}
    assert by_customer[2].key == keys[2] and by_customer[2].due == date(2026, 3, 16)
    # skipped or marked done: the next regular touch is one cadence on
    assert 1 not in by_customer and 3 not in by_customer


def test_a_gesture_marked_done_on_another_day_is_not_todays() -> None:
    customers, contacts = _overdue_a_customers(1)
    (item,) = plan_day(customers, contacts, [], TODAY).items
    earlier = Gesture(
        key=item.key, customer=1, reason=Reason.CADENCE, due=date(2026, 3, 11), status=Status.DONE
    )
    plan = plan_day(customers, contacts, [earlier], TODAY, catalog=CALL_ONLY)
    assert plan.items == () and plan.done_today == 0


def test_a_contact_answering_a_gesture_marks_it_done_today() -> None:
    anna = Customer(name="Anna", id=1, birthday=Birthday(3, 12), tier=Tier.A)
    contacts = [Contact(customer=1, at=_at(date(2026, 3, 1)))]
    (item,) = plan_day([anna], contacts, [], TODAY, catalog=CALL_ONLY).items
    answer = Contact(customer=1, at=_at(TODAY, 11), kind=item.kind, gesture=item.key)
    plan = plan_day([anna], [*contacts, answer], [], TODAY, catalog=CALL_ONLY)
    assert plan.done_today == 1
    (done,) = plan.items
    assert (done.key, done.status) == (item.key, Status.DONE)


def test_done_today_uses_up_capacity() -> None:
    customers, contacts = _overdue_a_customers(4)
    done = [Contact(customer=1, at=_at(TODAY, 8), gesture="1:cadence:2026-02-01")]
    settings = PlanSettings(capacity=2)
    plan = plan_day(customers, [*contacts, *done], [], TODAY, settings, catalog=CALL_ONLY)
    open_items = [i for i in plan.items if i.status is Status.OPEN]
    assert len(open_items) == 1 and plan.done_today == 1
    assert len(plan.items) == 2


def test_manual_gesture_shows_with_its_note() -> None:
    anna = Customer(name="Anna", id=1)
    contacts = [Contact(customer=1, at=_at(TODAY - timedelta(days=3)))]
    manual = Gesture(
        key="1:manual:2026-03-14",
        customer=1,
        reason=Reason.MANUAL,
        due=date(2026, 3, 14),  # a Saturday: moves to Monday
        kind=Kind.VISIT,
        note="Bring the samples",
    )
    (item,) = plan_day([anna], contacts, [manual], TODAY).later
    assert (item.kind, suggestion_text(item.suggestion), item.due) == (
        Kind.VISIT,
        "Bring the samples",
        date(2026, 3, 16),
    )


def test_cadence_waits_for_a_birthday_a_few_days_away() -> None:
    anna = Customer(name="Anna", id=1, tier=Tier.A, birthday=Birthday(3, 16))
    contacts = [Contact(customer=1, at=_at(date(2026, 2, 1)))]
    plan = plan_day([anna], contacts, [], TODAY, catalog=CALL_ONLY)
    assert [i.reason for i in _all(plan)] == [Reason.BIRTHDAY]


def test_care_balance_absorbs_the_cadence_touch() -> None:
    anna = Customer(name="Anna", id=1, tier=Tier.A)
    contacts = [
        Contact(customer=1, at=_at(date(2026, 1, 20)), purpose=Purpose.SALES),
        Contact(customer=1, at=_at(date(2026, 2, 1)), purpose=Purpose.SALES),
    ]
    (item,) = plan_day([anna], contacts, [], TODAY, catalog=CALL_ONLY).items
    assert item.reason is Reason.CARE_BALANCE and item.purpose is Purpose.CARE
    labels = " ".join(factor_label(f) for f in item.factors)
    assert "since last contact" in labels and "mostly sales" in labels


def test_urgency_lines_list_the_parts_and_the_total() -> None:
    customers, contacts = _overdue_a_customers(1)
    (item,) = plan_day(customers, contacts, [], TODAY, catalog=CALL_ONLY).items
    lines = urgency_lines(item)
    assert lines[0].startswith("+") and "since last contact" in lines[0]
    assert any("Overdue by" in line for line in lines)
    assert lines[-1] == f"= {item.urgency:.2f} urgency"
    assert abs(sum(f.value for f in item.factors) - item.urgency) < 1e-3


def test_suggestion_is_stable_and_translated() -> None:
    customers, contacts = _overdue_a_customers(3)
    first = plan_day(customers, contacts, [], TODAY)
    again = plan_day(customers, contacts, [], TODAY + timedelta(days=1))
    same = {i.key: i.suggestion for i in first.items}
    assert {i.key: i.suggestion for i in again.items} == same
    english = suggestion_text(first.items[0].suggestion)
    i18n.set_language("de")
    german = plan_day(customers, contacts, [], TODAY)
    assert german.items[0].suggestion == first.items[0].suggestion  # worded where shown
    assert suggestion_text(german.items[0].suggestion) not in ("", english)
    assert why_label(german.items[0].why).startswith("A-Kunde, ")
    assert reason_label(Reason.BIRTHDAY) == "Geburtstag"


def test_team_plan_levels_each_rep_separately() -> None:
    mine, my_contacts = _overdue_a_customers(3, owner="mmeier")
    theirs = [Customer(name=f"K{n}", tier=Tier.A, id=n + 10, owner="kkoch") for n in range(1, 4)]
    their_contacts = [Contact(customer=c.id or 0, at=_at(date(2026, 1, 2))) for c in theirs]
    contacts = sorted([*my_contacts, *their_contacts], key=lambda c: c.at)
    settings = PlanSettings(capacity=2)
    team = plan_day([*mine, *theirs], contacts, [], TODAY, settings, catalog=CALL_ONLY)
    owners = [i.customer.owner for i in team.items]
    assert owners.count("mmeier") == 2 and owners.count("kkoch") == 2


def test_later_lists_the_horizon_by_day_then_urgency() -> None:
    customers, contacts = _overdue_a_customers(12)
    plan = plan_day(customers, contacts, [], TODAY, PlanSettings(capacity=3), catalog=CALL_ONLY)
    keys = [(i.due, -i.urgency) for i in plan.later]
    assert keys == sorted(keys)
    assert len(plan.items) == 3 and len(plan.later) == 9


GIFTS = Catalog.from_mapping(
    {"ideas": [{"reason": r.value, "kind": "gift", "en": "Gift", "de": "Geschenk"} for r in Reason]}
)


def test_no_gift_idea_for_a_recipient_at_the_limit() -> None:
    anna = Customer(name="Anna", id=1, tier=Tier.A)
    gift = Contact(customer=1, at=_at(date(2026, 1, 20)), kind=Kind.GIFT, amount=Decimal("40"))
    plan = plan_day([anna], [gift], [], TODAY, catalog=GIFTS)
    (item,) = plan.items
    assert item.kind is Kind.CARD  # 10 EUR left is less than the smallest gift worth giving
    assert "gift limit for 2026 reached" in suggestion_text(item.suggestion)
    small = dataclasses.replace(gift, amount=Decimal("20"))
    (item,) = plan_day([anna], [small], [], TODAY, catalog=GIFTS).items
    assert item.kind is Kind.GIFT and "up to €30.00 net" in suggestion_text(item.suggestion)
    # the budget comes from the whole year, also when the plan reads only recent contacts
    (item,) = plan_day([anna], [], [], TODAY, catalog=GIFTS, gifts_of=lambda cid: [gift]).items
    assert item.kind is Kind.CARD


def test_a_gift_idea_for_an_austrian_customer_says_it_is_not_deductible() -> None:
    franz = Customer(name="Franz", id=1, tier=Tier.A, region="AT-9")
    (item,) = plan_day([franz], [], [], TODAY, catalog=GIFTS).items
    assert item.kind is Kind.GIFT and "in Austria not deductible" in suggestion_text(
        item.suggestion
    )
