"""The real ``kp --demo`` in a real terminal (tmux at 80x24), driven by keys as a person would."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.app.tmux import Keys, Screen, tmux_session, wait_for, wait_for_exit

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _env(tmp_path: Path, language: str) -> dict[str, str]:
    """``kp`` as the rep ``tester`` with config, caches and temporary files in ``tmp_path``."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "KP_REP": "tester",
        "KP_LANG": language,
        "KP_CONFIG": str(tmp_path / "config.toml"),
        "KP_CACHE_DIR": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path),
        "TERM": "xterm-256color",
    }


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Keys, Screen]]:
    env = _env(tmp_path, "de")
    with tmux_session(f"{sys.executable} -m tui.cli --demo", env) as session:
        yield session


def test_demo_in_german_at_80x24_log_a_call_and_quit(
    terminal: tuple[Keys, Screen], tmp_path: Path
) -> None:
    keys, screen = terminal
    shown = wait_for(screen, "erledigt")
    assert "tester" in shown and "DEMO" in shown and "Heute" in shown
    assert all(len(line) <= 80 for line in shown.splitlines())
    first = shown.splitlines()[0]
    done_before = int(first.split("·")[2].split()[0])
    keys("l")
    wait_for(screen, "Notiz")
    keys("kurz angerufen, alles gut", "Enter")
    wait_for(screen, f"{done_before + 1} von")
    keys("q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and list(tmp_path.glob("kundenpflege-demo-*")):
        time.sleep(0.2)
    assert not list(tmp_path.glob("kundenpflege-demo-*")), "the demo book was not removed"


def test_a_team_sized_day_opens_through_the_head_start_and_leaves_no_process(
    tmp_path: Path,
) -> None:
    """A book big enough for ``kp`` to plan in a child while Textual loads (HeadStart): the day
    shows as ``kp today`` prints it, and after q neither the app nor its child is left."""
    import subprocess

    from tui.demo.generator import write_demo
    from tui.services.head_start import MIN_BOOK_BYTES

    book = tmp_path / "book.json"
    write_demo(book, customers=3000, years=1, seed=5, until=date.today(), reps=["tester"])
    assert book.stat().st_size >= MIN_BOOK_BYTES  # a team-sized book: the child plans it
    env = _env(tmp_path, "en")
    printed = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--book", str(book), "today", "--limit", "1"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.match(r"\s*1\s+!?\s*[ABC]\s+(.+?)\s+\(", printed.splitlines()[1])
    assert found, printed
    first = found.group(1)  # the most urgent customer of the day
    with tmux_session(f"{sys.executable} -m tui.cli --book {book}", env) as (keys, screen):
        shown = wait_for(screen, "done")
        assert first in shown.splitlines()[2]
        keys("q")
        wait_for_exit(screen)
    left = subprocess.run(["pgrep", "-f", str(book)], capture_output=True, text=True).stdout
    assert left == "", f"processes left: {left}"
