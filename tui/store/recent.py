"""The planner's window of the log: the per-customer summary kept in ``book.recent.json``.

The day's plan needs, per customer, every contact of the last few months (after-sale
follow-ups, renewal touches, which gestures were answered) and the last few before that (the
care balance, the last contact that restarts the cadence). The ``recent`` table holds exactly
that: every contact from ``meta.recent_since`` on, plus each customer's latest ``KEEP`` before
it. A new contact is always added (a superset is still right: an older extra contact never
outranks the latest ones kept). The window moves forward at a snapshot when it grew too old
(``trim``), without reading any year file.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping
from datetime import date, timedelta

from tui.store.snapshot import Doc, TableData

RECENT = "recent"
#: days of the log the window holds when it is (re)started; the planner looks back ~4 months
#: (127 days with the default after-sale follow-ups), so a window of 150 covers it
DAYS = 150
#: how much older than DAYS the window may grow before the next change moves it
SLACK = 14
#: latest contacts kept per customer from before the window (the care balance looks at the
#: last 3 by default); a planner asking for more reads the year files instead
KEEP = 5


def window_start(today: date) -> date:
    return today - timedelta(days=DAYS)


def needs_trim(since: str, today: date) -> bool:
    return since < (today - timedelta(days=DAYS + SLACK)).isoformat()


def select(
    docs: Iterable[tuple[str, Doc]],
    since: str,
    keep: int,
    customers: Collection[int] | None = None,
) -> list[tuple[str, int]]:
    """(time, number) of the contacts from ``since`` on, plus each customer's latest ``keep``
    before it, sorted by time. One pass, a small heap per customer."""
    wanted = None if customers is None else set(customers)
    chosen: list[tuple[str, int]] = []
    latest: dict[object, list[tuple[str, int]]] = {}
    for doc_id, doc in docs:
        customer = doc.get("customer")
        if wanted is not None and customer not in wanted:
            continue
        at = doc.get("at", "")
        if at >= since:
            chosen.append((at, int(doc_id)))
        elif keep > 0:
            heap = latest.get(customer)
            if heap is None:
                latest[customer] = [(at, int(doc_id))]
            elif len(heap) < keep:
                heapq.heappush(heap, (at, int(doc_id)))
            elif (at, int(doc_id)) > heap[0]:
                heapq.heapreplace(heap, (at, int(doc_id)))
    for heap in latest.values():
        chosen += heap
    chosen.sort()
    return chosen


def build(docs: Mapping[str, Doc], since: str) -> TableData:
    """The recent table for a window starting at ``since`` from ``docs`` (a superset of it)."""
    return {str(number): docs[str(number)] for _, number in select(docs.items(), since, KEEP)}
