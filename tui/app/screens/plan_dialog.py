"""Plan a follow-up by hand ("call again on Thursday"): a day, a kind, a note.

The day is typed as a rep says it (``do``, ``fr``, ``morgen``, ``+3``, ``19.03.``) and the
dialog shows which day that is, and where it falls on a day off, the business day the plan
will use. The gesture shows on that day's list with its note and can be snoozed, skipped or
deleted like any other; ``u`` takes the planning back.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from tui.app.actions import bindings
from tui.app.display import literal
from tui.app.screens.base import KpModal
from tui.app.widgets.kind_select import KindSelect
from tui.domain.calendar import calendar_for
from tui.domain.followup import parse_future_day
from tui.domain.model import Customer, Gesture, Kind, Purpose, Reason, ValidationError, gesture_key
from tui.i18n import _, format_date
from tui.labels import purpose_label, weekday_short
from tui.messages import describe
from tui.services import steering
from tui.services.holidays import customer_region


def day_text(day: date) -> str:
    return f"{weekday_short(day.weekday())} {format_date(day)}"


class PlanDialog(KpModal[Gesture | None]):
    """Plan one gesture for a customer; dismisses with the stored gesture (None: cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("plan")

    def __init__(self, customer: Customer, kind: Kind = Kind.CALL) -> None:
        super().__init__()
        self.customer = customer
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Plan a follow-up"), classes="dialog-title")
            yield Static(literal(self.customer.label))
            with Horizontal(classes="form-row"):
                yield Label(_("Day"))
                yield Input(
                    placeholder=_("do, fr, morgen, +3, 19.03."), id="plan-day", compact=True
                )
            yield Static(id="plan-day-shown", markup=False)
            with Horizontal(classes="form-row"):
                yield Label(_("Kind"))
                yield KindSelect(self.kind, id="plan-kind")
            with Horizontal(classes="form-row"):
                yield Label(_("Purpose"))
                yield Select(
                    [(purpose_label(p), p) for p in Purpose],
                    value=Purpose.CARE,
                    allow_blank=False,
                    id="plan-purpose",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label(_("Note"))
                yield Input(placeholder=_("what to do"), id="plan-note", compact=True)
            yield Static(id="plan-error", classes="field-error", markup=False)
            yield Static(_("Enter saves · Esc cancels · Tab moves"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#plan-day", Input).focus()

    def chosen_day(self) -> tuple[date | None, str]:
        """The day typed, or None and why not."""
        text = self.query_one("#plan-day", Input).value
        if not text.strip():
            return None, _("Type the day: do, fr, morgen, +3, 19.03.")
        try:
            return parse_future_day(text, self.kp.today()), ""
        except ValidationError as error:
            return None, describe(error)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "plan-day":
            return
        day, _problem = self.chosen_day()
        shown = self.query_one("#plan-day-shown", Static)
        if day is None:
            shown.update("")
            return
        region = customer_region(self.customer, self.kp.plan_settings.region)
        business = calendar_for(region).on_or_after(day)
        text = Content.styled("→ " + day_text(day), "$success")
        if business != day:
            moved = _("a day off: planned for {day}").format(day=day_text(business))
            text = Content.assemble(text, ("  " + moved, "$text-warning"))
        shown.update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        error = self.query_one("#plan-error", Static)
        day, problem = self.chosen_day()
        if day is None or self.customer.id is None:
            error.update(problem)
            error.add_class("-shown")
            return
        kind = self.query_one("#plan-kind", KindSelect).value
        purpose = self.query_one("#plan-purpose", Select).value
        gesture = Gesture(
            gesture_key(self.customer.id, Reason.MANUAL, day),
            self.customer.id,
            Reason.MANUAL,
            day,
            kind=kind if isinstance(kind, Kind) else Kind.CALL,
            purpose=purpose if isinstance(purpose, Purpose) else Purpose.CARE,
            note=self.query_one("#plan-note", Input).value,
            rep=self.kp.rep,
        )
        saved = self.kp.steer(lambda book: steering.plan_gesture(book, gesture, rep=self.kp.rep))
        if saved is None:
            return
        self.kp.say(
            _("Planned for {day}: {customer}").format(
                day=day_text(day), customer=self.customer.label
            )
        )
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
