"""Every Book operation on a real file, and that a reopened book says the same."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tui.domain.model import (
    Birthday,
    Contact,
    Customer,
    Gesture,
    Kind,
    Purpose,
    Reason,
    Status,
    Tier,
    ValidationError,
    gesture_key,
)
from tui.store.book import Book
from tui.store.errors import BookError, BookMissing, NotFound


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "book.json"


def _full_customer() -> Customer:
    return Customer(
        name="Hans Müller",
        company="Müller Maschinenbau GmbH",
        tier=Tier.A,
        owner="mmeier",
        phone="+49 89 123456",
        email="hans@mueller.example",
        birthday=Birthday(2, 29),
        founded=date(1952, 5, 1),
        since=date(2019, 3, 1),
        renewal=date(2027, 1, 31),
        region="DE-BY",
        tags=("maschinen", "süd"),
        notes="likes football",
        cadence_days=21,
    )


def test_new_book_has_meta_and_is_empty(path: Path) -> None:
    with Book.open(path) as book:
        assert book.meta["schema"] == Book.SCHEMA == 2
        assert book.meta["app"].startswith("kundenpflege ")
        datetime.fromisoformat(book.meta["created"])
        assert book.customers() == []
        assert book.contacts() == []
        assert book.gestures() == []
        assert book.settings() == {}
        assert book.path == path.absolute()


def test_open_without_create_refuses_a_missing_book(path: Path) -> None:
    with pytest.raises(BookMissing) as error:
        Book.open(path, create=False)
    assert str(path) in str(error.value)
    assert not path.exists()


def test_customers_round_trip_through_the_file(path: Path) -> None:
    with Book.open(path) as book:
        stored = book.add_customer(_full_customer())
        assert stored.id == 1
        assert stored == Customer(**{**_full_customer().__dict__, "id": 1})
        assert book.customer(1) == stored
    with Book.open(path) as book:
        assert book.customer(1) == stored
        assert book.customers() == [stored]


def test_update_and_archive_customer(path: Path) -> None:
    with Book.open(path) as book:
        first = book.add_customer(Customer("Eva Schulz", company="Schulz KG"))
        second = book.add_customer(Customer("Karl Brandt"))
        changed = Customer(**{**first.__dict__, "tier": Tier.B, "phone": "0711 555"})
        assert book.update_customer(changed) == changed
        archived = book.archive_customer(second.id or 0)
        assert archived.archived
        assert book.customers() == [changed]
        assert book.customers(include_archived=True) == [changed, archived]
    with Book.open(path) as book:
        assert book.customer(first.id or 0).tier is Tier.B
        assert book.customer(second.id or 0).archived


def test_missing_customer_is_not_found_with_a_one_line_message(path: Path) -> None:
    with Book.open(path) as book:
        with pytest.raises(NotFound) as error:
            book.customer(42)
        assert "\n" not in str(error.value) and str(path.absolute()) in str(error.value)
        with pytest.raises(NotFound):
            book.update_customer(Customer("Nobody", id=42))
        with pytest.raises(NotFound):
            book.archive_customer(42)
        with pytest.raises(NotFound):
            book.log_contact(Contact(42, datetime(2026, 1, 5, 9)))
        with pytest.raises(ValidationError):
            book.update_customer(Customer("No id"))


def test_find_customers(path: Path) -> None:
    with Book.open(path) as book:
        mueller = book.add_customer(Customer("Hans Müller", company="Müller GmbH"))
        jung = book.add_customer(Customer("Anna Jung", company="Jung & Söhne"))
        mueller2 = book.add_customer(Customer("Petra Müller-Lüdenscheidt", company="Lüdo AG"))
        gone = book.add_customer(Customer("Otto Alt", company="Alt OHG", archived=True))
        assert book.find_customers("mueller") == [mueller, mueller2]
        assert book.find_customers("MULLER") == [mueller, mueller2]
        assert book.find_customers("söhne") == [jung]
        assert book.find_customers("soehne") == [jung]
        assert book.find_customers(str(jung.id)) == [jung]
        assert book.find_customers("hans müller") == [mueller]  # exact name wins alone
        assert book.find_customers("müller gmbh") == [mueller]  # exact company too
        assert book.find_customers("alt") == []  # archived: only by its id
        assert book.find_customers(str(gone.id)) == [gone]
        assert book.find_customers("  ") == []
        assert book.find_customers("xyz") == []


def test_log_contact_and_query(path: Path) -> None:
    with Book.open(path) as book:
        a = book.add_customer(Customer("A")).id or 0
        b = book.add_customer(Customer("B")).id or 0
        logged = [
            book.log_contact(Contact(a, datetime(2025, 12, 24, 9), kind=Kind.CARD, rep="mm")),
            book.log_contact(
                Contact(
                    b,
                    datetime(2026, 1, 2, 10, 30, 15, 500),
                    kind=Kind.GIFT,
                    purpose=Purpose.CARE,
                    minutes=15,
                    note="Wein",
                    rep="mm",
                    amount=Decimal("34.90"),
                )
            ),
            book.log_contact(Contact(a, datetime(2026, 1, 1, 8), purpose=Purpose.SALES, won=True)),
            book.log_contact(Contact(a, datetime(2025, 6, 1, 8), kind=Kind.VISIT)),
        ]
        assert [c.id for c in logged] == [1, 2, 3, 4]
        assert [c.id for c in book.contacts(a)] == [4, 1, 3]  # sorted by time, not id
        assert [c.id for c in book.contacts()] == [4, 1, 3, 2]
        assert [c.id for c in book.contacts(a, start=date(2025, 12, 24))] == [1, 3]
        assert [c.id for c in book.contacts(a, end=date(2025, 12, 24))] == [4, 1]
        window = book.contacts(start=date(2026, 1, 1), end=date(2026, 1, 2))
        assert [c.id for c in window] == [3, 2]
        assert book.contacts(99) == []
        gift = book.contacts(b)[0]
        assert gift == logged[1]
        assert gift.amount == Decimal("34.90") and isinstance(gift.amount, Decimal)
    with Book.open(path) as book:
        assert book.contacts() == sorted(logged, key=lambda c: c.at)
    raw = path.with_name("book.json.journal").read_text(encoding="utf-8")
    assert '"amount":"34.90"' in raw  # exact decimal text, not a float


def test_logging_an_answer_marks_the_gesture_done_in_the_same_line(path: Path) -> None:
    with Book.open(path) as book:
        customer = book.add_customer(Customer("A")).id or 0
        key = gesture_key(customer, Reason.BIRTHDAY, date(2026, 3, 14))
        journal = path.with_name("book.json.journal")
        lines_before = journal.read_bytes().count(b"\n")
        book.log_contact(Contact(customer, datetime(2026, 3, 13, 9), kind=Kind.CARD, gesture=key))
        assert journal.read_bytes().count(b"\n") == lines_before + 1
        [gesture] = book.gestures()
        assert (gesture.key, gesture.status, gesture.reason) == (key, Status.DONE, Reason.BIRTHDAY)
        assert gesture.due == date(2026, 3, 13)  # the day it was done, not the occasion
        book.clear_gesture_state(key)  # undo
        assert book.gestures() == []
        with pytest.raises(NotFound):
            book.log_contact(Contact(customer, datetime(2026, 3, 13, 9), gesture="no key"))
        other = gesture_key(customer + 1, Reason.CADENCE, date(2026, 3, 1))
        with pytest.raises(ValidationError):
            book.log_contact(Contact(customer, datetime(2026, 3, 13, 9), gesture=other))
        assert len(book.contacts()) == 1  # the failed ones wrote nothing


def test_gesture_states(path: Path) -> None:
    with Book.open(path) as book:
        customer = book.add_customer(Customer("A")).id or 0
        key = gesture_key(customer, Reason.CADENCE, date(2026, 2, 2))
        snoozed = book.set_gesture_state(
            key,
            Status.SNOOZED,
            until=date(2026, 2, 9),
            customer=customer,
            reason=Reason.CADENCE,
            due=date(2026, 2, 2),
        )
        assert snoozed.status is Status.SNOOZED and snoozed.until == date(2026, 2, 9)
        skipped = book.set_gesture_state(
            key, Status.SKIPPED, customer=customer, reason=Reason.CADENCE, due=date(2026, 2, 3)
        )
        assert skipped.until is None and skipped.due == date(2026, 2, 3)
        assert book.gestures() == [skipped]
        assert book.gesture(key) == skipped
        with pytest.raises(ValidationError):
            book.set_gesture_state(
                key, Status.SNOOZED, customer=customer, reason=Reason.CADENCE, due=date(2026, 2, 2)
            )
        opened = book.set_gesture_state(
            key, Status.OPEN, customer=customer, reason=Reason.CADENCE, due=date(2026, 2, 2)
        )
        assert opened.status is Status.OPEN
        assert book.gestures() == []
        with pytest.raises(NotFound):
            book.clear_gesture_state(key)


def test_manual_gestures(path: Path) -> None:
    with Book.open(path) as book:
        customer = book.add_customer(Customer("A")).id or 0
        key = gesture_key(customer, Reason.MANUAL, date(2026, 4, 1))
        manual = Gesture(
            key, customer, Reason.MANUAL, date(2026, 4, 1), kind=Kind.VISIT, note="bring samples"
        )
        stored = book.add_manual_gesture(manual)
        assert stored.id is not None and stored == manual
        with pytest.raises(ValidationError):
            book.add_manual_gesture(manual)
        with pytest.raises(NotFound):
            book.add_manual_gesture(Gesture("9:manual:2026-04-01", 9, Reason.MANUAL, date.today()))
        book.log_contact(Contact(customer, datetime(2026, 4, 1, 10), kind=Kind.VISIT, gesture=key))
        [done] = book.gestures()
        assert done.status is Status.DONE and done.note == "bring samples"
        book.clear_gesture_state(key)  # a manual gesture stays, open again
        [again] = book.gestures()
        assert again.status is Status.OPEN and again.kind is Kind.VISIT
        skipped = book.set_gesture_state(
            key, Status.SKIPPED, customer=customer, reason=Reason.MANUAL, due=date(2026, 4, 1)
        )
        assert skipped.note == "bring samples"
    with Book.open(path) as book:
        assert [g.status for g in book.gestures()] == [Status.SKIPPED]


def test_settings(path: Path) -> None:
    with Book.open(path) as book:
        assert book.update_settings({"capacity": 6, "tier_days": {"A": 21}}) == {
            "capacity": 6,
            "tier_days": {"A": 21},
        }
        book.update_settings({"capacity": None, "region": "DE-NW"})
        copy = book.settings()
        copy["region"] = "changed"  # a copy: changing it changes nothing
        assert book.settings() == {"tier_days": {"A": 21}, "region": "DE-NW"}
        with pytest.raises(ValidationError):
            book.update_settings({"when": object()})
    with Book.open(path) as book:
        assert book.settings() == {"tier_days": {"A": 21}, "region": "DE-NW"}


def test_ids_are_never_reused(path: Path) -> None:
    with Book.open(path) as book:
        customer = book.add_customer(Customer("A")).id or 0
        key = gesture_key(customer, Reason.CADENCE, date(2026, 2, 2))
        first = book.set_gesture_state(
            key, Status.SKIPPED, customer=customer, reason=Reason.CADENCE, due=date(2026, 2, 2)
        )
        book.clear_gesture_state(key)  # deletes the record with the highest id
    with Book.open(path) as book:
        again = book.set_gesture_state(
            key, Status.SKIPPED, customer=customer, reason=Reason.CADENCE, due=date(2026, 2, 2)
        )
        assert (again.id or 0) > (first.id or 0)
        book.compact()  # the counter survives the journal being folded into the snapshot
    with Book.open(path) as book:
        book.clear_gesture_state(key)
        book.compact()
    with Book.open(path) as book:
        third = book.set_gesture_state(
            key, Status.DONE, customer=customer, reason=Reason.CADENCE, due=date(2026, 2, 2)
        )
        assert (third.id or 0) > (again.id or 0)
        assert book.add_customer(Customer("B")).id == customer + 1


def test_bulk_load_is_one_snapshot_and_remaps_positions(path: Path) -> None:
    with Book.open(path) as book:
        book.add_customer(Customer("Existing"))
        customers = [Customer("First"), Customer("Second")]
        key = gesture_key(2, Reason.BIRTHDAY, date(2026, 3, 14))
        manual_key = gesture_key(1, Reason.MANUAL, date(2026, 5, 1))
        contacts = [
            Contact(1, datetime(2025, 1, 1, 9)),
            Contact(2, datetime(2026, 3, 13, 9), gesture=key),
        ]
        gestures = [Gesture(manual_key, 1, Reason.MANUAL, date(2026, 5, 1))]
        generation = book._storage.generation
        loaded = book.bulk_load(customers, contacts, gestures)
        assert book._storage.generation != generation  # a new snapshot, not journal lines
        assert [c.id for c in loaded] == [2, 3]
        assert [c.name for c in loaded] == ["First", "Second"]
        assert [c.customer for c in book.contacts()] == [2, 3]
        by_key = {g.key: g for g in book.gestures()}
        assert by_key["3:birthday:2026-03-14"].status is Status.DONE
        assert by_key["2:manual:2026-05-01"].customer == 2
        assert book.contacts(3)[0].gesture == "3:birthday:2026-03-14"
        with pytest.raises(ValidationError):
            book.bulk_load([Customer("X")], [Contact(2, datetime(2025, 1, 1))])
    with Book.open(path) as book:
        assert len(book.customers()) == 3 and len(book.contacts()) == 2


def test_book_errors_are_book_errors() -> None:
    assert issubclass(NotFound, BookError) and issubclass(BookMissing, BookError)


def test_recent_contacts_is_the_window_plus_each_customers_last_few(path: Path) -> None:
    with Book.open(path) as book:
        first = book.add_customer(Customer(name="Eins")).id
        second = book.add_customer(Customer(name="Zwei")).id
        assert first is not None and second is not None
        for day in (1, 5, 9, 20):
            book.log_contact(Contact(customer=first, at=datetime(2026, 3, day, 10)))
        book.log_contact(Contact(customer=second, at=datetime(2025, 1, 2, 10)))
        book.log_contact(Contact(customer=second, at=datetime(2026, 3, 15, 10)))
        recent = book.recent_contacts(date(2026, 3, 10), keep=2)
    assert [(c.customer, c.at.day) for c in recent] == [
        (second, 2),
        (first, 5),
        (first, 9),
        (second, 15),
        (first, 20),
    ]
    with Book.open(path) as book:
        assert [c.at.day for c in book.recent_contacts(date(2026, 3, 10))] == [15, 20]


def test_one_customers_gestures_alone(path: Path) -> None:
    with Book.open(path) as book:
        first, second = (book.add_customer(Customer(n)).id or 0 for n in ("A", "B"))
        for customer, day in ((first, 1), (second, 2), (first, 3), (second, 4)):
            due = date(2026, 4, day)
            book.add_manual_gesture(
                Gesture(gesture_key(customer, Reason.MANUAL, due), customer, Reason.MANUAL, due)
            )
        for customer in (first, second):
            mine = [g for g in book.gestures() if g.customer == customer]
            assert book.gestures_of(customer) == mine and len(mine) == 2
        assert book.gestures_of(99) == []
