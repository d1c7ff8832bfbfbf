"""``kp backup FILE``: one consistent, self-contained copy, taken while others work."""

from __future__ import annotations

import fcntl
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tui import cli
from tui.domain.model import Contact, Customer
from tui.store.book import Book
from tui.store.errors import BookLocked
from tui.store.locking import BookLock

from .test_safety import _as_another_user, _files, shared_dir

__all__ = ["shared_dir"]  # the fixture, shared with test_safety

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


@pytest.fixture
def drop_box() -> Iterator[Path]:
    """A folder anyone may write to: where a rep who may only read the book puts the copy."""
    folder = Path(tempfile.mkdtemp(prefix="kp-copy-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


def _read_only_book(folder: Path, *, lock_file: bool) -> Path:
    """A book of two years (and journal lines) in ``folder``, every file read-only; the folder
    too when we are not root (root reads as ``nobody``, who may not write a root folder)."""
    path = folder / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("Anna Alt", owner="tester"))
        book.compact()
        for year in (2025, 2026):
            book.log_contact(Contact(1, datetime(year, 3, 1, 9), note=str(year)))
    if not lock_file:
        path.with_name("book.json.lock").unlink()
    for file in folder.iterdir():
        file.chmod(0o444)
    if os.geteuid() != 0:
        folder.chmod(0o555)
    return path


@pytest.mark.parametrize("lock_file", [True, False], ids=["lock file read-only", "no lock file"])
def test_a_rep_who_may_only_read_a_book_can_back_it_up(
    shared_dir: Path, drop_box: Path, lock_file: bool
) -> None:
    path = _read_only_book(shared_dir, lock_file=lock_file)
    before = _files(shared_dir)
    copy = drop_box / "copy.json"
    for module in ("tui.commands.book_files", "tui.holiday_cache", "tui.messages"):
        importlib.import_module(module)  # the child may not read the interpreter's folders

    def back_up() -> None:
        os.environ["KP_CONFIG"] = str(drop_box / "config.toml")  # the tests' one is root's
        os.environ["KP_CACHE_DIR"] = str(drop_box / "cache")
        assert cli.run(["--book", str(path), "backup", str(copy)]) == 0
        with Book.open(copy, create=False) as saved:
            assert [c.note for c in saved.contacts()] == ["2025", "2026"]

    try:
        assert _as_another_user(back_up) == 0
    finally:
        shared_dir.chmod(0o755)
    assert _files(shared_dir) == before  # nothing written there, not even a lock file
    assert copy.exists() and copy.with_name("copy.contacts-2026.json").exists()


def test_a_backup_of_a_read_only_book_waits_for_a_writer(shared_dir: Path, drop_box: Path) -> None:
    """The shared lock keeps the copy to one state: while a writer holds the lock, it waits."""
    path = _read_only_book(shared_dir, lock_file=True)

    def back_up() -> None:
        with Book.open(path, create=False, lock_timeout=0.2) as book:
            try:
                book.backup(drop_box / "copy.json")
            except BookLocked:
                return
        raise AssertionError("copied while a writer held the lock")

    fd = os.open(path.with_name("book.json.lock"), os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert _as_another_user(back_up) == 0
    finally:
        os.close(fd)
        shared_dir.chmod(0o755)
    assert not (drop_box / "copy.json").exists()


def test_backup_help_says_a_read_is_enough() -> None:
    result = _kp("backup", "--help")
    assert result.returncode == 0 and "usage: kp backup" in result.stdout
    assert "read access to the book is enough" in " ".join(result.stdout.split())


def test_a_backup_without_a_lock_reads_again_when_a_writer_came(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No lock file to be had: the copy is read lock-free and kept only if nobody wrote
    meanwhile; a writer during the read makes it read again, one that never stops is busy."""
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("Anna Alt", owner="tester"))
    path.with_name("book.json.lock").unlink()
    monkeypatch.setattr(BookLock, "_open_to_read", lambda self: None)
    with Book.open(path, create=False) as reader, Book.open(path, create=False) as writer:
        writes = iter(range(1, 10))
        busy = [1]  # how many writes to make while the copy is read

        def write_meanwhile(changes: object) -> None:
            if changes is None and busy[0] > 0:  # the reader has just read the files
                busy[0] -= 1
                minute = next(writes)
                writer.log_contact(Contact(1, datetime(2026, 3, 2, 9, minute), note=f"w{minute}"))

        reader._storage.add_listener(write_meanwhile)
        made = reader.backup(tmp_path / "copy.json")
        busy[0] = 10
        with pytest.raises(BookLocked):
            reader.backup(tmp_path / "again.json")
    with Book.open(made[0], create=False) as saved:
        assert [c.note for c in saved.contacts()] == ["w1"]  # read again after the write
    assert not (tmp_path / "again.json").exists()
