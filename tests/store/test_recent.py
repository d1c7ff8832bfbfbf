"""The recent window answers the planner exactly as the whole log would."""

from __future__ import annotations

import dataclasses
import json
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
        owners = ("anna", "bert", "Ömer Kaya")  # the last one is no plain file name
        ids = [book.add_customer(Customer(f"C{n}", owner=owners[n % 3])).id or 0 for n in range(6)]
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
        book.add_customer(Customer("A", owner="anna"))
        assert book.recent_contacts(date.today(), keep=3) == []  # looks at every rep's part
        book.compact()
    with Book.open(path, create=False) as book:
        assert book.recent_contacts(date.today(), keep=3) == []
        book.log_contact(Contact(1, datetime.now()))
        book.compact()
    with Book.open(path, create=False) as book:
        assert len(book.recent_contacts(date.today(), keep=3)) == 1
    assert sorted(p.name for p in tmp_path.glob("book.recent-*.json")) == [
        "book.recent-anna.1.json"
    ]


def _window(book: Book) -> list[int]:
    """Every contact the window holds, by id (what the planner may read)."""
    return sorted(c.id or 0 for c in book.recent_contacts(date.min, keep=recent.KEEP))


def test_one_reps_plan_reads_that_reps_part_only(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    ids = _book(path)
    annas = [cid for n, cid in enumerate(ids) if n % 3 == 0]
    mine = {recent.table("anna", cid) for cid in annas}
    with Book.open(path, create=False) as book:
        since = date.today() - timedelta(days=30)
        got = book.recent_contacts(since, keep=3, customers=annas)
        assert got and {c.customer for c in got} <= set(annas)
        window = [n for n in book._storage.tables() if recent.is_window(n)]
        assert {n for n in window if book._storage.is_loaded(n)} == mine
        assert len(window) > len(mine)  # the others' parts stay unread
    with Book.open(path, create=False) as book:  # one customer (kp log): one part of its rep's
        book.recent_contacts(since, keep=3, customers=[annas[0]])
        window = [n for n in book._storage.tables() if recent.is_window(n)]
        assert {n for n in window if book._storage.is_loaded(n)} == {recent.table("anna", annas[0])}
    assert recent.table("Ömer Kaya", 1) != recent.table("bert", 1)
    assert recent.table("Ömer Kaya", 1).startswith("recent/x")  # a hash, no umlaut in a name


def test_a_customer_handed_to_another_rep_takes_the_window_along(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    ids = _book(path)
    since = date.today() - timedelta(days=recent.DAYS)
    with Book.open(path, create=False) as book:
        before = [c.id for c in book.recent_contacts(since, keep=3, customers=[ids[0]])]
        book.update_customer(dataclasses.replace(book.customer(ids[0]), owner="bert"))
    with Book.open(path, create=False) as book:
        after = [c.id for c in book.recent_contacts(since, keep=3, customers=[ids[0]])]
        assert after == before and len(after) > 3
        annas = book._storage.table_data(recent.table("anna", ids[0]))
        assert not any(doc["customer"] == ids[0] for doc in annas.values())


def _keep_window_by_id(path: Path) -> None:
    """Rewrite a compacted book's window files as a book from before kept them: by id."""
    main = json.loads(path.read_text())
    docs: dict[str, dict[str, object]] = {}
    for part in sorted(path.parent.glob("book.recent-*.json")):
        docs.update(json.loads(part.read_text())["recent"])
        part.unlink()
    legacy: dict[str, dict[str, object]] = {}
    for doc_id, doc in docs.items():
        legacy.setdefault(recent.legacy_table(doc["customer"]), {})[doc_id] = doc
    for name, part_docs in legacy.items():
        file = path.with_name(f"book.{name.replace('/', '-')}.json")
        file.write_text(json.dumps({"recent": part_docs}))
    storage = main["_storage"]["1"]
    storage["parts"] = [p for p in storage["parts"] if not recent.is_window(p)] + sorted(legacy)
    del main["meta"]["1"]["recent_by"]
    path.write_text(json.dumps(main))


def test_a_window_kept_by_customer_id_is_read_and_then_rebuilt_per_rep(tmp_path: Path) -> None:
    """A book from before the window was kept per rep: right answers at once, one file per rep
    after its next change, and nothing lost on the way."""
    path = tmp_path / "book.json"
    ids = _book(path)
    with Book.open(path, create=False) as book:
        expected = _window(book)
        berts = [c.id for c in book.recent_contacts(date.min, keep=3, customers=[ids[1]])]
    _keep_window_by_id(path)
    with Book.open(path, create=False) as book:
        assert not recent.is_by_owner(book._storage.table_data("meta")["1"])
        assert _window(book) == expected
        assert berts == [c.id for c in book.recent_contacts(date.min, keep=3, customers=[ids[1]])]
        book.log_contact(Contact(ids[1], datetime.now()))
    with Book.open(path, create=False) as book:
        assert recent.is_by_owner(book._storage.table_data("meta")["1"])
        assert len(_window(book)) == len(expected) + 1
        berts = (ids[1], ids[4])
        bert = [
            d for c in berts for d in book._storage.table_data(recent.table("bert", c)).values()
        ]
        assert bert and all(doc["customer"] in berts for doc in bert)
        for name in (n for n in book._storage.tables() if recent.is_window(n)):
            if name.split("/")[1].isdigit():  # the old parts by id are empty now
                assert book._storage.table_data(name) == {}


def test_a_look_back_beyond_the_window_reads_only_the_years_it_reaches(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    ids = _book(path)
    since = date.today() - timedelta(days=400)
    with Book.open(path, create=False) as book:
        got = book.recent_contacts(since, keep=3, customers=ids[:3])
        loaded = {y for y in range(2000, 2100) if book._storage.is_loaded(f"contacts/{y}")}
        assert loaded == set(range(since.year, date.today().year + 1))  # not the oldest year
    with Book.open(path, create=False) as book:
        everything = [c for c in book.contacts() if c.customer in ids[:3]]
    expected = [c for c in everything if c.at.date() >= since]
    for cid in ids[:3]:
        expected += [c for c in everything if c.customer == cid and c.at.date() < since][-3:]
    assert sorted(c.id or 0 for c in got) == sorted(c.id or 0 for c in expected)
