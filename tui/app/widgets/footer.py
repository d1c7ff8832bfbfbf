"""The footer, with the labels of the action registry translated as they are shown.

At 80 columns (and in German, whose labels are longer) all the keys of a screen do not fit in
one line; Textual's footer then cuts the last one in the middle ("Heatma▏"). Ours leaves out
whole keys from the end instead, keeping Help (which lists them all) and the palette's key,
and lays itself out again when the terminal's width changes.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

from tui.i18n import _

KEEP_ACTIONS = frozenset({"help"})  # always shown: it leads to every other key


def _width(widget: Widget) -> int:
    """Cells a compact footer key takes: key, space, label, and the gap after it."""
    key = str(getattr(widget, "key_display", ""))
    description = str(getattr(widget, "description", ""))
    return len(key) + (len(description) + 1 if description else 0) + 1


class KpFooter(Footer):
    """Textual's footer; labels and tooltips through ``_()``, whole keys left out to fit."""

    def compose(self) -> ComposeResult:
        keys: list[Widget] = []
        palette: list[Widget] = []
        for widget in super().compose():
            description = getattr(widget, "description", None)
            if isinstance(description, str) and description:
                widget.description = _(description)  # type: ignore[attr-defined]
            if isinstance(widget.tooltip, str) and widget.tooltip:
                widget.tooltip = _(widget.tooltip)
            (palette if widget.has_class("-command-palette") else keys).append(widget)
        self._composed_width = self.app.size.width
        room = self._composed_width - sum(_width(w) + 1 for w in palette)
        while keys and sum(_width(w) for w in keys) > room:
            dropped = next(
                (w for w in reversed(keys) if getattr(w, "action", "") not in KEEP_ACTIONS),
                keys[-1],
            )
            keys.remove(dropped)
        yield from keys
        yield from palette

    _composed_width = 0

    def on_resize(self, event: events.Resize) -> None:
        if self.app.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
