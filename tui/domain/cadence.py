"""The day's plan: which small gestures a rep should make today, and which come next.

:func:`plan_day` runs the rules (:mod:`tui.domain.rules`) for every active customer, moves each
gesture onto a business day of the customer's region (greetings earlier, everything else later),
lets posted cards appear on the day they must be written, honours stored states (done, skipped,
snoozed), suggests a concrete idea from the catalog, and levels the load per rep so no day holds
more than the daily capacity. A pure function: the same inputs give the same plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tui.domain.budgets import budgets, lazy_budget
from tui.domain.calendar import BusinessCalendar
from tui.domain.due import Due
from tui.domain.gifts import NOT_DEDUCTIBLE, GiftBudget
from tui.domain.greetings import occasion_rule, place_greeting, posted, year_end_rule
from tui.domain.history import EMPTY, History, index_contacts
from tui.domain.levelling import Load, level
from tui.domain.model import (
    Contact,
    Customer,
    Gesture,
    Kind,
    Purpose,
    Reason,
    Status,
    ValidationError,
    parse_gesture_key,
)
from tui.domain.plan import Plan, PlannedGesture
from tui.domain.regions import calendar_for_customer
from tui.domain.renewals import renewal_rule
from tui.domain.rules import after_sale_rule, cadence_rule, care_balance_rule, manual_rule
from tui.domain.settings import PlanSettings
from tui.domain.suggestions import Catalog, Hint, Idea, Suggestion, load_catalog
from tui.domain.urgency import Factor, overdue_factor, total

__all__ = [
    "Plan",
    "PlanSettings",
    "PlannedGesture",
    "plan_day",
    "posted",
]

MERGE_DAYS = 5  # a cadence touch waits for another gesture due this soon (it restarts the cadence)


@dataclass(frozen=True, slots=True)
class _Placed:
    """A rule's gesture once the calendar, its state and the catalog have had their say."""

    due: Due
    day: date  # the business day to act (a card: the day to write it)
    kind: Kind
    suggestion: Suggestion
    calendar: BusinessCalendar


def _rules(
    customer: Customer,
    history: History,
    manual: Sequence[Gesture],
    today: date,
    settings: PlanSettings,
    states: dict[str, Gesture],
    calendar: BusinessCalendar,
) -> list[Due]:
    found: list[Due] = []
    cadence = cadence_rule(customer, history, today, settings, states)
    if cadence is not None:
        found.append(cadence)
    care = care_balance_rule(customer, history, today, settings)
    if care is not None:
        found.append(care)
    found += after_sale_rule(customer, history, today, settings)
    found += occasion_rule(customer, today, settings)
    found += renewal_rule(customer, history, today, settings)
    found += manual_rule(customer, manual, today, settings)
    year_end = year_end_rule(customer, history, today, settings, calendar)
    if year_end is not None:
        found.append(year_end)
    return found


def _idea(
    due: Due, catalog: Catalog, settings: PlanSettings, budget: Callable[[], GiftBudget]
) -> tuple[Idea, Suggestion]:
    """The catalog's idea for a gesture (its kind decides the lead time) and what to suggest.

    A gift is only proposed while the recipient has room for one of at least ``gift_room``
    under the yearly limit; otherwise the same reason's card or call, and a hint says why.
    """
    idea = catalog.choose(due.key, due.reason, due.customer.tier, due.variant)
    if idea.kind is not Kind.GIFT or due.kind is not None:
        return idea, Suggestion(idea, due.note)
    spent = budget()
    if spent.rules is not None and spent.rules.rule == NOT_DEDUCTIBLE:
        return idea, Suggestion(idea, due.note, Hint.GIFT_NOT_DEDUCTIBLE)
    if spent.room_for_gift(settings.gift_room):
        if spent.largest_gift is None:
            return idea, Suggestion(idea, due.note)
        room, currency = spent.largest_gift, spent.currency
        return idea, Suggestion(idea, due.note, Hint.GIFT_ROOM, amount=room, currency=currency)
    idea = catalog.choose(
        due.key, due.reason, due.customer.tier, due.variant, without=frozenset({Kind.GIFT})
    )
    return idea, Suggestion(idea, due.note, Hint.GIFT_LIMIT_REACHED, year=spent.year)


def _place(
    due: Due,
    calendar: BusinessCalendar,
    today: date,
    settings: PlanSettings,
    catalog: Catalog,
    states: dict[str, Gesture],
    budget: Callable[[], GiftBudget],
) -> _Placed | None:
    """Calendar, lead time, state and idea for one gesture; None if it is not for this plan."""
    state = states.get(due.key)
    if state is not None and state.status in (Status.DONE, Status.SKIPPED):
        return None
    idea, suggestion = _idea(due, catalog, settings, budget)
    kind = due.kind or idea.kind
    if due.greeting:
        spot = place_greeting(due, kind, suggestion, calendar, today, settings)
        if spot is None:
            return None
        if spot.fixed != due.fixed:
            due = replace(due, fixed=spot.fixed)
        day, kind, suggestion = spot.day, spot.kind, spot.suggestion
    else:
        day = calendar.on_or_after(due.target)
        # a card is written days ahead, unless due now, written on its day, or planned by hand
        ahead = not (due.immediate or due.written_on_target or due.reason is Reason.MANUAL)
        if posted(kind) and ahead:
            day = calendar.add(day, -settings.card_lead_days)
    until = state.until if state is not None and state.status is Status.SNOOZED else None
    if until is not None and until > day:
        day = calendar.on_or_after(until)
    if day > today + timedelta(days=settings.horizon_days):
        return None
    return _Placed(due, day, kind, suggestion, calendar)


