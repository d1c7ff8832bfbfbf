"""The demo generator: deterministic, valid, and full of the habits the product exists to fix.

Pure tests (no files) except the last two, which write a book: one needs only the file system,
the other the real ``Book`` from the store (skipped until it exists).
"""

from __future__ import annotations

import dataclasses
import re
import sys
import types
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import pytest

from tui.demo.generator import (
    DemoBookExists,
    DemoData,
    demo_reps,
    generate_demo,
    write_demo,
)
from tui.domain.model import (
    Contact,
    Customer,
    Gesture,
    Purpose,
    Reason,
    Status,
    Tier,
    parse_gesture_key,
)

UNTIL = date(2026, 3, 11)  # a Wednesday


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate_demo(customers=300, years=5, seed=1, until=UNTIL)


@pytest.fixture(scope="module")
def team_demo() -> DemoData:
    return generate_demo(customers=300, seed=7, until=UNTIL, reps=["alice", "bob", "carol"])


def _last_contact(data: DemoData) -> dict[int, date]:
    last: dict[int, date] = {}
    for contact in data.contacts:  # sorted by time, so the last one wins
        last[contact.customer] = contact.day
    return last


def test_same_arguments_give_the_same_book() -> None:
    first = generate_demo(customers=60, years=3, seed=5, until=UNTIL)
    again = generate_demo(customers=60, years=3, seed=5, until=UNTIL)
    assert first == again


def test_another_seed_gives_another_book() -> None:
    first = generate_demo(customers=60, years=3, seed=5, until=UNTIL)
    other = generate_demo(customers=60, years=3, seed=6, until=UNTIL)
    assert [c.name for c in first.customers] != [c.name for c in other.customers]
    assert len(first.contacts) != len(other.contacts) or first.contacts != other.contacts


def test_the_size_matches_a_reps_book(demo: DemoData) -> None:
    assert len(demo.customers) == 300
    assert 22_000 <= len(demo.contacts) <= 28_000  # about 17 per customer and year
    assert all(c.id is None for c in demo.customers)


def test_every_object_is_valid(demo: DemoData) -> None:
    """Constructing validates: rebuilding each object runs the model's checks again."""
    for customer in demo.customers:
        assert isinstance(customer, Customer)
        dataclasses.replace(customer)
    for contact in demo.contacts:
        assert isinstance(contact, Contact)
        dataclasses.replace(contact)
        assert 1 <= contact.customer <= len(demo.customers)
    for gesture in demo.gestures:
        assert isinstance(gesture, Gesture)
        dataclasses.replace(gesture)
        assert 1 <= gesture.customer <= len(demo.customers)
        assert parse_gesture_key(gesture.key)[:2] == (gesture.customer, gesture.reason)


def test_history_stays_inside_its_window_in_time_order(demo: DemoData) -> None:
    days = [c.day for c in demo.contacts]
    assert max(days) <= UNTIL
    assert min(days) >= demo.first_day == date(2021, 3, 12)
    assert [c.at for c in demo.contacts] == sorted(c.at for c in demo.contacts)
    assert all(c.at.hour < 9 for c in demo.contacts if c.day == UNTIL)  # opened in the morning
    assert all(c.at.weekday() < 5 for c in demo.contacts)


def test_tiers_are_about_20_30_50(demo: DemoData) -> None:
    tiers = Counter(c.tier for c in demo.customers)
    total = len(demo.customers)
    assert abs(tiers[Tier.A] / total - 0.2) < 0.03
    assert abs(tiers[Tier.B] / total - 0.3) < 0.03
    assert abs(tiers[Tier.C] / total - 0.5) < 0.03


def test_regions_span_german_states_and_a_few_neighbours(demo: DemoData) -> None:
    regions = Counter(c.region for c in demo.customers)
    german = {r for r in regions if r.startswith("DE-")}
    assert len(german) >= 10
    assert any(r.startswith("AT-") for r in regions)
    assert any(r.startswith("CH-") for r in regions)
    abroad = sum(n for r, n in regions.items() if not r.startswith("DE-"))
    assert 0 < abroad / len(demo.customers) < 0.15


def test_people_and_companies_look_german(demo: DemoData) -> None:
    companies = [c.company for c in demo.customers]
    assert len(set(companies)) == len(companies)
    forms = ("GmbH", "AG", "KG", "e.K.", "GmbH & Co. KG")
    for form in forms:
        assert any(name.endswith(" " + form) for name in companies), form
    assert any(re.search(r"[äöüß]", c.name) for c in demo.customers)
    phone = re.compile(r"^\+4[139] \d{1,4} \d{4,9}(-\d{2})?$")
    assert all(phone.match(c.phone) for c in demo.customers if c.phone)
    personal = re.compile(r"^[a-z-]+\.[a-z-]+@[a-z0-9-]+\.(de|at|ch)$")
    emails = [c.email for c in demo.customers if c.email and not c.email.startswith("info@")]
    assert emails and all(personal.match(e) for e in emails)
    owners = Counter(c.owner for c in demo.customers)
    assert len(owners) >= 3


