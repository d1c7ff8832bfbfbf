"""The demo's customers: who they are (names, companies, regions, birthdays) and what role each
plays in the story (fresh, neglected, year-end only, ...)."""

from __future__ import annotations

import math
import random
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from tui.demo import names
from tui.demo.tuning import (
    ARCHIVED_SHARE,
    FIRST_REP_SHARE,
    FRESH_SHARE,
    GAP_SHARE,
    NEGLECTED_SHARE,
    NEW_SHARE,
    PUSHY_SHARE,
    TIER_SHARES,
    YEAR_END_SHARE,
    T,
    _workday_before,
)
from tui.domain.dates import same_day_in
from tui.domain.model import (
    Birthday,
    Customer,
    Tier,
)
from tui.i18n import _


class _Pattern(Enum):
    NORMAL = "normal"
    FRESH = "fresh"
    NEW = "new"
    NEGLECTED = "neglected"
    OVERDUE = "overdue"
    YEAR_END = "year_end"
    GAP = "gap"
    ARCHIVED = "archived"


@dataclass(slots=True)
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

    def give(tier: Tier | None = None, **traits: object) -> None:
        """The next free customer (of ``tier``) of the first rep plays these ``_Role`` traits."""
        role = pick(mine(tier))
        if role:
            for name, value in traits.items():
                setattr(role, name, value)

    # The first rep's Today: overdue A-customers, birthdays, fresh customers, dates coming up.
    for silence in (38, 52, 71):
        give(Tier.A, pattern=_Pattern.OVERDUE, silence=silence)
    give(Tier.A, pattern=_Pattern.NEGLECTED, silence=134)
    for days, known in ((0, True), (2, True), (5, False)):
        give(birthday_in=days, birthday_year_known=known)
    for days in (1, 7):
        give(pattern=_Pattern.FRESH, since_days_ago=days)
    for days in (28, 88):
        give(renewal_in=days)
    give(jubilee_in=9)
    for days in (0, 3):
        give(manual_in=days)
    give(seller=True)

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