def _merge(placed: list[_Placed], today: date, settings: PlanSettings) -> list[_Placed]:
    """One regular touch per customer at a time.

    The cadence touch waits when another gesture for the customer is due within a few days (that
    contact restarts the cadence anyway); a care-balance touch absorbs a cadence touch.
    """
    cadence = next((p for p in placed if p.due.reason is Reason.CADENCE), None)
    care = next((p for p in placed if p.due.reason is Reason.CARE_BALANCE), None)
    others = [p for p in placed if p.due.reason not in (Reason.CADENCE, Reason.CARE_BALANCE)]
    if care is not None and any(
        p.due.purpose is Purpose.CARE and p.day <= max(care.day, today) + timedelta(MERGE_DAYS)
        for p in others
    ):
        care = None
    if cadence is not None and care is not None:
        merged = replace(care.due, factors=(*cadence.due.factors, *care.due.factors[1:]))
        care = _Placed(
            merged, min(care.day, cadence.day), care.kind, care.suggestion, care.calendar
        )
        cadence = None
    if cadence is not None and any(
        p.day <= max(cadence.day, today) + timedelta(MERGE_DAYS) for p in others
    ):
        cadence = None
    return others + [p for p in (cadence, care) if p is not None]


def _urgency(placed: _Placed, today: date) -> tuple[tuple[Factor, ...], int, float]:
    """The parts of an item's urgency, its days overdue and the total."""
    overdue = max(0, (today - placed.day).days)
    factors = placed.due.factors
    extra = overdue_factor(overdue)
    if extra is not None:
        factors = (*factors, extra)
    return factors, overdue, total(factors)


def _planned(
    placed: _Placed, day: date, ranked: tuple[tuple[Factor, ...], int, float]
) -> PlannedGesture:
    due = placed.due
    factors, overdue, urgency = ranked
    return PlannedGesture(
        key=due.key,
        customer=due.customer,
        reason=due.reason,
        kind=placed.kind,
        purpose=due.purpose,
        occasion=due.occasion,
        due=day,
        urgency=urgency,
        why=due.why,
        suggestion=placed.suggestion,
        fixed=due.fixed,
        overdue_days=overdue,
        factors=factors,
    )


def _done_item(
    key: str, kind: Kind, purpose: Purpose, customer: Customer, today: date, catalog: Catalog
) -> PlannedGesture | None:
    """A gesture done today (answered by a contact, or marked done), shown struck through."""
    try:
        _cid, reason, occasion = parse_gesture_key(key)
    except ValidationError:
        return None
    idea = catalog.choose(key, reason, customer.tier)
    return PlannedGesture(
        key=key,
        customer=customer,
        reason=reason,
        kind=kind,
        purpose=purpose,
        occasion=occasion,
        due=today,
        urgency=0.0,
        why=None,  # the front ends say "done today" and the reason
        suggestion=Suggestion(idea),
        fixed=False,
        overdue_days=0,
        status=Status.DONE,
    )


Stored = tuple[dict[str, Gesture], dict[int, list[Gesture]]]


def _stored(gestures: Sequence[Gesture], by_id: dict[int, Customer]) -> Stored:
    """The stored states (done, skipped, snoozed) by key, and each customer's manual gestures."""
    states: dict[str, Gesture] = {}
    manual: dict[int, list[Gesture]] = defaultdict(list)
    for gesture in gestures:
        if gesture.status is not Status.OPEN:
            states[gesture.key] = gesture
        if gesture.reason is Reason.MANUAL and gesture.customer in by_id:
            manual[gesture.customer].append(gesture)
    return states, manual


def _done_today(
    histories: dict[int, History],
    states: dict[str, Gesture],
    by_id: dict[int, Customer],
    today: date,
    catalog: Catalog,
) -> tuple[set[str], dict[str, list[PlannedGesture]]]:
    """The keys contacts answered, and what each rep did today (answered or marked done)."""
    answered: set[str] = set()
    done_by_owner: dict[str, list[PlannedGesture]] = defaultdict(list)
    for cid, history in histories.items():
        answered |= history.answered
        for contact in history.contacts[::-1]:
            if contact.at.date() != today:
                break
            if contact.gesture:
                item = _done_item(
                    contact.gesture, contact.kind, contact.purpose, by_id[cid], today, catalog
                )
                if item is not None:
                    done_by_owner[item.customer.owner].append(item)
    answered_today = {i.key for done in done_by_owner.values() for i in done}
    for state in states.values():  # marked done today without a contact (the app's "done")
        if (
            state.status is Status.DONE
            and state.due == today
            and state.customer in by_id
            and state.key not in answered_today
        ):
            item = _done_item(
                state.key, state.kind, state.purpose, by_id[state.customer], today, catalog
            )
            if item is not None:
                done_by_owner[item.customer.owner].append(item)
    return answered, done_by_owner


