"""The domain's nouns: customers, the contacts we logged with them, and gestures we plan.

Frozen dataclasses that validate themselves on construction, so an invalid customer or contact can
never reach the book or the engine. Every error is a ``ValidationError`` whose message names the
field and says what is wrong, in English (the CLI and app translate the field names they show).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar


class ValidationError(ValueError):
    """A value that cannot be a valid part of a customer, contact or gesture.

    ``field`` names the offending field (so a form can mark it; ``code`` is ``invalid.FIELD``).
    ``str()`` is the English line (``field: what is wrong``); with a ``template`` and its
    ``values`` the front ends translate it (``tui.messages.describe``).
    """

    def __init__(
        self,
        message: str,
        field: str | None = None,
        *,
        template: str | None = None,
        values: dict[str, object] | None = None,
        prefixed: bool = True,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.code = f"invalid.{field}" if field else "invalid"
        self.template = template
        self.values = values or {}
        self.prefixed = prefixed


def invalid(field_name: str, message: str, **values: object) -> ValidationError:
    """A ValidationError for ``field_name``: ``message`` is an English template for ``values``."""
    return ValidationError(
        f"{field_name}: {message.format(**values)}", field_name, template=message, values=values
    )


class Tier(StrEnum):
    """How important a customer is; decides the default cadence (A most often)."""

    A = "A"
    B = "B"
    C = "C"


class Kind(StrEnum):
    """How a contact happened or a gesture is meant to be made."""

    CALL = "call"
    EMAIL = "email"
    CARD = "card"
    GIFT = "gift"
    VISIT = "visit"
    MEETING = "meeting"
    MESSAGE = "message"


class Purpose(StrEnum):
    """Why we contacted the customer: only sales calls lose customers, so the mix matters."""

    CARE = "care"
    SERVICE = "service"
    SALES = "sales"


class Reason(StrEnum):
    """Why the engine proposes a gesture."""

    CADENCE = "cadence"
    CARE_BALANCE = "care_balance"
    AFTER_SALE = "after_sale"
    BIRTHDAY = "birthday"
    FOUNDING = "founding"
    CUSTOMER_SINCE = "customer_since"
    RENEWAL = "renewal"
    MANUAL = "manual"
    NEW_YEAR = "new_year"
    CHRISTMAS = "christmas"


class Status(StrEnum):
    """The state of a gesture occurrence; ``open`` is the default and is never stored."""

    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"


_REGION = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
#: holidays kept only in parts of a state, a customer may opt into (see tui.domain.regions)
LOCAL_HOLIDAYS = ("", "catholic", "augsburg")
_PHONE = re.compile(r"[0-9+()/ .\-]{3,50}")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MAX_TEXT = 10_000

E = TypeVar("E", bound=StrEnum)


def parse_enum(enum: type[E], value: str | E, field_name: str) -> E:
    """``value`` as a member of ``enum`` (any case), or a ValidationError listing the choices."""
    if isinstance(value, enum):
        return value
    try:
        return enum(value)  # a stored value as it is: one lookup (the book holds thousands)
    except (ValueError, TypeError):
        pass
    text = str(value).strip()
    for member in enum:
        if member.value.lower() == text.lower():
            return member
    choices = ", ".join(m.value for m in enum)
    raise invalid(field_name, "{value!r} is not one of {choices}", value=value, choices=choices)


@dataclass(frozen=True, order=True)
class Birthday:
    """A day of the year, with or without the year of birth (``--MM-DD`` when unknown)."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        probe_year = self.year if self.year is not None else 2000  # 2000 is a leap year
        if self.year is not None and not 1900 <= self.year <= 2100:
            raise invalid("birthday", "year {year} is out of range", year=self.year)
        try:
            date(probe_year, self.month, self.day)
        except ValueError:
            raise invalid(
                "birthday",
                "{month:02d}-{day:02d} is not a day of the year",
                month=self.month,
                day=self.day,
            ) from None

    @classmethod
    def parse(cls, text: str) -> Birthday:
        """Read ``YYYY-MM-DD`` or ``--MM-DD`` (the stored forms)."""
        value = text.strip()
        match = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", value)
        if not match:
            raise invalid("birthday", "{text!r} is not YYYY-MM-DD or --MM-DD", text=text)
        year_text, month, day = match.groups()
        year = None if year_text == "-" else int(year_text)
        return cls(int(month), int(day), year)

    def iso(self) -> str:
        """The stored form: ``1970-03-14`` or ``--03-14``."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> date:
        """The day it falls on in ``year``; 29 February is 1 March in a common year.

        German custom: never congratulate before the day, and 28 February would be a day early
        (§ 188 Abs. 2 BGB counts a year from 29 February to the end of 28 February, so the new
        year of life begins on 1 March).
        """
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return date(year, 3, 1)


def _text(value: str, field_name: str, *, required: bool = False, limit: int = _MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise invalid(field_name, "expected text, got {type}", type=type(value).__name__)
    if required and not value.strip():
        raise invalid(field_name, "must not be empty")
    if len(value) > limit:
        raise invalid(field_name, "longer than {limit} characters", limit=limit)
    return value


def validate_region(region: str) -> str:
    """A region code shaped like ``DE``, ``DE-BY``, ``AT-9``, ``CH-ZH``.

    Only the shape: whether the country and state exist is asked of the holiday data at every
    entry point (:func:`tui.domain.regions.validate_known_region`).
    """
    if not _REGION.match(region):
        raise invalid(
            "region", "{region!r} is not a code like DE, DE-BY, AT-9 or CH-ZH", region=region
        )
    return region


def parse_money(value: str | int | float | Decimal) -> Decimal:
    """A non-negative amount (in the contact's currency) with at most two decimals."""
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise invalid("gift", "{value!r} is not an amount", value=value) from None
    if not amount.is_finite() or amount < 0:
        raise invalid("gift", "{value!r} must be a non-negative amount", value=value)
    if amount != amount.quantize(Decimal("0.01")):
        raise invalid("gift", "{value!r} has more than two decimals", value=value)
    if amount > Decimal("1000000"):
        raise invalid("gift", "{value!r} is implausibly large", value=value)
    return amount.quantize(Decimal("0.01"))


def parse_amount(text: str) -> Decimal:
    """An amount as people type it: ``25``, ``25,50``, ``25.50``, ``1.234,50`` or ``1.234``.

    The one reading of typed money (the quick-capture line and the log form): a dot with a
    comma, or dots in groups of three, separate thousands.
    """
    number = text.strip()
    if "." in number and "," in number:
        number = number.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+", number):
        number = number.replace(".", "")
    return parse_money(number.replace(",", "."))


@dataclass(frozen=True)
class Customer:
    """A contact person at a customer company, and what we know to plan gestures for them.

    ``cadence_days`` overrides the tier's interval for this one customer. A ``prospect``
    (Interessent) has not bought yet: its own cadence, no after-sale run until a deal is won.
    ``renewal_months`` is the contract term: the renewal date rolls forward by it once passed.
    ``local_holidays`` opts into holidays only parts of the region keep (``catholic``,
    ``augsburg``; :mod:`tui.domain.regions` says which regions have which).
    """

    name: str
    company: str = ""
    tier: Tier = Tier.C
    owner: str = ""
    phone: str = ""
    email: str = ""
    birthday: Birthday | None = None
    founded: date | None = None
    since: date | None = None
    renewal: date | None = None
    region: str = "DE"
    tags: tuple[str, ...] = ()
    notes: str = ""
    archived: bool = False
    cadence_days: int | None = None
    prospect: bool = False
    renewal_months: int | None = None
    local_holidays: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        _text(self.name, "name", required=True, limit=200)
        _text(self.company, "company", limit=200)
        object.__setattr__(self, "tier", parse_enum(Tier, self.tier, "tier"))
        _text(self.owner, "owner", limit=100)
        _text(self.phone, "phone", limit=50)
        if self.phone and not _PHONE.fullmatch(self.phone):
            raise invalid(
                "phone", "{value!r} has characters a phone number cannot have", value=self.phone
            )
        _text(self.email, "email", limit=200)
        if self.email and not _EMAIL.match(self.email):
            raise invalid("email", "{value!r} is not an e-mail address", value=self.email)
        validate_region(self.region)
        if any(not isinstance(t, str) or not t.strip() or "," in t for t in self.tags):
            raise invalid("tags", "each tag must be non-empty text without commas")
        _text(self.notes, "notes")
        if self.cadence_days is not None and not 1 <= self.cadence_days <= 3660:
            raise invalid(
                "cadence", "{days} days is not between 1 and 3660", days=self.cadence_days
            )
        if self.renewal_months is not None and not 1 <= self.renewal_months <= 120:
            months = self.renewal_months
            raise invalid("renewal term", "{months} months is not between 1 and 120", months=months)
        if self.local_holidays not in LOCAL_HOLIDAYS:
            choices = ", ".join(c for c in LOCAL_HOLIDAYS if c)
            raise invalid(
                "local holidays",
                "{value!r} is not one of {choices}",
                value=self.local_holidays,
                choices=choices,
            )
        if self.founded is not None and self.founded.year < 1000:
            raise invalid("founded", "{value} is implausible", value=self.founded.isoformat())
        if self.since is not None and self.since.year < 1900:
            raise invalid("since", "{value} is implausible", value=self.since.isoformat())

    @property
    def label(self) -> str:
        """How a list shows this customer: ``Name (Company)``."""
        return f"{self.name} ({self.company})" if self.company else self.name

    def won_over(self, contact: Contact) -> Customer | None:
        """This prospect as a customer after ``contact`` won a deal (None if nothing changes).

        Winning turns an Interessent into a customer since that day (unless a date is known).
        """
        if not self.prospect or not contact.won:
            return None
        since = self.since or contact.at.date()
        return dataclasses.replace(self, prospect=False, since=since)


@dataclass(frozen=True, slots=True)
class Contact:
    """One logged touch with a customer; ``gesture`` is the key of the gesture it answered.

    Slots: a plan of a whole team holds tens of thousands of them.

    ``amount`` is a gift's value (net of VAT) in ``currency`` (``EUR`` unless said otherwise);
    a ``giveaway`` (advertising item, Streuartikel) is shown but not counted as a gift.
    """

    customer: int
    at: datetime
    kind: Kind = Kind.CALL
    purpose: Purpose = Purpose.CARE
    minutes: int | None = None
    note: str = ""
    rep: str = ""
    amount: Decimal | None = None
    currency: str | None = None
    giveaway: bool = False
    won: bool = False
    gesture: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.customer, int) or self.customer < 1:
            raise invalid("customer", "{value!r} is not a customer id", value=self.customer)
        if self.at.tzinfo is not None:
            raise invalid("at", "must be a local time without a time zone")
        object.__setattr__(self, "kind", parse_enum(Kind, self.kind, "kind"))
        object.__setattr__(self, "purpose", parse_enum(Purpose, self.purpose, "purpose"))
        if self.minutes is not None and not 0 <= self.minutes <= 24 * 60:
            raise invalid("minutes", "{value} is not between 0 and 1440", value=self.minutes)
        _text(self.note, "note")
        _text(self.rep, "rep", limit=100)
        if self.amount is not None:
            if self.kind is not Kind.GIFT:
                raise invalid("gift", "a gift value needs the kind gift")
            object.__setattr__(self, "amount", parse_money(self.amount))
            object.__setattr__(self, "currency", self.currency or "EUR")
        elif self.currency is not None:
            raise invalid("currency", "a currency needs an amount")
        if self.currency is not None and not _CURRENCY.match(self.currency):
            code = self.currency
            raise invalid("currency", "{value!r} is not a code like EUR or CHF", value=code)
        if self.giveaway and self.kind is not Kind.GIFT:
            raise invalid("giveaway", "a giveaway needs the kind gift")
        if self.won and self.purpose is not Purpose.SALES:
            raise invalid("won", "only a sales contact can close a deal")

    @property
    def day(self) -> date:
        """The calendar day of the contact."""
        return self.at.date()


