"""One logged contact, whole: every field and the full note, however long.

Opened with Enter on a row of the customer's history; ``e`` corrects it in the log form, ``d``
deletes it (after a yes), and the gesture it answered is open again. ``u`` takes either back.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.app.actions import bindings
from tui.app.display import literal
from tui.app.screens.base import KpModal
from tui.domain.model import Contact
from tui.i18n import _, format_datetime
from tui.labels import contact_details
from tui.services import steering
from tui.textsafe import safe_text


class ContactView(KpModal[None]):
    """A contact with its full note; edit and delete from here."""

    CSS_PATH = "contact_view.tcss"

    BINDINGS: ClassVar[list[BindingType]] = bindings("contact")

    def __init__(self, contact: Contact) -> None:
        super().__init__()
        self.contact = contact

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="contact-dialog"):
            yield Static(id="contact-title", classes="dialog-title")
            yield Static(id="contact-facts")
            with VerticalScroll(id="contact-note-box"):
                yield Static(id="contact-note")
            yield Static(
                _("e edit · d delete · u undo · Esc back"), classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        self.show(self.contact)

    def show(self, contact: Contact) -> None:
        self.contact = contact
        customer = self.kp.customers_by_id.get(contact.customer)
        label = customer.label if customer else str(contact.customer)
        self.query_one("#contact-title", Static).update(
            Content.assemble(_("Contact #{id}").format(id=contact.id), " · ", literal(label))
        )
        facts = [format_datetime(contact.at), *contact_details(contact)]
        if contact.rep:
            facts.append(_("by {rep}").format(rep=contact.rep))
        if contact.gesture:
            facts.append(_("answered {key}").format(key=contact.gesture))
        self.query_one("#contact-facts", Static).update(literal(" · ".join(facts), "dim"))
        note = contact.note or _("(no note)")
        self.query_one("#contact-note", Static).update(Content(safe_text(note, one_line=False)))

    def action_edit(self) -> None:
        from tui.app.screens.log_form import LogForm

        def edited(saved: Contact | None) -> None:
            if saved is not None:
                self.show(saved)

        self.app.push_screen(LogForm(editing=self.contact), edited)

    def action_delete(self) -> None:
        from tui.app.screens.confirm import ConfirmDialog

        contact_id = self.contact.id
        if contact_id is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            removed = self.kp.steer(
                lambda book: steering.delete_contact(book, contact_id, rep=self.kp.rep)
            )
            if removed is not None:
                self.kp.say(_("Deleted contact #{id} (u brings it back)").format(id=contact_id))
                self.dismiss(None)

        question = _("Delete this contact? The gesture it answered is open again.")
        self.app.push_screen(ConfirmDialog(question), answered)

    def action_close(self) -> None:
        self.dismiss(None)
