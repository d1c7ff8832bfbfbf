"""Where the shipped data files live, in a wheel (tui/_data) and in a source checkout (data/)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder with the gesture catalog, defaults and sample files."""
    wheel = _PACKAGE / "_data"
    if wheel.is_dir():
        return wheel
    return _PACKAGE.parent / "data"


def data_file(name: str) -> Path:
    """One shipped data file by name, e.g. ``gift_limits.json``."""
    return data_dir() / name
