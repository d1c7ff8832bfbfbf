"""A day ahead, as a rep says it: ``fr``, ``thursday``, ``morgen``, ``+3``, ``+2w``, ``14.03.``.

Used to plan a follow-up (``kp plan --on``, the app's plan dialog, ``next @fr`` in quick log):
a weekday is the next such day after today (``fr`` on a Friday is a week ahead), a date without
a year is the next such day from today on. Pure: ``today`` is a parameter.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, timedelta

from tui.domain.dates import parse_date
from tui.domain.model import ValidationError, invalid

_WEEKDAYS = {
    **{name: n for n, name in enumerate(("mo", "tu", "we", "th", "fr", "sa", "su"))},
    **{name: n for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{
        name: n
        for n, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{name: n for n, name in enumerate(("mo", "di", "mi", "do", "fr", "sa", "so"))},
    **{
        name: n
        for n, name in enumerate(
            ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
        )
    },
}
_RELATIVE = {"today": 0, "heute": 0, "tomorrow": 1, "morgen": 1, "übermorgen": 2}
_NO_YEAR = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}\.", re.ASCII)
_OFFSET = re.compile(r"\+([0-9]{1,3})([dtw]?)", re.ASCII)


def parse_future_day(text: str, today: date, *, field_name: str = "date") -> date:
    """The day ``text`` names, today or later; a ValidationError says why not."""
    word = text.strip()
    lowered = word.lower()
    if lowered in _RELATIVE:
        return today + timedelta(days=_RELATIVE[lowered])
    if lowered in _WEEKDAYS:
        ahead = (_WEEKDAYS[lowered] - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    if match := _OFFSET.fullmatch(lowered):
        count = int(match.group(1))
        return today + timedelta(days=count * (7 if match.group(2) == "w" else 1))
    try:
        day = parse_date(word, field_name=field_name, today=today)
    except ValidationError:
        raise invalid(
            field_name,
            "{text!r} is not a day such as 2026-03-19, 19.03., fr, thursday, tomorrow or +3",
            text=text,
        ) from None
    if day < today and _NO_YEAR.fullmatch(word):
        with contextlib.suppress(ValueError):  # 29.02. in a year without it stays in the past
            day = day.replace(year=day.year + 1)
    if day < today:
        raise invalid(field_name, "{text!r} is in the past", text=text)
    return day
