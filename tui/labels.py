"""Translated names of the domain's enums and its reasons, one place for the CLI and the app.

The domain returns structured values (an enum, a :class:`~tui.domain.why.Why`); the words for
them are chosen here, when they are shown, so every front end says the same in the current language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.domain.model import Contact, Customer, Kind, Purpose, Reason, Status, Tier
from tui.domain.suggestions import Hint, Suggestion
from tui.domain.urgency import TIER_WEIGHT, Factor, FactorCode
from tui.domain.why import Why, WhyCode
from tui.i18n import N_, _, format_date, format_money, format_number, language, ngettext

if TYPE_CHECKING:
    from tui.domain.cadence import PlannedGesture


def kind_label(kind: Kind) -> str:
    """``call`` -> ``Call`` / ``Anruf``."""
    return {
        Kind.CALL: _("Call"),
        Kind.EMAIL: _("E-mail"),
        Kind.CARD: _("Card"),
        Kind.GIFT: _("Gift"),
        Kind.VISIT: _("Visit"),
        Kind.MEETING: _("Meeting"),
        Kind.MESSAGE: _("Message"),
    }[kind]


def purpose_label(purpose: Purpose) -> str:
    """``care`` -> ``Care`` / ``Pflege``."""
    return {
        Purpose.CARE: _("Care"),
        Purpose.SERVICE: _("Service"),
        Purpose.SALES: _("Sales"),
    }[purpose]


def reason_label(reason: Reason) -> str:
    """Why a gesture is planned, as a short word."""
    return {
        Reason.CADENCE: _("Cadence"),
        Reason.CARE_BALANCE: _("Care balance"),
        Reason.AFTER_SALE: _("After sale"),
        Reason.BIRTHDAY: _("Birthday"),
        Reason.FOUNDING: _("Anniversary"),
        Reason.CUSTOMER_SINCE: _("Customer anniversary"),
        Reason.RENEWAL: _("Renewal"),
        Reason.MANUAL: _("Planned"),
        Reason.NEW_YEAR: _("New Year"),
        Reason.CHRISTMAS: _("Christmas"),
    }[reason]


def _after_sale_step(step: str, days: int) -> str:
    labels = {
        "thanks": _("thank-you"),
        "delivery": _("delivery check"),
        "satisfaction": _("satisfaction check"),
        "review": _("value review"),
    }
    return labels.get(step) or _("follow-up after {days} days").format(days=days)


def _tier(why: Why) -> str:
    return why.tier.value if why.tier is not None else ""


def _anniversary(why: Why, day: str) -> str:
    years = why.years or 0
    if why.code is WhyCode.FOUNDING:
        text = ngettext(
            "Company anniversary on {date}: {years} year",
            "Company anniversary on {date}: {years} years",
            years,
        )
    else:
        text = ngettext(
            "{years} year as our customer on {date}",
            "{years} years as our customer on {date}",
            years,
        )
    return text.format(date=day, years=years)


# The text of each reason, marked for the catalog and translated where shown.
_WHY_TEXTS: dict[WhyCode, str] = {
    WhyCode.PROSPECT: N_("Prospect, {days} days since the last contact (cadence {cadence})"),
    WhyCode.NO_CONTACT_YET: N_("{tier}-customer, no contact logged yet (cadence {cadence})"),
    WhyCode.SILENT_SINCE_START: N_(
        "{tier}-customer, no contact since becoming a customer on {date}"
    ),
    WhyCode.CADENCE_OVERDUE: N_(
        "{tier}-customer, {days} days since last contact (cadence {cadence})"
    ),
    WhyCode.CARE_BALANCE: N_(
        "{sales} of the last {count} contacts were sales: time for one without an offer"
    ),
    WhyCode.AFTER_SALE: N_("Sale on {date}: {step}"),
    WhyCode.NEW_CUSTOMER: N_("New customer since {date}: {step}"),
    WhyCode.MANUAL: N_("Planned by hand for {date}"),
    WhyCode.RENEWAL_CARE: N_("Contract renewal on {date}: care touch well before"),
    WhyCode.RENEWAL_SERVICE: N_("Contract renewal on {date}: service check"),
    WhyCode.NEW_YEAR: N_(
        "New Year: a personal greeting, handwritten, a few words (instead of a mass card)"
    ),
    WhyCode.CHRISTMAS: N_("Christmas card: written early in December, so it is no year-end pile"),
}


def why_label(why: Why | None) -> str:
    """The one line that says why a gesture is planned ("" when there is no reason to give)."""
    if why is None:
        return ""
    code = why.code
    day = format_date(why.on) if why.on is not None else ""
    if code in (WhyCode.FOUNDING, WhyCode.CUSTOMER_SINCE):
        return _anniversary(why, day)
    if code is WhyCode.BIRTHDAY:
        known = why.years is not None
        text = _("Birthday on {date} (turns {age})") if known else _("Birthday on {date}")
    else:
        text = _(_WHY_TEXTS[code])
    return text.format(
        days=why.days,
        cadence=why.cadence,
        tier=_tier(why),
        date=day,
        age=why.years,
        sales=why.sales,
        count=why.count,
        step=_after_sale_step(why.step, why.days),
    )


def why_text(item: PlannedGesture) -> str:
    """Why a gesture is in the plan; a gesture done today says so, with its reason."""
    if item.status is Status.DONE and item.why is None:
        return _("Done today: {reason}").format(reason=reason_label(item.reason))
    return why_label(item.why)


def tier_label(tier: Tier) -> str:
    """``A`` -> ``A-customer`` / ``A-Kunde``."""
    return {Tier.A: _("A-customer"), Tier.B: _("B-customer"), Tier.C: _("C-customer")}[tier]


def weekday_short(weekday: int) -> str:
    """Monday=0 -> ``Mon`` / ``Mo``."""
    return (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))[weekday]


def contact_details(contact: Contact) -> list[str]:
    """What a contact was, in short words: kind, purpose, minutes, gift value, giveaway, won."""
    details = [kind_label(contact.kind), purpose_label(contact.purpose)]
    if contact.minutes is not None:
        details.append(_("{n} min").format(n=contact.minutes))
    if contact.amount is not None:
        details.append(format_money(contact.amount, contact.currency or "EUR"))
    if contact.giveaway:
        details.append(_("giveaway"))
    if contact.won:
        details.append("✓ " + _("won"))
    return details


_HINTS: dict[Hint, str] = {
    Hint.BELATED: N_("Belated: call and congratulate; better late than not at all."),
    Hint.CALL_NOT_POST: N_("Too late to post a card in time: call on the day instead."),
    Hint.GIFT_NOT_DEDUCTIBLE: N_("(in Austria not deductible; an advertising item is)"),
    Hint.GIFT_ROOM: N_("(a gift up to {amount} net stays within this year's limit)"),
    Hint.GIFT_LIMIT_REACHED: N_("(gift limit for {year} reached: no gift this year)"),
}


def suggestion_text(suggestion: Suggestion) -> str:
    """What to do, in the current language: a rep's own note as typed, else idea and hint."""
    if suggestion.note:
        return suggestion.note
    parts = [suggestion.idea.text(language())] if suggestion.idea is not None else []
    if suggestion.hint is not None:
        amount = suggestion.amount
        money = format_money(amount, suggestion.currency) if amount is not None else ""
        parts.append(_(_HINTS[suggestion.hint]).format(amount=money, year=suggestion.year))
    return " ".join(parts)


