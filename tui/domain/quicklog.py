"""The one-line quick-capture syntax shared by the app's `:` line and ``kp log``.

A line names the customer first, then the facts of the contact, then the note::

    mueller call 10m care asked about the new line
    schmidt visit 1h30m sales won signed the renewal
    "Weber GmbH" gift 25€ care Wein zum Jubiläum
    12 email service @2026-03-14 10:30 sent the manual

The customer is the first word (an id or a name/company fragment), or a quoted text for names
with spaces (``"…"``, ``'…'``, ``„…“``). Then, in any order: a kind (``call``, ``anruf``, …), a
purpose (``care``/``pflege``, ``service``, ``sales``/``verkauf``), ``won``/``gewonnen``, a duration
(``10m``, ``1h``, ``1h30m``, ``90min``, ``1,5h``), a gift value (``25€``, ``25,50 €``, ``eur 25``,
``chf 40``; without a currency the customer's own), ``giveaway``/``streuartikel`` (an advertising
item: shown, not counted as a gift), a moment (``@2026-03-14``, ``@14.03.2026``,
``@14.03. 10:30``, ``@gestern``, ``@10:30 today``) and a follow-up to plan (``next @fr``,
``nächste @+2w``, ``next @19.03.``). The note starts at the first word that is none of these,
or that would say a second time what was already said (so ``call care call back next week``
keeps "call back next week" as the note); ``--`` starts the note explicitly. Structured words
first and the note last keeps a note's own words ("talked about sales") from being misread.

Nothing here touches a clock: ``today`` (and optionally ``now``) are parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from tui.domain.dates import GERMAN_DATE, ISO_DATE, TIME_OF_DAY
from tui.domain.followup import parse_future_day
from tui.domain.matching import fold, match_customers
from tui.domain.model import (
    Contact,
    Kind,
    Purpose,
    ValidationError,
    parse_amount,
)
from tui.domain.quickwords import (
    CURRENCY_WORDS,
    GIVEAWAY_WORDS,
    KIND_WORDS,
    NEXT_WORDS,
    NOTE_MARK,
    PURPOSE_WORDS,
    QUOTES,
    TODAY_WORDS,
    WON_WORDS,
    YESTERDAY_WORDS,
)

__all__ = ["QuickLog", "QuickLogError", "fold", "match_customers", "parse_quicklog"]


class QuickLogError(ValidationError):
    """A quick-capture line that cannot be read: an English template and its values.

    ``str()`` is the English line; the front ends word it in the current language
    (``tui.messages.describe``), so the parser itself chooses no words.
    """


def _refused(template: str, **values: object) -> QuickLogError:
    """The error for one problem with the line (``template`` is translated where it is shown)."""
    return QuickLogError(template.format(**values), template=template, values=values)


_DURATION = re.compile(
    r"(?:(?P<h>[0-9]{1,2})h(?:(?P<hm>[0-9]{1,2})(?:m|min)?)?"
    r"|(?P<fh>[0-9]{1,2}[.,][0-9])h"
    r"|(?P<m>[0-9]{1,4})(?:m|min))",
    re.ASCII,
)
_NUMBER = r"[0-9]{1,7}(?:[.,][0-9]{1,2})?|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{1,2})?"
_MONEY_SUFFIX = re.compile(rf"(?P<n>{_NUMBER})(?P<c>€|eur|euro|chf|sfr)", re.IGNORECASE)
_MONEY_PREFIX = re.compile(rf"(?P<c>€|eur|euro|chf|sfr)(?P<n>{_NUMBER})", re.IGNORECASE)
_BARE_NUMBER = re.compile(_NUMBER, re.ASCII)


@dataclass(frozen=True)
class QuickLog:
    """What a quick-capture line says; defaults filled in (a call, for care, now).

    ``given`` names the fields the line stated itself, so a preview can tell them from defaults.
    """

    customer_query: str
    at: datetime
    kind: Kind = Kind.CALL
    purpose: Purpose = Purpose.CARE
    won: bool = False
    minutes: int | None = None
    amount: Decimal | None = None
    currency: str | None = None  # None: the customer's own currency
    giveaway: bool = False
    note: str = ""
    follow_up: date | None = None
    given: frozenset[str] = field(default=frozenset(), compare=False)

    def contact(
        self,
        customer_id: int,
        *,
        rep: str = "",
        gesture: str | None = None,
        currency: str = "EUR",
    ) -> Contact:
        """The contact to log once the customer query is resolved; ``currency``: the customer's."""
        return Contact(
            customer=customer_id,
            at=self.at,
            kind=self.kind,
            purpose=self.purpose,
            minutes=self.minutes,
            note=self.note,
            rep=rep,
            amount=self.amount,
            currency=(self.currency or currency) if self.amount is not None else None,
            giveaway=self.giveaway,
            won=self.won,
            gesture=gesture,
        )