def test_birthdays_some_without_year_and_on_29_february(demo: DemoData) -> None:
    birthdays = [c.birthday for c in demo.customers if c.birthday is not None]
    assert len(birthdays) > len(demo.customers) / 2
    assert any(b.year is None for b in birthdays)
    assert any((b.month, b.day) == (2, 29) for b in birthdays)
    assert any(c.birthday is None for c in demo.customers)


def test_dates_coming_up_anniversaries_and_renewals(demo: DemoData) -> None:
    round_soon = [
        c
        for c in demo.customers
        if c.founded is not None
        and any(
            UNTIL
            < c.founded.replace(year=year, day=min(c.founded.day, 28))
            <= UNTIL + timedelta(120)
            and (year - c.founded.year) % 25 in (0, 10, 20)
            for year in (UNTIL.year, UNTIL.year + 1)
        )
    ]
    assert round_soon
    renewals = [c.renewal for c in demo.customers if c.renewal is not None]
    assert any(r <= UNTIL + timedelta(30) for r in renewals)
    assert any(UNTIL + timedelta(30) < r <= UNTIL + timedelta(90) for r in renewals)
    assert all(r > UNTIL for r in renewals)
    assert any(c.tags for c in demo.customers)


def test_some_notes_carry_markup_like_text(demo: DemoData) -> None:
    notes = [c.notes for c in demo.customers]
    assert any("[bold]" in n for n in notes)
    assert any("$" in n for n in notes)


def test_december_bunching_in_past_years(demo: DemoData) -> None:
    past = [c for c in demo.contacts if c.at.year < UNTIL.year]
    december = sum(c.at.month == 12 for c in past) / len(past)
    assert december > 0.14  # an even year would give 1/12 = 0.083
    gifts = [c for c in past if c.amount is not None]
    assert sum(g.at.month == 12 for g in gifts) / len(gifts) > 0.7
    assert any(g.amount > Decimal(50) for g in gifts if g.at.month == 12)
    assert any(g.amount <= Decimal(50) for g in gifts if g.at.month == 12)


def test_some_a_customers_neglected_for_months(demo: DemoData) -> None:
    last = _last_contact(demo)
    silent = [
        position
        for position, customer in enumerate(demo.customers, 1)
        if customer.tier is Tier.A
        and not customer.archived
        and (UNTIL - last.get(position, demo.first_day)).days > 90
    ]
    assert len(silent) >= 3


def test_one_rep_calls_mostly_to_sell_and_deals_are_won(demo: DemoData) -> None:
    purposes: dict[str, Counter[Purpose]] = {}
    for contact in demo.contacts:
        purposes.setdefault(contact.rep, Counter())[contact.purpose] += 1
    sales_share = {rep: c[Purpose.SALES] / sum(c.values()) for rep, c in purposes.items()}
    assert max(sales_share.values()) > 0.7
    assert min(sales_share.values()) < 0.45
    assert sum(c.won for c in demo.contacts) > 100
    kinds = {c.kind for c in demo.contacts}
    assert len(kinds) == 7


def test_fresh_customers_have_no_follow_up(demo: DemoData) -> None:
    fresh = {
        position: customer.since
        for position, customer in enumerate(demo.customers, 1)
        if customer.since is not None and customer.since >= UNTIL - timedelta(days=30)
    }
    assert fresh
    for contact in demo.contacts:
        since = fresh.get(contact.customer)
        assert since is None or contact.day <= since
    won_on_since = {c.customer for c in demo.contacts if c.won and c.day == fresh.get(c.customer)}
    assert won_on_since == set(fresh)


def test_gestures_include_manual_snoozed_and_skipped(demo: DemoData) -> None:
    statuses = Counter((g.reason, g.status) for g in demo.gestures)
    assert statuses[(Reason.MANUAL, Status.OPEN)] >= 2
    assert statuses[(Reason.CADENCE, Status.SNOOZED)] >= 1
    assert any(status is Status.SKIPPED for _reason, status in statuses)
    assert len({g.key for g in demo.gestures}) == len(demo.gestures)


def test_the_first_rep_owns_a_third_and_has_a_full_today(team_demo: DemoData) -> None:
    data = team_demo
    assert data.reps == ("alice", "bob", "carol")
    mine = {p: c for p, c in enumerate(data.customers, 1) if c.owner == "alice"}
    assert 0.28 < len(mine) / len(data.customers) < 0.4
    last = _last_contact(data)
    overdue_a = [p for p, c in mine.items() if c.tier is Tier.A and (UNTIL - last[p]).days > 30]
    assert len(overdue_a) >= 3
    birthdays = [c.birthday for c in mine.values() if c.birthday is not None]
    assert any(b.in_year(UNTIL.year) == UNTIL for b in birthdays)
    assert sum(UNTIL < b.in_year(UNTIL.year) <= UNTIL + timedelta(6) for b in birthdays) >= 2
    fresh = [p for p, c in mine.items() if c.since and c.since >= UNTIL - timedelta(days=8)]
    assert len(fresh) >= 2 and all(last[p] == mine[p].since for p in fresh)
    manual_today = [g for g in data.gestures if g.customer in mine and g.due == UNTIL]
    assert manual_today
    bob = [c for c in data.contacts if c.rep == "bob"]
    assert sum(c.purpose is Purpose.SALES for c in bob) / len(bob) > 0.7


