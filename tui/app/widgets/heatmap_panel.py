"""What goes around the heatmap grid: the metrics, the day under the cursor, a day's entries,
and the one-customer heatmap of the customer screen.

Every name, company and note is user text and goes through :func:`tui.app.display.literal`
(control characters made visible, never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui.app.display import literal
from tui.app.messages import CustomerOf, ShowDay
from tui.app.widgets.heatmap_grid import HeatmapGrid
from tui.domain.cadence import PlannedGesture
from tui.domain.heatmap import FIXED_THRESHOLDS, YearGrid, YearMetrics, contact_grid, year_metrics
from tui.domain.model import Contact, Customer, Status
from tui.heatmap_text import metric_rows
from tui.i18n import _, format_date, format_number, ngettext
from tui.labels import (
    contact_details,
    kind_label,
    purpose_label,
    reason_label,
    weekday_short,
    why_label,
)
from tui.messages import describe
from tui.services.holidays import customer_holidays
from tui.store.errors import BookError
from tui.textsafe import cut, safe_text

if TYPE_CHECKING:
    from tui.app.app import KundenpflegeApp


def metrics_content(metrics: YearMetrics, width: int) -> Content:
    """The metrics as aligned ``label  value`` lines, values cut to ``width``."""
    rows = metric_rows(metrics)
    label_width = max(len(label) for label, _value in rows) + 2
    lines = [
        Content.assemble(
            ((label + ":").ljust(label_width), "$text-muted"),
            (cut(value, max(4, width - label_width)), "bold" if i == 0 else ""),
        )
        for i, (label, value) in enumerate(rows)
    ]
    return Content("\n").join(lines)


def day_title(day: date) -> str:
    """``Mon 16.03.2026``."""
    return f"{weekday_short(day.weekday())} {format_date(day)}"


def _count_text(contacts: int, planned: int) -> str:
    parts = [ngettext("{n} contact", "{n} contacts", contacts).format(n=format_number(contacts))]
    if planned:
        parts.append(
            ngettext("{n} planned", "{n} planned", planned).format(n=format_number(planned))
        )
    return " · ".join(parts)


def day_heading(day: date, contacts: int, planned: int, holiday: str = "") -> Content:
    """The day, how many contacts and planned gestures, and its holiday's name if any."""
    parts: list[str | Content | tuple[str, str]] = [
        (day_title(day), "bold"),
        ("  ", ""),
        (_count_text(contacts, planned), "$text-muted" if not contacts else ""),
    ]
    if holiday:
        parts += [("  ", ""), literal(holiday, "$text-error")]
    return Content.assemble(*parts)


def _who(contact_customer: int, customer_of: CustomerOf | None) -> Content | None:
    if customer_of is None:
        return None
    customer = customer_of(contact_customer)
    return literal(customer.name if customer is not None else f"#{contact_customer}", "bold")


def contact_line(contact: Contact, width: int, customer_of: CustomerOf | None = None) -> Content:
    """One contact in one line: time, who (unless one customer), kind, purpose, note."""
    parts: list[str | Content | tuple[str, str]] = [(f"{contact.at:%H:%M} ", "$text-muted")]
    who = _who(contact.customer, customer_of)
    if who is not None:
        parts += [who, (" · ", "dim")]
    parts.append((f"{kind_label(contact.kind)} · {purpose_label(contact.purpose)}", "$accent"))
    if contact.won:
        parts.append((" ✓ " + _("won"), "$success"))
    if contact.note:
        parts += [(" · ", "dim"), literal(contact.note)]
    return _cut_content(Content.assemble(*parts), width)


def planned_line(gesture: PlannedGesture, width: int, one_customer: bool) -> Content:
    """A planned gesture of the day, faint like its cell: reason, kind, who."""
    parts: list[str | Content | tuple[str, str]] = [
        ("○ " + _("planned") + ": ", "$primary"),
        (f"{reason_label(gesture.reason)} · {kind_label(gesture.kind)}", ""),
    ]
    if not one_customer:
        parts += [(" · ", "dim"), literal(gesture.customer.name, "bold")]
    return _cut_content(Content.assemble(*parts), width)


def _cut_content(content: Content, width: int) -> Content:
    return content if content.cell_length <= width else content.truncate(width, ellipsis=True)


