"""Where the book and the config file live, and what the config file says.

Paths follow the XDG conventions through platformdirs. ``KP_BOOK`` and ``KP_CONFIG`` override them
(tests point both at ``tmp_path``). The config file is TOML; every key is optional:

    language = "de"            # en | de
    theme = "textual-dark"     # any Textual theme, remembered when switched in the app
    rep = "mmeier"             # the login name the book knows you by (default: $USER)
    region = "DE-BY"           # your own region, for holidays
    capacity = 8               # gestures per day

    [keys]                     # remap a binding by its id
    "today.log" = "l"
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "kundenpflege"


class ConfigError(Exception):
    """The config file cannot be read; the message is one line for the user."""


def default_book_path() -> Path:
    """``KP_BOOK`` or ``<user data dir>/kundenpflege/book.json``."""
    override = os.environ.get("KP_BOOK")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "book.json"


def config_path() -> Path:
    """``KP_CONFIG`` or ``<user config dir>/kundenpflege/config.toml``."""
    override = os.environ.get("KP_CONFIG")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def cache_dir() -> Path:
    """``KP_CACHE_DIR`` or ``<user cache dir>/kundenpflege``: things that can be rebuilt."""
    override = os.environ.get("KP_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME))


def login_name() -> str:
    """The rep running the program: ``KP_REP``, else the login name."""
    override = os.environ.get("KP_REP")
    if override:
        return override
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "rep"


@dataclass(frozen=True)
class Config:
    """Personal settings from the config file (team-wide settings live in the book)."""

    language: str | None = None
    theme: str = "textual-dark"
    rep: str = field(default_factory=login_name)
    region: str | None = None
    capacity: int | None = None
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file means defaults, a broken one a ConfigError."""
    path = path or config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config {path}: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config {path} is not valid TOML: {error}") from None
    keys = raw.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keys.items()
    ):
        raise ConfigError(f"config {path}: [keys] must map binding ids to key names")
    capacity = raw.get("capacity")
    if capacity is not None and (not isinstance(capacity, int) or not 1 <= capacity <= 100):
        raise ConfigError(f"config {path}: capacity must be a whole number from 1 to 100")
    for name in ("language", "theme", "rep", "region"):
        if name in raw and not isinstance(raw[name], str):
            raise ConfigError(f"config {path}: {name} must be text")
    return Config(
        language=raw.get("language"),
        theme=raw.get("theme", "textual-dark"),
        rep=raw.get("rep") or login_name(),
        region=raw.get("region"),
        capacity=capacity,
        keys=dict(keys),
        path=path,
    )


def save_config_value(name: str, value: str, path: Path | None = None) -> None:
    """Remember one top-level setting (e.g. the theme) without disturbing the rest of the file.

    Rewrites only the line ``name = ...`` (or appends one), so comments and key tables survive.
    """
    path = path or config_path()
    line = f'{name} = "{value}"'
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    table_start = next((i for i, text in enumerate(lines) if text.lstrip().startswith("[")), None)
    top = lines if table_start is None else lines[:table_start]
    rest = [] if table_start is None else lines[table_start:]
    for index, text in enumerate(top):
        if text.split("=", 1)[0].strip() == name:
            top[index] = line
            break
    else:
        top.append(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    from tui.store.files import atomic_write

    atomic_write(path, ("\n".join(top + rest) + "\n").encode("utf-8"))
