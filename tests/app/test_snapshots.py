"""Snapshots of each screen at 80x24 and 120x40, dark and light, on the fixed book and date.

Update only after looking at the report: ``pytest tests/app/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import MakeApp
from tui.config import Config

SIZES = [(80, 24), (120, 40)]
THEMES = ["textual-dark", "textual-light"]


async def _no_blink(pilot: Pilot[None]) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def _run(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        await _no_blink(pilot)

    return run_before


SCREENS = {
    "today": _run(),
    "log_form": _run("l"),
    "customer": _run("o"),
    "help": _run("question_mark"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.split("-")[1])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(
    snap_compare: Callable[..., bool],
    make_app: MakeApp,
    config: Config,
    screen: str,
    theme: str,
    size: tuple[int, int],
) -> None:
    themed = Config(theme=theme, rep="tester", path=config.path)
    app = make_app(config=themed)
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[screen])