@dataclass(frozen=True)
class Gesture:
    """A planned small gesture: either a stored manual one, or the stored state of a computed one.

    ``key`` is stable (``customer:reason:occurrence-date``) so states survive re-planning.
    """

    key: str
    customer: int
    reason: Reason
    due: date
    kind: Kind = Kind.CALL
    purpose: Purpose = Purpose.CARE
    status: Status = Status.OPEN
    until: date | None = None
    note: str = ""
    rep: str = ""
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        _text(self.key, "key", required=True, limit=200)
        object.__setattr__(self, "reason", parse_enum(Reason, self.reason, "reason"))
        object.__setattr__(self, "kind", parse_enum(Kind, self.kind, "kind"))
        object.__setattr__(self, "purpose", parse_enum(Purpose, self.purpose, "purpose"))
        object.__setattr__(self, "status", parse_enum(Status, self.status, "status"))
        if self.status is Status.SNOOZED and self.until is None:
            raise invalid("until", "a snoozed gesture needs a date")
        _text(self.note, "note")


def gesture_key(customer: int, reason: Reason, occurrence: date) -> str:
    """The stable key of a gesture occurrence: ``12:birthday:2026-03-14``."""
    return f"{customer}:{reason.value}:{occurrence.isoformat()}"


def parse_gesture_key(key: str) -> tuple[int, Reason, date]:
    """Split a key made by :func:`gesture_key` (manual keys have the same form)."""
    parts = key.split(":")
    if len(parts) != 3:
        raise invalid(
            "gesture", "{key!r} is not a gesture key like 12:birthday:2026-03-14", key=key
        )
    try:
        return int(parts[0]), parse_enum(Reason, parts[1], "gesture"), date.fromisoformat(parts[2])
    except ValueError as error:
        if isinstance(error, ValidationError):
            raise
        raise invalid(
            "gesture", "{key!r} is not a gesture key like 12:birthday:2026-03-14", key=key
        ) from None
