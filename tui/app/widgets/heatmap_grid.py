"""The year heatmap as a Line-API widget: 7 weekday rows x one column per week, a day cursor.

Why our own and not textual-timepiece's ``ActivityHeatmap``: that one is 163 columns wide and
18 lines high at any size (3 characters and 2 lines per day), so at 80 columns half the year
scrolls out of sight; it shows levels only by blending one colour (every cell is ``██``, so
the 16-colour/ANSI themes and ``NO_COLOR`` lose them); it binds only the arrows (no hjkl, no
``[``/``]``, no binding ids); it has no today, weekend or holiday marks and takes its labels
and year from the system locale and clock.

Here every line comes from :mod:`tui.heatmap_text` (shared with ``kp heatmap``); cells are
1 character at 80 columns and 2 (+ gap) when there is room; levels are drawn by glyph density
*and* the theme's colours; rendered lines are cached (LRU) by line, width and cursor.

The widget only draws the grid it is given: on ``[``/``]`` it posts :class:`HeatmapGrid.YearChanged`
and the screen answers by assigning a new ``grid`` (the cursor keeps its day of the year).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.app.actions import bindings
from tui.domain.dates import same_day_in
from tui.domain.heatmap import WEEKDAYS, YearGrid, day_grid
from tui.heatmap_text import (
    CURSOR,
    FORECAST,
    HOLIDAY,
    LABEL,
    LEGEND,
    LEVEL_CLASSES,
    TODAY,
    WEEKEND,
    Marks,
    grid_layout,
    heatmap_line,
    legend_width,
    line_count,
)


def _empty_grid() -> YearGrid:
    return day_grid([], 2000)


class HeatmapGrid(Widget, can_focus=True):
    """A year of contacts per day; arrows/hjkl move the day cursor, ``[``/``]`` change the year."""

    class _Message(Message):
        """A message from the grid; ``control`` is the grid (for ``@on`` selectors)."""

        def __init__(self, heatmap: HeatmapGrid) -> None:
            super().__init__()
            self.heatmap = heatmap

        @property
        def control(self) -> HeatmapGrid:
            return self.heatmap

    class CursorMoved(_Message):
        """The cursor is on another day (also after a new year's grid); show its contacts."""

        def __init__(self, heatmap: HeatmapGrid, day: date) -> None:
            super().__init__(heatmap)
            self.day = day

    class DaySelected(_Message):
        """Enter (or a double click) on a day: open that day's log entries."""

        def __init__(self, heatmap: HeatmapGrid, day: date) -> None:
            super().__init__(heatmap)
            self.day = day

    class YearChanged(_Message):
        """``[`` or ``]``: the screen should assign the grid of ``year``."""

        def __init__(self, heatmap: HeatmapGrid, year: int) -> None:
            super().__init__(heatmap)
            self.year = year

    BINDINGS: ClassVar[list[BindingType]] = bindings("heatmap_grid")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *LEVEL_CLASSES,
        LABEL,
        LEGEND,
        WEEKEND,
        HOLIDAY,
        FORECAST,
        TODAY,
        CURSOR,
    }

    DEFAULT_CSS = """
    HeatmapGrid {
        width: auto;
        height: auto;
        & > .heatmap--label { color: $text-muted; }
        & > .heatmap--legend { color: $text-muted; }
        & > .heatmap--level-0 { color: $foreground 35%; }
        & > .heatmap--level-1 { color: $success 60%; }
        & > .heatmap--level-2 { color: $success 75%; }
        & > .heatmap--level-3 { color: $success 90%; }
        & > .heatmap--level-4 { color: $success; text-style: bold; }
        & > .heatmap--weekend { background: $foreground 7%; }
        & > .heatmap--holiday { color: $error; }
        & > .heatmap--forecast { color: $primary 70%; }
        & > .heatmap--today { background: $warning 40%; text-style: bold underline; }
        & > .heatmap--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .heatmap--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    grid: reactive[YearGrid] = reactive(_empty_grid, layout=True)
    """The year shown; assign a new grid to show another year or selection."""
    cursor: reactive[date] = reactive(lambda: date(2000, 1, 1))
    """The day under the cursor (always a day of ``grid.year``)."""
    today: reactive[date | None] = reactive(None, layout=True)
    """Marked in the grid; a parameter so tests and snapshots do not depend on the clock."""
    holidays: reactive[frozenset[date]] = reactive(frozenset)
    """Public holidays to mark (the calendar's business, given as data)."""

    def __init__(
        self,
        grid: YearGrid,
        *,
        today: date | None = None,
        cursor: date | None = None,
        holidays: frozenset[date] = frozenset(),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(256)
        self._styles: dict[tuple[str, ...], Style] = {}
        if cursor is None:
            cursor = today if today is not None else grid.first
        self.set_reactive(HeatmapGrid.grid, grid)
        self.set_reactive(HeatmapGrid.today, today)
        self.set_reactive(HeatmapGrid.holidays, holidays)
        self.set_reactive(HeatmapGrid.cursor, grid.clamp(same_day_in(cursor, grid.year)))

    # -- reactives -------------------------------------------------------------------------
    def validate_cursor(self, day: date) -> date:
        return self.grid.clamp(day)

    def watch_grid(self, grid: YearGrid) -> None:
        self._lines.clear()
        if self.cursor.year != grid.year:
            self.cursor = grid.clamp(same_day_in(self.cursor, grid.year))

    def watch_cursor(self, day: date) -> None:
        self.post_message(self.CursorMoved(self, day))

    def watch_today(self) -> None:
        self._lines.clear()

    def watch_holidays(self) -> None:
        self._lines.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    def on_focus(self, event: events.Focus) -> None:
        self._styles.clear()
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._styles.clear()
        self.refresh()

    # -- actions ---------------------------------------------------------------------------
    def action_move(self, days: int) -> None:
        """Move the cursor by ``days`` (7 = one column); it stops at the year's first/last day."""
        self.cursor = self.grid.clamp(self.cursor + timedelta(days=days))

    def action_change_year(self, delta: int) -> None:
        year = self.grid.year + delta
        if 1 <= year <= 9998:
            self.post_message(self.YearChanged(self, year))

    def action_select_day(self) -> None:
        self.post_message(self.DaySelected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        layout = grid_layout(self.grid.columns, self.size.width)
        column = layout.column_at(offset.x)
        day = self.grid.day_at(offset.y - 1, column) if column is not None else None
        if day is None:
            return
        self.cursor = day
        if event.chain >= 2:
            self.post_message(self.DaySelected(self, day))

    # -- size ------------------------------------------------------------------------------
    def get_content_width(self, container: Size, viewport: Size) -> int:
        layout = grid_layout(self.grid.columns, container.width)
        legend = legend_width(self.grid, layout.label_width, self.today)
        return max(layout.width, min(legend, container.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return line_count(self.grid, width, self.today)

    # -- drawing ---------------------------------------------------------------------------
    def _style(self, classes: tuple[str, ...]) -> Style:
        """The first class's full style, with the others' own colours and text styles on top."""
        style = self._styles.get(classes)
        if style is None:
            style = self.get_component_rich_style(classes[0])
            for name in classes[1:]:
                partial = self.get_component_rich_style(name, partial=True)
                full = self.get_component_rich_style(name)
                style += Style.from_color(
                    full.color if partial.color is not None else None,
                    full.bgcolor if partial.bgcolor is not None else None,
                )
                style += partial.without_color
            if CURSOR in classes:
                # reversed too: with NO_COLOR its colours vanish, and in 16 colours the cursor's
                # colour can be the very colour of the day's level under it
                style += Style(reverse=True, bold=True)
            self._styles[classes] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        cursor = self.cursor
        on_cursor_row = y == cursor.weekday() + 1
        key = (y, width, cursor if on_cursor_row else None, on_cursor_row and self.has_focus)
        strip = self._lines.get(key)
        if strip is None:
            on_grid = 1 <= y <= WEEKDAYS
            marks = Marks(self.today, self.holidays, cursor if on_grid else None)
            runs = heatmap_line(self.grid, y, width, marks)
            segments = [Segment(text, self._style(classes)) for text, classes in runs]
            strip = Strip(segments).adjust_cell_length(width, self.rich_style)
            self._lines[key] = strip
        return strip
