"""``kp customer`` and ``kp log`` through a real subprocess: exit codes, one-line errors, JSON."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.conftest import Kp

pytest.importorskip("tui.store.book", reason="the store lands from its own branch")


def _one_line_error(stderr: str) -> None:
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr


def test_version(kp: Kp) -> None:
    result = kp("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("kundenpflege ")


def test_add_list_show_edit_archive(kp: Kp) -> None:
    added = kp(
        "customer",
        "add",
        "Anna Müller",
        "--company",
        "Müller GmbH",
        "--tier",
        "a",
        "--birthday=--02-29",
        "--region",
        "DE-BY",
        "--tag",
        "vip",
        "--tag",
        "druck",
        "--since",
        "14.03.2020",
        "--email",
        "anna@mueller.de",
    )
    assert added.returncode == 0, added.stderr
    customer_id = int(added.stdout.strip())
    assert kp("customer", "add", "Bernd Weber", "--company", "Weber KG").returncode == 0

    listed = json.loads(kp("customer", "list", "--format", "json").stdout)
    assert [c["name"] for c in listed] == ["Anna Müller", "Bernd Weber"]
    anna = listed[0]
    assert anna["tier"] == "A" and anna["birthday"] == "--02-29" and anna["since"] == "2020-03-14"
    assert anna["tags"] == ["vip", "druck"] and anna["owner"] == "tester"

    shown = kp("customer", "show", "müller")
    assert shown.returncode == 0 and "Müller GmbH" in shown.stdout and "29.02." in shown.stdout

    edited = kp("customer", "edit", str(customer_id), "--tier", "B", "--phone", "+49 89 123")
    assert edited.returncode == 0, edited.stderr
    anna = json.loads(kp("customer", "show", str(customer_id), "--format", "json").stdout)
    assert anna["tier"] == "B" and anna["phone"] == "+49 89 123"

    assert kp("customer", "archive", "weber").returncode == 0
    names = [c["name"] for c in json.loads(kp("customer", "list", "--format", "json").stdout)]
    assert names == ["Anna Müller"]
    everyone = json.loads(kp("customer", "list", "--all", "--format", "json").stdout)
    assert len(everyone) == 2


def test_bad_input_is_one_line_and_exit_2(kp: Kp) -> None:
    kp("customer", "add", "Anna Müller")
    for args in (
        ["customer", "add", "X", "--birthday=--02-30"],
        ["customer", "add", "X", "--region", "Bayern"],
        ["customer", "add", "X", "--since", "31.02.2020"],
        ["customer", "add", "X", "--tier", "Z"],
        ["log", "nobody"],
        ["log", "anna", "--minutes", "many"],
        ["log", "anna", "--kind", "call", "--gift", "20"],
        ["customer", "frobnicate"],
    ):
        result = kp(*args)
        assert result.returncode == 2, (args, result.stderr)
        _one_line_error(result.stderr)


def test_ambiguous_fragment_lists_candidates(kp: Kp) -> None:
    kp("customer", "add", "Anna Müller", "--company", "Müller GmbH")
    kp("customer", "add", "Hans Müller", "--company", "Müller & Söhne")
    result = kp("log", "müller")
    assert result.returncode == 2
    _one_line_error(result.stderr)
    assert "Anna Müller" in result.stderr and "Hans Müller" in result.stderr


def test_log_contact_lands_in_the_book(kp: Kp, book: Path) -> None:
    kp("customer", "add", "Anna Müller", "--company", "Müller GmbH")
    result = kp(
        "log",
        "anna",
        "--kind",
        "visit",
        "--purpose",
        "sales",
        "--won",
        "--minutes",
        "45",
        "--at",
        "14.03.2026 10:30",
        "--note",
        "[bold]signed[/bold] \x1b[31m",
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    from tui.store.book import Book

    with Book.open(book, create=False) as reopened:
        (contact,) = reopened.contacts()
    assert contact.note == "[bold]signed[/bold] \x1b[31m"
    assert contact.at == datetime(2026, 3, 14, 10, 30) and contact.won and contact.minutes == 45


def test_gift_over_the_limit_warns_but_saves(kp: Kp) -> None:
    kp("customer", "add", "Anna Müller")
    first = kp("log", "anna", "--gift", "30", "--at", "2026-06-01")
    assert first.returncode == 0 and first.stderr == ""
    second = kp("log", "anna", "--gift", "25", "--at", "2026-12-01")
    assert second.returncode == 0
    assert second.stderr.startswith("warning:") and second.stderr.count("\n") == 1


def test_corrupt_book_is_refused_and_untouched(kp: Kp, book: Path) -> None:
    book.write_bytes(b'{"customers": {"1": ')
    before = book.read_bytes()
    for args in (["customer", "list"], ["log", "x"], ["today"]):
        result = kp(*args)
        assert result.returncode == 2, result.stderr
        _one_line_error(result.stderr)
    assert book.read_bytes() == before


def test_missing_book_for_a_read_is_a_clear_error(kp: Kp) -> None:
    result = kp("customer", "list")
    assert result.returncode == 2
    _one_line_error(result.stderr)


def test_a_whole_word_picks_one_customer_and_ambiguity_lists_all(kp: Kp) -> None:
    kp("customer", "add", "Christian Huber", "--company", "Huber Haustechnik")
    kp("customer", "add", "Hans-Peter Schubert", "--company", "Schubert Brauerei AG")
    shown = kp("customer", "show", "huber")
    assert shown.returncode == 0, shown.stderr
    assert "Christian Huber" in shown.stdout and "Schubert" not in shown.stdout
    for first in ("Anna", "Bernd", "Carla", "Dieter", "Emil"):
        kp("customer", "add", f"{first} Meier", "--company", f"Meierei {first}")
    result = kp("log", "meier", "call")
    assert result.returncode == 2
    _one_line_error(result.stderr)
    assert "matches 5 customers" in result.stderr
    for first in ("Anna", "Bernd", "Carla", "Dieter", "Emil"):
        assert f"{first} Meier" in result.stderr
