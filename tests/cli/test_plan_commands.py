"""``kp today``, ``snooze``, ``skip``, ``heatmap``, ``demo`` and quick ``log`` from a shell."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.cli.conftest import DAY, Kp


def test_demo_refuses_to_overwrite(kp: Kp, demo_book: Path) -> None:
    result = kp("demo", "--out", str(demo_book))
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_demo_for_a_large_team(kp: Kp, tmp_path: Path) -> None:
    out = tmp_path / "team.json"
    result = kp("demo", "--out", str(out), "--customers", "60", "--years", "1", "--reps", "12")
    assert result.returncode == 0, result.stderr
    listed = kp("--book", str(out), "customer", "list")
    owners = {line.split()[-2] for line in listed.stdout.splitlines()[1:]}
    assert len(owners) == 12 and {"amueller", "bschmidt"} <= owners
    assert all(o.isascii() and o.islower() for o in owners)
    refused = kp("demo", "--out", str(tmp_path / "x.json"), "--reps", "0")
    assert refused.returncode == 2 and "--reps" in refused.stderr


def test_today_json_and_text(kp: Kp, demo_book: Path) -> None:
    result = kp("today", "--date", DAY, "--format", "json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    today = [i for i in items if i["section"] == "today"]
    assert 0 < len(today) <= 8 + sum(1 for i in today if i["fixed"])
    for item in items:
        assert {
            "key",
            "customer_id",
            "customer",
            "company",
            "due",
            "reason",
            "kind",
            "urgency",
            "why",
        } <= set(item)
    assert [i["urgency"] for i in today] == sorted((i["urgency"] for i in today), reverse=True)
    text = kp("today", "--date", DAY)
    assert text.returncode == 0
    lines = text.stdout.splitlines()
    assert lines[0].startswith("Today, Mon 2026-11-23 · tester")
    assert all(len(line) <= 80 for line in lines)
    assert "\x1b" not in text.stdout  # not a terminal: no colour
    team = json.loads(kp("today", "--date", DAY, "--all", "--format", "json").stdout)
    assert len(team) >= len(items)


def test_today_why_says_why_each_gesture_ranks_where_it_does(kp: Kp, demo_book: Path) -> None:
    items = json.loads(kp("today", "--date", DAY, "--format", "json", "--why").stdout)
    today = [i for i in items if i["section"] == "today"]
    assert today and all(i["urgency_parts"] for i in items)
    for item in items:  # the parts add up to the urgency that orders the list
        total = sum(part["value"] for part in item["urgency_parts"])
        assert abs(total - item["urgency"]) < 0.01 and all(p["text"] for p in item["urgency_parts"])
    assert (
        "urgency_parts" not in json.loads(kp("today", "--date", DAY, "--format", "json").stdout)[0]
    )

    text = kp("today", "--date", DAY, "--why", "--limit", "3")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines) and "\x1b" not in text.stdout
    first = today[0]
    at = next(n for n, line in enumerate(lines) if f"[{first['key']}]" in line)
    parts = [f"{p['text']}" for p in first["urgency_parts"]]
    shown = lines[at + 1 : at + 2 + len(parts)]  # the parts under the idea line, then the sum
    assert [line.strip().split("  ", 1)[-1] for line in shown[:-1]] == parts
    assert shown[-1].strip() == f"= {first['urgency']:.2f} urgency"
    assert sum(line.strip().startswith("= ") for line in lines) == 3  # one sum per gesture shown
    assert "= " not in kp("today", "--date", DAY, "--limit", "3").stdout

    german = kp("today", "--date", DAY, "--why", "--limit", "1", env={"KP_LANG": "de"})
    assert "Dringlichkeit" in german.stdout
    helped = kp("today", "--help")
    assert helped.returncode == 0 and "--why" in helped.stdout
    assert "why it ranks where it does" in " ".join(helped.stdout.split())


def test_german_today(kp: Kp, demo_book: Path) -> None:
    result = kp("today", "--date", DAY, env={"KP_LANG": "de"})
    assert result.stdout.startswith("Heute, Mo 23.11.2026 · tester")


def test_snooze_and_skip_take_a_gesture_off_today(kp: Kp, demo_book: Path) -> None:
    items = json.loads(kp("today", "--date", DAY, "--format", "json").stdout)
    first, second = items[0]["key"], items[1]["key"]
    assert kp("snooze", first, "--until", "2099-01-01").returncode == 0
    assert kp("skip", second).returncode == 0
    keys = {i["key"] for i in json.loads(kp("today", "--date", DAY, "--format", "json").stdout)}
    assert first not in keys and second not in keys
    bad = kp("snooze", "12:party:2026-01-01")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_log_with_gesture_marks_it_done(kp: Kp, demo_book: Path) -> None:
    items = json.loads(kp("today", "--date", DAY, "--format", "json").stdout)
    item = items[0]
    result = kp(
        "log",
        str(item["customer_id"]),
        "--gesture",
        item["key"],
        "--at",
        f"{DAY} 09:00",
        "--note",
        "done from the shell",
    )
    assert result.returncode == 0, result.stderr
    after = json.loads(kp("today", "--date", DAY, "--format", "json").stdout)
    assert item["key"] not in {i["key"] for i in after if i.get("status") != "done"}


def test_log_without_gesture_answers_the_due_one_like_the_app(kp: Kp, demo_book: Path) -> None:
    items = json.loads(kp("today", "--date", DAY, "--format", "json").stdout)
    item = next(i for i in items if i["section"] == "today" and i["reason"] == "cadence")
    result = kp("log", str(item["customer_id"]), "visit", "@" + DAY, "09:00", "--", "dropped by")
    assert result.returncode == 0, result.stderr
    assert f"answered {item['key']}" in result.stdout
    after = json.loads(kp("today", "--date", DAY, "--format", "json").stdout)
    assert item["key"] not in {i["key"] for i in after if i["status"] != "done"}


def test_quick_log_syntax(kp: Kp, book: Path) -> None:
    kp("customer", "add", "Anna Müller", "--company", "Müller GmbH")
    result = kp(
        "log",
        "mueller",
        "visit",
        "1h30m",
        "sales",
        "won",
        "@14.03.2026",
        "10:30",
        "signed",
        "the",
        "renewal",
    )
    assert result.returncode == 0, result.stderr
    from tui.store.book import Book

    with Book.open(book, create=False) as reopened:
        (contact,) = reopened.contacts()
    assert (contact.kind.value, contact.purpose.value, contact.won, contact.minutes) == (
        "visit",
        "sales",
        True,
        90,
    )
    assert contact.at.date() == date(2026, 3, 14) and contact.note == "signed the renewal"
    both = kp("log", "anna", "call", "--minutes", "5")
    assert both.returncode == 2 and both.stderr.count("\n") == 1


def test_heatmap_prints_grid_and_metrics(kp: Kp, demo_book: Path) -> None:
    result = kp("heatmap", "--all", "--year", "2025")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "December share" in result.stdout and "Longest silence" in result.stdout
    one = kp("heatmap", "1", "--year", "2025")
    assert one.returncode == 0 and "2025" in one.stdout.splitlines()[0]


def test_app_on_a_corrupt_book_is_one_line_and_the_file_untouched(kp: Kp, book: Path) -> None:
    book.write_text('{"meta": {"1": {"schema": 99}}}', encoding="utf-8")
    before = book.read_bytes()
    result = kp()
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and book.read_bytes() == before


def test_abandoned_demo_books_are_removed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tui.commands.demo import DEMO_PREFIX, remove_abandoned_demo_books

    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead, alive = tmp_path / f"{DEMO_PREFIX}dead", tmp_path / f"{DEMO_PREFIX}alive"
    for folder, pid in ((dead, finished.stdout.strip()), (alive, str(os.getpid()))):
        folder.mkdir()
        (folder / "owner.pid").write_text(pid, encoding="ascii")
    remove_abandoned_demo_books(tmp_path)
    assert not dead.exists() and alive.exists()