def factor_label(factor: Factor) -> str:
    """One part of an item's urgency in words ("Fixed date", "Overdue by 3 days")."""
    code, tier = factor.code, factor.tier.value if factor.tier is not None else ""
    if code is FactorCode.RATIO:
        assert factor.tier is not None
        weight = format_number(TIER_WEIGHT[factor.tier])
        return _("{days} of {cadence} days since last contact x {tier} weight {weight}").format(
            days=factor.days, cadence=factor.cadence, tier=tier, weight=weight
        )
    if code is FactorCode.OVERDUE:
        days = factor.days
        return ngettext("Overdue by {days} day", "Overdue by {days} days", days).format(days=days)
    return {
        FactorCode.TIER: _("{tier}-customer weight").format(tier=tier),
        FactorCode.FIXED: _("Fixed date"),
        FactorCode.FIXED_ROUND: _("Fixed date, round year"),
        FactorCode.AFTER_SALE: _("After a sale"),
        FactorCode.CARE_BALANCE: _("Recent contacts were mostly sales"),
    }[code]


def urgency_lines(item: PlannedGesture) -> list[str]:
    """Why an item ranks where it does: one line per part of its urgency, then the total."""
    lines = [
        f"{'+' if f.value >= 0 else '-'}{format_number(abs(f.value), 2)}  {factor_label(f)}"
        for f in item.factors
    ]
    lines.append(_("= {total} urgency").format(total=format_number(item.urgency, 2)))
    return lines


def unknown_region_warning(customers: Sequence[Customer]) -> str:
    """One line naming the customers whose region is unknown (planned with fallback holidays)."""
    names = ", ".join(f"#{c.id} {c.name} ({c.region})" for c in customers[:8])
    if len(customers) > 8:
        names += ", …"
    return ngettext(
        "{count} customer has a region the holiday data does not know and is planned with "
        "the country's holidays; fix it with kp customer edit ID --region: {names}",
        "{count} customers have a region the holiday data does not know and are planned with "
        "the country's holidays; fix them with kp customer edit ID --region: {names}",
        len(customers),
    ).format(count=len(customers), names=names)


_UNDO_STEPS: dict[str, str] = {
    "log": N_("logged contact"),
    "done": N_("done"),
    "snooze": N_("snooze"),
    "skip": N_("skip"),
    "edit": N_("contact correction"),
    "delete": N_("deleted contact"),
    "archive": N_("archiving"),
    "plan": N_("planned gesture"),
    "unplan": N_("deleted planned gesture"),
}


def undone_text(what: str, customer: str) -> str:
    """What ``u`` or ``kp undo`` took back (``what``: the step's code such as ``snooze``)."""
    step = _UNDO_STEPS.get(what)
    worded = _(step) if step is not None else what  # a step of a newer version: its code
    return _("Undone: {what} ({customer})").format(what=worded, customer=customer)
