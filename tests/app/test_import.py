"""First start and importing from inside the app: an empty book says how to begin, the palette
and ``i`` ask for a file, a worker imports it and posts what it did."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from tests.app.conftest import MakeApp
from tests.exchange.conftest import FIXTURES
from tui.app.messages import ImportDone, ImportFailed
from tui.app.screens.import_file import ImportScreen
from tui.store.book import Book


def _texts(app: object) -> str:
    options = app.screen.query_one(OptionList)  # type: ignore[attr-defined]
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


async def _wait_for(pilot: object, seen: list[Message], kind: type[Message]) -> Message:
    for _ in range(100):
        found = [m for m in seen if isinstance(m, kind)]
        if found:
            return found[0]
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise AssertionError(f"no {kind.__name__}")


async def test_an_empty_book_shows_the_three_ways_in_and_imports(
    make_app: MakeApp, tmp_path: Path
) -> None:
    with Book.open(tmp_path / "empty.json") as empty:
        app = make_app(book=empty)
        seen: list[Message] = []
        async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
            text = _texts(app)
            assert "Your book is empty" in text
            assert "Import a file" in text and "Add a customer" in text and "kp --demo" in text
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, ImportScreen)
            path = app.screen.query_one(Input)
            await pilot.press(*"~/x.csv")  # typed like a person; the rest is set whole
            assert path.value == "~/x.csv"
            path.value = str(tmp_path / "missing.csv")
            await pilot.press("enter")
            await pilot.pause()
            problem = app.screen.query_one("#import-problem", Static)
            assert "No such file" in str(problem.render())
            path.value = str(FIXTURES / "crm_de.csv")
            await pilot.press("enter")
            done = await _wait_for(pilot, seen, ImportDone)
            assert isinstance(done, ImportDone)
            assert len(done.report.added) == 6 and len(done.report.rejected) == 2
            await pilot.pause()
            assert not isinstance(app.screen, ImportScreen)
            assert len(app.customers()) == 6
            assert "Your book is empty" not in _texts(app)
        assert len(empty.customers()) == 6


async def test_import_from_the_palette_reports_a_bad_file(
    make_app: MakeApp, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text("Umsatz;Kdnr\n1;2\n", encoding="utf-8")
    app = make_app()
    seen: list[Message] = []
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        before = len(app.customers())
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"import a file")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one(Input).value = str(broken)
        await pilot.press("enter")
        failed = await _wait_for(pilot, seen, ImportFailed)
        assert isinstance(failed, ImportFailed) and "--map" in failed.message
        assert len(app.customers()) == before


async def test_escape_cancels_the_import_dialog(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
