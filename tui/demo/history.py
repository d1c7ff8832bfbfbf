"""The demo's history: each customer's contacts over the years, following the customer's role
(the gesture states a team leaves behind are :mod:`tui.demo.gestures`)."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from tui.demo import names
from tui.demo.people import _GIFTS, _HOURS, _Pattern, _Role, _weighted
from tui.demo.tuning import (
    _MAX_MONTH_WEIGHT,
    BIRTHDAY_REMEMBERERS,
    CARD_SENDERS,
    CONTACTS_PER_YEAR,
    GIFT_GIVERS,
    MONTH_WEIGHTS,
    TEAM_INTENSITY,
    WON_SHARE,
    _workday,
)
from tui.domain.gifts import currency_for
from tui.domain.model import Contact, Customer, Kind, Purpose


def _intensity(customers: int) -> float:
    """How much more a big book logs per customer: 1.0 for a rep's 300, ``TEAM_INTENSITY`` at 5,000.

    In a team book, service and inside-sales colleagues log too, so a customer-year has about 20
    contacts instead of a single rep's 17 (rep book: 300 x 5 ~ 25k contacts; team book: 5,000 x
    5 ~ 500k).
    """
    share = math.log(max(customers, 300) / 300) / math.log(5000 / 300)
    return 1.0 + (TEAM_INTENSITY - 1.0) * min(1.0, share)


# --- one customer's history --------------------------------------------------------------------

_PURPOSES = {
    # (normal months, December): care / service / sales
    False: (
        _weighted(((Purpose.CARE, 35), (Purpose.SERVICE, 35), (Purpose.SALES, 30))),
        _weighted(((Purpose.CARE, 28), (Purpose.SERVICE, 25), (Purpose.SALES, 47))),
    ),
    True: (
        _weighted(((Purpose.CARE, 5), (Purpose.SERVICE, 12), (Purpose.SALES, 83))),
        _weighted(((Purpose.CARE, 3), (Purpose.SERVICE, 7), (Purpose.SALES, 90))),
    ),
}
_KINDS = {
    Purpose.CARE: _weighted(
        (
            (Kind.CALL, 38),
            (Kind.EMAIL, 18),
            (Kind.MESSAGE, 16),
            (Kind.CARD, 8),
            (Kind.VISIT, 12),
            (Kind.MEETING, 8),
        )
    ),
    Purpose.SERVICE: _weighted(
        ((Kind.CALL, 40), (Kind.EMAIL, 35), (Kind.VISIT, 10), (Kind.MEETING, 8), (Kind.MESSAGE, 7))
    ),
    Purpose.SALES: _weighted(
        ((Kind.CALL, 52), (Kind.MEETING, 18), (Kind.VISIT, 15), (Kind.EMAIL, 15))
    ),
}
_MINUTES = {
    Kind.CALL: (3, 25),
    Kind.EMAIL: (2, 12),
    Kind.MESSAGE: (1, 3),
    Kind.CARD: (5, 12),
    Kind.GIFT: (10, 30),
    Kind.VISIT: (45, 120),
    Kind.MEETING: (30, 90),
}
_FOLLOW_UPS = (
    (1, 0.6, Purpose.CARE, names.FOLLOW_UP_NOTES[0]),
    (7, 0.6, Purpose.SERVICE, names.FOLLOW_UP_NOTES[1]),
    (30, 0.5, Purpose.CARE, names.FOLLOW_UP_NOTES[2]),
    (90, 0.4, Purpose.CARE, names.FOLLOW_UP_NOTES[3]),
)
_NOTES = {
    Purpose.CARE: names.CARE_NOTES,
    Purpose.SERVICE: names.SERVICE_NOTES,
    Purpose.SALES: names.SALES_NOTES,
}


class _History:
    """Draws one customer's contacts inside the days they may have any."""

    def __init__(
        self,
        rng: random.Random,
        position: int,
        customer: Customer,
        role: _Role,
        reps: tuple[str, ...],
        first_day: date,
        until: date,
        intensity: float,
    ) -> None:
        self.rng = rng
        self.position = position
        self.customer = customer
        self.role = role
        self.covers = tuple(r for r in reps if r != customer.owner)
        self.sellers = {reps[1]} if len(reps) > 1 else set()
        self.until = until
        self.first_day = first_day
        self.start = max(first_day, customer.since or first_day)
        self.end = until
        self.gap: tuple[date, date] | None = None
        self.contacts: list[Contact] = []
        self.intensity = intensity

    def allowed(self, day: date) -> bool:
        if not self.start <= day <= self.end:
            return False
        return self.gap is None or not self.gap[0] <= day <= self.gap[1]

    def add(
        self,
        day: date,
        kind: Kind,
        purpose: Purpose,
        note: str,
        *,
        rep: str | None = None,
        gift: Decimal | None = None,
        won: bool = False,
        exact: bool = False,
    ) -> None:
        """Log one contact on ``day`` (moved to a working day unless ``exact``) if allowed."""
        if not exact:
            if day > self.end:
                return  # after the end of history (this year's December): not yet happened
            day = _workday(day, self.end)
        if not exact and not self.allowed(day):
            return
        rng = self.rng
        low, high = _MINUTES[kind]
        minutes = None if rng.random() < 0.08 else low + int(rng.random() * (high - low + 1))
        # On the last day only early contacts: a demo opened in the morning has no future in it.
        hour = 8 if day == self.until else _HOURS[int(rng.random() * len(_HOURS))]
        at = datetime(day.year, day.month, day.day, hour, int(rng.random() * 60))
        self.contacts.append(
            Contact(
                customer=self.position,
                at=at,
                kind=kind,
                purpose=purpose,
                minutes=minutes,
                note=note,
                rep=rep or self.customer.owner,
                amount=gift,
                currency=None if gift is None else currency_for(self.customer.region),
                won=won,
            )
        )

    def draw(self) -> list[Contact]:
        rng, role, customer, until = self.rng, self.role, self.customer, self.until
        pattern = role.pattern
        since = customer.since or self.start

        if since >= self.start:  # became a customer inside the window: prospecting, then the deal
            for _i in range(rng.randint(1, 4)):
                self.add_before_since(since - timedelta(days=rng.randint(3, 90)), since)
            self.add(
                since,
                Kind.MEETING,
                Purpose.SALES,
                rng.choice(names.WON_NOTES),
                won=True,
                exact=True,
            )
        if pattern is _Pattern.FRESH:
            return self.contacts  # the product exists to catch this: no follow-up yet

        if pattern in (_Pattern.NEGLECTED, _Pattern.OVERDUE):
            silence = role.silence if role.silence is not None else rng.randint(95, 420)
            self.end = until - timedelta(days=silence)
        elif pattern is _Pattern.ARCHIVED:
            self.end = until - timedelta(days=rng.randint(200, 700))
        elif pattern is _Pattern.GAP:
            length = rng.randint(100, 250)
            latest = (until - timedelta(days=60 + length) - self.start).days
            if latest > 0:
                gap_start = self.start + timedelta(days=rng.randint(0, latest))
                self.gap = (gap_start, gap_start + timedelta(days=length))
        if self.end < self.start:
            return self.contacts

        if pattern is _Pattern.NEW and since >= self.start:
            for after, chance, purpose, note in _FOLLOW_UPS:
                if rng.random() < chance:
                    self.add(since + timedelta(days=after), Kind.CALL, purpose, note)

        self.regular(year_end_only=pattern is _Pattern.YEAR_END)
        self.occasions()
        return self.contacts

    def add_before_since(self, day: date, since: date) -> None:
        """A prospecting call before the customer signed (before ``start`` is fine here)."""
        day = _workday(day, since - timedelta(days=1))
        if day < self.first_day:
            return
        kind = self.rng.choice((Kind.CALL, Kind.CALL, Kind.MEETING, Kind.EMAIL))
        self.add(day, kind, Purpose.SALES, self.rng.choice(names.SALES_NOTES), exact=True)

    def regular(self, *, year_end_only: bool) -> None:
        rng, role = self.rng, self.role
        span = (self.end - self.start).days + 1
        rate = CONTACTS_PER_YEAR[role.tier] * self.intensity * rng.uniform(0.6, 1.4)
        if year_end_only:
            rate = 1.5
        count = round(rate * span / 365)
        seller = role.seller or self.customer.owner in self.sellers
        for _i in range(count):
            day = self.start + timedelta(days=int(rng.random() * span))
            while rng.random() * _MAX_MONTH_WEIGHT > MONTH_WEIGHTS[day.month - 1]:
                day = self.start + timedelta(days=int(rng.random() * span))
            self.one(day, seller)
        if year_end_only:  # the year-end rush: a few sales calls from mid-November on
            for year in range(self.start.year, self.end.year + 1):
                for _i in range(rng.randint(2, 5)):
                    day = date(year, 11, 15) + timedelta(days=rng.randint(0, 37))
                    self.add(
                        day,
                        rng.choice(_KINDS[Purpose.SALES]),
                        Purpose.SALES,
                        rng.choice(names.SALES_NOTES),
                    )

    def one(self, day: date, seller: bool) -> None:
        rng = self.rng
        rep = None
        if self.covers and rng.random() < 0.07:
            rep = rng.choice(self.covers)
        purposes = _PURPOSES[seller or rep in self.sellers][day.month == 12]
        purpose = purposes[int(rng.random() * len(purposes))]
        kinds = _KINDS[purpose]
        kind = kinds[int(rng.random() * len(kinds))]
        won = purpose is Purpose.SALES and rng.random() < WON_SHARE
        if won:
            note = rng.choice(names.WON_NOTES)
        elif rng.random() < 0.22:
            note = ""
        else:
            note = rng.choice(_NOTES[purpose])
        self.add(day, kind, purpose, note, rep=rep, won=won)

    def occasions(self) -> None:
        """Christmas cards and gifts, birthday greetings, now and then a small thank-you gift."""
        rng, customer = self.rng, self.customer
        gifts = rng.random() < GIFT_GIVERS[customer.tier]
        cards = rng.random() < CARD_SENDERS
        greets = customer.birthday is not None and rng.random() < BIRTHDAY_REMEMBERERS
        for year in range(self.start.year, self.end.year + 1):
            if gifts and rng.random() < 0.85:
                day = date(year, 12, rng.randint(1, 20))
                self.add(
                    day,
                    Kind.GIFT,
                    Purpose.CARE,
                    rng.choice(names.GIFT_NOTES),
                    gift=rng.choice(_GIFTS),
                )
            if cards and rng.random() < 0.9:
                day = date(year, 12, rng.randint(8, 22))
                self.add(day, Kind.CARD, Purpose.CARE, rng.choice(names.CHRISTMAS_CARD_NOTES))
            if greets and customer.birthday is not None and rng.random() < 0.75:
                kind = rng.choice((Kind.CALL, Kind.CARD, Kind.MESSAGE, Kind.EMAIL))
                self.add(
                    customer.birthday.in_year(year),
                    kind,
                    Purpose.CARE,
                    rng.choice(names.BIRTHDAY_NOTES),
                )
            if rng.random() < 0.04:
                day = date(year, rng.randint(2, 10), rng.randint(1, 28))
                self.add(
                    day,
                    Kind.GIFT,
                    Purpose.CARE,
                    rng.choice(names.SMALL_GIFT_NOTES),
                    gift=rng.choice(names.SMALL_GIFT_EUR),
                )
