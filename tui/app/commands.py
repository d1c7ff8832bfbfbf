"""The one command-palette provider: jump to any customer, and run every action by name.

The actions come from the registry (``tui.app.actions``), worded in the language shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from tui.app.actions import ACTIONS, BY_ID, Action
from tui.domain.matching import fold
from tui.i18n import _
from tui.textsafe import safe_text

if TYPE_CHECKING:
    from tui.app.app import KundenpflegeApp


class KpCommands(Provider):
    """Customers by fuzzy name/company, then the app's actions."""

    @property
    def kp(self) -> KundenpflegeApp:
        return cast("KundenpflegeApp", self.app)

    def _app_commands(self) -> list[tuple[Action, Callable[[], object]]]:
        """The app's actions of the registry that can run from anywhere (not the palette itself)."""
        return [
            (action, partial(self.app.run_action, action.action))
            for action in ACTIONS
            if action.node == "app" and action.id != "app.palette"
        ]

    def _screen_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The keys of the screen the palette was opened on, as commands (Log, Done, ...)."""
        found: list[tuple[str, str, Callable[[], object]]] = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if active.node is self.app or binding.id not in BY_ID or not binding.description:
                continue
            run = partial(self.app.run_action, binding.action, active.node)
            key = self.app.get_key_display(binding)
            found.append((_(binding.description), _("Key: {key}").format(key=key), run))
        return found

    async def discover(self) -> Hits:
        for action, command in self._app_commands():
            if action.palette:
                title, hint = _(action.palette_title), _(action.palette_hint)
                yield DiscoveryHit(Content(title), command, text=title, help=escape(hint))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        wanted = fold(query.strip())
        folded_matcher = self.matcher(wanted)
        for customer in self.kp.customers():
            assert customer.id is not None
            label = safe_text(customer.label)
            folded = fold(label)
            score = max(matcher.match(label), folded_matcher.match(folded))
            if wanted and wanted in folded:
                score += 100  # a real substring ("koenig" in "König") beats scattered letters
            if score > 0:
                yield Hit(
                    score,
                    literal_highlight(matcher, label),
                    partial(self.kp.action_open_customer, customer.id),
                    text=label,
                    help=_("Open customer"),
                )
        commands = [(_(a.palette_title), _(a.palette_hint), run) for a, run in self._app_commands()]
        for title, help_text, command in commands + self._screen_commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    literal_highlight(matcher, title),
                    command,
                    text=title,
                    help=escape(help_text),
                )


def literal_highlight(matcher: Matcher, text: str) -> Content:
    """``text`` as typed, with the matched letters marked.

    ``Matcher.highlight`` reads its candidate as markup: a company called ``[link=x]`` would
    raise and end the palette's search, and ``[bold red]x[/]`` would be drawn in bold red.
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
