"""Drawing the year heatmap as text: one description of every line, two front ends.

:func:`heatmap_line` says what each line holds as runs of ``(text, classes)``; the Textual widget
(``tui/app/widgets/heatmap_grid.py``) turns the classes into theme styles, and
:func:`render_heatmap_text` turns them into plain ANSI for ``kp heatmap``. No Textual or Rich
here, so the command line stays fast. Levels are always drawn by glyph density as well as colour,
so the grid reads the same in 16 colours, in the ANSI theme and with ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from tui.domain.heatmap import WEEKDAYS, YearGrid, YearMetrics
from tui.domain.model import Purpose
from tui.i18n import _, format_date, format_number, ngettext

LEVEL_GLYPHS = ("·", "░", "▒", "▓", "█")
"""A day of level 0..4: denser glyph, more contacts (all in CP437/WGL4, so any console has them)."""
HOLIDAY_GLYPH = "×"
"""A public holiday without contact."""
FORECAST_GLYPH = "○"
"""A day without contact yet on which gestures are planned."""
TODAY_MARK = "▲"
"""Under today's column, in the line below the grid."""

LABEL = "heatmap--label"
LEGEND = "heatmap--legend"
WEEKEND = "heatmap--weekend"
HOLIDAY = "heatmap--holiday"
FORECAST = "heatmap--forecast"
TODAY = "heatmap--today"
CURSOR = "heatmap--cursor"
LEVEL_CLASSES = tuple(f"heatmap--level-{n}" for n in range(5))

Run = tuple[str, tuple[str, ...]]
"""A piece of a line: its text and the classes that style it (most general first)."""

MONTH_ROW = 0
"""Line of the month labels; the weekday rows follow, then the today line, then the legend."""
TODAY_ROW = 1 + WEEKDAYS
LEGEND_ROW = TODAY_ROW + 1


def month_names() -> list[str]:
    """The 12 month abbreviations of the user's language."""
    return _("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec").split()


def weekday_names() -> list[str]:
    """The 7 weekday abbreviations of the user's language, Monday first."""
    return _("Mo Tu We Th Fr Sa Su").split()


@dataclass(frozen=True)
class GridLayout:
    """Where the grid's columns go in a line of characters.

    ``label_width`` holds the weekday names, each week column is ``cell_width`` characters plus
    ``gap`` between columns.
    """

    columns: int
    label_width: int
    cell_width: int
    gap: int

    @property
    def step(self) -> int:
        return self.cell_width + self.gap

    @property
    def width(self) -> int:
        """Characters from the weekday labels to the end of the last column."""
        return self.label_width + self.columns * self.step - self.gap

    def x(self, column: int) -> int:
        """First character of ``column``."""
        return self.label_width + column * self.step

    def column_at(self, x: int) -> int | None:
        """The column drawn at character ``x`` (gaps belong to no column)."""
        offset = x - self.label_width
        if offset < 0:
            return None
        column, within = divmod(offset, self.step)
        if column >= self.columns or within >= self.cell_width:
            return None
        return column


CELL_SIZES = ((2, 1), (1, 1), (1, 0))
"""(cell width, gap) from the widest: 2+1 from 161 characters, 1+1 from 108, else 1 (80 columns)."""


def grid_layout(columns: int, width: int) -> GridLayout:
    """The widest cells that fit ``width`` characters (the narrowest if none fits)."""
    label_width = max(len(name) for name in weekday_names()) + 1
    for cell_width, gap in CELL_SIZES:
        layout = GridLayout(columns, label_width, cell_width, gap)
        if layout.width <= width:
            return layout
    return layout


@dataclass(frozen=True)
class Marks:
    """What the grid marks beside the counts: today, the region's holidays, the cursor."""

    today: date | None = None
    holidays: frozenset[date] = frozenset()
    cursor: date | None = None


NO_MARKS = Marks()


def cell_run(grid: YearGrid, day: date | None, width: int, marks: Marks = NO_MARKS) -> Run:
    """One day's cell: glyph and classes (level, then weekend/holiday/forecast/today/cursor)."""
    holidays = marks.holidays
    if day is None:
        return " " * width, (LEVEL_CLASSES[0],)
    level = grid.level(day)
    classes = [LEVEL_CLASSES[level]]
    if level:
        text = LEVEL_GLYPHS[level] * width
    elif day in holidays:
        text = HOLIDAY_GLYPH.ljust(width)
    elif grid.planned(day):
        text = FORECAST_GLYPH.ljust(width)
        classes.append(FORECAST)
    else:
        text = LEVEL_GLYPHS[0].ljust(width)
    if day.weekday() >= 5:
        classes.append(WEEKEND)
    if day in holidays:
        classes.append(HOLIDAY)
    if day == marks.today:
        classes.append(TODAY)
    if day == marks.cursor:
        classes.append(CURSOR)
    return text, tuple(classes)


def month_line(grid: YearGrid, layout: GridLayout) -> list[Run]:
    """The month labels over the week column each month mostly fills."""
    chars = [" "] * layout.width
    end = 0
    for name, column in zip(month_names(), grid.month_columns(), strict=True):
        x = layout.x(column)
        if x < end or x + len(name) > layout.width + layout.gap:
            continue
        for offset, char in enumerate(name):
            if x + offset < len(chars):
                chars[x + offset] = char
        end = x + len(name) + 1
    return [("".join(chars), (LABEL,))]


def weekday_line(grid: YearGrid, layout: GridLayout, row: int, marks: Marks) -> list[Run]:
    """One weekday's row: its label, then one cell per week."""
    label_classes = (LABEL, WEEKEND) if row >= 5 else (LABEL,)
    runs: list[Run] = [(weekday_names()[row].ljust(layout.label_width), label_classes)]
    gap = " " * layout.gap
    for column in range(grid.columns):
        if column and gap:
            runs.append((gap, (LEVEL_CLASSES[0], WEEKEND) if row >= 5 else (LEVEL_CLASSES[0],)))
        day = grid.day_at(row, column)
        runs.append(cell_run(grid, day, layout.cell_width, marks))
    return runs


def today_line(grid: YearGrid, layout: GridLayout, today: date | None) -> list[Run]:
    """A mark under today's column (empty when today is in another year)."""
    if today is None or not _shows_today(grid, today):
        return [(" " * layout.width, (LABEL,))]
    x = layout.x(grid.position(today)[1])
    return [
        (" " * x, (LABEL,)),
        (TODAY_MARK, (LABEL, TODAY)),
        (" " * (layout.width - x - 1), (LABEL,)),
    ]


def level_ranges(thresholds: Sequence[int]) -> list[str]:
    """What each level means in contacts a day: ``0``, ``1``, ``2–3``, ``4+``."""
    ranges = ["0"]
    for low, high in zip(thresholds, [*thresholds[1:], None], strict=True):
        if high is None:
            ranges.append(f"{low}+")
        elif high - 1 > low:
            ranges.append(f"{low}–{high - 1}")
        else:
            ranges.append(str(low))
    return ranges


def _shows_today(grid: YearGrid, today: date | None) -> bool:
    return today is not None and grid.index(today) is not None


def legend_items(grid: YearGrid, today: date | None = None) -> list[list[Run]]:
    """The legend's entries: the 5 levels with their ranges, then the marks that can appear."""
    items: list[list[Run]] = [
        [(LEVEL_GLYPHS[n], (LEVEL_CLASSES[n],)), (f" {text}", (LEGEND,))]
        for n, text in enumerate(level_ranges(grid.thresholds))
    ]
    items.append([(HOLIDAY_GLYPH, (LEVEL_CLASSES[0], HOLIDAY)), (" " + _("holiday"), (LEGEND,))])
    if grid.forecast:
        items.append(
            [(FORECAST_GLYPH, (LEVEL_CLASSES[0], FORECAST)), (" " + _("planned"), (LEGEND,))]
        )
    if _shows_today(grid, today):
        items.append([(TODAY_MARK, (LABEL, TODAY)), (" " + _("today"), (LEGEND,))])
    return items


def legend_lines(
    grid: YearGrid, width: int, indent: int = 0, today: date | None = None
) -> list[list[Run]]:
    """The legend wrapped to ``width`` characters, each line starting at ``indent``."""
    lines: list[list[Run]] = []
    line: list[Run] = []
    used = indent
    for item in legend_items(grid, today):
        size = sum(len(text) for text, _classes in item)
        if line and used + 2 + size > width:
            lines.append(line)
            line, used = [], indent
        if line:
            line.append(("  ", (LEGEND,)))
            used += 2
        elif indent:
            line.append((" " * indent, (LEGEND,)))
        line.extend(item)
        used += size
    if line:
        lines.append(line)
    return lines


def legend_width(grid: YearGrid, indent: int = 0, today: date | None = None) -> int:
    """Characters the legend needs on one line."""
    items = legend_items(grid, today)
    return indent + sum(len(text) for item in items for text, _c in item) + 2 * (len(items) - 1)


def line_count(grid: YearGrid, width: int, today: date | None = None) -> int:
    """Lines the grid takes at ``width`` characters: months, 7 weekdays, today mark, legend."""
    layout = grid_layout(grid.columns, width)
    legend = legend_lines(grid, max(width, layout.width), layout.label_width, today)
    return LEGEND_ROW + len(legend)


