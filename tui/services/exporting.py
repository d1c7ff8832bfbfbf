"""``kp export``: the plan as iCalendar, the book as CSV or JSON, the bookkeeper's gift list.

Reads the book once per export and hands plain domain objects to the formats in
:mod:`tui.exchange`. Every file is written whole or not at all (a temporary file beside it,
then an atomic rename), so a calendar that subscribes to the file never reads half of it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.cadence import PlannedGesture
from tui.domain.gifts import GiftSettings
from tui.domain.model import Status
from tui.exchange.giftlist import gift_list_csv, gift_rows
from tui.exchange.ical import plan_calendar
from tui.exchange.json_format import export_document
from tui.exchange.tables import CONTACTS_FILE, CUSTOMERS_FILE, contacts_csv, customers_csv
from tui.services.planning import plan_for, plan_settings

if TYPE_CHECKING:
    from tui.store.book import Book

MAX_DAYS = 366


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (the store's temp file, fsync, rename); a new file
    is private to the user (or the team's group in a shared folder): exports hold customer data."""
    from tui.store.files import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)


def book_tag(book: Book) -> str:
    """A short, stable tag of the book (from its creation time and path) for calendar UIDs."""
    seed = f"{book.meta.get('created')}|{Path(book.path).resolve()}"
    return hashlib.sha256(seed.encode()).hexdigest()[:10]


def upcoming(book: Book, today: date, days: int, *, rep: str | None) -> list[PlannedGesture]:
    """The open gestures of the next ``days`` days (today included), by day and urgency."""
    settings = dataclasses.replace(plan_settings(book), horizon_days=max(1, min(days, MAX_DAYS)))
    plan = plan_for(book, today, rep=rep, settings=settings)
    last = today.toordinal() + days - 1
    items = [g for g in (*plan.items, *plan.later) if g.status is Status.OPEN]
    return sorted(
        (g for g in items if g.due.toordinal() <= last), key=lambda g: (g.due, -g.urgency)
    )


@dataclass(frozen=True)
class Export:
    """An export's bytes and what they hold (for the one-line report)."""

    data: bytes
    count: int
    more: int = 0


def calendar_export(
    book: Book,
    *,
    today: date,
    days: int,
    rep: str | None,
    todo: bool = False,
    occasions: bool = False,
) -> Export:
    """The plan of the coming ``days`` (one rep's, or the team's with ``rep=None``); ``more``
    counts the yearly occasions."""
    items = upcoming(book, today, days, rep=rep)
    customers = [c for c in book.customers() if rep is None or c.owner == rep] if occasions else []
    data = plan_calendar(
        items,
        stamp=datetime.now(UTC).replace(microsecond=0),
        tag=book_tag(book),
        todo=todo,
        occasions_of=customers,
    )
    dated = sum(bool(c.birthday) + bool(c.founded) + bool(c.since) for c in customers)
    return Export(data, len(items), dated)


def export_csv(book: Book, folder: Path) -> tuple[int, int]:
    """customers.csv and contacts.csv (archived customers too); how many of each."""
    customers = book.customers(include_archived=True)
    contacts = book.contacts()
    write_whole(folder / CUSTOMERS_FILE, customers_csv(customers))
    write_whole(folder / CONTACTS_FILE, contacts_csv(contacts))
    return len(customers), len(contacts)


def json_export(book: Book) -> Export:
    """Everything: customers, contacts, gesture states, team settings; ``more`` = contacts."""
    customers = book.customers(include_archived=True)
    contacts = book.contacts()
    data = export_document(
        customers,
        contacts,
        book.gestures(),
        book.settings(),
        exported=datetime.now().replace(microsecond=0),
    )
    return Export(data, len(customers), len(contacts))


def gifts_export(book: Book, *, year: int) -> Export:
    """The gift list of ``year`` for the bookkeeper; ``count`` = gifts listed."""
    customers = {c.id: c for c in book.customers(include_archived=True) if c.id is not None}
    contacts = book.contacts(start=date(year, 1, 1), end=date(year, 12, 31))
    settings = GiftSettings.from_mapping(book.settings())
    rows = gift_rows(contacts, customers, year, settings)
    return Export(gift_list_csv(rows), len(rows))