def day_summary(
    day: date,
    contacts: Sequence[Contact],
    planned: Sequence[PlannedGesture],
    *,
    width: int,
    height: int,
    holiday: str = "",
    customer_of: CustomerOf | None = None,
) -> Content:
    """The day under the cursor in at most ``height`` lines; the rest is counted, not shown."""
    lines = [day_heading(day, len(contacts), len(planned), holiday)]
    room = max(0, height - 1)
    total = len(contacts) + len(planned)
    shown = room if total <= room else max(0, room - 1)
    entries = [contact_line(c, width, customer_of) for c in contacts[:shown]]
    entries += [
        planned_line(g, width, customer_of is None) for g in planned[: shown - len(entries)]
    ]
    if total > shown:
        hidden = total - shown
        more = ngettext(
            "… {n} more · Enter lists the whole day",
            "… {n} more · Enter lists the whole day",
            hidden,
        ).format(n=format_number(hidden))
        entries.append(Content.styled(cut(more, width), "$text-muted"))
    return Content("\n").join(lines + entries)


def day_entries(
    contacts: Sequence[Contact],
    planned: Sequence[PlannedGesture],
    customer_of: CustomerOf | None = None,
) -> Content:
    """A day's log entries in full: a head line per contact, its whole note below."""
    blocks: list[Content] = []
    for contact in contacts:
        head: list[str | Content | tuple[str, str]] = [(f"{contact.at:%H:%M}  ", "bold")]
        if customer_of is not None:
            customer = customer_of(contact.customer)
            if customer is not None:
                head.append(literal(customer.label, "bold"))
            else:
                head.append((f"#{contact.customer}", "bold"))
            head.append(("\n       ", ""))
        head.append((" · ".join(contact_details(contact)), "$accent"))
        if contact.rep:
            head += [(" · ", "dim"), literal(contact.rep, "$text-muted")]
        block = [Content.assemble(*head)]
        if contact.note:
            for line in safe_text(contact.note, one_line=False).split("\n"):
                block.append(Content("       ") + Content(line))
        if contact.gesture:
            block.append(Content.styled("       " + _("answered a planned gesture"), "dim"))
        blocks.append(Content("\n").join(block))
    for gesture in planned:
        what: list[str | Content | tuple[str, str]] = [
            ("○ " + _("planned") + ": ", "$primary"),
            (f"{reason_label(gesture.reason)} · {kind_label(gesture.kind)}", ""),
        ]
        if customer_of is not None:
            what += [(" · ", "dim"), literal(gesture.customer.label, "bold")]
        why = Content("       ") + literal(why_label(gesture.why), "dim")
        blocks.append(Content("\n").join([Content.assemble(*what), why]))
    if not blocks:
        return Content.styled(_("No contacts on this day."), "$text-muted")
    return Content("\n\n").join(blocks)


def short_metrics(metrics: YearMetrics) -> str:
    """The few numbers that fit one line: contacts, longest silence, December share."""
    parts = [
        ngettext("{n} contact", "{n} contacts", metrics.contacts).format(
            n=format_number(metrics.contacts)
        )
    ]
    if metrics.longest_silence is not None:
        parts.append(
            _("longest silence {days} d ({start})").format(
                days=metrics.longest_silence.days,
                start=format_date(metrics.longest_silence.start),
            )
        )
    if metrics.december_share is not None:
        parts.append(
            _("December {percent} %").format(percent=format_number(metrics.december_share * 100))
        )
    return " · ".join(parts)


