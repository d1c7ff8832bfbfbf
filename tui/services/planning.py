"""The day's plan from a book: one place that reads what the engine needs and calls it.

Used by ``kp today``, ``kp log`` and the app, so all show the same plan and answer the same
gesture. Reads only the window of the log the rules look at (plus each customer's last few
contacts), not the whole history.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tui.domain.cadence import Plan, PlannedGesture, plan_day
from tui.domain.history import lookback_days
from tui.domain.model import Contact, Customer, Kind, Reason, Status, ValidationError
from tui.domain.settings import PlanSettings
from tui.store.snapshot import gc_paused

if TYPE_CHECKING:
    from tui.config import Config
    from tui.store.book import Book

ANY_CONTACT_ANSWERS = frozenset({Reason.CADENCE, Reason.CARE_BALANCE})
"""Reasons any contact answers, whatever its kind: a call restarts the cadence like a visit."""


def plan_settings(book: Book) -> PlanSettings:
    """The team's settings stored in the book, over the shipped defaults."""
    return PlanSettings.from_mapping(book.settings())


def rep_settings(book: Book, config: Config | None, *, tolerant: bool = False) -> PlanSettings:
    """The team's settings with the rep's own capacity and region (config file) on top.

    ``tolerant``: a broken settings record in the book falls back to the defaults (the app
    must open anyway); otherwise its ValidationError reaches the caller.
    """
    try:
        settings = plan_settings(book)
    except ValidationError:
        if not tolerant:
            raise
        settings = PlanSettings()
    if config is not None and config.capacity:
        settings = dataclasses.replace(settings, capacity=config.capacity)
    if config is not None and config.region:
        settings = dataclasses.replace(settings, region=config.region)
    return settings


def plan_for(
    book: Book, today: date, *, rep: str | None, settings: PlanSettings | None = None
) -> Plan:
    """The plan of ``today`` for one rep's customers (``rep=None``: the whole team)."""
    settings = settings or plan_settings(book)
    since = today - timedelta(days=lookback_days(settings))
    customers = book.customers(owner=rep)
    mine = None if rep is None else [c.id for c in customers if c.id]
    contacts = book.recent_contacts(since, keep=settings.care_window, customers=mine)
    year_start = date(today.year, 1, 1)

    def gifts_of(customer_id: int) -> list[Contact]:
        """The year's contacts of one recipient, for the gift budget (asked for gift ideas)."""
        return book.gifts(customer_id, start=year_start, end=today)

    # the gift budget needs the whole year; the window holds it early in the year
    with gc_paused():  # a team's plan builds many objects that all stay alive until it is done
        return plan_day(
            customers,
            contacts,
            book.gestures(),
            today,
            settings,
            rep=rep,
            gifts_of=None if since <= year_start else gifts_of,
        )


def customer_plan(book: Book, customer: Customer, today: date, settings: PlanSettings) -> Plan:
    """One customer's own plan (no other customer competes for the day's capacity)."""
    if customer.archived or customer.id is None:
        return Plan(today=today, items=(), later=(), done_today=0)
    since = today - timedelta(days=lookback_days(settings))
    contacts = book.recent_contacts(since, keep=settings.care_window, customers=[customer.id])
    gestures = book.gestures_of(customer.id)
    return plan_day([customer], contacts, gestures, today, settings)


def forecast_plan(
    book: Book, today: date, *, rep: str | None, settings: PlanSettings
) -> tuple[PlannedGesture, ...]:
    """The engine's open gestures from today to the end of the year (at least its horizon).

    The plan is asked with a horizon stretched to 31 December (at most 366 days), so the
    forecast holds every fixed occasion of the rest of the year and each customer's next
    cadence touch; the engine plans no second cadence touch ahead, so later months thin out.
    Slow on a team book: the app runs it in a worker thread.
    """
    horizon = max(settings.horizon_days, min(366, (date(today.year, 12, 31) - today).days))
    stretched = dataclasses.replace(settings, horizon_days=horizon)
    plan = plan_for(book, today, rep=rep, settings=stretched)
    return tuple(g for g in (*plan.items, *plan.later) if g.status is Status.OPEN)


def answered_gesture(
    items: Iterable[PlannedGesture], customer_id: int, kind: Kind
) -> PlannedGesture | None:
    """The open gesture of today's plan that a new contact with this customer answers.

    One of the same kind, or a cadence / care-balance touch, which any contact answers. The
    app asks its current plan; ``kp log`` asks the customer's own plan (:func:`customer_plan`).
    """
    for item in items:
        if item.customer.id != customer_id or item.status is not Status.OPEN:
            continue
        if item.kind is kind or item.reason in ANY_CONTACT_ANSWERS:
            return item
    return None
