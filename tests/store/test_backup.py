"""``kp backup FILE``: one consistent, self-contained copy, taken while others work."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from tui.domain.model import Contact, Customer
from tui.store.book import Book

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("book_worker.py")


def _kp(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KP_LANG": "en", "KP_REP": "tester"}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_backup_is_a_whole_book_of_every_year(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("Anna Alt", owner="tester"))
        for year in (2024, 2025, 2026):
            book.log_contact(Contact(1, datetime(year, 3, 1, 9), note=str(year)))
    copy = tmp_path / "saved" / "copy.json"
    copy.parent.mkdir()
    result = _kp("--book", str(path), "backup", str(copy))
    assert result.returncode == 0, result.stderr
    assert "kp --book" in result.stdout
    names = sorted(p.name for p in copy.parent.iterdir())
    assert names == [
        "copy.contacts-2024.json",
        "copy.contacts-2025.json",
        "copy.contacts-2026.json",
        "copy.json",
        "copy.json.journal",
        "copy.recent-tester.1.json",
    ]
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in copy.parent.iterdir())
    listed = _kp("--book", str(copy), "customer", "show", "anna")
    assert listed.returncode == 0 and "Contacts:       3" in listed.stdout
    with Book.open(copy) as saved:
        assert [c.note for c in saved.contacts()] == ["2024", "2025", "2026"]
    again = _kp("--book", str(path), "backup", str(copy))
    assert again.returncode == 2 and "exists already" in again.stderr


def test_backup_while_others_log_is_consistent(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
    go = tmp_path / "go"
    go.touch()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, str(WORKER), "log", str(path), "400", "w", str(go), "4000"], env=env
    )
    copies = []
    deadline = time.monotonic() + 60
    while writer.poll() is None and time.monotonic() < deadline:
        target = tmp_path / f"copy{len(copies)}.json"
        with Book.open(path, create=False) as book:
            book.backup(target)
        copies.append(target)
        time.sleep(0.05)
    assert writer.wait(timeout=60) == 0
    assert copies
    for copy in copies:
        with Book.open(copy, create=False) as saved:
            notes = [c.note for c in saved.contacts()]
        # a prefix of the writer's contacts: every change whole, none half
        assert notes == [f"w-{i}" for i in range(len(notes))]
