"""The reasons a gesture comes up, one small function per rule.

Every rule looks at one customer (and that customer's contact history) on one day and returns
what is due as :class:`~tui.domain.due.Due` records: the occasion (the date in the stable key),
the day it should happen, the purpose, whether the date is fixed, and a structured explanation
(:class:`Why`, worded where it is shown). Moving dates off weekends and holidays, lead times,
states, levelling and suggestions are done by the planner (:mod:`tui.domain.cadence`), so each
rule stays a plain function of its inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from tui.domain.due import Due, due_key, tier_due
from tui.domain.history import AFTER_SALE_LAST_OPEN_DAYS, History
from tui.domain.model import Customer, Gesture, Purpose, Reason, Status
from tui.domain.settings import PlanSettings
from tui.domain.urgency import after_sale_factor, care_balance_factor, fixed_factor, ratio_factor
from tui.domain.why import Why, WhyCode

AFTER_SALE_VARIANTS = {1: "thanks", 7: "delivery", 30: "satisfaction", 90: "review"}
EARLY_DAYS = 2  # a follow-up done up to two days early still counts


def customer_cadence(customer: Customer, settings: PlanSettings) -> int:
    """Days between touches: the customer's own, else a prospect's, else the tier's."""
    if customer.cadence_days is None and customer.prospect:
        return settings.prospect_days
    return settings.cadence(customer.tier, customer.cadence_days)


def cadence_rule(
    customer: Customer,
    history: History,
    today: date,
    settings: PlanSettings,
    states: Mapping[str, Gesture],
) -> Due | None:
    """Tier cadence, restarted by any logged contact.

    Without any contact the customer-since date starts it (due now when that is more than a
    cadence overdue: the book does not know the silence); without that the first cadence of
    the year is due now (keyed by 1 January, so a snooze or skip sticks). A done or skipped
    occurrence rolls on by one cadence, counted from its planned day.
    """
    cadence = customer_cadence(customer, settings)
    last = history.last_day
    tier = customer.tier
    base = last if last is not None else customer.since
    immediate = base is None
    if base is None:
        occasion, target, days = date(today.year, 1, 1), today, cadence
    else:
        occasion = target = base + timedelta(days=cadence)
        days = (today - base).days
        if last is None and target < today - timedelta(days=cadence):
            # No contact in the book for a long-standing customer (typically just imported):
            # the book does not know how long the silence is, so it is due now, not "years
            # overdue", and weighs as one cadence overdue.
            target, immediate, days = today, True, 2 * cadence
    if occasion > today + timedelta(days=settings.horizon_days + 2 * settings.card_lead_days + 7):
        return None  # not due within the horizon, even as a card written days ahead
    for _step in range(400):
        state = states.get(due_key(customer, Reason.CADENCE, occasion))
        if state is None or state.status not in (Status.DONE, Status.SKIPPED):
            break
        occasion = max(occasion, state.due) + timedelta(days=cadence)
        target, immediate = occasion, False
    if occasion > today + timedelta(days=settings.horizon_days + 2 * settings.card_lead_days + 7):
        return None
    if customer.prospect:
        why = Why(WhyCode.PROSPECT, days=max(days, 0), cadence=cadence)
    elif base is None:
        why = Why(WhyCode.NO_CONTACT_YET, tier=tier, cadence=cadence)
    elif last is None:
        why = Why(WhyCode.SILENT_SINCE_START, tier=tier, on=base)
    else:
        why = Why(WhyCode.CADENCE_OVERDUE, tier=tier, days=days, cadence=cadence)
    key = due_key(customer, Reason.CADENCE, occasion)
    ratio = ratio_factor(tier, max(days, 0), cadence)  # the tier's weight, times how overdue
    return Due(key, customer, Reason.CADENCE, occasion, target, why, (ratio,), immediate=immediate)


