"""Business gifts per recipient and year, as the tax rules of the customer's country see them.

Germany (§ 4 Abs. 5 Satz 1 Nr. 1 EStG): 35 EUR per recipient and business year up to 2023, 50 EUR
from 2024, a *Freigrenze* (one cent over and none of it is deductible) on the net amount, or the
gross amount where the company cannot deduct input VAT (R 4.10 Abs. 3 EStR). Every gift logged for
a named customer counts, small ones too: the 10 EUR Streuwerbeartikel rule is for giveaways not
recorded per recipient, and those are logged as ``giveaway`` (shown, never counted). When the
company elects the § 37b flat tax for a year (one election for all its gifts), the tax is 30 % of
the gross amount including VAT, and paying it for the recipient is a further gift that counts
into the limit (BFH IV R 13/14): at 19 % VAT the largest net gift within 50 EUR is 36.84 EUR.

Austria (§ 20 Abs. 1 Z 3 EStG 1988): gifts to business partners are representation costs and not
deductible at all, advertising items aside; 40 EUR net per recipient and calendar year is a VAT
threshold (UStR 2000 Rz 369), not a deduction limit. Switzerland (Art. 31 Abs. 2 Bst. c MWSTG):
up to CHF 500 per person and year the business purpose is presumed for VAT; amounts in francs.
The table with its sources is data/gift_limits.json; the year is the calendar year.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from tui.domain.model import Contact, Kind, ValidationError, parse_money
from tui.resources import data_file

_CENT = Decimal("0.01")
_ZERO = Decimal("0.00")
FREIGRENZE, NOT_DEDUCTIBLE, VAT_PRESUMPTION = "freigrenze", "not_deductible", "vat_presumption"
_RULES = (FREIGRENZE, NOT_DEDUCTIBLE, VAT_PRESUMPTION)


@dataclass(frozen=True)
class CountryRules:
    """One country's gift rule: its kind, the yearly limits and thresholds, and the currency."""

    currency: str
    rule: str
    limits: tuple[tuple[int, int | None, Decimal], ...] = ()  # (from year, to year or open, limit)
    flat_tax_rate: Decimal = _ZERO  # the § 37b rate a team may elect (Germany)
    vat_threshold: Decimal | None = None  # Austria: gifts of low value per recipient and year
    giveaway_limit: Decimal | None = None  # Germany: advertising items up to this are no gifts

    def limit(self, year: int) -> Decimal | None:
        """The yearly limit per recipient that applies in ``year``, if the country has one."""
        for first, last, amount in self.limits:
            if first <= year and (last is None or year <= last):
                return amount
        return None


@dataclass(frozen=True)
class GiftLimits:
    """The rules of every country we know (data/gift_limits.json)."""

    countries: Mapping[str, CountryRules]

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> GiftLimits:
        """The table from parsed JSON; every row must name at least one source."""
        countries = raw.get("countries") if isinstance(raw, Mapping) else None
        if not isinstance(countries, Mapping):
            raise ValidationError("gift limits: expected a mapping under 'countries'")
        parsed: dict[str, CountryRules] = {}
        for code, entry in countries.items():
            try:
                parsed[str(code).upper()] = _country(entry)
            except (KeyError, TypeError, ValueError) as error:
                raise ValidationError(f"gift limits: {code}: {error}") from None
        return cls(parsed)


def _country(entry: Mapping[str, Any]) -> CountryRules:
    """One country's row; it and each of its parts must name their sources."""
    rule = str(entry["rule"])
    if rule not in _RULES:
        raise ValueError(f"rule {rule!r} is not one of {', '.join(_RULES)}")
    flat, giveaway = entry.get("flat_tax"), entry.get("giveaway")
    for row in (entry, *entry.get("limits", []), *(part for part in (flat, giveaway) if part)):
        sources = row.get("sources")
        if not sources or not all(s.get("law") and s.get("url") for s in sources):
            raise ValueError("every row needs sources with 'law' and 'url'")
    threshold = entry.get("vat_threshold")
    return CountryRules(
        currency=str(entry["currency"]),
        rule=rule,
        limits=tuple(
            (int(row["from"]), int(row["to"]) if "to" in row else None, _amount(row["limit"]))
            for row in entry.get("limits", [])
        ),
        flat_tax_rate=_amount(flat["rate"]) if flat else _ZERO,
        vat_threshold=None if threshold is None else _amount(threshold),
        giveaway_limit=_amount(giveaway["limit"]) if giveaway else None,
    )


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


