"""What the store's process tests share: a book copied file by file, and the environment of a
real ``kp`` process run from this checkout."""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def copy_book(template: Path, folder: Path) -> Path:
    """Every file of the book at ``template`` copied into ``folder`` with its times (so the
    main file's record of each part file still matches); the copy's main file."""
    for source in template.parent.iterdir():
        shutil.copy2(source, folder / source.name)
    return folder / template.name


def kp_env(**extra: str) -> dict[str, str]:
    """English, UTF-8, this checkout's ``tui`` first on the path."""
    env = dict(os.environ, KP_LANG="en", LC_ALL="C.UTF-8", **extra)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def run_until_killed(child: Callable[[Path, int], None], path: Path, seconds: float) -> list[str]:
    """Fork, run ``child(path, fd)`` (it writes a line to ``fd`` per acknowledged change),
    SIGKILL it after ``seconds``; the lines it acknowledged."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        try:
            child(path, write)
        finally:
            os._exit(1)
    os.close(write)
    time.sleep(seconds)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with os.fdopen(read, encoding="utf-8") as stream:
        return [line for line in stream.read().split("\n") if line]
