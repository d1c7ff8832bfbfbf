"""Snapshots of a new user's first screens at 80x24: the empty book's Today with the three ways
in, and the import dialog. Update only after looking at the report (``--snapshot-update``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import MakeApp
from tui.store.book import Book


async def _open_import(pilot: Pilot[None]) -> None:
    await pilot.press("i")
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def _nothing(pilot: Pilot[None]) -> None:
    await pilot.pause()


@pytest.mark.parametrize("screen", ["today", "import"])
def test_first_start(
    snap_compare: Callable[..., bool], make_app: MakeApp, tmp_path: Path, screen: str
) -> None:
    with Book.open(tmp_path / "empty.json") as empty:
        app = make_app(book=empty)
        run_before = _open_import if screen == "import" else _nothing
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
