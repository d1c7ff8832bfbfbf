"""Real processes at once: 8 writers lose nothing, a lockless reader never sees a broken book,
and a writer killed at any instant leaves a readable book with everything it acknowledged."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import orjson

from tui.domain.model import Contact, Customer
from tui.store import storage
from tui.store.book import Book

from .copies import run_until_killed

WORKER = Path(__file__).with_name("book_worker.py")
ROOT = Path(__file__).resolve().parents[2]


def _worker(*args: object, stdout: int | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.Popen(
        [sys.executable, str(WORKER), *map(str, args)], env=env, stdout=stdout, text=True
    )


def _wait_for(condition: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "worker processes did not get ready"
        time.sleep(0.01)


def test_eight_writers_x_250_and_a_reader_at_once(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        for number in range(7):
            book.add_customer(Customer(f"Customer {number}"))
    go, stop = tmp_path / "go", tmp_path / "stop"
    reps = [f"rep{n}" for n in range(8)]
    # a small compaction threshold: snapshots are replaced while others append and read
    writers = [_worker("log", path, 250, rep, go, 15_000) for rep in reps]
    reader = _worker("read", path, stop, 60, stdout=subprocess.PIPE)
    _wait_for(lambda: all(go.with_name(f"go-ready-{rep}").exists() for rep in reps), 60)
    started = time.monotonic()
    go.touch()
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    elapsed = time.monotonic() - started
    stop.touch()
    out, _ = reader.communicate(timeout=60)
    report = json.loads(out)
    assert report["errors"] == [] and report["reads"] > 10

    with Book.open(path) as book:
        contacts = book.contacts()
        notes = Counter(c.note for c in contacts)
        assert len(contacts) == 2000, f"{len(contacts)} of 2000 after {elapsed:.1f} s"
        assert set(notes) == {f"{rep}-{i}" for rep in reps for i in range(250)}
        assert max(notes.values()) == 1
        assert sorted(c.id for c in contacts) == list(range(1, 2001))
    assert orjson.loads(path.read_bytes())


def test_refresh_sees_another_process_write(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    go = tmp_path / "go"
    go.touch()
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
        assert book.contacts() == [] and not book.changed_on_disk()
        assert _worker("log", path, 3, "other", go, 1 << 20).wait(timeout=60) == 0
        assert book.changed_on_disk()
        assert book.refresh()
        assert [c.note for c in book.contacts(1)] == ["other-0", "other-1", "other-2"]
        assert not book.changed_on_disk()


def _not_kept_once(path: Path, acknowledged: list[str]) -> list[str]:
    """The acknowledged notes the book does not hold exactly once (lost or doubled)."""
    with Book.open(path, create=False) as book:
        stored = Counter(c.note for c in book.contacts())
    return [note for note in acknowledged if stored[note] != 1]


def test_a_writer_killed_at_any_instant_leaves_a_whole_book(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
    rng = random.Random(2026)
    acknowledged: list[str] = []
    kills = 0
    deadline = time.monotonic() + 6
    while kills < 4 or (time.monotonic() < deadline and kills < 12):
        # a tiny threshold: kills land in snapshot replacement as well as in appends
        writer = _worker("crash", path, 3_000, stdout=subprocess.PIPE)
        time.sleep(rng.uniform(0.25, 0.8))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate(timeout=30)
        kills += 1
        acknowledged += [line for line in out.split("\n")[:-1] if line]
        orjson.loads(path.read_bytes())  # the snapshot is whole
        missing = _not_kept_once(path, acknowledged)
        assert missing == [], f"lost or doubled after kill {kills}: {missing[:5]}"
    assert len(acknowledged) > 20  # the kills did land while logging


def _log_until_killed(path: Path, acknowledged: int) -> None:  # pragma: no cover - a child
    """Log contacts forever; write each note to ``acknowledged`` once log_contact returned."""
    storage.COMPACT_MIN_BYTES = 3_000  # kills land in compactions as well as in appends
    with Book.open(path, create=False, lock_timeout=30) as book:
        moment = datetime(2026, 1, 5, 8)
        for i in range(1_000_000):
            note = f"{os.getpid()}-{i}"
            book.log_contact(Contact(1, moment + timedelta(seconds=i), note=note))
            os.write(acknowledged, (note + "\n").encode())


def test_fifty_sigkills_at_random_moments_lose_nothing_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
    rng = random.Random(8)
    acknowledged: list[str] = []
    for kill in range(50):
        acknowledged += run_until_killed(_log_until_killed, path, rng.uniform(0.01, 0.15))
        missing = _not_kept_once(path, acknowledged)  # the book opens every time
        assert missing == [], f"lost or doubled after kill {kill + 1}: {missing[:5]}"
    assert len(acknowledged) > 50  # the kills did land while logging


def test_after_another_writer_compacts_a_log_reads_no_year_file(tmp_path: Path) -> None:
    """Compaction must not make the next writers wait on a re-read of the history: a writer
    that opened before another's compaction re-reads only the small main file."""
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
        for minute in range(30):
            book.log_contact(Contact(1, datetime(2025, 3, 1, 9, minute)))
        book.compact()
    with Book.open(path) as mine, Book.open(path) as theirs:
        theirs.log_contact(Contact(1, datetime(2025, 3, 2, 9)))
        theirs.compact()  # a new main file, a new journal, the 2025 file rewritten
        mine.log_contact(Contact(1, datetime(2025, 3, 3, 9)))
        assert not mine._storage.is_loaded("contacts/2025")
        assert not any(mine._storage.is_loaded(f"recent/{n:02d}") for n in range(16))
    with Book.open(path) as book:
        assert len(book.contacts()) == 32
