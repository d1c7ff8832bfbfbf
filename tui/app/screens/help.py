"""Help: every key of the screen below and of the app, generated from the action registry.

Generated, not written, so a key remapped in the config file shows its new key here too.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.app.actions import BY_ID, bindings
from tui.app.screens.base import KpModal
from tui.i18n import _


def _screen_bindings(screen: Screen[object]) -> list[tuple[Binding, bool]]:
    """Every binding of the screen, (binding, belongs to the app): the active ones (remapped
    keys included), then those of widgets that do not have the focus now (the heatmap's grid
    while the coldest list has it), with the config's remapped key."""
    found = [
        (active.binding, active.node is screen.app) for active in screen.active_bindings.values()
    ]
    remapped: dict[str, str] = dict(getattr(getattr(screen.app, "config", None), "keys", {}) or {})
    for widget in [screen, *screen.query("*")]:
        for binding in getattr(type(widget), "BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id in remapped:
                binding = dataclasses.replace(binding, key=remapped[binding.id])
            if isinstance(binding, Binding):
                found.append((binding, False))
    return found


def binding_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(key, description, id) for each of our bindings on the screen, the app's last.

    Our bindings are those of the action registry (Textual's own widget bindings, such as
    scrolling and copying, are left out); a key remapped in the config shows here, and the
    words are translated now, in the language shown.
    """
    app = screen.app
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    app_rows: list[tuple[str, str, str]] = []
    for binding, of_app in _screen_bindings(screen):
        if binding.id not in BY_ID or not binding.description or binding.id in seen:
            continue
        seen.add(binding.id)
        key = app.get_key_display(binding)
        row = (key, _(binding.tooltip or binding.description), binding.id)
        (app_rows if of_app else rows).append(row)
    return rows + app_rows


class HelpScreen(KpModal[None]):
    """The list of keys; Esc, ``?`` or ``q`` closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
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
