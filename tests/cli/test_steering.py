"""``kp plan``, ``unplan``, ``contact list/edit/delete``, ``undo`` and ``customer show``."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import Kp


def _one_line_error(result: object, code: int = 2) -> None:
    assert result.returncode == code, result.stderr  # type: ignore[attr-defined]
    stderr = result.stderr  # type: ignore[attr-defined]
    assert stderr.count("\n") == 1 and "Traceback" not in stderr


@pytest.fixture
def anna(kp: Kp) -> str:
    assert kp("customer", "add", "Anna Müller", "--company", "Müller GmbH").returncode == 0
    assert kp("customer", "add", "Bernd Weber").returncode == 0
    return "1"


@pytest.mark.parametrize(
    "command",
    [
        ["plan"],
        ["unplan"],
        ["undo"],
        ["contact"],
        ["contact", "list"],
        ["contact", "edit"],
        ["contact", "delete"],
        ["customer", "show"],
    ],
)
def test_every_new_command_has_help(kp: Kp, command: list[str]) -> None:
    result = kp(*command, "--help")
    assert result.returncode == 0 and result.stdout.startswith("usage: kp ")


def test_plan_shows_on_the_day_with_its_note_and_can_be_moved_skipped_deleted(
    kp: Kp, anna: str
) -> None:
    day = date.today() + timedelta(days=3)
    planned = kp("plan", "anna", "--on", day.isoformat(), "--kind", "visit", "--note", "fair?")
    assert planned.returncode == 0, planned.stderr
    key = f"1:manual:{day.isoformat()}"
    assert f"[{key}]" in planned.stdout
    items = json.loads(kp("today", "--date", day.isoformat(), "--format", "json").stdout)
    (item,) = [i for i in items if i["key"] == key]
    assert (item["kind"], item["suggestion"], item["section"]) == ("visit", "fair?", "today")
    again = kp("plan", "anna", "--on", day.isoformat())
    _one_line_error(again)
    later = day + timedelta(days=7)
    assert kp("snooze", key, "--until", later.isoformat()).returncode == 0
    moved = json.loads(kp("today", "--date", later.isoformat(), "--format", "json").stdout)
    assert key in {i["key"] for i in moved if i["section"] == "today"}
    assert kp("skip", key).returncode == 0
    gone = json.loads(kp("today", "--date", later.isoformat(), "--format", "json").stdout)
    assert key not in {i["key"] for i in gone}
    assert kp("unplan", key).returncode == 0
    assert (
        kp("undo").stdout.strip() == "Undone: deleted planned gesture (Anna Müller (Müller GmbH))"
    )


def test_plan_errors(kp: Kp, anna: str) -> None:
    for args in (
        ["plan", "anna", "--on", "2001-01-01"],
        ["plan", "anna", "--on", "someday"],
        ["plan", "anna"],
        ["plan", "nobody", "--on", "fr"],
        ["plan", "anna", "--on", "fr", "--kind", "telegram"],
        ["unplan", "1:cadence:2026-01-01"],
        ["unplan", "nonsense"],
    ):
        _one_line_error(kp(*args))


def test_contact_list_edit_delete_and_undo(kp: Kp, anna: str, book: Path) -> None:
    assert kp("log", "anna", "call", "5m", "@01.03.2026", "first").returncode == 0
    assert kp("log", "anna", "email", "@02.03.2026", "second", "note").returncode == 0
    listed = json.loads(kp("contact", "list", "anna", "--format", "json").stdout)
    assert [c["note"] for c in listed] == ["second note", "first"]
    first = listed[1]["id"]
    text = kp("contact", "list", "anna").stdout.splitlines()
    assert text[0] == "#1 Anna Müller (Müller GmbH)" and text[1].startswith(f"#{listed[0]['id']} ")
    edited = kp("contact", "edit", str(first), "--at", "2026-03-01 09:15", "--kind", "visit")
    assert edited.returncode == 0, edited.stderr
    again = json.loads(kp("contact", "list", "1", "--format", "json").stdout)
    assert (again[1]["at"], again[1]["kind"], again[1]["note"]) == (
        "2026-03-01T09:15",
        "visit",
        "first",
    )
    assert kp("contact", "edit", str(first), "--gift", "20").returncode == 0
    gift = json.loads(kp("contact", "list", "1", "--format", "json").stdout)[1]
    assert (gift["kind"], gift["amount"], gift["currency"]) == ("gift", "20.00", "EUR")
    deleted = kp("contact", "delete", str(first))
    assert deleted.returncode == 0 and "kp undo" in deleted.stdout
    assert len(json.loads(kp("contact", "list", "1", "--format", "json").stdout)) == 1
    undone = [kp("undo").stdout.strip() for _ in range(3)]
    assert undone == [
        "Undone: deleted contact (Anna Müller (Müller GmbH))",
        "Undone: contact correction (Anna Müller (Müller GmbH))",
        "Undone: contact correction (Anna Müller (Müller GmbH))",
    ]
    back = json.loads(kp("contact", "list", "1", "--format", "json").stdout)
    assert [(c["note"], c["kind"], c["at"]) for c in back][1] == (
        "first",
        "call",
        "2026-03-01T12:00",
    )


def test_contact_errors(kp: Kp, anna: str) -> None:
    kp("log", "anna", "call", "first")
    for args in (
        ["contact", "edit", "99", "--note", "x"],
        ["contact", "edit", "1"],
        ["contact", "edit", "1", "--minutes", "lots"],
        ["contact", "edit", "1", "--at", "yesterday-ish"],
        ["contact", "edit", "x", "--note", "y"],
        ["contact", "delete", "99"],
        ["contact", "list", "nobody"],
        ["contact", "frobnicate"],
    ):
        _one_line_error(kp(*args))


def test_deleting_an_answering_contact_reopens_its_gesture(kp: Kp, demo_book: Path) -> None:
    day = "2026-11-23"
    items = json.loads(kp("today", "--date", day, "--format", "json").stdout)
    item = items[0]
    logged = kp("log", str(item["customer_id"]), "--gesture", item["key"], "--at", f"{day} 09:00")
    contact_id = logged.stdout.strip().rsplit("#", 1)[1].rstrip(")")
    done = json.loads(kp("today", "--date", day, "--format", "json").stdout)
    assert [i["status"] for i in done if i["key"] == item["key"]] == ["done"]
    assert kp("contact", "delete", contact_id).returncode == 0
    reopened = json.loads(kp("today", "--date", day, "--format", "json").stdout)
    assert [i["status"] for i in reopened if i["key"] == item["key"]] == ["open"]


def test_undo_covers_log_done_snooze_skip_and_archive(kp: Kp, anna: str) -> None:
    assert kp("undo").stdout.strip() == "Nothing to undo."
    kp("log", "weber", "call", "hello")
    kp("skip", "2:cadence:2026-01-05")
    kp("snooze", "2:cadence:2026-02-05", "--days", "3")
    kp("customer", "archive", "weber")
    messages = [kp("undo").stdout.strip() for _ in range(5)]
    assert messages == [
        "Undone: archiving (Bernd Weber)",
        "Undone: snooze (Bernd Weber)",
        "Undone: skip (Bernd Weber)",
        "Undone: logged contact (Bernd Weber)",
        "Nothing to undo.",
    ]
    assert json.loads(kp("contact", "list", "weber", "--format", "json").stdout) == []


def test_quick_log_plans_a_follow_up(kp: Kp, anna: str) -> None:
    result = kp("log", "anna", "call", "10m", "care", "next", "@+2", "asked", "about", "prices")
    assert result.returncode == 0, result.stderr
    day = date.today() + timedelta(days=2)
    assert "follow-up planned on" in result.stdout
    shown = json.loads(kp("customer", "show", "anna", "--format", "json").stdout)
    (follow,) = [g for g in shown["upcoming"] if g["reason"] == "manual"]
    assert (follow["key"], follow["suggestion"]) == (f"1:manual:{day}", "asked about prices")
    assert kp("undo").returncode == 0
    shown = json.loads(kp("customer", "show", "anna", "--format", "json").stdout)
    assert shown["recent_contacts"] == [] and not [
        g for g in shown["upcoming"] if g["reason"] == "manual"
    ]


def test_customer_show_lists_recent_history_and_what_comes_up(kp: Kp, anna: str) -> None:
    for n in range(7):
        kp("log", "anna", "call", f"@0{n + 1}.03.2026", f"note {n}")
    day = date.today() + timedelta(days=5)
    kp("plan", "anna", "--on", day.isoformat(), "--note", "bring the catalogue")
    text = kp("customer", "show", "anna").stdout
    assert "Recent contacts (5 of 7)" in text
    assert "note 6" in text and "note 2" in text and "note 1" not in text
    coming = text.split("Coming up\n", 1)[1]
    assert f"[1:manual:{day}]" in coming and "bring the catalogue" in coming
    shown = json.loads(kp("customer", "show", "anna", "--format", "json").stdout)
    assert shown["recent_contacts"][0]["note"] == "note 6"
