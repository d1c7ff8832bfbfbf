"""Shared fixtures: every test runs in English with its own book and config paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import i18n


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test may touch the real user's book or config, or depend on the machine's locale."""
    monkeypatch.setenv("KP_BOOK", str(tmp_path / "default-book.json"))
    monkeypatch.setenv("KP_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("KP_LANG", "en")
    monkeypatch.setenv("KP_REP", "tester")
    monkeypatch.setenv("KP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language("en")
