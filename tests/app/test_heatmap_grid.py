"""The heatmap grid widget: lines drawn by render_line, keys, messages, and snapshots.

A tiny app hosts only the widget (the styles need an app); today is always a parameter.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.color import Color
from textual.filter import Monochrome
from textual.message import Message
from textual.strip import Strip

from tui.app.widgets.heatmap_grid import HeatmapGrid
from tui.domain.heatmap import YearGrid, contact_grid, day_grid
from tui.domain.model import Contact, Purpose
from tui.heatmap_text import grid_layout

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TODAY = date(2026, 7, 15)  # a Wednesday
HOLIDAYS = frozenset(
    {date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 1), date(2026, 10, 3)}
    | {date(2026, 12, 25), date(2026, 12, 26)}
)


def one_customer(year: int) -> YearGrid:
    """A customer seen every few weeks, with a December rush and a long summer silence."""
    rnd = random.Random(year)
    contacts = []
    day = date(year, 1, 8)
    while day.month < 12:
        if not 5 <= day.month <= 7:
            contacts += [Contact(customer=1, at=datetime(day.year, day.month, day.day, 10))] * (
                1 + rnd.randrange(2)
            )
        day += timedelta(days=rnd.randrange(5, 20))
    for _ in range(14):
        day = date(year, 12, 1 + rnd.randrange(23))
        contacts.append(Contact(customer=1, at=datetime(year, 12, day.day, 15)))
    planned = [date(year, 8, 3), date(year, 9, 14), date(year, 10, 26)]
    return contact_grid(contacts, year, forecast=planned)


def all_customers(year: int) -> YearGrid:
    """A team's contacts: busy weekdays, quiet weekends, a December peak."""
    rnd = random.Random(7)
    days = []
    first = date(year, 1, 1)
    for i in range(366 if year % 4 == 0 else 365):
        day = first + timedelta(days=i)
        if day.year != year:
            break
        base = 2 if day.weekday() >= 5 else 12
        if day.month == 12 and day.day < 24:
            base *= 3
        days += [day] * rnd.randrange(base // 2, base + 1)
    return day_grid(days, year, mix={Purpose.CARE: 5, Purpose.SALES: 5})


class HeatmapApp(App[None]):
    """Hosts only the grid; answers YearChanged like a screen would, records the messages."""

    def __init__(self, make_grid: Any = one_customer, today: date = TODAY) -> None:
        super().__init__()
        self.make_grid = make_grid
        self.today = today
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield HeatmapGrid(self.make_grid(self.today.year), today=self.today, holidays=HOLIDAYS)

    def on_mount(self) -> None:
        self.query_one(HeatmapGrid).focus()

    def on_heatmap_grid_cursor_moved(self, message: HeatmapGrid.CursorMoved) -> None:
        self.messages.append(message)

    def on_heatmap_grid_day_selected(self, message: HeatmapGrid.DaySelected) -> None:
        self.messages.append(message)

    def on_heatmap_grid_year_changed(self, message: HeatmapGrid.YearChanged) -> None:
        self.messages.append(message)
        message.control.grid = self.make_grid(message.year)


def segment_at(strip: Strip, x: int) -> Segment:
    position = 0
    for segment in strip:
        if position <= x < position + segment.cell_length:
            return segment
        position += segment.cell_length
    raise IndexError(x)


# -- render_line -------------------------------------------------------------------------------


async def test_lines_at_80_columns() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(80, 24)):
        heatmap = app.query_one(HeatmapGrid)
        lines = [heatmap.render_line(y) for y in range(heatmap.size.height)]
        layout = grid_layout(heatmap.grid.columns, heatmap.size.width)
        assert (layout.cell_width, layout.gap) == (1, 0)
        assert heatmap.size.width <= 80 and heatmap.size.height == 10
        assert all(line.cell_length == heatmap.size.width for line in lines)
        texts = [line.text for line in lines]
        assert texts[0].split() == MONTHS
        assert [t[:2] for t in texts[1:8]] == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        column = heatmap.grid.position(TODAY)[1]
        assert texts[8].index("▲") == layout.x(column)
        assert "4+" in texts[9] and "holiday" in texts[9] and "planned" in texts[9]
        assert "▓" in "".join(texts) or "█" in "".join(texts)


async def test_lines_at_160_columns_have_wider_cells() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(160, 50)):
        heatmap = app.query_one(HeatmapGrid)
        layout = grid_layout(heatmap.grid.columns, heatmap.size.width)
        assert (layout.cell_width, layout.gap) == (1, 1)
        assert heatmap.size.width == layout.width == 108
        month_line = heatmap.render_line(0).text
        for name, column in zip(MONTHS, heatmap.grid.month_columns(), strict=True):
            assert month_line[layout.x(column) :].startswith(name)
        assert heatmap.render_line(9).text.strip().endswith("today")  # the legend on one line


async def test_2_character_cells_from_161_columns() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(170, 30)):
        heatmap = app.query_one(HeatmapGrid)
        layout = grid_layout(heatmap.grid.columns, heatmap.size.width)
        assert (layout.cell_width, layout.gap, heatmap.size.width) == (2, 1, 161)
        row = TODAY.weekday() + 1
        x = layout.x(heatmap.grid.position(TODAY)[1])
        strip = heatmap.render_line(row)
        assert segment_at(strip, x) is segment_at(strip, x + 1)  # one cell, two characters


async def test_cursor_today_weekend_and_holiday_styles() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(80, 24)):
        heatmap = app.query_one(HeatmapGrid)
        heatmap.cursor = date(2026, 3, 11)
        layout = grid_layout(heatmap.grid.columns, heatmap.size.width)

        def cell(day: date) -> Segment:
            row, column = heatmap.grid.position(day)
            return segment_at(heatmap.render_line(row + 1), layout.x(column))

        cursor_style = heatmap.get_component_rich_style("heatmap--cursor")
        assert cell(date(2026, 3, 11)).style is not None
        assert cell(date(2026, 3, 11)).style.bgcolor == cursor_style.bgcolor
        today = cell(TODAY).style
        assert today is not None and today.bold and today.underline
        assert today.bgcolor == heatmap.get_component_rich_style("heatmap--today").bgcolor
        weekday, weekend = cell(date(2026, 3, 12)).style, cell(date(2026, 3, 14)).style
        assert weekday is not None and weekend is not None
        assert weekday.bgcolor != weekend.bgcolor
        holiday = cell(date(2026, 5, 1))
        assert holiday.text == "×"
        assert holiday.style is not None and weekday.color != holiday.style.color
        assert cell(date(2026, 8, 3)).text == "○"  # planned, faint


async def test_no_color_keeps_levels_and_cursor_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = HeatmapApp(all_customers)
    async with app.run_test(size=(80, 24)):
        assert app.no_color
        heatmap = app.query_one(HeatmapGrid)
        heatmap.cursor = date(2026, 3, 11)
        row, column = heatmap.grid.position(date(2026, 3, 11))
        x = grid_layout(heatmap.grid.columns, heatmap.size.width).x(column)
        plain = Strip(Monochrome().apply(list(heatmap.render_line(row + 1)), Color(0, 0, 0)))
        grid_text = "".join(heatmap.render_line(y).text for y in range(1, 8))
        assert set("░▒▓█") <= set(grid_text)  # levels by glyph density alone
        cursor, neighbour = segment_at(plain, x), segment_at(plain, x + 1)
        assert cursor.style is not None and neighbour.style is not None
        assert cursor.style.bgcolor != neighbour.style.bgcolor


async def test_lines_are_cached_and_only_the_cursor_rows_change() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        heatmap = app.query_one(HeatmapGrid)
        before = [heatmap.render_line(y) for y in range(10)]
        assert [heatmap.render_line(y) for y in range(10)] == before
        again = [heatmap.render_line(y) for y in range(10)]
        assert all(a is b for a, b in zip(before, again, strict=True))
        await pilot.press("j")  # Wednesday -> Thursday
        after = [heatmap.render_line(y) for y in range(10)]
        changed = [y for y in range(10) if after[y] is not before[y]]
        assert changed == [3, 4]


# -- keys and messages -------------------------------------------------------------------------


