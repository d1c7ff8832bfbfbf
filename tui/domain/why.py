"""Why a gesture is planned, as data: a reason code and the numbers and dates behind it.

The rules decide *which* reason applies and with what values; the words are chosen where the
gesture is shown (:func:`tui.labels.why_label`), in the language of that moment. So the domain
holds no wording, and the shell, the app and the calendar export share one set of reason texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tui.domain.model import Tier


class WhyCode(StrEnum):
    """The kinds of explanation; the comment names the fields of :class:`Why` each one uses."""

    PROSPECT = "prospect"  # days since the last contact, cadence
    NO_CONTACT_YET = "no_contact_yet"  # tier, cadence
    SILENT_SINCE_START = "silent_since_start"  # tier, on (the customer-since date)
    CADENCE_OVERDUE = "cadence_overdue"  # tier, days, cadence
    CARE_BALANCE = "care_balance"  # sales of the last count contacts
    AFTER_SALE = "after_sale"  # on (the sale), step, days (the step's offset)
    NEW_CUSTOMER = "new_customer"  # on (customer since), step, days
    MANUAL = "manual"  # on (the planned day)
    BIRTHDAY = "birthday"  # on, years (None: the age is not known)
    FOUNDING = "founding"  # on, years
    CUSTOMER_SINCE = "customer_since"  # on, years
    RENEWAL_CARE = "renewal_care"  # on (the renewal)
    RENEWAL_SERVICE = "renewal_service"  # on (the renewal)
    NEW_YEAR = "new_year"
    CHRISTMAS = "christmas"


@dataclass(frozen=True, slots=True)
class Why:
    """One structured explanation; fields a code does not use keep their defaults."""

    code: WhyCode
    days: int = 0
    cadence: int = 0
    tier: Tier | None = None
    on: date | None = None
    years: int | None = None
    sales: int = 0
    count: int = 0
    step: str = ""  # an after-sale step: thanks, delivery, satisfaction, review or ""
