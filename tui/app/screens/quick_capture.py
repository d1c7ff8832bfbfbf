"""Quick capture: one line such as ``mueller call 10m care asked about the new line``.

The same syntax as ``kp log`` (``tui.domain.quicklog``); the customer completes as you type and
a preview shows how the line will be read before Enter logs it. A line that cannot be read or a
customer that is not unique is a notice, and the line stays for fixing.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from tui.app.actions import bindings
from tui.app.display import literal
from tui.app.screens.base import KpModal
from tui.app.widgets.customer_picker import FirstWordAutoComplete
from tui.domain.gifts import currency_for
from tui.domain.model import Contact, Customer
from tui.domain.quicklog import QuickLog, QuickLogError, match_customers, parse_quicklog
from tui.i18n import _, format_date, format_datetime, format_money
from tui.labels import kind_label, purpose_label, weekday_short
from tui.messages import describe
from tui.services.planning import answered_gesture

SHOWN_CANDIDATES = 12  # every candidate of an ordinary ambiguity; a hint to type more beyond


class QuickCaptureScreen(KpModal[Contact | None]):
    """The ``:`` line."""

    CSS_PATH = "quick_capture.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings("quick")

    def compose(self) -> ComposeResult:
        line = Input(
            placeholder=_("mueller call 10m care asked about the new line"),
            id="quick-line",
            compact=True,
        )
        with Vertical(classes="dialog", id="quick-dialog"):
            yield Static(_("Quick log"), classes="dialog-title")
            yield line
            yield Static(id="quick-preview")
            yield Static(
                _("customer kind purpose 10m 25€ @14.03. 10:30 won -- note · Enter logs"),
                classes="dialog-hint",
                markup=False,
            )
        yield FirstWordAutoComplete(line, self.kp.customers)

    def on_mount(self) -> None:
        self.query_one("#quick-line", Input).focus()
        self._preview("")

    def read(self, text: str) -> tuple[QuickLog | None, list[Customer], str]:
        """The parsed line, the customers it may mean, and a problem (empty when fine)."""
        try:
            quick = parse_quicklog(text, self.kp.today(), self.kp.now())
        except QuickLogError as error:
            return None, [], describe(error)
        found = match_customers(quick.customer_query, self.kp.customers())
        if not found:
            return quick, [], _("No customer matches {query}.").format(query=quick.customer_query)
        if len(found) > 1:
            names = "; ".join(c.label for c in found[:SHOWN_CANDIDATES])
            if len(found) > SHOWN_CANDIDATES:
                names += _(" and {n} more").format(n=len(found) - SHOWN_CANDIDATES)
            return (
                quick,
                found,
                _("{n} customers match: {names}").format(n=len(found), names=names),
            )
        return quick, found, ""

    def _preview(self, text: str) -> None:
        preview = self.query_one("#quick-preview", Static)
        if not text.strip():
            preview.update(Content.styled(_("Start with a customer."), "dim"))
            return
        quick, found, problem = self.read(text)
        if problem:
            preview.update(Content.assemble(("✗ ", "bold $error"), literal(problem, "$text-error")))
            return
        assert quick is not None
        parts: list[str | Content | tuple[str, str]] = [
            ("→ ", "bold $success"),
            literal(found[0].label, "bold"),
            ("  ", ""),
            (kind_label(quick.kind), "$accent"),
            (" · ", "dim"),
            (purpose_label(quick.purpose), "$accent"),
        ]
        if quick.won:
            parts += [(" · ", "dim"), (_("won"), "bold $success")]
        if quick.minutes is not None:
            parts += [(" · ", "dim"), (_("{n} min").format(n=quick.minutes), "")]
        if quick.amount is not None:
            parts += [(" · ", "dim"), (format_money(quick.amount, quick.currency or "EUR"), "")]
        if quick.giveaway:
            parts += [(" · ", "dim"), (_("giveaway"), "")]
        parts += [(" · ", "dim"), (format_datetime(quick.at), "")]
        if quick.follow_up is not None:
            day = f"{weekday_short(quick.follow_up.weekday())} {format_date(quick.follow_up)}"
            parts += [(" · ", "dim"), (_("next on {day}").format(day=day), "$accent")]
        if quick.note:
            parts += [("\n  ", ""), literal(quick.note, "italic")]
        preview.update(Content.assemble(*parts))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        quick, found, problem = self.read(event.value)
        if problem or quick is None:
            self.kp.notify_error(problem or _("Start with a customer."))
            return
        customer = found[0]
        assert customer.id is not None
        answered = answered_gesture(self.kp.plan.items, customer.id, quick.kind)
        contact = quick.contact(
            customer.id,
            rep=self.kp.rep,
            gesture=answered.key if answered else None,
            currency=currency_for(customer.region),
        )
        saved = self.kp.save_contact(contact, follow_up=quick.follow_up)
        if saved is None:
            return
        self.kp.say(
            _("Logged {kind} with {customer}").format(
                kind=kind_label(saved.kind), customer=customer.label
            )
        )
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
