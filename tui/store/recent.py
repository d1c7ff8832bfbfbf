"""The planner's window of the log: the per-customer summary in ``book.recent-00.json`` ...
``book.recent-15.json`` (customers spread by id, so one customer's share is a small file).

The day's plan needs, per customer, every contact of the last few months (after-sale
follow-ups, renewal touches, which gestures were answered) and the last few before that (the
care balance, the last contact that restarts the cadence), and this year's gifts (the gift
budget). The ``recent`` table holds exactly that: every contact from ``meta.recent_since`` on,
each customer's latest ``KEEP`` before it, and every gift since 1 January of that first year.
A new contact is always added (a superset is still right: an older extra contact never outranks
the latest ones kept). The window moves forward with the next change once it grew ``SLACK``
days too old, without reading any year file.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping
from datetime import date, timedelta

from tui.store.snapshot import Doc, TableData

RECENT = "recent"
#: the window is kept in this many part files, by customer id, so one customer's plan (``kp
#: log`` finding the gesture a call answers) reads one small file, not the whole window
BUCKETS = 16
#: days of the log the window holds when it is (re)started; the planner looks back ~4 months
#: (127 days with the default after-sale follow-ups), so a window of 150 covers it
DAYS = 150
#: how much older than DAYS the window may grow before the next change moves it
SLACK = 14
#: latest contacts kept per customer from before the window (the care balance looks at the
#: last 3 by default); a planner asking for more reads the year files instead
KEEP = 5


def table(customer: object) -> str:
    """The part table of a customer's share of the window: ``recent/07``."""
    number = customer if type(customer) is int else 0
    return f"{RECENT}/{number % BUCKETS:02d}"


def tables(customers: Collection[int] | None = None) -> list[str]:
    """The window's part tables holding ``customers`` (all of them without a choice)."""
    if customers is None:
        return [f"{RECENT}/{n:02d}" for n in range(BUCKETS)]
    return sorted({table(c) for c in customers})


def is_window(name: str) -> bool:
    return name.startswith(RECENT + "/")


def split(docs: Mapping[str, Doc], since: str) -> dict[str, TableData]:
    """The window's part tables from ``docs`` (a superset of the window); no empty ones."""
    grouped: dict[str, dict[str, Doc]] = {}
    for doc_id, doc in docs.items():
        grouped.setdefault(table(doc.get("customer")), {})[doc_id] = doc
    return {name: build(part, since) for name, part in grouped.items()}


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


def gifts_since(since: str) -> str:
    """From when the window keeps every gift: 1 January of its first day's year, so this
    year's gift budget of every recipient is in it (the planner's gift ideas ask for it)."""
    return f"{since[:4]}-01-01"


def meta(since: str) -> dict[str, str]:
    """What the book's meta document says about the window (the planner checks it)."""
    return {"recent_since": since, "recent_gifts_since": gifts_since(since)}


def build(docs: Mapping[str, Doc], since: str) -> TableData:
    """The recent table for a window starting at ``since`` from ``docs`` (a superset of it)."""
    kept = {str(number): docs[str(number)] for _, number in select(docs.items(), since, KEEP)}
    first_gift = gifts_since(since)
    for doc_id, doc in docs.items():
        if "amount" in doc and doc.get("at", "") >= first_gift:
            kept[doc_id] = doc
    return kept
