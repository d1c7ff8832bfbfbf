"""Deterministic demo books: a realistic customer base with the habits the product exists to fix.

``generate_demo`` is pure: the same arguments give the same data, with no global random state and
no clock (``until`` is the last day of history). ``write_demo`` puts that data into a fresh book.

What the history shows, so the Today list, the heatmap and the gift ledger have something to say:

- customers neglected for months (some of them A-customers), and a few with a long gap mid-history;
- a December bunching in past years: more calls, Christmas cards and gifts (some above 50 EUR);
- one rep (the second login) who calls almost only to sell, and some customers everybody only
  sells to;
- won sales, after-sale follow-ups for most new customers, and fresh customers without any;
- birthdays (some without a year, some on 29 February), founding dates with round anniversaries
  in the coming months, renewals in the coming months, tags, notes with ``[brackets]`` and ``$``.

The first rep owns about a third of the customers and gets a full Today: A-customers overdue,
a birthday today and two this week, two fresh customers waiting for their after-sale call,
renewals and a round company anniversary coming up, a manual gesture due today.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

from tui.demo import names
from tui.domain.dates import same_day_in
from tui.domain.gifts import currency_for
from tui.domain.model import (
    Birthday,
    Contact,
    Customer,
    Gesture,
    Kind,
    Purpose,
    Reason,
    Status,
    Tier,
    gesture_key,
)
from tui.i18n import _

Progress = Callable[[int, int], None]
T = TypeVar("T")

# Shares of the customer base; small books round, but each pattern appears at least once.
TIER_SHARES = {Tier.A: 0.20, Tier.B: 0.30}
FIRST_REP_SHARE = 1 / 3
FRESH_SHARE = 0.02  # customer since the last 30 days, no follow-up yet
NEW_SHARE = 0.05  # customer since 1-12 months, after-sale follow-ups (mostly) done
NEGLECTED_SHARE = 0.10  # no contact for 95-420 days
YEAR_END_SHARE = 0.06  # contacted almost only in November and December
GAP_SHARE = 0.12  # one silence of 100-250 days somewhere in the past
ARCHIVED_SHARE = 0.01
PUSHY_SHARE = 0.08  # customers of other reps that hear from us only when we sell

# Regular contacts per year by tier (before the per-customer spread of 0.6-1.4), plus the extras
# (cards, gifts, birthday greetings, follow-ups): about 17 contacts per customer and year overall.
CONTACTS_PER_YEAR = {Tier.A: 40.0, Tier.B: 20.0, Tier.C: 10.6}
TEAM_INTENSITY = 1.22  # see _intensity
GIFT_GIVERS = {Tier.A: 0.70, Tier.B: 0.40, Tier.C: 0.10}
CARD_SENDERS = 0.55
BIRTHDAY_REMEMBERERS = 0.35
WON_SHARE = 0.10  # of sales contacts

# Month weights of regular contacts: a summer lull and the year-end rush (December about 2x).
MONTH_WEIGHTS = (0.85, 0.95, 1.0, 1.0, 1.0, 0.95, 0.8, 0.7, 1.0, 1.05, 1.15, 1.95)
_MAX_MONTH_WEIGHT = max(MONTH_WEIGHTS)
_CADENCE_DAYS = {Tier.A: 30, Tier.B: 90, Tier.C: 180}  # the engine's defaults, for snoozed states
_NO_WORK = {(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)}


class DemoBookExists(FileExistsError):
    """``write_demo`` never overwrites a file; the caller asks the user first."""


@dataclass(frozen=True)
class DemoData:
    """A generated book: customers without ids, contacts and gestures by 1-based position."""

    customers: list[Customer]
    contacts: list[Contact]
    gestures: list[Gesture]
    reps: tuple[str, ...]
    first_day: date
    until: date


@dataclass(frozen=True)
class DemoSummary:
    """What ``write_demo`` wrote, for the command line to print."""

    path: Path
    customers: int
    contacts: int
    gestures: int
    reps: tuple[str, ...]
    first_day: date
    until: date


def demo_reps(login: str) -> list[str]:
    """The team for ``kp --demo``: the person running it first, then the default colleagues."""
    return [login, *(rep for rep in names.DEFAULT_REPS if rep != login)]


def generate_demo(
    *,
    customers: int = 300,
    years: int = 5,
    seed: int = 1,
    until: date,
    reps: Sequence[str] | None = None,
) -> DemoData:
    """A demo book of ``customers`` with ``years`` of history ending on ``until`` (inclusive).

    ``reps`` are the logins that own the customers (default: a team of four; a login given twice
    counts once); the first owns about a third of them (half of two, all if alone) and the
    second, if any, calls almost only to sell.
    """
    return _generate(customers=customers, years=years, seed=seed, until=until, reps=reps)


def write_demo(
    path: Path,
    *,
    customers: int = 300,
    years: int = 5,
    seed: int = 1,
    until: date,
    reps: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Generate a demo book and write it to the new file ``path`` in one atomic load.

    Raises ``DemoBookExists`` if ``path`` exists. ``progress(done, total)`` is called as the
    customers are generated and once more when the book is on disk (done == total).
    """
    path = Path(path)
    if path.exists():
        raise DemoBookExists(
            _("{path} already exists; choose another file or delete it first").format(path=path)
        )
    # Writing takes about 3/4 of the generating time (bench/bench_demo.py, 5,000 x 5 customers).
    total = customers + max(1, customers * 3 // 4)
    data = _generate(
        customers=customers,
        years=years,
        seed=seed,
        until=until,
        reps=reps,
        progress=progress,
        total=total,
    )
    from tui.store.book import Book

    book = Book.open(path, create=True)
    try:
        book.bulk_load(data.customers, data.contacts, data.gestures)
        book.update_settings({"capacity": 8, "region": "DE"})
    finally:
        book.close()
    if progress is not None:
        progress(total, total)
    return DemoSummary(
        path=path,
        customers=len(data.customers),
        contacts=len(data.contacts),
        gestures=len(data.gestures),
        reps=data.reps,
        first_day=data.first_day,
        until=data.until,
    )


# --- the cast: who is who, decided up front so each customer's history is drawn in one go -------


class _Pattern(Enum):
    NORMAL = "normal"
    FRESH = "fresh"
    NEW = "new"
    NEGLECTED = "neglected"
    OVERDUE = "overdue"
    YEAR_END = "year_end"
    GAP = "gap"
    ARCHIVED = "archived"


@dataclass
class _Role:
    """One customer's part in the story; the specials pin a date relative to ``until``."""

    tier: Tier
    owner: str
    pattern: _Pattern = _Pattern.NORMAL
    seller: bool = False  # only sales calls, by whoever calls
    birthday_in: int | None = None  # days from until
    birthday_year_known: bool = True
    leap_birthday: bool = False
    since_days_ago: int | None = None
    renewal_in: int | None = None
    jubilee_in: int | None = None
    literal_note: str | None = None
    manual_in: int | None = None
    silence: int | None = None  # days without contact up to until (None: drawn)


def _check_arguments(customers: int, years: int, reps: Sequence[str]) -> None:
    if customers < 1:
        raise ValueError(_("a demo book needs at least one customer"))
    if not 1 <= years <= 50:
        raise ValueError(_("years of history must be between 1 and 50"))
    if not reps or any(not rep.strip() or len(rep) > 100 for rep in reps):
        raise ValueError(_("rep logins must be non-empty and at most 100 characters"))


def _cast(rng: random.Random, count: int, reps: tuple[str, ...]) -> list[_Role]:
    n_a = round(count * TIER_SHARES[Tier.A])
    n_b = round(count * TIER_SHARES[Tier.B])
    tiers = [Tier.A] * n_a + [Tier.B] * n_b + [Tier.C] * (count - n_a - n_b)
    rng.shuffle(tiers)

    first_share = 1.0 if len(reps) == 1 else max(FIRST_REP_SHARE, 1 / len(reps))
    first_count = max(1, round(count * first_share))
    first = set(rng.sample(range(count), first_count))
    others = reps[1:] or reps
    owners: list[str] = []
    turn = 0
    for position in range(count):
        if position in first:
            owners.append(reps[0])
        else:
            owners.append(others[turn % len(others)])
            turn += 1
    seller = reps[1] if len(reps) > 1 else None
    roles = [
        _Role(tier=tier, owner=owner, seller=owner == seller)
        for tier, owner in zip(tiers, owners, strict=True)
    ]

    order = rng.sample(range(count), count)
    taken: set[int] = set()

    def pick(candidates: Iterator[int]) -> _Role | None:
        for position in candidates:
            if position not in taken:
                taken.add(position)
                return roles[position]
        return None

    def mine(tier: Tier | None = None) -> Iterator[int]:
        return (p for p in order if p in first and (tier is None or roles[p].tier is tier))

    # The first rep's Today: overdue A-customers, birthdays, fresh customers, dates coming up.
    for silence in (38, 52, 71):
        role = pick(mine(Tier.A))
        if role:
            role.pattern, role.silence = _Pattern.OVERDUE, silence
    role = pick(mine(Tier.A))
    if role:
        role.pattern, role.silence = _Pattern.NEGLECTED, 134
    for days, known in ((0, True), (2, True), (5, False)):
        role = pick(mine())
        if role:
            role.birthday_in, role.birthday_year_known = days, known
    for days in (1, 7):
        role = pick(mine())
        if role:
            role.pattern, role.since_days_ago = _Pattern.FRESH, days
    for days in (28, 88):
        role = pick(mine())
        if role:
            role.renewal_in = days
    role = pick(mine())
    if role:
        role.jubilee_in = 9
    for days in (0, 3):
        role = pick(mine())
        if role:
            role.manual_in = days
    role = pick(mine())
    if role:
        role.seller = True

    # The rest of the book, in fixed shares (neglect hits A-customers too: a third of it).
    rest = [p for p in order if p not in taken]
    quotas = [
        (_Pattern.FRESH, FRESH_SHARE),
        (_Pattern.NEW, NEW_SHARE),
        (_Pattern.YEAR_END, YEAR_END_SHARE),
        (_Pattern.GAP, GAP_SHARE),
        (_Pattern.ARCHIVED, ARCHIVED_SHARE),
    ]
    neglected = max(1, round(count * NEGLECTED_SHARE))
    a_first = [p for p in rest if roles[p].tier is Tier.A][: math.ceil(neglected / 3)]
    for position in a_first + [p for p in rest if p not in a_first]:
        if neglected == 0:
            break
        if position not in taken:
            taken.add(position)
            roles[position].pattern = _Pattern.NEGLECTED
            neglected -= 1
    pool = iter([p for p in rest if p not in taken])
    for pattern, share in quotas:
        for _index in range(max(1, round(count * share))):
            role = pick(pool)
            if role:
                role.pattern = pattern
    for position in order:
        if not roles[position].seller and rng.random() < PUSHY_SHARE:
            roles[position].seller = True

    # Odd data the UI must show right: 29 February birthdays, notes with markup-like text.
    leap = [p for p in order if roles[p].birthday_in is None][: max(1, count // 250)]
    for position in leap:
        roles[position].leap_birthday = True
    for note, position in zip(names.LITERAL_NOTES, reversed(order), strict=False):
        roles[position].literal_note = note
    return roles


# --- one customer ------------------------------------------------------------------------------


def _weighted(items: Sequence[tuple[T, int]]) -> tuple[T, ...]:
    """A lookup table: each item repeated by its weight, so a draw is one index."""
    return tuple(item for item, weight in items for _count in range(weight))


_LEGAL_DE = _weighted(names.LEGAL_FORMS)
_LEGAL_AT = _weighted((("GmbH", 60), ("KG", 14), ("AG", 8), ("e.U.", 12), ("OG", 6)))
_LEGAL_CH = _weighted((("AG", 55), ("GmbH", 45)))
_REGIONS = _weighted(tuple(((code, areas), weight) for code, weight, areas in names.REGIONS))
_GIFTS = _weighted(names.CHRISTMAS_GIFT_EUR)
_HOURS = _weighted(
    ((8, 5), (9, 12), (10, 14), (11, 13), (12, 5), (13, 8), (14, 13), (15, 12), (16, 10), (17, 5))
)
_LEGAL_SLUGS = (
    "-gmbh-co-kg",
    "-haftungsbeschraenkt",
    "-gmbh",
    "-ag",
    "-kg",
    "-ohg",
    "-og",
    "-ug",
    "-e-k",
    "-e-u",
)
_COUNTRY = {"DE": "+49", "AT": "+43", "CH": "+41"}
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "ł": "l"})


def _slug(text: str) -> str:
    """``Müller & Söhne`` -> ``mueller-soehne``: the ASCII form for e-mail addresses."""
    ascii_text = unicodedata.normalize("NFKD", text.lower().translate(_TRANSLIT))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii")
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text).split()
    return "-".join(words)


