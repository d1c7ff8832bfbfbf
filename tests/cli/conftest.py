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
def kp(book: Path, tmp_path: Path) -> Kp:
    """``kp(*args)`` runs ``python -m tui.cli --book BOOK *args`` and returns the process."""

    def run(
        *args: str, env: dict[str, str] | None = None, use_book: bool = True
    ) -> subprocess.CompletedProcess[str]:
        environment = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "KP_CONFIG": str(tmp_path / "config.toml"),
            "KP_LANG": "en",
            "KP_REP": "tester",
            "KP_CACHE_DIR": str(tmp_path / "cache"),
            **(env or {}),
        }
        prefix = ["--book", str(book)] if use_book else []
        return subprocess.run(
            [sys.executable, "-m", "tui.cli", *prefix, *args],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            check=False,
        )

    return run
