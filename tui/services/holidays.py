"""The public holidays of a region: the one lookup the planner's front ends share.

A customer's region may be a bare country (``DE``); the rep's region refines it when both are in
the same country (``DE`` + ``DE-BY`` -> ``DE-BY``). A region the holiday data does not know has
no holidays here: a grid is still drawn, the engine reports the region where it plans.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from tui.domain.calendar import (
    BusinessCalendar,
    calendar_for,
    holiday_dates,
    holiday_names,
    refine_region,
)
from tui.domain.model import Customer, ValidationError
from tui.domain.regions import calendar_for_customer


def customer_region(customer: Customer, default_region: str) -> str:
    """Where the customer is, for holidays: their region refined by the rep's (or the book's)."""
    return refine_region(customer.region, default_region)


def _holidays(calendar: BusinessCalendar, year: int) -> frozenset[date]:
    return holiday_dates(calendar.country, calendar.area, year)


def region_holidays(region: str, year: int) -> frozenset[date]:
    """Public holidays of ``region`` in ``year`` (none for a region without holiday data)."""
    try:
        return _holidays(calendar_for(region), year)
    except ValidationError:
        return frozenset()


def customer_holidays(customer: Customer, default_region: str, year: int) -> frozenset[date]:
    """The holidays the engine plans the customer with: their region (refined by the rep's),
    with the local holidays they keep (as the plan falls back for an unknown region)."""
    calendar, _known = calendar_for_customer(customer, default_region)
    return _holidays(calendar, year)


@lru_cache(maxsize=64)
def _names(region: str, year: int, language: str) -> dict[date, str]:
    try:
        return holiday_names(region, year, language)
    except (ValidationError, NotImplementedError):
        return {}


def holiday_name(region: str, day: date, language: str) -> str:
    """The name of the public holiday on ``day`` in ``language`` (empty on other days)."""
    if day not in region_holidays(region, day.year):
        return ""
    return _names(region, day.year, language).get(day, "")
