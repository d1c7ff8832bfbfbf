"""The recent window answers the planner exactly as the whole log would."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from tui.domain.model import Contact, Customer, Kind
from tui.store import recent
from tui.store.book import Book


def _book(path: Path) -> list[int]:
    rng = random.Random(4)
    today = date.today()
    with Book.open(path) as book:
        ids = [book.add_customer(Customer(f"C{n}")).id or 0 for n in range(6)]
        for _ in range(300):
            at = datetime.combine(
                today - timedelta(days=rng.randrange(0, 900)), datetime.min.time()
            )
            gift = rng.random() < 0.2
            book.log_contact(
                Contact(
                    rng.choice(ids),
                    at + timedelta(minutes=rng.randrange(600)),
                    kind=Kind.GIFT if gift else Kind.CALL,
                    amount=Decimal("12.50") if gift else None,
                )
            )
        book.compact()
    return ids


def test_recent_contacts_from_the_window_equal_the_whole_log(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    ids = _book(path)
    with Book.open(path) as book:
        everything = book.contacts()
        for days, keep in ((127, 3), (10, 5), (recent.DAYS, 1), (0, 0)):
            since = date.today() - timedelta(days=days)
            for chosen in (None, ids[:2]):
                got = book.recent_contacts(since, keep=keep, customers=chosen)
                wanted = [c for c in everything if chosen is None or c.customer in chosen]
                expected = [c for c in wanted if c.at.date() >= since]
                for cid in {c.customer for c in wanted}:
                    before = [c for c in wanted if c.customer == cid and c.at.date() < since]
                    expected += before[-keep:] if keep else []
                expected.sort(key=lambda c: (c.at, c.id))
                assert [c.id for c in got] == [c.id for c in expected]
        assert not book._storage.is_loaded("contacts/2020")


def test_this_years_gifts_come_from_the_window(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    ids = _book(path)
    start, end = date(date.today().year, 1, 1), date.today()
    with Book.open(path) as book:
        got = {cid: book.gifts(cid, start=start, end=end) for cid in ids}
        assert not any(book._storage.is_loaded(f"contacts/{y}") for y in range(2020, 2030))
        assert sum(map(len, got.values())) > 5
        for cid in ids:
            expected = [c for c in book.contacts(cid, start=start, end=end) if c.amount]
            assert [c.id for c in got[cid]] == [c.id for c in expected]


def test_window_parts_only_looked_at_are_not_listed(tmp_path: Path) -> None:
    """A part table read while empty has no file; a snapshot must not list it as one."""
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
        assert book.recent_contacts(date.today(), keep=3) == []  # looks at all 16 parts
        book.compact()
    with Book.open(path, create=False) as book:
        assert book.recent_contacts(date.today(), keep=3) == []
        book.log_contact(Contact(1, datetime.now()))
        book.compact()
    with Book.open(path, create=False) as book:
        assert len(book.recent_contacts(date.today(), keep=3)) == 1
    assert sorted(p.name for p in tmp_path.glob("book.recent-*.json")) == ["book.recent-01.json"]
