"""The reasons a gesture comes up, one small function per rule.

Every rule looks at one customer (and that customer's contact history) on one day and returns
what is due as :class:`Due` records: the occasion (the date in the stable key), the day it should
happen, the purpose, whether the date is fixed, and a translated explanation. Moving dates off
weekends and holidays, lead times, states, levelling and suggestions are done by the planner
(:mod:`tui.domain.cadence`), so each rule stays a plain function of its inputs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import compress
from operator import attrgetter, gt

from tui.domain.model import (
    Contact,
    Customer,
    Gesture,
    Kind,
    Purpose,
    Reason,
    Status,
    gesture_key,
)
from tui.domain.occasions import Occasion, occasions, round_weight
from tui.domain.settings import PlanSettings
from tui.domain.urgency import (
    Factor,
    after_sale_factor,
    care_balance_factor,
    fixed_factor,
    ratio_factor,
    tier_factor,
)
from tui.i18n import _, format_date, ngettext

AFTER_SALE_VARIANTS = {1: "thanks", 7: "delivery", 30: "satisfaction", 90: "review"}
EARLY_DAYS = 2  # a follow-up done up to two days early still counts
RENEWAL_EARLY_DAYS = 7
AFTER_SALE_LAST_OPEN_DAYS = 30  # the last follow-up stays open this long; then cadence takes over


@dataclass(frozen=True, slots=True)
class Due:
    """One gesture a rule found due, before calendar, states and levelling are applied.

    ``target`` is the day it should happen (a greeting: the day it should arrive);
    ``greeting`` moves it to the previous business day instead of the next one.
    """

    key: str
    customer: Customer
    reason: Reason
    occasion: date
    target: date
    purpose: Purpose
    fixed: bool
    greeting: bool
    why: str
    factors: tuple[Factor, ...]
    variant: str = ""
    kind: Kind | None = None
    note: str = ""
    immediate: bool = False  # due now rather than on a date: no lead time, never overdue


class History:
    """One customer's contacts up to today, oldest first, with the keys they answered.

    Holds every contact since the look-back day and, before it, only the last few the care
    balance needs (the planner never re-scans the whole log).
    """

    __slots__ = ("_answered", "_days", "contacts", "won")

    def __init__(self, contacts: list[Contact], won: list[Contact] | None = None) -> None:
        self.contacts = contacts
        self.won = [c for c in contacts if c.won] if won is None else won
        self._days: list[date] | None = None
        self._answered: set[str] | None = None

    @property
    def answered(self) -> set[str]:
        """Keys of the gestures these contacts answered."""
        if self._answered is None:
            self._answered = {c.gesture for c in self.contacts if c.gesture}
        return self._answered

    @property
    def days(self) -> list[date]:
        """The contacts' days, oldest first (made when first needed)."""
        if self._days is None:
            self._days = [c.at.date() for c in self.contacts]
        return self._days

    @property
    def last_day(self) -> date | None:
        """The day of the latest contact, if any."""
        return self.contacts[-1].at.date() if self.contacts else None

    def last(self, count: int) -> list[Contact]:
        """The latest ``count`` contacts, oldest first."""
        return self.contacts[-count:]

    def between(self, start: date, end: date) -> Iterator[Contact]:
        """Contacts on ``start`` .. ``end`` (exclusive), oldest first."""
        low, high = bisect_left(self.days, start), bisect_left(self.days, end)
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


def _key(customer: Customer, reason: Reason, occasion: date) -> str:
    assert customer.id is not None
    return gesture_key(customer.id, reason, occasion)


def cadence_rule(
    customer: Customer,
    history: History,
    today: date,
    settings: PlanSettings,
    states: Mapping[str, Gesture],
) -> Due | None:
    """Tier cadence, restarted by any logged contact.

    Without any contact the customer-since date starts it; without that the first cadence of
    the year is due now (keyed by 1 January, so a snooze or skip sticks). A done or skipped
    occurrence rolls on by one cadence, counted from its planned day.
    """
    cadence = settings.cadence(customer.tier, customer.cadence_days)
    last = history.last_day
    tier = customer.tier
    base = last if last is not None else customer.since
    immediate = base is None
    if base is None:
        occasion, target, days = date(today.year, 1, 1), today, cadence
    else:
        occasion = target = base + timedelta(days=cadence)
        days = (today - base).days
    if occasion > today + timedelta(days=settings.horizon_days + 2 * settings.card_lead_days + 7):
        return None  # not due within the horizon, even as a card written days ahead
    for _step in range(400):
        state = states.get(_key(customer, Reason.CADENCE, occasion))
        if state is None or state.status not in (Status.DONE, Status.SKIPPED):
            break
        occasion = max(occasion, state.due) + timedelta(days=cadence)
        target, immediate = occasion, False
    if occasion > today + timedelta(days=settings.horizon_days + 2 * settings.card_lead_days + 7):
        return None
    if base is None:
        why = _("{tier}-customer, no contact logged yet (cadence {cadence})").format(
            tier=tier.value, cadence=cadence
        )
    elif last is None:
        why = _("{tier}-customer, no contact since becoming a customer on {date}").format(
            tier=tier.value, date=format_date(base)
        )
    else:
        why = _("{tier}-customer, {days} days since last contact (cadence {cadence})").format(
            tier=tier.value, days=days, cadence=cadence
        )
    return Due(
        key=_key(customer, Reason.CADENCE, occasion),
        customer=customer,
        reason=Reason.CADENCE,
        occasion=occasion,
        target=target,
        purpose=Purpose.CARE,
        fixed=False,
        greeting=False,
        why=why,
        factors=(ratio_factor(tier, max(days, 0), cadence),),
        immediate=immediate,
    )


