"""Plan a follow-up, correct and delete a contact in the real app (tmux, 80x24); undo in a shell."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.app.tmux import Keys, Screen, tmux_session, wait_for, wait_for_exit
from tui.domain.model import Contact, Customer, Tier
from tui.store.book import Book

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "KP_REP": "tester",
        "KP_LANG": "en",
        "KP_CONFIG": str(tmp_path / "config.toml"),
        "KP_CACHE_DIR": str(tmp_path / "cache"),
        "KP_BOOK": str(tmp_path / "book.json"),
        "TERM": "xterm-256color",
    }


@pytest.fixture
def terminal(env: dict[str, str], tmp_path: Path) -> Iterator[tuple[Keys, Screen]]:
    with Book.open(tmp_path / "book.json") as book:
        anna = book.add_customer(Customer(name="Anna Müller", tier=Tier.A, owner="tester"))
        assert anna.id is not None
        at = datetime.combine(date.today() - timedelta(days=40), datetime.min.time())
        book.log_contact(Contact(customer=anna.id, at=at.replace(hour=10), note="first talk"))
    with tmux_session(f"{sys.executable} -m tui.cli", env, pause=0.3) as session:
        yield session


def _kp(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_plan_a_follow_up_then_correct_delete_and_undo_a_contact(
    terminal: tuple[Keys, Screen], env: dict[str, str]
) -> None:
    keys, screen = terminal
    wait_for(screen, "Anna Müller")
    keys("p")
    wait_for(screen, "Plan a follow-up")
    keys("+3")
    day = date.today() + timedelta(days=3)
    wait_for(screen, day.isoformat())
    keys("Tab", "v", "Tab", "Tab", "bring the catalogue", "Enter")
    wait_for(screen, "Planned for")
    keys("o")
    shown = wait_for(screen, "first talk")
    assert "Coming up" in shown and "Planned" in shown
    keys("Enter")
    wait_for(screen, "Contact #1")
    keys("e")
    wait_for(screen, "Correct contact #1")
    keys("C-u", "corrected note", "Enter")
    wait_for(screen, "corrected note")
    keys("d")
    wait_for(screen, "y = yes")
    keys("y")
    wait_for(screen, "No contacts yet.")
    keys("u")
    shown = wait_for(screen, "corrected note")
    assert all(len(line) <= 80 for line in shown.splitlines())
    keys("q")
    wait_for_exit(screen)
    assert _kp(env, "undo").startswith("Undone: contact correction (Anna Müller)")
    assert "first talk" in _kp(env, "contact", "list", "anna")
    upcoming = _kp(env, "customer", "show", "anna")
    assert f"[1:manual:{day.isoformat()}]" in upcoming and "bring the catalogue" in upcoming
