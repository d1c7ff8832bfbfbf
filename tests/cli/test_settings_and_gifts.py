"""``kp settings`` (the team's rules in the book) and gift logging from a shell."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.cli.conftest import Kp

pytest.importorskip("tui.store.book", reason="the store lands from its own branch")


def _one_line_error(stderr: str) -> None:
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr


def test_flat_tax_is_a_stored_setting_per_year(kp: Kp) -> None:
    assert kp("customer", "add", "Hans Müller", "--region", "DE-BY").returncode == 0
    assert kp("settings", "set", "flat_tax.2026", "0.30").returncode == 0
    shown = json.loads(kp("settings", "show", "--format", "json").stdout)
    assert shown["stored"] == {"flat_tax": {"2026": "0.30"}}
    assert shown["effective"]["flat_tax"] == {"2026": "0.30"}
    first = kp("log", "hans", "--gift", "36.84", "--at", "2026-03-02 10:00")
    assert first.returncode == 0 and first.stderr == ""  # 36.84 + 13.15 flat tax = 49.99
    second = kp("log", "hans", "gift", "1€", "@2026-03-03", "10:00")
    assert second.returncode == 0
    assert second.stderr.startswith("warning: Over the €50.00 limit for 2026 (€51.35)")
    assert "flat tax" in second.stderr
    assert kp("settings", "unset", "flat_tax.2026").returncode == 0
    assert json.loads(kp("settings", "show", "--format", "json").stdout)["stored"] == {
        "flat_tax": {}
    }


def test_bad_settings_are_refused_with_one_line(kp: Kp) -> None:
    for args in (
        ("flat_tax.2026", "2"),
        ("capacity", "many"),
        ("year_end_greeting", "easter"),
        ("no_such_thing", "1"),
        ("flat_tax.2026.x", "0.3"),
    ):
        result = kp("settings", "set", *args)
        assert result.returncode == 2, args
        _one_line_error(result.stderr)


def test_the_per_gift_flat_tax_flag_points_to_the_setting(kp: Kp) -> None:
    kp("customer", "add", "Hans Müller")
    result = kp("log", "hans", "--gift", "20", "--flat-tax")
    assert result.returncode == 2
    assert "kp settings set flat_tax." in result.stderr
    _one_line_error(result.stderr)


def test_swiss_gift_is_logged_in_francs_and_austrian_gift_explained(kp: Kp, book: Path) -> None:
    from tui.store.book import Book

    kp("customer", "add", "Ursula Meier", "--region", "CH-ZH")
    kp("customer", "add", "Franz Huber", "--region", "AT-9")
    assert kp("log", "ursula", "--gift", "120").returncode == 0
    with Book.open(book) as opened:
        (gift,) = opened.contacts(1)
    assert (gift.amount, gift.currency) == (Decimal("120.00"), "CHF")
    austrian = kp("log", "franz", "--gift", "30")
    assert austrian.returncode == 0
    assert "not deductible" in austrian.stderr and " of €40" not in austrian.stderr
    giveaway = kp("log", "franz", "--gift", "8", "--giveaway")
    assert giveaway.returncode == 0 and giveaway.stderr == ""


@pytest.mark.parametrize("action", ["show", "set", "unset"])
def test_settings_help(kp: Kp, action: str) -> None:
    result = kp("settings", action, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout
