"""What every screen of the app shares: typed access to the app and a watch on its state."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from tui.app.app import KundenpflegeApp

ResultType = TypeVar("ResultType")


def watch_book(screen: Screen[Any], redraw: Callable[[], None]) -> None:
    """Call ``redraw`` whenever the app's state changes (an own action or another process).

    Called in a screen's ``on_mount``, so no redraw reaches a screen before its widgets exist;
    Textual drops the watch when the screen is removed.
    """
    screen.watch(screen.app, "state", lambda _state: redraw(), init=False)


class KpScreen(Screen[ResultType], Generic[ResultType]):
    """A full screen of the app."""

    @property
    def kp(self) -> KundenpflegeApp:
        return cast("KundenpflegeApp", self.app)


class KpModal(ModalScreen[ResultType], Generic[ResultType]):
    """A modal dialog of the app."""

    @property
    def kp(self) -> KundenpflegeApp:
        return cast("KundenpflegeApp", self.app)


class FormDialog(KpModal[ResultType | None], Generic[ResultType]):
    """A modal form whose fields are marked inline: ``#error-NAME`` under each field says why.

    ``errors`` holds the fields that are wrong now; nothing is saved while it is not empty.
    Enter in a field saves (``action_save``), Esc cancels: the form dismisses with None.
    """

    def __init__(self) -> None:
        super().__init__()
        self.errors: dict[str, str] = {}

    def _mark(self, name: str, message: str | None) -> None:
        """Show ``message`` under field ``name`` (None: the field is fine again)."""
        box = self.query_one(f"#error-{name}", Static)
        if message:
            self.errors[name] = message
            box.update(message)
            box.add_class("-shown")
        else:
            self.errors.pop(name, None)
            box.update("")
            box.remove_class("-shown")

    def action_save(self) -> None:
        """Check every field and save; each form knows what saving means."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ActionFailed(Exception):
    """Raised by ``KundenpflegeApp.book_action`` after the error was shown, so callers stop."""


class DialogBody(VerticalScroll, can_focus=False):
    """The scrolling body of a dialog: scrolls to the focused field, never takes focus itself
    (so Tab goes from field to field)."""
