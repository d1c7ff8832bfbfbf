"""Settings from the book's dict and the shipped defaults; the catalog of ideas."""

from __future__ import annotations

import json

import pytest

from tui.domain.cadence import PlanSettings
from tui.domain.model import Kind, Reason, Tier, ValidationError
from tui.domain.suggestions import Catalog, load_catalog
from tui.resources import data_file


def test_from_mapping_over_defaults_ignores_unknown_keys() -> None:
    settings = PlanSettings.from_mapping(
        {"capacity": 5, "tier_days": {"a": 21}, "after_sale_days": [2, 14], "theme": "x"}
    )
    assert settings.capacity == 5
    assert settings.tier_days[Tier.A] == 21 and settings.tier_days[Tier.C] == 180
    assert settings.after_sale_days == (2, 14)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": "8"}, "capacity"),
        ({"tier_days": {"D": 3}}, "tier_days"),
        ({"after_sale_days": [7, 1]}, "after_sale_days"),
        ({"renewal_service_days": 120}, "renewal_service_days"),
        ({"region": "DE-ZZ"}, "not a region of DE"),
    ],
)
def test_bad_settings_name_the_key(raw: dict[str, object], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        PlanSettings.from_mapping(raw)


def test_shipped_catalog_has_german_and_english_for_every_reason() -> None:
    catalog = load_catalog()
    assert {idea.reason for idea in catalog.ideas} == set(Reason)
    assert all(idea.en != idea.de for idea in catalog.ideas)
    for tier in Tier:
        for reason in Reason:
            assert catalog.candidates(reason, tier)


def test_catalog_choice_is_stable_and_prefers_the_variant() -> None:
    catalog = load_catalog()
    first = catalog.choose("3:after_sale:2026-03-11", Reason.AFTER_SALE, Tier.B, "thanks")
    assert first == catalog.choose("3:after_sale:2026-03-11", Reason.AFTER_SALE, Tier.B, "thanks")
    assert first.variant == "thanks"
    document = json.loads(data_file("catalog.json").read_text(encoding="utf-8"))
    assert Catalog.from_mapping(document) == catalog


def test_catalog_errors_name_the_idea() -> None:
    with pytest.raises(ValidationError, match="idea 1"):
        Catalog.from_mapping(
            {"ideas": [{"reason": "birthday", "kind": "fax", "en": "x", "de": "y"}]}
        )
    with pytest.raises(ValidationError, match="no idea without variant"):
        Catalog.from_mapping(
            {"ideas": [{"reason": "birthday", "kind": Kind.CALL, "en": "x", "de": "y"}]}
        )
