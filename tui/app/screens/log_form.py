"""The log form: one contact with a customer, prefilled from the gesture it answers.

Enter saves, Esc cancels, Tab moves. Every field is checked before anything is written; a wrong
field shows its reason right below it. Opened from a gesture the cursor starts in the note, so
"log, type the note, Enter" is the whole job.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from decimal import Decimal
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select, Static

from tui.app.actions import bindings
from tui.app.display import literal
from tui.app.screens.base import DialogBody, FormDialog
from tui.app.widgets.customer_picker import CustomerAutoComplete
from tui.app.widgets.kind_select import KindSelect
from tui.domain.cadence import PlannedGesture
from tui.domain.dates import parse_datetime
from tui.domain.gifts import currency_for
from tui.domain.model import Contact, Customer, Kind, Purpose, ValidationError, parse_amount
from tui.domain.quicklog import match_customers
from tui.i18n import _, format_datetime, format_money
from tui.labels import kind_label, purpose_label, reason_label, why_label
from tui.messages import describe
from tui.services import steering
from tui.services.planning import answered_gesture
from tui.store.errors import BookError

Choice = TypeVar("Choice", Kind, Purpose)

FIELDS = ("customer", "kind", "purpose", "minutes", "at", "gift", "note")


def _choice(options: list[tuple[str, Choice]], value: Choice, id: str) -> Select[Choice]:
    return Select(options, value=value, allow_blank=False, id=id, compact=True)


class LogForm(FormDialog[Contact]):
    """Log one contact; dismisses with the saved contact (None when cancelled)."""

    CSS_PATH = "log_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings("log")

    def __init__(
        self,
        *,
        customer: Customer | None = None,
        gesture: PlannedGesture | None = None,
        editing: Contact | None = None,
    ) -> None:
        """A new contact (for ``customer``, answering ``gesture``), or ``editing`` corrected."""
        super().__init__()
        self.editing = editing
        self.customer = customer
        self.gesture = gesture
        self._previous: dict[int, list[Contact]] = {}

    # --- layout -------------------------------------------------------------------------------

    def _row(
        self, label: str, *widgets: Input | Select[Kind] | Select[Purpose] | Checkbox
    ) -> Horizontal:
        return Horizontal(Label(label), *widgets, classes="form-row")

    def _error(self, name: str) -> Static:
        return Static(id=f"error-{name}", classes="field-error", markup=False)

    def compose(self) -> ComposeResult:
        gesture, editing = self.gesture, self.editing
        if editing is not None and self.customer is None:
            self.customer = self.kp.customers_by_id.get(editing.customer)
        kind = editing.kind if editing else gesture.kind if gesture else Kind.CALL
        purpose = editing.purpose if editing else gesture.purpose if gesture else Purpose.CARE
        moment = editing.at if editing else self.kp.now()
        customer_input = Input(
            self.customer.label if self.customer else "",
            placeholder=_("name, company or id"),
            id="log-customer",
            compact=True,
        )
        with DialogBody(classes="dialog", id="log-dialog"):
            title = Content(_("Log a contact"))
            if editing is not None:
                title = Content(_("Correct contact #{id}").format(id=editing.id))
            elif gesture is not None:
                title = Content.assemble(
                    _("Log a contact"),
                    " · ",
                    reason_label(gesture.reason),
                    " · ",
                    literal(why_label(gesture.why), "not bold $text-muted"),
                )
            yield Static(title, classes="dialog-title")
            yield self._row(_("Customer"), customer_input)
            yield Static(id="log-customer-match", classes="field-hint")
            yield self._error("customer")
            yield self._row(_("Kind"), KindSelect(kind, id="log-kind"))
            yield self._row(
                _("Purpose"),
                _choice([(purpose_label(p), p) for p in Purpose], purpose, "log-purpose"),
                Checkbox(_("won"), editing.won if editing else False, id="log-won", compact=True),
            )
            yield self._error("purpose")
            yield self._row(
                _("Minutes"),
                Input(placeholder="10", id="log-minutes", compact=True, type="integer"),
            )
            yield self._error("minutes")
            yield self._row(_("When"), Input(format_datetime(moment), id="log-at", compact=True))
            yield self._error("at")
            yield self._row(
                _("Gift (net)"),
                Input(placeholder="25,00", id="log-gift", compact=True),
                Checkbox(_("giveaway"), id="log-giveaway", compact=True),
            )
            yield Static(id="log-gift-check", markup=False)
            yield self._error("gift")
            yield self._row(
                _("Note"), Input(placeholder=_("what was said"), id="log-note", compact=True)
            )
            yield self._error("note")
            yield Static(
                _("Enter saves · Esc cancels · Tab moves"), classes="dialog-hint", markup=False
            )
        yield CustomerAutoComplete(customer_input, self.kp.customers)

    def on_mount(self) -> None:
        if self.editing is not None:
            editing = self.editing
            minutes = "" if editing.minutes is None else str(editing.minutes)
            self.query_one("#log-minutes", Input).value = minutes
            gift = "" if editing.amount is None else f"{editing.amount:.2f}".replace(".", ",")
            self.query_one("#log-gift", Input).value = gift
            self.query_one("#log-note", Input).value = editing.note
        self._update_visibility()
        self._show_customer_match()
        if self.gesture is not None and self.gesture.kind is Kind.GIFT:
            self.query_one("#log-gift", Input).focus()  # a gift: its value first, then the note
        elif self.customer is not None:
            self.query_one("#log-note", Input).focus()
        else:
            self.query_one("#log-customer", Input).focus()

    # --- live feedback ------------------------------------------------------------------------

    def _kind(self) -> Kind:
        value = self.query_one("#log-kind", Select).value
        return value if isinstance(value, Kind) else Kind.CALL

    def _purpose(self) -> Purpose:
        value = self.query_one("#log-purpose", Select).value
        return value if isinstance(value, Purpose) else Purpose.CARE

    def _update_visibility(self) -> None:
        is_gift = self._kind() is Kind.GIFT
        self.query_one("#log-gift", Input).parent.display = is_gift  # type: ignore[union-attr]
        self.query_one("#log-gift-check", Static).display = is_gift
        self.query_one("#log-won", Checkbox).display = self._purpose() is Purpose.SALES
        self._show_gift_check()

    @on(Select.Changed)
    def _select_changed(self, _event: Select.Changed) -> None:
        self._update_visibility()

    @on(Input.Changed, "#log-customer")
    def _customer_typed(self, _event: Input.Changed) -> None:
        self._show_customer_match()
        self._show_gift_check()

    @on(Input.Changed, "#log-gift")
    @on(Checkbox.Changed, "#log-giveaway")
    def _gift_typed(self, _event: Input.Changed | Checkbox.Changed) -> None:
        self._show_gift_check()

    def resolve_customer(self) -> tuple[Customer | None, str]:
        """The customer the field names, or None and why not."""
        text = self.query_one("#log-customer", Input).value.strip()
        if not text:
            return None, _("Pick a customer.")
        customers = self.kp.customers()
        if self.customer is not None and text == self.customer.label:
            return self.customer, ""
        by_label = [c for c in customers if c.label == text]
        if len(by_label) == 1:
            return by_label[0], ""
        found = match_customers(text, customers)
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, _("No customer matches this.")
        return None, _("{n} customers match; type more of the name.").format(n=len(found))

    def _show_customer_match(self) -> None:
        hint = self.query_one("#log-customer-match", Static)
        customer, _problem = self.resolve_customer()
        text = self.query_one("#log-customer", Input).value.strip()
        if customer is not None and text != customer.label:
            hint.update(Content.assemble(("→ ", "$success"), literal(customer.label)))
            hint.display = True
        else:
            hint.update("")
            hint.display = False

    def _gift_amount(self) -> Decimal | None:
        text = self.query_one("#log-gift", Input).value.strip().replace("€", "")
        text = re.sub(r"(?i)chf|eur", "", text).strip()
        return parse_amount(text) if text else None

    def _show_gift_check(self) -> None:
        """The tax-limit warning, live, before anything is saved."""
        box = self.query_one("#log-gift-check", Static)
        box.remove_class("-warning")
        if self._kind() is not Kind.GIFT:
            box.update("")
            return
        customer, _problem = self.resolve_customer()
        try:
            amount = self._gift_amount()
        except ValidationError:
            amount = None
        if customer is None or customer.id is None or amount is None:
            box.update("")
            return
        from tui.domain.gifts import check_gift
        from tui.gift_labels import gift_check_text

        year = self._moment_or_now().year
        previous = self._previous.get(customer.id)
        if previous is None:  # read once per customer: a team book's log is large
            try:
                with self.kp.reading() as book:
                    previous = book.contacts(customer.id)
            except BookError:  # the warning is advice; saving reports book errors
                previous = []
            self._previous[customer.id] = previous
        check = check_gift(
            previous,
            amount,
            year,
            customer.region,
            settings=self.kp.plan_settings.gifts,
            giveaway=self.query_one("#log-giveaway", Checkbox).value,
        )
        box.update(gift_check_text(check))
        box.set_class(check.warn, "-warning")

    def _moment_or_now(self) -> datetime:
        try:
            return parse_datetime(
                self.query_one("#log-at", Input).value, field_name="at", today=self.kp.today()
            )
        except ValidationError:
            return self.kp.now()

    # --- saving -------------------------------------------------------------------------------

    def build_contact(self) -> Contact | None:
        """The contact the form describes, or None with every wrong field marked."""
        for name in FIELDS:
            if name not in ("kind",):
                self._mark(name, None)
        customer, problem = self.resolve_customer()
        self._mark("customer", problem or None)
        minutes_text = self.query_one("#log-minutes", Input).value.strip()
        minutes: int | None = None
        if minutes_text:
            try:
                minutes = int(minutes_text)
            except ValueError:
                self._mark("minutes", _("Minutes must be a whole number."))
            else:
                if not 0 <= minutes <= 24 * 60:
                    self._mark("minutes", _("Minutes must be between 0 and 1440."))
        at: datetime | None = None
        try:
            at = parse_datetime(
                self.query_one("#log-at", Input).value, field_name="at", today=self.kp.today()
            )
        except ValidationError as error:
            self._mark("at", describe(error))
        if at is not None and at.date() > self.kp.today():
            self._mark("at", _("This is in the future; log what has happened."))
        gift: Decimal | None = None
        if self._kind() is Kind.GIFT:
            try:
                gift = self._gift_amount()
            except ValidationError as error:
                self._mark("gift", describe(error))
        won = self.query_one("#log-won", Checkbox).value and self._purpose() is Purpose.SALES
        if self.errors or customer is None or customer.id is None or at is None:
            return None
        try:
            return Contact(
                customer=customer.id,
                at=at,
                kind=self._kind(),
                purpose=self._purpose(),
                minutes=minutes,
                note=self.query_one("#log-note", Input).value,
                rep=self.kp.rep,
                amount=gift,
                currency=currency_for(customer.region) if gift is not None else None,
                giveaway=self._kind() is Kind.GIFT
                and self.query_one("#log-giveaway", Checkbox).value,
                won=won,
                gesture=self._gesture_key(customer),
            )
        except ValidationError as error:
            field = error.field if error.field in FIELDS else "note"
            self._mark("gift" if field in ("amount", "currency") else field, describe(error))
            return None

    def _gesture_key(self, customer: Customer) -> str | None:
        """The gesture this contact answers: the one the form was opened for while the customer
        is still the same, else the one of today's plan that quick log would pick."""
        if self.editing is not None:
            return self.editing.gesture if self.editing.customer == customer.id else None
        if self.gesture is not None and self.gesture.customer.id == customer.id:
            return self.gesture.key
        assert customer.id is not None
        answered = answered_gesture(self.kp.plan.items, customer.id, self._kind())
        return answered.key if answered is not None else None

    def action_save(self) -> None:
        contact = self.build_contact()
        if contact is None:
            return
        editing = self.editing
        if editing is not None:
            corrected = dataclasses.replace(
                contact,
                id=editing.id,
                rep=editing.rep,
                giveaway=editing.giveaway and contact.kind is Kind.GIFT,
            )
            saved = self.kp.steer(
                lambda book: steering.edit_contact(book, corrected, rep=self.kp.rep)
            )
        else:
            saved = self.kp.save_contact(contact)
        if saved is None:
            return
        customer = self.kp.customers_by_id.get(saved.customer)
        label = customer.label if customer else str(saved.customer)
        done = (
            _("Corrected {kind} with {customer}") if editing else _("Logged {kind} with {customer}")
        )
        message = done.format(kind=kind_label(saved.kind), customer=label)
        if saved.amount is not None:
            message += f" ({format_money(saved.amount, saved.currency or 'EUR')})"
        self.kp.say(message)
        self.dismiss(saved)
