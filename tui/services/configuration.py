"""``kp config show``: every setting in effect and where it came from.

A setting can come from the built-in default, the rep's config file, the environment
(``KP_*`` and the locale variables), the command line (``--book``) or the team's book. The
order here is the order the program itself applies, so the report cannot disagree with it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.config import Config, cache_dir, config_path, login_name
from tui.domain.gifts import GiftSettings
from tui.domain.settings import PlanSettings
from tui.i18n import detect_language

if TYPE_CHECKING:
    from tui.store.book import Book

DEFAULT, FILE, ENVIRONMENT, BOOK, COMMAND_LINE = (
    "default",
    "file",
    "environment",
    "book",
    "command line",
)
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_GIFT_KEYS = ("flat_tax", "gift_vat_rate", "input_vat_deduction")


@dataclass(frozen=True)
class Setting:
    """One effective setting; ``detail`` names the variable, file or book it came from."""

    name: str
    value: str
    source: str
    detail: str = ""


def show(value: Any) -> str:
    """A value as one short line of text."""
    if isinstance(value, GiftSettings):
        years = ", ".join(f"{y}: {r}" for y, r in sorted(value.flat_tax.items()))
        return f"flat_tax {{{years}}}, vat {value.vat_rate}, input_vat {show(value.input_vat)}"
    if isinstance(value, Mapping):
        return ", ".join(f"{show(k)}={show(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(show(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _language(config: Config, env: Mapping[str, str]) -> Setting:
    value = detect_language(config.language)
    if env.get("KP_LANG"):
        return Setting("language", value, ENVIRONMENT, "KP_LANG")
    if config.language:
        return Setting("language", value, FILE, str(config.path))
    for name in _LOCALE_VARIABLES:
        if env.get(name):
            return Setting("language", value, ENVIRONMENT, name)
    return Setting("language", value, DEFAULT)


def _path(name: str, value: Path, variable: str, env: Mapping[str, str]) -> Setting:
    if env.get(variable):
        return Setting(name, str(value), ENVIRONMENT, variable)
    return Setting(name, str(value), DEFAULT)


def personal_settings(
    config: Config, *, book: Path, book_from_option: bool, env: Mapping[str, str] | None = None
) -> list[Setting]:
    """The rep's own settings and the paths in use."""
    env = os.environ if env is None else env
    file = str(config.path)
    found = [_language(config, env)]
    raw_theme = config.theme != Config().theme
    found.append(
        Setting("theme", config.theme, FILE if raw_theme else DEFAULT, file if raw_theme else "")
    )
    if config.rep != login_name():
        found.append(Setting("rep", config.rep, FILE, file))
    elif env.get("KP_REP"):
        found.append(Setting("rep", config.rep, ENVIRONMENT, "KP_REP"))
    else:
        found.append(Setting("rep", config.rep, DEFAULT))
    for binding, keys in sorted(config.keys.items()):
        found.append(Setting(f"keys.{binding}", keys, FILE, file))
    if book_from_option:
        found.append(Setting("book", str(book), COMMAND_LINE, "--book"))
    else:
        found.append(_path("book", book, "KP_BOOK", env))
    found.append(_path("config", config.path or config_path(), "KP_CONFIG", env))
    found.append(_path("cache", cache_dir(), "KP_CACHE_DIR", env))
    return found


def team_settings(config: Config, book: Book | None) -> list[Setting]:
    """The planner's settings: the book's over the defaults, the rep's capacity and region on
    top (as :func:`tui.services.planning.rep_settings` applies them)."""
    from tui.services.planning import rep_settings

    stored: dict[str, Any] = book.settings() if book is not None else {}
    effective = rep_settings(book, config) if book is not None else PlanSettings()
    if book is None and config.capacity:
        effective = dataclasses.replace(effective, capacity=config.capacity)
    if book is None and config.region:
        effective = dataclasses.replace(effective, region=config.region)
    where = str(book.path) if book is not None else ""
    found = []
    for item in dataclasses.fields(PlanSettings):
        value = show(getattr(effective, item.name))
        if item.name in ("capacity", "region") and getattr(config, item.name):
            found.append(Setting(item.name, value, FILE, str(config.path)))
        elif item.name in stored or (item.name == "gifts" and set(_GIFT_KEYS) & set(stored)):
            found.append(Setting(item.name, value, BOOK, where))
        else:
            found.append(Setting(item.name, value, DEFAULT))
    known = {f.name for f in dataclasses.fields(PlanSettings)} | set(_GIFT_KEYS)
    for key in sorted(set(stored) - known):
        found.append(Setting(key, show(stored[key]), BOOK, where))
    return found
