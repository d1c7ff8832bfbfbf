"""The export formats on their own: yearly occasions, the gift list's running totals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from types import MappingProxyType

import icalendar

from tui.domain.gifts import GiftSettings
from tui.domain.model import Birthday, Contact, Customer, Kind
from tui.exchange.giftlist import gift_rows
from tui.exchange.ical import plan_calendar

STAMP = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_occasions_recur_yearly_and_29_february_falls_back_to_28() -> None:
    leap = Customer(
        "Lea Schalt", "Schalt AG", birthday=Birthday(2, 29), since=date(2020, 5, 4), id=7
    )
    data = plan_calendar([], stamp=STAMP, tag="t", occasions_of=[leap])
    events = {str(e["summary"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    birthday = events["Birthday: Lea Schalt (Schalt AG)"]
    assert birthday.decoded("dtstart") == date(2000, 2, 29)
    assert birthday["rrule"]["BYMONTHDAY"] == [-1] and birthday["rrule"]["BYMONTH"] == [2]
    since = events["Customer anniversary: Lea Schalt (Schalt AG)"]
    assert since.decoded("dtstart") == date(2020, 5, 4) and "BYMONTHDAY" not in since["rrule"]
    assert str(since["uid"]) == "7-customer_since.t@kundenpflege"


def _gift(customer: int, day: date, amount: str, **extra: object) -> Contact:
    return Contact(
        customer,
        datetime.combine(day, datetime.min.time()),
        Kind.GIFT,
        amount=Decimal(amount),
        **extra,
    )  # type: ignore[arg-type]


def test_gift_rows_keep_a_running_total_per_recipient() -> None:
    customers = {
        1: Customer("Anna", "A GmbH", id=1),
        2: Customer("Beat", "B AG", region="CH", id=2),
    }
    contacts = [
        _gift(1, date(2026, 12, 1), "30.00", note="Wein"),
        _gift(2, date(2026, 6, 1), "120.00", currency="CHF"),
        _gift(1, date(2026, 3, 1), "15.00"),
        _gift(1, date(2025, 3, 1), "99.00"),  # another year
        _gift(1, date(2026, 4, 1), "5.00", giveaway=True),
    ]
    rows = gift_rows(contacts, customers, 2026, GiftSettings())
    assert [(r.day.month, r.recipient) for r in rows] == [
        (3, "Anna"),
        (4, "Anna"),
        (6, "Beat"),
        (12, "Anna"),
    ]
    assert [r.running_total for r in rows] == [
        Decimal("15.00"),
        Decimal("15.00"),
        Decimal("120.00"),
        Decimal("45.00"),
    ]
    assert rows[1].giveaway and rows[1].counted == 0
    assert rows[2].currency == "CHF" and rows[2].limit == Decimal("500") and not rows[2].over
    taxed = gift_rows(
        contacts, customers, 2026, GiftSettings(MappingProxyType({2026: Decimal("0.30")}))
    )
    assert taxed[3].flat_tax and taxed[3].running_total is not None
    assert taxed[3].running_total > Decimal("50") and taxed[3].over  # 45 net + 30 % of the gross
