"""The heatmap's line model and the plain-text renderer behind ``kp heatmap`` (no Textual).

Lives beside the domain tests because tui/heatmap_text.py is pure text, not app code.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date, datetime

import pytest

from tui import i18n
from tui.domain.heatmap import YearGrid, contact_grid, day_grid, year_metrics
from tui.domain.model import Contact, Purpose
from tui.heatmap_text import (
    CURSOR,
    FORECAST,
    HOLIDAY,
    LEVEL_CLASSES,
    TODAY,
    WEEKEND,
    Marks,
    cell_run,
    grid_layout,
    heatmap_line,
    legend_lines,
    level_ranges,
    line_count,
    metric_rows,
    month_line,
    render_heatmap_text,
)
from tui.textsafe import use_color

ANSI = re.compile(r"\x1b\[[0-9;]*m")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HOLIDAYS = frozenset({date(2026, 1, 1), date(2026, 5, 1), date(2026, 12, 25)})


def text_of(runs: list[tuple[str, tuple[str, ...]]]) -> str:
    return "".join(text for text, _classes in runs)


def sample_grid() -> YearGrid:
    days = [date(2026, 3, 2)] * 1 + [date(2026, 3, 3)] * 2 + [date(2026, 3, 4)] * 3
    days += [date(2026, 3, 5)] * 5 + [date(2026, 12, 24)] * 4 + [date(2026, 5, 1)]
    return day_grid(days, 2026, forecast=[date(2026, 8, 3)])


@pytest.mark.parametrize(
    ("columns", "width", "expected"),
    [
        (53, 80, (1, 0, 56)),
        (53, 107, (1, 0, 56)),
        (53, 108, (1, 1, 108)),
        (53, 160, (1, 1, 108)),
        (53, 161, (2, 1, 161)),
        (54, 80, (1, 0, 57)),
        (54, 110, (1, 1, 110)),
        (54, 164, (2, 1, 164)),
        (53, 30, (1, 0, 56)),  # never narrower than one character a week
    ],
)
def test_layout_tiers(columns: int, width: int, expected: tuple[int, int, int]) -> None:
    layout = grid_layout(columns, width)
    assert (layout.cell_width, layout.gap, layout.width) == expected
    assert layout.label_width == 3


def test_column_at_inverts_x() -> None:
    for width in (80, 120, 170):
        layout = grid_layout(53, width)
        for column in range(53):
            for dx in range(layout.cell_width):
                assert layout.column_at(layout.x(column) + dx) == column
            if layout.gap:
                assert layout.column_at(layout.x(column) + layout.cell_width) is None
        assert layout.column_at(0) is None
        assert layout.column_at(layout.width + 5) is None


def test_cells_glyphs_and_classes() -> None:
    grid = sample_grid()
    run = cell_run
    assert run(grid, None, 1) == (" ", (LEVEL_CLASSES[0],))
    assert run(grid, date(2026, 3, 2), 1) == ("░", (LEVEL_CLASSES[1],))
    assert run(grid, date(2026, 3, 3), 2) == ("▒▒", (LEVEL_CLASSES[2],))
    assert run(grid, date(2026, 3, 4), 1)[0] == "▓"
    assert run(grid, date(2026, 3, 5), 1)[0] == "█"
    assert run(grid, date(2026, 3, 6), 1) == ("·", (LEVEL_CLASSES[0],))
    assert run(grid, date(2026, 3, 7), 1) == ("·", (LEVEL_CLASSES[0], WEEKEND))
    holidays = Marks(holidays=HOLIDAYS)
    assert run(grid, date(2026, 1, 1), 2, holidays) == ("× ", (LEVEL_CLASSES[0], HOLIDAY))
    # a holiday with a contact keeps its level glyph
    assert run(grid, date(2026, 5, 1), 1, holidays) == ("░", (LEVEL_CLASSES[1], HOLIDAY))
    assert run(grid, date(2026, 8, 3), 1) == ("○", (LEVEL_CLASSES[0], FORECAST))
    sunday = date(2026, 3, 8)
    _text, classes = run(grid, sunday, 1, Marks(today=sunday, cursor=sunday))
    assert classes == (LEVEL_CLASSES[0], WEEKEND, TODAY, CURSOR)


def test_month_labels_stand_over_their_columns() -> None:
    grid = day_grid([], 2026)
    for width in (80, 120, 170):
        layout = grid_layout(grid.columns, width)
        line = text_of(month_line(grid, layout))
        assert len(line) == layout.width
        for name, column in zip(MONTHS, grid.month_columns(), strict=True):
            x = layout.x(column)
            assert line[x : x + 3] == name


def test_weekday_rows_and_today_mark() -> None:
    grid = sample_grid()
    lines = [
        text_of(heatmap_line(grid, y, 80, Marks(today=date(2026, 3, 5))))
        for y in range(line_count(grid, 80))
    ]
    assert [line[:3] for line in lines[1:8]] == ["Mo ", "Tu ", "We ", "Th ", "Fr ", "Sa ", "Su "]
    assert [line[3] for line in lines[1:4]] == [" ", " ", " "]  # 2026 starts on a Thursday
    assert lines[4][3] == "·"  # 1 January
    layout = grid_layout(grid.columns, 80)
    column = grid.position(date(2026, 3, 5))[1]
    assert lines[8].index("▲") == layout.x(column)
    assert lines[4][layout.x(column)] == "█"
    assert "0" in lines[9] and "4+" in lines[9]
    assert text_of(heatmap_line(grid, 8, 80, Marks(today=date(2027, 1, 1)))).strip() == ""
    assert heatmap_line(grid, 99, 80) == []


def test_level_ranges() -> None:
    assert level_ranges((1, 2, 3, 4)) == ["0", "1", "2", "3", "4+"]
    assert level_ranges((1, 26, 51, 76)) == ["0", "1–25", "26–50", "51–75", "76+"]
    assert level_ranges((1, 3, 4, 9)) == ["0", "1–2", "3", "4–8", "9+"]


def test_legend_wraps_to_the_width() -> None:
    grid = sample_grid()
    one = legend_lines(grid, 200)
    assert len(one) == 1
    narrow = legend_lines(grid, 40, indent=3)
    assert len(narrow) > 1
    assert all(len(text_of(line)) <= 40 for line in narrow)
    assert all(text_of(line).startswith("   ") for line in narrow)
    assert "planned" in text_of(one[0])
    assert "planned" not in text_of(legend_lines(day_grid([], 2026), 200)[0])


def many_contacts() -> list[Contact]:
    contacts = []
    for month in range(1, 13):
        for day in range(1, 28, 3):
            purpose = (Purpose.CARE, Purpose.SERVICE, Purpose.SALES)[day % 3]
            contacts.append(Contact(customer=1, at=datetime(2026, month, day, 9), purpose=purpose))
    contacts += [Contact(customer=1, at=datetime(2026, 12, d, 9)) for d in range(1, 24)]
    return contacts


def test_render_plain_text_fits_80_columns() -> None:
    grid = contact_grid(many_contacts(), 2026)
    metrics = year_metrics(grid, today=date(2026, 12, 31))
    title = "Müller [bold]GmbH[/bold] — 2026"
    text = render_heatmap_text(
        grid, metrics, color=False, title=title, today=date(2026, 12, 30), holidays=HOLIDAYS
    )
    lines = text.splitlines()
    assert lines[0] == title  # shown literally
    assert "\x1b" not in text
    assert all(len(line) <= 80 for line in lines)
    assert lines[2].split() == MONTHS
    assert [line[:2] for line in lines[3:10]] == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    assert "▲" in lines[10]
    assert "Contacts:" in text and "131" in text
    assert "Longest silence:" in text and "December share:" in text
    assert "Evenness:" in text and "care" in text


def test_render_in_colour_is_the_plain_text_plus_sgr_codes() -> None:
    grid = contact_grid(many_contacts(), 2026)
    metrics = year_metrics(grid)
    plain = render_heatmap_text(grid, metrics, color=False, title="X", holidays=HOLIDAYS)
    coloured = render_heatmap_text(grid, metrics, color=True, title="X", holidays=HOLIDAYS)
    assert "\x1b[" in coloured
    assert "31m×" in coloured  # holidays in red
    assert [ANSI.sub("", line).rstrip() for line in coloured.splitlines()] == plain.splitlines()
    assert "▲" not in plain  # no today given: no today line


def test_render_in_german() -> None:
    i18n.set_language("de")
    grid = contact_grid(many_contacts(), 2026)
    text = render_heatmap_text(grid, year_metrics(grid), color=False, title="Kunde")
    assert "Mär" in text and "Dez" in text and "\nSo " in text
    assert "Kontakte:" in text and "Längste Funkstille:" in text
    assert "Pflege" in text and " %" in text


def test_metric_rows_without_contacts() -> None:
    empty = year_metrics(day_grid([], 2026))
    rows = dict(metric_rows(empty))
    assert rows["Contacts"] == "0"
    assert rows["Longest silence"] == "365 days, 2026-01-01 to 2026-12-31"
    assert rows["December share"] == "–" and rows["Evenness"] == "–" and rows["Purpose mix"] == "–"
    future = dict(metric_rows(year_metrics(day_grid([], 2027), today=date(2026, 5, 5))))
    assert future["Longest silence"] == "–"
    busy = dict(metric_rows(year_metrics(day_grid([date(2024, 1, 1)] * 2, 2024), date(2024, 1, 1))))
    assert busy["Longest silence"] == "none"


def test_metric_rows_with_contacts() -> None:
    rows = dict(metric_rows(year_metrics(contact_grid(many_contacts(), 2026))))
    assert rows["December share"].endswith("(even: 8%)")
    assert rows["Purpose mix"].startswith("care ")
    assert rows["Evenness"].endswith("(1 = every month alike)")
    assert rows["Longest silence"] == "6 days, 2026-01-26 to 2026-01-31"


class FakeStream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TERM", raising=False)
    assert use_color(FakeStream(True)) is True
    assert use_color(FakeStream(False)) is False
    monkeypatch.setenv("NO_COLOR", "")
    assert use_color(FakeStream(True)) is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert use_color(FakeStream(True)) is False


def test_the_text_renderer_does_not_import_textual() -> None:
    code = "import sys, tui.heatmap_text; print('textual' in sys.modules, 'rich' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
