"""What the app's workers and widgets tell the screens: small messages, handled with ``@on``.

A worker thread never touches a widget: it posts one of these (``post_message`` is safe from any
thread) and the handler, on the UI thread, changes the app state that screens watch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from textual.message import Message

from tui.domain.cadence import Plan, PlannedGesture
from tui.domain.model import Contact, Customer


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


@dataclass
class ShowDay(Message):
    """A widget asks for one day's entries in full; the screen decides how to show them."""

    day: date
    contacts: list[Contact]
    planned: list[PlannedGesture]
    subject: str
