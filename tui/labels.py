"""Translated names of the domain's enums, one place for the CLI and the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.domain.model import Contact, Kind, Purpose, Reason, Status, Tier
from tui.i18n import _, format_money

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


def why_text(item: PlannedGesture) -> str:
    """Why a gesture is in the plan; a gesture done today says so, with its reason."""
    if item.status is Status.DONE and not item.why:
        return _("Done today: {reason}").format(reason=reason_label(item.reason))
    return item.why


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
