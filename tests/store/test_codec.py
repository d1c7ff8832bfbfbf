"""The contact codec's fast decode gives exactly what the model's own constructor gives."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.model import Contact, Kind, Purpose
from tui.store import codec
from tui.store.codec import contact_document, contact_from_document


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    gift = draw(st.booleans())
    kind = Kind.GIFT if gift else draw(st.sampled_from([k for k in Kind if k is not Kind.GIFT]))
    purpose = draw(st.sampled_from(list(Purpose)))
    return Contact(
        customer=draw(st.integers(1, 10**6)),
        at=draw(st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1))).replace(microsecond=0),
        kind=kind,
        purpose=purpose,
        minutes=draw(st.none() | st.integers(0, 1440)),
        note=draw(st.text(max_size=30)),
        rep=draw(st.text(max_size=10)),
        amount=Decimal(draw(st.integers(0, 10**6))) / 100 if gift else None,
        currency=draw(st.sampled_from(["EUR", "CHF"])) if gift else None,
        giveaway=draw(st.booleans()) if gift else False,
        won=draw(st.booleans()) if purpose is Purpose.SALES else False,
        gesture=draw(st.none() | st.text(min_size=1, max_size=20)),
    )


def test_the_fast_path_is_on() -> None:
    assert codec._DECODE_FAST  # a field the decoder does not know would turn it off


@given(contacts(), st.integers(1, 10**9))
def test_a_decoded_contact_equals_the_one_written(contact: Contact, number: int) -> None:
    decoded = contact_from_document(number, contact_document(contact))
    assert decoded == Contact(**{**_fields(contact), "id": number})
    assert type(decoded.kind) is Kind and type(decoded.purpose) is Purpose


def test_a_field_of_the_wrong_type_is_refused() -> None:
    doc = contact_document(Contact(1, datetime(2026, 1, 1, 9)))
    with pytest.raises(ValueError):
        contact_from_document(1, {**doc, "note": 7})


def _fields(contact: Contact) -> dict[str, object]:
    return {name: getattr(contact, name) for name in Contact.__dataclass_fields__}
