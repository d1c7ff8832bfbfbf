"""What both front ends show about one customer: gifts this year, the purpose mix, the birthday.

Counted here once, worded where shown (the app's customer screen, ``kp customer show``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tui.domain.gifts import GiftBudget, GiftSettings, gift_budget
from tui.domain.model import Birthday, Contact, Customer, Purpose
from tui.i18n import format_date
from tui.store.book import Book
from tui.store.codec import customer_document
from tui.store.errors import BookError

MIX_DAYS = 365
"""The purpose mix looks at the last twelve months."""


class BookCustomers(Mapping[int, Customer]):
    """Every customer of the book by id, each decoded when first asked for.

    A team book holds thousands; the app's first paint needs only the rep's (the plan has
    them), so the others wait until a list, a picker or a search asks. The ids are those of
    the moment it was made. A customer that does not decode is left out, and ``on_damage``
    hears of it (the app says so), so damage is never skipped without a word.
    """

    def __init__(self, book: Book, on_damage: Callable[[BookError], None]) -> None:
        self._book = book
        self._ids = book.customer_ids()
        self._known = frozenset(self._ids)
        self._on_damage = on_damage

    def __getitem__(self, customer_id: int) -> Customer:
        if customer_id not in self._known:
            raise KeyError(customer_id)
        try:
            return self._book.customer(customer_id)
        except BookError as error:
            self._on_damage(error)
            raise KeyError(customer_id) from None

    def __iter__(self) -> Iterator[int]:
        """The ids of every customer that decodes (iterating means reading them all)."""
        for customer_id in self._ids:
            try:
                self._book.customer(customer_id)
            except BookError as error:
                self._on_damage(error)
                continue
            yield customer_id

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, customer_id: object) -> bool:
        return customer_id in self._known


@dataclass(frozen=True)
class GiftYear:
    """What one recipient received in a fiscal (calendar) year, against the deductible limit.

    ``limit`` is None where no limit is known for the customer's country (or that year);
    ``total`` is what the gifts count under that country's rule (§ 37b tax included where the
    team elected it); ``budget`` holds the room left for a gift (worded by
    :func:`tui.gift_labels.budget_line`).
    """

    year: int
    total: Decimal
    limit: Decimal | None
    currency: str
    budget: GiftBudget

    @property
    def over(self) -> bool:
        return self.limit is not None and self.total > self.limit


def gift_year(
    contacts: Sequence[Contact],
    customer: Customer,
    year: int,
    settings: GiftSettings | None = None,
) -> GiftYear:
    """The customer's gifts of ``year`` as their country counts them, and its limit."""
    assert customer.id is not None
    budget = gift_budget(contacts, year, customer.region, settings, customer=customer.id)
    return GiftYear(year, budget.used, budget.limit, budget.currency, budget)


def purpose_mix(contacts: Sequence[Contact], today: date) -> dict[Purpose, int]:
    """Percent of the last twelve months' contacts per purpose (rounded; empty when none)."""
    since = today - timedelta(days=MIX_DAYS)
    recent = [c for c in contacts if since < c.day <= today]
    if not recent:
        return {}
    counts = Counter(c.purpose for c in recent)
    return {p: round(100 * counts[p] / len(recent)) for p in Purpose}


def birthday_text(birthday: Birthday | None) -> str:
    """``14.03.`` without a year, the full date (per language) with one; empty when unknown."""
    if birthday is None:
        return ""
    if birthday.year is None:
        return f"{birthday.day:02d}.{birthday.month:02d}."
    return format_date(birthday.in_year(birthday.year))


def customer_record(customer: Customer) -> dict[str, Any]:
    """A customer as JSON types, as the book stores it, with its id (``--format json``)."""
    return {"id": customer.id, **customer_document(customer)}
