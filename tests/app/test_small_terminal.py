"""At 80x24, in English and German: footers end cleanly, the customer screen keeps room for its
history, the purpose mix breaks between values, ``[``/``]`` reach the heatmap from anywhere on
the customer screen, the heatmap's cursor shows without colour, and help lists every key."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import DataTable

from tests.app.conftest import MakeApp
from tui import i18n
from tui.app.screens.customer import CustomerScreen, join_fitting
from tui.app.screens.heatmap import HeatmapScreen
from tui.app.screens.help import HelpScreen, binding_rows
from tui.app.widgets.footer import KpFooter
from tui.app.widgets.heatmap_grid import HeatmapGrid
from tui.domain.model import Contact, Customer
from tui.store.book import Book


def _footer_text(app: object) -> str:
    footer = app.screen.query_one(KpFooter)  # type: ignore[attr-defined]
    return " ".join(
        f"{getattr(w, 'key_display', '')} {getattr(w, 'description', '')}" for w in footer.children
    )


def _footer_fits(app: object) -> None:
    footer = app.screen.query_one(KpFooter)  # type: ignore[attr-defined]
    right = max(w.region.right for w in footer.children if w.display)
    assert right <= 80
    for widget in footer.children:
        # every key shows whole: its region holds key, space and label
        label = f"{getattr(widget, 'key_display', '')} {getattr(widget, 'description', '')}"
        assert widget.region.width >= len(label.strip()), label


@pytest.mark.parametrize("language", ["en", "de"])
async def test_footers_fit_80_columns_with_help_kept(make_app: MakeApp, language: str) -> None:
    i18n.set_language(language)
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            for keys in ((), ("o",), ("escape", "H")):  # Today, a customer, the heatmap
                await pilot.press(*keys)
                await pilot.pause(0.3)
                _footer_fits(app)
                assert "?" in _footer_text(app)
            await pilot.resize_terminal(160, 24)
            await pilot.pause(0.3)
            wide = _footer_text(app)
            await pilot.resize_terminal(80, 24)
            await pilot.pause(0.3)
            assert len(_footer_text(app)) < len(wide)  # keys come back when there is room
    finally:
        i18n.set_language("en")


async def test_the_customer_screen_keeps_rows_for_its_history(
    make_app: MakeApp, book: Book
) -> None:
    full = book.add_customer(
        Customer(
            name="Full Profile",
            company="Everything AG",
            owner="tester",
            phone="+49 1",
            email="full@example.com",
            tags=("a", "b"),
            notes="notes",
            region="DE-BY",
            cadence_days=20,
        )
    )
    for day in range(1, 9):
        book.log_contact(
            Contact(customer=full.id or 0, at=datetime(2026, 3, day, 10, 0), note=f"n{day}")
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_customer(full.id or 0)
        await pilot.pause(0.3)
        table = app.screen.query_one("#history", DataTable)
        assert table.region.height >= 5  # header + 4 rows at least
        assert table.region.bottom <= 23


def test_the_mix_breaks_between_values_only() -> None:
    parts = ["Pflege 38 %", "Service 34 %", "Verkauf 28 %"]
    text = join_fitting(parts, 38, len("Mix (12 Monate): "))
    assert text == "Pflege 38 %\nService 34 % · Verkauf 28 %"
    assert join_fitting(parts, 80) == "Pflege 38 % · Service 34 % · Verkauf 28 %"
    for line in join_fitting(parts, 14).split("\n"):
        assert line in parts


async def test_year_keys_reach_the_heatmap_from_the_history(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_customer(1)
        await pilot.pause(0.3)
        assert isinstance(app.screen, CustomerScreen)
        assert app.screen.query_one("#history", DataTable).has_focus
        grid = app.screen.query_one(HeatmapGrid)
        year = grid.grid.year
        await pilot.press("left_square_bracket")
        await pilot.pause(0.3)
        assert app.screen.query_one(HeatmapGrid).grid.year == year - 1
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause(0.3)
        assert app.screen.query_one(HeatmapGrid).grid.year == year + 1


@pytest.mark.parametrize("setting", ["NO_COLOR", "16"])
async def test_the_heatmap_cursor_shows_without_colour(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    if setting == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.setenv("TEXTUAL_COLOR_SYSTEM", "standard")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H")
        await pilot.pause(0.5)
        grid = app.screen.query_one(HeatmapGrid)
        row = grid.cursor.weekday() + 1
        styles = [segment.style for segment in grid.render_line(row) if segment.style]
        assert any(style.reverse for style in styles)


async def test_help_lists_every_key_of_the_screen_it_was_opened_from(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H")
        await pilot.pause(0.5)
        screen = app.screen
        assert isinstance(screen, HeatmapScreen)
        await pilot.press("c")  # the focus leaves the grid for the coldest list
        await pilot.pause(0.3)
        ids = {row[2] for row in binding_rows(screen)}
        assert {"heatmap.left", "heatmap.select", "heatmap.coldest", "app.undo"} <= ids
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape")
        app.action_open_customer(1)
        await pilot.pause(0.3)
        ids = {row[2] for row in binding_rows(app.screen)}
        assert {"customer.plan", "customer.open_contact", "customer.year_back"} <= ids
        assert {"heatmap.select"} <= ids  # the customer's heatmap grid, without the focus
