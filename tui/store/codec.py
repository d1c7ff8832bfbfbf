"""The document codec: domain objects <-> the JSON documents of the book's tables.

Documents hold JSON types only: dates and times as ISO strings, enums as their values, a gift value
as a string with two decimals (``"12.50"``: exact, unlike a JSON float) that comes back as a
``Decimal``. Contacts leave out fields at their default (no note, no minutes, ...) because they
are most of the book. Decoding a contact skips the model's validation for speed (the book was
validated when written) but checks every field's type, so a hand-edited book that does not fit
still gives BookCorrupt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar, cast

from tui.domain.model import (
    Birthday,
    Contact,
    Customer,
    Gesture,
    Kind,
    Purpose,
    Tier,
    ValidationError,
)
from tui.store.errors import BookCorrupt

Doc = dict[str, Any]
T = TypeVar("T")

_KINDS = {kind.value: kind for kind in Kind}
_PURPOSES = {purpose.value: purpose for purpose in Purpose}
_new_object = object.__new__


def _slot_setter(name: str) -> Callable[[Contact, Any], None]:
    return cast(Callable[[Contact, Any], None], getattr(Contact, name).__set__)


# the slot setters of a frozen Contact in the order the fast decode fills them, bound once: a
# decode sets each field without the model's validation (the book was validated when written;
# the types are checked in the decoder). A field the model gains later turns the fast path off
# (the model's own constructor decodes) until this decoder knows it too.
_FAST_FIELDS: tuple[str, ...] = ("customer", "at", "kind", "purpose", "minutes", "note", "rep")
_FAST_FIELDS += ("amount", "currency", "giveaway", "won", "gesture", "id")
_SETTERS = tuple(_slot_setter(name) for name in _FAST_FIELDS)
_DECODE_FAST = {f.name for f in dataclasses.fields(Contact)} == set(_FAST_FIELDS)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(text: Any) -> date | None:
    return None if text is None else date.fromisoformat(text)


# ---------------------------------------------------------------------- documents <-> objects
def customer_document(customer: Customer) -> Doc:
    return {
        "name": customer.name,
        "company": customer.company,
        "tier": customer.tier.value,
        "owner": customer.owner,
        "phone": customer.phone,
        "email": customer.email,
        "birthday": customer.birthday.iso() if customer.birthday else None,
        "founded": _iso(customer.founded),
        "since": _iso(customer.since),
        "renewal": _iso(customer.renewal),
        "region": customer.region,
        "tags": list(customer.tags),
        "notes": customer.notes,
        "archived": customer.archived,
        "cadence_days": customer.cadence_days,
        "prospect": customer.prospect,
        "renewal_months": customer.renewal_months,
        "local_holidays": customer.local_holidays,
    }


def customer_from_document(doc_id: int, doc: Doc) -> Customer:
    birthday = doc.get("birthday")
    return Customer(
        name=doc["name"],
        company=doc.get("company", ""),
        tier=Tier(doc.get("tier", "C")),
        owner=doc.get("owner", ""),
        phone=doc.get("phone", ""),
        email=doc.get("email", ""),
        birthday=Birthday.parse(birthday) if birthday else None,
        founded=_day(doc.get("founded")),
        since=_day(doc.get("since")),
        renewal=_day(doc.get("renewal")),
        region=doc.get("region", "DE"),
        tags=tuple(doc.get("tags", ())),
        notes=doc.get("notes", ""),
        archived=bool(doc.get("archived", False)),
        cadence_days=doc.get("cadence_days"),
        prospect=bool(doc.get("prospect", False)),
        renewal_months=doc.get("renewal_months"),
        local_holidays=doc.get("local_holidays", ""),
        id=doc_id,
    )


def contact_document(contact: Contact, customer: int | None = None) -> Doc:
    doc: Doc = {
        "customer": contact.customer if customer is None else customer,
        "at": contact.at.isoformat(),
        "kind": contact.kind.value,
        "purpose": contact.purpose.value,
        "rep": contact.rep,
    }
    if contact.minutes is not None:
        doc["minutes"] = contact.minutes
    if contact.note:
        doc["note"] = contact.note
    if contact.amount is not None:
        doc["amount"] = f"{contact.amount:.2f}"
        doc["currency"] = contact.currency
    if contact.giveaway:
        doc["giveaway"] = True
    if contact.won:
        doc["won"] = True
    if contact.gesture is not None:
        doc["gesture"] = contact.gesture
    return doc


def contact_from_document(doc_id: int, doc: Doc) -> Contact:
    """Fast decode: type checks instead of the model's validation (bench/README.md)."""
    get = doc.get
    customer = doc["customer"]
    minutes = get("minutes")
    note = get("note", "")
    rep = get("rep", "")
    won = get("won", False)
    gesture = get("gesture")
    gift = get("amount")
    currency = get("currency")
    giveaway = get("giveaway", False)
    if (
        type(customer) is not int
        or not (minutes is None or type(minutes) is int)
        or type(note) is not str
        or type(rep) is not str
        or type(won) is not bool
        or type(giveaway) is not bool
        or not (currency is None or type(currency) is str)
        or not (gesture is None or type(gesture) is str)
    ):
        raise ValidationError("a field has the wrong type")
    if not _DECODE_FAST:
        return Contact(
            customer=customer,
            at=datetime.fromisoformat(doc["at"]),
            kind=_KINDS[doc["kind"]],
            purpose=_PURPOSES[doc["purpose"]],
            minutes=minutes,
            note=note,
            rep=rep,
            amount=None if gift is None else Decimal(str(gift)),
            currency=currency,
            giveaway=giveaway,
            won=won,
            gesture=gesture,
            id=doc_id,
        )
    contact = _new_object(Contact)
    values = (
        customer,
        datetime.fromisoformat(doc["at"]),
        _KINDS[doc["kind"]],
        _PURPOSES[doc["purpose"]],
        minutes,
        note,
        rep,
        None if gift is None else Decimal(str(gift)),
        currency if gift is None or currency else "EUR",
        giveaway,
        won,
        gesture,
        doc_id,
    )
    for set_field, value in zip(_SETTERS, values):  # noqa: B905 (same length: _FAST_FIELDS)
        set_field(contact, value)
    return contact


def gesture_document(gesture: Gesture, *, manual: bool) -> Doc:
    return {
        "key": gesture.key,
        "customer": gesture.customer,
        "reason": gesture.reason.value,
        "due": gesture.due.isoformat(),
        "kind": gesture.kind.value,
        "purpose": gesture.purpose.value,
        "status": gesture.status.value,
        "until": _iso(gesture.until),
        "note": gesture.note,
        "rep": gesture.rep,
        "manual": manual,
    }


def gesture_from_document(doc_id: int, doc: Doc) -> Gesture:
    return Gesture(
        key=doc["key"],
        customer=doc["customer"],
        reason=doc["reason"],
        due=date.fromisoformat(doc["due"]),
        kind=doc.get("kind", "call"),
        purpose=doc.get("purpose", "care"),
        status=doc.get("status", "open"),
        until=_day(doc.get("until")),
        note=doc.get("note", ""),
        rep=doc.get("rep", ""),
        id=doc_id,
    )


#: what a document that does not fit raises while decoded
DECODE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, InvalidOperation)


def decoded(
    decode: Callable[[int, Doc], T], what: str, doc_id: int, doc: Doc, path: Path | str
) -> T:
    """``decode(doc_id, doc)``, or BookCorrupt naming the ``what`` and id that does not fit."""
    try:
        return decode(doc_id, doc)
    except DECODE_ERRORS as error:
        raise BookCorrupt(path, f"{what} {doc_id}: {error}") from None