def test_a_single_rep_owns_everything() -> None:
    data = generate_demo(customers=40, years=2, seed=3, until=UNTIL, reps=["solo", "solo"])
    assert data.reps == ("solo",)
    assert {c.owner for c in data.customers} == {"solo"}
    assert {c.rep for c in data.contacts} == {"solo"}


def test_tiny_books_still_work() -> None:
    for count in (1, 2, 5, 17):
        data = generate_demo(customers=count, years=1, seed=count, until=date(2024, 2, 29))
        assert len(data.customers) == count
        assert all(c.day <= date(2024, 2, 29) for c in data.contacts)


def test_demo_reps_puts_the_login_first_without_twins() -> None:
    assert demo_reps("akaya")[0] == "akaya"
    assert demo_reps("akaya").count("akaya") == 1
    assert len(demo_reps("someone")) == 5


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"customers": 0}, "at least one customer"),
        ({"years": 0}, "between 1 and 50"),
        ({"reps": []}, "rep logins"),
        ({"reps": ["ok", " "]}, "rep logins"),
    ],
)
def test_bad_arguments_say_what_is_wrong(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate_demo(until=UNTIL, **arguments)  # type: ignore[arg-type]


def test_write_demo_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    path.write_bytes(b'{"precious": true}')
    with pytest.raises(DemoBookExists, match="already exists"):
        write_demo(path, customers=5, until=UNTIL)
    assert path.read_bytes() == b'{"precious": true}'


def test_write_demo_fills_a_real_book(tmp_path: Path) -> None:
    book_module = pytest.importorskip(
        "tui.store.book", reason="tui.store.book comes from the store branch; runs after merge"
    )
    path = tmp_path / "demo.json"
    calls: list[tuple[int, int]] = []
    summary = write_demo(
        path,
        customers=40,
        years=2,
        seed=2,
        until=UNTIL,
        reps=["tester", "bob"],
        progress=lambda done, total: calls.append((done, total)),
    )
    expected = generate_demo(customers=40, years=2, seed=2, until=UNTIL, reps=["tester", "bob"])
    assert summary.path == path
    assert (summary.customers, summary.contacts, summary.gestures) == (
        40,
        len(expected.contacts),
        len(expected.gestures),
    )
    assert calls and calls[-1][0] == calls[-1][1]
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
    with book_module.Book.open(path, create=False) as book:
        customers = book.customers(include_archived=True)
        assert [c.name for c in customers] == [c.name for c in expected.customers]
        assert len(book.contacts()) == len(expected.contacts)
        assert len(book.gestures()) == len(expected.gestures)
        assert book.settings()["capacity"] == 8
        assert book.settings()["region"] == "DE"


class _FakeBook:
    """Records what ``write_demo`` asks of the Book API (the contract in CONTRACTS.md)."""

    opened: ClassVar[list[_FakeBook]] = []

    def __init__(self, path: Path) -> None:
        self.path = path
        self.loaded: tuple[int, int, int] | None = None
        self.settings: dict[str, object] = {}
        self.closed = False

    @classmethod
    def open(cls, path: Path, *, create: bool = True, lock_timeout: float = 10.0) -> _FakeBook:
        assert create and not path.exists()
        book = cls(path)
        cls.opened.append(book)
        return book

    def bulk_load(
        self, customers: list[Customer], contacts: list[Contact], gestures: list[Gesture] = ()
    ) -> list[Customer]:
        self.loaded = (len(customers), len(contacts), len(gestures))
        self.path.write_text("{}")
        return [dataclasses.replace(c, id=i) for i, c in enumerate(customers, 1)]

    def update_settings(self, changes: dict[str, object]) -> dict[str, object]:
        self.settings.update(changes)
        return self.settings

    def close(self) -> None:
        self.closed = True


def test_write_demo_loads_everything_in_one_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = types.ModuleType("tui.store.book")
    fake.Book = _FakeBook  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tui.store.book", fake)
    calls: list[tuple[int, int]] = []
    summary = write_demo(
        tmp_path / "b.json", customers=30, years=2, until=UNTIL, progress=lambda *a: calls.append(a)
    )
    book = _FakeBook.opened[-1]
    assert book.loaded == (30, summary.contacts, summary.gestures)
    assert book.settings == {"capacity": 8, "region": "DE"}
    assert book.closed
    total = calls[0][1]
    assert all(t == total for _done, t in calls) and calls[-1] == (total, total)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
    assert calls[-2][0] == 30  # generation reported every customer before the write


def test_no_day_collects_the_future_at_the_end_of_history() -> None:
    """This year's December contacts are not piled onto ``until``: it is an ordinary day."""
    data = generate_demo(customers=300, years=2, seed=3, until=date(2026, 11, 23))
    per_day = Counter(c.at.date() for c in data.contacts)
    busiest_ordinary = max(n for day, n in per_day.items() if day.month not in (11, 12))
    assert per_day[date(2026, 11, 23)] <= busiest_ordinary
