"""Older books are migrated after a backup copy; the steps run in order; newer ones are refused."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest
from tinydb import TinyDB

from tui.domain.model import Contact, Customer
from tui.store import migrations
from tui.store.book import Book
from tui.store.errors import BookCorrupt, BookTooNew


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "book.json"


def _schema_0_book(path: Path) -> bytes:
    """A book as the first prototype wrote it with stock TinyDB: no meta, float gifts, ``date``."""
    db = TinyDB(path)
    db.table("customers").insert_multiple(
        [
            {"name": "Hans Müller", "company": "Müller GmbH", "tier": "A", "region": "DE-BY"},
            {"name": "Eva Schulz", "tier": "B", "birthday": "--02-29"},
        ]
    )
    db.table("contacts").insert_multiple(
        [
            {"customer": 1, "date": "2024-12-20T10:00:00", "kind": "gift", "purpose": "care",
             "rep": "mm", "gift_eur": 34.9},
            {"customer": 2, "date": "2025-01-07T09:15:00", "kind": "call", "purpose": "sales",
             "rep": "mm"},
        ]
    )  # fmt: skip
    db.close()
    return path.read_bytes()


def test_schema_0_is_migrated_after_a_backup(path: Path) -> None:
    original = _schema_0_book(path)
    with Book.open(path) as book:
        assert book.meta["schema"] == Book.SCHEMA and book.meta["app"].startswith("kundenpflege")
        assert [c.name for c in book.customers()] == ["Hans Müller", "Eva Schulz"]
        gift, call = book.contacts()
        assert gift.amount == Decimal("34.90") and gift.at == datetime(2024, 12, 20, 10)
        assert gift.currency == "EUR"
        assert call.customer == 2
        assert book.customer(2).birthday is not None
        assert book.add_customer(Customer("New")).id == 3  # counters continue after old ids
        book.log_contact(Contact(3, datetime(2026, 1, 5, 9)))
    assert path.with_name("book.json.schema0.bak").read_bytes() == original
    data = orjson.loads(path.read_bytes())
    assert data["meta"]["1"]["schema"] == Book.SCHEMA
    assert "contacts" not in data  # contacts moved to one file per year
    year = orjson.loads(path.with_name("book.contacts-2024.json").read_bytes())["contacts"]
    assert year["1"]["amount"] == "34.90" and "date" not in year["1"]
    assert "gift_eur" not in year["1"]
    with Book.open(path) as book:  # opening again migrates nothing
        assert len(book.contacts()) == 3
    assert path.with_name("book.json.schema0.bak").read_bytes() == original


def test_migrations_run_step_by_step(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Book.open(path) as book:
        book.add_customer(Customer("A", tier="A"))
        book.log_contact(Contact(1, datetime(2026, 1, 5, 9)))
    current = Book.SCHEMA
    schema_1 = path.read_bytes()
    journal_1 = path.with_name("book.json.journal").read_bytes()
    seen: list[int] = []

    def to_2(tables: migrations.Tables, context: migrations.MigrationContext) -> migrations.Tables:
        seen.append(2)
        for customer in tables["customers"].values():
            customer["notes"] = "migrated"
        return tables

    def to_3(tables: migrations.Tables, context: migrations.MigrationContext) -> migrations.Tables:
        seen.append(3)
        assert tables["meta"]["1"]["schema"] == current + 1
        return tables

    monkeypatch.setitem(migrations.MIGRATIONS, current, to_2)
    monkeypatch.setitem(migrations.MIGRATIONS, current + 1, to_3)
    monkeypatch.setattr(Book, "SCHEMA", current + 2)
    with Book.open(path) as book:
        assert seen == [2, 3]
        assert book.meta["schema"] == current + 2
        assert book.customer(1).notes == "migrated"
        assert len(book.contacts()) == 1  # journal lines were folded in before migrating
    # reading migrates in memory only: the files are untouched until the first change
    assert path.read_bytes() == schema_1
    assert not path.with_name(f"book.json.schema{current}.bak").exists()
    with Book.open(path) as book:
        book.add_customer(Customer("B"))
    assert path.with_name(f"book.json.schema{current}.bak").read_bytes() == schema_1
    assert path.with_name(f"book.json.journal.schema{current}.bak").read_bytes() == journal_1
    monkeypatch.setattr(Book, "SCHEMA", current)
    before = path.read_bytes()
    with pytest.raises(BookTooNew):
        Book.open(path)
    assert path.read_bytes() == before


def test_a_missing_step_leaves_the_book_alone(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
    before = path.read_bytes()
    monkeypatch.setattr(Book, "SCHEMA", Book.SCHEMA + 1)
    with pytest.raises(BookCorrupt):
        Book.open(path)
    assert path.read_bytes() == before


def test_schema_of() -> None:
    assert migrations.schema_of({}) == 0
    assert migrations.schema_of({"meta": {}}) == 0
    assert migrations.schema_of({"meta": {"1": {"schema": 4}}}) == 4
    for bad in ("1", True, None, -2):
        document: dict[str, Any] = {"schema": bad}
        with pytest.raises(migrations.SchemaError):
            migrations.schema_of({"meta": {"1": document}})


def test_money_text_keeps_odd_values_for_the_checks() -> None:
    context = migrations.MigrationContext(now="2026-01-01T00:00:00", app="kp")
    tables: migrations.Tables = {"contacts": {"1": {"gift_eur": "abc"}, "2": {"gift_eur": 5}}}
    migrated = migrations.migrate(tables, 0, 1, context)
    assert migrated["contacts"]["1"]["gift_eur"] == "abc"
    assert migrated["contacts"]["2"]["gift_eur"] == "5.00"
    assert migrated["meta"]["1"] == {"schema": 1, "created": "2026-01-01T00:00:00", "app": "kp"}
    assert date.fromisoformat(migrated["meta"]["1"]["created"][:10])


def test_schema_1_gift_values_carry_their_currency(path: Path) -> None:
    """``gift_eur`` becomes ``amount`` + ``currency``: francs for a Swiss customer."""
    context = migrations.MigrationContext(now="2026-01-01T00:00:00", app="kp")
    tables: migrations.Tables = {
        "meta": {"1": {"schema": 1}},
        "customers": {"1": {"name": "A", "region": "DE-BY"}, "2": {"name": "B", "region": "CH-ZH"}},
        "contacts": {
            "1": {"customer": 1, "kind": "gift", "gift_eur": "34.90"},
            "2": {"customer": 2, "kind": "gift", "gift_eur": "120.00"},
            "3": {"customer": 2, "kind": "call", "gift_eur": None},
            "4": {"customer": 1, "kind": "call"},
        },
    }
    contacts = migrations.migrate(tables, 1, 2, context)["contacts"]
    assert contacts["1"] == {"customer": 1, "kind": "gift", "amount": "34.90", "currency": "EUR"}
    assert contacts["2"]["amount"] == "120.00" and contacts["2"]["currency"] == "CHF"
    assert contacts["3"] == {"customer": 2, "kind": "call"}
    assert contacts["4"] == {"customer": 1, "kind": "call"}
