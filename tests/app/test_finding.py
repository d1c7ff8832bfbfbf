"""Finding customers in the app: the palette shows names literally and never loses a customer."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from tests.app.conftest import MakeApp
from tui.app.screens.customer import CustomerScreen
from tui.app.screens.quick_capture import QuickCaptureScreen
from tui.domain.model import Customer
from tui.store.book import Book


def _prompts(app: object) -> list[str]:
    palette = app.screen  # type: ignore[attr-defined]
    assert isinstance(palette, CommandPalette)
    found = palette.query_one(CommandList)
    return [
        str(getattr(found.get_option_at_index(i).prompt, "plain", ""))
        for i in range(found.option_count)
    ]


async def test_markup_in_names_is_shown_literally_and_drops_nobody(
    make_app: MakeApp, book: Book
) -> None:
    book.add_customer(Customer(name="[bold red]x[/]", company="[link=https://evil.example]Alpha"))
    book.add_customer(Customer(name="Gamma Person", company="Gamma GmbH", owner="tester"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"alpha")
        await pilot.pause(0.4)
        assert any("[bold red]x[/] ([link=https://evil.example]Alpha)" in p for p in _prompts(app))
        await pilot.press(*["backspace"] * 5, *"gamma")
        await pilot.pause(0.4)
        assert any("Gamma Person" in p for p in _prompts(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen)


async def test_quick_log_picks_a_whole_word_and_lists_every_candidate(
    make_app: MakeApp, book: Book
) -> None:
    book.add_customer(Customer(name="Hans-Peter Schubert", owner="tester"))
    for first in ("Anna", "Bernd", "Carla", "Dieter", "Emil"):
        book.add_customer(Customer(name=f"{first} Meier", owner="tester"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("colon")
        screen = app.screen
        assert isinstance(screen, QuickCaptureScreen)
        _quick, found, problem = screen.read("weber call")
        assert [c.name for c in found] == ["Weber"] and problem == ""
        _quick, found, problem = screen.read("meier call")
        assert len(found) == 5 and problem.startswith("5 customers match")
        for first in ("Anna", "Bernd", "Carla", "Dieter", "Emil"):
            assert f"{first} Meier" in problem
        await pilot.press(*"meier call", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickCaptureScreen)  # nothing logged for the wrong one
