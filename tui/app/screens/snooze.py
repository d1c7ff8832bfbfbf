"""Snooze to a date: a one-field dialog (``+1 day`` and ``+1 week`` need no dialog)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.app.actions import bindings
from tui.app.display import literal
from tui.app.screens.base import KpModal
from tui.domain.cadence import PlannedGesture
from tui.domain.calendar import calendar_for
from tui.domain.dates import parse_date
from tui.domain.model import ValidationError
from tui.i18n import _, format_date
from tui.services.holidays import customer_region


def proposed_day(today: date, region: str) -> date:
    """Two weeks ahead, on a business day of the customer's region (never a day off)."""
    return calendar_for(region).on_or_after(today + timedelta(days=14))


class SnoozeDialog(KpModal[date | None]):
    """Ask for the day the gesture should come back."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("snooze")

    def __init__(self, item: PlannedGesture) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        region = customer_region(self.item.customer, self.kp.plan_settings.region)
        suggestion = proposed_day(self.kp.today(), region)
        with Vertical(classes="dialog"):
            yield Static(_("Snooze until"), classes="dialog-title")
            yield Static(literal(self.item.customer.label))
            yield Input(format_date(suggestion), id="snooze-date", compact=True)
            yield Static(id="snooze-error", classes="field-error", markup=False)
            yield Static(_("Enter snoozes, Esc cancels."), classes="dialog-hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.query_one("#snooze-error", Static)
        today = self.kp.today()
        try:
            until = parse_date(event.value, field_name="date", today=today)
        except ValidationError as problem:
            error.update(str(problem))
            error.add_class("-shown")
            return
        if until <= today:
            error.update(_("Pick a day after today."))
            error.add_class("-shown")
            return
        self.dismiss(until)

    def action_cancel(self) -> None:
        self.dismiss(None)
