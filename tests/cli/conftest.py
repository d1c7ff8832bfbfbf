"""Run ``kp`` as a real subprocess, the way a shell user does."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

Kp = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return tmp_path / "book.json"


@pytest.fixture
def kp_env(tmp_path: Path) -> dict[str, str]:
    """The environment every ``kp`` test process runs in (English, rep ``tester``)."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "KP_CONFIG": str(tmp_path / "config.toml"),
        "KP_LANG": "en",
        "KP_REP": "tester",
        "KP_CACHE_DIR": str(tmp_path / "cache"),
    }


@pytest.fixture
def kp(book: Path, kp_env: dict[str, str]) -> Kp:
    """``kp(*args)`` runs ``python -m tui.cli --book BOOK *args`` and returns the process.

    Its stdin is /dev/null and its output a pipe: never a terminal, as in cron or a script.
    """

    def run(
        *args: str, env: dict[str, str] | None = None, use_book: bool = True
    ) -> subprocess.CompletedProcess[str]:
        prefix = ["--book", str(book)] if use_book else []
        return subprocess.run(
            [sys.executable, "-m", "tui.cli", *prefix, *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**kp_env, **(env or {})},
            timeout=120,
            check=False,
        )

    return run


DAY = "2026-11-23"  # a Monday: the demo book's last day of history


@pytest.fixture
def demo_book(kp: Kp, book: Path) -> Path:
    """A 60-customer demo book whose history ends on ``DAY``; the tester is one of its reps."""
    result = kp("demo", "--out", str(book), "--customers", "60", "--years", "2", "--until", DAY)
    assert result.returncode == 0, result.stderr
    assert "60 customers" in result.stdout
    return book
