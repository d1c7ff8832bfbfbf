"""The real ``kp --demo`` in a real terminal (tmux at 80x24), driven by keys as a person would."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.tmux import Keys, Screen, tmux_session, wait_for

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Keys, Screen]]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "KP_REP": "tester",
        "KP_LANG": "de",
        "KP_CONFIG": str(tmp_path / "config.toml"),
        "KP_CACHE_DIR": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path),
        "TERM": "xterm-256color",
    }
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