def _placed_by_owner(
    active: list[Customer],
    histories: dict[int, History],
    manual: dict[int, list[Gesture]],
    states: dict[str, Gesture],
    answered: set[str],
    today: date,
    settings: PlanSettings,
    catalog: Catalog,
    budget_of: Callable[[Customer], GiftBudget],
) -> tuple[dict[str, list[_Placed]], list[Customer]]:
    """Every open gesture the rules find, on its business day, grouped by the owning rep; and
    the customers whose region has no holiday data."""
    groups: dict[str, list[_Placed]] = defaultdict(list)
    seen: set[str] = set()
    unknown: list[Customer] = []
    for customer in active:
        assert customer.id is not None
        calendar, known = calendar_for_customer(customer, settings.region)
        if not known:
            unknown.append(customer)
        history = histories.get(customer.id, EMPTY)
        placed = []
        dues = _rules(
            customer, history, manual.get(customer.id, ()), today, settings, states, calendar
        )
        budget = lazy_budget(budget_of, customer)
        for due in dues:
            if due.key in answered or due.key in seen:
                continue
            seen.add(due.key)
            spot = _place(due, calendar, today, settings, catalog, states, budget)
            if spot is not None:
                placed.append(spot)
        if len(placed) > 1:
            placed = _merge(placed, today, settings)
        groups[customer.owner] += placed
    return groups, unknown


def _levelled(
    groups: dict[str, list[_Placed]],
    done_by_owner: dict[str, list[PlannedGesture]],
    today: date,
    settings: PlanSettings,
) -> tuple[list[PlannedGesture], list[PlannedGesture], list[PlannedGesture]]:
    """Each rep's gestures spread over the days within the capacity: today, later, done."""
    items: list[PlannedGesture] = []
    later: list[PlannedGesture] = []
    done: list[PlannedGesture] = []
    for owner in sorted(set(groups) | set(done_by_owner)):
        placed_items = groups.get(owner, [])
        done_items = done_by_owner.get(owner, [])
        done += done_items
        ranks = [_urgency(p, today) for p in placed_items]
        loads = [
            Load(p.due.key, p.day, rank[2], p.due.fixed, p.calendar.is_business_day)
            for p, rank in zip(placed_items, ranks, strict=True)
        ]
        days = level(loads, today, settings.capacity, used_today=len(done_items))
        for p, rank in zip(placed_items, ranks, strict=True):
            day = days[p.due.key]
            (items if day == today else later).append(_planned(p, day, rank))
    items.sort(key=lambda item: (-item.urgency, item.key))
    later.sort(key=lambda item: (item.due, -item.urgency, item.key))
    done.sort(key=lambda item: item.key)
    return items, later, done


def plan_day(
    customers: Sequence[Customer],
    contacts: Sequence[Contact],
    gestures: Sequence[Gesture],
    today: date,
    settings: PlanSettings | None = None,
    rep: str | None = None,
    *,
    catalog: Catalog | None = None,
    gifts_of: Callable[[int], Sequence[Contact]] | None = None,
) -> Plan:
    """The plan for ``today``: for the whole team (``rep=None``) or one rep's own customers.

    Capacity is per rep: a team plan levels each owner's customers separately. Contacts should
    come sorted by time, as the book returns them (anything else is sorted first, slower).
    ``gifts_of(customer_id)`` gives a customer's contacts of this year for the gift budget; it
    is only asked when a gift idea comes up (default: from ``contacts``). In phases: the stored
    states, what was done today, every rule's gesture on its business day per rep, then the
    levelling into today and later.
    """
    settings = settings or PlanSettings()
    catalog = catalog or load_catalog()
    active = [
        c
        for c in customers
        if c.id is not None and not c.archived and (rep is None or c.owner == rep)
    ]
    by_id: dict[int, Customer] = {c.id: c for c in active if c.id is not None}
    histories = index_contacts(contacts, by_id, today, settings)
    states, manual = _stored(gestures, by_id)
    answered, done_by_owner = _done_today(histories, states, by_id, today, catalog)
    budget_of = budgets(contacts, gifts_of, today, settings)
    groups, unknown = _placed_by_owner(
        active, histories, manual, states, answered, today, settings, catalog, budget_of
    )
    items, later, done = _levelled(groups, done_by_owner, today, settings)
    return Plan(
        today=today,
        items=(*items, *done),
        later=tuple(later),
        done_today=len(done),
        unknown_regions=tuple(unknown),
    )