def care_balance_rule(
    customer: Customer, history: History, today: date, settings: PlanSettings
) -> Due | None:
    """At least 2 of every 3 touches without a sales ask; else a care touch with no offer.

    Keyed by the day of the latest contact: the next contact re-judges the balance.
    """
    recent = history.last(settings.care_window)
    if len(recent) < 2:
        return None
    sales = sum(1 for contact in recent if contact.purpose is Purpose.SALES)
    allowed = settings.care_window - -(-2 * settings.care_window // 3)  # n - ceil(2n/3)
    if sales <= allowed:
        return None
    last = history.last_day
    assert last is not None
    cadence = settings.cadence(customer.tier, customer.cadence_days)
    target = last + timedelta(days=min(settings.care_balance_days, cadence))
    why = _("{sales} of the last {count} contacts were sales: time for one without an offer")
    return Due(
        key=_key(customer, Reason.CARE_BALANCE, last),
        customer=customer,
        reason=Reason.CARE_BALANCE,
        occasion=last,
        target=target,
        purpose=Purpose.CARE,
        fixed=False,
        greeting=False,
        why=why.format(sales=sales, count=len(recent)),
        factors=(tier_factor(customer.tier), care_balance_factor()),
    )


def _after_sale_step(offset: int, days: int) -> str:
    labels = {
        "thanks": _("thank-you"),
        "delivery": _("delivery check"),
        "satisfaction": _("satisfaction check"),
        "review": _("value review"),
    }
    variant = AFTER_SALE_VARIANTS.get(offset, "")
    return labels.get(variant) or _("follow-up after {days} days").format(days=days)


def after_sale_rule(
    customer: Customer, history: History, today: date, settings: PlanSettings
) -> list[Due]:
    """Follow-ups after a won sale or the customer-since date (+1, +7, +30, +90 days).

    Each step is open from two days before its day until the next step's day (the last one for
    30 days, or one cadence if shorter); a contact in that window counts for it, and a newer sale
    starts a new run.
    """
    cadence = settings.cadence(customer.tier, customer.cadence_days)
    offsets = settings.after_sale_days
    horizon = today + timedelta(days=settings.horizon_days)
    earliest = today - timedelta(days=offsets[-1] + AFTER_SALE_LAST_OPEN_DAYS)
    triggers: list[tuple[date, bool]] = []
    if customer.since is not None and customer.since >= earliest:
        triggers.append((customer.since, False))
    for contact in history.won:
        if earliest <= contact.at.date() <= today:
            triggers.append((contact.at.date(), True))
    triggers.sort()
    found: list[Due] = []
    for number, (start, sale) in enumerate(triggers):
        following = triggers[number + 1][0] if number + 1 < len(triggers) else None
        for step, offset in enumerate(offsets):
            occasion = start + timedelta(days=offset)
            if following is not None and occasion >= following:
                break
            if occasion > horizon:
                break
            if step + 1 < len(offsets):
                closes = start + timedelta(days=offsets[step + 1])
            else:
                closes = occasion + timedelta(days=min(cadence, AFTER_SALE_LAST_OPEN_DAYS))
            if today >= closes:
                continue
            key = _key(customer, Reason.AFTER_SALE, occasion)
            opens = max(occasion - timedelta(days=EARLY_DAYS), start + timedelta(days=1))
            if history.answered_between(opens, min(today + timedelta(days=1), closes), key):
                continue
            label = _after_sale_step(offset, offset)
            if sale:
                why = _("Sale on {date}: {step}").format(date=format_date(start), step=label)
            else:
                why = _("New customer since {date}: {step}").format(
                    date=format_date(start), step=label
                )
            variant = AFTER_SALE_VARIANTS.get(offset, "")
            found.append(
                Due(
                    key=key,
                    customer=customer,
                    reason=Reason.AFTER_SALE,
                    occasion=occasion,
                    target=occasion,
                    purpose=Purpose.SERVICE if variant == "delivery" else Purpose.CARE,
                    fixed=False,
                    greeting=False,
                    why=why,
                    factors=(tier_factor(customer.tier), after_sale_factor()),
                    variant=variant,
                )
            )
    return found


def _occasion_why(occasion: Occasion) -> str:
    day = format_date(occasion.day)
    years = occasion.years
    if occasion.reason is Reason.BIRTHDAY:
        if years is None:
            return _("Birthday on {date}").format(date=day)
        return _("Birthday on {date} (turns {age})").format(date=day, age=years)
    assert years is not None
    if occasion.reason is Reason.FOUNDING:
        text = ngettext(
            "Company anniversary on {date}: {years} year",
            "Company anniversary on {date}: {years} years",
            years,
        )
    else:
        text = ngettext(
            "{years} year as our customer on {date}",
            "{years} years as our customer on {date}",
            years,
        )
    return text.format(date=day, years=years)


def occasion_rule(customer: Customer, today: date, settings: PlanSettings) -> list[Due]:
    """Birthdays, company anniversaries and customer-since anniversaries near today.

    Fixed dates; a greeting may be prepared ahead (cards) and stays a few days when missed.
    """
    earliest = today - timedelta(days=settings.greeting_grace_days + 4)
    latest = today + timedelta(days=settings.horizon_days + 2 * settings.card_lead_days + 6)
    found: list[Due] = []
    for occasion in occasions(customer, earliest.year, latest.year):
        if not earliest <= occasion.day <= latest:
            continue
        weight = round_weight(occasion.reason, occasion.years)
        found.append(
            Due(
                key=_key(customer, occasion.reason, occasion.day),
                customer=customer,
                reason=occasion.reason,
                occasion=occasion.day,
                target=occasion.day,
                purpose=Purpose.CARE,
                fixed=True,
                greeting=True,
                why=_occasion_why(occasion),
                factors=(tier_factor(customer.tier), fixed_factor(weight)),
                variant="round" if weight > 1.0 else "",
            )
        )
    return found


def renewal_rule(
    customer: Customer, history: History, today: date, settings: PlanSettings
) -> list[Due]:
    """A care touch ~90 days and a service touch ~30 days before the contract renewal.

    A renewal in the past produces nothing; each touch closes when the next one opens (the care
    touch) or at the renewal (the service touch), and a contact of its purpose from a week
    before its day on counts for it.
    """
    renewal = customer.renewal
    if renewal is None or renewal < today:
        return []
    horizon = today + timedelta(days=settings.horizon_days)
    care = renewal - timedelta(days=settings.renewal_care_days)
    service = renewal - timedelta(days=settings.renewal_service_days)
    found: list[Due] = []
    steps = (
        (
            care,
            service,
            "care",
            Purpose.CARE,
            _("Contract renewal on {date}: care touch well before"),
        ),
        (
            service,
            renewal,
            "service",
            Purpose.SERVICE,
            _("Contract renewal on {date}: service check"),
        ),
    )
    for occasion, closes, variant, purpose, why in steps:
        if today >= closes or occasion > horizon:
            continue
        key = _key(customer, Reason.RENEWAL, occasion)
        opens = occasion - timedelta(days=RENEWAL_EARLY_DAYS)
        if history.answered_between(opens, min(today + timedelta(days=1), closes), key, [purpose]):
            continue
        found.append(
            Due(
                key=key,
                customer=customer,
                reason=Reason.RENEWAL,
                occasion=occasion,
                target=occasion,
                purpose=purpose,
                fixed=False,
                greeting=False,
                why=why.format(date=format_date(renewal)),
                factors=(tier_factor(customer.tier),),
                variant=variant,
            )
        )
    return found


def manual_rule(
    customer: Customer, gestures: Sequence[Gesture], today: date, settings: PlanSettings
) -> list[Due]:
    """Gestures a rep planned by hand: on their day (the next business day if it is none)."""
    horizon = today + timedelta(days=settings.horizon_days)
    found: list[Due] = []
    for gesture in gestures:
        if gesture.reason is not Reason.MANUAL or gesture.status in (Status.DONE, Status.SKIPPED):
            continue
        if gesture.customer != customer.id or gesture.due > horizon:
            continue
        found.append(
            Due(
                key=gesture.key,
                customer=customer,
                reason=Reason.MANUAL,
                occasion=gesture.due,
                target=gesture.due,
                purpose=gesture.purpose,
                fixed=True,
                greeting=False,
                why=_("Planned by hand for {date}").format(date=format_date(gesture.due)),
                factors=(tier_factor(customer.tier), fixed_factor()),
                kind=gesture.kind,
                note=gesture.note,
            )
        )
    return found
