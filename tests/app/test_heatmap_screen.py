"""The Heatmap screen and the customer screen's heatmap, driven by keys on a real demo book.

The book is the demo generator's (40 customers, two years up to a fixed Monday, the tester as
the first rep), written once per session and copied per test; the clock is fixed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.app.conftest import MakeApp
from tui.app.app import KundenpflegeApp
from tui.app.screens.customer import CustomerScreen
from tui.app.screens.day_entries import DayEntriesScreen
from tui.app.screens.heatmap import HeatmapScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.today import TodayScreen
from tui.app.widgets.heatmap_grid import HeatmapGrid
from tui.app.widgets.heatmap_panel import CustomerHeatmap
from tui.config import Config
from tui.demo.generator import write_demo
from tui.domain.heatmap import FIXED_THRESHOLDS
from tui.domain.model import Tier
from tui.services.heatmap_source import Filters, HeatmapSource, Selection
from tui.services.planning import plan_settings
from tui.store.book import Book

NOW = datetime(2026, 11, 23, 9, 30)  # a Monday, five weeks before the year-end rush is over
TODAY = NOW.date()
REPS = ["tester", "colleague", "third"]


def demo_clock() -> datetime:
    return NOW


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("heatmap-demo") / "book.json"
    write_demo(path, customers=40, years=2, seed=5, until=TODAY, reps=REPS)
    return path


@pytest.fixture
def demo_book(demo_template: Path, tmp_path: Path) -> Iterator[Book]:
    path = tmp_path / "demo.json"
    with Book.open(demo_template, create=False) as template:
        template.backup(path)  # a book is several files: copied whole by its backup
    with Book.open(path) as book:
        yield book


@pytest.fixture
def demo_app(demo_book: Book, config: Config) -> Callable[..., KundenpflegeApp]:
    def make(**overrides: object) -> KundenpflegeApp:
        options: dict[str, object] = {
            "rep": "tester",
            "clock": demo_clock,
            "config": config,
            "poll_seconds": 0,
        }
        options.update(overrides)
        return KundenpflegeApp(demo_book, **options)  # type: ignore[arg-type]

    return make


def text_of(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def heatmap_screen(app: KundenpflegeApp) -> HeatmapScreen:
    assert isinstance(app.screen, HeatmapScreen)
    return app.screen


def year_count(book: Book, year: int, customers: set[int]) -> int:
    return sum(
        1
        for c in book.contacts(start=date(year, 1, 1), end=date(year, 12, 31))
        if c.customer in customers
    )


def mine(book: Book, rep: str = "tester") -> set[int]:
    return {c.id for c in book.customers() if c.owner == rep and c.id is not None}


# -- opening, the cursor and the year ----------------------------------------------------------


async def test_opens_on_this_year_with_my_customers(
    demo_app: Callable[..., KundenpflegeApp],
) -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H")
        screen = heatmap_screen(app)
        grid = screen.query_one(HeatmapGrid)
        assert grid.has_focus and grid.grid.year == 2026 and grid.cursor == TODAY
        assert screen.selection == Selection(Filters(rep="tester"))
        assert grid.grid.total == year_count(app.book, 2026, mine(app.book))
        header = text_of(screen, "#heatmap-header")
        assert f"All customers ({len(mine(app.book))})" in header and "mine" in header
        assert "2026" in header
        metrics = text_of(screen, "#heatmap-metrics")
        assert f"Contacts:        {grid.grid.total:,}" in metrics
        for label in ("Active days", "Longest silence", "December share", "Evenness", "Purpose"):
            assert label in metrics
        assert "Mon 2026-11-23" in text_of(screen, "#heatmap-day")


async def test_cursor_keys_update_the_day_panel(demo_app: Callable[..., KundenpflegeApp]) -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H")
        screen = heatmap_screen(app)
        grid = screen.query_one(HeatmapGrid)
        expected = TODAY
        for key, days in [("h", -7), ("left", -7), ("k", -1), ("up", -1), ("j", 1), ("l", 7)]:
            await pilot.press(key)
            expected += timedelta(days=days)
            assert grid.cursor == expected
            assert expected.isoformat() in text_of(screen, "#heatmap-day")
        source = screen.source
        assert source is not None
        busy = max(
            (c.at.date() for c in source.contacts(screen.selection, 2026)),
            key=lambda d: len(source.day_contacts(screen.selection, d)),
        )
        grid.cursor = busy
        await pilot.pause()
        day = text_of(screen, "#heatmap-day")
        contacts = source.day_contacts(screen.selection, busy)
        assert f"{len(contacts)} contact" in day
        first = contacts[0]
        customer = app.customers_by_id[first.customer]
        assert f"{first.at:%H:%M} {customer.name}" in day


async def test_brackets_change_the_year_and_keep_the_day(
    demo_app: Callable[..., KundenpflegeApp],
) -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H", "left_square_bracket")
        screen = heatmap_screen(app)
        grid = screen.query_one(HeatmapGrid)
        assert grid.grid.year == 2025 and grid.cursor == date(2025, 11, 23)
        assert grid.grid.total == year_count(app.book, 2025, mine(app.book))
        assert "2025" in text_of(screen, "#heatmap-header")
        assert f"Contacts:        {grid.grid.total:,}" in text_of(screen, "#heatmap-metrics")
        assert grid.holidays and all(day.year == 2025 for day in grid.holidays)
        # the demo's year-end rush: December is well above an even month's twelfth
        december = sum(grid.grid.count(date(2025, 12, d)) for d in range(1, 32)) / max(
            1, grid.grid.total
        )
        assert december > 1 / 12
        await pilot.press("right_square_bracket")
        assert grid.grid.year == 2026 and grid.cursor == date(2026, 11, 23)


# -- the coldest list and the filters ----------------------------------------------------------


async def test_moving_in_the_coldest_list_switches_the_grid(
    demo_app: Callable[..., KundenpflegeApp],
) -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H")
        screen = heatmap_screen(app)
        grid = screen.query_one(HeatmapGrid)
        cold_list = screen.query_one(OptionList)
        assert cold_list.get_option_at_index(0).id == "all"
        assert screen.source is not None
        ranked = screen.source.coldest(screen.selection.filters)
        ratios = [c.ratio for c in ranked]
        assert ratios == sorted(ratios, reverse=True)
        await pilot.press("c")
        assert cold_list.has_focus
        await pilot.press("j")
        coldest = ranked[0].customer
        assert screen.selection.customer == coldest.id
        assert grid.grid.thresholds == FIXED_THRESHOLDS
        assert grid.grid.total == year_count(app.book, 2026, {coldest.id or 0})
        assert coldest.name in text_of(screen, "#heatmap-header")
        await pilot.press("down")
        assert screen.selection.customer == ranked[1].customer.id
        await pilot.press("k", "k")
        assert screen.selection.customer is None
        assert grid.grid.total == year_count(app.book, 2026, mine(app.book))
        await pilot.press("j", "enter")  # back to the grid, customer kept
        assert grid.has_focus and screen.selection.customer == coldest.id


async def test_tier_and_rep_filters(demo_app: Callable[..., KundenpflegeApp]) -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H", "t")
        screen = heatmap_screen(app)
        grid = screen.query_one(HeatmapGrid)
        assert screen.selection.filters == Filters(tier=Tier.A, rep="tester")
        tier_a = {c.id for c in app.book.customers() if c.tier is Tier.A and c.owner == "tester"}
        assert grid.grid.total == year_count(app.book, 2026, {i for i in tier_a if i})
        assert "A-customer" in text_of(screen, "#heatmap-header")
        assert screen.source is not None
        listed = [c.customer for c in screen.source.coldest(screen.selection.filters)]
        assert listed and all(c.tier is Tier.A and c.owner == "tester" for c in listed)
        await pilot.press("t", "t", "t")
        assert screen.selection.filters == Filters(tier=None, rep="tester", prospects=True)
        assert "Prospects" in text_of(screen, "#heatmap-header")
        prospects = {c.id for c in app.book.customers() if c.prospect and c.owner == "tester"}
        assert screen.source.chosen(screen.selection.filters) == prospects
        await pilot.press("t")
        assert screen.selection.filters == Filters(tier=None, rep="tester")
        await pilot.press("r")
        assert screen.selection.filters == Filters(tier=None, rep=None)
        everyone = {c.id for c in app.book.customers() if c.id is not None and not c.prospect}
        assert grid.grid.total == year_count(app.book, 2026, everyone)
        assert "whole team" in text_of(screen, "#heatmap-header")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.source.has_forecast(None)


async def test_a_filter_drops_a_customer_it_excludes(
    demo_app: Callable[..., KundenpflegeApp],
) -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H", "c", "j")
        screen = heatmap_screen(app)
        chosen = screen.selection.customer
        assert chosen is not None
        tier = app.customers_by_id[chosen].tier
        presses = {Tier.A: 2, Tier.B: 1, Tier.C: 1}[tier]  # to a tier that is not theirs
        await pilot.press(*["t"] * presses)
        assert screen.selection.customer is None


# -- the day's entries, the forecast, help -----------------------------------------------------


async def test_enter_lists_the_day_and_escape_goes_back(
    demo_app: Callable[..., KundenpflegeApp],
) -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H")
        screen = heatmap_screen(app)
        grid = screen.query_one(HeatmapGrid)
        assert screen.source is not None
        source = screen.source
        day = next(
            d
            for d in (TODAY - timedelta(days=n) for n in range(300))
            if len(source.day_contacts(screen.selection, d)) >= 2
        )
        grid.cursor = day
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, DayEntriesScreen)
        body = text_of(app.screen, "#heatmap-day-entries-body")
        for contact in source.day_contacts(screen.selection, day):
            assert f"{contact.at:%H:%M}" in body
            assert app.customers_by_id[contact.customer].name in body
            if contact.note:
                assert contact.note.splitlines()[0] in body
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_forecast_marks_planned_days(demo_app: Callable[..., KundenpflegeApp]) -> None:
    from tui.app.messages import ForecastReady

    seen: list[object] = []
    app = demo_app()
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await pilot.press("H")
        await app.workers.wait_for_complete()
        await pilot.pause()
        ready = list({id(m): m for m in seen if isinstance(m, ForecastReady)}.values())
        assert [m.rep for m in ready] == ["tester"] and ready[0].gestures  # one plan, posted once
        grid = heatmap_screen(app).query_one(HeatmapGrid).grid
        planned = [grid.first + timedelta(days=i) for i, n in enumerate(grid.forecast) if n]
        assert planned and min(planned) >= TODAY
        assert "planning…" not in text_of(app.screen, "#heatmap-header")


async def test_help_lists_the_heatmap_keys(demo_app: Callable[..., KundenpflegeApp]) -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("H", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text_of(app.screen, "#help-keys")
        for text in ("Week back", "Previous year", "Open day", "coldest-first", "A, B or C"):
            assert text in keys, text


async def test_narrow_terminal_shows_the_list_instead_of_the_grid(
    demo_app: Callable[..., KundenpflegeApp],
) -> None:
    app = demo_app()
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.press("H")
        screen = heatmap_screen(app)
        assert screen.narrow and not screen.query_one(OptionList).display
        await pilot.press("c")
        assert screen.query_one(OptionList).display
        assert not screen.query_one("#heatmap-main").display
        await pilot.press("escape")
        assert screen.query_one("#heatmap-main").display and app.screen is screen


async def test_user_text_in_the_day_is_literal(make_app: MakeApp) -> None:
    app = make_app()  # the hand-made book: a note with markup and an escape sequence
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("H", "r")
        screen = heatmap_screen(app)
        screen.query_one(HeatmapGrid).cursor = date(2026, 1, 20)
        await pilot.pause()
        day = text_of(screen, "#heatmap-day")
        assert "[bold]prices[/bold] ␛[31mred" in day
        await pilot.press("enter")
        body = text_of(app.screen, "#heatmap-day-entries-body")
        assert "[bold]prices[/bold] ␛[31mred" in body
        assert "\x1b" not in body


# -- the customer screen -----------------------------------------------------------------------


async def test_customer_screen_shows_the_customers_year(
    demo_app: Callable[..., KundenpflegeApp],
) -> None:
    app = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        customer = next(c for c in app.customers() if c.owner == "tester")
        assert customer.id is not None
        app.action_open_customer(customer.id)
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen)
        panel = app.screen.query_one(CustomerHeatmap)
        grid = panel.query_one(HeatmapGrid)
        assert grid.grid.thresholds == FIXED_THRESHOLDS
        assert grid.grid.total == year_count(app.book, 2026, {customer.id})
        assert grid.size.height == 8  # compact at 24 lines: months and weekdays only
        grid.focus()
        await pilot.press("left_square_bracket")
        assert grid.grid.year == 2025
        assert grid.grid.total == year_count(app.book, 2025, {customer.id})
        assert "2025" in text_of(panel, "#customer-heatmap-line") or grid.has_focus
        await pilot.press("enter")
        assert isinstance(app.screen, DayEntriesScreen)
        await pilot.press("escape", "H")
        assert heatmap_screen(app).selection.customer == customer.id


# -- the source ---------------------------------------------------------------------------------


def test_source_day_contacts_and_planned(demo_book: Book) -> None:
    source = HeatmapSource(demo_book, plan_settings(demo_book), TODAY)
    everyone = Selection(Filters())
    contacts = demo_book.contacts(start=date(2025, 1, 1), end=date(2025, 12, 31))
    for day in (date(2025, 1, 1), date(2025, 6, 2), date(2025, 12, 15), date(2025, 12, 31)):
        expected = [c for c in contacts if c.at.date() == day]
        assert source.day_contacts(everyone, day) == expected
    from tui.services.planning import forecast_plan

    gestures = forecast_plan(demo_book, TODAY, rep=None, settings=source.settings)
    source.set_forecast(None, gestures)
    assert all(day >= TODAY for day in source.planned(everyone))
    assert max(source.planned(everyone)) > TODAY + timedelta(days=14)  # past the horizon
    overdue = [g for g in gestures if g.due < TODAY]
    if overdue:
        assert overdue[0] in source.planned_on(everyone, TODAY)


# -- snapshots ----------------------------------------------------------------------------------


def _open_heatmap(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("H")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
@pytest.mark.parametrize(
    "keys",
    [("left_square_bracket",), ("c", "j", "enter", "left_square_bracket")],
    ids=["all", "customer"],
)
def test_snapshot(
    snap_compare: Callable[..., bool],
    demo_app: Callable[..., KundenpflegeApp],
    keys: tuple[str, ...],
    size: tuple[int, int],
) -> None:
    """Last year (the December rush shows), all of the tester's customers or the coldest."""
    assert snap_compare(demo_app(), terminal_size=size, run_before=_open_heatmap(*keys))
