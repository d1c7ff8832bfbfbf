"""Upgrades of an older book: the schema (``migrations.py``) and the file layout.

Layout 1 kept every contact in the main file; layout 2 keeps them in one part file per year
plus the planner's recent window (see ``layout.py`` and ``recent.py``). Both upgrades work on the
*logical* tables (``{"contacts": {...}}`` as one table, whatever the layout), so a schema
migration step never has to know about part files; the result is split into the current layout.

An upgrade is computed in memory when the book is read; the files are untouched until the first
change, which copies them to ``<file>.schema<N>.bak`` (or ``.layout1.bak``) and writes the
upgraded book as one snapshot. So a read-only command never converts a file, and only a file that
is a kundenpflege book (or its prototype) is upgraded at all.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from tui.store import migrations, recent
from tui.store.errors import BookCorrupt, BookTooNew, NotABook
from tui.store.snapshot import TableData, Tables

CONTACTS = "contacts"
META = "meta"
#: tables a kundenpflege book (of any version) may have in its main file
KNOWN_TABLES = frozenset(migrations.TABLES) | {"_storage", "_default"}


def check_main(path: Path, tables: Tables, known: int) -> None:
    """Refuse a main file we must not read: a newer schema, a foreign file, a bad meta."""
    try:
        found = migrations.schema_of(tables)
    except migrations.SchemaError as error:
        raise BookCorrupt(path, str(error)) from None
    if found > known:
        raise BookTooNew(path, found, known)
    if found == 0:
        ours = set(migrations.TABLES) & set(tables)
        if not ours or set(tables) - KNOWN_TABLES:
            raise NotABook(path)


def is_layout_1(tables: Tables) -> bool:
    """Contacts still in the main file."""
    return CONTACTS in tables


def logical(tables: Tables) -> Tables:
    """The book as one table per kind: year tables merged into ``contacts``, no recent window."""
    merged: Tables = {}
    contacts: TableData = dict(tables.get(CONTACTS, {}))
    for name, docs in tables.items():
        if name.startswith(CONTACTS + "/"):
            contacts.update(docs)
        elif name != CONTACTS and name != recent.RECENT and not recent.is_window(name):
            merged[name] = docs
    merged[CONTACTS] = contacts
    return merged


def split(path: Path, tables: Tables, today: date) -> Tables:
    """Logical tables in the current layout: contacts by year, the recent window, its start."""
    result = {name: docs for name, docs in tables.items() if name != CONTACTS}
    contacts = tables.get(CONTACTS, {})
    for doc_id, doc in contacts.items():
        result.setdefault(year_table(path, doc_id, doc.get("at")), {})[doc_id] = doc
    since = recent.window_start(today).isoformat()
    customers = tables.get("customers", {})

    def owner_of(customer: object) -> object:
        return customers.get(str(customer), {}).get("owner")

    result.update(recent.split(contacts, since, owner_of))
    meta = result.setdefault(META, {}).setdefault("1", {})
    meta.update(recent.meta(since))
    return result


def year_table(path: Path, doc_id: str, at: object) -> str:
    """``contacts/2026`` for a contact at 2026-..., BookCorrupt for a contact without a time."""
    if not isinstance(at, str) or len(at) < 10 or not at[:4].isdigit():
        raise BookCorrupt(path, f"contact {doc_id} has no valid time")
    return f"{CONTACTS}/{at[:4]}"


def upgraded(path: Path, tables: Tables, known: int, app: str) -> tuple[Tables, str] | None:
    """The book in the current schema and layout, and the backup suffix; None if it is current.

    ``tables`` must hold every table (part files read).
    """
    found = migrations.schema_of(tables)
    if found >= known and not is_layout_1(tables):
        return None
    book = logical(tables)
    suffix = ".layout1.bak"
    if found < known:
        context = migrations.MigrationContext(
            now=datetime.now().isoformat(timespec="seconds"), app=app
        )
        try:
            book = migrations.migrate(book, found, known, context)
        except migrations.SchemaError as error:
            raise BookCorrupt(path, str(error)) from None
        suffix = f".schema{found}.bak"
    return split(path, book, date.today()), suffix
