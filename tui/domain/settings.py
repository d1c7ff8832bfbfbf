"""The planner's knobs, from the book's team-wide settings over shipped defaults.

The book stores settings as a JSON-able dict; :meth:`PlanSettings.from_mapping` turns it into a
validated, frozen object. Unknown keys are ignored (the same dict holds other teams' settings);
a known key with a bad value is a ValidationError naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from tui.domain.calendar import parse_region
from tui.domain.gifts import GiftSettings
from tui.domain.model import Tier, ValidationError, parse_enum

_DEFAULT_TIER_DAYS: Mapping[Tier, int] = MappingProxyType({Tier.A: 30, Tier.B: 90, Tier.C: 180})
#: the team's choice for the turn of the year: a Christmas card, a New Year greeting, or neither
YEAR_END_GREETINGS = ("new_year", "christmas", "none")


@dataclass(frozen=True)
class PlanSettings:
    """Everything that shapes a plan besides the book's contents.

    ``greeting_grace_days``: how long a missed greeting stays on the list (belated wishes);
    ``care_balance_days``: how soon after a sales-heavy run a care touch comes up;
    ``care_window``: recent contacts the care balance looks at (2 of 3 without a sales ask);
    ``prospect_days``: the cadence for prospects (Interessenten), whatever their tier;
    ``greet_day_before``: greet on the business day before an occasion that falls on a day off
    (off by default: German custom does not congratulate early);
    ``year_end_greeting``: ``new_year`` (a personal greeting in January), ``christmas`` (a card
    before Christmas) or ``none``; ``gift_room``: the smallest gift worth proposing: a customer
    with less room left under the yearly limit is offered a card or a call instead;
    ``gifts``: the team's tax settings for gifts (§ 37b election per year, VAT).
    """

    capacity: int = 8
    tier_days: Mapping[Tier, int] = field(default_factory=lambda: _DEFAULT_TIER_DAYS)
    card_lead_days: int = 3
    after_sale_days: tuple[int, ...] = (1, 7, 30, 90)
    renewal_care_days: int = 90
    renewal_service_days: int = 30
    horizon_days: int = 14
    region: str = "DE"
    greeting_grace_days: int = 7
    care_balance_days: int = 14
    care_window: int = 3
    prospect_days: int = 60
    greet_day_before: bool = False
    year_end_greeting: str = "new_year"
    gift_room: Decimal = Decimal("15.00")
    gifts: GiftSettings = field(default_factory=GiftSettings)

    def __post_init__(self) -> None:
        _whole("capacity", self.capacity, 1, 200)
        tiers = {parse_enum(Tier, k, "tier_days"): v for k, v in dict(self.tier_days).items()}
        for tier in Tier:
            tiers.setdefault(tier, _DEFAULT_TIER_DAYS[tier])
            _whole(f"tier_days.{tier.value}", tiers[tier], 1, 3660)
        object.__setattr__(self, "tier_days", MappingProxyType(tiers))
        _whole("card_lead_days", self.card_lead_days, 0, 30)
        offsets = tuple(self.after_sale_days)
        if not offsets or offsets != tuple(sorted(set(offsets))):
            raise ValidationError(
                "settings: after_sale_days must be rising whole days, e.g. [1, 7]"
            )
        for offset in offsets:
            _whole("after_sale_days", offset, 1, 730)
        object.__setattr__(self, "after_sale_days", offsets)
        _whole("renewal_care_days", self.renewal_care_days, 1, 730)
        _whole("renewal_service_days", self.renewal_service_days, 1, 730)
        if self.renewal_service_days >= self.renewal_care_days:
            raise ValidationError(
                "settings: renewal_service_days must be fewer than renewal_care_days"
            )
        _whole("horizon_days", self.horizon_days, 1, 366)
        if not isinstance(self.region, str):
            raise ValidationError("settings: region must be text like DE-BY")
        parse_region(self.region)
        _whole("greeting_grace_days", self.greeting_grace_days, 0, 60)
        _whole("care_balance_days", self.care_balance_days, 0, 365)
        _whole("care_window", self.care_window, 2, 20)
        _whole("prospect_days", self.prospect_days, 1, 3660)
        if not isinstance(self.greet_day_before, bool):
            raise ValidationError("settings: greet_day_before must be true or false")
        if self.year_end_greeting not in YEAR_END_GREETINGS:
            choices = ", ".join(YEAR_END_GREETINGS)
            raise ValidationError(f"settings: year_end_greeting must be one of {choices}")
        try:
            room = Decimal(str(self.gift_room))
        except InvalidOperation:
            room = Decimal(-1)
        if not Decimal(0) <= room <= Decimal(10000):
            raise ValidationError("settings: gift_room must be an amount like 15.00")
        object.__setattr__(self, "gift_room", room)

    def cadence(self, tier: Tier, override: int | None = None) -> int:
        """Days between contacts for a tier, or the customer's own override."""
        return override if override is not None else self.tier_days[tier]

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> PlanSettings:
        """Settings from the book's dict over the defaults of this class (the one source)."""
        if not isinstance(raw, Mapping):
            raise ValidationError("settings: expected a mapping of names to values")
        merged: dict[str, Any] = dict(raw)
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in merged.items() if k in known}
        if "tier_days" in values:
            tier_days = values["tier_days"]
            if not isinstance(tier_days, Mapping):
                raise ValidationError('settings: tier_days must map tiers to days: {"A": 30}')
            values["tier_days"] = {str(k).upper(): v for k, v in tier_days.items()}
        if "after_sale_days" in values:
            offsets = values["after_sale_days"]
            if not isinstance(offsets, list | tuple):
                raise ValidationError("settings: after_sale_days must be a list of days")
            values["after_sale_days"] = tuple(offsets)
        values.pop("gifts", None)
        return cls(**values, gifts=GiftSettings.from_mapping(merged))


def _whole(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            f"settings: {name} must be a whole number from {low} to {high}, got {value!r}"
        )
