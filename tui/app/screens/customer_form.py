"""Add or edit a customer: every field, checked before saving, errors marked at the field."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Label, Select, Static

from tui.app.actions import bindings
from tui.app.screens.base import ActionFailed, DialogBody, FormDialog
from tui.domain.dates import parse_birthday, parse_date
from tui.domain.model import Customer, Tier, ValidationError
from tui.domain.regions import validate_known_region
from tui.i18n import _, format_date
from tui.labels import tier_label
from tui.messages import describe
from tui.services.customers import birthday_text

TEXT_FIELDS = ("name", "company", "owner", "phone", "email", "region", "tags", "notes")
DATE_FIELDS = ("founded", "since", "renewal")


class CustomerForm(FormDialog[Customer]):
    """A new customer (``customer`` None) or changes to one; dismisses with the saved one."""

    CSS_PATH = "customer_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings("customer_form")

    def __init__(self, customer: Customer | None) -> None:
        super().__init__()
        self.customer = customer

    def _input(self, name: str, label: str, value: str, placeholder: str = "") -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(label)
            yield Input(value, placeholder=placeholder, id=f"cf-{name}", compact=True)
        yield Static(id=f"error-{name}", classes="field-error", markup=False)

    def compose(self) -> ComposeResult:
        c = self.customer
        title = _("New customer") if c is None else _("Edit customer")
        with DialogBody(classes="dialog", id="customer-form-dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            yield from self._input("name", _("Name"), c.name if c else "", _("contact person"))
            yield from self._input("company", _("Company"), c.company if c else "")
            with Horizontal(classes="form-row"):
                yield Label(_("Tier"))
                yield Select(
                    [(tier_label(t), t) for t in Tier],
                    value=c.tier if c else Tier.B,
                    allow_blank=False,
                    id="cf-tier",
                    compact=True,
                )
                yield Checkbox(
                    _("prospect"), c.prospect if c else False, id="cf-prospect", compact=True
                )
            yield from self._input(
                "owner", _("Owner"), c.owner if c else self.kp.rep, _("rep login")
            )
            yield from self._input("phone", _("Phone"), c.phone if c else "")
            yield from self._input("email", _("E-mail"), c.email if c else "")
            yield from self._input(
                "birthday", _("Birthday"), birthday_text(c.birthday if c else None), "14.03."
            )
            for name, label in (
                ("founded", _("Founded")),
                ("since", _("Since")),
                ("renewal", _("Renewal")),
            ):
                value = getattr(c, name) if c else None
                yield from self._input(
                    name, label, format_date(value) if value else "", "14.03.2026"
                )
            yield from self._input("region", _("Region"), c.region if c else "DE", "DE-BY")
            yield from self._input("tags", _("Tags"), ", ".join(c.tags) if c else "", "wine, golf")
            yield from self._input(
                "cadence_days",
                _("Cadence"),
                str(c.cadence_days) if c and c.cadence_days else "",
                _("days (empty: by tier)"),
            )
            yield from self._input("notes", _("Notes"), c.notes if c else "")
            yield Static(
                _("Enter saves · Esc cancels · Tab moves"), classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#cf-name", Input).focus()

    def _value(self, name: str) -> str:
        return self.query_one(f"#cf-{name}", Input).value.strip()

    def build_customer(self) -> Customer | None:
        """The customer the form describes, or None with every wrong field marked."""
        for name in (*TEXT_FIELDS, *DATE_FIELDS, "birthday", "cadence_days"):
            self._mark(name, None)
        values: dict[str, Any] = {name: self._value(name) for name in TEXT_FIELDS}
        values["notes"] = self.query_one("#cf-notes", Input).value
        values["tags"] = tuple(t.strip() for t in self._value("tags").split(",") if t.strip())
        tier = self.query_one("#cf-tier", Select).value
        values["tier"] = tier if isinstance(tier, Tier) else Tier.B
        values["prospect"] = self.query_one("#cf-prospect", Checkbox).value
        today = self.kp.today()
        birthday = self._value("birthday")
        try:
            values["birthday"] = parse_birthday(birthday) if birthday else None
        except ValidationError as error:
            self._mark("birthday", describe(error))
        for name in DATE_FIELDS:
            text = self._value(name)
            try:
                values[name] = parse_date(text, field_name=name, today=today) if text else None
            except ValidationError as error:
                self._mark(name, describe(error))
        try:  # the holiday data must know the region, or every plan would guess
            values["region"] = validate_known_region(values["region"])
        except ValidationError as error:
            self._mark("region", describe(error))
        cadence = self._value("cadence_days")
        if cadence:
            try:
                values["cadence_days"] = int(cadence)
            except ValueError:
                self._mark("cadence_days", _("Cadence must be a whole number of days."))
        else:
            values["cadence_days"] = None
        # Check field by field, so every wrong field is marked at once, not only the first.
        probe = Customer(name="probe")
        for name, value in values.items():
            if name in self.errors:
                continue
            try:
                dataclasses.replace(probe, **{name: value})
            except ValidationError as error:
                self._mark(name, describe(error))
        if self.errors:
            return None
        try:
            return dataclasses.replace(self.customer or probe, **values)
        except ValidationError as error:
            self._mark(error.field if error.field in values else "name", describe(error))
            return None

    def action_save(self) -> None:
        customer = self.build_customer()
        if customer is None:
            return
        try:
            with self.kp.book_action():
                if self.customer is None:
                    saved = self.kp.book.add_customer(customer)
                else:
                    saved = self.kp.book.update_customer(customer)
        except ActionFailed:
            return
        self.kp.say(_("Saved: {customer}").format(customer=saved.label))
        self.dismiss(saved)
