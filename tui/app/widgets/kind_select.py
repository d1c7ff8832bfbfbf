"""The kind of a contact or gesture, changed with one key: ``1``-``7``, or a letter.

Each kind has a number (its place in the list, shown in front of its name) and, where the first
letters of the kinds' names differ in the user's language, that letter too (German: ``a``
Anruf, ``k`` Karte, ``g`` Geschenk ...). The dropdown still opens with Enter or a click.
"""

from __future__ import annotations

from collections import Counter

from textual import events
from textual.widgets import Select

from tui.domain.model import Kind
from tui.labels import kind_label


def kind_keys() -> dict[str, Kind]:
    """The keys that pick a kind: its number, and its first letter where that is unique."""
    kinds = list(Kind)
    keys = {str(n): kind for n, kind in enumerate(kinds, start=1)}
    initials = Counter(kind_label(kind)[0].lower() for kind in kinds)
    for kind in kinds:
        initial = kind_label(kind)[0].lower()
        if initials[initial] == 1:
            keys[initial] = kind
    return keys


class KindSelect(Select[Kind]):
    """A Select of the kinds that also takes one key per kind while it has the focus."""

    def __init__(self, value: Kind, *, id: str | None = None) -> None:
        options = [(f"{n} {kind_label(k)}", k) for n, k in enumerate(Kind, start=1)]
        super().__init__(options, value=value, allow_blank=False, id=id, compact=True)
        self._keys = kind_keys()

    def on_key(self, event: events.Key) -> None:
        if self.expanded or event.character is None:
            return
        kind = self._keys.get(event.character.lower())
        if kind is not None:
            event.stop()
            event.prevent_default()
            self.value = kind
