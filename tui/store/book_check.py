"""The whole book checked on demand (``kp check``) and repaired (``kp repair``).

A command reads only the files its work needs, so damage in a year nobody looked at for months
would stay unnoticed until someone opens that year's heatmap. ``kp check`` reads every file
and decodes every document (customers, gestures, each contact of each year and of the planner's
window, and that the window's copies equal their year's), and lists what does not fit, one line
each. ``kp repair`` keeps what reads and fits, moves the rest to ``<file>.rejected`` and, when a
file of contacts had to be repaired, builds the planner's window again from the year files
(its copies of the refused documents must go too, and what a damaged window file lost comes
back from the years).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tui.store import recent, upgrade
from tui.store.codec import (
    DECODE_ERRORS,
    Doc,
    contact_from_document,
    customer_from_document,
    gesture_from_document,
)
from tui.store.damage import Repaired, contact_problem, holds_contacts
from tui.store.errors import BookCorrupt
from tui.store.layout import part_key
from tui.store.snapshot import parse_tables, read_file

if TYPE_CHECKING:
    from tui.store.book import Book

#: problems listed per file before "and N more"
SHOWN = 20


@dataclass(frozen=True)
class Problem:
    """One thing ``kp check`` found: the file and what is wrong there."""

    file: Path
    detail: str


@dataclass(frozen=True)
class Checked:
    """What ``kp check`` read: files, customers, contacts; and the problems."""

    files: int
    customers: int
    contacts: int
    problems: list[Problem]


def document_problem(table: str, doc_id: str, doc: Doc) -> str | None:
    """Why a document of a part table cannot be kept: it cannot be placed, or not decoded."""
    if not holds_contacts(table):
        return None
    problem = contact_problem(table, doc)
    if problem is not None:
        return problem
    try:
        contact_from_document(int(doc_id), doc)
    except DECODE_ERRORS as error:
        return str(error) or type(error).__name__
    return None


def check(book: Book, found: list[Problem]) -> Checked:
    """Read every file of ``book`` and decode every document; ``found``: problems found
    while opening it (a damaged journal line)."""
    storage = book._storage
    problems = list(found)
    for name, what, decode in (
        ("customers", "customer", customer_from_document),
        ("gestures", "gesture", gesture_from_document),
    ):
        bad = []
        for doc_id, doc in storage.table_data(name).items():
            try:
                decode(int(doc_id), doc)
            except DECODE_ERRORS as error:
                bad.append(f"{what} {doc_id}: {error}")
        problems += _listed(storage.path, bad)
    files = 1
    contacts = 0
    years: dict[str, Doc] = {}
    window: dict[str, Doc] = {}
    for name in storage.part_tables():
        path = storage.files.part(name)
        files += 1
        try:
            parsed = parse_tables(path, read_file(path)[0])
            if set(parsed) != {part_key(name)}:
                raise BookCorrupt(path, f"expected one table {part_key(name)!r}")
        except FileNotFoundError:
            problems.append(Problem(path, "this part of the book is missing"))
            continue
        except BookCorrupt as error:
            problems.append(Problem(path, error.detail))
            continue
        docs = parsed[part_key(name)]
        bad = []
        for doc_id, doc in docs.items():
            problem = document_problem(name, doc_id, doc)
            if problem is not None:
                bad.append(f"contact {doc_id}: {problem}")
        problems += _listed(path, bad)
        if bad or not holds_contacts(name):
            continue
        # compared as the book sees them: the file with the journal's lines applied
        if recent.is_window(name):
            window.update(storage.table_data(name))
        else:
            years.update(storage.table_data(name))
            contacts += len(storage.table_data(name))
    stale = [k for k, doc in window.items() if years.get(k, doc) != doc]
    problems += _listed(
        storage.path, [f"contact {k} in the planner's window differs from its year" for k in stale]
    )
    customers = len(storage.table_data("customers"))
    return Checked(files, customers, contacts, problems)


def _listed(path: Path, details: list[str]) -> list[Problem]:
    shown = [Problem(path, detail) for detail in details[:SHOWN]]
    if len(details) > SHOWN:
        shown.append(Problem(path, f"and {len(details) - SHOWN} more"))
    return shown


def repair(book: Book) -> Repaired:
    """``kp repair`` on an open book (see the module doc)."""
    report = book._storage.repair(document_problem)
    if any(holds_contacts(_table_of(book, part.file)) for part in report.parts):
        rebuild_window(book)
    return report


def _table_of(book: Book, file: Path) -> str:
    for name in book._storage.tables():
        if book._storage.files.part(name) == file:
            return name
    return ""


def rebuild_window(book: Book) -> None:
    """The planner's window built again from the year files, as an upgrade builds it."""
    storage = book._storage
    with book.lock, storage.transaction():
        everything = {name: storage.table_data(name) for name in storage.tables()}
        logical = upgrade.logical(everything)
        storage.replace_all(upgrade.split(book.path, logical, date.today()))
