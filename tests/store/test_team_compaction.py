"""Compaction on a team book: the ``kp log`` that crosses the threshold folds the journal
without parsing a year file, and the writers around it never wait on a re-read of the history.

The book is a demo team book (a few years, a journal filled to just below the threshold), built
once for the module; each test works on its own copy.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from tui.demo.generator import write_demo
from tui.domain.model import Contact, Customer
from tui.store import parts, storage
from tui.store.book import Book
from tui.store.snapshot import Tables, parse_tables

from .copies import copy_book, kp_env, run_until_killed

WORKER = Path(__file__).with_name("book_worker.py")
WRITERS = 12
#: room left below the threshold: a few ``kp log`` lines, so writers before and after cross it
MARGIN = 1_500


def _threshold(path: Path) -> int:
    return max(storage.COMPACT_MIN_BYTES, path.stat().st_size // 8)


def _generation(path: Path) -> str:
    return str(orjson.loads(path.read_bytes())["_storage"]["1"]["generation"])


@pytest.fixture(scope="module")
def team_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,500-customer book with three years of history and a journal just below the
    compaction threshold (filled by the Book, a few hundred contacts per transaction)."""
    path = tmp_path_factory.mktemp("team") / "book.json"
    write_demo(path, customers=1_500, years=3, seed=3, until=date(2026, 11, 23))
    with Book.open(path, create=False) as book:
        customers = [c.id for c in book.customers() if c.id is not None][:300]
        threshold = _threshold(path)
        moment = datetime(2026, 11, 24, 8)
        count = 0
        while book._storage._journal_offset < threshold - MARGIN:
            batch = 200 if book._storage._journal_offset < threshold - 80_000 else 1
            with book.transaction():
                for _ in range(batch):
                    at = moment + timedelta(minutes=count)
                    book.log_contact(Contact(customers[count % len(customers)], at, note="fill"))
                    count += 1
        assert book._storage._journal_offset <= threshold  # nothing compacted yet
    return path


@pytest.fixture
def book_copy(team_book: Path, tmp_path: Path) -> Path:
    return copy_book(team_book, tmp_path)


def _kp(path: Path, go: Path, report: Path, *arguments: str) -> subprocess.Popen[bytes]:
    env = kp_env()
    command = [sys.executable, str(WORKER), "kp", str(path), str(go), str(report), *arguments]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)


def test_twelve_kp_log_at_the_threshold_all_succeed_and_none_re_reads_history(
    book_copy: Path, tmp_path: Path
) -> None:
    before = _generation(book_copy)
    journal = book_copy.with_name(book_copy.name + ".journal")
    assert journal.stat().st_size > _threshold(book_copy) - MARGIN
    go = tmp_path / "go"
    reports = [tmp_path / f"writer-{n}.json" for n in range(WRITERS)]
    # customers spread over the reps' window files; each note names its writer
    writers = [
        _kp(book_copy, go, report, "log", str(7 + 13 * n), "call", "care", f"writer-{n}")
        for n, report in enumerate(reports)
    ]
    deadline = time.monotonic() + 120
    while not all(go.with_name(f"go-ready-{r.name}").exists() for r in reports):
        assert time.monotonic() < deadline, "the writers did not get ready"
        assert all(w.poll() is None for w in writers), "a writer died before the start"
        time.sleep(0.01)
    go.touch()
    codes = [writer.wait(timeout=120) for writer in writers]
    found = [json.loads(report.read_text()) for report in reports]
    assert codes == [0] * WRITERS and [f["code"] for f in found] == [0] * WRITERS

    # the threshold was crossed: a new main file and a journal started again
    assert _generation(book_copy) != before
    assert journal.stat().st_size < _threshold(book_copy) // 2
    # no writer parsed a year file, and none parsed more than the main file (again after
    # another's compaction) and the window file of its customer's rep
    for number, report in enumerate(found):
        names = [name for name, _size in report["parsed"]]
        assert not [n for n in names if ".contacts-" in n], (number, names)
        window = {n for n in names if n.startswith("book.recent-") and n.endswith(".json")}
        assert set(names) <= {book_copy.name} | window, (number, names)
        assert len([n for n in names if ".recent-" in n]) <= 1, (number, names)
    with Book.open(book_copy, create=False) as book:
        notes = Counter(c.note for c in book.contacts() if c.note.startswith("writer-"))
    assert notes == Counter(f"writer-{n}" for n in range(WRITERS))
    for part in book_copy.parent.glob("book.*-*.json"):
        _no_duplicate_ids(part)


