"""The words for a recipient's gifts of the year and for a gift about to be logged.

The domain counts (:mod:`tui.domain.gifts`: a :class:`GiftBudget`, a :class:`GiftCheck`); the
sentences are chosen here, where they are shown, in the language of that moment: the log form
and ``kp log`` warn with :func:`gift_check_text`, the customer screen shows :func:`budget_line`.
"""

from __future__ import annotations

from decimal import Decimal

from tui.domain.gifts import NOT_DEDUCTIBLE, VAT_PRESUMPTION, GiftBudget, GiftCheck
from tui.i18n import _, format_money, format_number


def gift_check_text(check: GiftCheck) -> str:
    """One line on what logging the checked gift means for its recipient."""
    budget = check.budget
    rules = budget.rules
    if check.giveaway:
        if check.warn:
            assert rules is not None and rules.giveaway_limit is not None
            return _(
                "An advertising item over {limit} is a gift: log it as one (not counted now)."
            ).format(limit=format_money(rules.giveaway_limit, budget.currency))
        return _("A giveaway (advertising item) is shown but not counted as a gift.")
    if rules is None:
        return _("No gift rule known for {country}.").format(country=budget.country)
    return _gifts_of_the_year(check.total_after, budget, check.exceeds)


def _gifts_of_the_year(total: Decimal, budget: GiftBudget, over: bool) -> str:
    """One line on a recipient's gifts of the year (``total`` counted) under the country's rule."""
    rules = budget.rules
    money = budget.currency
    values = {"total": format_money(total, money), "year": budget.year}
    if rules is None:
        return _("Gifts {year}: {total}; no gift rule known for {country}.").format(
            country=budget.country, **values
        )
    if rules.rule == NOT_DEDUCTIBLE:
        threshold = format_money(rules.vat_threshold or Decimal("0.00"), money)
        return _(
            "Gifts {year}: {total}. In Austria a gift to a business partner is not deductible "
            "(representation), only an advertising item is (log it as a giveaway); {threshold} "
            "net a year is a VAT threshold, not a deduction limit."
        ).format(threshold=threshold, **values)
    if budget.limit is None:
        return _("Gifts {year}: {total}; no limit known for {year}.").format(**values)
    values["limit"] = format_money(budget.limit, money)
    if rules.rule == VAT_PRESUMPTION:
        if over:
            text = _("Gifts {year}: {total}, over {limit}: show the business purpose for VAT.")
        else:
            text = _("Gifts {year}: {total} of {limit} (VAT: business purpose presumed).")
        return text.format(**values)
    if over:
        text = _("Over the {limit} limit for {year} ({total}): none of it is deductible any more.")
    else:
        text = _("Gifts to this recipient in {year}: {total} of {limit}.")
    text = text.format(**values)
    if budget.flat_tax_rate is not None:
        rate = format_number(float(budget.flat_tax_rate * 100), 0)
        text += " " + _("Counts the {rate} % flat tax (§ 37b).").format(rate=rate)
    return text


def budget_line(budget: GiftBudget) -> str:
    """A short line for a customer's profile: used, limit, and the room left for a gift."""
    money = budget.currency
    values = {"year": budget.year, "total": format_money(budget.used, money)}
    rules = budget.rules
    if rules is not None and rules.rule == NOT_DEDUCTIBLE:
        return _("Gifts {year}: {total} · not deductible in Austria (representation)").format(
            **values
        )
    if budget.limit is None:
        return _("Gifts {year}: {total}").format(**values)
    values["limit"] = format_money(budget.limit, money)
    if budget.exceeded:
        return _("Gifts {year}: {total} of {limit} · over the limit").format(**values)
    room = format_money(budget.largest_gift or Decimal("0.00"), money)
    return _("Gifts {year}: {total} of {limit} · room for {room} net").format(room=room, **values)
