"""Today: the day's plan, most urgent first, and the keys to work through it.

Each gesture is one option of two lines (who and what; why), so the list reads well at 80
columns without a sideways scroll. Items that did not fit today follow under "Later this week".
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.actions import bindings
from tui.app.display import literal
from tui.app.screens.base import KpScreen, watch_book
from tui.app.widgets.footer import KpFooter
from tui.domain.cadence import PlannedGesture
from tui.domain.model import Reason, Status
from tui.i18n import _, format_date, ngettext
from tui.labels import (
    kind_label,
    purpose_label,
    reason_label,
    suggestion_text,
    urgency_lines,
    weekday_short,
    why_text,
)
from tui.services import steering

WEEK_DAYS = 6
"""The list shows what comes up in the next six days after today; the plan looks further."""


def gesture_prompt(item: PlannedGesture, *, later: bool = False) -> Content:
    """Two lines for one planned gesture; overdue ones marked with ``!`` (colour or not)."""
    done = item.status is Status.DONE
    overdue = item.overdue_days > 0 and not done
    customer = item.customer
    mark = "✓ " if done else ("! " if overdue else "  ")
    head_style = "strike dim" if done else ("bold" if overdue else "")
    parts: list[str | Content | tuple[str, str]] = [
        (mark, "bold $text-error" if overdue else "$success" if done else ""),
        literal(customer.name, f"bold {head_style}".strip()),
    ]
    if customer.company:
        parts += [(" · ", "dim"), literal(customer.company, head_style)]
    parts += [
        ("  ", ""),
        (
            f"{reason_label(item.reason)} · {kind_label(item.kind)}",
            "$accent" if not done else "dim",
        ),
    ]
    if later:
        parts.append((f"  {weekday_short(item.due.weekday())} {format_date(item.due)}", "dim"))
    first = Content.assemble(*parts)
    detail: list[str | Content | tuple[str, str]] = [("    ", "")]
    if overdue:
        late = ngettext("{n} day overdue", "{n} days overdue", item.overdue_days)
        detail += [(late.format(n=item.overdue_days), "bold $text-error"), (" · ", "dim")]
    detail.append(literal(why_text(item), "dim"))
    second = Content.assemble(*detail)
    return Content("\n").join([first, second])


def _section(title: str) -> Option:
    return Option(Content.styled(title, "bold $primary"), disabled=True)


def _first_start() -> list[Option]:
    """An empty book: say so, and the three ways in."""
    ways = (
        ("i", _("Import a file: a CSV from your CRM or Excel, a vCard file from Outlook")),
        ("n", _("Add a customer by hand")),
        ("kp --demo", _("Look around in a demo book first (q quits this one)")),
    )
    lines = [Option(Content.styled(_("Your book is empty. Three ways in:"), "bold"), disabled=True)]
    for key, text in ways:
        line = Content.assemble(("  ", ""), (key, "bold $accent"), ("  ", ""), (text, ""))
        lines.append(Option(line, disabled=True))
    return lines


class DueList(OptionList):
    """The gestures of the day; the option id is the gesture key."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("due_list")

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Show the highlighted gesture, and with the first one its heading, with the last one
        the lines after it (how many more come after this week): disabled lines the cursor
        never lands on, which End or Home would otherwise leave just out of view."""
        super().scroll_to_highlight(top)
        index = self.highlighted
        if index is None or not self.is_mounted:
            return
        if all(option.disabled for option in self.options[index + 1 :]):
            self.scroll_end(animate=False, immediate=True)
        elif all(option.disabled for option in self.options[:index]):
            self.scroll_home(animate=False, immediate=True)


class TodayScreen(KpScreen[None]):
    """The home screen."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("today")

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[str, PlannedGesture] = {}
        self._sections: dict[str, str] = {}
        self._why = False  # the detail shows why the gesture ranks where it does (``y``)

    def compose(self) -> ComposeResult:
        yield Static(id="today-header")
        yield DueList(id="due-list")
        yield Static(id="today-detail")
        yield KpFooter(compact=True)

    def on_mount(self) -> None:
        self.redraw()
        watch_book(self, self.redraw)
        self.query_one(DueList).focus()

    # --- drawing -----------------------------------------------------------------------------

    def redraw(self) -> None:
        """Header and list from the app's plan; the cursor stays on its gesture if it can."""
        plan = self.kp.plan
        open_items = [i for i in plan.items if i.status is not Status.DONE]
        planned = len(open_items) + plan.done_today
        scope = _("whole team") if self.kp.team else _("my plan")
        day = plan.today
        header = Content.assemble(
            (f"{weekday_short(day.weekday())} {format_date(day)}", "bold"),
            ("  ·  ", "dim"),
            literal(self.kp.rep),
            ("  ·  ", "dim"),
            (_("{done} of {planned} done").format(done=plan.done_today, planned=planned), "bold"),
            ("  ·  ", "dim"),
            (scope, "$accent"),
            (("  ·  " + _("DEMO")) if self.kp.demo else "", "bold $warning"),
        )
        self.query_one("#today-header", Static).update(header)
        due_list = self.query_one(DueList)
        previous = due_list.highlighted
        previous_key = (
            due_list.get_option_at_index(previous).id
            if previous is not None and previous < due_list.option_count
            else None
        )
        options: list[Option] = [_section(_("Today"))]
        self._items = {}
        for item in plan.items:
            self._items[item.key] = item
            options.append(Option(gesture_prompt(item), id=item.key))
        if not self.kp.customers_by_id:
            options += _first_start()
        elif not plan.items:
            options.append(
                Option(Content.styled(_("Nothing due today."), "dim italic"), disabled=True)
            )
        later = [i for i in plan.later if i.key not in self._items]
        week = [i for i in later if i.due <= day + timedelta(days=WEEK_DAYS)]
        if week:
            options.append(_section(_("Later this week")))
            for item in week:
                self._items[item.key] = item
                options.append(Option(gesture_prompt(item, later=True), id=item.key))
        if len(later) > len(week):  # a rep with hundreds of customers: the rest waits
            after = ngettext(
                "{n} more after this week", "{n} more after this week", len(later) - len(week)
            )
            text = after.format(n=len(later) - len(week))
            options.append(Option(Content.styled(text, "dim italic"), disabled=True))
        due_list.set_options(options)
        self._restore_highlight(due_list, previous_key, previous)
        self._show_detail()

    def _restore_highlight(self, due_list: DueList, key: str | None, index: int | None) -> None:
        """Keep the cursor on the same gesture while it stays where it was and open; when an
        action moved it (done, snoozed into "later"), the cursor goes to the next open one."""
        plan = self.kp.plan
        open_today = {i.key for i in plan.items if i.status is not Status.DONE}
        sections = {i.key: "today" for i in plan.items} | {
            i.key: "later" for i in plan.later if i.key not in open_today
        }
        if key is not None and key in self._items and key in sections:
            moved = index is not None and self._sections.get(key) != sections[key]
            if not moved and self._items[key].status is not Status.DONE:
                due_list.highlighted = due_list.get_option_index(key)
                self._sections = sections
                return
        self._sections = sections
        enabled = [
            i for i in range(due_list.option_count) if not due_list.get_option_at_index(i).disabled
        ]
        if not enabled:
            due_list.highlighted = None
            return
        start = index or 0
        waiting = [i for i in enabled if due_list.get_option_at_index(i).id in open_today]
        due_list.highlighted = next(
            (i for i in waiting if i >= start),
            waiting[-1] if waiting else next((i for i in enabled if i >= start), enabled[-1]),
        )

    def _show_detail(self) -> None:
        item = self.current()
        detail = self.query_one("#today-detail", Static)
        if item is None:
            detail.update("")
            return
        parts: list[str | Content | tuple[str, str]] = [
            (_("Idea") + ": ", "bold"),
            literal(suggestion_text(item.suggestion)),
            ("  ·  ", "dim"),
            (purpose_label(item.purpose), ""),
            ("  ·  ", "dim"),
            (_("due {date}").format(date=format_date(item.due)), ""),
        ]
        if item.occasion != item.due:
            parts += [
                ("  ·  ", "dim"),
                (_("for {date}").format(date=format_date(item.occasion)), ""),
            ]
        shown = Content.assemble(*parts)
        if self._why:
            heading = Content.styled(_("Why it ranks here:"), "bold")
            lines = [Content("  " + line) for line in urgency_lines(item)]
            shown = Content("\n").join([shown, heading, *lines])
        detail.update(shown)

    def action_why(self) -> None:
        """Show (or hide again) the parts of the highlighted gesture's urgency below the list."""
        self._why = not self._why
        self.query_one("#today-detail", Static).set_class(self._why, "-why")
        self._show_detail()

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_log()

    # --- acting on the highlighted gesture ---------------------------------------------------

    def current(self) -> PlannedGesture | None:
        due_list = self.query_one(DueList)
        option = due_list.highlighted_option
        if option is None or option.id is None:
            return None
        return self._items.get(option.id)

    def _open_current(self, *, done_ok: bool = False) -> PlannedGesture | None:
        """The highlighted gesture if it can still be acted on (a notice when not)."""
        item = self.current()
        if item is None:
            self.notify(_("Nothing selected."), severity="warning")
            return None
        if item.status is Status.DONE and not done_ok:
            self.notify(_("Already done today."), severity="warning")
            return None
        return item

    def action_log(self) -> None:
        from tui.app.screens.log_form import LogForm

        item = self._open_current(done_ok=True)
        if item is not None:
            self.app.push_screen(LogForm(customer=item.customer, gesture=item))

    def action_done(self) -> None:
        item = self._open_current()
        if item is not None and self.kp.set_state(item, Status.DONE):
            self.kp.say(_("Done: {customer}").format(customer=item.customer.label))

    def _snooze(self, days: int) -> None:
        item = self._open_current()
        if item is not None:
            self.snooze_until(item, self.kp.today() + timedelta(days=days))

    def snooze_until(self, item: PlannedGesture, until: object) -> None:
        from datetime import date

        assert isinstance(until, date)
        if self.kp.set_state(item, Status.SNOOZED, until=until):
            self.kp.say(
                _("Snoozed {customer} until {date}").format(
                    customer=item.customer.label, date=format_date(until)
                )
            )

    def action_snooze_day(self) -> None:
        self._snooze(1)

    def action_snooze_week(self) -> None:
        self._snooze(7)

    def action_snooze_date(self) -> None:
        from tui.app.screens.snooze import SnoozeDialog

        item = self._open_current()
        if item is None:
            return

        def chosen(until: object) -> None:
            if until is not None:
                self.snooze_until(item, until)

        self.app.push_screen(SnoozeDialog(item), chosen)

    def action_skip(self) -> None:
        item = self._open_current()
        if item is not None and self.kp.set_state(item, Status.SKIPPED):
            self.kp.say(_("Skipped: {customer}").format(customer=item.customer.label))

    def action_plan(self) -> None:
        from tui.app.screens.plan_dialog import PlanDialog

        item = self._open_current(done_ok=True)
        if item is not None:
            self.app.push_screen(PlanDialog(item.customer, item.kind))

    def action_delete_planned(self) -> None:
        item = self._open_current(done_ok=True)
        if item is None:
            return
        if item.reason is not Reason.MANUAL:
            self.notify(
                _("Only a gesture planned by hand can be deleted; x skips this one."),
                severity="warning",
            )
            return
        deleted = self.kp.steer(
            lambda book: steering.delete_planned(book, item.key, rep=self.kp.rep)
        )
        if deleted is not None:
            self.kp.say(_("Deleted: {customer}").format(customer=item.customer.label))

    def action_open_customer(self) -> None:
        item = self._open_current(done_ok=True)
        if item is not None and item.customer.id is not None:
            self.kp.action_open_customer(item.customer.id)

    def action_toggle_team(self) -> None:
        self.kp.action_toggle_team()
