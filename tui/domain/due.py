"""What a rule returns: a gesture found due, before the planner places it (:class:`Due`).

Every rule (:mod:`tui.domain.rules`, :mod:`tui.domain.greetings`, :mod:`tui.domain.renewals`)
returns these; most make them with :func:`tier_due`, so the key, the tier's weight and the
defaults are written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui.domain.model import Customer, Kind, Purpose, Reason, gesture_key
from tui.domain.urgency import Factor, tier_factor
from tui.domain.why import Why


@dataclass(frozen=True, slots=True)
class Due:
    """One gesture a rule found due, before calendar, states and levelling are applied.

    ``target`` is the day it should happen (a greeting: the day it should arrive);
    ``greeting`` moves it to the previous business day instead of the next one. Most rules
    make theirs with :func:`tier_due`.
    """

    key: str
    customer: Customer
    reason: Reason
    occasion: date
    target: date
    why: Why
    factors: tuple[Factor, ...]
    purpose: Purpose = Purpose.CARE
    fixed: bool = False
    greeting: bool = False
    variant: str = ""
    kind: Kind | None = None
    note: str = ""
    immediate: bool = False  # due now rather than on a date: no lead time, never overdue
    written_on_target: bool = False  # a posted idea is written on ``target``, not days ahead


def due_key(customer: Customer, reason: Reason, occasion: date) -> str:
    """The stable key of a rule's gesture (see :func:`tui.domain.model.gesture_key`)."""
    assert customer.id is not None
    return gesture_key(customer.id, reason, occasion)


def tier_due(
    customer: Customer,
    reason: Reason,
    occasion: date,
    why: Why,
    *factors: Factor,
    target: date | None = None,
    purpose: Purpose = Purpose.CARE,
    variant: str = "",
) -> Due:
    """The usual :class:`Due`: keyed by its occasion, due on it unless ``target`` says otherwise,
    weighed by the customer's tier and then ``factors``. Set ``fixed``, ``greeting`` or
    ``written_on_target`` with :func:`dataclasses.replace`."""
    key = due_key(customer, reason, occasion)
    weights = (tier_factor(customer.tier), *factors)
    target = occasion if target is None else target
    return Due(key, customer, reason, occasion, target, why, weights, purpose, variant=variant)