def _company(rng: random.Random, country: str, last: str) -> str:
    """A company name with a legal form typical for the country."""
    legal_table = {"AT": _LEGAL_AT, "CH": _LEGAL_CH}.get(country, _LEGAL_DE)
    legal = rng.choice(legal_table)
    corporate = legal if legal in {"GmbH", "AG", "GmbH & Co. KG"} else "GmbH"
    industry = rng.choice(names.INDUSTRIES)
    other = rng.choice(names.LAST_NAMES)
    draw = rng.random()
    if draw < 0.40:
        name = f"{last} {industry} {legal}"
    elif draw < 0.56:
        name = f"{rng.choice(names.PLACE_ADJECTIVES)} {industry} {corporate}"
    elif draw < 0.66:
        partner = "Söhne" if rng.random() < 0.3 or other == last else other
        name = f"{last} & {partner} {legal}"
    elif draw < 0.78:
        sole = {"AT": "e.U.", "CH": "GmbH"}.get(country, "e.K.")
        name = f"{rng.choice(names.SMALL_TRADES)} {last} {sole}"
    elif draw < 0.88:
        firm = rng.choice(names.PROFESSIONAL_FIRMS)
        name = firm.format(last=last, last2=other, legal=corporate)
    else:
        suffix = rng.choice(("Tec", "Plan", "Form", "Tronic", "Pack", "Log", "Werk"))
        name = f"{last}-{suffix} {corporate}"
    return name


