"""The day's plan: which small gestures a rep should make today, and which come next.

:func:`plan_day` runs the rules (:mod:`tui.domain.rules`) for every active customer, moves each
gesture onto a business day of the customer's region (greetings earlier, everything else later),
lets posted cards appear on the day they must be written, honours stored states (done, skipped,
snoozed), suggests a concrete idea from the catalog, and levels the load per rep so no day holds
more than the daily capacity. A pure function: the same inputs give the same plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tui.domain.calendar import BusinessCalendar, calendar_for, refine_region
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
from tui.domain.rules import (
    EMPTY,
    Due,
    History,
    after_sale_rule,
    cadence_rule,
    care_balance_rule,
    index_contacts,
    manual_rule,
    occasion_rule,
    renewal_rule,
)
from tui.domain.settings import PlanSettings
from tui.domain.suggestions import Catalog, load_catalog
from tui.domain.urgency import Factor, explain, overdue_factor, total
from tui.i18n import _

__all__ = [
    "Plan",
    "PlanSettings",
    "PlannedGesture",
    "explain",
    "plan_day",
    "posted",
]

POSTED_KINDS = frozenset({Kind.CARD, Kind.GIFT})
MERGE_DAYS = 5  # a cadence touch waits for another gesture due this soon (it restarts the cadence)


@dataclass(frozen=True)
class PlannedGesture:
    """One gesture in the plan, with the day to act and why it is there.

    ``factors`` are the parts of ``urgency`` (see :func:`tui.domain.urgency.explain`).
    """

    key: str
    customer: Customer
    reason: Reason
    kind: Kind
    purpose: Purpose
    occasion: date
    due: date
    urgency: float
    why: str
    suggestion: str
    fixed: bool
    overdue_days: int
    status: Status = Status.OPEN
    factors: tuple[Factor, ...] = ()


@dataclass(frozen=True)
class Plan:
    """Today's list (most urgent first) and what follows in the next ``horizon_days``."""

    today: date
    items: tuple[PlannedGesture, ...]
    later: tuple[PlannedGesture, ...]
    done_today: int


def posted(kind: Kind) -> bool:
    """Is this kind sent by post (and so planned ``card_lead_days`` ahead)?"""
    return kind in POSTED_KINDS


@dataclass(frozen=True, slots=True)
class _Placed:
    """A rule's gesture once the calendar, its state and the catalog have had their say."""

    due: Due
    day: date  # the business day to act (a card: the day to write it)
    kind: Kind
    suggestion: str
    calendar: BusinessCalendar


def _rules(
    customer: Customer,
    history: History,
    manual: Sequence[Gesture],
    today: date,
    settings: PlanSettings,
    states: dict[str, Gesture],
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
    return found


def _place(
    due: Due,
    calendar: BusinessCalendar,
    today: date,
    settings: PlanSettings,
    catalog: Catalog,
    states: dict[str, Gesture],
) -> _Placed | None:
    """Calendar, lead time, state and idea for one gesture; None if it is not for this plan."""
    state = states.get(due.key)
    if state is not None and state.status in (Status.DONE, Status.SKIPPED):
        return None
    tier = due.customer.tier
    idea = catalog.choose(due.key, due.reason, tier, due.variant)
    kind = due.kind or idea.kind
    suggestion = due.note or idea.text()
    if due.greeting:
        target = calendar.on_or_before(due.target)
        if target < today - timedelta(days=settings.greeting_grace_days):
            return None  # a greeting more than a week late is no greeting
    else:
        target = calendar.on_or_after(due.target)
    day = target
    if due.greeting and target < today:
        # a belated greeting: a quick call still counts, but it no longer holds a fixed slot
        # that an overdue A-customer needs more
        due = replace(due, fixed=False)
        kind, day = Kind.CALL, today
        suggestion = _("Belated: call and congratulate; better late than not at all.")
    elif posted(kind) and not due.immediate and due.reason is not Reason.MANUAL:
        # (a rep who plans a card by hand plans the day to write it)
        day = calendar.add(target, -settings.card_lead_days)
        if day < today and due.greeting:
            # too late for the post to arrive in time: greet on the day instead
            kind, day = Kind.CALL, target
            suggestion = _("Too late to post a card in time: call on the day instead.")
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
        why="",  # worded where shown: the front ends say "done today" and the reason
        suggestion=idea.text(),
        fixed=False,
        overdue_days=0,
        status=Status.DONE,
    )


def _region_calendar(customer: Customer, settings: PlanSettings) -> BusinessCalendar:
    try:
        return calendar_for(refine_region(customer.region, settings.region))
    except ValidationError as error:
        template = "customer {id} ({name}): {error}"
        values: dict[str, object] = {"id": customer.id, "name": customer.name, "error": error}
        raise ValidationError(
            template.format(**values), error.field, template=template, values=values, prefixed=False
        ) from None


def plan_day(
    customers: Sequence[Customer],
    contacts: Sequence[Contact],
    gestures: Sequence[Gesture],
    today: date,
    settings: PlanSettings | None = None,
    rep: str | None = None,
    *,
    catalog: Catalog | None = None,
) -> Plan:
    """The plan for ``today``: for the whole team (``rep=None``) or one rep's own customers.

    Capacity is per rep: a team plan levels each owner's customers separately. Contacts should
    come sorted by time, as the book returns them (anything else is sorted first, slower).
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
    states: dict[str, Gesture] = {}
    manual: dict[int, list[Gesture]] = defaultdict(list)
    for gesture in gestures:
        if gesture.status is not Status.OPEN:
            states[gesture.key] = gesture
        if gesture.reason is Reason.MANUAL and gesture.customer in by_id:
            manual[gesture.customer].append(gesture)
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
    groups: dict[str, list[_Placed]] = defaultdict(list)
    seen: set[str] = set()
    for customer in active:
        assert customer.id is not None
        calendar = _region_calendar(customer, settings)
        history = histories.get(customer.id, EMPTY)
        placed = []
        for due in _rules(customer, history, manual.get(customer.id, ()), today, settings, states):
            if due.key in answered or due.key in seen:
                continue
            seen.add(due.key)
            spot = _place(due, calendar, today, settings, catalog, states)
            if spot is not None:
                placed.append(spot)
        if len(placed) > 1:
            placed = _merge(placed, today, settings)
        groups[customer.owner] += placed
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
    return Plan(today=today, items=(*items, *done), later=tuple(later), done_today=len(done))