class CustomerHeatmap(Vertical):
    """One customer's year (fixed levels: one contact always looks the same) and a line below
    with the year's numbers and the day under the cursor. ``[``/``]`` switch the year, Enter
    lists the day. The forecast is the app's plan (today and its horizon) for this customer.
    """

    DEFAULT_CSS = """
    CustomerHeatmap {
        height: auto;
        padding: 0 1;
        & > #customer-heatmap-line { height: 1; color: $text-muted; }
        &.-compact > HeatmapGrid { height: 8; }
    }
    """
    COMPACT_BELOW = 40
    """Terminal lines under which only months and weekdays are shown (no today line, no
    legend), so the profile and some history still fit at 24 lines."""

    def __init__(
        self,
        customer: Customer,
        contacts_of_year: Callable[[int], Sequence[Contact]],
        *,
        today: date,
        planned: Sequence[PlannedGesture] = (),
        region: str = "DE",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.customer = customer
        self.contacts_of_year = contacts_of_year
        self.today = today
        self.planned = tuple(planned)
        self.default_region = region
        self._contacts: dict[int, list[Contact]] = {}

    def compose(self) -> ComposeResult:
        year = self.today.year
        yield HeatmapGrid(
            self._grid(year),
            today=self.today,
            holidays=customer_holidays(self.customer, self.default_region, year),
            id="customer-heatmap-grid",
        )
        yield Static(id="customer-heatmap-line")

    def on_mount(self) -> None:
        self._describe()

    def _fit(self) -> None:
        self.set_class(self.app.size.height < self.COMPACT_BELOW, "-compact")

    def _year(self, year: int) -> list[Contact]:
        found = self._contacts.get(year)
        if found is None:
            found = self._contacts[year] = list(self.contacts_of_year(year))
        return found

    def _grid(self, year: int) -> YearGrid:
        due = [max(g.due, self.today) for g in self.planned]
        return contact_grid(self._year(year), year, forecast=due, thresholds=FIXED_THRESHOLDS)

    def update_data(
        self, customer: Customer, *, today: date, planned: Sequence[PlannedGesture]
    ) -> None:
        """The book changed: read the shown year again."""
        self.customer, self.today, self.planned = customer, today, tuple(planned)
        self._contacts.clear()
        grid = self.query_one(HeatmapGrid)
        grid.today = today
        grid.grid = self._grid(grid.grid.year)
        self._describe()

    def _describe(self) -> None:
        self._fit()
        grid = self.query_one(HeatmapGrid)
        day = grid.cursor
        contacts = [c for c in self._year(day.year) if c.day == day]
        metrics = year_metrics(grid.grid, self.today)
        text = f"{grid.grid.year}: {short_metrics(metrics)}"
        if grid.has_focus:
            detail = day_title(day) + ": "
            detail += " · ".join(
                f"{kind_label(c.kind)} {purpose_label(c.purpose)} {safe_text(c.note)}".strip()
                for c in contacts
            ) or _("no contact")
            text = detail
        width = max(10, self.size.width - 2) if self.size.width else 76
        self.query_one("#customer-heatmap-line", Static).update(Content(cut(text, width)))

    def on_heatmap_grid_year_changed(self, message: HeatmapGrid.YearChanged) -> None:
        message.stop()
        grid = message.control
        grid.holidays = customer_holidays(self.customer, self.default_region, message.year)
        grid.grid = self._grid(message.year)
        self._describe()

    def on_heatmap_grid_cursor_moved(self, message: HeatmapGrid.CursorMoved) -> None:
        message.stop()
        self._describe()

    def on_descendant_focus(self) -> None:
        self._describe()

    def on_descendant_blur(self) -> None:
        self._describe()

    def on_heatmap_grid_day_selected(self, message: HeatmapGrid.DaySelected) -> None:
        """Enter on a day: ask the screen to show its entries (a widget opens no screen)."""
        message.stop()
        day = message.day
        contacts = [c for c in self._year(day.year) if c.day == day]
        planned = [g for g in self.planned if max(g.due, self.today) == day]
        self.post_message(ShowDay(day, contacts, planned, self.customer.label))


# -- on the customer screen ------------------------------------------------------------------------


def customer_heatmap_widgets(app: KundenpflegeApp, customer_id: int) -> Iterator[CustomerHeatmap]:
    """The customer screen's heatmap (nothing for an unknown customer)."""
    customer = app.customers_by_id.get(customer_id)
    if customer is None:
        return

    def contacts_of_year(year: int) -> list[Contact]:
        try:
            return app.book.contacts(customer_id, start=date(year, 1, 1), end=date(year, 12, 31))
        except BookError as error:
            app.notify_error(describe(error))
            return []

    yield CustomerHeatmap(
        customer,
        contacts_of_year,
        today=app.today(),
        planned=_planned_for(customer_id, app),
        region=app.plan_settings.region,
        id="customer-heatmap-panel",
    )


def refresh_customer_heatmap(app: KundenpflegeApp, customer_id: int, root: Widget) -> None:
    """After a book change: the customer's heatmap reads its year again."""
    customer = app.customers_by_id.get(customer_id)
    if customer is None:
        return
    for heatmap in root.query(CustomerHeatmap):
        heatmap.update_data(customer, today=app.today(), planned=_planned_for(customer_id, app))


def _planned_for(customer_id: int, app: KundenpflegeApp) -> list[PlannedGesture]:
    plan = app.plan
    return [
        g
        for g in (*plan.items, *plan.later)
        if g.customer.id == customer_id and g.status is Status.OPEN
    ]
