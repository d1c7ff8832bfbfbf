"""Damage inside a year file or a window file: refused by every reader with one line and the files
left byte for byte; found on demand by ``kp check``; ``kp repair`` keeps what reads and moves
the rest aside; a write never compacts damage away. Real files, the real ``kp``."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from tui.app.app import KundenpflegeApp
from tui.config import Config
from tui.demo.generator import write_demo
from tui.domain.model import Contact
from tui.store.book import Book
from tui.store.damage import salvage
from tui.store.errors import BookCorrupt

from .copies import copy_book, kp_env

UNTIL = date(2026, 11, 23)
CUSTOMER = 18


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("damage") / "book.json"
    write_demo(path, customers=60, years=3, seed=4, until=UNTIL, reps=["tester", "other"])
    return path


@pytest.fixture
def book(template: Path, tmp_path: Path) -> Path:
    return copy_book(template, tmp_path)


def kp(path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui.cli", "--book", str(path), *arguments]
    return subprocess.run(
        command, env=kp_env(KP_REP="tester"), capture_output=True, text=True, timeout=120
    )


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith(".lock")
    }


def window_files(book: Path) -> list[Path]:
    return sorted(book.parent.glob(f"{book.stem}.recent-*.json"))


def window_file_of(book: Path, customer: int) -> Path:
    for path in window_files(book):
        table = json.loads(path.read_text(encoding="utf-8"))["recent"]
        if any(doc["customer"] == customer for doc in table.values()):
            return path
    raise AssertionError(f"customer {customer} has no window file")


def damage(path: Path, how: Callable[[dict[str, object]], None]) -> str:
    """Change one document of ``CUSTOMER`` in the part file ``path``; its id."""
    data = json.loads(path.read_text(encoding="utf-8"))
    table = next(iter(data.values()))
    key = [k for k, doc in table.items() if doc["customer"] == CUSTOMER][-1]
    how(table[key])
    path.write_text(json.dumps(data), encoding="utf-8")
    return key


DAMAGES: dict[str, Callable[[dict[str, object]], None]] = {
    "a time that is a number": lambda doc: doc.update(at=5),
    "no time": lambda doc: doc.pop("at"),
    "a customer that is text": lambda doc: doc.update(customer="x"),
    "a time of another year": lambda doc: doc.update(at="1999-01-01T10:00:00"),
    "an unknown kind": lambda doc: doc.update(kind="bogus"),
}

# commands that read the year 2025, each once
READERS_OF_2025 = [
    ["heatmap", "--all", "--year", "2025"],
    ["contact", "list", str(CUSTOMER)],
    ["customer", "show", str(CUSTOMER)],
    ["export", "--json", "-"],
    ["export", "--gifts", "-", "--year", "2025"],
    ["backup", "copy.json"],
]


@pytest.mark.parametrize("how", list(DAMAGES), ids=list(DAMAGES))
def test_every_reader_of_a_damaged_year_refuses_with_one_line(
    book: Path, how: str, tmp_path: Path
) -> None:
    key = damage(book.with_name("book.contacts-2025.json"), DAMAGES[how])
    before = fingerprint(book.parent)
    for arguments in READERS_OF_2025:
        if arguments[0] == "backup" and how == "an unknown kind":
            continue  # a backup copies documents without decoding them: faithfully, not lost
        if arguments[0] == "backup":
            arguments = ["backup", str(tmp_path / "elsewhere" / "copy.json")]
            (tmp_path / "elsewhere").mkdir(exist_ok=True)
        result = kp(book, *arguments)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2, (arguments, result.stderr)
        assert len(lines) == 1 and "damaged" in lines[0], (arguments, lines)
        assert "Traceback" not in result.stderr
        if how != "an unknown kind":  # found as the file is read: named with the document
            assert "book.contacts-2025.json" in lines[0] and key in lines[0], lines[0]
        assert fingerprint(book.parent) == before, arguments
    assert not (tmp_path / "elsewhere" / "copy.json").exists() or how == "an unknown kind"


@pytest.mark.parametrize("how", ["a time that is a number", "a customer that is text"])
def test_a_damaged_window_file_refuses_todays_plan(book: Path, how: str) -> None:
    damage(window_file_of(book, CUSTOMER), DAMAGES[how])
    before = fingerprint(book.parent)
    for arguments in (["today", "--all"], ["log", str(CUSTOMER), "call", "care", "x"]):
        result = kp(book, *arguments)
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
        assert "recent-" in result.stderr and "damaged" in result.stderr
    assert fingerprint(book.parent) == before


def app_on(opened: Book, tmp_path: Path) -> KundenpflegeApp:
    """The app on ``opened`` for the rep ``tester`` on the fixture's day, without polling."""
    config = Config(theme="textual-dark", rep="tester", path=tmp_path / "config.toml")
    clock = lambda: datetime(2026, 11, 23, 9, 30)  # noqa: E731
    return KundenpflegeApp(opened, rep="tester", clock=clock, config=config, poll_seconds=0)


