"""A real terminal for end-to-end tests: ``kp`` in a tmux session of its own, driven by keys."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Keys = Callable[..., None]
Screen = Callable[[], str]


@contextmanager
def tmux_session(
    command: str, env: dict[str, str], *, pause: float = 0.0, size: tuple[int, int] = (80, 24)
) -> Iterator[tuple[Keys, Screen]]:
    """``command`` in tmux at ``size``; yields ``keys(*keys)`` and ``screen()``; killed after.

    ``pause`` > 0 sends the keys of one call one at a time with that pause between them, as a
    person types: a burst can outrun a change of focus that the app makes on one of them. (After
    the last key a test waits for what it expects on the screen, so no pause is needed there.)
    """
    tmux = ["tmux", "-L", f"kp-test-{os.getpid()}-{time.monotonic_ns()}"]
    width, height = size
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", "kp", "-x", str(width), "-y", str(height), command],
        check=True,
        env=env,
    )

    def keys(*sent: str) -> None:
        for number, group in enumerate([[key] for key in sent] if pause else [list(sent)]):
            if number:
                time.sleep(pause)
            subprocess.run([*tmux, "send-keys", "-t", "kp", *group], check=True)

    def screen() -> str:
        return subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", "kp"], capture_output=True, text=True, check=False
        ).stdout

    try:
        yield keys, screen
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)


def wait_for(screen: Screen, text: str, seconds: float = 30) -> str:
    """The screen once ``text`` shows on it; an AssertionError with the screen if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        shown = screen()
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the screen shows:\n{screen()}")


def wait_for_exit(screen: Screen, seconds: float = 30) -> None:
    """Until the program has quit: tmux closes its session, and the screen reads as empty."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not screen():
            return
        time.sleep(0.1)
    raise AssertionError(f"the program is still running; the screen shows:\n{screen()}")
