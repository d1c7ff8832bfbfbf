"""What the heatmaps read from the book: read once, kept until the book changes.

On a team book, decoding a year of contacts is the slow part of a heatmap (bench/README.md has
the figures), counting them into a grid is cheap. So the screen asks this source, which keeps
each year's contacts, each (selection, year) grid, each filter's coldest ranking and the
forecast, and forgets all of it when the book changes (``forget``). No Textual here: the
screens own the drawing, this owns the reading.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from tui.domain.cadence import PlannedGesture
from tui.domain.coldness import Coldness, coldest
from tui.domain.heatmap import FIXED_THRESHOLDS, YearGrid, contact_grid
from tui.domain.model import Contact, Customer, Tier
from tui.domain.rules import customer_cadence
from tui.domain.settings import PlanSettings
from tui.services.holidays import (
    customer_holidays,
    customer_region,
    holiday_name,
    region_holidays,
)
from tui.store.errors import BookError

if TYPE_CHECKING:
    from tui.store.book import Book

YEARS_KEPT = 4
"""Years of decoded contacts kept (the shown year and its neighbours)."""


@dataclass(frozen=True)
class Filters:
    """Which customers the all-customers heatmap counts: a tier (None: all), a rep (None: the
    whole team), and customers or, apart from them, the prospects (Interessenten)."""

    tier: Tier | None = None
    rep: str | None = None
    prospects: bool = False


@dataclass(frozen=True)
class Selection:
    """What one grid shows: one customer, or every customer that passes ``filters``."""

    filters: Filters = Filters()
    customer: int | None = None


class HeatmapSource:
    """The book's contacts by year, grids by selection, the coldest ranking and the holidays."""

    def __init__(
        self,
        book: Book,
        settings: PlanSettings,
        today: date,
        customers: Callable[[], Mapping[int, Customer]] | None = None,
    ) -> None:
        self.book = book
        self._read_customers = customers
        self.settings = settings
        self.today = today
        self._customers: dict[int, Customer] | None = None
        self._years: dict[int, list[Contact]] = {}
        self._grids: dict[tuple[Selection, int], YearGrid] = {}
        self._chosen: dict[Filters, frozenset[int]] = {}
        self._coldest: dict[Filters, list[Coldness]] = {}
        self._last_seen: list[Contact] | None = None
        self._forecast: dict[str | None, tuple[PlannedGesture, ...]] = {}
        self._planned: dict[Selection, dict[date, list[PlannedGesture]]] = {}

    def forget(self, today: date | None = None) -> None:
        """The book (or the day) changed: read everything again when next asked."""
        if today is not None:
            self.today = today
        self._customers = None
        self._years.clear()
        self._grids.clear()
        self._chosen.clear()
        self._coldest.clear()
        self._last_seen = None
        self._forecast.clear()
        self._planned.clear()

    # -- customers ---------------------------------------------------------------------------
    def customers(self) -> dict[int, Customer]:
        """Active customers by id."""
        if self._customers is None:
            if self._read_customers is not None:
                known = list(self._read_customers().values())
            else:
                known = self.book.customers()
            self._customers = {c.id: c for c in known if c.id is not None and not c.archived}
        return self._customers

    def customer(self, customer_id: int) -> Customer | None:
        found = self.customers().get(customer_id)
        if found is None:
            try:
                found = self.book.customer(customer_id)  # archived: still has a history
            except BookError:
                return None
        return found

    def chosen(self, filters: Filters) -> frozenset[int]:
        """Ids of the active customers that pass ``filters``."""
        ids = self._chosen.get(filters)
        if ids is None:
            ids = frozenset(
                cid
                for cid, c in self.customers().items()
                if (filters.tier is None or c.tier is filters.tier)
                and (filters.rep is None or c.owner == filters.rep)
                and c.prospect is filters.prospects
            )
            self._chosen[filters] = ids
        return ids

    def owns_customers(self, rep: str) -> bool:
        return any(c.owner == rep for c in self.customers().values())

    # -- contacts ----------------------------------------------------------------------------
    def year_contacts(self, year: int) -> list[Contact]:
        """Every contact of ``year`` (all customers), by time."""
        found = self._years.get(year)
        if found is None:
            found = self.book.contacts(start=date(year, 1, 1), end=date(year, 12, 31))
            if len(self._years) >= YEARS_KEPT:
                self._years.pop(next(iter(self._years)))
            self._years[year] = found
        return found

    def contacts(self, selection: Selection, year: int) -> list[Contact]:
        """The selection's contacts of ``year``, by time."""
        if selection.customer is not None:
            if year in self._years:
                return [c for c in self._years[year] if c.customer == selection.customer]
            return self.book.contacts(
                selection.customer, start=date(year, 1, 1), end=date(year, 12, 31)
            )
        chosen = self.chosen(selection.filters)
        return [c for c in self.year_contacts(year) if c.customer in chosen]

    def day_contacts(self, selection: Selection, day: date) -> list[Contact]:
        """The selection's contacts of one day, by time (a bisect into the year's list)."""
        if selection.customer is not None and day.year not in self._years:
            return self.book.contacts(selection.customer, start=day, end=day)
        year = self.year_contacts(day.year)
        start = datetime.combine(day, time.min)
        low = bisect.bisect_left(year, start, key=lambda c: c.at)
        high = bisect.bisect_left(year, start + timedelta(days=1), key=lambda c: c.at)
        if selection.customer is not None:
            return [c for c in year[low:high] if c.customer == selection.customer]
        chosen = self.chosen(selection.filters)
        return [c for c in year[low:high] if c.customer in chosen]

    # -- grids -------------------------------------------------------------------------------
    def grid(self, selection: Selection, year: int) -> YearGrid:
        """The selection's grid of ``year``: fixed levels for one customer, scaled for many."""
        key = (selection, year)
        found = self._grids.get(key)
        if found is None:
            planned = self.planned(selection)
            if selection.customer is not None:
                found = contact_grid(
                    self.contacts(selection, year),
                    year,
                    forecast=planned,
                    thresholds=FIXED_THRESHOLDS,
                )
            else:
                found = contact_grid(
                    self.year_contacts(year),
                    year,
                    customers=self.chosen(selection.filters),
                    forecast=planned,
                )
            self._grids[key] = found
        return found

    # -- the forecast ------------------------------------------------------------------------
    def has_forecast(self, rep: str | None) -> bool:
        return rep in self._forecast

    def set_forecast(self, rep: str | None, gestures: Sequence[PlannedGesture]) -> None:
        """The engine's plan for ``rep`` (None: the team) arrived; grids are drawn again."""
        self._forecast[rep] = tuple(gestures)
        self._grids.clear()
        self._planned.clear()

    def _planned_by_day(self, selection: Selection) -> dict[date, list[PlannedGesture]]:
        found = self._planned.get(selection)
        if found is not None:
            return found
        gestures = self._forecast.get(selection.filters.rep)
        if gestures is None:
            gestures = self._forecast.get(None, ())
        if selection.customer is not None:
            keep: Collection[int] = {selection.customer}
        else:
            keep = self.chosen(selection.filters)
        found = {}
        for gesture in gestures:
            if gesture.customer.id in keep:
                found.setdefault(max(gesture.due, self.today), []).append(gesture)
        self._planned[selection] = found
        return found

    def planned(self, selection: Selection) -> list[date]:
        """Days of the selection's open planned gestures, one entry per gesture; an overdue
        gesture counts on today.

        Read from the plan of the selection's rep, or the team's plan narrowed to that rep.
        """
        return [day for day, gestures in self._planned_by_day(selection).items() for _ in gestures]

    def planned_on(self, selection: Selection, day: date) -> list[PlannedGesture]:
        """The selection's open planned gestures due on ``day`` (overdue ones: today)."""
        return self._planned_by_day(selection).get(day, [])

    # -- coldest -----------------------------------------------------------------------------
    def cadence_of(self, customer: Customer) -> int:
        return customer_cadence(customer, self.settings)

    def _last_contacts(self) -> list[Contact]:
        """Each active customer's last contact up to today (one per customer that has one).

        From this year's contacts (the grid has usually read them already; in the first four
        months the previous year's too), then one query each for customers silent since.
        """
        if self._last_seen is None:
            today = self.today
            years = [today.year - 1, today.year] if today.month <= 4 else [today.year]
            last: dict[int, Contact] = {}
            for year in years:
                for contact in self.year_contacts(year):
                    if contact.at.date() <= today:
                        last[contact.customer] = contact
            since = date(years[0], 1, 1)
            for cid in self.customers():
                if cid not in last:
                    older = self.book.contacts(cid, end=min(today, since - timedelta(days=1)))
                    if older:
                        last[cid] = older[-1]
            self._last_seen = list(last.values())
        return self._last_seen

    def coldest(self, filters: Filters, limit: int | None = None) -> list[Coldness]:
        """The filtered customers, longest silence against their cadence first."""
        ranked = self._coldest.get(filters)
        if ranked is None:
            customers = self.customers()
            ranked = coldest(
                [customers[cid] for cid in sorted(self.chosen(filters))],
                self._last_contacts(),
                self.today,
                self.cadence_of,
            )
            self._coldest[filters] = ranked
        return ranked if limit is None else ranked[:limit]

    # -- holidays ----------------------------------------------------------------------------
    def region(self, selection: Selection) -> str:
        """Whose public holidays the grid marks: the customer's (refined by the rep's), or
        the rep's/book's region for many."""
        default = self.settings.region
        if selection.customer is not None:
            customer = self.customer(selection.customer)
            if customer is not None:
                return customer_region(customer, default)
        return default

    def holidays(self, selection: Selection, year: int) -> frozenset[date]:
        """Public holidays of the selection in ``year``: the one customer's (their local ones
        too), else the rep's/book's region's."""
        if selection.customer is not None:
            customer = self.customer(selection.customer)
            if customer is not None:
                return customer_holidays(customer, self.settings.region, year)
        return region_holidays(self.settings.region, year)

    def holiday_name(self, selection: Selection, day: date, language: str) -> str:
        """The holiday's name on ``day`` in ``language`` (empty when it is none)."""
        return holiday_name(self.region(selection), day, language)
