"""Business days and public holidays of a region (``DE``, ``DE-BY``, ``AT-9``, ``CH-ZH``).

Built on the ``holidays`` package. Holiday sets are cached per (country, subdivision, year)
because the planner asks the same question thousands of times per plan. Holiday *names* are
only needed for display, and always with an explicit ``language``: ``holidays`` otherwise guesses
from the process locale, which makes output depend on the machine.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Protocol

from tui.domain.model import invalid, validate_region

_ONE_DAY = timedelta(days=1)


class HolidaySource(Protocol):
    """Where public holidays come from: the ``holidays`` package, or a cache of its answers."""

    def subdivisions(self, country: str) -> frozenset[str] | None:
        """The subdivision codes of a country, or None for a country without holiday data."""
        ...

    def dates(self, country: str, subdivision: str | None, year: int) -> frozenset[date]:
        """The public holidays of one region and year.

        ``subdivision`` may carry an extra category after a slash (``BY/catholic``: Bavaria
        with the holidays only its Catholic municipalities keep).
        """
        ...


class PackageHolidays:
    """Straight from the ``holidays`` package, imported on first use.

    Importing it and one country's rules is a large share of ``kp today``'s start-up, so a
    shell command installs a cached source (``tui.holiday_cache``) in front of this one.
    """

    def subdivisions(self, country: str) -> frozenset[str] | None:
        import holidays

        try:
            table = holidays.country_holidays(country, years=[])
        except NotImplementedError:
            return None
        return frozenset(table.subdivisions)

    def dates(self, country: str, subdivision: str | None, year: int) -> frozenset[date]:
        import holidays

        subdivision, _slash, category = (subdivision or "").partition("/")
        categories = ("public", category) if category else None
        return frozenset(
            holidays.country_holidays(
                country, subdiv=subdivision or None, years=year, categories=categories
            )
        )


_source: HolidaySource = PackageHolidays()


def use_holiday_source(source: HolidaySource) -> None:
    """Answer every holiday question from ``source`` from now on (and forget earlier answers)."""
    global _source
    _source = source
    for cached in (_subdivisions, parse_region, holiday_dates, calendar_for):
        cached.cache_clear()


@lru_cache(maxsize=64)
def _subdivisions(country: str) -> frozenset[str] | None:
    """The subdivision codes of one country (asking one country, not listing all of them)."""
    return _source.subdivisions(country)


def subdivisions_of(country: str) -> frozenset[str] | None:
    """The codes a region of ``country`` may name after the dash (``BY``, ``9``, ``ZH``), or
    None for a country without holiday data. Named areas such as ``Augsburg`` are no region
    codes (a customer opts into them with ``local_holidays``)."""
    known = _subdivisions(country)
    if known is None:
        return None
    return frozenset(s for s in known if s.isascii() and s.isalnum() and len(s) <= 3)


@lru_cache(maxsize=256)
def parse_region(region: str) -> tuple[str, str | None]:
    """Split ``DE-BY`` into ``("DE", "BY")``; refuse what ``holidays`` does not know.

    The refusal is one line that names the valid codes of the country (``valid: DE, DE-BB, ...``),
    so whoever typed it can fix it at once.
    """
    validate_region(region)
    country, _, subdivision = region.partition("-")
    known = subdivisions_of(country)
    if known is None:
        raise invalid("region", "no public holidays known for country {country!r}", country=country)
    if subdivision and subdivision not in known:
        codes = ", ".join([country, *(f"{country}-{s}" for s in sorted(known))])
        raise invalid(
            "region",
            "{region!r} is not a region of {country}; valid: {codes}",
            region=region,
            country=country,
            codes=codes,
        )
    return country, subdivision or None


def refine_region(customer_region: str, default_region: str) -> str:
    """The region whose holidays count for a customer.

    A customer who only names a country (``DE``, the model's default) is refined by the rep's
    region when that is a subdivision of the same country: a Bavarian rep's DE customer is
    planned with Bavarian holidays, an ``AT-9`` customer keeps Vienna's.
    """
    if "-" not in customer_region and default_region.startswith(customer_region + "-"):
        return default_region
    return customer_region


@lru_cache(maxsize=4096)
def holiday_dates(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """The public holidays of one region and year (cached: each is built once)."""
    return _source.dates(country, subdivision, year)


def holiday_names(region: str, year: int, language: str) -> dict[date, str]:
    """Holiday names for display, in ``language`` (``en`` or ``de``; others as ``holidays`` has)."""
    import holidays

    country, subdivision = parse_region(region)
    entity = holidays.country_holidays(country, subdiv=subdivision, years=year)
    supported = getattr(entity, "supported_languages", ())
    wanted = language
    if wanted not in supported:
        wanted = next((code for code in supported if code.split("_")[0] == language), "")
    table = holidays.country_holidays(
        country, subdiv=subdivision, years=year, language=wanted or None
    )
    return dict(sorted(table.items()))


class BusinessCalendar:
    """Working days of one region: Monday to Friday without its public holidays.

    ``area`` is the holiday area asked of the source when it differs from the subdivision: a
    place with holidays only parts of its state keep (see :mod:`tui.domain.regions`).
    """

    __slots__ = ("_cache", "area", "country", "region", "subdivision")

    def __init__(self, region: str, area: str | None = None) -> None:
        self.region = region
        self.country, self.subdivision = parse_region(region)
        self.area = area or self.subdivision
        self._cache: dict[date, bool] = {}

    def is_business_day(self, day: date) -> bool:
        """True on a weekday that is no public holiday here."""
        known = self._cache.get(day)
        if known is None:
            known = day.weekday() < 5 and day not in holiday_dates(
                self.country, self.area, day.year
            )
            self._cache[day] = known
        return known

    def is_holiday(self, day: date) -> bool:
        """True on a public holiday of this region (whatever the weekday)."""
        return day in holiday_dates(self.country, self.area, day.year)

    def on_or_after(self, day: date) -> date:
        """``day`` if it is a business day, else the next one (for calls, checks, renewals)."""
        while not self.is_business_day(day):
            day += _ONE_DAY
        return day

    def on_or_before(self, day: date) -> date:
        """``day`` if it is a business day, else the previous one (greetings must not be late)."""
        while not self.is_business_day(day):
            day -= _ONE_DAY
        return day

    def add(self, day: date, business_days: int) -> date:
        """The business day ``business_days`` after (or, if negative, before) ``day``."""
        step = _ONE_DAY if business_days >= 0 else -_ONE_DAY
        remaining = abs(business_days)
        while remaining:
            day += step
            if self.is_business_day(day):
                remaining -= 1
        return day

    def business_days_between(self, start: date, end: date) -> int:
        """How many business days lie in ``start`` (inclusive) .. ``end`` (exclusive)."""
        count, day = 0, start
        while day < end:
            count += self.is_business_day(day)
            day += _ONE_DAY
        return count


@lru_cache(maxsize=512)
def calendar_for(region: str, area: str | None = None) -> BusinessCalendar:
    """The shared calendar of a region (and holiday area); ValidationError for an unknown one."""
    return BusinessCalendar(region, area)


def is_business_day(day: date, region: str) -> bool:
    """True on a weekday that is no public holiday in ``region``."""
    return calendar_for(region).is_business_day(day)


def next_business_day(day: date, region: str) -> date:
    """``day`` or the first business day after it."""
    return calendar_for(region).on_or_after(day)


def previous_business_day(day: date, region: str) -> date:
    """``day`` or the last business day before it."""
    return calendar_for(region).on_or_before(day)
