"""Customers and contacts as plain records (field -> JSON value) for our own exports, and back.

The export format is a public interface, so it has its own codec instead of the store's
document layout (which may change with the book's schema): field names are the model's.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from tui.domain.dates import parse_datetime
from tui.domain.model import Contact, Customer, Kind, Purpose, invalid, parse_enum, parse_money
from tui.exchange.fields import CUSTOMER_FIELDS

CONTACT_FIELDS = (
    "id",
    "customer_id",
    "at",
    "kind",
    "purpose",
    "minutes",
    "note",
    "rep",
    "amount",
    "currency",
    "giveaway",
    "won",
    "gesture",
)


def customer_record(customer: Customer) -> dict[str, Any]:
    """A customer as JSON values: dates ISO, the birthday ``--MM-DD`` without a year."""
    record: dict[str, Any] = {"id": customer.id}
    for name in CUSTOMER_FIELDS:
        value = getattr(customer, name)
        if name == "birthday":
            value = value.iso() if value is not None else None
        elif name in ("founded", "since", "renewal"):
            value = value.isoformat() if value is not None else None
        elif name == "tier":
            value = value.value
        elif name == "tags":
            value = list(value)
        record[name] = value
    return record


def contact_record(contact: Contact) -> dict[str, Any]:
    """A contact as JSON values; ``customer_id`` is the id in the same export."""
    return {
        "id": contact.id,
        "customer_id": contact.customer,
        "at": contact.at.isoformat(timespec="minutes"),
        "kind": contact.kind.value,
        "purpose": contact.purpose.value,
        "minutes": contact.minutes,
        "note": contact.note,
        "rep": contact.rep,
        "amount": str(contact.amount) if contact.amount is not None else None,
        "currency": contact.currency,
        "giveaway": contact.giveaway,
        "won": contact.won,
        "gesture": contact.gesture,
    }


def as_text(value: Any) -> str:
    """A record value as a CSV cell (lists comma-joined, None empty, booleans true/empty)."""
    if value is None or value is False:
        return ""
    if value is True:
        return "true"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _flag(value: Any) -> bool:
    return value is True or as_text(value).strip().casefold() in ("true", "1", "yes", "ja")


def contact_from_record(record: Mapping[str, Any]) -> tuple[str, Contact]:
    """The customer reference and the contact of one record (text or JSON values)."""
    ref = as_text(record.get("customer_id")).strip()
    if not ref.isdigit() or int(ref) < 1:
        raise invalid("customer", "{value!r} is not a customer id", value=ref)
    at_text = as_text(record.get("at")).strip()
    try:
        at = datetime.fromisoformat(at_text)
    except ValueError:
        at = parse_datetime(at_text)
    if at.tzinfo is not None:
        at = at.replace(tzinfo=None)
    minutes = as_text(record.get("minutes")).strip()
    if minutes and not minutes.isdigit():
        raise invalid("minutes", "{value!r} is not a whole number", value=minutes)
    gift = as_text(record.get("amount")).strip()
    currency = as_text(record.get("currency")).strip().upper()
    contact = Contact(
        customer=int(ref),
        at=at,
        kind=parse_enum(Kind, as_text(record.get("kind")).strip() or "call", "kind"),
        purpose=parse_enum(Purpose, as_text(record.get("purpose")).strip() or "care", "purpose"),
        minutes=int(minutes) if minutes else None,
        note=as_text(record.get("note")),
        rep=as_text(record.get("rep")).strip(),
        amount=parse_money(gift) if gift else None,
        currency=(currency or None) if gift else None,
        giveaway=_flag(record.get("giveaway")),
        won=_flag(record.get("won")),
        gesture=as_text(record.get("gesture")).strip() or None,
    )
    return ref, contact
