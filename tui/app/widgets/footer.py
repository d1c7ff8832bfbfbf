"""The footer, with the labels of the action registry translated as they are shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from tui.i18n import _


class KpFooter(Footer):
    """Textual's footer; each key's label and tooltip go through ``_()`` when it is drawn."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            description = getattr(widget, "description", None)
            if isinstance(description, str) and description:
                widget.description = _(description)  # type: ignore[attr-defined]
            if isinstance(widget.tooltip, str) and widget.tooltip:
                widget.tooltip = _(widget.tooltip)
            yield widget
