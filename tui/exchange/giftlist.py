"""The gift list for the bookkeeper: one row per gift of a year, as German Excel opens it.

German tax law wants gifts to business partners recorded separately, with recipient, date and
amount (§ 4 Abs. 7 EStG); the list adds what each gift counts towards the recipient's yearly
limit (with the § 37b flat tax where the team elected it) and the running total against it.
Amounts are written with a decimal comma and dates as TT.MM.JJJJ whatever the UI language,
because the file is meant for German Excel.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tui.domain.gifts import GiftLimits, GiftSettings, counted, load_gift_limits
from tui.domain.model import Contact, Customer, Kind
from tui.exchange.tables import excel_csv
from tui.i18n import _


@dataclass(frozen=True)
class GiftRow:
    """One gift; ``counted``/``running_total`` are None when the country has no rule for it
    (or the gift is in another currency than the country's)."""

    day: date
    recipient: str
    company: str
    what: str
    net: Decimal
    currency: str
    flat_tax: bool
    giveaway: bool
    counted: Decimal | None
    running_total: Decimal | None
    limit: Decimal | None

    @property
    def over(self) -> bool:
        if self.limit is None or self.running_total is None:
            return False
        return self.running_total > self.limit


def gift_rows(
    contacts: Sequence[Contact],
    customers: Mapping[int, Customer],
    year: int,
    settings: GiftSettings,
    limits: GiftLimits | None = None,
) -> list[GiftRow]:
    """Every gift of ``year`` in date order, with each recipient's running total."""
    table = limits or load_gift_limits()
    totals: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    rows = []
    gifts = [
        c for c in contacts if c.kind is Kind.GIFT and c.amount is not None and c.at.year == year
    ]
    for contact in sorted(gifts, key=lambda c: (c.at, c.id or 0)):
        assert contact.amount is not None
        customer = customers.get(contact.customer)
        region = customer.region if customer is not None else "DE"
        rules = table.countries.get(region.split("-")[0].upper())
        currency = contact.currency or "EUR"
        share: Decimal | None = None
        total: Decimal | None = None
        if rules is not None and currency == rules.currency:
            share = (
                Decimal("0.00")
                if contact.giveaway
                else counted(contact.amount, rules, year, settings)
            )
            totals[contact.customer] += share
            total = totals[contact.customer]
        rows.append(
            GiftRow(
                day=contact.at.date(),
                recipient=customer.name if customer else str(contact.customer),
                company=customer.company if customer else "",
                what=contact.note or _("Gift"),
                net=contact.amount,
                currency=currency,
                flat_tax=settings.flat_tax_rate(year) is not None
                and rules is not None
                and rules.flat_tax_rate > 0,
                giveaway=contact.giveaway,
                counted=share,
                running_total=total,
                limit=rules.limit(year) if rules is not None else None,
            )
        )
    return rows


def _amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def gift_list_csv(rows: Sequence[GiftRow]) -> bytes:
    """The rows as ``;``-separated UTF-8 with BOM, decimal commas, dates TT.MM.JJJJ."""
    yes, no = _("yes"), _("no")
    header = (
        _("Date"),
        _("Recipient"),
        _("Company"),
        _("Gift"),
        _("Net amount"),
        _("Currency"),
        _("Flat tax § 37b"),
        _("Giveaway"),
        _("Counts towards limit"),
        _("Recipient's total this year"),
        _("Limit"),
        _("Over the limit"),
    )
    cells = [
        (
            row.day.strftime("%d.%m.%Y"),
            row.recipient,
            row.company,
            " ".join(row.what.split()),
            _amount(row.net),
            row.currency,
            yes if row.flat_tax else no,
            yes if row.giveaway else no,
            _amount(row.counted),
            _amount(row.running_total),
            _amount(row.limit),
            yes if row.over else no,
        )
        for row in rows
    ]
    return excel_csv(header, cells)
