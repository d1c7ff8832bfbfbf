"""Regions are checked where they are entered; a book with a bad one still plans; prospects."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.cli.conftest import Kp

pytest.importorskip("tui.store.book", reason="the store lands from its own branch")


def test_an_unknown_region_is_refused_with_the_valid_codes(kp: Kp) -> None:
    result = kp("customer", "add", "Hans Müller", "--region", "DE-XX")
    assert result.returncode == 2
    assert result.stderr.startswith("kp: region: 'DE-XX' is not a region of DE; valid: DE, DE-BB")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert kp("customer", "add", "Hans Müller", "--region", "de-by").returncode == 0
    edit = kp("customer", "edit", "hans", "--region", "AT-99")
    assert edit.returncode == 2 and "AT-9" in edit.stderr
    local = kp("customer", "edit", "hans", "--local-holidays", "augsburg")
    assert local.returncode == 0
    shown = json.loads(kp("customer", "show", "hans", "--format", "json").stdout)
    assert (shown["region"], shown["local_holidays"]) == ("DE-BY", "augsburg")


def test_a_book_with_an_unknown_region_still_plans_and_says_who(kp: Kp, book: Path) -> None:
    from tui.store.book import Book

    kp("customer", "add", "Hans Müller", "--tier", "A")
    kp("customer", "add", "Eva Schulz", "--tier", "B")
    with Book.open(book) as opened:  # as an older version or a hand edit left it
        opened.update_customer(dataclasses.replace(opened.customer(1), region="DE-XX"))
    result = kp("today", "--all", "--format", "json")
    assert result.returncode == 0
    assert {item["customer_id"] for item in json.loads(result.stdout)} >= {1, 2}
    assert result.stderr.count("\n") == 1
    assert "#1 Hans Müller (DE-XX)" in result.stderr and "Eva" not in result.stderr


def test_a_won_deal_turns_a_prospect_into_a_customer(kp: Kp) -> None:
    assert kp("customer", "add", "Petra Neu", "--prospect").returncode == 0
    listed = kp("customer", "list").stdout
    assert listed.index("Prospects") < listed.index("Petra Neu")
    won = kp("log", "petra", "meeting", "sales", "won", "--", "Vertrag unterschrieben")
    assert won.returncode == 0 and "Petra Neu is a customer now" in won.stdout
    shown = json.loads(kp("customer", "show", "petra", "--format", "json").stdout)
    assert shown["prospect"] is False and shown["since"] is not None
    assert "Prospects" not in kp("customer", "list").stdout
