"""Dates as reps type them: ISO (``2026-03-14``), German (``14.03.2026``, ``14.03.``), and birthdays
without a year (``--03-14``, ``03-14``, ``14.03.``).

Pure parsing; the reference day for year-less input is a parameter, never the clock.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from tui.domain.model import Birthday, ValidationError, invalid

ISO_DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
"""``2026-03-14``; the one pattern of an ISO day (also read by the quick-capture line)."""
GERMAN_DATE = re.compile(r"(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4}|[0-9]{2})?")
"""``14.03.2026``, ``14.03.26`` or ``14.03.`` (no year)."""
TIME_OF_DAY = re.compile(r"(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})")
"""``10:30``."""


def _make(year: int, month: int, day: int, field_name: str, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise invalid(field_name, "{text!r} is not a valid date", text=text) from None


def parse_date(text: str, *, field_name: str = "date", today: date | None = None) -> date:
    """``2026-03-14`` or ``14.03.2026`` (``14.03.26``); ``14.03.`` needs ``today`` for the year."""
    value = text.strip()
    if match := ISO_DATE.fullmatch(value):
        return _make(int(match["y"]), int(match["m"]), int(match["d"]), field_name, text)
    if match := GERMAN_DATE.fullmatch(value):
        day, month = int(match["d"]), int(match["m"])
        year_text = match["y"]
        if year_text is None:
            if today is None:
                raise invalid(field_name, "{text!r} needs a year", text=text)
            year = today.year
        else:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        return _make(year, month, day, field_name, text)
    raise invalid(field_name, "{text!r} is not a date like 2026-03-14 or 14.03.2026", text=text)


def parse_birthday(text: str) -> Birthday:
    """A birthday with or without year: ``1970-03-14``, ``14.03.1970``, ``--03-14``, ``03-14``,
    ``14.03.``."""
    value = text.strip()
    if match := re.fullmatch(r"(?:--)?(\d{1,2})-(\d{1,2})", value):
        return Birthday(int(match.group(1)), int(match.group(2)))
    if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.", value):
        return Birthday(int(match.group(2)), int(match.group(1)))
    try:
        day = parse_date(value, field_name="birthday")
    except ValidationError:
        raise invalid(
            "birthday",
            "{text!r} is not a date like 1970-03-14, 14.03.1970, --03-14 or 14.03.",
            text=text,
        ) from None
    return Birthday(day.month, day.day, day.year)


def parse_datetime(text: str, *, field_name: str = "at", today: date | None = None) -> datetime:
    """A local date-time: ``2026-03-14T10:30``, ``2026-03-14 10:30``, ``14.03.2026 10:30``, or a
    date alone (noon, so it sorts inside the day)."""
    value = text.strip().replace("T", " ", 1)
    date_part, _, time_part = value.partition(" ")
    day = parse_date(date_part, field_name=field_name, today=today)
    if not time_part:
        return datetime.combine(day, time(12, 0))
    match = TIME_OF_DAY.fullmatch(time_part.strip()[:5]) if len(time_part.strip()) <= 8 else None
    if match is None:
        raise invalid(field_name, "{text!r} has no time like 10:30", text=text)
    hour, minute = int(match["h"]), int(match["m"])
    if hour > 23 or minute > 59:
        raise invalid(field_name, "{text!r} has no valid time", text=text)
    return datetime.combine(day, time(hour, minute))


def same_day_in(day: date, year: int) -> date:
    """``day``'s month and day in ``year``; 29 February is 28 February in a common year.

    For moving a date between years (a cursor, a founding date); a birthday's greeting day is
    :meth:`tui.domain.model.Birthday.in_year` (1 March: never congratulate early).
    """
    try:
        return day.replace(year=year)
    except ValueError:
        return date(year, 2, 28)
