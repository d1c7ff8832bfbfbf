"""The real ``kp --demo`` in a real terminal (tmux at 80x24), driven by keys as a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[Callable[..., None], Callable[[], str]]]:
    socket = f"kp-test-{os.getpid()}"
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
    command = f"{sys.executable} -m tui.cli --demo"
    tmux = ["tmux", "-L", socket]
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", "kp", "-x", "80", "-y", "24", command],
        check=True,
        env=env,
    )

    def keys(*sent: str) -> None:
        subprocess.run([*tmux, "send-keys", "-t", "kp", *sent], check=True)

    def screen() -> str:
        return subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", "kp"], capture_output=True, text=True, check=False
        ).stdout

    try:
        yield keys, screen
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)


def _wait_for(screen: Callable[[], str], text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        shown = screen()
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the screen shows:\n{screen()}")


def test_demo_in_german_at_80x24_log_a_call_and_quit(
    terminal: tuple[Callable[..., None], Callable[[], str]], tmp_path: Path
) -> None:
    keys, screen = terminal
    shown = _wait_for(screen, "erledigt")
    assert "tester" in shown and "DEMO" in shown and "Heute" in shown
    assert all(len(line) <= 80 for line in shown.splitlines())
    first = shown.splitlines()[0]
    done_before = int(first.split("·")[2].split()[0])
    keys("l")
    _wait_for(screen, "Notiz")
    keys("kurz angerufen, alles gut", "Enter")
    _wait_for(screen, f"{done_before + 1} von")
    keys("q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and list(tmp_path.glob("kundenpflege-demo-*")):
        time.sleep(0.2)
    assert not list(tmp_path.glob("kundenpflege-demo-*")), "the demo book was not removed"
