"""Every user-facing string has a German translation; formatting follows the language."""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path

from tui import i18n

PACKAGE = Path(__file__).resolve().parent.parent / "tui"


def _marked_strings() -> set[str]:
    """String literals passed to ``_()`` anywhere in the package."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "N_"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def test_every_marked_string_has_a_german_translation() -> None:
    german = i18n.catalog("de")
    missing = sorted(s for s in _marked_strings() if german.gettext(s) == s and s.strip())
    assert missing == [], f"add these to tui/locale/de/*.po: {missing}"


def test_german_formats_dates_and_money() -> None:
    i18n.set_language("de")
    assert i18n.format_date(date(2026, 12, 24)) == "24.12.2026"
    assert i18n.format_money(Decimal("1234.5")) == "1.234,50 €"
    i18n.set_language("en")
    assert i18n.format_date(date(2026, 12, 24)) == "2026-12-24"
    assert i18n.format_money(Decimal("1234.5")) == "€1,234.50"


def test_language_detection(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("KP_LANG")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert i18n.detect_language() == "de"
    assert i18n.detect_language("en") == "en"
    monkeypatch.setenv("KP_LANG", "de")
    assert i18n.detect_language("en") == "de"
