"""A yes/no question (archiving a customer)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tui.app.actions import bindings
from tui.app.display import literal
from tui.app.screens.base import KpModal
from tui.i18n import _


class ConfirmDialog(KpModal[bool]):
    """``y`` confirms, ``n`` or Esc declines."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("confirm")

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(literal(self.question))
            yield Static(_("y = yes · n = no"), classes="dialog-hint", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
