"""Snapshots of each screen at 80x24 and 120x40, dark and light, on the fixed book and date;
at 80x24 also in German, with the plan dialog and a whole contact.

Update only after looking at the report: ``pytest tests/app/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import MakeApp
from tui import i18n
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


STEERING = {
    "plan_dialog": _run("p", *"do"),
    "contact_view": _run("o", "enter"),
}


@pytest.fixture(params=["en", "de"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The UI language of one snapshot; English again afterwards."""
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


@pytest.mark.parametrize("screen", [*SCREENS, *STEERING])
def test_screen_at_80x24_in_each_language(
    snap_compare: Callable[..., bool], make_app: MakeApp, language: str, screen: str
) -> None:
    """Every screen, the plan dialog and a whole contact at 80x24, English and German."""
    app = make_app()
    run_before = {**SCREENS, **STEERING}[screen]
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