@dataclass
class _Token:
    text: str
    start: int


def _split_customer(text: str) -> tuple[str, int]:
    """The customer query and the index where the rest of the line begins."""
    stripped_start = len(text) - len(text.lstrip())
    if stripped_start == len(text):
        raise _refused("Nothing to log: start the line with a customer.")
    opener = text[stripped_start]
    if opener in QUOTES:
        closer = QUOTES[opener]
        end = text.find(closer, stripped_start + 1)
        if end < 0:
            raise _refused("The customer's quote is not closed.")
        query = text[stripped_start + 1 : end].strip()
        if not query:
            raise _refused("The quoted customer is empty.")
        rest = end + 1
        if rest < len(text) and not text[rest].isspace():
            raise _refused("Put a space after the quoted customer.")
        return query, rest
    match = re.compile(r"\S+").match(text, stripped_start)
    assert match is not None
    return match.group(), match.end()


def _money(number: str) -> Decimal:
    try:
        return parse_amount(number)
    except ValidationError:
        raise _refused("{value} is not a gift value.", value=number) from None


def _minutes(word: str) -> int | None:
    match = _DURATION.fullmatch(word)
    if not match:
        return None
    if match["fh"] is not None:
        minutes = round(float(match["fh"].replace(",", ".")) * 60)
    elif match["h"] is not None:
        minutes = int(match["h"]) * 60 + int(match["hm"] or 0)
        if match["hm"] is not None and int(match["hm"]) >= 60:
            raise _refused("{value} is not a duration.", value=word)
    else:
        minutes = int(match["m"])
    if minutes > 24 * 60:
        raise _refused("{value} is longer than a day.", value=word)
    return minutes


def _time(word: str) -> time | None:
    match = TIME_OF_DAY.fullmatch(word)
    if not match:
        return None
    hour, minute = int(match["h"]), int(match["m"])
    if hour > 23 or minute > 59:
        raise _refused("{value} is not a time of day.", value=word)
    return time(hour, minute)


def _date(word: str, today: date) -> date | None:
    """A day written as ISO, German (year optional: the latest such day up to today) or a word."""
    lowered = word.lower()
    if lowered in TODAY_WORDS:
        return today
    if lowered in YESTERDAY_WORDS:
        return today - timedelta(days=1)
    if lowered in {"vorgestern"}:
        return today - timedelta(days=2)
    try:
        if match := ISO_DATE.fullmatch(word):
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match := GERMAN_DATE.fullmatch(word):
            day, month = int(match["d"]), int(match["m"])
            if match["y"] is None:
                for year in (today.year, today.year - 1, today.year - 2, today.year - 3):
                    try:
                        candidate = date(year, month, day)
                    except ValueError:
                        continue
                    if candidate <= today:
                        return candidate
                raise ValueError
            year = int(match["y"])
            return date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        raise _refused("{value} is not a date.", value=word) from None
    return None


