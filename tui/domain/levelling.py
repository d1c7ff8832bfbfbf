"""Load levelling: give every gesture a day so that no day holds more than the rep can do.

Fixed-date gestures keep their day (an overdue one moves to today) and are counted first.
Flexible gestures are handed out day by day, most urgent first, never before they are due and
only on a business day of their customer's region; what does not fit moves on to the next day.
Since every day is filled the same way, the weeks before Christmas are no busier than any other.
Nothing is dropped: every gesture leaves with a day, however far out.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)
_LIMIT_DAYS = 3660


@dataclass(frozen=True, slots=True)
class Load:
    """What levelling needs to know of one gesture."""

    key: str
    due: date  # the first day it may be done (already a business day of its region)
    urgency: float
    fixed: bool
    works_on: Callable[[date], bool]  # is this a business day for its customer?


def level(
    loads: Sequence[Load], today: date, capacity: int, used_today: int = 0
) -> dict[str, date]:
    """The day each gesture is planned for; ``used_today`` gestures are already done today."""
    planned: dict[str, date] = {}
    fixed_per_day: Counter[date] = Counter()
    flexible: list[Load] = []
    for load in loads:
        if load.fixed:
            day = max(load.due, today)
            while day.weekday() >= 5 or not load.works_on(day):  # overdue, and today is off
                day += _ONE_DAY
            planned[load.key] = day
            fixed_per_day[day] += 1
        else:
            flexible.append(load)
    flexible.sort(key=lambda load: (load.due, load.key))
    waiting: list[tuple[float, date, str, int]] = []
    upcoming, day, last = 0, today, today + timedelta(days=_LIMIT_DAYS)
    while upcoming < len(flexible) or waiting:
        if not waiting and flexible[upcoming].due > day:
            day = flexible[upcoming].due
        while upcoming < len(flexible) and flexible[upcoming].due <= day:
            load = flexible[upcoming]
            heapq.heappush(waiting, (-load.urgency, load.due, load.key, upcoming))
            upcoming += 1
        if day.weekday() >= 5 and day < last:
            day += _ONE_DAY
            continue
        free = capacity - fixed_per_day[day] - (used_today if day == today else 0)
        forced = day >= last  # a pathological backlog: stop levelling rather than loop for ever
        held_back = []
        while (free > 0 or forced) and waiting:
            entry = heapq.heappop(waiting)
            load = flexible[entry[3]]
            if not forced and not load.works_on(day):
                held_back.append(entry)
                continue
            planned[load.key] = day
            free -= 1
        for entry in held_back:
            heapq.heappush(waiting, entry)
        day += _ONE_DAY
    return planned
