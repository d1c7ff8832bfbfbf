"""One customer's contact history, read once per plan from the log.

The rules ask the same questions of the log for every customer (the last contact, the contacts in
a window, the keys they answered); :func:`index_contacts` groups the log once, reading only the
window the rules look at, so a 500,000-contact team log costs a few tens of milliseconds.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from itertools import compress
from operator import attrgetter, gt

from tui.domain.model import Contact, Purpose
from tui.domain.settings import PlanSettings

_AT = attrgetter("at")
RENEWAL_EARLY_DAYS = 7  # a renewal touch done up to a week early still counts
AFTER_SALE_LAST_OPEN_DAYS = 30  # the last follow-up stays open this long; then cadence takes over


class History:
    """One customer's contacts up to today, oldest first, with the keys they answered.

    Holds every contact since the look-back day and, before it, only the last few the care
    balance needs (the planner never re-scans the whole log).
    """

    __slots__ = ("_answered", "_moments", "contacts", "won")

    def __init__(self, contacts: list[Contact], won: list[Contact] | None = None) -> None:
        self.contacts = contacts
        self.won = [c for c in contacts if c.won] if won is None else won
        self._moments: list[datetime] | None = None
        self._answered: set[str] | None = None

    @property
    def answered(self) -> set[str]:
        """Keys of the gestures these contacts answered."""
        if self._answered is None:
            self._answered = {c.gesture for c in self.contacts if c.gesture}
        return self._answered

    @property
    def moments(self) -> list[datetime]:
        """The contacts' times, oldest first (made when first needed; no date per contact)."""
        if self._moments is None:
            self._moments = list(map(_AT, self.contacts))
        return self._moments

    @property
    def last_day(self) -> date | None:
        """The day of the latest contact, if any."""
        return self.contacts[-1].at.date() if self.contacts else None

    def last(self, count: int) -> list[Contact]:
        """The latest ``count`` contacts, oldest first."""
        return self.contacts[-count:]

    def between(self, start: date, end: date) -> Iterator[Contact]:
        """Contacts on ``start`` .. ``end`` (exclusive), oldest first."""
        moments = self.moments
        low = bisect_left(moments, datetime.combine(start, time.min))
        high = bisect_left(moments, datetime.combine(end, time.min))
        return iter(self.contacts[low:high])

    def answered_between(
        self, start: date, end: date, key: str, purposes: Iterable[Purpose] | None = None
    ) -> bool:
        """Was there a contact in the window that may count for ``key``?

        A contact that answered a *different* gesture does not count (a thank-you call done late
        must not also tick off the delivery check); one with this key or none does.
        """
        wanted = set(purposes) if purposes is not None else None
        for contact in self.between(start, end):
            if contact.gesture and contact.gesture != key:
                continue
            if wanted is None or contact.purpose in wanted:
                return True
        return False


EMPTY = History([])


def lookback_days(settings: PlanSettings) -> int:
    """How far back the rules look: the longest after-sale run and its closing window."""
    return max(settings.after_sale_days) + AFTER_SALE_LAST_OPEN_DAYS + RENEWAL_EARLY_DAYS


def index_contacts(
    contacts: Sequence[Contact], customer_ids: Iterable[int], today: date, settings: PlanSettings
) -> dict[int, History]:
    """Group the log by customer once, reading only what the rules need.

    The book hands contacts over sorted by time (checked at C speed; sorted here if not).
    Contacts after
    ``today`` are ignored. Older contacts than the look-back are only read for customers that
    have fewer than ``care_window`` recent ones, through C-level filters, so a 500,000-contact
    team log costs a few tens of milliseconds.
    """
    wanted = set(customer_ids)
    at = attrgetter("at")
    moments = list(map(at, contacts))
    if any(map(gt, moments, moments[1:])):  # not in time order after all: sort first
        contacts = sorted(contacts, key=at)
        moments = list(map(at, contacts))
    end = bisect_right(moments, datetime.combine(today, time.max))
    cutoff = today - timedelta(days=lookback_days(settings))
    start = bisect_left(moments, datetime.combine(cutoff, time.min), 0, end)
    grouped: dict[int, list[Contact]] = {}
    recent = contacts[start:end]
    customers = map(attrgetter("customer"), recent)
    for contact in compress(recent, map(wanted.__contains__, customers)):
        found = grouped.get(contact.customer)
        if found is None:
            grouped[contact.customer] = [contact]
        else:
            found.append(contact)
    won: dict[int, list[Contact]] = {}
    for contact in compress(recent, map(attrgetter("won"), recent)):
        if contact.customer in wanted:
            won.setdefault(contact.customer, []).append(contact)
    window = settings.care_window
    short = {cid for cid in wanted if len(grouped.get(cid, ())) < window}
    older: dict[int, list[Contact]] = {}
    if short and start:
        backwards = contacts[start - 1 :: -1]
        flags = map(short.__contains__, map(attrgetter("customer"), backwards))
        for contact in compress(backwards, flags):  # `short` shrinks as customers fill up
            cid = contact.customer
            taken = older.setdefault(cid, [])
            taken.append(contact)
            if len(taken) + len(grouped.get(cid, ())) >= window:
                short.discard(cid)
                if not short:
                    break
    for cid, taken in older.items():
        taken.reverse()
        grouped[cid] = taken + grouped.get(cid, [])
    return {cid: History(found, won.get(cid, [])) for cid, found in grouped.items()}