async def test_cursor_moves_with_arrows_and_hjkl() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        heatmap = app.query_one(HeatmapGrid)
        assert heatmap.cursor == TODAY
        steps = {"l": 7, "right": 7, "h": -7, "left": -7, "j": 1, "down": 1, "k": -1, "up": -1}
        expected = TODAY
        for key, days in steps.items():
            await pilot.press(key)
            expected += timedelta(days=days)
            assert heatmap.cursor == expected, key
        moved = [m.day for m in app.messages if isinstance(m, HeatmapGrid.CursorMoved)]
        assert moved[-1] == TODAY and len(moved) == len(steps)


async def test_cursor_stops_at_the_ends_of_the_year() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        heatmap = app.query_one(HeatmapGrid)
        heatmap.cursor = date(2026, 12, 29)
        await pilot.press("l")
        assert heatmap.cursor == date(2026, 12, 31)
        heatmap.cursor = date(2026, 1, 3)
        await pilot.press("k", "h", "h")
        assert heatmap.cursor == date(2026, 1, 1)
        heatmap.cursor = date(2030, 5, 5)  # another year is clamped into this one
        assert heatmap.cursor == date(2026, 12, 31)


async def test_brackets_change_the_year_and_keep_the_day() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        heatmap = app.query_one(HeatmapGrid)
        await pilot.press("right_square_bracket")
        assert heatmap.grid.year == 2027 and heatmap.cursor == date(2027, 7, 15)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert heatmap.grid.year == 2025 and heatmap.cursor == date(2025, 7, 15)
        years = [m.year for m in app.messages if isinstance(m, HeatmapGrid.YearChanged)]
        assert years == [2027, 2026, 2025]
        assert "▲" not in heatmap.render_line(8).text  # today is not in 2025


async def test_leap_day_in_the_next_year_becomes_28_february() -> None:
    app = HeatmapApp(today=date(2024, 2, 29))
    async with app.run_test(size=(80, 24)) as pilot:
        heatmap = app.query_one(HeatmapGrid)
        assert heatmap.grid.columns == 53
        await pilot.press("right_square_bracket")
        assert heatmap.cursor == date(2025, 2, 28)


async def test_enter_and_double_click_select_the_day() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        heatmap = app.query_one(HeatmapGrid)
        await pilot.press("j", "enter")
        selected = [m for m in app.messages if isinstance(m, HeatmapGrid.DaySelected)]
        assert [m.day for m in selected] == [TODAY + timedelta(days=1)]
        assert selected[0].control is heatmap
        layout = grid_layout(heatmap.grid.columns, heatmap.size.width)
        target = date(2026, 3, 2)  # a Monday
        offset = (layout.x(heatmap.grid.position(target)[1]), 1)
        await pilot.click(HeatmapGrid, offset=offset)
        assert heatmap.cursor == target
        await pilot.click(HeatmapGrid, offset=offset, times=2)
        selected = [m for m in app.messages if isinstance(m, HeatmapGrid.DaySelected)]
        assert selected[-1].day == target
        await pilot.click(HeatmapGrid, offset=(1, 1))  # a label: nothing happens
        assert heatmap.cursor == target


def test_bindings_have_ids() -> None:
    ids = {binding.id for binding in HeatmapGrid.BINDINGS if hasattr(binding, "id")}
    assert ids == {
        "heatmap.left",
        "heatmap.right",
        "heatmap.up",
        "heatmap.down",
        "heatmap.previous_year",
        "heatmap.next_year",
        "heatmap.select",
    }


def test_initial_cursor_without_today() -> None:
    heatmap = HeatmapGrid(day_grid([], 2025))
    assert heatmap.cursor == date(2025, 1, 1)
    assert HeatmapGrid(day_grid([], 2025), today=TODAY).cursor == date(2025, 7, 15)
    assert HeatmapGrid(day_grid([], 2025), cursor=date(2025, 3, 3)).cursor == date(2025, 3, 3)


# -- snapshots ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
@pytest.mark.parametrize("grid", [one_customer, all_customers], ids=["customer", "all"])
def test_snapshot(snap_compare: Any, grid: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HeatmapApp(grid), press=["j", "l"], terminal_size=size)