def _domain(company: str) -> str:
    """``Müller Logistik GmbH & Co. KG`` -> ``mueller-logistik`` (legal forms dropped)."""
    domain = _slug(company)
    previous = ""
    while previous != domain:
        previous = domain
        for form in _LEGAL_SLUGS:
            domain = domain.removesuffix(form)
    return domain


def _birthday_year(rng: random.Random, month: int, day: int) -> int:
    while True:
        year = rng.randint(1955, 1998)
        if month != 2 or day != 29 or year % 4 == 0:
            return year


def _phone(rng: random.Random, country: str, areas: tuple[str, ...]) -> str:
    extension = ""
    if country == "DE" and rng.random() < 0.12:
        area, digits = rng.choice(names.MOBILE_PREFIXES), 8
    else:
        area = rng.choice(areas)
        digits = 9 - len(area) + rng.randint(0, 1)
        if rng.random() < 0.2:
            extension = f"-{rng.randint(10, 89)}"  # a direct line in a company's switchboard
    number = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _i in range(digits - 1))
    return f"{_COUNTRY[country]} {area} {number}{extension}"


def _customer(rng: random.Random, role: _Role, until: date, used: set[str]) -> Customer:
    region, areas = rng.choice(_REGIONS)
    country = region[:2]
    first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
    for attempt in range(30):
        family = rng.choice(names.LAST_NAMES) if rng.random() < 0.7 else last
        company = _company(rng, country, family)
        if attempt >= 20:
            company = f"{company} Werk {attempt - 18}"
        if company not in used:
            break
    used.add(company)

    domain = _domain(company)
    tld = {"AT": "at", "CH": "ch"}.get(country, "de")
    mail = rng.random()
    if mail < 0.88:
        email = f"{_slug(first)}.{_slug(last)}@{domain}.{tld}"
    elif mail < 0.93:
        email = f"info@{domain}.{tld}"
    else:
        email = ""
    phone = _phone(rng, country, areas) if rng.random() < 0.97 else ""

    birthday: Birthday | None = None
    if role.birthday_in is not None:
        day = until + timedelta(days=role.birthday_in)
        year = _birthday_year(rng, day.month, day.day) if role.birthday_year_known else None
        birthday = Birthday(day.month, day.day, year)
    elif role.leap_birthday:
        birthday = Birthday(2, 29, _birthday_year(rng, 2, 29) if rng.random() < 0.5 else None)
    elif rng.random() < 0.82:
        day = date(2001, 1, 1) + timedelta(days=rng.randrange(365))
        known = rng.random() >= 0.25
        year = _birthday_year(rng, day.month, day.day) if known else None
        birthday = Birthday(day.month, day.day, year)

    founded: date | None = None
    if role.jubilee_in is not None or rng.random() < 0.08:
        coming = until + timedelta(days=role.jubilee_in or rng.randint(5, 120))
        years = 25 if role.jubilee_in is not None else rng.choice((10, 20, 25, 50, 75, 100, 125))
        founded = same_day_in(coming, coming.year - years)
    elif rng.random() < 0.92:
        draw = rng.random()
        low, high = (1990, 2020) if draw < 0.35 else (1950, 1989) if draw < 0.7 else (1870, 1949)
        year = min(rng.randint(low, high), until.year - 3)
        founded = date(year, 1, 1) + timedelta(days=rng.randrange(365))

    if role.since_days_ago is not None:
        since = _workday_before(until - timedelta(days=role.since_days_ago))
    elif role.pattern is _Pattern.FRESH:
        since = _workday_before(until - timedelta(days=rng.randint(2, 27)))
    elif role.pattern is _Pattern.NEW:
        since = _workday_before(until - timedelta(days=rng.randint(35, 360)))
    else:
        earliest = until - timedelta(days=25 * 365)
        if founded is not None and founded > earliest:
            earliest = founded + timedelta(days=rng.randint(30, 400))
        latest = until - timedelta(days=400)
        span = max(0, (latest - earliest).days)
        since = _workday_before(earliest + timedelta(days=rng.randint(0, span)))

    renewal: date | None = None
    if role.renewal_in is not None:
        renewal = until + timedelta(days=role.renewal_in)
    elif role.pattern is not _Pattern.ARCHIVED and rng.random() < 0.4:
        renewal = until + timedelta(days=rng.randint(1, 365))

    tags = tuple(rng.sample(names.TAGS, rng.choice((0, 0, 0, 1, 1, 1, 1, 2, 2, 3))))
    if role.tier is Tier.A and rng.random() < 0.5 and "Key Account" not in tags:
        tags = ("Key Account", *tags)
    if role.pattern is _Pattern.ARCHIVED:
        notes = rng.choice(("Zum Wettbewerb gewechselt.", "Betrieb aufgegeben.", "Übernommen."))
    elif role.literal_note is not None:
        notes = role.literal_note
    elif rng.random() < 0.35:
        notes = rng.choice(names.CUSTOMER_NOTES)
    else:
        notes = ""
    cadence = rng.choice((14, 21, 45, 60, 120)) if rng.random() < 0.03 else None
    return Customer(
        name=f"{first} {last}",
        company=company,
        tier=role.tier,
        owner=role.owner,
        phone=phone,
        email=email,
        birthday=birthday,
        founded=founded,
        since=since,
        renewal=renewal,
        region=region,
        tags=tags,
        notes=notes,
        archived=role.pattern is _Pattern.ARCHIVED,
        cadence_days=cadence,
        renewal_months=12 if renewal is not None else None,  # yearly contracts roll forward
    )


