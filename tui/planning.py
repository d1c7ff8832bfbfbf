"""The day's plan from a book: one place that reads what the engine needs and calls it.

Used by ``kp today`` and by the app, so both show the same plan. Reads only the window of the log
the rules look at (plus each customer's last few contacts), not the whole history.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from tui.domain.cadence import Plan, plan_day
from tui.domain.rules import lookback_days
from tui.domain.settings import PlanSettings

if TYPE_CHECKING:
    from tui.store.book import Book


def plan_settings(book: Book) -> PlanSettings:
    """The team's settings stored in the book, over the shipped defaults."""
    return PlanSettings.from_mapping(book.settings())


def plan_for(
    book: Book, today: date, *, rep: str | None, settings: PlanSettings | None = None
) -> Plan:
    """The plan of ``today`` for one rep's customers (``rep=None``: the whole team)."""
    settings = settings or plan_settings(book)
    since = today - timedelta(days=lookback_days(settings))
    customers = book.customers(owner=rep)
    mine = None if rep is None else [c.id for c in customers if c.id]
    contacts = book.recent_contacts(since, keep=settings.care_window, customers=mine)
    return plan_day(customers, contacts, book.gestures(), today, settings, rep=rep)
