"""One day's log entries in full, and what is planned that day (from either heatmap)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.app.actions import bindings
from tui.app.display import literal
from tui.app.messages import ShowDay
from tui.app.screens.base import KpModal
from tui.app.widgets.heatmap_panel import day_entries, day_heading, day_title


class DayEntriesScreen(KpModal[None]):
    """One day's log entries in full (every note whole), and what is planned that day."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("day_entries")

    def __init__(self, shown: ShowDay) -> None:
        super().__init__()
        self.shown = shown

    def compose(self) -> ComposeResult:
        shown = self.shown
        day, contacts, planned = shown.day, shown.contacts, shown.planned
        with VerticalScroll(classes="dialog", id="heatmap-day-dialog"):
            yield Static(
                Content.assemble(literal(shown.subject, "bold"), ("  ·  ", "dim"), day_title(day)),
                classes="dialog-title",
            )
            yield Static(day_heading(day, len(contacts), len(planned), shown.holiday))
            yield Static(
                day_entries(contacts, planned, shown.customer_of), id="heatmap-day-entries-body"
            )

    def on_mount(self) -> None:
        self.query_one("#heatmap-day-dialog").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#heatmap-day-dialog", VerticalScroll).scroll_relative(
            y=lines, animate=False
        )

    def action_close(self) -> None:
        self.dismiss(None)