def currency_for(region: str, limits: GiftLimits | None = None) -> str:
    """The currency a customer's gifts are logged in: the country's (CHF in CH), else EUR."""
    rules = (limits or load_gift_limits()).countries.get(region.split("-")[0].upper())
    return rules.currency if rules is not None else "EUR"


@dataclass(frozen=True)
class GiftSettings:
    """The team's gift settings, stored in the book.

    ``flat_tax``: business years for which the company elected § 37b, with the rate (the
    election covers every gift of that year); ``vat_rate`` turns a net amount into the gross the
    flat tax is levied on; ``input_vat``: False where the company cannot deduct input VAT (then
    the gross amount counts towards the limit).
    """

    flat_tax: Mapping[int, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    vat_rate: Decimal = Decimal("0.19")
    input_vat: bool = True

    def __post_init__(self) -> None:
        for year, rate in self.flat_tax.items():
            if not 1900 <= year <= 2200 or not _ZERO < rate < 1:
                raise ValidationError(f"settings: flat_tax {year}: {rate} is not a rate like 0.30")
        if not _ZERO <= self.vat_rate < 1:
            raise ValidationError(f"settings: gift_vat_rate {self.vat_rate} is not like 0.19")

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> GiftSettings:
        """From the book's settings: ``flat_tax`` ({"2026": "0.30"}), ``gift_vat_rate``,
        ``input_vat_deduction``; ``true`` instead of a rate elects the shipped rate (30 %)."""
        flat = raw.get("flat_tax", {})
        if not isinstance(flat, Mapping):
            raise ValidationError('settings: flat_tax must map years to rates: {"2026": "0.30"}')
        default = load_gift_limits().countries["DE"].flat_tax_rate
        try:
            rates = {
                int(year): default if rate is True else Decimal(str(rate))
                for year, rate in flat.items()
                if rate not in (False, None)
            }
            vat = Decimal(str(raw.get("gift_vat_rate", "0.19")))
        except (ValueError, InvalidOperation):
            raise ValidationError("settings: flat_tax needs years and rates like 0.30") from None
        input_vat = raw.get("input_vat_deduction", True)
        if not isinstance(input_vat, bool):
            raise ValidationError("settings: input_vat_deduction must be true or false")
        return cls(MappingProxyType(rates), vat, input_vat)

    def flat_tax_rate(self, year: int) -> Decimal | None:
        """The § 37b rate elected for ``year``, or None."""
        return self.flat_tax.get(year)


def gross(amount: Decimal, settings: GiftSettings) -> Decimal:
    """The amount including VAT (the § 37b tax base)."""
    return (amount * (1 + settings.vat_rate)).quantize(_CENT, ROUND_HALF_UP)


def flat_tax(amount: Decimal, year: int, settings: GiftSettings) -> Decimal:
    """The § 37b tax paid on a German gift of ``amount`` (net) in ``year``; 0 if not elected."""
    rate = settings.flat_tax_rate(year)
    if rate is None:
        return _ZERO
    return (amount * (1 + settings.vat_rate) * rate).quantize(_CENT, ROUND_HALF_UP)


def counted(amount: Decimal, rules: CountryRules, year: int, settings: GiftSettings) -> Decimal:
    """What one gift counts towards the recipient's yearly limit."""
    if rules.rule != FREIGRENZE:
        return amount
    base = amount if settings.input_vat else gross(amount, settings)
    return base + flat_tax(amount, year, settings)


def _is_counted_gift(contact: Contact, year: int) -> bool:
    return (
        contact.kind is Kind.GIFT
        and contact.amount is not None
        and not contact.giveaway
        and contact.at.year == year
    )


@dataclass(frozen=True)
class GiftBudget:
    """One recipient's gifts in one year against the country's rule.

    ``used`` is what the gifts count (with the flat tax where elected); ``largest_gift`` is the
    largest net gift that still stays within the limit (None where the country has no limit);
    ``other_currency`` counts gifts logged in another currency (shown, not added up).
    """

    country: str
    year: int
    rules: CountryRules | None
    limit: Decimal | None
    used: Decimal
    currency: str
    largest_gift: Decimal | None
    other_currency: int = 0
    flat_tax_rate: Decimal | None = None

    @property
    def exceeded(self) -> bool:
        """Over the yearly limit."""
        return self.limit is not None and self.used > self.limit

    def room_for_gift(self, smallest: Decimal) -> bool:
        """Is a gift of at least ``smallest`` (net) still within the limit? True without one."""
        return self.largest_gift is None or self.largest_gift >= smallest


def _largest_gift(
    remaining: Decimal, rules: CountryRules, year: int, settings: GiftSettings
) -> Decimal:
    """The largest net amount whose counted value fits into ``remaining`` (to the cent)."""
    if remaining <= 0:
        return _ZERO
    factor = counted(Decimal(1000), rules, year, settings) / Decimal(1000)
    guess = (remaining / factor).quantize(_CENT, ROUND_DOWN) + _CENT
    while guess > 0 and counted(guess, rules, year, settings) > remaining:
        guess -= _CENT
    return max(guess, _ZERO)


def gift_budget(
    contacts: Iterable[Contact],
    year: int,
    region: str,
    settings: GiftSettings | None = None,
    *,
    customer: int | None = None,
) -> GiftBudget:
    """The recipient's gifts in ``year`` under the rule of ``region``'s country.

    ``contacts`` are the recipient's (or anyone's, with ``customer`` to pick the recipient).
    """
    settings = settings or GiftSettings()
    country = region.split("-")[0].upper()
    rules = load_gift_limits().countries.get(country)
    currency = rules.currency if rules is not None else "EUR"
    used, other = _ZERO, 0
    for contact in contacts:
        if not _is_counted_gift(contact, year):
            continue
        if customer is not None and contact.customer != customer:
            continue
        assert contact.amount is not None
        if contact.currency != currency:
            other += 1
            continue
        used += counted(contact.amount, rules, year, settings) if rules else contact.amount
    limit = rules.limit(year) if rules is not None else None
    largest = None
    if rules is not None and limit is not None:
        largest = _largest_gift(limit - used, rules, year, settings)
    rate = settings.flat_tax_rate(year) if rules and rules.rule == FREIGRENZE else None
    return GiftBudget(country, year, rules, limit, used, currency, largest, other, rate)


@dataclass(frozen=True)
class GiftCheck:
    """The verdict on one gift before it is logged, worded where it is shown
    (:func:`tui.gift_labels.gift_check_text`).

    ``exceeds``: the yearly limit is crossed; ``warn``: worth a warning when logging (over the
    limit, not deductible at all, or a giveaway over the country's ceiling for one);
    ``giveaway``: the gift was an advertising item (not counted); ``budget``: the recipient's
    gifts of the year before this one.
    """

    limit: Decimal | None
    total_before: Decimal
    total_after: Decimal
    exceeds: bool
    warn: bool
    currency: str
    budget: GiftBudget
    giveaway: bool = False


def check_gift(
    previous: Sequence[Contact],
    amount: Decimal,
    year: int,
    region: str,
    *,
    settings: GiftSettings | None = None,
    giveaway: bool = False,
) -> GiftCheck:
    """What logging a gift of ``amount`` (net, the country's currency) means for its recipient.

    ``previous``: the recipient's contacts of the year (the front ends read just those).
    """
    amount = parse_money(amount)
    settings = settings or GiftSettings()
    budget = gift_budget(previous, year, region, settings)
    rules, money, before = budget.rules, budget.currency, budget.used
    if giveaway:
        ceiling = rules.giveaway_limit if rules is not None else None
        over = ceiling is not None and amount > ceiling
        return GiftCheck(budget.limit, before, before, False, over, money, budget, giveaway=True)
    if rules is None:
        return GiftCheck(None, before, before + amount, False, False, money, budget)
    after = before + counted(amount, rules, year, settings)
    exceeds = budget.limit is not None and after > budget.limit
    warn = exceeds or rules.rule == NOT_DEDUCTIBLE
    return GiftCheck(budget.limit, before, after, exceeds, warn, money, budget)
