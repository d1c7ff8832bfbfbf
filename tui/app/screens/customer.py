"""One customer: profile, what is coming up, the history, gifts this year and the purpose mix.

The container ``#customer-heatmap`` holds this customer's year heatmap.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from tui.app.actions import bindings
from tui.app.display import literal, literal_text
from tui.app.messages import ShowDay
from tui.app.screens.base import KpScreen, watch_book
from tui.app.screens.day_entries import DayEntriesScreen
from tui.app.widgets.footer import KpFooter
from tui.app.widgets.heatmap_grid import HeatmapGrid
from tui.app.widgets.heatmap_panel import customer_heatmap_widgets, refresh_customer_heatmap
from tui.domain.model import Contact, Customer, Purpose, Status
from tui.domain.quicklog import fold
from tui.gift_labels import budget_line
from tui.i18n import _, format_date, format_datetime, format_money
from tui.labels import kind_label, purpose_label, reason_label, tier_label
from tui.messages import describe
from tui.services import steering
from tui.services.customers import birthday_text, gift_year, purpose_mix
from tui.services.planning import customer_plan
from tui.store.errors import BookError
from tui.textsafe import cut

HISTORY_ROWS = 5  # rows of the history the screen keeps free, even at 80x24


def join_fitting(parts: list[str], width: int, used: int = 0) -> str:
    """``parts`` joined by `` · ``, breaking the line between parts (never inside one)."""
    text, column = "", used
    for part in parts:
        if text and column + 3 + len(part) > width:
            text, column = text + "\n", 0
        elif text:
            text, column = text + " · ", column + 3
        text, column = text + part, column + len(part)
    return text


class CustomerScreen(KpScreen[None]):
    """The profile of one customer."""

    CSS_PATH = "customer.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings("customer")

    def __init__(self, customer_id: int) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.history: list[Contact] = []

    @property
    def customer(self) -> Customer | None:
        return self.kp.customers_by_id.get(self.customer_id)

    def compose(self) -> ComposeResult:
        yield Static(id="customer-title")
        with Horizontal(id="customer-top"):
            yield Static(id="customer-profile")
            with Vertical(id="customer-side"):
                yield Static(id="customer-upcoming")
                yield Static(id="customer-gifts")
                yield Static(id="customer-mix")
        with Container(id="customer-heatmap"):
            yield from customer_heatmap_widgets(self.kp, self.customer_id)
        yield Input(placeholder=_("search the history"), id="history-search", compact=True)
        table: DataTable[object] = DataTable(id="history", cursor_type="row", zebra_stripes=False)
        yield table
        yield KpFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#history", DataTable)
        table.add_column(_("When"), key="at", width=16)
        table.add_column(_("Kind"), key="kind", width=9)
        table.add_column(_("Purpose"), key="purpose", width=8)
        table.add_column(_("Min"), key="minutes", width=4)
        table.add_column(_("Note"), key="note")
        self.query_one("#history-search", Input).display = False
        self.redraw()
        watch_book(self, self.redraw)
        table.focus()
        self.call_after_refresh(self._leave_room_for_history)

    # --- drawing -------------------------------------------------------------------------------

    def redraw(self) -> None:
        """Everything from the book again: after an action, another process, or a resize."""
        customer = self.customer
        if customer is None or customer.id is None:
            return
        try:
            with self.kp.reading() as book:
                self.history = list(reversed(book.contacts(customer.id)))
        except BookError as error:
            self.kp.notify_error(describe(error))
            return
        title = [literal(customer.name, "bold")]
        if customer.company:
            title += [Content.styled(" · ", "dim"), literal(customer.company)]
        title += [Content.styled(f"  {tier_label(customer.tier)}", "$accent")]
        if customer.archived:
            title += [Content.styled("  " + _("archived"), "bold $warning")]
        self.query_one("#customer-title", Static).update(Content.assemble(*title))
        self.query_one("#customer-profile", Static).update(self._profile(customer))
        self.query_one("#customer-upcoming", Static).update(self._upcoming(customer))
        self.query_one("#customer-gifts", Static).update(self._gifts(customer))
        self.query_one("#customer-mix", Static).update(self._mix())
        self._fill_history()
        refresh_customer_heatmap(self.kp, customer.id, self)

    def _profile(self, customer: Customer) -> Content:
        rows: list[tuple[str, str]] = [
            (_("Owner"), customer.owner),
            (_("Phone"), customer.phone),
            (_("E-mail"), customer.email),
            (_("Birthday"), birthday_text(customer.birthday)),
            (_("Founded"), format_date(customer.founded) if customer.founded else ""),
            (_("Since"), format_date(customer.since) if customer.since else ""),
            (_("Renewal"), format_date(customer.renewal) if customer.renewal else ""),
            (_("Region"), customer.region),
            (_("Status"), _("prospect") if customer.prospect else ""),
            (_("Tags"), ", ".join(customer.tags)),
            (
                _("Cadence"),
                _("{n} days").format(n=customer.cadence_days) if customer.cadence_days else "",
            ),
            (_("Notes"), customer.notes),
        ]
        shown = [(label, value) for label, value in rows if value]
        label_width = max((len(label) for label, _value in shown), default=8) + 1
        width = max(12, self.size.width // 2 - label_width - 4)
        lines = [
            Content.assemble((label.ljust(label_width), "dim"), literal(cut(value, width)))
            for label, value in shown
        ]
        return Content("\n").join(lines) if lines else Content.styled(_("No details yet."), "dim")

    def _upcoming(self, customer: Customer) -> Content:
        """This customer's gestures of today and the coming days, whoever owns them."""
        with self.kp.reading() as book:
            plan = customer_plan(book, customer, self.kp.today(), self.kp.plan_settings)
        items = [i for i in (*plan.items, *plan.later) if i.status is not Status.DONE]
        head = Content.styled(_("Coming up"), "bold")
        if not items:
            return Content("\n").join([head, Content.styled(_("nothing planned"), "dim")])
        lines = [head]
        for item in items[:4]:
            lines.append(
                Content.assemble(
                    (f"{format_date(item.due)} ", ""),
                    (reason_label(item.reason), "$accent"),
                    (" · ", "dim"),
                    (kind_label(item.kind), ""),
                )
            )
        return Content("\n").join(lines)

    def _gifts(self, customer: Customer) -> Content:
        """Gifts this year as the customer's country counts them, and the room left."""
        gifts = gift_year(self.history, customer, self.kp.today().year, self.kp.plan_settings.gifts)
        return Content.styled(budget_line(gifts.budget), "bold $warning" if gifts.over else "")

    def _mix(self) -> Content:
        mix = purpose_mix(self.history, self.kp.today())
        if not mix:
            return Content.assemble(
                (_("Mix (12 months)") + ": ", "bold"), (_("no contacts"), "dim")
            )
        head = _("Mix (12 months)") + ": "
        parts = [f"{purpose_label(p)} {mix[p]} %" for p in Purpose if mix[p]]
        width = max(20, self.size.width // 2 - 2)
        return Content.assemble((head, "bold"), join_fitting(parts, width, len(head)))

    def _fill_history(self) -> None:
        table = self.query_one("#history", DataTable)
        query = fold(self.query_one("#history-search", Input).value.strip())
        table.clear()
        note_width = max(12, self.size.width - 16 - 9 - 8 - 4 - 12)
        for contact in self.history:
            note = contact.note
            if contact.amount is not None:
                money = format_money(contact.amount, contact.currency or "EUR")
                note = f"{money} {note}".strip()
            if contact.won:
                note = f"✓ {_('won')} {note}".strip()
            searchable = " ".join(
                [note, kind_label(contact.kind), purpose_label(contact.purpose), contact.rep]
            )
            if query and query not in fold(searchable):
                continue
            table.add_row(
                literal_text(format_datetime(contact.at)),
                literal_text(kind_label(contact.kind)),
                literal_text(purpose_label(contact.purpose)),
                literal_text(str(contact.minutes) if contact.minutes is not None else ""),
                literal_text(cut(note, note_width)),
                key=str(contact.id),
            )
        if not self.history:
            table.add_row("", "", "", "", literal_text(_("No contacts yet."), "dim"))

    # --- actions -------------------------------------------------------------------------------

    def on_resize(self) -> None:
        if self.is_mounted:
            self.redraw()
            self.call_after_refresh(self._leave_room_for_history)

    def _leave_room_for_history(self) -> None:
        """The profile gives way (it scrolls) so the history keeps ``HISTORY_ROWS`` rows."""
        heatmap = self.query_one("#customer-heatmap").outer_size.height
        room = self.size.height - 1 - heatmap - 1 - 1 - HISTORY_ROWS  # title, header, footer
        self.query_one("#customer-top").styles.max_height = max(4, min(12, room))

    @on(ShowDay)
    def _show_day(self, message: ShowDay) -> None:
        message.stop()
        self.app.push_screen(DayEntriesScreen(message))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "history-search":
            self._fill_history()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "history-search":
            self.query_one("#history", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open_contact(event.row_key.value)

    def action_open_contact(self) -> None:
        table = self.query_one("#history", DataTable)
        if table.row_count:
            row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
            self._open_contact(row_key.value)

    def _open_contact(self, key: str | None) -> None:
        from tui.app.screens.contact_view import ContactView

        contact = next((c for c in self.history if str(c.id) == key), None)
        if contact is not None:
            self.app.push_screen(ContactView(contact))

    def action_year(self, delta: int) -> None:
        """``[``/``]`` wherever the focus is: the heatmap shows the previous or next year."""
        for grid in self.query(HeatmapGrid):
            grid.action_change_year(delta)

    def action_plan(self) -> None:
        from tui.app.screens.plan_dialog import PlanDialog

        if self.customer is not None:
            self.app.push_screen(PlanDialog(self.customer))

    def action_search(self) -> None:
        search = self.query_one("#history-search", Input)
        search.display = True
        search.focus()

    def action_back(self) -> None:
        search = self.query_one("#history-search", Input)
        if search.has_focus or search.value:
            search.value = ""
            search.display = False
            self.query_one("#history", DataTable).focus()
            return
        self.dismiss(None)

    def action_log(self) -> None:
        from tui.app.screens.log_form import LogForm

        customer = self.customer
        if customer is not None:
            gesture = next(
                (
                    i
                    for i in self.kp.plan.items
                    if i.customer.id == customer.id and i.status is Status.OPEN
                ),
                None,
            )
            self.app.push_screen(LogForm(customer=customer, gesture=gesture))

    def action_edit(self) -> None:
        from tui.app.screens.customer_form import CustomerForm

        if self.customer is not None:
            self.app.push_screen(CustomerForm(self.customer))

    def action_archive(self) -> None:
        from tui.app.screens.confirm import ConfirmDialog

        customer = self.customer
        if customer is None or customer.id is None or customer.archived:
            return
        customer_id = customer.id

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            archived = self.kp.steer(
                lambda book: steering.archive_customer(book, customer_id, rep=self.kp.rep)
            )
            if archived is None:
                return
            self.kp.say(_("Archived: {customer}").format(customer=customer.label))
            self.dismiss(None)

        question = _("Archive {customer}? They leave every plan; the history stays.").format(
            customer=customer.label
        )
        self.app.push_screen(ConfirmDialog(question), answered)
