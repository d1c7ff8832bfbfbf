"""The gift ledger: what one recipient received in a fiscal year, against the deductible limit.

Germany (§ 4 Abs. 5 S. 1 Nr. 1 EStG): 35 EUR up to 2023, 50 EUR from 2024, as a *Freigrenze* — one
cent over and the whole amount is no longer deductible. When the company pays the § 37b flat tax
(30 %), that tax counts into the gift, so 50 EUR allows gifts of about 38 EUR. Giveaways up to
10 EUR are not gifts. Austria 40 EUR, Switzerland CHF 500 (net of VAT). The table is data.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from tui.domain.model import Contact, Kind, ValidationError, parse_money
from tui.i18n import _, format_money
from tui.resources import data_file

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class CountryLimits:
    """One country's rules: the limit by year, and how it is applied."""

    currency: str
    freigrenze: bool
    flat_tax_rate: Decimal
    giveaway_limit: Decimal
    limits: tuple[tuple[int, int | None, Decimal], ...]  # (from year, to year or open, limit)

    def limit(self, year: int) -> Decimal | None:
        """The limit that applies in ``year``, if any."""
        for first, last, amount in self.limits:
            if first <= year and (last is None or year <= last):
                return amount
        return None


@dataclass(frozen=True)
class GiftLimits:
    """The limits table of every country we know."""

    countries: Mapping[str, CountryLimits]

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> GiftLimits:
        """The table from parsed JSON (data/gift_limits.json)."""
        countries = raw.get("countries") if isinstance(raw, Mapping) else None
        if not isinstance(countries, Mapping):
            raise ValidationError("gift limits: expected a mapping under 'countries'")
        parsed: dict[str, CountryLimits] = {}
        for code, entry in countries.items():
            try:
                limits = tuple(
                    (
                        int(row["from"]),
                        int(row["to"]) if "to" in row else None,
                        _amount(row["limit"]),
                    )
                    for row in entry["limits"]
                )
                parsed[str(code).upper()] = CountryLimits(
                    currency=str(entry["currency"]),
                    freigrenze=bool(entry.get("freigrenze", False)),
                    flat_tax_rate=_amount(entry.get("flat_tax_rate", "0")),
                    giveaway_limit=_amount(entry.get("giveaway_limit", "0")),
                    limits=limits,
                )
            except (KeyError, TypeError, ValueError) as error:
                raise ValidationError(f"gift limits: {code}: {error}") from None
        return cls(parsed)


def _amount(value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValidationError(f"gift limits: {value!r} is not an amount") from None


@lru_cache(maxsize=1)
def load_gift_limits() -> GiftLimits:
    """The shipped table (data/gift_limits.json); the only place that reads that file."""
    return GiftLimits.from_mapping(
        json.loads(data_file("gift_limits.json").read_text(encoding="utf-8"))
    )


@dataclass(frozen=True)
class GiftCheck:
    """The verdict on one gift before it is logged. ``limit`` is None for an unknown country."""

    limit: Decimal | None
    total_before: Decimal
    total_after: Decimal
    exceeds: bool
    exempt_giveaway: bool
    currency: str
    message: str


def counted(amount: Decimal, rules: CountryLimits, flat_tax: bool) -> Decimal:
    """What a gift counts towards the limit: giveaways nothing, with § 37b the tax on top."""
    if rules.giveaway_limit and amount <= rules.giveaway_limit:
        return Decimal("0.00")
    if flat_tax and rules.flat_tax_rate:
        return (amount * (1 + rules.flat_tax_rate)).quantize(_CENT)
    return amount


def gift_ledger(contacts: Sequence[Contact], year: int) -> dict[int, Decimal]:
    """Gift value per customer (recipient) in one fiscal year (the calendar year)."""
    totals: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for contact in contacts:
        if contact.kind is Kind.GIFT and contact.gift_eur is not None and contact.at.year == year:
            totals[contact.customer] += contact.gift_eur
    return dict(totals)


def check_gift(
    previous: Sequence[Contact],
    amount: Decimal,
    year: int,
    country: str,
    *,
    flat_tax: bool = False,
    customer: int | None = None,
    limits: GiftLimits | None = None,
) -> GiftCheck:
    """Would this gift cross the recipient's deductible limit for ``year``?

    ``previous`` are the recipient's contacts (or all, with ``customer`` to pick the recipient);
    ``country`` may be a region such as ``DE-BY``.
    """
    amount = parse_money(amount)
    table = limits or load_gift_limits()
    code = country.split("-")[0].upper()
    rules = table.countries.get(code)
    gifts = [
        c.gift_eur
        for c in previous
        if c.kind is Kind.GIFT
        and c.gift_eur is not None
        and c.at.year == year
        and (customer is None or c.customer == customer)
    ]
    if rules is None:
        before = sum(gifts, Decimal("0.00"))
        message = _("No gift limit known for {country}.").format(country=code)
        return GiftCheck(None, before, before + amount, False, False, "EUR", message)
    before = sum((counted(g, rules, flat_tax) for g in gifts), Decimal("0.00"))
    limit = rules.limit(year)
    money = rules.currency
    if rules.giveaway_limit and amount <= rules.giveaway_limit:
        message = _("A giveaway up to {limit} is not counted as a gift.").format(
            limit=format_money(rules.giveaway_limit, money)
        )
        return GiftCheck(limit, before, before, False, True, money, message)
    after = before + counted(amount, rules, flat_tax)
    if limit is None:
        message = _("No gift limit known for {country} in {year}.").format(country=code, year=year)
        return GiftCheck(None, before, after, False, False, money, message)
    exceeds = after > limit
    values = {
        "total": format_money(after, money),
        "limit": format_money(limit, money),
        "year": year,
    }
    if not exceeds:
        message = _("Gifts to this recipient in {year}: {total} of {limit}.").format(**values)
    elif rules.freigrenze:
        message = _(
            "Over the {limit} limit for {year} ({total}): none of it is deductible any more."
        ).format(**values)
    else:
        message = _("Over the {limit} limit for {year} ({total}).").format(**values)
    if flat_tax and rules.flat_tax_rate:
        message += " " + _("Includes the flat tax.")
    return GiftCheck(limit, before, after, exceeds, False, money, message)