def care_balance_rule(
    customer: Customer, history: History, today: date, settings: PlanSettings
) -> Due | None:
    """At least 2 of every 3 touches without a sales ask; else a care touch with no offer.

    Keyed by the day of the latest contact: the next contact re-judges the balance.
    """
    recent = history.last(settings.care_window)
    if len(recent) < 2:
        return None
    sales = sum(1 for contact in recent if contact.purpose is Purpose.SALES)
    allowed = settings.care_window - -(-2 * settings.care_window // 3)  # n - ceil(2n/3)
    if sales <= allowed:
        return None
    last = history.last_day
    assert last is not None
    cadence = customer_cadence(customer, settings)
    target = last + timedelta(days=min(settings.care_balance_days, cadence))
    why = Why(WhyCode.CARE_BALANCE, sales=sales, count=len(recent))
    return tier_due(customer, Reason.CARE_BALANCE, last, why, care_balance_factor(), target=target)


def after_sale_rule(
    customer: Customer, history: History, today: date, settings: PlanSettings
) -> list[Due]:
    """Follow-ups after a won sale or the customer-since date (+1, +7, +30, +90 days).

    Each step is open from two days before its day until the next step's day (the last one for
    30 days, or one cadence if shorter); a contact in that window counts for it, and a newer sale
    starts a new run.
    """
    cadence = customer_cadence(customer, settings)
    offsets = settings.after_sale_days
    horizon = today + timedelta(days=settings.horizon_days)
    earliest = today - timedelta(days=offsets[-1] + AFTER_SALE_LAST_OPEN_DAYS)
    triggers: list[tuple[date, bool]] = []
    if customer.since is not None and customer.since >= earliest and not customer.prospect:
        triggers.append((customer.since, False))
    for contact in history.won:
        if earliest <= contact.at.date() <= today:
            triggers.append((contact.at.date(), True))
    triggers.sort()
    found: list[Due] = []
    for number, (start, sale) in enumerate(triggers):
        following = triggers[number + 1][0] if number + 1 < len(triggers) else None
        for step, offset in enumerate(offsets):
            occasion = start + timedelta(days=offset)
            if following is not None and occasion >= following:
                break
            if occasion > horizon:
                break
            if step + 1 < len(offsets):
                closes = start + timedelta(days=offsets[step + 1])
            else:
                closes = occasion + timedelta(days=min(cadence, AFTER_SALE_LAST_OPEN_DAYS))
            if today >= closes:
                continue
            key = due_key(customer, Reason.AFTER_SALE, occasion)
            opens = max(occasion - timedelta(days=EARLY_DAYS), start + timedelta(days=1))
            if history.answered_between(opens, min(today + timedelta(days=1), closes), key):
                continue
            variant = AFTER_SALE_VARIANTS.get(offset, "")
            code = WhyCode.AFTER_SALE if sale else WhyCode.NEW_CUSTOMER
            why = Why(code, on=start, step=variant, days=offset)
            purpose = Purpose.SERVICE if variant == "delivery" else Purpose.CARE
            found.append(
                tier_due(
                    customer,
                    Reason.AFTER_SALE,
                    occasion,
                    why,
                    after_sale_factor(),
                    purpose=purpose,
                    variant=variant,
                )
            )
    return found


def manual_rule(
    customer: Customer, gestures: Sequence[Gesture], today: date, settings: PlanSettings
) -> list[Due]:
    """Gestures a rep planned by hand: on their day (the next business day if it is none)."""
    horizon = today + timedelta(days=settings.horizon_days)
    found: list[Due] = []
    for gesture in gestures:
        if gesture.reason is not Reason.MANUAL or gesture.status in (Status.DONE, Status.SKIPPED):
            continue
        if gesture.customer != customer.id or gesture.due > horizon:
            continue
        why = Why(WhyCode.MANUAL, on=gesture.due)
        due = tier_due(customer, Reason.MANUAL, gesture.due, why, fixed_factor())
        found.append(
            replace(due, purpose=gesture.purpose, fixed=True, kind=gesture.kind, note=gesture.note)
        )
    return found
