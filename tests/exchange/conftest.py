"""Fixture files: real-looking exports from a German CRM, German Excel, Outlook, Thunderbird."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def fixture_bytes() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in FIXTURES.iterdir() if path.is_file()}
