"""The coldest-first list beside the heatmap: who has not heard from us for longest."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList

from tui.app.actions import bindings
from tui.app.display import literal
from tui.domain.coldness import Coldness
from tui.i18n import _, format_number
from tui.textsafe import cut

COLD_MIN_WIDTH = 22
"""The coldest list's narrowest useful width (a name and its silence)."""
COLD_LIMIT = 200
"""The list shows the 200 coldest: enough to work through, light enough for the team book."""
ALL = "all"
"""Option id of the list's first entry, "All customers"."""


def coldness_prompt(cold: Coldness, width: int) -> Content:
    """One line of the list: the name (and company when there is room), then the silence in
    days and as a multiple of the cadence; red from twice the cadence, yellow past it."""
    customer = cold.customer
    if cold.silence_days is None:
        silence = _("never")
    else:
        silence = _("{days} d").format(days=format_number(cold.silence_days))
    ratio = "" if cold.ratio == float("inf") else f"{cold.ratio:.1f}×"
    style = "$text-error" if cold.ratio >= 2 else "$text-warning" if cold.ratio >= 1 else "dim"
    tail = f" {silence} {ratio}" if width >= 30 else f" {ratio or silence}"
    room = max(3, width - len(tail))
    name = customer.name
    if customer.company and room >= 30:
        name = f"{customer.name} · {customer.company}"
    text = cut(name, room).ljust(room)
    return Content.assemble(literal(text), (tail, style))


class ColdList(OptionList):
    """The coldest customers; moving in it switches the grid to the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("cold_list")
