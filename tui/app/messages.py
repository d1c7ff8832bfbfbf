"""What the app's workers and widgets tell the screens: small messages, handled with ``@on``.

A worker thread never touches a widget: it posts one of these (``post_message`` is safe from any
thread) and the handler, on the UI thread, changes the app state that screens watch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual.message import Message

from tui.domain.cadence import Plan, PlannedGesture
from tui.domain.model import Contact, Customer

if TYPE_CHECKING:
    from tui.services.importing import ImportReport


@dataclass(frozen=True, eq=False)
class BookState:
    """What the screens draw from: the day's plan and every customer by id.

    ``eq=False``: every new state is a change, even when an edit left the plan equal (a
    customer's phone number is not in the plan, yet the customer screen shows it).
    """

    plan: Plan
    customers: Mapping[int, Customer]


class PlanReady(Message):
    """The poll worker re-read the book after another process changed it: the fresh state.

    ``generation`` tells whether an own action re-planned meanwhile (then this one is stale).
    """

    bubble = False  # addressed to the one that started the worker

    def __init__(self, generation: int, state: BookState) -> None:
        super().__init__()
        self.generation = generation
        self.state = state


class PollFailed(Message):
    """Reading the book in the poll worker failed (file gone, unreadable)."""

    bubble = False  # addressed to the one that started the worker

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class ForecastReady(Message):
    """The engine's plan for the rest of the year arrived for ``rep`` (None: the team)."""

    bubble = False  # addressed to the one that started the worker

    def __init__(self, rep: str | None, gestures: Sequence[PlannedGesture]) -> None:
        super().__init__()
        self.rep = rep
        self.gestures = tuple(gestures)


CustomerOf = Callable[[int], Customer | None]
"""Finds the customer of a contact, for lists that show many customers' entries."""


@dataclass
class ShowDay(Message):
    """One day's entries to show in full; a widget posts it, the screen decides how to show it.

    ``customer_of`` is given when the day holds many customers' entries (names are shown).
    """

    day: date
    contacts: list[Contact]
    planned: list[PlannedGesture]
    subject: str
    customer_of: CustomerOf | None = None
    holiday: str = ""


class ImportDone(Message):
    """The import worker finished: what it added, updated and rejected."""

    bubble = False  # addressed to the one that started the worker

    def __init__(self, report: ImportReport) -> None:
        super().__init__()
        self.report = report


class ImportFailed(Message):
    """The import worker could not read the file or write the book; one line for the user."""

    bubble = False  # addressed to the one that started the worker

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
