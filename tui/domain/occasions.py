"""Personal dates worth a greeting: birthdays, company anniversaries, customer-since anniversaries.

An occasion on 29 February falls on 1 March in a common year: 28 February would congratulate a
day early, which German custom does not do. Round years weigh more: a 25th company anniversary
deserves more than a 7th.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tui.domain.model import Birthday, Customer, Reason


@dataclass(frozen=True, slots=True)
class Occasion:
    """One dated occasion of a customer; ``years`` is the age or anniversary, if known."""

    reason: Reason
    day: date
    years: int | None

    @property
    def round(self) -> bool:
        """A round year (5, 10, 15, 20, 25, ...; birthdays from 30 in steps of 10)."""
        return round_weight(self.reason, self.years) > 1.0


def day_in_year(month: int, day: int, year: int) -> date:
    """``month``/``day`` in ``year``; 29 February becomes 1 March in a common year."""
    return Birthday(month, day).in_year(year)


def round_weight(reason: Reason, years: int | None) -> float:
    """How much more a round year weighs than an ordinary one (1.0 = ordinary)."""
    if years is None or years <= 0:
        return 1.0
    if reason is Reason.BIRTHDAY:
        return 1.5 if years >= 30 and years % 10 == 0 else 1.0
    if years % 50 == 0:
        return 2.5
    if years % 25 == 0:
        return 2.0
    if years % 10 == 0:
        return 1.75
    if years % 5 == 0:
        return 1.5
    return 1.0


def birthdays(customer: Customer, first_year: int, last_year: int) -> Iterator[Occasion]:
    """The customer's birthdays in ``first_year`` .. ``last_year`` (age if the year is known)."""
    birthday = customer.birthday
    if birthday is None:
        return
    for year in range(first_year, last_year + 1):
        age = year - birthday.year if birthday.year is not None else None
        if age is not None and age < 1:
            continue
        yield Occasion(Reason.BIRTHDAY, birthday.in_year(year), age)


def anniversaries(
    reason: Reason, start: date | None, first_year: int, last_year: int
) -> Iterator[Occasion]:
    """Yearly returns of ``start`` (founding or customer-since), from the first full year on."""
    if start is None:
        return
    for year in range(first_year, last_year + 1):
        years = year - start.year
        if years >= 1:
            yield Occasion(reason, day_in_year(start.month, start.day, year), years)


def occasions(customer: Customer, first_year: int, last_year: int) -> list[Occasion]:
    """Birthdays, founding and customer-since anniversaries in the years given, by date."""
    found = [
        *birthdays(customer, first_year, last_year),
        *anniversaries(Reason.FOUNDING, customer.founded, first_year, last_year),
        *anniversaries(Reason.CUSTOMER_SINCE, customer.since, first_year, last_year),
    ]
    return sorted(found, key=lambda occasion: occasion.day)