def _workday(day: date, last: date) -> date:
    """The nearest working day (Saturday back, Sunday on, holidays back), not after ``last``."""
    if day.weekday() == 5:
        day -= timedelta(days=1)
    elif day.weekday() == 6:
        day += timedelta(days=1)
    while day > last or day.weekday() >= 5 or (day.month, day.day) in _NO_WORK:
        day -= timedelta(days=1)
    return day


def _workday_before(day: date) -> date:
    """``day`` or the working day before it (a deal is signed on a working day)."""
    while day.weekday() >= 5 or (day.month, day.day) in _NO_WORK:
        day -= timedelta(days=1)
    return day


def _intensity(customers: int) -> float:
    """How much more a big book logs per customer: 1.0 for a rep's 300, ``TEAM_INTENSITY`` at 5,000.

    In a team book, service and inside-sales colleagues log too, so a customer-year has about 20
    contacts instead of a single rep's 17 (DESIGN.md: 300 x 5 ~ 25k, 5,000 x 5 ~ 500k contacts).
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


# --- gestures: what the engine cannot compute ------------------------------------------------


def _gestures(
    rng: random.Random,
    roles: Sequence[_Role],
    customers: Sequence[Customer],
    last_contact: Sequence[date | None],
    until: date,
) -> list[Gesture]:
    """Manual gestures, snoozed cadence gestures and skipped birthdays, for a few customers."""
    gestures: list[Gesture] = []
    for index, (role, customer) in enumerate(zip(roles, customers, strict=True)):
        position = index + 1
        if customer.archived:
            continue
        draw = rng.random()
        if role.manual_in is not None or draw < 0.012:
            due = until + timedelta(
                days=role.manual_in if role.manual_in is not None else rng.randint(-2, 10)
            )
            gestures.append(
                Gesture(
                    key=gesture_key(position, Reason.MANUAL, due),
                    customer=position,
                    reason=Reason.MANUAL,
                    due=due,
                    kind=rng.choice((Kind.CALL, Kind.VISIT, Kind.EMAIL, Kind.CARD)),
                    purpose=Purpose.CARE,
                    note=rng.choice(names.MANUAL_GESTURE_NOTES),
                    rep=customer.owner,
                )
            )
            continue
        last = last_contact[index]
        cadence = customer.cadence_days or _CADENCE_DAYS[customer.tier]
        occasion = last + timedelta(days=cadence) if last is not None else until
        if occasion <= until and role.pattern is not _Pattern.OVERDUE:
            if rng.random() < 0.2:  # overdue, and the rep pushed it back a few days
                gestures.append(
                    Gesture(
                        key=gesture_key(position, Reason.CADENCE, occasion),
                        customer=position,
                        reason=Reason.CADENCE,
                        due=occasion,
                        status=Status.SNOOZED,
                        until=until + timedelta(days=rng.randint(2, 9)),
                        note=rng.choice(names.SNOOZE_NOTES),
                        rep=customer.owner,
                    )
                )
        elif draw < 0.03 and customer.birthday is not None:
            occasion = customer.birthday.in_year(until.year)
            if occasion >= until:
                occasion = customer.birthday.in_year(until.year - 1)
            gestures.append(
                Gesture(
                    key=gesture_key(position, Reason.BIRTHDAY, occasion),
                    customer=position,
                    reason=Reason.BIRTHDAY,
                    due=occasion,
                    kind=Kind.CARD,
                    status=Status.SKIPPED,
                    rep=customer.owner,
                )
            )
    return gestures


# --- the whole book ----------------------------------------------------------------------------


def _generate(
    *,
    customers: int,
    years: int,
    seed: int,
    until: date,
    reps: Sequence[str] | None,
    progress: Progress | None = None,
    total: int | None = None,
) -> DemoData:
    team = tuple(dict.fromkeys(reps)) if reps is not None else names.DEFAULT_REPS  # no twins
    _check_arguments(customers, years, team)
    rng = random.Random(f"kundenpflege-demo:{seed}")  # a str seed is hashed stably (SHA-512)
    first_day = same_day_in(until, until.year - years) + timedelta(days=1)
    roles = _cast(rng, customers, team)
    intensity = _intensity(customers)
    used: set[str] = set()
    people: list[Customer] = []
    contacts: list[Contact] = []
    last_contact: list[date | None] = []
    step = max(1, customers // 200)
    for index, role in enumerate(roles):
        customer = _customer(rng, role, until, used)
        history = _History(rng, index + 1, customer, role, team, first_day, until, intensity).draw()
        people.append(customer)
        contacts.extend(history)
        last_contact.append(max(c.at for c in history).date() if history else None)
        done = index + 1
        if progress is not None and (done % step == 0 or done == customers):
            progress(done, total or customers)
    contacts.sort(key=attrgetter("at"))  # a log grows in time order: ids follow it
    gestures = _gestures(rng, roles, people, last_contact, until)
    return DemoData(
        customers=people,
        contacts=contacts,
        gestures=gestures,
        reps=team,
        first_day=first_day,
        until=until,
    )