def _no_duplicate_ids(path: Path) -> None:
    """An extended file is still plain TinyDB JSON: every id once."""

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _value in items]
        assert len(keys) == len(set(keys)), f"{path.name} holds an id twice"
        return dict(items)

    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=pairs)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the part files parsed while the test runs."""
    names: list[str] = []

    def recording(file: Path, raw: bytes, *, written_by_us: bool = False) -> Tables:
        names.append(Path(file).name)
        return parse_tables(file, raw, written_by_us=written_by_us)

    monkeypatch.setattr(parts, "parse_tables", recording)
    yield names


def test_the_crossing_log_extends_the_year_file_without_parsing_it(
    book_copy: Path, parsed: list[str]
) -> None:
    year = book_copy.with_name("book.contacts-2026.json")
    size = year.stat().st_size
    with Book.open(book_copy, create=False) as book:
        generation = book._storage.generation
        for minute in range(8):
            book.log_contact(Contact(11, datetime(2026, 11, 30, 9, minute), note=f"now-{minute}"))
        assert book._storage.generation != generation  # this book compacted
    assert not [name for name in parsed if ".contacts-" in name]
    assert year.stat().st_size > size
    _no_duplicate_ids(year)
    with Book.open(book_copy, create=False) as book:
        notes = [c.note for c in book.contacts(11) if c.note.startswith("now-")]
    assert sorted(notes) == [f"now-{m}" for m in range(8)]


def test_edits_of_older_contacts_are_carried_until_the_year_is_read_anyway(
    book_copy: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Book.open(book_copy, create=False) as book:
        book.compact()  # an empty journal: the changes below do not cross the threshold
        oldest = book.contacts(11)[-3:]  # the customer's three oldest (newest first)
        year = book_copy.with_name(f"book.contacts-{oldest[-1].at.year}.json")
        book.delete_contact(oldest[-1].id or 0)
        book.update_contact(dataclasses.replace(oldest[-2], note="corrected"))
    size = year.stat().st_size
    parsed.clear()
    with Book.open(book_copy, create=False) as book:  # another process compacts
        book.compact()
    assert parsed == [] and year.stat().st_size == size  # carried in the main file
    carry = orjson.loads(book_copy.read_bytes())["_storage"]["1"]["carry"]
    assert str(oldest[-1].id) in carry[f"contacts/{oldest[-1].at.year}"]["del"]
    with Book.open(book_copy, create=False) as book:  # every reader applies it
        ids = {c.id: c for c in book.contacts(11)}
        assert oldest[-1].id not in ids and ids[oldest[-2].id].note == "corrected"
        assert ids[oldest[-3].id] == oldest[-3]
    # once the carry outgrows its limit, the next compaction reads and rewrites the year
    monkeypatch.setattr(parts, "CARRY_LIMIT", 10)
    with Book.open(book_copy, create=False) as book:
        book.log_contact(Contact(11, datetime(2026, 11, 30, 9), note="one more"))
        book.compact()
    assert year.name in parsed
    assert orjson.loads(book_copy.read_bytes())["_storage"]["1"]["carry"] == {}
    with Book.open(book_copy, create=False) as book:
        ids = {c.id: c for c in book.contacts(11)}
        assert oldest[-1].id not in ids and ids[oldest[-2].id].note == "corrected"


def test_a_compaction_cut_short_after_the_main_file_keeps_what_it_carried(
    book_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.store import writing

    with Book.open(book_copy, create=False) as book:
        book.compact()
        oldest = book.contacts(11)[-1]
        book.delete_contact(oldest.id or 0)
    with Book.open(book_copy, create=False) as book:

        def killed(self: object, *, backup: bool = False) -> None:
            raise KeyboardInterrupt  # the main file is written, the journal not yet

        monkeypatch.setattr(writing.Writing, "_write_journal_header", killed)
        with pytest.raises(KeyboardInterrupt):
            book.compact()
        monkeypatch.undo()
    with Book.open(book_copy, create=False) as book:  # the old journal is stale now
        assert oldest.id not in {c.id for c in book.contacts(11)}
        book.log_contact(Contact(11, datetime(2026, 11, 30, 9), note="after"))
    with Book.open(book_copy, create=False) as book:
        notes = [c.note for c in book.contacts(11)]
        assert notes.count("after") == 1 and oldest.id not in {c.id for c in book.contacts(11)}


def test_a_part_file_changed_behind_the_books_back_is_read_not_extended(
    book_copy: Path, parsed: list[str]
) -> None:
    year = book_copy.with_name("book.contacts-2026.json")
    copy = year.with_name("copy")
    shutil.copyfile(year, copy)
    os.replace(copy, year)  # same bytes, another file: not the one the main file recorded
    with Book.open(book_copy, create=False) as book:
        book.log_contact(Contact(11, datetime(2026, 11, 30, 10), note="after"))
        book.compact()
    assert "book.contacts-2026.json" in parsed
    _no_duplicate_ids(year)


def test_a_compaction_killed_after_extending_a_part_loses_and_doubles_nothing(
    book_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.store import snapshot, writing

    real = snapshot.write_file

    def failing_main(path: Path, content: bytes, *args: object, **kwargs: object) -> object:
        if path == book_copy:
            raise KeyboardInterrupt  # as if killed between the part files and the main file
        return real(path, content, *args, **kwargs)  # type: ignore[arg-type]

    with Book.open(book_copy, create=False) as book:
        book.log_contact(Contact(11, datetime(2026, 11, 30, 11), note="before-crash"))
        monkeypatch.setattr(writing, "write_file", failing_main)
        with pytest.raises(KeyboardInterrupt):
            book.compact()
        monkeypatch.setattr(writing, "write_file", real)
    with Book.open(book_copy, create=False) as book:
        assert [c.note for c in book.contacts(11)].count("before-crash") == 1
        book.log_contact(Contact(11, datetime(2026, 11, 30, 12), note="after-crash"))
        book.compact()  # the extended file is not the recorded one: read and rewritten whole
    with Book.open(book_copy, create=False) as book:
        notes = [c.note for c in book.contacts(11)]
        assert notes.count("before-crash") == notes.count("after-crash") == 1
    for part in book_copy.parent.glob("book.*-*.json"):
        _no_duplicate_ids(part)


def _edit_and_log_until_killed(path: Path, acknowledged: int) -> None:  # pragma: no cover
    """Delete an older contact in one book, log new ones in another (which has not read the
    year, so its compactions extend and carry); report each change once it returned."""
    storage.COMPACT_MIN_BYTES = 2_000
    parts.CARRY_LIMIT = 120  # carried a few times, then the year is rewritten
    moment = datetime(2025, 6, 2, 8)
    for i in range(1_000_000):
        with Book.open(path, create=False, lock_timeout=30) as book:
            victim = next(c for c in book.contacts(1) if c.note.startswith("old-"))
            book.delete_contact(victim.id or 0)
            os.write(acknowledged, f"-{victim.id}\n".encode())
        with Book.open(path, create=False, lock_timeout=30) as book:
            for n in range(3):
                note = f"{os.getpid()}-{i}-{n}"
                book.log_contact(Contact(1, moment + timedelta(minutes=3 * i + n), note=note))
                os.write(acknowledged, f"+{note}\n".encode())


def test_sigkills_while_compactions_extend_and_carry_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        customer = book.add_customer(Customer("A")).id or 0
        with book.transaction():
            for minute in range(400):
                at = datetime(2025, 3, 1, 8) + timedelta(minutes=minute)
                book.log_contact(Contact(customer, at, note=f"old-{minute}"))
        book.compact()
    rng = random.Random(12)
    added: list[str] = []
    deleted: set[int] = set()
    for kill in range(20):
        for line in run_until_killed(_edit_and_log_until_killed, path, rng.uniform(0.05, 0.4)):
            if line.startswith("+"):
                added.append(line[1:])
            else:
                deleted.add(int(line[1:]))
        with Book.open(path, create=False) as book:  # opens every time
            contacts = book.contacts(1)
        notes = Counter(c.note for c in contacts)
        assert [n for n in added if notes[n] != 1] == [], f"lost or doubled after kill {kill + 1}"
        assert deleted.isdisjoint(c.id for c in contacts), f"undeleted after kill {kill + 1}"
    assert len(added) > 20 and len(deleted) > 10  # the kills landed while changing the book
