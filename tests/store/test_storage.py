"""The storage under the Book: TinyDB tables, journal, compaction, torn lines, temp files, lock."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import filelock
import orjson
import pytest
from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage

from tui.domain.model import Contact, Customer
from tui.store import storage as storage_module
from tui.store.adapter import BookDB
from tui.store.book import Book
from tui.store.errors import BookCorrupt, BookLocked
from tui.store.storage import BookStorage


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "book.json"


def _journal(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def _book_with_contacts(path: Path, count: int) -> None:
    with Book.open(path) as book:
        customer = book.add_customer(Customer("A")).id or 0
        for minute in range(count):
            book.log_contact(Contact(customer, datetime(2026, 1, 5, 8, minute), note=str(minute)))


def test_tinydb_tables_work_inside_transactions(path: Path) -> None:
    db = BookDB(path, storage=BookStorage)
    storage = db.book_storage
    table = db.table("things")
    with pytest.raises(RuntimeError):
        table.insert({"a": 1})
    with storage.transaction():
        assert table.insert({"a": 1, "tags": ["x"]}) == 1
        assert table.insert_multiple([{"a": 2}, {"a": 3}]) == [2, 3]
    thing = Query()
    assert [d["a"] for d in table.search(thing.a >= 2)] == [2, 3]
    with storage.transaction():
        table.update({"a": 20}, thing.a == 2)
        table.update(lambda doc: doc["tags"].append("y"), doc_ids=[1])  # nested, in place
        table.remove(doc_ids=[3])
    with storage.transaction():
        assert table.insert({"a": 4}) == 4  # 3 was deleted, but is never handed out again
    db.close()
    reopened = BookDB(path, storage=BookStorage)
    things = reopened.table("things")
    assert {d.doc_id: dict(d) for d in things.all()} == {
        1: {"a": 1, "tags": ["x", "y"]},
        2: {"a": 20},
        4: {"a": 4},
    }
    # the snapshot is a plain TinyDB file: stock TinyDB can read it once compacted
    with reopened.book_storage.transaction():
        reopened.book_storage.request_snapshot()
    stock = TinyDB(path, storage=JSONStorage, access_mode="r")
    assert len(stock.table("things")) == 3
    stock.close()


def test_query_cache_notices_another_writer(path: Path) -> None:
    one = BookDB(path, storage=BookStorage)
    two = BookDB(path, storage=BookStorage)
    thing = Query()
    with one.book_storage.transaction():
        one.table("t").insert({"k": 1})
    assert two.table("t").search(thing.k == 1) == []  # cached as empty in two
    with two.book_storage.transaction():  # catching up happens inside the transaction
        assert len(two.table("t").search(thing.k == 1)) == 1
        assert two.table("t").insert({"k": 2}) == 2  # and the next id is not reused
    assert one.book_storage.changed_on_disk()
    assert one.book_storage.refresh()
    assert [d["k"] for d in one.table("t").all()] == [1, 2]


def test_changed_on_disk_and_refresh_between_two_books(path: Path) -> None:
    with Book.open(path) as mine, Book.open(path) as theirs:
        assert not mine.changed_on_disk()
        customer = theirs.add_customer(Customer("A")).id or 0
        assert mine.changed_on_disk()
        assert mine.refresh()
        assert not mine.changed_on_disk()
        assert not mine.refresh()
        assert mine.customer(customer).name == "A"
        assert mine.contacts(customer) == []  # builds the index
        theirs.log_contact(Contact(customer, datetime(2026, 1, 5, 9)))
        assert mine.refresh()
        assert len(mine.contacts(customer)) == 1 and len(mine.contacts()) == 1
        theirs.compact()
        assert mine.changed_on_disk() and mine.refresh()
        assert len(mine.contacts()) == 1
        mine.log_contact(Contact(customer, datetime(2026, 1, 6, 9)))
        theirs.refresh()
        assert [c.id for c in theirs.contacts(customer)] == [1, 2]


def test_journal_is_compacted_into_a_new_snapshot(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage_module, "COMPACT_MIN_BYTES", 2_000)
    _book_with_contacts(path, 1)
    first_generation = orjson.loads(path.read_bytes())["_storage"]["1"]["generation"]
    _book_with_contacts(path, 40)
    assert _journal(path).stat().st_size < 2_500
    backup = path.with_name("book.json.bak")
    assert backup.exists() and backup.stat().st_nlink >= 1
    snapshot = orjson.loads(path.read_bytes())
    assert snapshot["_storage"]["1"]["generation"] != first_generation
    year = orjson.loads(path.with_name("book.contacts-2026.json").read_bytes())
    assert len(year["contacts"]) > 1  # lines moved into the year's file
    with Book.open(path) as book:
        assert len(book.contacts()) == 41


def test_backup_is_a_hard_link_of_the_previous_snapshot(path: Path) -> None:
    _book_with_contacts(path, 2)
    before = path.stat()
    with Book.open(path) as book:
        book.compact()
    backup = path.with_name("book.json.bak").stat()
    assert (backup.st_ino, backup.st_size) == (before.st_ino, before.st_size)


def test_a_torn_last_line_is_ignored_and_the_next_writer_compacts(path: Path) -> None:
    _book_with_contacts(path, 3)
    journal = _journal(path)
    with journal.open("ab") as handle:
        handle.write(b'{"n":4,"put":{"contacts":{"99":{"customer":1,"at":"2026-')  # killed here
    with Book.open(path) as reader:
        assert len(reader.contacts()) == 3
    with Book.open(path) as writer:
        generation = writer._storage.generation
        writer.log_contact(Contact(1, datetime(2026, 2, 1, 9)))
        assert writer._storage.generation != generation  # compacted instead of appending
    assert b"2026-'" not in journal.read_bytes() and b'"99"' not in path.read_bytes()
    with Book.open(path) as book:
        assert [c.id for c in book.contacts()] == [1, 2, 3, 4]


def test_a_line_out_of_sequence_is_refused_as_damage(path: Path) -> None:
    _book_with_contacts(path, 2)
    journal = _journal(path)
    lines = journal.read_bytes().splitlines(keepends=True)
    # a complete line out of sequence (a duplicate) cannot come from a killed writer
    journal.write_bytes(b"".join([*lines, lines[-1]]))
    with pytest.raises(BookCorrupt) as error:
        Book.open(path)
    assert "out of sequence" in str(error.value) and "kp repair" in str(error.value)


def test_a_journal_of_another_generation_is_ignored(path: Path) -> None:
    """A crash between replacing the snapshot and replacing the journal."""
    _book_with_contacts(path, 3)
    old_journal = _journal(path).read_bytes()
    with Book.open(path) as book:
        book.compact()
    _journal(path).write_bytes(old_journal)  # as if the new journal never got renamed in
    with Book.open(path) as book:
        assert len(book.contacts()) == 3  # not 6
        book.log_contact(Contact(1, datetime(2026, 2, 1, 9)))
    with Book.open(path) as book:
        assert len(book.contacts()) == 4
    header = orjson.loads(_journal(path).read_bytes().splitlines()[0])
    assert header["generation"] == orjson.loads(path.read_bytes())["_storage"]["1"]["generation"]


def test_a_missing_journal_is_started_again(path: Path) -> None:
    _book_with_contacts(path, 1)
    with Book.open(path) as book:
        book.compact()
    _journal(path).unlink()
    with Book.open(path) as book:
        assert len(book.contacts()) == 1
        book.log_contact(Contact(1, datetime(2026, 2, 1, 9)))
    with Book.open(path) as book:
        assert len(book.contacts()) == 2


def test_stale_temp_files_are_removed_on_open(path: Path) -> None:
    _book_with_contacts(path, 1)
    stale = [
        path.with_name(".book.json.snapshot-999-0abc.tmp"),
        path.with_name(".book.json.journal-999-0abc.tmp"),
    ]
    for file in stale:
        file.write_bytes(b"half a book")
    unrelated = path.with_name("notes.tmp")
    unrelated.write_bytes(b"mine")
    with Book.open(path):
        pass
    assert not any(file.exists() for file in stale)
    assert unrelated.exists()


def test_temp_files_stay_while_another_process_holds_the_lock(path: Path) -> None:
    _book_with_contacts(path, 1)
    busy = path.with_name(".book.json.snapshot-999-0abc.tmp")
    busy.write_bytes(b"being written right now")
    with filelock.FileLock(str(path) + ".lock"), Book.open(path):
        assert busy.exists()


def test_a_held_lock_gives_book_locked_but_reads_go_on(path: Path) -> None:
    _book_with_contacts(path, 1)
    with filelock.FileLock(str(path) + ".lock"), Book.open(path, lock_timeout=0.2) as book:
        assert len(book.contacts()) == 1  # reading needs no lock
        with pytest.raises(BookLocked) as error:
            book.log_contact(Contact(1, datetime(2026, 2, 1, 9)))
        message = str(error.value)
        assert "\n" not in message and str(path) in message
        assert len(book.contacts()) == 1


def test_a_failed_transaction_writes_nothing(path: Path) -> None:
    _book_with_contacts(path, 1)
    before = (path.read_bytes(), _journal(path).read_bytes())
    db = BookDB(path, storage=BookStorage)
    with pytest.raises(ZeroDivisionError), db.book_storage.transaction():
        db.table("customers").insert({"name": "B"})
        _ = 1 / 0
    assert (path.read_bytes(), _journal(path).read_bytes()) == before
    assert len(db.table("customers")) == 1  # the in-memory state was re-read too


def test_every_change_is_one_journal_line(path: Path) -> None:
    _book_with_contacts(path, 0)
    sizes = []
    with Book.open(path) as book:
        for minute in range(5):
            book.log_contact(Contact(1, datetime(2026, 1, 5, 9, minute)))
            sizes.append(_journal(path).read_bytes().count(b"\n"))
    assert sizes == [sizes[0] + i for i in range(5)]
    assert all(orjson.loads(line) for line in _journal(path).read_bytes().splitlines())
    assert os.path.getsize(path) < 1_000  # the snapshot was not rewritten
