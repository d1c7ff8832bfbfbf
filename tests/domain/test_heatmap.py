"""The year grid, its geometry and levels, the metrics, and the coldest-first ranking."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.coldness import coldest
from tui.domain.heatmap import (
    EVEN_DECEMBER_SHARE,
    FIXED_THRESHOLDS,
    Silence,
    YearGrid,
    auto_thresholds,
    contact_grid,
    day_grid,
    evenness,
    grids_by_customer,
    level_of,
    longest_silence,
    year_metrics,
)
from tui.domain.model import Contact, Customer, Purpose, Tier


def contact(
    day: date, customer: int = 1, purpose: Purpose = Purpose.CARE, hour: int = 10
) -> Contact:
    return Contact(
        customer=customer, at=datetime(day.year, day.month, day.day, hour), purpose=purpose
    )


def every_cell(grid: YearGrid) -> list[date]:
    return [
        day
        for column in range(grid.columns)
        for row in range(7)
        if (day := grid.day_at(row, column)) is not None
    ]


# -- geometry ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "first_weekday", "days", "columns"),
    [
        (2026, 3, 365, 53),  # starts on a Thursday
        (2023, 6, 365, 53),  # starts on a Sunday
        (2024, 0, 366, 53),  # leap year starting on a Monday
        (2028, 5, 366, 53),  # leap year starting on a Saturday
        (2012, 6, 366, 54),  # leap year starting on a Sunday: the only 54-column case
        (2040, 6, 366, 54),
    ],
)
def test_grid_shape(year: int, first_weekday: int, days: int, columns: int) -> None:
    grid = day_grid([], year)
    assert (grid.first_weekday, grid.days, grid.columns) == (first_weekday, days, columns)


@pytest.mark.parametrize("year", [2023, 2024, 2026, 2012, 2100, 2000])
def test_every_day_has_exactly_one_cell_in_order(year: int) -> None:
    grid = day_grid([], year)
    cells = every_cell(grid)
    first = date(year, 1, 1)
    assert cells == [first + timedelta(days=i) for i in range(grid.days)]
    for day in cells:
        row, column = grid.position(day)
        assert grid.day_at(row, column) == day
        assert row == day.weekday()


def test_days_outside_the_year_are_blank() -> None:
    grid = day_grid([], 2026)  # 1 Jan 2026 is a Thursday, 31 Dec a Thursday
    assert [grid.day_at(row, 0) for row in range(3)] == [None, None, None]
    assert grid.day_at(3, 0) == date(2026, 1, 1)
    assert grid.position(date(2026, 12, 31)) == (3, 52)
    assert [grid.day_at(row, 52) for row in range(4, 7)] == [None, None, None]
    assert grid.day_at(7, 0) is None and grid.day_at(0, 53) is None and grid.day_at(-1, 3) is None
    with pytest.raises(ValueError):
        grid.position(date(2027, 1, 1))


def test_sunday_start_puts_1_january_alone_in_the_first_column() -> None:
    grid = day_grid([], 2023)
    assert grid.position(date(2023, 1, 1)) == (6, 0)
    assert grid.position(date(2023, 1, 2)) == (0, 1)
    assert grid.position(date(2023, 12, 31)) == (6, 52)


def test_leap_day_and_leap_year_sunday_start() -> None:
    grid = day_grid([date(2012, 2, 29)], 2012)
    assert grid.index(date(2012, 2, 29)) == 59
    assert grid.count(date(2012, 2, 29)) == 1
    assert grid.position(date(2012, 12, 31)) == (0, 53)  # Monday alone in column 54


def test_month_label_columns() -> None:
    grid = day_grid([], 2026)
    # 1 Jan Thu (4 days in week 0), 1 Feb Sun (next column), 1 Mar Sun, 1 Apr Wed, 1 May Fri
    assert grid.month_columns()[:5] == (0, 5, 9, 13, 18)
    for year in (2012, 2023, 2024, 2026, 2027):
        columns = day_grid([], year).month_columns()
        assert all(b - a >= 4 for a, b in pairwise(columns))
        assert columns[-1] < day_grid([], year).columns


def test_clamp() -> None:
    grid = day_grid([], 2026)
    assert grid.clamp(date(2025, 12, 31)) == date(2026, 1, 1)
    assert grid.clamp(date(2027, 1, 1)) == date(2026, 12, 31)
    assert grid.clamp(date(2026, 6, 6)) == date(2026, 6, 6)


# -- counting ----------------------------------------------------------------------------------


def test_contacts_on_the_edges_of_the_year() -> None:
    contacts = [
        contact(date(2025, 12, 31)),
        contact(date(2026, 1, 1), hour=0),
        contact(date(2026, 1, 1), hour=23),
        contact(date(2026, 12, 31), hour=23),
        contact(date(2027, 1, 1), hour=0),
    ]
    grid = contact_grid(contacts, 2026)
    assert grid.count(date(2026, 1, 1)) == 2
    assert grid.count(date(2026, 12, 31)) == 1
    assert grid.total == 3
    assert grid.count(date(2025, 12, 31)) == 0  # another year reads as 0


def test_contact_grid_filters_customers_and_counts_purposes() -> None:
    day = date(2026, 3, 2)
    contacts = [
        contact(day, 1, Purpose.CARE),
        contact(day, 2, Purpose.SALES),
        contact(day, 2, Purpose.SERVICE),
        contact(day, 3, Purpose.SALES),
    ]
    grid = contact_grid(contacts, 2026, customers={2})
    assert grid.count(day) == 2
    assert grid.mix == {Purpose.CARE: 0, Purpose.SERVICE: 1, Purpose.SALES: 1}
    assert contact_grid(contacts, 2026).count(day) == 4


def test_day_grid_matches_contact_grid() -> None:
    contacts = [contact(date(2024, 1, 1) + timedelta(days=3 * i)) for i in range(150)]
    by_contact = contact_grid(contacts, 2024)
    by_day = day_grid([c.at for c in contacts], 2024)
    assert by_contact.counts == by_day.counts
    assert by_contact.levels == by_day.levels


def test_forecast_counts_planned_days_of_the_year_only() -> None:
    grid = contact_grid([], 2026, forecast=[date(2026, 5, 4), date(2026, 5, 4), date(2027, 1, 1)])
    assert grid.planned(date(2026, 5, 4)) == 2
    assert grid.planned(date(2026, 5, 5)) == 0
    assert sum(grid.forecast) == 2
    assert day_grid([], 2026).forecast == ()
    assert day_grid([], 2026).planned(date(2026, 5, 4)) == 0


def test_grids_by_customer() -> None:
    contacts = [
        contact(date(2026, 1, 5), 1),
        contact(date(2026, 1, 5), 1, Purpose.SALES),
        contact(date(2026, 2, 5), 2),
        contact(date(2025, 2, 5), 3),
    ]
    grids = grids_by_customer(contacts, 2026)
    assert set(grids) == {1, 2}
    assert grids[1].count(date(2026, 1, 5)) == 2
    assert grids[1].mix[Purpose.SALES] == 1
    assert grids[2].thresholds == FIXED_THRESHOLDS


def test_grid_rejects_wrong_lengths() -> None:
    with pytest.raises(ValueError):
        YearGrid(2024, (0,) * 365)
    with pytest.raises(ValueError):
        YearGrid(2026, (0,) * 365, forecast=(0,) * 3)


# -- levels ------------------------------------------------------------------------------------


def test_fixed_levels_for_one_customer() -> None:
    assert [level_of(c, FIXED_THRESHOLDS) for c in range(7)] == [0, 1, 2, 3, 4, 4, 4]
    counts = [0, 1, 2, 3, 4] + [0] * 360
    assert auto_thresholds(counts) == FIXED_THRESHOLDS
    assert auto_thresholds([0] * 365) == FIXED_THRESHOLDS


def test_linear_levels_for_many_up_to_the_99th_percentile() -> None:
    counts = list(range(1, 101)) + [0] * 265
    assert auto_thresholds(counts) == (1, 25, 50, 75)  # top = 100, the 99th percentile
    ordinary, rush = [10] * 300, [40] * 20  # a team: ordinary days and a December rush
    thresholds = auto_thresholds(ordinary + rush + [0] * 45)
    assert thresholds == (1, 10, 20, 30)
    assert level_of(10, thresholds) == 2 and level_of(40, thresholds) == 4
    # a few freak days do not wash out the rest
    assert auto_thresholds([10] * 300 + [900] * 2 + [0] * 63) == (1, 3, 5, 8)


def test_thresholds_stay_strictly_increasing() -> None:
    assert auto_thresholds([5] * 100 + [0] * 265) == (1, 2, 3, 4)
    assert auto_thresholds([1] * 300 + [50] + [0] * 64) == (1, 2, 3, 4)
    assert auto_thresholds([6] * 100 + [0] * 265) == (1, 2, 3, 5)


def test_levels_of_a_grid() -> None:
    grid = contact_grid([contact(date(2026, 1, 1))] * 3, 2026)
    assert grid.level(date(2026, 1, 1)) == 3
    assert grid.level(date(2026, 1, 2)) == 0
    assert grid.level(date(2030, 1, 2)) == 0


# -- metrics -----------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2024, 2026])
def test_metrics_of_an_empty_year(year: int) -> None:
    metrics = year_metrics(contact_grid([], year))
    assert metrics.contacts == 0 and metrics.active_days == 0
    days = 366 if year == 2024 else 365
    assert metrics.longest_silence == Silence(days, date(year, 1, 1), date(year, 12, 31))
    assert metrics.december_share is None
    assert metrics.evenness is None
    assert metrics.mix_share(Purpose.CARE) is None
    assert metrics.monthly == (0,) * 12


def test_silence_between_1_january_and_31_december() -> None:
    grid = contact_grid([contact(date(2026, 1, 1)), contact(date(2026, 12, 31))], 2026)
    assert year_metrics(grid).longest_silence == Silence(363, date(2026, 1, 2), date(2026, 12, 30))
    leap = contact_grid([contact(date(2024, 1, 1)), contact(date(2024, 12, 31))], 2024)
    assert year_metrics(leap).longest_silence == Silence(364, date(2024, 1, 2), date(2024, 12, 30))


def test_silence_runs_to_the_edges_of_the_year() -> None:
    grid = contact_grid([contact(date(2026, 7, 1))], 2026)
    # before: 1 Jan - 30 Jun (181 days); after: 2 Jul - 31 Dec (183 days)
    assert year_metrics(grid).longest_silence == Silence(183, date(2026, 7, 2), date(2026, 12, 31))
    grid = contact_grid([contact(date(2026, 12, 1))], 2026)
    assert year_metrics(grid).longest_silence == Silence(334, date(2026, 1, 1), date(2026, 11, 30))


def test_silence_ties_go_to_the_earliest_and_a_busy_year_has_none() -> None:
    counts = [1, 0, 0, 1, 0, 0, 1]
    assert longest_silence(counts, date(2026, 1, 1)) == Silence(
        2, date(2026, 1, 2), date(2026, 1, 3)
    )
    assert longest_silence([1, 1, 1], date(2026, 1, 1)) is None
    assert longest_silence([], date(2026, 1, 1)) is None


def test_metrics_of_the_current_year_stop_today() -> None:
    grid = contact_grid([contact(date(2026, 1, 10)), contact(date(2026, 2, 10))], 2026)
    metrics = year_metrics(grid, today=date(2026, 3, 1))
    assert metrics.window == (date(2026, 1, 1), date(2026, 3, 1))
    # 11 Feb .. 1 Mar = 19 days; the rest of the year has not happened yet
    assert metrics.longest_silence == Silence(30, date(2026, 1, 11), date(2026, 2, 9))
    assert metrics.evenness is not None  # over Jan..Mar: 1, 1, 0
    assert metrics.evenness == pytest.approx(evenness([1, 1, 0]))
    past = year_metrics(grid, today=date(2027, 5, 1))
    assert past.window == (date(2026, 1, 1), date(2026, 12, 31))
    future = year_metrics(grid, today=date(2025, 5, 1))
    assert future.window is None and future.longest_silence is None and future.evenness is None
    assert future.contacts == 2


def test_contacts_active_days_and_december_share() -> None:
    contacts = [contact(date(2026, 12, d)) for d in (1, 1, 2, 3, 4, 5)]
    contacts += [contact(date(2026, m, 15)) for m in range(1, 7)]
    metrics = year_metrics(contact_grid(contacts, 2026))
    assert metrics.contacts == 12 and metrics.active_days == 11
    assert metrics.december_share == pytest.approx(0.5)
    assert metrics.december_share == pytest.approx(6.0 / 12)
    assert metrics.monthly == (1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 6)
    assert metrics.december_share == pytest.approx(6 * EVEN_DECEMBER_SHARE)


def test_evenness() -> None:
    assert evenness([1] * 12) == pytest.approx(1.0)
    assert evenness([5] * 12) == pytest.approx(1.0)
    assert evenness([0] * 11 + [24]) == pytest.approx(0.0)
    # few contacts spread as well as they can be are perfectly even
    assert evenness([1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]) == pytest.approx(1.0)
    assert evenness([0] * 11 + [2]) == pytest.approx(0.0)
    # the December rush: half of the contacts in December
    rush = evenness([1] * 11 + [11])
    assert rush is not None and 0.4 < rush < 0.6
    slight = evenness([2] * 11 + [4])
    assert slight is not None and rush < slight < 1.0
    assert evenness([0] * 12) is None
    assert evenness([0] * 11 + [1]) is None
    assert evenness([7]) is None


def test_mix_shares() -> None:
    contacts = [
        contact(date(2026, 5, 5), purpose=p) for p in (Purpose.CARE,) * 2 + (Purpose.SALES,) * 2
    ]
    metrics = year_metrics(contact_grid(contacts, 2026))
    assert metrics.mix == {Purpose.CARE: 2, Purpose.SERVICE: 0, Purpose.SALES: 2}
    assert metrics.mix_share(Purpose.CARE) == pytest.approx(0.5)
    assert metrics.mix_share(Purpose.SERVICE) == 0.0


@given(
    st.lists(st.dates(date(2023, 6, 1), date(2025, 6, 1)), max_size=60),
    st.sampled_from([2024, 2025]),
)
def test_grid_and_metrics_agree_with_a_naive_count(days: list[date], year: int) -> None:
    grid = day_grid(days, year)
    in_year = [d for d in days if d.year == year]
    assert grid.total == len(in_year)
    metrics = year_metrics(grid)
    assert metrics.active_days == len(set(in_year))
    assert sum(metrics.monthly) == len(in_year)
    silence = metrics.longest_silence
    if silence is not None:
        assert silence.days == (silence.end - silence.start).days + 1
        assert not any(silence.start <= d <= silence.end for d in in_year)
    if metrics.evenness is not None:
        assert 0.0 <= metrics.evenness <= 1.0


# -- coldest first -----------------------------------------------------------------------------


def customer(id: int, name: str, tier: Tier = Tier.A, since: date | None = None) -> Customer:
    return Customer(name=name, tier=tier, since=since, id=id)


CADENCE = {Tier.A: 30, Tier.B: 90, Tier.C: 180}


def test_coldest_first_relative_to_cadence() -> None:
    today = date(2026, 6, 1)
    people = [
        customer(1, "Anna", Tier.A),  # 45 days, cadence 30 -> 1.5
        customer(2, "Bernd", Tier.C),  # 200 days, cadence 180 -> 1.11
        customer(3, "Carla", Tier.B),  # 10 days -> 0.11
        customer(4, "Dora", Tier.B, since=date(2026, 3, 3)),  # never, since 90 days -> 1.0
        customer(5, "Emil", Tier.C),  # never, unknown -> coldest
    ]
    contacts = [
        contact(today - timedelta(days=45), 1),
        contact(today - timedelta(days=100), 1),
        contact(today - timedelta(days=200), 2),
        contact(today - timedelta(days=10), 3),
        contact(today + timedelta(days=3), 3),  # planned in the log: ignored
    ]
    ranked = coldest(people, contacts, today, lambda c: CADENCE[c.tier])
    assert [c.customer.name for c in ranked] == ["Emil", "Anna", "Bernd", "Dora", "Carla"]
    emil, anna = ranked[0], ranked[1]
    assert emil.silence_days is None and emil.last_contact is None and math.isinf(emil.ratio)
    assert anna.silence_days == 45 and anna.last_contact == today - timedelta(days=45)
    assert anna.ratio == pytest.approx(1.5) and anna.cadence_days == 30
    assert ranked[3].silence_days == 90 and ranked[3].last_contact is None
    assert ranked[4].silence_days == 10
    assert len(coldest(people, contacts, today, lambda c: 30, limit=2)) == 2


def test_coldest_ties_by_silence_then_name() -> None:
    today = date(2026, 6, 1)
    people = [customer(1, "Zoe"), customer(2, "adam"), customer(3, "Max")]
    contacts = [contact(today - timedelta(days=30), 1), contact(today - timedelta(days=30), 2)]
    contacts.append(contact(today - timedelta(days=60), 3))
    cadence = {1: 30, 2: 30, 3: 60}
    ranked = coldest(people, contacts, today, lambda c: cadence[c.id or 0])
    assert [c.customer.name for c in ranked] == ["Max", "adam", "Zoe"]
    assert coldest([], contacts, today, lambda c: 30) == []