def heatmap_line(grid: YearGrid, y: int, width: int, marks: Marks = NO_MARKS) -> list[Run]:
    """Line ``y`` of the heatmap drawn ``width`` characters wide (empty past the last line)."""
    layout = grid_layout(grid.columns, width)
    if y == MONTH_ROW:
        return month_line(grid, layout)
    if 1 <= y <= WEEKDAYS:
        return weekday_line(grid, layout, y - 1, marks)
    if y == TODAY_ROW:
        return today_line(grid, layout, marks.today)
    legend = legend_lines(grid, max(width, layout.width), layout.label_width, marks.today)
    if 0 <= y - LEGEND_ROW < len(legend):
        return legend[y - LEGEND_ROW]
    return []


# -- metrics as text ---------------------------------------------------------------------------


def _percent(share: float) -> str:
    return _("{percent}%").format(percent=format_number(share * 100))


def _days(days: int) -> str:
    return ngettext("{days} day", "{days} days", days).format(days=format_number(days))


def metric_rows(metrics: YearMetrics) -> list[tuple[str, str]]:
    """The metrics as translated (label, value) pairs, for the screen and ``kp heatmap``."""
    silence = metrics.longest_silence
    if silence is None:
        silence_text = _("none") if metrics.window is not None else "–"
    else:
        silence_text = _("{days}, {start} to {end}").format(
            days=_days(silence.days),
            start=format_date(silence.start),
            end=format_date(silence.end),
        )
    december = (
        "–"
        if metrics.december_share is None
        else _("{share} (even: {even})").format(
            share=_percent(metrics.december_share), even=_percent(1 / 12)
        )
    )
    even = (
        "–"
        if metrics.evenness is None
        else _("{value} (1 = every month alike)").format(value=format_number(metrics.evenness, 2))
    )
    shares = {p: metrics.mix_share(p) for p in Purpose}
    mix = (
        "–"
        if shares[Purpose.CARE] is None
        else _("care {care} · service {service} · sales {sales}").format(
            care=_percent(shares[Purpose.CARE] or 0.0),
            service=_percent(shares[Purpose.SERVICE] or 0.0),
            sales=_percent(shares[Purpose.SALES] or 0.0),
        )
    )
    return [
        (_("Contacts"), format_number(metrics.contacts)),
        (_("Active days"), format_number(metrics.active_days)),
        (_("Longest silence"), silence_text),
        (_("December share"), december),
        (_("Evenness"), even),
        (_("Purpose mix"), mix),
    ]


# -- plain ANSI --------------------------------------------------------------------------------

_SGR = {
    LABEL: "",
    LEGEND: "",
    LEVEL_CLASSES[0]: "90",
    LEVEL_CLASSES[1]: "2;32",
    LEVEL_CLASSES[2]: "32",
    LEVEL_CLASSES[3]: "92",
    LEVEL_CLASSES[4]: "1;92",
    WEEKEND: "",
    HOLIDAY: "31",
    FORECAST: "36",
    TODAY: "1;4;33",
    CURSOR: "7",
}
"""16-colour SGR codes per class; later classes override earlier ones' colour."""


def _sgr(classes: Sequence[str]) -> str:
    codes = [code for name in classes if (code := _SGR.get(name, ""))]
    if WEEKEND in classes and LEVEL_CLASSES[0] in classes:
        codes.append("2")  # an empty weekend day is fainter than an empty working day
    return ";".join(codes)


def _paint(runs: Iterable[Run], color: bool) -> str:
    if not color:
        return "".join(text for text, _classes in runs).rstrip()
    parts: list[str] = []
    for text, classes in runs:
        codes = _sgr(classes)
        if codes and text.strip():
            parts.append(f"\x1b[{codes}m{text}\x1b[0m")
        else:
            parts.append(text)
    return "".join(parts).rstrip()


def render_heatmap_text(
    grid: YearGrid,
    metrics: YearMetrics,
    *,
    color: bool,
    title: str,
    today: date | None = None,
    holidays: frozenset[date] = frozenset(),
    width: int = 80,
) -> str:
    """The grid and its metrics for a shell, at most ``width`` characters wide.

    ``title`` is shown as given (a customer's name stays literal).
    """
    lines = [title, ""]
    for y in range(line_count(grid, width, today)):
        runs = heatmap_line(grid, y, width, Marks(today, holidays))
        if y == TODAY_ROW and not any(TODAY in classes for _text, classes in runs):
            continue
        lines.append(_paint(runs, color))
    lines.append("")
    rows = metric_rows(metrics)
    label_width = max(len(label) for label, _value in rows) + 2
    for label, value in rows:
        lines.append(f"{(label + ':').ljust(label_width)}{value}")
    return "\n".join(lines) + "\n"
