"""What the app's workers and widgets tell the screens: small messages, handled with ``@on``.

A worker thread never touches a widget: it posts one of these (``post_message`` is safe from any
thread) and the handler, on the UI thread, changes the app state that screens watch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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


class WorkerResult(Message):
    """What a worker thread reports to the one that started it (addressed: it does not bubble)."""

    bubble = False


@dataclass(eq=False)
class PlanReady(WorkerResult):
    """The poll worker re-read the book after another process changed it: the fresh state.

    ``generation`` tells whether an own action re-planned meanwhile (then this one is stale).
    """

    generation: int
    state: BookState


@dataclass(eq=False)
class PollFailed(WorkerResult):
    """Reading the book in the poll worker failed (file gone, unreadable)."""

    error: Exception


@dataclass(eq=False)
class ForecastReady(WorkerResult):
    """The engine's plan for the rest of the year arrived for ``rep`` (None: the team)."""

    rep: str | None
    gestures: tuple[PlannedGesture, ...]


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


@dataclass(eq=False)
class ImportDone(WorkerResult):
    """The import worker finished: what it added, updated and rejected."""

    report: ImportReport


@dataclass(eq=False)
class ImportFailed(WorkerResult):
    """The import worker could not read the file or write the book; one line for the user."""

    message: str
