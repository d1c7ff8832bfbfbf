"""The holiday file cache answers like the package, and never breaks a command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tui.domain import calendar
from tui.holiday_cache import CachedHolidays, install_holiday_cache


class CountingSource:
    """A fallback that counts how often it is asked."""

    def __init__(self) -> None:
        self.asked = 0

    def subdivisions(self, country: str) -> frozenset[str] | None:
        self.asked += 1
        return frozenset({"BY", "NW"}) if country == "DE" else None

    def dates(self, country: str, subdivision: str | None, year: int) -> frozenset[date]:
        self.asked += 1
        return frozenset({date(year, 1, 1), date(year, 1, 6)})


def test_answers_are_kept_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    source = CountingSource()
    cache = CachedHolidays(path, source)
    assert cache.subdivisions("DE") == {"BY", "NW"}
    assert cache.subdivisions("XX") is None
    assert cache.dates("DE", "BY", 2026) == {date(2026, 1, 1), date(2026, 1, 6)}
    cache.save()
    again = CachedHolidays(path, source)
    assert again.subdivisions("XX") is None
    assert again.dates("DE", "BY", 2026) == {date(2026, 1, 1), date(2026, 1, 6)}
    assert source.asked == 3


def test_a_broken_or_foreign_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    path.write_text("{not json", encoding="utf-8")
    source = CountingSource()
    assert CachedHolidays(path, source).subdivisions("DE") == {"BY", "NW"}
    path.write_text(json.dumps({"stamp": "other", "subdivisions": {"DE": []}, "dates": {}}))
    assert CachedHolidays(path, source).subdivisions("DE") == {"BY", "NW"}
    assert source.asked == 2


def test_unwritable_cache_is_only_slower(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = CachedHolidays(blocker / "holidays.json", CountingSource())
    cache.subdivisions("DE")
    cache.save()  # the folder is a file: nothing written, nothing raised


def test_installed_cache_gives_the_packages_holidays(tmp_path: Path) -> None:
    try:
        install_holiday_cache(tmp_path / "holidays.json")
        bavaria = calendar.calendar_for("DE-BY")
        assert not bavaria.is_business_day(date(2026, 1, 6))  # Heilige Drei Könige, a Tuesday
        assert calendar.calendar_for("DE-NW").is_business_day(date(2026, 1, 6))
    finally:
        calendar.use_holiday_source(calendar.PackageHolidays())
