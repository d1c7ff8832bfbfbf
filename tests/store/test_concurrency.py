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
from pathlib import Path

import orjson

from tui.domain.model import Customer
from tui.store.book import Book

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


def test_eight_writers_and_a_reader_at_once(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        for number in range(7):
            book.add_customer(Customer(f"Customer {number}"))
    go, stop = tmp_path / "go", tmp_path / "stop"
    reps = [f"rep{n}" for n in range(8)]
    # a small compaction threshold: snapshots are replaced while others append and read
    writers = [_worker("log", path, 100, rep, go, 15_000) for rep in reps]
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
        assert len(contacts) == 800, f"{len(contacts)} of 800 after {elapsed:.1f} s"
        assert set(notes) == {f"{rep}-{i}" for rep in reps for i in range(100)}
        assert max(notes.values()) == 1
        assert sorted(c.id for c in contacts) == list(range(1, 801))
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
        with Book.open(path, create=False) as book:
            stored = Counter(c.note for c in book.contacts())
        missing = [note for note in acknowledged if stored[note] != 1]
        assert missing == [], f"lost or doubled after kill {kills}: {missing[:5]}"
    assert len(acknowledged) > 20  # the kills did land while logging
