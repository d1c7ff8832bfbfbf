"""Translations: every user-facing string goes through ``_()``; English source, German catalog.

The German catalog is a set of plain gettext ``.po`` files, ``tui/locale/de/*.po`` (one per area
of the code), read at start-up: no compile step, so a source checkout and a wheel behave the same.
The language comes from ``KP_LANG``, then the config file, then the usual locale variables;
anything that is not German falls back to English.
Dates and amounts are formatted per language too (``24.12.2026``, ``1.234,50 €``).
"""

from __future__ import annotations

import ast
import gettext
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

LANGUAGES = ("en", "de")
_CATALOGS = Path(__file__).resolve().parent / "locale"


def _po_string(quoted: str) -> str:
    """The text of a quoted ``.po`` string; only one with escapes needs a real parse (every
    German command reads the whole catalog, so the common case is a slice)."""
    if "\\" not in quoted and quoted.endswith('"') and len(quoted) >= 2:
        return quoted[1:-1]
    return str(ast.literal_eval(quoted))


class _PoTranslations(gettext.NullTranslations):
    """A gettext catalog read straight from a ``.po`` file (singular and plural entries)."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self._messages: dict[str, str] = {}
        self._plurals: dict[str, tuple[str, str]] = {}
        self.plural_ids: set[str] = set()
        for path in paths:
            self._load(path)

    def _load(self, path: Path) -> None:
        entry: dict[str, str] = {}
        current = ""

        def flush() -> None:
            msgid = entry.get("msgid", "")
            if msgid and "msgid_plural" in entry:
                one, many = entry.get("msgstr[0]", ""), entry.get("msgstr[1]", "")
                if one and many:
                    self._plurals[msgid] = (one, many)
                    self.plural_ids.add(entry["msgid_plural"])
            elif msgid and entry.get("msgstr"):
                self._messages[msgid] = entry["msgstr"]
            entry.clear()

        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                entry[current] = entry.get(current, "") + _po_string(line)
                continue
            keyword, _, rest = line.partition(" ")
            if keyword == "msgid" and any(k.startswith("msgstr") for k in entry):
                flush()
            current = keyword
            entry[current] = _po_string(rest)
        flush()

    def knows(self, message: str) -> bool:
        """Has this catalog a translation of ``message`` (a msgid or a msgid_plural)?"""
        return message in self._messages or message in self._plurals or message in self.plural_ids

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._plurals.get(msgid1)
        if forms is None:
            return msgid1 if n == 1 else msgid2
        return forms[0] if n == 1 else forms[1]


_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def detect_language(configured: str | None = None) -> str:
    """The UI language: ``KP_LANG``, the configured one, then LANGUAGE/LC_ALL/LC_MESSAGES/LANG."""
    candidates = [os.environ.get("KP_LANG"), configured]
    candidates += [os.environ.get(v) for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")]
    for value in candidates:
        if not value:
            continue
        code = value.split(":")[0].split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
        if code not in ("c", "posix"):
            return "en"
    return "en"


def set_language(language: str) -> None:
    """Switch the process to ``language`` (``en`` or ``de``)."""
    global _translations, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _language = language
    catalogs = sorted((_CATALOGS / language).glob("*.po"))
    _translations = _PoTranslations(catalogs) if catalogs else gettext.NullTranslations()


def language() -> str:
    """The language in use."""
    return _language


def _(message: str) -> str:
    """Translate one user-facing string."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it yet (translated where shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a string that depends on a count."""
    return _translations.ngettext(singular, plural, n)


def catalog(language: str) -> _PoTranslations:
    """The whole catalog of one language (tests check that every UI string has a translation)."""
    return _PoTranslations(sorted((_CATALOGS / language).glob("*.po")))


def format_date(day: date) -> str:
    """A date as the user's language writes it: ``24.12.2026`` or ``2026-12-24``."""
    if _language == "de":
        return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
    return day.isoformat()


def format_datetime(moment: datetime) -> str:
    """A date with hours and minutes."""
    return f"{format_date(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


def format_money(amount: Decimal, currency: str = "EUR") -> str:
    """An amount with two decimals: ``1.234,50 €`` (German) or ``€1,234.50`` (English)."""
    symbol = {"EUR": "€", "CHF": "CHF"}.get(currency, currency)
    text = f"{amount:,.2f}"
    if _language == "de":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
        return f"{text} {symbol}"
    return f"{symbol}{text}" if symbol == "€" else f"{symbol} {text}"


def format_number(value: float, decimals: int = 0) -> str:
    """A number with the language's decimal and thousands separators."""
    text = f"{value:,.{decimals}f}"
    if _language == "de":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


set_language(detect_language())
