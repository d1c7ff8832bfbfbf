"""One day's log entries in full, and what is planned that day (from either heatmap)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.app.actions import bindings
from tui.app.display import literal
from tui.app.screens.base import KpModal
from tui.app.widgets.heatmap_panel import CustomerOf, day_entries, day_heading, day_title
from tui.domain.cadence import PlannedGesture
from tui.domain.model import Contact


class DayEntriesScreen(KpModal[None]):
    """One day's log entries in full (every note whole), and what is planned that day."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("day_entries")

    def __init__(
        self,
        day: date,
        contacts: list[Contact],
        planned: list[PlannedGesture],
        *,
        subject: str,
        customer_of: CustomerOf | None = None,
        holiday: str = "",
    ) -> None:
        super().__init__(id="heatmap-day-entries")
        self.day = day
        self.contacts = contacts
        self.planned = planned
        self.subject = subject
        self.customer_of = customer_of
        self.holiday = holiday

    def compose(self) -> ComposeResult:
        customer_of = self.customer_of
        with VerticalScroll(classes="dialog", id="heatmap-day-dialog"):
            yield Static(
                Content.assemble(
                    literal(self.subject, "bold"), ("  ·  ", "dim"), day_title(self.day)
                ),
                classes="dialog-title",
            )
            yield Static(day_heading(self.day, len(self.contacts), len(self.planned), self.holiday))
            yield Static(
                day_entries(self.contacts, self.planned, customer_of), id="heatmap-day-entries-body"
            )

    def on_mount(self) -> None:
        self.query_one("#heatmap-day-dialog").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#heatmap-day-dialog", VerticalScroll).scroll_relative(
            y=lines, animate=False
        )

    def action_close(self) -> None:
        self.dismiss(None)
