"""A write refuses a book with a customer that does not decode, without decoding every customer
of a team book each time: the last snapshot's writer vouches for them in the journal header."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tui.domain.model import Contact, Customer
from tui.store.book import Book
from tui.store.errors import BookCorrupt

from .copies import kp_env


def _book(path: Path, customers: int = 30) -> None:
    with Book.open(path) as book:
        for n in range(customers):
            book.add_customer(Customer(f"Kunde {n}", owner="anna"))
        book.compact()  # a snapshot: its writer vouches for every customer


def _kp(path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--book", str(path), *arguments],
        env=kp_env(KP_REP="anna", KP_CACHE_DIR=str(path.parent / "cache")),
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_log_on_a_vouched_book_decodes_only_its_own_customer(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    _book(path)
    with Book.open(path, create=False) as book:
        assert book._storage.customers_to_check() == set()
        book.log_contact(Contact(3, datetime(2026, 3, 2, 9)))
        assert set(book._customer_cache) == {3}


def test_a_hand_edited_main_file_is_checked_whole_and_refused(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    _book(path)
    main = json.loads(path.read_text())
    main["customers"]["17"]["tier"] = "Z"  # a colleague's customer, edited by hand
    path.write_text(json.dumps(main))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    result = _kp(path, "log", "3", "call")
    assert result.returncode == 2 and "customer 17" in result.stderr
    assert result.stderr.count("\n") == 1
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before  # refused before anything was written
    with Book.open(path, create=False) as book:
        assert book._storage.customers_to_check() is None  # no longer as vouched


def test_a_bad_customer_in_a_journal_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    _book(path)
    journal = path.with_name("book.json.journal")
    bad = {"n": 1, "put": {"customers": {"9": {"name": "", "tier": "A"}}}}
    journal.write_bytes(journal.read_bytes() + json.dumps(bad).encode() + b"\n")
    with Book.open(path, create=False) as book:
        assert book._storage.customers_to_check() == {"9"}
        with pytest.raises(BookCorrupt, match="customer 9"):
            book.log_contact(Contact(3, datetime(2026, 3, 2, 9)))


def test_a_snapshot_of_a_damaged_book_does_not_vouch(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    _book(path)
    main = json.loads(path.read_text())
    main["customers"]["17"]["tier"] = "Z"
    path.write_text(json.dumps(main))
    with Book.open(path, create=False) as book:
        book._storage.compact()  # a fold with the damage still in it (the store's own call)
    with Book.open(path, create=False) as book:
        assert book._storage.customers_to_check() is None


def test_a_vouched_main_file_is_trusted_for_its_counters_a_hand_edited_one_is_not(
    tmp_path: Path,
) -> None:
    """Reading a vouched main file skips working out the highest id of each table (its writer
    saved the counters); a hand-edited one is read in full, so a customer added by hand with a
    high id is never overwritten by the next new one."""
    path = tmp_path / "book.json"
    _book(path, customers=5)
    with Book.open(path, create=False) as book:
        assert book._storage._main_vouch is not None
        assert book.add_customer(Customer("Neu", owner="anna")).id == 6
        book.compact()
    main = json.loads(path.read_text())
    main["customers"]["40"] = dict(main["customers"]["1"], name="Von Hand")
    path.write_text(json.dumps(main))
    with Book.open(path, create=False) as book:
        assert book._storage._main_vouch is None
        added = book.add_customer(Customer("Danach", owner="anna"))
        assert added.id == 41
        assert book.customer(40).name == "Von Hand"
