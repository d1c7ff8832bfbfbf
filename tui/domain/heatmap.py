"""The year heatmap: contacts -> contacts per day of one year, the grid's geometry, and its metrics.

Pure and fast: dates go in as ``toordinal()`` integers and are counted into a flat list (the
figures are in bench/README.md).
Grid geometry is Monday-first: 7 rows (Mon..Sun) and one column per week that touches the year
(53, or 54 when a leap year starts on a Sunday); days of other years in the first and last column
are blank. Front ends (the Textual widget, ``kp heatmap``) only draw what this module computes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from tui.domain.model import Contact, Purpose

WEEKDAYS = 7
"""Rows of the grid: Monday (0) .. Sunday (6), as ``date.weekday()`` numbers them."""

LEVELS = 5
"""Levels 0..4: 0 is a day without contact, 4 the busiest."""

FIXED_THRESHOLDS: tuple[int, int, int, int] = (1, 2, 3, 4)
"""Lowest count of levels 1..4 for one customer: 1, 2, 3 and 4+ contacts a day."""

EVEN_DECEMBER_SHARE = 1 / 12
"""December's share of the year's contacts if every month got the same."""

_PURPOSES: tuple[Purpose, ...] = tuple(Purpose)


def _days_in_year(year: int) -> int:
    return 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365


def auto_thresholds(counts: Sequence[int]) -> tuple[int, int, int, int]:
    """Level thresholds for ``counts``: fixed (1, 2, 3, 4+) while no day has more than 4 contacts,
    otherwise linear quarters of a robust top (the 99th percentile of the active days).

    Fixed steps keep one customer's grids comparable (one contact always looks the same). Counts
    of a whole team run into the dozens; linear steps keep peaks such as a December rush visibly
    darker than ordinary days (quartiles of the active days would spread the levels evenly and
    hide exactly that), and taking the 99th percentile rather than the maximum keeps a few freak
    days from washing out the rest (a three-week rush is ~5 % of the
    days and still counts). Thresholds are strictly increasing.
    """
    active = sorted(c for c in counts if c > 0)
    if not active or active[-1] <= FIXED_THRESHOLDS[-1]:
        return FIXED_THRESHOLDS
    top = max(active[(len(active) * 99) // 100], FIXED_THRESHOLDS[-1])
    steps = [1]
    for quarter in (1, 2, 3):
        steps.append(max(-(-top * quarter // 4), steps[-1] + 1))
    return (steps[0], steps[1], steps[2], steps[3])


def level_of(count: int, thresholds: tuple[int, int, int, int]) -> int:
    """The level (0..4) of a day with ``count`` contacts."""
    level = 0
    for step in thresholds:
        if count >= step:
            level += 1
        else:
            break
    return level


@dataclass(frozen=True, eq=False)
class YearGrid:
    """Contacts per day of one year, their levels, and where each day sits in the grid.

    ``counts[i]`` is the number of contacts on day ``i`` of the year (0 = 1 January);
    ``forecast[i]`` the number of planned gestures (shown faint where there is no contact yet);
    ``mix`` the contacts per purpose (care, service, sales), for the metrics.
    """

    year: int
    counts: tuple[int, ...]
    thresholds: tuple[int, int, int, int] = FIXED_THRESHOLDS
    forecast: tuple[int, ...] = ()
    mix: Mapping[Purpose, int] = field(default_factory=dict)
    levels: tuple[int, ...] = field(init=False, repr=False)
    first_weekday: int = field(init=False, repr=False)
    columns: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        days = _days_in_year(self.year)
        if len(self.counts) != days:
            raise ValueError(f"{self.year} has {days} days, got {len(self.counts)} counts")
        if self.forecast and len(self.forecast) != days:
            raise ValueError(f"{self.year} has {days} days, got {len(self.forecast)} planned")
        top = max(self.counts, default=0)
        table = [level_of(c, self.thresholds) for c in range(top + 1)]
        first_weekday = date(self.year, 1, 1).weekday()
        object.__setattr__(self, "levels", tuple(table[c] for c in self.counts))
        object.__setattr__(self, "first_weekday", first_weekday)
        object.__setattr__(self, "columns", (days + first_weekday + WEEKDAYS - 1) // WEEKDAYS)

    # -- days ------------------------------------------------------------------------------
    @property
    def days(self) -> int:
        """365 or 366."""
        return len(self.counts)

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)

    @property
    def total(self) -> int:
        """All contacts of the year."""
        return sum(self.counts)

    def index(self, day: date) -> int | None:
        """Day of the year counted from 0, or None if ``day`` is in another year."""
        i = day.toordinal() - self.first.toordinal()
        return i if 0 <= i < self.days else None

    def count(self, day: date) -> int:
        i = self.index(day)
        return 0 if i is None else self.counts[i]

    def level(self, day: date) -> int:
        i = self.index(day)
        return 0 if i is None else self.levels[i]

    def planned(self, day: date) -> int:
        """Planned gestures on ``day`` (the faint forecast)."""
        i = self.index(day)
        return 0 if i is None or not self.forecast else self.forecast[i]

    def clamp(self, day: date) -> date:
        """``day`` moved into this year: before it -> 1 January, after it -> 31 December."""
        if day < self.first:
            return self.first
        return min(day, self.last)

    # -- geometry --------------------------------------------------------------------------
    def position(self, day: date) -> tuple[int, int]:
        """(row, column) of a day of this year: row 0 = Monday, column 0 = the week of 1 Jan."""
        i = self.index(day)
        if i is None:
            raise ValueError(f"{day.isoformat()} is not in {self.year}")
        return day.weekday(), (i + self.first_weekday) // WEEKDAYS

    def day_at(self, row: int, column: int) -> date | None:
        """The day in a grid cell, or None for cells before 1 January / after 31 December."""
        if not (0 <= row < WEEKDAYS and 0 <= column < self.columns):
            return None
        i = column * WEEKDAYS + row - self.first_weekday
        if not 0 <= i < self.days:
            return None
        return date.fromordinal(self.first.toordinal() + i)

    def month_columns(self) -> tuple[int, ...]:
        """Column of each month's label: the first week holding at least 4 of the month's days.

        So a label stands over the week that mostly belongs to its month (as ISO weeks are
        assigned); labels are always at least 4 columns apart, room for a 3-letter name.
        """
        columns = []
        for month in range(1, 13):
            first = date(self.year, month, 1)
            _, column = self.position(first)
            columns.append(column if first.weekday() <= 3 else column + 1)
        return tuple(columns)


def _planned_per_day(forecast: Iterable[date], start: int, days: int) -> tuple[int, ...]:
    planned: list[int] = []
    for day in forecast:
        i = day.toordinal() - start
        if 0 <= i < days:
            if not planned:
                planned = [0] * days
            planned[i] += 1
    return tuple(planned)


def contact_grid(
    contacts: Iterable[Contact],
    year: int,
    *,
    customers: Collection[int] | None = None,
    forecast: Iterable[date] = (),
    thresholds: tuple[int, int, int, int] | None = None,
) -> YearGrid:
    """Contacts per day of ``year``, optionally only of ``customers`` (ids; use a set).

    ``forecast`` are the dates of planned gestures (the engine's plan for the rest of the year).
    ``thresholds`` default to :func:`auto_thresholds`; pass ``FIXED_THRESHOLDS`` to force them.
    One pass, no per-contact objects.
    """
    start = date(year, 1, 1).toordinal()
    days = _days_in_year(year)
    counts = [0] * days
    by_purpose = dict.fromkeys(_PURPOSES, 0)
    for contact in contacts:
        i = contact.at.toordinal() - start
        if 0 <= i < days and (customers is None or contact.customer in customers):
            counts[i] += 1
            by_purpose[contact.purpose] += 1
    return YearGrid(
        year,
        tuple(counts),
        thresholds if thresholds is not None else auto_thresholds(counts),
        _planned_per_day(forecast, start, days),
        by_purpose,
    )


def day_grid(
    days: Iterable[date],
    year: int,
    *,
    forecast: Iterable[date] = (),
    thresholds: tuple[int, int, int, int] | None = None,
    mix: Mapping[Purpose, int] | None = None,
) -> YearGrid:
    """Like :func:`contact_grid` from bare dates (or datetimes), e.g. pre-extracted ones."""
    start = date(year, 1, 1).toordinal()
    length = _days_in_year(year)
    counts = [0] * length
    for day in days:
        i = day.toordinal() - start
        if 0 <= i < length:
            counts[i] += 1
    return YearGrid(
        year,
        tuple(counts),
        thresholds if thresholds is not None else auto_thresholds(counts),
        _planned_per_day(forecast, start, length),
        dict(mix) if mix is not None else {},
    )


def grids_by_customer(
    contacts: Iterable[Contact],
    year: int,
    *,
    thresholds: tuple[int, int, int, int] | None = FIXED_THRESHOLDS,
) -> dict[int, YearGrid]:
    """One grid per customer id that has contacts in ``year``, in one pass over the log."""
    start = date(year, 1, 1).toordinal()
    days = _days_in_year(year)
    counts: dict[int, list[int]] = {}
    mixes: dict[int, dict[Purpose, int]] = {}
    for contact in contacts:
        i = contact.at.toordinal() - start
        if 0 <= i < days:
            row = counts.get(contact.customer)
            if row is None:
                row = counts[contact.customer] = [0] * days
                mixes[contact.customer] = dict.fromkeys(_PURPOSES, 0)
            row[i] += 1
            mixes[contact.customer][contact.purpose] += 1
    return {
        customer: YearGrid(
            year,
            tuple(row),
            thresholds if thresholds is not None else auto_thresholds(row),
            (),
            mixes[customer],
        )
        for customer, row in counts.items()
    }


# -- metrics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Silence:
    """A run of days without any contact: ``days`` from ``start`` to ``end`` (both silent)."""

    days: int
    start: date
    end: date


@dataclass(frozen=True)
class YearMetrics:
    """The numbers beside the grid, for one year and one selection (a customer or many).

    ``window`` is the part of the year that has happened: the whole year, or 1 January up to
    ``today`` in the current year, or None for a future year. Silence and evenness look only at
    the window; the counts include every logged contact of the year.
    """

    year: int
    window: tuple[date, date] | None
    contacts: int
    active_days: int
    longest_silence: Silence | None
    monthly: tuple[int, ...]
    december_share: float | None
    evenness: float | None
    mix: Mapping[Purpose, int]

    def mix_share(self, purpose: Purpose) -> float | None:
        """Share of ``purpose`` among the contacts with a purpose, or None without contacts."""
        total = sum(self.mix.values())
        return self.mix.get(purpose, 0) / total if total else None


def _window(year: int, today: date | None) -> tuple[date, date] | None:
    if today is None or today.year > year:
        return date(year, 1, 1), date(year, 12, 31)
    if today.year < year:
        return None
    return date(year, 1, 1), today


def longest_silence(counts: Sequence[int], first: date) -> Silence | None:
    """The longest run of zero counts (the earliest of equal runs), or None if there is none.

    The year's edges are hard edges: a silence running into the year starts on 1 January, one
    still running ends on the window's last day (31 December, or today). So a year without any
    contact is one silence of the whole window, and silences are comparable between customers
    without looking at other years.
    """
    best_length, best_start = 0, 0
    run_start = -1
    for i, count in enumerate(counts):
        if count == 0:
            if run_start < 0:
                run_start = i
        elif run_start >= 0:
            if i - run_start > best_length:
                best_length, best_start = i - run_start, run_start
            run_start = -1
    if run_start >= 0 and len(counts) - run_start > best_length:
        best_length, best_start = len(counts) - run_start, run_start
    if best_length == 0:
        return None
    start = first + timedelta(days=best_start)
    return Silence(best_length, start, start + timedelta(days=best_length - 1))


def evenness(monthly: Sequence[int]) -> float | None:
    """How evenly contacts spread over the months: 1 = as even as possible, 0 = all in one month.

    It is 1 minus the Gini coefficient of the monthly counts, rescaled between the most uneven
    spread (everything in one month) and the most even spread the number of contacts allows
    (``n`` contacts over ``k`` months as integers: 5 contacts cannot fill 12 months). Why Gini:
    it falls in proportion as contacts pile into one month (the December rush pulls it down
    visibly, where normalised entropy barely moves), it reads as a share, and the rescaling keeps
    a C customer with its two contacts a year from looking neglected. None with fewer than
    2 contacts or fewer than 2 months, where evenness means nothing.
    """
    k = len(monthly)
    n = sum(monthly)
    if k < 2 or n < 2:
        return None
    ordered = sorted(monthly)
    # sum over pairs |x_i - x_j| (each pair once) from the sorted values: O(k)
    pair_sum = sum((2 * i - k + 1) * x for i, x in enumerate(ordered))
    gini = pair_sum / (k * n)
    most_uneven = (k - 1) / k
    rest = n % k
    most_even = rest * (k - rest) / (k * n)
    if most_uneven <= most_even:
        return None
    value = (most_uneven - gini) / (most_uneven - most_even)
    return min(1.0, max(0.0, value))


def year_metrics(grid: YearGrid, today: date | None = None) -> YearMetrics:
    """Metrics of ``grid``; ``today`` limits silence and evenness to the days that have been."""
    window = _window(grid.year, today)
    monthly = [0] * 12
    for i, count in enumerate(grid.counts):
        if count:
            monthly[(grid.first + timedelta(days=i)).month - 1] += count
    total = sum(monthly)
    silence: Silence | None = None
    even: float | None = None
    if window is not None:
        seen = (window[1] - window[0]).days + 1
        silence = longest_silence(grid.counts[:seen], grid.first)
        even = evenness(monthly[: window[1].month])
    return YearMetrics(
        year=grid.year,
        window=window,
        contacts=total,
        active_days=sum(1 for c in grid.counts if c),
        longest_silence=silence,
        monthly=tuple(monthly),
        december_share=monthly[11] / total if total else None,
        evenness=even,
        mix=dict(grid.mix),
    )
