"""The planner's window of the log: the per-customer summary in four files per rep,
``book.recent-amueller.0.json`` ... ``.3.json`` (a rep's customers, spread by id).

The day's plan needs, per customer, every contact of the last few months (after-sale
follow-ups, renewal touches, which gestures were answered) and the last few before that (the
care balance, the last contact that restarts the cadence), and this year's gifts (the gift
budget). The ``recent`` table holds exactly that: every contact from ``meta.recent_since`` on,
each customer's latest ``KEEP`` before it, and every gift since 1 January of that first year.
A new contact is always added (a superset is still right: an older extra contact never outranks
the latest ones kept). The window moves forward with the next change once it grew ``SLACK``
days too old, without reading any year file.

One rep's plan reads that rep's files only, so its cost follows the rep's customers, not the
team's; a log of one customer reads one of them. A customer handed to another rep takes its
share along in the same write. Books written before (``meta.recent_by`` missing: 16 files by
customer id; another value: an earlier layout) are read whole until the next change rebuilds
the window.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from tui.store.snapshot import Doc, TableData

RECENT = "recent"
#: what ``meta.recent_by`` says of a window kept per rep, in PARTS_PER_REP files by customer id
BY_OWNER = "rep-4"
#: a rep's share of the window in this many files (by customer id), so that ``kp log`` of one
#: customer reads a quarter of its rep's share, while the rep's plan reads all four
PARTS_PER_REP = 4
#: books from before: the window in this many part files, by customer id
LEGACY_BUCKETS = 16
#: a login that can name its file as it is (anything else is named by a hash of it)
_PLAIN_LOGIN = re.compile(r"[a-z0-9][a-z0-9_.-]{0,39}")
#: days of the log the window holds when it is (re)started; the planner looks back ~4 months
#: (127 days with the default after-sale follow-ups), so a window of 150 covers it
DAYS = 150
#: how much older than DAYS the window may grow before the next change moves it
SLACK = 14
#: latest contacts kept per customer from before the window (the care balance looks at the
#: last 3 by default); a planner asking for more reads the year files instead
KEEP = 5


def table(owner: object, customer: object) -> str:
    """The part table of a customer's share of the window: ``recent/amueller.3`` (its rep, and
    its id modulo PARTS_PER_REP). A login that is no plain file name (capitals, spaces, umlauts,
    empty) is named by a short hash of it; two reps sharing a file costs only reading, since
    every reader picks its customers."""
    login = owner if isinstance(owner, str) else ""
    if _PLAIN_LOGIN.fullmatch(login) is None:
        login = f"x{zlib.crc32(login.encode('utf-8', 'surrogatepass')):08x}"
    number = customer if type(customer) is int else 0
    return f"{RECENT}/{login}.{number % PARTS_PER_REP}"


def legacy_table(customer: object) -> str:
    """Where a book from before kept a customer's share: ``recent/07`` (by id)."""
    number = customer if type(customer) is int else 0
    return f"{RECENT}/{number % LEGACY_BUCKETS:02d}"


def is_by_owner(meta: Mapping[str, Any]) -> bool:
    """Is the window kept as this version keeps it (per rep, in parts by id)?"""
    return meta.get("recent_by") == BY_OWNER


def is_window(name: str) -> bool:
    return name.startswith(RECENT + "/")


def split(
    docs: Mapping[str, Doc], since: str, owner_of: Callable[[object], object]
) -> dict[str, TableData]:
    """The window's part tables from ``docs`` (a superset of the window), by the owner of
    each contact's customer (``owner_of(customer_id)``); no empty ones."""
    grouped: dict[str, dict[str, Doc]] = {}
    names: dict[object, str] = {}
    for doc_id, doc in docs.items():
        customer = doc.get("customer")
        name = names.get(customer)
        if name is None:
            name = names[customer] = table(owner_of(customer), customer)
        grouped.setdefault(name, {})[doc_id] = doc
    return {name: build(part, since) for name, part in grouped.items()}


def rebuilt(
    existing: Iterable[str],
    docs: Mapping[str, Doc],
    since: str,
    owner_of: Callable[[object], object],
) -> dict[str, TableData]:
    """Every window table after a rebuild from ``docs``: the new parts, and the ``existing``
    ones no longer used emptied (so nothing stale is read from them)."""
    parts = split(docs, since, owner_of)
    return {**{name: {} for name in existing if name not in parts}, **parts}


def window_start(today: date) -> date:
    return today - timedelta(days=DAYS)


def needs_trim(meta: Mapping[str, Any], today: date) -> bool:
    """Has the window grown too old, or is it still kept by customer id (a book from before)?"""
    since = str(meta.get("recent_since", ""))
    return since < (today - timedelta(days=DAYS + SLACK)).isoformat() or not is_by_owner(meta)


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
    return {"recent_since": since, "recent_gifts_since": gifts_since(since), "recent_by": BY_OWNER}


def build(docs: Mapping[str, Doc], since: str) -> TableData:
    """The recent table for a window starting at ``since`` from ``docs`` (a superset of it)."""
    kept = {str(number): docs[str(number)] for _, number in select(docs.items(), since, KEEP)}
    first_gift = gifts_since(since)
    for doc_id, doc in docs.items():
        if "amount" in doc and doc.get("at", "") >= first_gift:
            kept[doc_id] = doc
    return kept
