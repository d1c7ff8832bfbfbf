"""Where the book and the config file live, and what the config file says.

Paths follow the XDG conventions (platformdirs outside Linux). ``KP_BOOK`` and ``KP_CONFIG``
override them (tests point both at ``tmp_path``). The config file is TOML; every key is optional:

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
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

APP_NAME = "kundenpflege"


class ConfigError(Exception):
    """The config file cannot be read; the message is one line for the user."""


def _user_dir(kind: str) -> Path:
    """The user's ``data``, ``config`` or ``cache`` folder for kundenpflege.

    On Linux the XDG rule straight away (``$XDG_DATA_HOME`` or ``~/.local/share`` ...), as
    platformdirs has it; elsewhere platformdirs itself. Its Linux module pulls in tempfile and
    shutil, which every shell command would pay for.
    """
    if sys.platform.startswith("linux"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "").strip() or os.path.expanduser(default)
        return Path(base) / APP_NAME
    import platformdirs

    finders = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "cache": platformdirs.user_cache_dir,
    }
    return Path(finders[kind](APP_NAME))


_XDG = {
    "data": ("XDG_DATA_HOME", "~/.local/share"),
    "config": ("XDG_CONFIG_HOME", "~/.config"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
}


def default_book_path() -> Path:
    """``KP_BOOK`` or ``<user data dir>/kundenpflege/book.json``."""
    override = os.environ.get("KP_BOOK")
    if override:
        return Path(override).expanduser()
    return _user_dir("data") / "book.json"


def config_path() -> Path:
    """``KP_CONFIG`` or ``<user config dir>/kundenpflege/config.toml``."""
    override = os.environ.get("KP_CONFIG")
    if override:
        return Path(override).expanduser()
    return _user_dir("config") / "config.toml"


def cache_dir() -> Path:
    """``KP_CACHE_DIR`` or ``<user cache dir>/kundenpflege``: things that can be rebuilt."""
    override = os.environ.get("KP_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    return _user_dir("cache")


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


KNOWN_KEYS = ("language", "theme", "rep", "region", "capacity", "keys")


def _line_of(text: str, key: str, table: str | None = None) -> int:
    """The line that sets ``key`` (inside ``[table]`` if given); 1 if it cannot be found."""
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            current = stripped.strip("[] ").strip("\"'")
            if table is None and current == key:
                return number
            continue
        name = stripped.split("=", 1)[0].strip().strip("\"'")
        if "=" in stripped and name == key and current == table:
            return number
    return 1


def _check(raw: dict[str, Any], text: str, path: Path) -> None:
    """One clear error naming the file and line of the first wrong key or value."""
    from tui.i18n import _

    def wrong(key: str, message: str, table: str | None = None) -> ConfigError:
        where = _("config {path}, line {line}").format(path=path, line=_line_of(text, key, table))
        return ConfigError(f"{where}: {message}")

    for key, value in raw.items():
        if key not in KNOWN_KEYS:
            known = ", ".join(KNOWN_KEYS)
            raise wrong(
                key, _("unknown setting {key!r} (known: {known})").format(key=key, known=known)
            )
        if key == "keys":
            if not isinstance(value, dict):
                raise wrong(key, _("[keys] must map binding ids to key names"))
            for binding, keys in value.items():
                if not isinstance(keys, str) or not keys.strip():
                    raise wrong(
                        binding, _('{key} must be a key name like "l"').format(key=binding), "keys"
                    )
        elif key == "capacity":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100:
                raise wrong(key, _("capacity must be a whole number from 1 to 100"))
        elif not isinstance(value, str) or not value.strip():
            raise wrong(key, _("{key} must be text in quotes").format(key=key))
        elif key == "language" and value not in ("en", "de"):
            raise wrong(key, _('language must be "en" or "de"'))
        elif key == "region":
            from tui.domain.calendar import parse_region
            from tui.domain.model import ValidationError

            try:
                parse_region(value)
            except ValidationError as error:
                raise wrong(key, str(error)) from None


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file means defaults, a broken one a ConfigError that
    names the file and the line."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config {path}: {error}") from None
    import tomllib  # only with a config file: most shell commands run without one

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config {path} is not valid TOML: {error}") from None
    _check(raw, text, path)
    return Config(
        language=raw.get("language"),
        theme=raw.get("theme", "textual-dark"),
        rep=raw.get("rep") or login_name(),
        region=raw.get("region"),
        capacity=raw.get("capacity"),
        keys=dict(raw.get("keys", {})),
        path=path,
    )


def save_config_value(name: str, value: str, path: Path | None = None) -> None:
    """Remember one top-level setting (e.g. the theme) without disturbing the rest of the file.

    tomlkit edits the parsed document in place, so the user's comments, order and quoting
    survive (a value written in single quotes stays in single quotes).
    """
    import tomlkit
    from tomlkit.items import String, StringType

    path = path or config_path()
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        document = tomlkit.document()
    except tomlkit.exceptions.ParseError as error:
        raise ConfigError(f"config {path} is not valid TOML: {error}") from None
    old = document.get(name)
    literal = isinstance(old, String) and old.type in (StringType.SLL, StringType.MLL)
    document[name] = tomlkit.string(value, literal=literal)
    path.parent.mkdir(parents=True, exist_ok=True)
    from tui.store.files import atomic_write

    atomic_write(path, tomlkit.dumps(document).encode("utf-8"))
