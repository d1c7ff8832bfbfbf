"""What a hostile tester tried on the shell side, each kept fixed: bad files, damage in the
journal, symlinks, foreign files, full disks, read-only books, odd bytes in arguments."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from tui.domain.model import Contact, Customer
from tui.store.book import Book
from tui.store.errors import BookCorrupt

ROOT = Path(__file__).resolve().parents[2]
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def kp(tmp_path: Path) -> Run:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "KP_CONFIG": str(tmp_path / "config.toml"),
        "KP_LANG": "en",
        "KP_REP": "tester",
        "KP_CACHE_DIR": str(tmp_path / "cache"),
    }

    def run(
        *args: str | bytes, preexec: Callable[[], None] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tui.cli", *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            env=env,
            timeout=120,
            check=False,
            preexec_fn=preexec,
        )

    return run


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def _one_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


def _book(path: Path, contacts: int = 3) -> None:
    with Book.open(path) as book:
        customer = book.add_customer(Customer("Anna Alt", owner="tester")).id or 0
        for minute in range(contacts):
            book.log_contact(Contact(customer, datetime(2026, 1, 5, 9, minute), note=str(minute)))


BAD_MAIN_FILES = {
    "truncated": b'{"meta": {"1": {"schema": 2}}, "customers": {"1": {"na',
    "garbage": b"\x89PNG\r\n\x1a\n\x00\x00",
    "empty": b"",
    "list": b"[]",
    "table-not-object": b'{"customers": [1]}',
    "future": orjson.dumps({"meta": {"1": {"schema": 99}}, "customers": {}}),
    "not-a-book": b"{}",
    "another-app": orjson.dumps({"_default": {"1": {"x": 1}}, "todo": {"1": {"t": "milk"}}}),
}


@pytest.mark.parametrize("content", BAD_MAIN_FILES.values(), ids=BAD_MAIN_FILES.keys())
@pytest.mark.parametrize("command", [["today"], ["log", "anna", "call"], ["customer", "list"]])
def test_bad_files_give_one_line_and_stay_byte_identical(
    kp: Run, tmp_path: Path, content: bytes, command: list[str]
) -> None:
    path = tmp_path / "book.json"
    path.write_bytes(content)
    before = _files(tmp_path)
    message = _one_line(kp("--book", str(path), *command), 2)
    assert str(path) in message
    after = _files(tmp_path)
    after.pop("book.json.lock", None)  # a writer may create the empty lock file; nothing else
    assert after == before


def test_a_directory_is_a_directory_not_damaged(kp: Run, tmp_path: Path) -> None:
    (tmp_path / "book.json").mkdir()
    for command in (["today"], ["customer", "add", "X"], ["check"]):
        message = _one_line(kp("--book", str(tmp_path / "book.json"), *command), 2)
        assert "is a directory" in message and "damaged" not in message
    other = tmp_path / "other" / "book.json"  # the journal a directory
    _book(other)
    journal = other.with_name("book.json.journal")
    journal.unlink()
    journal.mkdir()
    for command in (["today"], ["log", "anna", "call"]):
        message = _one_line(kp("--book", str(other), *command), 2)
        assert "book.json.journal is a directory" in message


@pytest.mark.parametrize(
    "journal_tail",
    [b'{"n": 4, "put": {"contacts/2026": {"9": {"customer": 1', b"garbage\n", b"[1, 2]\n"],
    ids=["torn-tail", "garbage-line", "wrong-shape-line"],
)
def test_journal_tails(kp: Run, tmp_path: Path, journal_tail: bytes) -> None:
    path = tmp_path / "book.json"
    _book(path)
    with path.with_name("book.json.journal").open("ab") as handle:
        handle.write(journal_tail)
    before = _files(tmp_path)
    result = kp("--book", str(path), "customer", "list")
    if journal_tail.endswith(b"\n"):  # a complete bad line cannot come from a killed writer
        assert "kp repair" in _one_line(result, 2)
    else:  # a torn tail is a killed writer's unacknowledged line: left out
        assert result.returncode == 0 and "Anna Alt" in result.stdout
    assert _files(tmp_path) == before


def test_a_damaged_line_in_the_middle_is_refused_and_repair_keeps_the_rest(
    kp: Run, tmp_path: Path
) -> None:
    path = tmp_path / "book.json"
    _book(path, contacts=5)
    journal = path.with_name("book.json.journal")
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[3] = b'{"n": 3, "put": {"contacts/2026": "broken"}}\n'  # contact "1", mid-journal
    journal.write_bytes(b"".join(lines))
    before = _files(tmp_path)
    for command in (["today"], ["customer", "add", "Bert"], ["log", "anna", "call"]):
        message = _one_line(kp("--book", str(path), *command), 2)
        assert "journal" in message and "kp repair" in message
        assert _files(tmp_path) == before
    result = kp("--book", str(path), "repair")
    assert result.returncode == 0, result.stderr
    rejected = path.with_name("book.json.journal.rejected")
    assert rejected.read_bytes() == lines[3]
    with Book.open(path) as book:
        notes = [c.note for c in book.contacts()]
    assert notes == ["0", "2", "3", "4"]  # every readable line kept, after the bad one too


def test_a_symlinked_book_shares_journal_and_lock_with_the_real_path(
    kp: Run, tmp_path: Path
) -> None:
    real_dir, link_dir = tmp_path / "real", tmp_path / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    real = real_dir / "book.json"
    _book(real)
    link = link_dir / "book.json"
    link.symlink_to(real)
    assert kp("--book", str(link), "log", "anna", "call", "via", "link").returncode == 0
    assert list(link_dir.iterdir()) == [link] and link.is_symlink()
    with Book.open(link) as book:
        book.compact()
    assert link.is_symlink() and list(link_dir.iterdir()) == [link]
    with Book.open(real) as book:
        assert [c.note for c in book.contacts()][-1] == "via link"


def test_a_dangling_symlink_is_no_book(kp: Run, tmp_path: Path) -> None:
    link = tmp_path / "book.json"
    link.symlink_to(tmp_path / "nowhere.json")
    assert "no book" in _one_line(kp("--book", str(link), "today"), 2)
    assert link.is_symlink() and not (tmp_path / "nowhere.json").exists()


def test_read_only_commands_never_convert_an_old_book(kp: Run, tmp_path: Path) -> None:
    """A book of layout 1 (contacts in the main file) is read as it is; a change converts it,
    after a backup."""
    path = tmp_path / "book.json"
    db = TinyDB(path)
    db.table("meta").insert({"schema": 2, "created": "2025-01-01T00:00:00", "app": "kp"})
    db.table("customers").insert({"name": "Anna Alt", "owner": "tester", "tier": "A"})
    db.table("contacts").insert(
        {"customer": 1, "at": "2025-03-01T09:00:00", "kind": "call", "purpose": "care", "rep": "x"}
    )
    db.close()
    before = _files(tmp_path)
    for command in (["today"], ["customer", "list"], ["customer", "show", "anna"]):
        assert kp("--book", str(path), *command).returncode == 0
        assert _files(tmp_path) == before
    assert kp("--book", str(path), "log", "anna", "call").returncode == 0
    assert path.with_name("book.json.layout1.bak").read_bytes() == before["book.json"]
    assert "contacts" not in orjson.loads(path.read_bytes())
    with Book.open(path) as book:
        assert len(book.contacts()) == 2


def _limit_file_size(limit: int = 2_000) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_disk_is_a_runtime_failure_and_loses_nothing(kp: Run, tmp_path: Path) -> None:
    """A file-size limit stands in for a full disk (no mount needed): every write that would
    grow a file past it fails the way ENOSPC does."""
    path = tmp_path / "book.json"
    _book(path)
    note = "x" * 3_000  # the journal line alone is bigger than the limit
    result = kp("--book", str(path), "log", "anna", "--note", note, preexec=_limit_file_size)
    message = _one_line(result, 1)
    assert "Could not write" in message
    with Book.open(path) as book:
        assert [c.note for c in book.contacts()] == ["0", "1", "2"]
    assert kp("--book", str(path), "log", "anna", "call").returncode == 0  # and it goes on
    with Book.open(path) as book:
        assert len(book.contacts()) == 4


def test_a_full_disk_during_compaction_keeps_the_acknowledged_line(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    _book(path)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            with Book.open(path) as book:
                _limit_file_size(100)  # smaller than any file of the book
                book.compact()
        except BookCorrupt:
            code = 3
        except Exception as error:
            code = 0 if "Could not write" in str(error) else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    with Book.open(path) as book:
        assert len(book.contacts()) == 3
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written temp file left behind


def test_a_lock_held_by_a_dead_process_is_free(kp: Run, tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    _book(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import filelock, sys, time; filelock.FileLock(sys.argv[1]).acquire(); "
            "print('held', flush=True); time.sleep(60)",
            str(path) + ".lock",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert kp("--book", str(path), "log", "anna", "call").returncode == 0


def test_a_book_replaced_under_an_open_book_is_read_again(tmp_path: Path) -> None:
    path, other = tmp_path / "book.json", tmp_path / "other.json"
    _book(path, contacts=1)
    _book(other, contacts=4)
    with Book.open(path) as book:
        assert len(book.contacts()) == 1
        with Book.open(other) as source:
            source.backup(tmp_path / "copy.json")
        for name in ("copy.contacts-2026.json", "copy.recent-tester.1.json"):
            os.replace(tmp_path / name, tmp_path / name.replace("copy", "book"))
        os.replace(tmp_path / "copy.json.journal", tmp_path / "book.json.journal")
        os.replace(tmp_path / "copy.json", path)
        assert book.changed_on_disk() and book.refresh()
        assert len(book.contacts()) == 4
        book.log_contact(Contact(1, datetime(2026, 2, 1, 9)))
    with Book.open(path) as book:
        assert len(book.contacts()) == 5


@pytest.mark.parametrize(
    "argument",
    [b"\xff\xfe", b"M\xfcller"],  # invalid UTF-8 (Latin-1 bytes from an old terminal)
)
def test_invalid_utf8_in_an_argument_is_bad_input(kp: Run, tmp_path: Path, argument: bytes) -> None:
    path = tmp_path / "book.json"
    _book(path)
    before = _files(tmp_path)
    # as a customer to find, and as text to store (a name, a note, a corrected note)
    for command in (
        ["log", argument, "call"],
        ["customer", "add", argument],
        ["customer", "edit", "1", "--name", argument],
        ["log", "anna", "call", "care", argument],
        ["contact", "edit", "1", "--note", argument],
    ):
        result = kp("--book", str(path), *command)
        assert "internal error" not in _one_line(result, 2), command
        assert _files(tmp_path) == before, command


def test_escape_sequences_in_a_path_never_reach_the_terminal(kp: Run, tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b]0;owned\x07\x1b[31m.json"
    result = kp("--book", str(path), "today")
    message = _one_line(result, 2)
    assert "\x1b" not in message and "\x07" not in message


def test_a_huge_value_gives_a_short_error_line(kp: Run, tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    _book(path)
    result = kp("--book", str(path), "customer", "add", "Bert", "--region", "X" * 100_000)
    assert len(_one_line(result, 2)) < 1_000


def test_invisible_characters_are_not_printed_raw(kp: Run, tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("Zoe\u200b\u202eEvil\x85", owner="tester"))
    text = kp("--book", str(path), "customer", "list")
    assert text.returncode == 0
    assert not any(c in text.stdout for c in "\u200b\u202e\x85")
    as_json = kp("--book", str(path), "today", "--format", "json", "--all")
    assert as_json.returncode == 0, as_json.stderr
    assert not any(c in as_json.stdout for c in "\u200b\u202e\x85")
    assert "Zoe\u200b\u202eEvil\x85" in as_json.stdout.encode().decode("unicode_escape")


def test_a_folder_we_may_not_enter_is_no_permission(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to another user")
    locked = Path("/tmp") / f"kp-locked-{os.getpid()}"
    locked.mkdir(mode=0o700, exist_ok=True)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, as nobody
        code = 99
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            sys.stderr = os.fdopen(write, "w")  # pytest captures sys.stderr itself
            os.environ["KP_CONFIG"] = "/nonexistent/config.toml"
            os.environ["KP_CACHE_DIR"] = "/nonexistent/cache"
            from tui.cli import run

            code = run(["--book", str(locked / "book.json"), "today"])
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(read, encoding="utf-8") as stream:
        stderr = stream.read()
    locked.rmdir()
    assert os.waitstatus_to_exitcode(status) == 1, stderr
    assert "No permission" in stderr and stderr.count("\n") == 1


def test_a_book_that_reads_as_damaged_refuses_writes(kp: Run, tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    _book(path)
    with Book.open(path) as book:
        book.compact()
    data = orjson.loads(path.read_bytes())
    data["customers"]["1"]["tier"] = "Z"
    path.write_bytes(orjson.dumps(data))
    before = _files(tmp_path)
    assert "damaged" in _one_line(kp("--book", str(path), "customer", "list"), 2)
    for command in (["customer", "add", "Bert"], ["settings", "set", "capacity", "5"]):
        assert "damaged" in _one_line(kp("--book", str(path), *command), 2)
    assert _files(tmp_path) == before
