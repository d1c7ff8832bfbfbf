"""``kp export --json``: the whole book as one JSON document, and reading it back.

``{"format": "kundenpflege", "version": 1, "customers": [...], "contacts": [...],
"gestures": [...], "settings": {...}}`` with the model's field names; importing it into an empty
book gives the same customers and contacts.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from tui.domain.model import (
    Contact,
    Customer,
    Gesture,
    Kind,
    Purpose,
    Status,
    ValidationError,
    parse_enum,
    parse_gesture_key,
)
from tui.exchange.fields import customer_from_fields
from tui.exchange.records import (
    Candidate,
    ContactRecord,
    ExchangeError,
    GestureRecord,
    ReadResult,
    Rejection,
)
from tui.exchange.records_codec import as_text, contact_from_record, contact_record, customer_record
from tui.i18n import _

FORMAT = "kundenpflege"
VERSION = 1


def gesture_record(gesture: Gesture) -> dict[str, Any]:
    return {
        "key": gesture.key,
        "customer_id": gesture.customer,
        "reason": gesture.reason.value,
        "due": gesture.due.isoformat(),
        "kind": gesture.kind.value,
        "purpose": gesture.purpose.value,
        "status": gesture.status.value,
        "until": gesture.until.isoformat() if gesture.until else None,
        "note": gesture.note,
        "rep": gesture.rep,
    }


def export_document(
    customers: Sequence[Customer],
    contacts: Sequence[Contact],
    gestures: Sequence[Gesture],
    settings: Mapping[str, Any],
    *,
    exported: datetime,
) -> bytes:
    """Everything in the book as UTF-8 JSON."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported": exported.isoformat(timespec="seconds"),
        "customers": [customer_record(c) for c in customers],
        "contacts": [contact_record(c) for c in contacts],
        "gestures": [gesture_record(g) for g in gestures],
        "settings": dict(settings),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_export(data: bytes, *, owner: str) -> ReadResult:
    """Customers and contacts of an export; ``line`` of a record is its position (1-based)."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExchangeError(_("not a JSON file: {error}").format(error=error)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeError(_("not a JSON export of kundenpflege (kp export --json)"))
    if document.get("version") != VERSION:
        raise ExchangeError(
            _("JSON export version {found} is not known here").format(found=document.get("version"))
        )
    result = ReadResult()
    for position, record in enumerate(document.get("customers") or [], start=1):
        result.records += 1
        try:
            if not isinstance(record, dict):
                raise ValidationError(_("not a customer record"))
            values = {k: as_text(v) for k, v in record.items()}
            customer, present = customer_from_fields(values, owner=owner)
            if isinstance(record.get("tags"), list):  # exact, even for tags with ; or |
                customer = dataclasses.replace(customer, tags=tuple(record["tags"]))
        except (ValidationError, TypeError) as error:
            result.rejected.append(Rejection(position, str(error), error))
            continue
        ref = as_text(record.get("id")) or None
        result.candidates.append(Candidate(position, customer, present, ref))
    for position, record in enumerate(document.get("contacts") or [], start=1):
        try:
            if not isinstance(record, dict):
                raise ValidationError(_("not a contact record"))
            ref, contact = contact_from_record(record)
        except (ValidationError, ValueError) as error:
            reason = _("contact: {error}").format(error=error)
            prefix = _("contact: {error}").format(error="")
            result.rejected.append(Rejection(position, reason, error, prefix))
            continue
        result.contacts.append(ContactRecord(position, ref, contact))
    for position, record in enumerate(document.get("gestures") or [], start=1):
        try:
            ref, gesture = gesture_from_record(record)
        except (ValidationError, ValueError, TypeError, KeyError) as error:
            reason = _("gesture: {error}").format(error=error)
            prefix = _("gesture: {error}").format(error="")
            result.rejected.append(Rejection(position, reason, error, prefix))
            continue
        result.gestures.append(GestureRecord(position, ref, gesture))
    return result


def gesture_from_record(record: Any) -> tuple[str, Gesture]:
    """The customer reference and the gesture of one exported gesture record.

    The customer and the reason come from the key, which names them (a ``reason`` field beside
    it is for people reading the file), so the two can never disagree.
    """
    if not isinstance(record, dict):
        raise ValidationError(_("not a gesture record"))
    customer, reason, _day = parse_gesture_key(str(record["key"]))
    until = record.get("until")
    gesture = Gesture(
        key=str(record["key"]),
        customer=customer,
        reason=reason,
        due=date.fromisoformat(str(record["due"])),
        kind=parse_enum(Kind, str(record.get("kind") or "call"), "kind"),
        purpose=parse_enum(Purpose, str(record.get("purpose") or "care"), "purpose"),
        status=parse_enum(Status, str(record.get("status") or "open"), "status"),
        until=date.fromisoformat(str(until)) if until else None,
        note=str(record.get("note") or ""),
        rep=str(record.get("rep") or ""),
    )
    return str(customer), gesture
