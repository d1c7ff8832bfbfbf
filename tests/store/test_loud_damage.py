"""Damage found by a compaction is said, never skipped: the write that crosses the threshold
keeps its change (in the journal, exit 0 as for any saved change), says in one line on stderr
which file is damaged and how to get out, and leaves every other file byte for byte. The app
shows the same as a notice. Real files, the real ``kp``."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from tui.app.screens.log_form import LogForm
from tui.app.screens.today import TodayScreen
from tui.domain.model import Contact
from tui.store import storage
from tui.store.book import Book

from .copies import kp_env
from .test_damage import CUSTOMER, app_on, book, fingerprint, template, window_files

__all__ = ["book", "template"]  # the fixtures, shared with test_damage

#: room left below the compaction threshold; the ``kp log`` below writes more than this
MARGIN = 1_500
LONG_NOTE = "crossing the threshold " * 150


def fill_journal(path: Path, customers: list[int]) -> None:
    """Log long notes for ``customers`` (in turn) until the journal is just below the
    compaction threshold; nothing is compacted on the way."""
    with Book.open(path, create=False) as opened:
        state = opened._storage
        threshold = max(storage.COMPACT_MIN_BYTES, path.stat().st_size // 8)
        moment = datetime(2026, 11, 24, 8)
        count = 0
        while (room := threshold - MARGIN - state._journal_offset) > 0:
            note = "x" * max(1, min(9_000, (room - 600) // 2))  # in the year and the window
            customer = customers[count % len(customers)]
            opened.log_contact(Contact(customer, moment + timedelta(minutes=count), note=note))
            count += 1
            assert state._journal_offset <= threshold - MARGIN + 600  # not folded yet


def other_window_customer(path: Path) -> tuple[int, Path]:
    """A customer of another window file than ``CUSTOMER``'s, and that file."""
    with Book.open(path, create=False) as opened:
        mine = opened._window_table(CUSTOMER)
        for customer in opened.customer_ids():
            table = opened._window_table(customer)
            if table != mine:
                return customer, path.with_name(f"{path.stem}.{table.replace('/', '-')}.json")
    raise AssertionError("every customer is in one window file")


def damage_last(path: Path) -> None:
    """Give the last document of the part file ``path`` a time that is a number."""
    data = json.loads(path.read_text(encoding="utf-8"))
    table = next(iter(data.values()))
    table[list(table)[-1]]["at"] = 5
    path.write_text(json.dumps(data), encoding="utf-8")


def kp(path: Path, *arguments: str, language: str = "en") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui.cli", "--book", str(path), *arguments]
    env = kp_env(KP_REP="tester") | {"KP_LANG": language}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def everything_but_the_journal(path: Path) -> dict[str, str]:
    return {k: v for k, v in fingerprint(path.parent).items() if not k.endswith(".journal")}


@pytest.mark.parametrize("where", ["year file", "window file"])
def test_a_log_that_must_fold_a_damaged_file_says_so_and_keeps_the_contact(
    book: Path, where: str
) -> None:
    if where == "year file":
        fill_journal(book, [CUSTOMER])
        damaged = book.with_name("book.contacts-2026.json")
    else:  # the journal holds contacts of a window file that this log does not read
        other, damaged = other_window_customer(book)
        assert damaged in window_files(book)
        fill_journal(book, [other, CUSTOMER])
    damage_last(damaged)
    before, journal = everything_but_the_journal(book), journal_of(book).read_bytes()

    note = ["--note", LONG_NOTE]
    result = kp(book, "log", str(CUSTOMER), "--kind", "call", "--purpose", "care", *note)
    assert result.returncode == 0, result.stderr  # the contact is acknowledged and kept
    assert result.stdout.startswith("logged")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert damaged.name in lines[0] and "damaged" in lines[0] and "saved" in lines[0]
    assert "kp check" in lines[0] and "kp repair" in lines[0]
    # nothing else was written: every other file byte for byte, the journal only appended to
    assert everything_but_the_journal(book) == before
    grown = journal_of(book).read_bytes()
    assert grown.startswith(journal) and LONG_NOTE.strip().encode() in grown[len(journal) :]

    # the next write tries again and says it again, in German too
    again = kp(book, "log", str(CUSTOMER), "call", "care", "again", language="de")
    assert again.returncode == 0, again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    assert "beschädigt" in again.stderr and "kp repair" in again.stderr
    assert everything_but_the_journal(book) == before

    # the damage is refused by a reader; repair keeps both logged contacts
    assert kp(book, "check").returncode == 2
    assert kp(book, "repair").returncode == 0
    assert kp(book, "check").returncode == 0
    with Book.open(book, create=False) as opened:
        notes = [c.note for c in opened.contacts(CUSTOMER)]
    assert LONG_NOTE.strip() in [n.strip() for n in notes] and "again" in notes, notes[-5:]


async def test_the_app_shows_a_fold_that_met_damage_and_keeps_running(
    book: Path, tmp_path: Path
) -> None:
    fill_journal(book, [CUSTOMER])
    damage_last(book.with_name("book.contacts-2026.json"))
    before, journal = everything_but_the_journal(book), journal_of(book).read_bytes()
    with Book.open(book, create=False) as opened:
        app = app_on(opened, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")  # log the first gesture: one journal line, then a fold
            await pilot.pause()
            assert isinstance(app.screen, LogForm)
            app.screen.query_one("#log-note", Input).value = LONG_NOTE
            await pilot.press("ctrl+s")
            await pilot.pause()
            notices = [(n.title, str(n.message)) for n in app._notifications]
            warned = [m for t, m in notices if "contacts-2026" in m and "damaged" in m]
            assert len(warned) == 1 and "kp repair" in warned[0], notices
            assert ("Saved, with a warning", warned[0]) in notices
            assert app.is_running and isinstance(app.screen, TodayScreen)
    assert everything_but_the_journal(book) == before
    grown = journal_of(book).read_bytes()  # the contact is kept
    assert grown.startswith(journal) and LONG_NOTE.strip().encode() in grown[len(journal) :]


def test_help_says_a_saved_change_exits_0_with_its_warning(book: Path) -> None:
    for language, words in (
        ("en", "A change that was saved exits 0 even when a warning follows"),
        ("de", "Eine gespeicherte Änderung endet mit 0, auch wenn eine Warnung"),
    ):
        result = kp(book, "--help", language=language)
        assert result.returncode == 0 and words in " ".join(result.stdout.split())
