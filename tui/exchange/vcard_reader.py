"""Customers from vCard files (2.1, 3.0, 4.0) as Outlook, Thunderbird and phones write them.

vobject parses each card (folded lines, quoted-printable, escapes, structured N and ORG); this
module only picks the fields a customer needs. The file is split into cards first, so one broken
card is rejected with the line it starts on while every other card still counts.

Properties map to fields like CSV columns do (``--map ANNIVERSARY=founded`` works): FN/N name,
ORG company, TEL phone, EMAIL email, BDAY birthday, ANNIVERSARY customer-since (``founded`` for a
``KIND:org`` card), NOTE notes, CATEGORIES tags, the ADR region when it names a known state.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import vobject

from tui.domain.model import ValidationError
from tui.exchange.fields import IGNORE, column_key, customer_from_fields
from tui.exchange.records import Candidate, ExchangeError, Progress, ReadResult, Rejection
from tui.exchange.regions import region_code
from tui.exchange.text import decode
from tui.i18n import _

_BEGIN = re.compile(r"^begin:vcard\s*$", re.IGNORECASE)
_END = re.compile(r"^end:vcard\s*$", re.IGNORECASE)
_DEFAULT_FIELDS = {
    "FN": "name",
    "ORG": "company",
    "TEL": "phone",
    "EMAIL": "email",
    "BDAY": "birthday",
    "ANNIVERSARY": "since",
    "X-ANNIVERSARY": "since",
    "X-MS-ANNIVERSARY": "since",
    "NOTE": "notes",
    "CATEGORIES": "tags",
}


def split_cards(text: str) -> Iterator[tuple[int, str]]:
    """Each ``BEGIN:VCARD`` ... ``END:VCARD`` block with the line it starts on."""
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _BEGIN.match(line):
            start, lines = number, []
        if start is not None:
            lines.append(line)
            if _END.match(line):
                yield start, "\r\n".join(lines) + "\r\n"
                start = None
    if start is not None:
        yield start, "\r\n".join(lines) + "\r\n"  # no END: vobject says what is wrong


_PROPERTY_START = re.compile(r"^[A-Za-z0-9.\-]+(;[^:]*)?:")


def escape_v21_commas(card: str) -> str:
    """vCard 2.1 (Outlook) does not escape commas in text; vobject reads text the 3.0 way, where
    a bare comma separates values and only the first is kept. Escape them before parsing."""
    if not re.search(r"^VERSION:2\.1\s*$", card, re.IGNORECASE | re.MULTILINE):
        return card
    lines = []
    for line in card.split("\r\n"):
        start = _PROPERTY_START.match(line)
        head, value = (line[: start.end()], line[start.end() :]) if start else ("", line)
        lines.append(head + re.sub(r"(?<!\\),", r"\\,", value))
    return "\r\n".join(lines)


def vcard_date(value: str) -> str:
    """A vCard date as ISO (``1970-03-14``) or a year-less ``--03-14``; time parts dropped."""
    text = value.strip().split("T")[0]
    if match := re.fullmatch(r"--(\d{2})-?(\d{2})", text):
        return f"--{match.group(1)}-{match.group(2)}"
    if match := re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", text):
        return "-".join(match.groups())
    return value


def _types(line: Any) -> set[str]:
    """TYPE parameters of a line, 2.1 style (``TEL;WORK``) included, upper-cased."""
    found = {str(t).upper() for t in line.params.get("TYPE", [])}
    found |= {str(t).upper() for t in getattr(line, "singletonparams", [])}
    if "PREF" in line.params:
        found.add("PREF")
    return found


def _best(lines: list[Any]) -> Any:
    """The work entry, else the preferred one, else the first."""
    for wanted in ("WORK", "PREF"):
        for line in lines:
            if wanted in _types(line):
                return line
    return lines[0]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if str(v).strip())
    return str(value)


def card_values(card: Any) -> dict[str, str]:
    """The properties a customer can use, by vCard property name, as text."""
    values: dict[str, str] = {}
    contents: dict[str, list[Any]] = card.contents
    for name in _DEFAULT_FIELDS:
        lines = contents.get(name.lower())
        if not lines:
            continue
        value = _best(lines).value
        if name == "ORG":
            value = value[0] if isinstance(value, list) and value else value
        elif name == "TEL":
            value = re.sub(r"^tel:", "", str(value), flags=re.IGNORECASE)
        elif name in ("BDAY", "ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY"):
            value = vcard_date(str(value))
        values[name] = _text(value)
    if not values.get("FN") and contents.get("n"):
        name = contents["n"][0].value
        parts = [getattr(name, "given", ""), getattr(name, "family", "")]
        values["FN"] = " ".join(_text(p) for p in parts if _text(p).strip())
    if contents.get("adr"):
        address = _best(contents["adr"]).value
        state = _text(getattr(address, "region", "")).strip()
        if state and "-" in region_code(state):
            values["REGION"] = region_code(state)
    return values


def card_fields(values: Mapping[str, str], kind: str, mapping: Mapping[str, str]) -> dict[str, str]:
    """Property values by customer field: ``--map`` first, then the defaults above."""
    fields: dict[str, str] = {}
    for prop, value in values.items():
        target = mapping.get(column_key(prop))
        if target is None:
            target = _DEFAULT_FIELDS.get(prop) or ("region" if prop == "REGION" else None)
            if target == "since" and kind == "org":
                target = "founded"
        if target and target != IGNORE and value.strip() and target not in fields:
            fields[target] = value
    return fields


def read_vcards(
    data: bytes, *, mapping: Mapping[str, str], owner: str, progress: Progress | None = None
) -> ReadResult:
    """Candidates and rejections from a ``.vcf`` file with one or many cards."""
    result = ReadResult()
    whole = decode(data)
    lines = whole.count("\n") + (not whole.endswith("\n"))
    for line, text in split_cards(whole):
        result.records += 1
        if progress is not None and result.records % 100 == 0:
            progress(line, lines)
        try:
            card = vobject.readOne(escape_v21_commas(text), allowQP=True)
            kind = _text(card.contents["kind"][0].value).lower() if "kind" in card.contents else ""
            values = card_fields(card_values(card), kind, mapping)
            customer, present = customer_from_fields(values, owner=owner)
        except ValidationError as error:
            result.rejected.append(Rejection(line, str(error), error))
            continue
        except Exception as error:  # vobject raises many kinds for a malformed card
            reason = _("not a readable vCard: {error}").format(error=str(error).splitlines()[0])
            result.rejected.append(Rejection(line, reason))
            continue
        result.candidates.append(Candidate(line, customer, present))
    if result.records == 0:
        raise ExchangeError(_("no vCard (BEGIN:VCARD) in the file"))
    return result
