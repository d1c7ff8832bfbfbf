"""Deterministic demo books: a realistic customer base with the habits the product exists to fix.

``generate_demo`` is pure: the same arguments give the same data, with no global random state and
no clock (``until`` is the last day of history). ``write_demo`` puts that data into a fresh book.

What the history shows, so the Today list, the heatmap and the gift budget have something to say:

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

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from pathlib import Path

from tui.demo import names
from tui.demo.gestures import stored_gestures
from tui.demo.history import _History, _intensity
from tui.demo.people import _cast, _check_arguments, _customer
from tui.domain.dates import same_day_in
from tui.domain.matching import fold
from tui.domain.model import (
    Contact,
    Customer,
    Gesture,
)
from tui.i18n import _

Progress = Callable[[int, int], None]


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


def team_of(login: str, colleagues: Sequence[str], size: int) -> list[str]:
    """A team of ``size`` logins: ``login``, the ``colleagues``, then made-up ones in the same
    style (``jbecker``: first initial and surname), for a demo book of a large sales team."""
    team = list(dict.fromkeys([login, *colleagues]))[:size]
    firsts, lasts = names.FIRST_NAMES, names.LAST_NAMES
    for number in range(len(firsts) * len(lasts)):
        if len(team) >= size:
            break
        made = fold(firsts[number % len(firsts)][0] + lasts[number % len(lasts)])
        if made not in team:
            team.append(made)
    return team


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
    gestures = stored_gestures(rng, roles, people, last_contact, until)
    return DemoData(
        customers=people,
        contacts=contacts,
        gestures=gestures,
        reps=team,
        first_day=first_day,
        until=until,
    )
