"""The Heatmap screen: the year of all customers (or one), its numbers, and who has gone cold.

Layout (``heatmap.tcss``): the grid on the left with the metrics and the day under the cursor
below it; the coldest-first list on the right, as wide as the rest of the terminal. At 80
columns the grid takes 56 columns (one character per week) and the list the remaining 22; below
78 columns the list takes the grid's place while it is shown (``c``).

Data comes from :class:`tui.services.heatmap_source.HeatmapSource` (each year read once, grids
cached per selection); the engine's forecast is computed in a worker thread, as on the team
book it takes a noticeable moment, and fades in when it arrives (``ForecastReady``).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.app.actions import bindings
from tui.app.display import literal
from tui.app.messages import ForecastReady, ShowDay
from tui.app.screens.base import KpScreen, watch_book
from tui.app.screens.day_entries import DayEntriesScreen
from tui.app.widgets.cold_list import ALL, COLD_LIMIT, COLD_MIN_WIDTH, ColdList, coldness_prompt
from tui.app.widgets.footer import KpFooter
from tui.app.widgets.heatmap_grid import HeatmapGrid
from tui.app.widgets.heatmap_panel import (
    day_summary,
    metrics_content,
)
from tui.domain.coldness import Coldness
from tui.domain.heatmap import day_grid, year_metrics
from tui.domain.model import Customer, Tier, ValidationError
from tui.heatmap_text import grid_layout
from tui.i18n import _, format_number, language
from tui.labels import tier_label
from tui.messages import describe
from tui.services.heatmap_source import Filters, HeatmapSource, Selection
from tui.services.planning import forecast_plan
from tui.store.errors import BookError
from tui.textsafe import cut

#: what ``t`` steps through: every tier, each one, then the prospects apart (tier, prospects)
TIER_STEPS: tuple[tuple[Tier | None, bool], ...] = (
    (None, False),
    (Tier.A, False),
    (Tier.B, False),
    (Tier.C, False),
    (None, True),
)


class HeatmapScreen(KpScreen[None]):
    """All customers' year (or one customer's), filters by tier and rep, the coldest first."""

    CSS_PATH = "heatmap.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings("heatmap")

    selection: var[Selection] = var(Selection(), init=False)
    """What the grid shows; new filters also redraw the list and ask for their forecast."""
    show_list: var[bool] = var(False, init=False)
    """At narrow widths: the coldest list is shown in the grid's place."""

    def __init__(self, *, customer: int | None = None) -> None:
        super().__init__()
        self.first_customer = customer
        self.source: HeatmapSource | None = None
        self.narrow = False
        self._listed: list[Coldness] = []

    # --- building -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.kp
        today = app.today()
        self.source = HeatmapSource(
            app.book, app.plan_settings, today, customers=lambda: app.customers_by_id
        )
        rep: str | None = None if app.team else app.rep
        grid = day_grid([], today.year)
        holidays: frozenset[date] = frozenset()
        try:
            if rep is not None and not self.source.owns_customers(rep):
                rep = None
            self.set_reactive(
                HeatmapScreen.selection, Selection(Filters(rep=rep), self.first_customer)
            )
            grid = self.source.grid(self.selection, today.year)
            holidays = self.source.holidays(self.selection, today.year)
        except BookError as error:
            app.notify_error(describe(error))
        yield Static(id="heatmap-header")
        with Horizontal(id="heatmap-body"):
            with Vertical(id="heatmap-main"):
                yield HeatmapGrid(grid, today=today, holidays=holidays, id="heatmap-grid")
                yield Static(id="heatmap-metrics")
                yield Static(id="heatmap-day")
            yield ColdList(id="heatmap-coldest")
        yield KpFooter(compact=True)

    def on_mount(self) -> None:
        self._fit_width(self.app.size.width)
        self.redraw(list_too=True)
        self.query_one(HeatmapGrid).focus()
        self.load_forecast()
        watch_book(self, self._book_changed)

    def watch_selection(self, old: Selection, new: Selection) -> None:
        if not self.is_mounted:
            return
        filters_changed = old.filters != new.filters
        self.redraw(list_too=filters_changed)
        if filters_changed:
            self.load_forecast()

    def watch_show_list(self) -> None:
        if self.is_mounted:
            self._fit_width(self.app.size.width)

    def _book_changed(self) -> None:
        """Another process or an own action changed the book: read it again when asked."""
        if self.source is None:
            return
        self.source.forget(self.kp.today())
        self.query_one(HeatmapGrid).today = self.kp.today()
        self.redraw(list_too=True)
        self.load_forecast()

    def on_resize(self) -> None:
        if self.is_mounted:
            self._fit_width(self.app.size.width)
            self.call_after_refresh(self.redraw, list_too=True)

    def _fit_width(self, width: int) -> None:
        """The grid column as wide as the widest cells that leave the list its 22 columns."""
        grid = self.query_one(HeatmapGrid).grid
        main = self.query_one("#heatmap-main")
        cold = self.query_one(ColdList)
        layout = grid_layout(grid.columns, width - COLD_MIN_WIDTH - 2)
        self.narrow = layout.width + 2 + COLD_MIN_WIDTH > width
        if self.narrow:
            main.display = not self.show_list
            cold.display = self.show_list
            main.styles.width = "1fr"
        else:
            main.display = cold.display = True
            main.styles.width = layout.width + 2

    # --- drawing ------------------------------------------------------------------------------

    def redraw(self, *, list_too: bool = False) -> None:
        """Grid, header, metrics and day panel from the source (cached), the list if asked."""
        source = self.source
        if source is None:
            return
        grid_widget = self.query_one(HeatmapGrid)
        year = grid_widget.grid.year
        try:
            if list_too:
                self._fill_list()
            grid = source.grid(self.selection, year)
            holidays = source.holidays(self.selection, year)
        except BookError as error:
            self.kp.notify_error(describe(error))
            return
        grid_widget.holidays = holidays
        if grid_widget.grid is not grid:
            grid_widget.grid = grid
        self._header()
        self._metrics()
        self._day()

    def _header(self) -> None:
        selection = self.selection
        year = self.query_one(HeatmapGrid).grid.year
        parts: list[str | Content | tuple[str, str]] = []
        customer = self._customer()
        if customer is not None:
            parts.append(literal(customer.name, "bold"))
            if customer.company:
                parts += [(" · ", "dim"), literal(customer.company)]
            parts += [("  ", ""), (tier_label(customer.tier), "$accent")]
        else:
            assert self.source is not None
            count = len(self.source.chosen(selection.filters))
            parts.append((_("All customers ({n})").format(n=format_number(count)), "bold"))
            parts += [("  ", ""), (self._filter_text(), "$accent")]
        parts += [("  ", ""), (str(year), "bold")]
        if self.source is not None and not self.source.has_forecast(selection.filters.rep):
            parts += [("  ", ""), (_("planning…"), "dim")]
        self.query_one("#heatmap-header", Static).update(Content.assemble(*parts))

    def _filter_text(self) -> str:
        filters = self.selection.filters
        who = _("mine") if filters.rep is not None else _("whole team")
        tier = tier_label(filters.tier) if filters.tier is not None else _("all tiers")
        if filters.prospects:
            tier = _("Prospects")
        return f"{who} · {tier}"

    def _metrics(self) -> None:
        grid = self.query_one(HeatmapGrid).grid
        metrics = year_metrics(grid, self.kp.today())
        panel = self.query_one("#heatmap-metrics", Static)
        width = panel.size.width or self.query_one("#heatmap-main").size.width or 56
        panel.update(metrics_content(metrics, width))

    def _read_day(self, day: date) -> ShowDay | None:
        """The selection's contacts and planned gestures of ``day`` (None after a notice)."""
        source = self.source
        if source is None:
            return None
        try:
            contacts = source.day_contacts(self.selection, day)
        except BookError as error:
            self.kp.notify_error(describe(error))
            return None
        customer = self._customer()
        return ShowDay(
            day,
            contacts,
            source.planned_on(self.selection, day),
            customer.label if customer is not None else _("All customers"),
            customer_of=None if customer is not None else source.customer,
            holiday=source.holiday_name(self.selection, day, language()),
        )

    def _day(self) -> None:
        shown = self._read_day(self.query_one(HeatmapGrid).cursor)
        if shown is None:
            return
        panel = self.query_one("#heatmap-day", Static)
        panel.update(
            day_summary(
                shown.day,
                shown.contacts,
                shown.planned,
                width=panel.size.width or 56,
                height=panel.size.height or 4,
                holiday=shown.holiday,
                customer_of=shown.customer_of,
            )
        )

    def _fill_list(self) -> None:
        """The list for the current filters; the highlighted customer stays if still in it."""
        assert self.source is not None
        cold_list = self.query_one(ColdList)
        filters = self.selection.filters
        self._listed = self.source.coldest(filters, limit=COLD_LIMIT)
        width = cold_list.scrollable_content_region.width - 1
        if width < COLD_MIN_WIDTH - 4:
            width = COLD_MIN_WIDTH - 4
        count = len(self.source.chosen(filters))
        options = [
            Option(
                Content.styled(
                    cut(_("All customers ({n})").format(n=format_number(count)), width), "bold"
                ),
                id=ALL,
            )
        ]
        options += [
            Option(coldness_prompt(cold, width), id=str(cold.customer.id)) for cold in self._listed
        ]
        wanted = self.selection.customer
        with cold_list.prevent(OptionList.OptionHighlighted):
            cold_list.set_options(options)
            index = 0
            if wanted is not None:
                ids = [o.id for o in options]
                if str(wanted) in ids:
                    index = ids.index(str(wanted))
            cold_list.highlighted = index

    def _customer(self) -> Customer | None:
        if self.selection.customer is None or self.source is None:
            return None
        return self.source.customer(self.selection.customer)

    # --- the forecast -------------------------------------------------------------------------

    def load_forecast(self) -> None:
        """Ask the engine for the rest of the year, for the rep filter shown (in a thread)."""
        assert self.source is not None
        rep = self.selection.filters.rep
        if not self.source.has_forecast(rep):
            self._plan_in_thread(rep, self.kp.today())

    @work(thread=True, exclusive=True, group="heatmap-forecast")
    def _plan_in_thread(self, rep: str | None, today: date) -> None:
        worker = get_current_worker()
        app = self.kp
        try:
            gestures = forecast_plan(app.book, today, rep=rep, settings=app.plan_settings)
        except (BookError, ValidationError):
            # A book that cannot be read (damaged, gone) or a setting the engine refuses: no
            # forecast; the app shows the book's trouble itself. Races with the UI thread are
            # impossible: every read of the book holds its lock (tui/store/locked.py).
            gestures = ()
        if not worker.is_cancelled:
            self.post_message(ForecastReady(rep, gestures))

    @on(ForecastReady)
    def _forecast_ready(self, message: ForecastReady) -> None:
        if self.source is None or not self.is_attached:
            return
        self.source.set_forecast(message.rep, message.gestures)
        self.redraw()

    # --- messages -----------------------------------------------------------------------------

    def on_heatmap_grid_year_changed(self, message: HeatmapGrid.YearChanged) -> None:
        message.stop()
        self._show_year(message.year)

    def _show_year(self, year: int) -> None:
        if self.source is None:
            return
        grid_widget = self.query_one(HeatmapGrid)
        try:
            grid = self.source.grid(self.selection, year)
            grid_widget.holidays = self.source.holidays(self.selection, year)
        except BookError as error:
            self.kp.notify_error(describe(error))
            return
        grid_widget.grid = grid
        self._header()
        self._metrics()
        self._day()

    def on_heatmap_grid_cursor_moved(self, message: HeatmapGrid.CursorMoved) -> None:
        message.stop()
        if self.is_mounted:
            self._day()

    def on_heatmap_grid_day_selected(self, message: HeatmapGrid.DaySelected) -> None:
        message.stop()
        shown = self._read_day(message.day)
        if shown is not None:
            self.app.push_screen(DayEntriesScreen(shown))

    def on_option_list_option_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        message.stop()
        option_id = message.option.id
        customer = None if option_id in (None, ALL) else int(option_id)
        if customer != self.selection.customer:
            self.selection = Selection(self.selection.filters, customer)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.show_list = False
        self.query_one(HeatmapGrid).focus()

    # --- actions ------------------------------------------------------------------------------

    def action_back(self) -> None:
        if self.narrow and self.show_list:
            self.action_coldest()
            return
        self.dismiss(None)

    def action_year(self, delta: int) -> None:
        self.query_one(HeatmapGrid).action_change_year(delta)

    def _set_filters(self, filters: Filters) -> None:
        assert self.source is not None
        customer = self.selection.customer
        if customer is not None and customer not in self.source.chosen(filters):
            customer = None
        self.selection = Selection(filters, customer)

    def action_cycle_tier(self) -> None:
        filters = self.selection.filters
        step = TIER_STEPS.index((filters.tier, filters.prospects)) + 1
        tier, prospects = TIER_STEPS[step % len(TIER_STEPS)]
        self._set_filters(Filters(tier=tier, rep=filters.rep, prospects=prospects))

    def action_toggle_rep(self) -> None:
        filters = self.selection.filters
        rep = None if filters.rep is not None else self.kp.rep
        self._set_filters(Filters(tier=filters.tier, rep=rep, prospects=filters.prospects))

    def action_coldest(self) -> None:
        """Into the coldest list and back to the grid (at narrow widths the list replaces it)."""
        cold_list = self.query_one(ColdList)
        into_list = not cold_list.has_focus
        if self.narrow:
            self.show_list = into_list
        # set_focus at once (focus() waits a turn), so a key typed right after goes there
        self.set_focus(cold_list if into_list else self.query_one(HeatmapGrid))

    def action_open_customer(self) -> None:
        customer = self.selection.customer
        if customer is None:
            cold_list = self.query_one(ColdList)
            index = cold_list.highlighted
            if index is None or not cold_list.has_focus:
                return
            option_id = cold_list.get_option_at_index(index).id
            if option_id in (None, ALL):
                return
            customer = int(option_id)
        self.kp.action_open_customer(customer)
