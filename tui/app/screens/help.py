"""Help: every key of the screen below and of the app, generated from the bindings.

Generated, not written, so a key remapped in the config file shows its new key here too.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.app.screens.base import KpModal
from tui.i18n import _

OUR_SCOPES = {
    "app",
    "today",
    "customer",
    "log",
    "quick",
    "customer_form",
    "snooze",
    "help",
    "heatmap",
    "plan",
    "contact",
}


def binding_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(key, description, id) for each of our active bindings, the screen's first, app's last.

    Textual's own widget bindings (scrolling, copying) are left out; the help ends with the
    few navigation keys every screen shares.
    """
    app = screen.app
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    app_rows: list[tuple[str, str, str]] = []
    for active in screen.active_bindings.values():
        binding = active.binding
        scope = (binding.id or "").split(".")[0]
        if not binding.description or scope not in OUR_SCOPES:
            continue
        key = app.get_key_display(binding)
        row = (key, binding.tooltip or binding.description, binding.id or "")
        if (key, binding.description) in seen:
            continue
        seen.add((key, binding.description))
        (app_rows if active.node is app else rows).append(row)
    return rows + app_rows


class HelpScreen(KpModal[None]):
    """The list of keys; Esc, ``?`` or ``q`` closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", _("Close"), id="help.close"),
        Binding("q", "close", _("Close"), show=False, id="help.quit"),
    ]

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