class _Reader:
    """Walks the words after the customer; each ``take_*`` consumes words when they fit."""

    def __init__(self, tokens: list[_Token], today: date, now: datetime) -> None:
        self.tokens = tokens
        self.today = today
        self.now = now
        self.index = 0
        self.values: dict[str, object] = {}

    def peek(self, offset: int = 0) -> str | None:
        position = self.index + offset
        return self.tokens[position].text if position < len(self.tokens) else None

    def step(self) -> bool:
        """Read one structured word; False when the note begins here."""
        word = self.peek()
        assert word is not None
        lowered = word.lower()
        if lowered in KIND_WORDS:
            return self._set("kind", KIND_WORDS[lowered], 1)
        if lowered in PURPOSE_WORDS:
            return self._set("purpose", PURPOSE_WORDS[lowered], 1)
        if lowered in WON_WORDS:
            return self._set("won", True, 1)
        following = self.peek(1)
        if lowered in NEXT_WORDS and following is not None and following.startswith("@"):
            if "follow_up" in self.values:
                return False
            try:
                day = parse_future_day(following[1:], self.today)
            except ValidationError as error:
                raise QuickLogError(
                    str(error),
                    error.field,
                    template=error.template,
                    values=error.values,
                    prefixed=error.prefixed,
                ) from None
            return self._set("follow_up", day, 2)
        if lowered in GIVEAWAY_WORDS:
            return self._set("giveaway", True, 1)
        if word.startswith("@"):
            return "at" not in self.values and self._moment(word[1:])
        minutes = _minutes(lowered)
        if minutes is not None:
            return self._set("minutes", minutes, 1)
        return self._amount(word)

    def _set(self, name: str, value: object, width: int) -> bool:
        if name in self.values:
            return False
        self.values[name] = value
        self.index += width
        return True

    def _amount(self, word: str) -> bool:
        lowered = word.lower()
        following = self.peek(1)
        if match := _MONEY_SUFFIX.fullmatch(lowered) or _MONEY_PREFIX.fullmatch(lowered):
            return self._money_set(match["n"], match["c"], 1)
        if following is not None:
            if _BARE_NUMBER.fullmatch(word) and following.lower() in CURRENCY_WORDS:
                return self._money_set(word, following, 2)
            if lowered in CURRENCY_WORDS and _BARE_NUMBER.fullmatch(following):
                return self._money_set(following, lowered, 2)
        return False

    def _money_set(self, number: str, currency: str, width: int) -> bool:
        if "amount" in self.values:
            return False
        self.values["currency"] = CURRENCY_WORDS[currency.lower()]
        return self._set("amount", _money(number), width)

    def _moment(self, spec: str) -> bool:
        """``@`` + a day and/or a time; a time or a day may follow as the next word."""
        day_text, time_text = spec, ""
        joined = re.fullmatch(r"(.+?)T?([0-9]{1,2}:[0-9]{2})", spec, re.ASCII)
        if joined and TIME_OF_DAY.fullmatch(spec) is None:
            day_text, time_text = joined.group(1), joined.group(2)
        day: date | None = None
        moment: time | None = _time(day_text)
        if moment is None:
            day = _date(day_text, self.today)
            if day is None:
                raise _refused("@{value} is not a date or a time.", value=spec)
            if time_text:
                moment = _time(time_text)
                if moment is None:
                    raise _refused("{value} is not a time of day.", value=time_text)
        width = 1
        following = self.peek(1)
        if following is not None:
            if day is not None and moment is None and (extra := _time(following)) is not None:
                moment, width = extra, 2
            elif day is None:
                other = _safe_date(following, self.today)
                if other is not None:
                    day, width = other, 2
        if moment is not None and (self.peek(width) or "").lower() == "uhr":
            width += 1
        if day is None:
            day = self.today
        if day > self.today:
            raise _refused("{value} is in the future; log what has happened.", value=spec)
        if moment is None:
            moment = self.now.time().replace(second=0, microsecond=0)
            if day != self.now.date():
                moment = time(12, 0)
        return self._set("at", datetime.combine(day, moment), width)


def _safe_date(word: str, today: date) -> date | None:
    try:
        return _date(word, today)
    except QuickLogError:
        return None


def parse_quicklog(text: str, today: date, now: datetime | None = None) -> QuickLog:
    """Read one quick-capture line; a QuickLogError says what is wrong in one line.

    ``now`` is the moment a contact without ``@`` is logged at (default: noon of ``today``).
    """
    if now is None:
        now = datetime.combine(today, time(12, 0))
    if len(text) > 10_000:
        raise _refused("The line is too long.")
    query, rest = _split_customer(text)
    tokens = [_Token(m.group(), m.start()) for m in re.finditer(r"\S+", text[rest:])]
    reader = _Reader(tokens, today, now)
    note_start: int | None = None
    while reader.index < len(tokens):
        token = tokens[reader.index]
        if token.text == NOTE_MARK:
            following = reader.index + 1
            note_start = tokens[following].start if following < len(tokens) else len(text) - rest
            break
        if not reader.step():
            note_start = token.start
            break
    note = text[rest + note_start :].strip() if note_start is not None else ""
    values = reader.values
    gift = values.get("amount")
    kind = values.get("kind")
    giveaway = bool(values.get("giveaway", False))
    if gift is not None or giveaway:
        if kind is None:
            kind = Kind.GIFT
        elif kind is not Kind.GIFT:
            raise _refused("A gift value or giveaway needs the kind gift.")
    purpose = values.get("purpose")
    won = bool(values.get("won", False))
    if won:
        if purpose is None:
            purpose = Purpose.SALES
        elif purpose is not Purpose.SALES:
            raise _refused("Only a sales contact can be won.")
    follow_up = values.get("follow_up")
    at = values.get("at")
    if at is None:
        at = now.replace(second=0, microsecond=0)
    assert isinstance(at, datetime)
    minutes = values.get("minutes")
    assert minutes is None or isinstance(minutes, int)
    assert gift is None or isinstance(gift, Decimal)
    return QuickLog(
        customer_query=query,
        at=at,
        kind=kind if isinstance(kind, Kind) else Kind.CALL,
        purpose=purpose if isinstance(purpose, Purpose) else Purpose.CARE,
        won=won,
        minutes=minutes,
        amount=gift,
        currency=str(values["currency"]) if "currency" in values else None,
        giveaway=giveaway,
        note=note,
        follow_up=follow_up if isinstance(follow_up, date) else None,
        given=frozenset(values) | ({"note"} if note else set()),
    )
