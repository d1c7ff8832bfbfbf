"""Damage inside a part file found when the file is read, not when a document happens to be used.

A year file or a window file that parses can still hold a document the book cannot place: no
customer id, no time, a time of another year. The indexes sort and bisect by those two fields,
so such a document would be skipped silently (or crash a sort) by every query that does not
decode it. :func:`check_contacts` runs on every part file of contacts as it is read, with
C-level passes (a year of a team book has 100,000 documents), and refuses the file with
BookCorrupt naming the first document that does not fit; ``kp check`` and ``kp repair`` go
further and decode every document (``book_check.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from tui.store.errors import BookCorrupt
from tui.store.layout import part_key
from tui.store.snapshot import Doc, TableData

#: the part tables that hold contacts (year files and the planner's window)
CONTACT_KEYS = frozenset({"contacts", "recent"})
#: a contact's time as the codec writes it: 2026-03-14T10:30 with optional seconds and more
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
_SHORTEST = len("2026-03-14T10:30")


def holds_contacts(table: str) -> bool:
    return "/" in table and part_key(table) in CONTACT_KEYS


def check_contacts(path: Path, table: str, docs: TableData) -> None:
    """BookCorrupt unless every document has an int customer and a time string (of the table's
    year for a year table). A time that only looks like one fails when it is decoded, and
    ``kp check`` decodes them all."""
    values = docs.values()
    customers = [doc.get("customer") for doc in values]
    times: list[str] = [doc.get("at") for doc in values]  # type: ignore[misc]  # checked below
    if not times:
        return
    low, high = _bounds(table)
    if (
        set(map(type, customers)) == {int}
        and set(map(type, times)) == {str}
        and low <= min(times)
        and max(times) < high
        and min(map(len, times)) >= _SHORTEST
    ):
        return
    for doc_id, doc in docs.items():
        problem = contact_problem(table, doc)
        if problem:
            raise BookCorrupt(path, f"contact {doc_id}: {problem}")


def contact_problem(table: str, doc: object) -> str | None:
    """Why one contact document cannot be placed (None if it can); the same rules as above."""
    if not isinstance(doc, dict):
        return "not a document"
    if type(doc.get("customer")) is not int:
        return "no customer id"
    at = doc.get("at")
    low, high = _bounds(table)
    if type(at) is not str or not _TIME.match(at):
        return "no valid time"
    if not low <= at < high:
        return f"a time outside {table.partition('/')[2]}"
    return None


def _bounds(table: str) -> tuple[str, str]:
    """The range every time of ``table`` lies in: its year for ``contacts/2026``."""
    key, _, rest = table.partition("/")
    if key == "contacts" and rest.isdigit():
        return f"{rest}-", f"{rest}."  # "." sorts right after "-"
    return "", "\uffff"


# ---------------------------------------------------------------------- what repair keeps
_OPENING = re.compile(r'\s*\{\s*"[^"]*"\s*:\s*\{')
_ENTRY = re.compile(r'\s*,?\s*"(\d+)"\s*:\s*')
_NEXT_ENTRY = re.compile(r',\s*"\d+"\s*:\s*\{')
_CLOSING = re.compile(r"\s*\}\s*\}\s*\Z")


def salvage(raw: bytes, key: str) -> tuple[TableData, list[str]]:
    """The documents of a one-table file that does not parse (cut short, garbled in places)
    which still read one by one, and the text of the rest (for ``<file>.rejected``).

    Each ``"id": {...}`` is read on its own; after text that does not read, reading goes on at
    the next ``, "id": {`` (such text cannot occur inside a JSON string, where a quote is
    escaped). Nothing here trusts the file: ids must be digits, documents objects.
    """
    text = raw.decode("utf-8", "replace")
    opening = _OPENING.match(text)
    if opening is None:
        return {}, [text] if text.strip() else []
    decoder = json.JSONDecoder()
    docs: TableData = {}
    rejected: list[str] = []
    position = opening.end()
    while position < len(text) and not _CLOSING.match(text, position):
        entry = _ENTRY.match(text, position)
        if entry is not None:
            try:
                value, end = decoder.raw_decode(text, entry.end())
            except ValueError:
                value = None
            if isinstance(value, dict):
                docs[entry.group(1)] = value
                position = end
                continue
        following = _NEXT_ENTRY.search(text, position + 1)
        if following is not None:
            stop = following.start()
        else:  # the rest, up to the closing braces if the file still has them
            closing = _CLOSING.search(text, position)
            stop = closing.start() if closing is not None else len(text)
        rejected.append(text[position:stop].strip(" \t\r\n,"))
        position = stop
    return docs, rejected


#: why a document of a part table cannot be kept (None: it can); the Book decides (its codec)
DocProblem = Callable[[str, str, Doc], "str | None"]


@dataclass(frozen=True)
class PartRepaired:
    """One damaged part file after ``kp repair``: documents kept, moved aside (to ``rejected``)."""

    file: Path
    kept: int
    moved: int
    rejected: Path | None
    missing: bool = False


@dataclass
class Repaired:
    """What ``kp repair`` did: journal lines kept and the file of the unreadable ones, and
    every part file it had to repair."""

    journal_kept: int
    journal_rejected: Path | None = None
    parts: list[PartRepaired] = field(default_factory=list)


def rejected_lines(texts: list[str], bad: dict[str, tuple[str, Doc]]) -> list[bytes]:
    """The lines ``<file>.rejected`` gets: JSON, one per unreadable text or refused document."""
    lines = [orjson.dumps({"unreadable": text}) for text in texts]
    for doc_id, (problem, doc) in bad.items():
        lines.append(orjson.dumps({"id": doc_id, "problem": problem, "document": doc}))
    return lines
