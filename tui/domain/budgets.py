"""Each recipient's gift budget for the engine, worked out only when a gift idea asks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from tui.domain.gifts import GiftBudget, gift_budget
from tui.domain.model import Contact, Customer, Kind
from tui.domain.settings import PlanSettings


def budgets(
    contacts: Sequence[Contact],
    gifts_of: Callable[[int], Sequence[Contact]] | None,
    today: date,
    settings: PlanSettings,
) -> Callable[[Customer], GiftBudget]:
    """How much gift budget each recipient has left this year (the log is read when asked)."""
    grouped: dict[int, list[Contact]] | None = None

    def year_gifts(customer_id: int) -> Sequence[Contact]:
        nonlocal grouped
        if gifts_of is not None:
            return gifts_of(customer_id)
        if grouped is None:
            grouped = defaultdict(list)
            for contact in contacts:
                if contact.kind is Kind.GIFT and contact.at.year == today.year:
                    grouped[contact.customer].append(contact)
        return grouped.get(customer_id, [])

    def budget(customer: Customer) -> GiftBudget:
        assert customer.id is not None
        return gift_budget(year_gifts(customer.id), today.year, customer.region, settings.gifts)

    return budget


def lazy_budget(
    budget_of: Callable[[Customer], GiftBudget], customer: Customer
) -> Callable[[], GiftBudget]:
    """One customer's budget, worked out at most once and only if a gift idea asks for it."""
    found: list[GiftBudget] = []

    def budget() -> GiftBudget:
        if not found:
            found.append(budget_of(customer))
        return found[0]

    return budget
