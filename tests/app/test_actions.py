"""The action registry: one declaration per key feeds the bindings, the footer, help and palette."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Static

from tests.app.conftest import MakeApp
from tui import i18n
from tui.app.actions import ACTIONS, BY_ID, bindings
from tui.app.commands import KpCommands
from tui.app.screens.help import HelpScreen
from tui.config import Config


def test_every_action_is_declared_once_with_a_scope_and_a_label() -> None:
    assert len(BY_ID) == len(ACTIONS)
    for action in ACTIONS:
        assert action.label and action.scope and action.id.startswith(action.scope + ".")
    assert [b.id for b in bindings("today")] == [  # type: ignore[union-attr]
        a.id for a in ACTIONS if a.node == "today"
    ]
    assert all(a.key for a in ACTIONS if not a.palette)  # a keyless action lives in the palette


def test_every_binding_of_the_app_comes_from_the_registry() -> None:
    import importlib
    import pkgutil

    import tui.app

    declared = 0
    for module_info in pkgutil.walk_packages(tui.app.__path__, "tui.app."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            own = vars(value).get("BINDINGS") if isinstance(value, type) else None
            if own is None or value.__module__ != module.__name__:
                continue
            for binding in own:
                declared += 1
                assert binding.id in BY_ID, (value, binding)
                assert binding.description == BY_ID[binding.id].label  # English until shown
    assert declared == sum(1 for a in ACTIONS if a.key)


async def test_labels_are_translated_when_shown_not_at_import(make_app: MakeApp) -> None:
    i18n.set_language("de")  # after every app module was imported in English
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()  # the footer lists the keys once Today has focus
        assert "Erledigt" in app.export_screenshot()  # the footer's "Done"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = str(app.screen.query_one("#help-keys", Static).render())
        assert "Als erledigt markieren" in help_text and "Mark done" not in help_text
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        provider = KpCommands(app.screen, None)
        titles = [hit.text async for hit in provider.discover()]
        assert "Schnell eintragen" in titles and "Quick log" not in titles


async def test_a_remapped_key_shows_in_help_and_the_palette(
    make_app: MakeApp, config: Config
) -> None:
    app = make_app(config=Config(rep="tester", path=config.path, keys={"today.skip": "X"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        rows = app.screen.rows  # type: ignore[attr-defined]
        assert ("X", "Skip this occasion", "today.skip") in rows
        await pilot.press("escape")
        provider = KpCommands(app.screen, None)
        hints = {title: hint for title, hint, _run in provider._screen_commands()}
        assert hints["Skip"] == "Key: X"
