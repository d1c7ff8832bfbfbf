"""Schema migrations: each step turns the tables of schema N into those of schema N+1.

The book's ``meta`` document carries ``schema``. On open, an older book is first copied to
``book.json.schema<N>.bak`` and then migrated step by step and written as one new snapshot; a
newer one is refused (BookTooNew) without touching it. Steps work on plain TinyDB tables
(``{table: {id: document}}``), never on the domain classes, so an old step keeps working when the
model changes later.

Schema 0 is a book without a ``meta`` document: a file written by stock TinyDB or by the first
prototype, where a gift value could be a JSON number and a contact's time was called ``date``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

Tables = dict[str, dict[str, dict[str, Any]]]
#: one step: (tables of schema N, context) -> tables of schema N+1
Migration = Callable[[Tables, "MigrationContext"], Tables]

META_TABLE = "meta"
TABLES = ("meta", "customers", "contacts", "gestures", "settings")


class MigrationContext:
    """What a step may need from outside: the time of the migration and the app's name."""

    def __init__(self, now: str, app: str) -> None:
        self.now = now
        self.app = app


class SchemaError(ValueError):
    """The ``meta`` document is not of a shape any version wrote."""


def schema_of(tables: Tables) -> int:
    """The schema version of a book's tables; 0 if it has no meta document yet."""
    meta = tables.get(META_TABLE) or {}
    if not meta:
        return 0
    document = meta.get("1") or next(iter(meta.values()))
    schema = document.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise SchemaError(f"meta.schema is {schema!r}, not a version number")
    return schema


def _money_text(value: Any) -> Any:
    """12.5 -> "12.50" (exact decimals instead of floats); anything odd is left for the checks."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return value
    try:
        return str(Decimal(str(value)).quantize(Decimal("0.01")))
    except InvalidOperation:
        return value


def _from_0(tables: Tables, context: MigrationContext) -> Tables:
    """Add meta, make every table exist, gift values to strings, ``date`` to ``at``."""
    for name in TABLES:
        tables.setdefault(name, {})
    for contact in tables["contacts"].values():
        if "at" not in contact and "date" in contact:
            contact["at"] = contact.pop("date")
        if contact.get("gift_eur") is not None:  # schema 1 still named it so (see _from_1)
            contact["gift_eur"] = _money_text(contact["gift_eur"])
    tables[META_TABLE] = {"1": {"schema": 1, "created": context.now, "app": context.app}}
    return tables


def _from_1(tables: Tables, context: MigrationContext) -> Tables:
    """A gift's value carries its currency: ``gift_eur`` becomes ``amount`` + ``currency``.

    Schema 1 stored every amount as ``gift_eur``, although a Swiss customer's gifts were meant in
    francs (the gift table's currency for CH); those become CHF, everything else EUR.
    """
    regions = {key: str(doc.get("region", "")) for key, doc in tables.get("customers", {}).items()}
    for contact in tables.get("contacts", {}).values():
        if "gift_eur" not in contact:
            continue
        value = contact.pop("gift_eur")
        if value is None:
            continue
        contact["amount"] = _money_text(value)
        swiss = regions.get(str(contact.get("customer")), "").split("-")[0] == "CH"
        contact["currency"] = "CHF" if swiss else "EUR"
    return tables


#: from-version -> step to from-version + 1
MIGRATIONS: dict[int, Migration] = {0: _from_0, 1: _from_1}


def migrate(
    tables: Tables,
    found: int,
    target: int,
    context: MigrationContext,
    steps: dict[int, Migration] | None = None,
) -> Tables:
    """Run the steps ``found -> found+1 -> ... -> target``; each step sets the new schema."""
    steps = MIGRATIONS if steps is None else steps
    for version in range(found, target):
        step = steps.get(version)
        if step is None:
            raise SchemaError(f"no migration from schema {version} to {version + 1}")
        tables = step(tables, context)
        meta = tables.setdefault(META_TABLE, {}).setdefault("1", {})
        meta["schema"] = version + 1
    return tables
