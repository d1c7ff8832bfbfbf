"""``kp export --ics``: the coming days' gestures as iCalendar (RFC 5545) via ``icalendar``.

All-day events by default (Outlook imports VEVENTs, not VTODOs); ``todo`` writes VTODOs for
Thunderbird's task list. UIDs are stable (the gesture key plus the book's tag), so exporting
again updates the entries in a calendar instead of duplicating them. Occasions (birthdays,
company and customer anniversaries) can be added as yearly events.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import icalendar

from tui.domain.cadence import PlannedGesture
from tui.domain.model import Customer, Reason
from tui.i18n import _
from tui.labels import kind_label, reason_label, suggestion_text, why_label

PRODID = "-//kundenpflege//kp export//DE"


def _description(item: PlannedGesture) -> str:
    lines = [why_label(item.why), suggestion_text(item.suggestion)]
    if item.customer.phone:
        lines.append(_("Phone: {phone}").format(phone=item.customer.phone))
    if item.customer.email:
        lines.append(_("E-mail: {email}").format(email=item.customer.email))
    return "\n".join(line for line in lines if line)


def gesture_uid(key: str, tag: str) -> str:
    """A gesture's UID: the same gesture of the same book always gets the same one."""
    return f"{key.replace(':', '-')}.{tag}@kundenpflege"


def _gesture(item: PlannedGesture, *, todo: bool, stamp: datetime, tag: str) -> icalendar.Component:
    entry: icalendar.Component = icalendar.Todo() if todo else icalendar.Event()
    entry.add("uid", gesture_uid(item.key, tag))
    entry.add("dtstamp", stamp)
    entry.add("summary", f"{kind_label(item.kind)}: {item.customer.label}")
    entry.add("description", _description(item))
    entry.add("categories", [reason_label(item.reason)])
    entry.add("dtstart", item.due)
    if todo:
        entry.add("due", item.due)
        entry.add("status", "NEEDS-ACTION")
        entry.add("priority", 1 if item.overdue_days > 0 or item.fixed else 5)
    else:
        entry.add("dtend", item.due + timedelta(days=1))
        entry.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
    return entry


def _yearly(
    customer: Customer, reason: Reason, first: date, *, stamp: datetime, tag: str
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{customer.id}-{reason.value}.{tag}@kundenpflege")
    event.add("dtstamp", stamp)
    event.add("summary", f"{reason_label(reason)}: {customer.label}")
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    if (first.month, first.day) == (2, 29):  # 28 February in a common year, never 1 March
        event.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
    else:
        event.add("rrule", {"freq": "yearly"})
    return event


def _occasions(customer: Customer, stamp: datetime, tag: str) -> list[icalendar.Event]:
    events = []
    birthday = customer.birthday
    if birthday is not None:  # a year-less birthday starts in 2000, a leap year (29 February)
        first = date(birthday.year or 2000, birthday.month, birthday.day)
        events.append(_yearly(customer, Reason.BIRTHDAY, first, stamp=stamp, tag=tag))
    for reason, day in (
        (Reason.FOUNDING, customer.founded),
        (Reason.CUSTOMER_SINCE, customer.since),
    ):
        if day is not None:
            events.append(_yearly(customer, reason, day, stamp=stamp, tag=tag))
    return events


def plan_calendar(
    items: Sequence[PlannedGesture],
    *,
    stamp: datetime,
    tag: str,
    todo: bool = False,
    occasions_of: Sequence[Customer] = (),
    name: str = "kundenpflege",
) -> bytes:
    """The gestures (and the occasions of ``occasions_of``) as one ``.ics`` file.

    ``stamp`` is the export time (UTC); ``tag`` tells books apart in the UIDs.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in items:
        calendar.add_component(_gesture(item, todo=todo, stamp=stamp, tag=tag))
    for customer in occasions_of:
        for event in _occasions(customer, stamp, tag):
            calendar.add_component(event)
    return bytes(calendar.to_ical())
