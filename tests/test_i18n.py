"""Every user-facing string has a German translation; formatting follows the language."""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path

from tui import i18n

PACKAGE = Path(__file__).resolve().parent.parent / "tui"


# Functions whose leading string arguments are translated: ``_``/``N_`` the first, ``ngettext``
# the first two, the model's ``invalid(field, message)`` both, quicklog's ``_refused(message)``.
_TRANSLATED_ARGS = {"_": 1, "N_": 1, "ngettext": 2, "invalid": 2, "_refused": 1}


def _template(node: ast.AST) -> str | None:
    """``template = "..."``: an error's English template, translated where it is shown."""
    if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Constant):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = {getattr(t, "id", getattr(t, "attr", None)) for t in targets}
        if "template" in names and isinstance(node.value.value, str):
            return node.value.value
    return None


def _marked_strings() -> set[str]:
    """String literals passed to ``_()`` (and friends) anywhere in the package."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            template = _template(node)
            if template is not None:
                found.add(template)
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            for arg in node.args[: _TRANSLATED_ARGS.get(str(name), 0)]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


def test_every_marked_string_has_a_german_translation() -> None:
    german = i18n.catalog("de")
    missing = sorted(s for s in _marked_strings() if s.strip() and not german.knows(s))
    assert missing == [], f"add these to tui/locale/de/*.po: {missing}"


def test_the_catalog_check_notices_a_missing_string() -> None:
    german = i18n.catalog("de")
    assert german.knows("Cadence") and not german.knows("surely not translated")


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
