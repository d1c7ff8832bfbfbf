"""Concrete ideas for a gesture, from a catalog a team can edit (data/catalog.json).

Each idea names the reason it fits, optionally a variant (the after-sale step, the renewal touch,
a round anniversary) and the tiers it suits, the kind of gesture (which decides the lead time:
a posted card is written days ahead) and the text in English and German. The choice among the
ideas that fit is a stable hash of the gesture key, so a gesture keeps its idea from day to day.

The planner returns a :class:`Suggestion` (the idea, a rep's own note, a hint such as "gift limit
reached"), never its words: the front end picks the idea's language and words the hint
(:func:`tui.labels.suggestion_text`).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from tui.domain.model import Kind, Reason, Tier, ValidationError, parse_enum
from tui.resources import data_file

_FALLBACK_EN = "A handwritten card with a personal line."
_FALLBACK_DE = "Eine handgeschriebene Karte mit einem persönlichen Satz."


@dataclass(frozen=True, slots=True)
class Idea:
    """One catalog entry: what to do, in which situations, as which kind of contact."""

    reason: Reason
    kind: Kind
    en: str
    de: str
    variant: str = ""
    tiers: frozenset[Tier] = frozenset()

    def fits(self, reason: Reason, tier: Tier, variant: str) -> bool:
        """True if this idea may be proposed for that reason, tier and variant."""
        return (
            self.reason is reason
            and (not self.variant or self.variant == variant)
            and (not self.tiers or tier in self.tiers)
        )

    def text(self, lang: str) -> str:
        """The idea in ``lang`` (German for ``de``, else English)."""
        return self.de if lang == "de" else self.en


class Hint(StrEnum):
    """What the planner says beside the idea, or instead of it; the comment names its fields."""

    BELATED = "belated"  # a missed greeting: call and congratulate (instead of the idea)
    CALL_NOT_POST = "call_not_post"  # too late to post a card: call on the day (instead)
    GIFT_NOT_DEDUCTIBLE = "gift_not_deductible"  # no gift is deductible; an advertising item is
    GIFT_ROOM = "gift_room"  # amount, currency: the largest gift within this year's limit
    GIFT_LIMIT_REACHED = "gift_limit_reached"  # year: so the idea is no gift


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What to do for a gesture, as data: a rep's own ``note`` (shown alone, as typed), else the
    catalog's ``idea`` (None when a hint replaces it) and a ``hint`` with its values."""

    idea: Idea | None = None
    note: str = ""
    hint: Hint | None = None
    amount: Decimal | None = None
    currency: str = ""
    year: int = 0


@dataclass(frozen=True)
class Catalog:
    """All ideas, looked up by reason, tier and variant."""

    ideas: tuple[Idea, ...]
    _cache: dict[tuple[Reason, Tier, str], tuple[Idea, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        missing = {r for r in Reason} - {idea.reason for idea in self.ideas if not idea.variant}
        if missing:
            names = ", ".join(sorted(r.value for r in missing))
            raise ValidationError(f"catalog: no idea without variant for reason(s) {names}")

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> Catalog:
        """The catalog from parsed JSON: ``{"ideas": [{"reason", "kind", "en", "de", ...}]}``."""
        entries = raw.get("ideas") if isinstance(raw, Mapping) else None
        if not isinstance(entries, Sequence) or isinstance(entries, str):
            raise ValidationError("catalog: expected a list under 'ideas'")
        ideas = []
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, Mapping):
                raise ValidationError(f"catalog: idea {number} is not an object")
            try:
                tiers = entry.get("tiers", [])
                if not isinstance(tiers, list):
                    raise ValidationError("tiers must be a list like ['A', 'B']")
                en, de = entry["en"], entry["de"]
                if not (isinstance(en, str) and isinstance(de, str) and en.strip() and de.strip()):
                    raise ValidationError("en and de must be non-empty text")
                ideas.append(
                    Idea(
                        reason=parse_enum(Reason, entry["reason"], "reason"),
                        kind=parse_enum(Kind, entry["kind"], "kind"),
                        en=en,
                        de=de,
                        variant=str(entry.get("variant", "")),
                        tiers=frozenset(parse_enum(Tier, t, "tiers") for t in tiers),
                    )
                )
            except KeyError as error:
                raise ValidationError(f"catalog: idea {number} has no {error.args[0]!r}") from None
            except ValidationError as error:
                raise ValidationError(f"catalog: idea {number}: {error}") from None
        return cls(tuple(ideas))

    def candidates(self, reason: Reason, tier: Tier, variant: str = "") -> tuple[Idea, ...]:
        """Ideas that fit; variant-specific ones win over general ones when there are any."""
        cache = self._cache
        found = cache.get((reason, tier, variant))
        if found is None:
            fitting = [idea for idea in self.ideas if idea.fits(reason, tier, variant)]
            specific = [idea for idea in fitting if idea.variant]
            found = tuple(specific or fitting)
            if not found:  # no idea for this tier: any idea for the reason will do
                found = tuple(i for i in self.ideas if i.reason is reason and not i.variant)
            cache[(reason, tier, variant)] = found
        return found

    def choose(
        self,
        key: str,
        reason: Reason,
        tier: Tier,
        variant: str = "",
        *,
        without: frozenset[Kind] = frozenset(),
    ) -> Idea:
        """The idea for one gesture: stable for the same key (a CRC of the key picks it).

        ``without`` leaves out kinds that do not fit now (a gift for a recipient at the gift
        limit): then the reason's other ideas for the variant, else for the reason, else a card.
        """
        ideas = self.candidates(reason, tier, variant)
        if without:
            ideas = tuple(i for i in ideas if i.kind not in without) or tuple(
                i for i in self.candidates(reason, tier) if i.kind not in without and not i.variant
            )
            if not ideas:
                return Idea(reason, Kind.CARD, _FALLBACK_EN, _FALLBACK_DE)
        return ideas[zlib.crc32(key.encode("utf-8")) % len(ideas)]


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The shipped catalog (data/catalog.json); the only place that reads that file."""
    return Catalog.from_mapping(json.loads(data_file("catalog.json").read_text(encoding="utf-8")))
