"""Regions a customer can be in, checked where they are entered, and never fatal in a plan.

A region is a country (``DE``, ``AT``, ``CH``) or a subdivision the ``holidays`` package knows
(``DE-BY``, ``AT-9``, ``CH-ZH``). :func:`validate_known_region` is the one check every entry
point runs (``kp customer add/edit``, the customer form, imports): it refuses an unknown code with
one line that names the valid codes of that country. A book that already holds an unknown region
(an older version, a hand edit) still plans: :func:`calendar_for_customer` falls back to the
country's holidays (or the team's region) and says so, and the plan names those customers once.

Some holidays are kept only in parts of a state, so a customer may opt into them
(``local_holidays``): ``catholic`` adds Assumption Day (15 August) in Bavaria's mainly Catholic
municipalities and Corpus Christi in the Catholic municipalities of Saxony and Thuringia that
keep it; ``augsburg`` is the city of Augsburg (its Peace Festival on 8 August, and Assumption).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from tui.domain.calendar import BusinessCalendar, calendar_for, parse_region, refine_region
from tui.domain.model import Customer, ValidationError, invalid

#: (country, subdivision) -> local choice -> the holiday area asked of the holiday source
LOCAL_HOLIDAYS: Mapping[tuple[str, str], Mapping[str, str]] = MappingProxyType(
    {
        ("DE", "BY"): MappingProxyType({"catholic": "BY/catholic", "augsburg": "Augsburg"}),
        ("DE", "SN"): MappingProxyType({"catholic": "SN/catholic"}),
        ("DE", "TH"): MappingProxyType({"catholic": "TH/catholic"}),
    }
)


def validate_known_region(region: str, local_holidays: str = "") -> str:
    """``region`` (upper-cased) if the holiday data knows it, else one clear ValidationError.

    The message names the valid codes of the country (``DE: DE, DE-BB, DE-BE, ...``), so a
    shell user can fix the command at once; ``local_holidays`` must suit the region.
    """
    code = region.strip().upper()
    country, subdivision = parse_region(code)
    if local_holidays:
        choices = LOCAL_HOLIDAYS.get((country, subdivision or ""), {})
        if local_holidays not in choices:
            allowed = ", ".join(choices) or "-"
            raise invalid(
                "local holidays",
                "{value!r} does not apply to {region} (possible there: {allowed})",
                value=local_holidays,
                region=code,
                allowed=allowed,
            )
    return code


def calendar_for_customer(customer: Customer, default_region: str) -> tuple[BusinessCalendar, bool]:
    """The business calendar a customer is planned with, and whether their region is known.

    An unknown region falls back to its country's holidays, or to the team's region when the
    country is unknown too; a plan never fails on one bad record.
    """
    region = refine_region(customer.region, default_region)
    try:
        country, subdivision = parse_region(region)
    except ValidationError:
        country = customer.region.partition("-")[0]
        try:
            return calendar_for(country), False
        except ValidationError:
            return calendar_for(default_region), False
    area = None
    if customer.local_holidays and subdivision is not None:
        area = LOCAL_HOLIDAYS.get((country, subdivision), {}).get(customer.local_holidays)
    return calendar_for(region, area), True
