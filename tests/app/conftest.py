"""App fixtures: a fixed clock, a small hand-made book on disk, and the app on both."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tui.app.app import KundenpflegeApp
from tui.config import Config
from tui.domain.model import Birthday, Contact, Customer, Kind, Purpose, Tier
from tui.store.book import Book

NOW = datetime(2026, 3, 16, 9, 41)  # a Monday
TODAY = NOW.date()

MakeApp = Callable[..., KundenpflegeApp]


def fixed_clock() -> datetime:
    return NOW


def fill_book(book: Book) -> list[Customer]:
    """Five customers of the rep ``tester`` (one of them a trap for markup), one of a colleague."""
    customers = book.bulk_load(
        [
            Customer(
                name="Anna Müller",
                company="Müller GmbH",
                tier=Tier.A,
                owner="tester",
                phone="+49 89 1234",
                email="anna@mueller.example",
                birthday=Birthday(3, 16, 1970),
                since=date(2019, 5, 1),
                region="DE-BY",
                tags=("wine",),
            ),
            Customer(name="Jörg Schmidt", company="Schmidt & Co", tier=Tier.B, owner="tester"),
            Customer(name="Weber", company="Weber GmbH", tier=Tier.A, owner="tester"),
            Customer(
                name="[bold]Evil[/bold]",
                company="\x1b]0;pwned\x07ACME",
                tier=Tier.C,
                owner="tester",
                notes="[link=https://x.example]click[/link]",
            ),
            Customer(name="Petra Lang", company="Lang AG", tier=Tier.A, owner="colleague"),
            Customer(
                name="Heinz Berg",
                company="Berg Logistik",
                tier=Tier.B,
                owner="tester",
                birthday=Birthday(3, 25),
            ),
        ],
        [
            Contact(
                customer=1,
                at=datetime(2026, 1, 20, 10, 0),
                kind=Kind.CALL,
                purpose=Purpose.SALES,
                minutes=15,
                note="asked about [bold]prices[/bold] \x1b[31mred",
                rep="tester",
            ),
            Contact(
                customer=1,
                at=datetime(2026, 2, 2, 11, 0),
                kind=Kind.GIFT,
                purpose=Purpose.CARE,
                amount=Decimal("30"),
                note="Wein",
                rep="tester",
            ),
            Contact(customer=2, at=datetime(2025, 10, 1, 9, 0), rep="tester", note="intro"),
            Contact(customer=3, at=datetime(2026, 3, 10, 9, 0), rep="tester", note="recent"),
            Contact(customer=5, at=datetime(2025, 11, 1, 9, 0), rep="colleague"),
            Contact(customer=6, at=datetime(2026, 3, 2, 16, 0), kind=Kind.VISIT, rep="tester"),
        ],
    )
    return customers


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        fill_book(book)
    return path


@pytest.fixture
def book(book_path: Path) -> Iterator[Book]:
    with Book.open(book_path) as opened:
        yield opened


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(theme="textual-dark", rep="tester", path=tmp_path / "config.toml")


@pytest.fixture
def make_app(book: Book, config: Config) -> MakeApp:
    """``make_app()`` builds the app on the fixture book; keyword arguments override."""

    def make(**overrides: object) -> KundenpflegeApp:
        options: dict[str, object] = {
            "rep": "tester",
            "clock": fixed_clock,
            "config": config,
            "poll_seconds": 0,
        }
        options.update(overrides)
        target = options.pop("book", book)
        assert isinstance(target, Book)
        return KundenpflegeApp(target, **options)  # type: ignore[arg-type]

    return make
