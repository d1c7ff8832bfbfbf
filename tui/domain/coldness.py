"""Who has gone coldest: each customer's silence since the last contact, against their cadence.

Beside the heatmap (its list of the coldest customers), pure like it: contacts and today in, a
ranking out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from tui.domain.model import Contact, Customer


@dataclass(frozen=True)
class Coldness:
    """How long a customer has gone without contact, against their cadence.

    ``silence_days`` counts from the last contact up to today (from ``since`` when there was none,
    None when not even that is known); ``ratio`` = silence / cadence, infinite when unknown.
    """

    customer: Customer
    last_contact: date | None
    silence_days: int | None
    cadence_days: int
    ratio: float


def coldest(
    customers: Iterable[Customer],
    contacts: Iterable[Contact],
    today: date,
    cadence_of: Callable[[Customer], int],
    *,
    limit: int | None = None,
) -> list[Coldness]:
    """``customers`` coldest first: by current silence relative to their cadence.

    Contacts after ``today`` are ignored. Ties go to the longer silence, then the name. Pass the
    customers to rank (e.g. not archived, one tier or one rep); ``cadence_of`` gives each one's
    interval in days (the engine's tier/customer cadence).
    """
    today_ordinal = today.toordinal()
    last: dict[int, int] = {}
    for contact in contacts:
        ordinal = contact.at.toordinal()
        if ordinal <= today_ordinal and ordinal > last.get(contact.customer, 0):
            last[contact.customer] = ordinal
    ranked: list[Coldness] = []
    for customer in customers:
        cadence = max(1, cadence_of(customer))
        seen = last.get(customer.id) if customer.id is not None else None
        last_day = date.fromordinal(seen) if seen else None
        start = last_day or customer.since
        silence = max(0, (today - start).days) if start is not None else None
        ratio = silence / cadence if silence is not None else math.inf
        ranked.append(Coldness(customer, last_day, silence, cadence, ratio))
    ranked.sort(
        key=lambda c: (
            -c.ratio,
            -(c.silence_days if c.silence_days is not None else math.inf),
            c.customer.label.casefold(),
            c.customer.id or 0,
        )
    )
    return ranked if limit is None else ranked[:limit]
