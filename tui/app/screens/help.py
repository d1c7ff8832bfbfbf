"""Help: every key of the screen below and of the app, generated from the action registry.

Generated, not written, so a key remapped in the config file shows its new key here too.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.app.actions import BY_ID, bindings
from tui.app.screens.base import KpModal
from tui.i18n import _


def binding_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(key, description, id) for each of our active bindings, the screen's first, app's last.

    Our bindings are those of the action registry (Textual's own widget bindings, such as
    scrolling and copying, are left out); the keys are the active ones, so a key remapped in
    the config shows here, and the words are translated now, in the language shown.
    """
    app = screen.app
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    app_rows: list[tuple[str, str, str]] = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id not in BY_ID or not binding.description:
            continue
        key = app.get_key_display(binding)
        row = (key, _(binding.tooltip or binding.description), binding.id)
        if (key, binding.description) in seen:
            continue
        seen.add((key, binding.description))
        (app_rows if active.node is app else rows).append(row)
    return rows + app_rows


class HelpScreen(KpModal[None]):
    """The list of keys; Esc, ``?`` or ``q`` closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, under: Screen[object]) -> None:
        super().__init__(id="help")
        self.rows = binding_rows(under)

    def compose(self) -> ComposeResult:
        width = max([len("ctrl+p"), *(len(k) for k, _d, _i in self.rows)]) + 2
        lines = [
            Content.assemble((key.ljust(width), "bold $accent"), (description, ""))
            for key, description, _id in self.rows
        ]
        for key, description in (("↑ ↓", _("Move")), ("tab", _("Next field"))):
            lines.append(Content.assemble((key.ljust(width), "bold $accent"), description))
        with VerticalScroll(classes="dialog", id="help-dialog"):
            yield Static(_("Keys"), classes="dialog-title")
            yield Static(Content("\n").join(lines), id="help-keys")
            yield Static(
                _("Keys can be changed in the config file, section [keys], by binding id."),
                classes="dialog-hint",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)