async def test_the_app_shows_a_damaged_year_and_keeps_running(book: Path, tmp_path: Path) -> None:
    damage(book.with_name("book.contacts-2025.json"), DAMAGES["a time that is a number"])
    before = fingerprint(book.parent)
    with Book.open(book, create=False) as opened:
        app = app_on(opened, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("H")
            await pilot.pause()
            await pilot.press("left_square_bracket")  # to 2025
            await pilot.pause()
            notices = [str(n.message) for n in app._notifications]
            assert any("damaged" in n and "contacts-2025" in n for n in notices), notices
            await pilot.press("right_square_bracket")  # back to 2026: still running
            await pilot.pause()
            assert app.is_running
    assert fingerprint(book.parent) == before


def test_check_finds_damage_in_a_year_nobody_read(book: Path) -> None:
    assert kp(book, "check").returncode == 0
    clean = kp(book, "check")
    assert clean.stdout.startswith("the book is whole") and clean.stderr == ""
    year = book.with_name("book.contacts-2024.json")
    key = damage(year, DAMAGES["an unknown kind"])
    truncated = window_files(book)[0]
    truncated.write_bytes(truncated.read_bytes()[:100])
    before = fingerprint(book.parent)
    result = kp(book, "check")
    assert result.returncode == 2
    assert f"book.contacts-2024.json: contact {key}" in result.stdout
    assert f"{truncated.name}: not valid JSON" in result.stdout
    assert "kp repair" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert fingerprint(book.parent) == before


def test_check_and_repair_have_help(book: Path) -> None:
    for command in ("check", "repair"):
        result = kp(book, command, "--help")
        assert result.returncode == 0 and f"usage: kp {command}" in result.stdout


def test_repair_keeps_what_reads_moves_the_rest_aside_and_rebuilds_the_window(
    book: Path,
) -> None:
    year = book.with_name("book.contacts-2025.json")
    with Book.open(book, create=False) as opened:
        everything = {c.id: c for c in opened.contacts()}
    bad_kind = damage(year, DAMAGES["an unknown kind"])
    data = json.loads(year.read_text(encoding="utf-8"))
    table = data["contacts"]
    no_time = next(k for k, d in table.items() if d["customer"] == CUSTOMER and k != bad_kind)
    del table[no_time]["at"]
    year.write_text(json.dumps(data), encoding="utf-8")
    window = window_file_of(book, CUSTOMER)
    window.write_bytes(window.read_bytes()[: window.stat().st_size // 2])  # cut short

    result = kp(book, "repair")
    assert result.returncode == 0, result.stderr
    assert "book.contacts-2025.json: kept" in result.stdout and "moved 2 aside" in result.stdout
    assert f"{window.name}: kept" in result.stdout
    assert "window was built again" in result.stdout
    rejected = [json.loads(line) for line in year.with_name(year.name + ".rejected").open()]
    assert {r["id"] for r in rejected} == {bad_kind, no_time}
    assert all(r["problem"] and r["document"]["customer"] == CUSTOMER for r in rejected)

    assert kp(book, "check").returncode == 0
    with Book.open(book, create=False) as opened:
        kept = {c.id: c for c in opened.contacts()}
        assert set(everything) - set(kept) == {int(bad_kind), int(no_time)}
        assert all(kept[n] == everything[n] for n in kept)
        # what the cut-short window file lost came back from the years
        since = date(2026, 7, 1)
        window_view = opened.recent_contacts(since)
        assert [c.id for c in window_view] == [
            c.id
            for c in sorted(kept.values(), key=lambda c: (c.at, c.id or 0))
            if c.at.date() >= since
        ]


def test_repair_twice_keeps_what_the_first_moved_aside(book: Path) -> None:
    year = book.with_name("book.contacts-2025.json")
    first = damage(year, DAMAGES["an unknown kind"])
    assert kp(book, "repair").returncode == 0
    second = damage(year, DAMAGES["a customer that is text"])
    assert kp(book, "repair").returncode == 0
    rejected = [json.loads(line) for line in year.with_name(year.name + ".rejected").open()]
    assert [r["id"] for r in rejected] == [first, second]


def test_a_write_never_compacts_damage_away(book: Path) -> None:
    year = book.with_name("book.contacts-2026.json")
    key = damage(year, DAMAGES["an unknown kind"])
    with Book.open(book, create=False) as opened:
        for minute in range(5):
            opened.log_contact(Contact(CUSTOMER, datetime(2026, 11, 24, 9, minute)))
        opened.compact()
    assert json.loads(year.read_text(encoding="utf-8"))["contacts"][key]["kind"] == "bogus"
    with Book.open(book, create=False) as opened, pytest.raises(BookCorrupt, match=key):
        opened.contacts(CUSTOMER)
    # a compaction that must read the file (an older contact deleted) refuses instead
    assert kp(book, "contact", "delete", key).returncode == 2
    truncated = year.read_bytes()[:-40]
    year.write_bytes(truncated)
    with Book.open(book, create=False) as opened:
        opened.log_contact(Contact(CUSTOMER, datetime(2026, 11, 24, 10)))  # acknowledged
        with pytest.raises(BookCorrupt):
            opened.compact()
    assert year.read_bytes() == truncated
    result = kp(book, "repair")
    assert result.returncode == 0 and "book.contacts-2026.json: kept" in result.stdout
    with Book.open(book, create=False) as opened:
        assert any(c.at == datetime(2026, 11, 24, 10) for c in opened.contacts(CUSTOMER))


def test_salvage_reads_each_document_on_its_own() -> None:
    good = {"1": {"a": 1}, "2": {"note": 'a "quote", "3": {'}, "5": {"c": 3}}
    raw = json.dumps({"contacts": {**good, "4": [1]}}).encode()
    docs, rejected = salvage(raw, "contacts")
    assert docs == good and rejected == ['"4": [1]']
    docs, rejected = salvage(raw[: raw.index(b'"5"') + 8], "contacts")
    assert list(docs) == ["1", "2"] and rejected == ['"5": {"c']
    assert salvage(b"\x00garbage", "contacts") == ({}, ["\x00garbage"])
    assert salvage(b'{"contacts":{}}', "contacts") == ({}, [])


def test_repair_says_what_it_cannot_mend(book: Path) -> None:
    data = json.loads(book.read_text(encoding="utf-8"))
    data["customers"]["2"]["tier"] = "Z"
    book.write_text(json.dumps(data), encoding="utf-8")
    checked = kp(book, "check")
    assert checked.returncode == 2 and "book.json: customer 2:" in checked.stdout
    repaired = kp(book, "repair")
    assert repaired.returncode == 2 and "book.json: customer 2:" in repaired.stdout
    assert len(repaired.stderr.strip().splitlines()) == 1 and "backup" in repaired.stderr
    assert json.loads(book.read_text(encoding="utf-8"))["customers"]["2"]["tier"] == "Z"
