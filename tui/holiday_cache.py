"""A file cache of public holidays, so a shell command does not import ``holidays`` each time.

``holidays`` plus one country's rules are slow to import; the answers (subdivision codes,
the dates of a region's holidays in a year) are a few hundred bytes. They are kept in
``<cache dir>/holidays.json``, keyed by the installed ``holidays`` release (found without
importing it), and the package is asked only on a miss. A broken or foreign cache is ignored and
rewritten; failing to write it never fails the command.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
from datetime import date
from pathlib import Path

from tui.config import cache_dir
from tui.domain.calendar import HolidaySource, PackageHolidays, use_holiday_source
from tui.store.files import atomic_write

_FORMAT = 1


def _package_stamp() -> str:
    """Which ``holidays`` release is installed, from its files' metadata (no import)."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return "missing"
    version_file = Path(spec.origin).with_name("version.py")
    try:
        info = version_file.stat()
    except OSError:
        return spec.origin
    return f"{_FORMAT}:{version_file}:{info.st_size}:{info.st_mtime_ns}"


class CachedHolidays:
    """A HolidaySource that remembers the answers of another one in a JSON file."""

    def __init__(self, path: Path, fallback: HolidaySource | None = None) -> None:
        self.path = path
        self.fallback = fallback or PackageHolidays()
        self.stamp = _package_stamp()
        self._subdivisions: dict[str, list[str] | None] = {}
        self._dates: dict[str, list[str]] = {}
        self._dirty = False
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(raw, dict) or raw.get("stamp") != self.stamp:
            return
        subdivisions, dates = raw.get("subdivisions"), raw.get("dates")
        if isinstance(subdivisions, dict) and isinstance(dates, dict):
            self._subdivisions, self._dates = subdivisions, dates

    def subdivisions(self, country: str) -> frozenset[str] | None:
        if country not in self._subdivisions:
            found = self.fallback.subdivisions(country)
            self._subdivisions[country] = None if found is None else sorted(found)
            self._dirty = True
        known = self._subdivisions[country]
        return None if known is None else frozenset(known)

    def dates(self, country: str, subdivision: str | None, year: int) -> frozenset[date]:
        key = f"{country}|{subdivision or ''}|{year}"
        if key not in self._dates:
            found = self.fallback.dates(country, subdivision, year)
            self._dates[key] = sorted(day.isoformat() for day in found)
            self._dirty = True
        return frozenset(date.fromisoformat(text) for text in self._dates[key])

    def save(self) -> None:
        """Write new answers (atomically); a read-only or full disk only costs speed next time."""
        if not self._dirty:
            return
        document = {"stamp": self.stamp, "subdivisions": self._subdivisions, "dates": self._dates}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(document).encode())
            self._dirty = False
        except OSError:
            return


_installed: list[CachedHolidays] = []


def install_holiday_cache(path: Path | None = None) -> CachedHolidays:
    """Put the file cache in front of ``holidays`` for this process; saved when it exits."""
    cache = CachedHolidays(path or cache_dir() / "holidays.json")
    use_holiday_source(cache)
    atexit.register(cache.save)
    _installed[:] = [cache]
    return cache


def save_holiday_cache() -> None:
    """Save the installed cache now: for a process that leaves without running its exit
    handlers (the app's head start child ends with ``os._exit``)."""
    for cache in _installed:
        cache.save()
