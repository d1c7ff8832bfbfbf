"""What is coming up for one customer, whoever owns them: the app's customer screen and
``kp customer show`` list the same gestures."""

from __future__ import annotations

from datetime import date

from tui.domain.cadence import PlannedGesture, plan_day
from tui.domain.model import Contact, Customer, Status
from tui.domain.settings import PlanSettings
from tui.store.book import Book


def upcoming(
    book: Book,
    customer: Customer,
    today: date,
    settings: PlanSettings,
    history: list[Contact] | None = None,
) -> list[PlannedGesture]:
    """Open gestures of today and the coming days for ``customer`` (none once archived).

    ``history`` is the customer's contacts by time when the caller has them already.
    """
    if customer.archived or customer.id is None:
        return []
    gestures = [g for g in book.gestures() if g.customer == customer.id]
    contacts = book.contacts(customer.id) if history is None else history
    plan = plan_day([customer], contacts, gestures, today, settings)
    return [i for i in (*plan.items, *plan.later) if i.status is not Status.DONE]
