"""Damaged, future and unreadable books are refused with one line and never touched; modes."""

from __future__ import annotations

import grp
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from tui import i18n
from tui.domain.model import Contact, Customer
from tui.store import storage as storage_module
from tui.store.book import Book
from tui.store.errors import BookCorrupt, BookError, BookPermission, BookTooNew


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "book.json"


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def _refused(path: Path, error: type[BookError]) -> str:
    """Open must fail with ``error``; every file in the directory is byte-for-byte unchanged."""
    before = _files(path.parent)
    before.pop(path.name + ".lock", None)
    with pytest.raises(error) as raised:
        Book.open(path)
    after = _files(path.parent)
    after.pop(path.name + ".lock", None)  # an empty lock file may appear; nothing else
    assert after == before
    message = str(raised.value)
    assert "\n" not in message and str(path.absolute()) in message
    return message


@pytest.mark.parametrize(
    "content",
    [
        b'{"meta": {"1": {"schema": 1}}, "customers": {',
        b"\x00\x00\x00\x00",
        b"",
        b"[1, 2, 3]",
        b'{"customers": [1, 2]}',
        b'{"customers": {"1": "Hans"}}',
        b'{"customers": {"x": {}}}',
        b'{"meta": {"1": {"schema": "one"}}}',
        b'{"meta": {"1": {"schema": -1}}}',
    ],
    ids=[
        "torn",
        "zeros",
        "empty",
        "list",
        "table-list",
        "doc-string",
        "bad-id",
        "schema-text",
        "schema-negative",
    ],
)
def test_corrupt_books_are_refused_and_left_alone(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    message = _refused(path, BookCorrupt)
    assert "damaged" in message


def test_a_damaged_journal_header_is_refused(path: Path) -> None:
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
    journal = path.with_name("book.json.journal")
    journal.write_bytes(b"garbage\n" + journal.read_bytes())
    _refused(path, BookCorrupt)


def test_a_document_that_does_not_fit_is_corrupt_when_read(path: Path) -> None:
    with Book.open(path) as book:
        customer = book.add_customer(Customer("A", owner="anna")).id or 0
        book.log_contact(Contact(customer, datetime(2026, 1, 5, 9)))
        book.compact()
    data = orjson.loads(path.read_bytes())
    data["customers"]["1"]["email"] = "not an address"
    path.write_bytes(orjson.dumps(data))
    year_path = path.with_name("book.contacts-2026.json")
    year = orjson.loads(year_path.read_bytes())
    year["contacts"]["1"]["kind"] = "fax"
    year_path.write_bytes(orjson.dumps(year))
    before = _files(path.parent)
    with Book.open(path) as book:
        with pytest.raises(BookCorrupt):
            book.contacts()
        with pytest.raises(BookCorrupt):
            book.customers()
    assert _files(path.parent) == before


def test_a_newer_schema_is_refused_untouched(path: Path) -> None:
    path.write_bytes(orjson.dumps({"meta": {"1": {"schema": 7, "app": "kundenpflege 9"}}}))
    message = _refused(path, BookTooNew)
    assert "7" in message and "newer" in message
    assert not path.with_name("book.json.journal").exists()


def test_messages_are_german_when_the_user_is(path: Path) -> None:
    """The store carries a code and parameters; the front ends word it in the user's language."""
    from tui.messages import describe

    path.write_bytes(b"{")
    i18n.set_language("de")
    with pytest.raises(BookCorrupt) as raised:
        Book.open(path)
    assert raised.value.code == "book.corrupt"
    assert "beschädigt" in describe(raised.value) and str(path) in describe(raised.value)
    assert "damaged" in str(raised.value)  # logs and tracebacks stay English


def _as_another_user(action: Callable[[], None]) -> int:
    """Run ``action`` as an unprivileged user: root can read anything, so drop to nobody.

    Returns 0 if the action passed, 1 if it failed (the failure is printed by the child).
    """
    if os.geteuid() != 0:
        try:
            action()
        except AssertionError:
            return 1
        return 0
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            action()
            code = 0
        except BaseException as error:
            print(f"child failed: {type(error).__name__}: {error}")
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory another user can enter (pytest's tmp dirs are 0700)."""
    directory = Path(tempfile.mkdtemp(prefix="kp-perm-"))
    directory.chmod(0o755)
    yield directory
    for file in directory.iterdir():
        file.unlink()
    directory.rmdir()


def test_an_unreadable_book_gives_book_permission(shared_dir: Path) -> None:
    path = shared_dir / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
    if os.geteuid() != 0:
        path.chmod(0)
    before = _files(shared_dir) if os.geteuid() == 0 else None

    def check() -> None:
        try:
            Book.open(path)
        except BookPermission as error:
            assert str(path) in str(error) and "\n" not in str(error)
            assert "read" in str(error)
            return
        raise AssertionError("opened an unreadable book")

    assert _as_another_user(check) == 0
    if before is not None:
        assert _files(shared_dir) == before
    path.chmod(0o600)


def test_a_read_only_book_can_be_read_but_not_changed(shared_dir: Path) -> None:
    path = shared_dir / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
    path.with_name("book.json.lock").unlink()
    for file in shared_dir.iterdir():
        file.chmod(0o644)
    if os.geteuid() != 0:
        shared_dir.chmod(0o555)
    before = _files(shared_dir)

    def check() -> None:
        with Book.open(path) as book:
            assert [c.name for c in book.customers()] == ["A"]
            try:
                book.add_customer(Customer("B"))
            except BookPermission as error:
                assert "change" in str(error)
                return
        raise AssertionError("changed a read-only book")

    try:
        assert _as_another_user(check) == 0
    finally:
        shared_dir.chmod(0o755)
    assert _files(shared_dir) == before


def _modes(directory: Path) -> dict[str, tuple[int, int]]:
    return {
        p.name: (stat.S_IMODE(p.stat().st_mode), p.stat().st_gid)
        for p in directory.iterdir()
        if p.is_file()
    }


def _make_every_kind_of_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_module, "COMPACT_MIN_BYTES", 500)
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(orjson.dumps({"customers": {}}))  # schema 0: migrated, backup written
    path.chmod(0o600)
    with Book.open(path) as book:
        customer = book.add_customer(Customer("A", owner="anna")).id or 0
        for minute in range(10):
            book.log_contact(Contact(customer, datetime(2026, 1, 5, 9, minute)))
        book.compact()


def test_new_files_are_private(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old_umask = os.umask(0)  # even a careless umask must not open the book to everyone
    try:
        _make_every_kind_of_file(path, monkeypatch)
    finally:
        os.umask(old_umask)
    modes = _modes(path.parent)
    expected = {
        "book.json",
        "book.json.journal",
        "book.json.lock",
        "book.json.bak",
        "book.json.journal.bak",
        "book.json.schema0.bak",
        "book.contacts-2026.json",
        "book.recent-anna.1.json",
    }
    assert expected <= set(modes)
    assert {name: mode for name, (mode, _) in modes.items()} == dict.fromkeys(modes, 0o600)


def test_new_files_in_a_setgid_team_directory_are_group_writable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    groups = [g.gr_gid for g in grp.getgrall() if g.gr_gid != os.getegid()]
    if os.geteuid() == 0 and groups:
        os.chown(team, -1, groups[0])
    team.chmod(0o2770)
    group = team.stat().st_gid
    path = team / "book.json"
    # a brand-new book in the team directory
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
    assert _modes(team) == {
        name: (0o660, group) for name in ("book.json", "book.json.journal", "book.json.lock")
    }
    for file in team.iterdir():
        file.unlink()
    _make_every_kind_of_file(path, monkeypatch)
    modes = _modes(team)
    assert len(modes) == 8  # with book.contacts-2026.json and book.recent-anna.1.json
    assert modes == dict.fromkeys(modes, (0o660, group))  # the 0600 book joined the team


def test_replacing_the_book_keeps_its_mode(path: Path) -> None:
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
    path.chmod(0o640)
    with Book.open(path) as book:
        book.compact()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
