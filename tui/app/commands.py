"""The one command-palette provider: jump to any customer, and run every action by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from tui.domain.quicklog import fold
from tui.i18n import _
from tui.textsafe import safe_text

if TYPE_CHECKING:
    from tui.app.app import KundenpflegeApp


class KpCommands(Provider):
    """Customers by fuzzy name/company, then the app's actions."""

    @property
    def kp(self) -> KundenpflegeApp:
        return cast("KundenpflegeApp", self.app)

    def _actions(self) -> list[tuple[str, str, Callable[[], object], bool]]:
        """(title, help, command, discoverable) for every action."""
        app = self.kp
        return [
            (_("Log a contact"), _("Open the log form"), app.action_log, True),
            (
                _("Quick log"),
                _("One line: customer kind purpose note"),
                app.action_quick_capture,
                True,
            ),
            (_("New customer"), _("Add a customer to the book"), app.action_add_customer, True),
            (
                _("Heatmap"),
                _("The year's contacts per day, and who has gone cold"),
                app.action_heatmap,
                True,
            ),
            (
                _("Switch team / my plan"),
                _("Show the whole team's plan or only yours"),
                app.action_toggle_team,
                True,
            ),
            (
                _("Switch light / dark theme"),
                _("Remembered in the config file"),
                app.action_toggle_theme,
                True,
            ),
            (_("Help: keys"), _("Every key of this screen"), app.action_help, False),
            (_("Quit"), _("Leave kundenpflege"), app.exit, False),
        ]

    def _screen_actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The keys of the screen the palette was opened on, as commands (Log, Done, ...)."""
        from tui.app.screens.help import OUR_SCOPES

        found: list[tuple[str, str, Callable[[], object]]] = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            scope = (binding.id or "").split(".")[0]
            if active.node is self.app or scope not in OUR_SCOPES or not binding.description:
                continue
            run = partial(self.app.run_action, binding.action, active.node)
            key = self.app.get_key_display(binding)
            found.append((binding.description, _("Key: {key}").format(key=key), run))
        return found

    async def discover(self) -> Hits:
        for title, help_text, command, discoverable in self._actions():
            if discoverable:
                yield DiscoveryHit(Content(title), command, text=title, help=escape(help_text))

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
        actions = [(t, h, c) for t, h, c, _d in self._actions()] + self._screen_actions()
        for title, help_text, command in actions:
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
