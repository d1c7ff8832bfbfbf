"""The gesture states a demo team leaves behind: what the engine cannot compute from the
contacts (gestures planned by hand, cadence touches pushed back, a birthday let go)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from tui.demo import names
from tui.demo.people import _Pattern, _Role
from tui.demo.tuning import _CADENCE_DAYS
from tui.domain.model import Customer, Gesture, Kind, Purpose, Reason, Status, gesture_key


def _kept(
    position: int,
    customer: Customer,
    reason: Reason,
    due: date,
    *,
    kind: Kind = Kind.CALL,
    purpose: Purpose = Purpose.CARE,
    status: Status = Status.OPEN,
    until: date | None = None,
    note: str = "",
) -> Gesture:
    """A stored gesture of the customer at ``position``, kept by the customer's owner."""
    return Gesture(
        key=gesture_key(position, reason, due),
        customer=position,
        reason=reason,
        due=due,
        kind=kind,
        purpose=purpose,
        status=status,
        until=until,
        note=note,
        rep=customer.owner,
    )


def stored_gestures(
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
                _kept(
                    position,
                    customer,
                    Reason.MANUAL,
                    due,
                    kind=rng.choice((Kind.CALL, Kind.VISIT, Kind.EMAIL, Kind.CARD)),
                    purpose=Purpose.CARE,
                    note=rng.choice(names.MANUAL_GESTURE_NOTES),
                )
            )
            continue
        last = last_contact[index]
        cadence = customer.cadence_days or _CADENCE_DAYS[customer.tier]
        occasion = last + timedelta(days=cadence) if last is not None else until
        if occasion <= until and role.pattern is not _Pattern.OVERDUE:
            if rng.random() < 0.2:  # overdue, and the rep pushed it back a few days
                gestures.append(
                    _kept(
                        position,
                        customer,
                        Reason.CADENCE,
                        occasion,
                        status=Status.SNOOZED,
                        until=until + timedelta(days=rng.randint(2, 9)),
                        note=rng.choice(names.SNOOZE_NOTES),
                    )
                )
        elif draw < 0.03 and customer.birthday is not None:
            occasion = customer.birthday.in_year(until.year)
            if occasion >= until:
                occasion = customer.birthday.in_year(until.year - 1)
            gestures.append(
                _kept(
                    position,
                    customer,
                    Reason.BIRTHDAY,
                    occasion,
                    kind=Kind.CARD,
                    status=Status.SKIPPED,
                )
            )
    return gestures
