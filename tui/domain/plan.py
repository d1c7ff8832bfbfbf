"""What the engine returns: the day's plan and its gestures (computed in ``cadence.plan_day``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui.domain.model import Customer, Kind, Purpose, Reason, Status
from tui.domain.suggestions import Suggestion
from tui.domain.urgency import Factor
from tui.domain.why import Why


@dataclass(frozen=True)
class PlannedGesture:
    """One gesture in the plan, with the day to act and why it is there.

    ``factors`` are the parts of ``urgency``; they, ``why`` and ``suggestion`` are worded where
    they are shown (:mod:`tui.labels`); a gesture done today has no ``why``.
    """

    key: str
    customer: Customer
    reason: Reason
    kind: Kind
    purpose: Purpose
    occasion: date
    due: date
    urgency: float
    why: Why | None
    suggestion: Suggestion
    fixed: bool
    overdue_days: int
    status: Status = Status.OPEN
    factors: tuple[Factor, ...] = ()


@dataclass(frozen=True)
class Plan:
    """Today's list (most urgent first) and what follows in the next ``horizon_days``.

    ``unknown_regions``: customers whose region the holiday data does not know (an old book or
    a hand edit); they were planned with their country's holidays and need fixing.
    """

    today: date
    items: tuple[PlannedGesture, ...]
    later: tuple[PlannedGesture, ...]
    done_today: int
    unknown_regions: tuple[Customer, ...] = ()
