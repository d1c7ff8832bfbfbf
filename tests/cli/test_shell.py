"""``kp`` as a Unix tool: closed pipes, no terminal, typos, dash words, width, day off, locale."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import DAY, Kp

SATURDAY = "2026-11-28"


def _reader_gone(book: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run kp with a stdout whose reader has already left (as ``| head -0`` would)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--book", str(book), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**env, "PYTHONUNBUFFERED": "1"},
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, "", stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("today", "--date", DAY),
        ("today", "--date", DAY, "--format", "json"),
        ("customer", "list"),
        ("customer", "show", "1"),
        ("heatmap", "--all", "--year", "2025"),
    ],
)
def test_a_closed_pipe_ends_quietly(
    demo_book: Path, kp_env: dict[str, str], args: tuple[str]
) -> None:
    result = _reader_gone(demo_book, kp_env, *args)
    assert (result.returncode, result.stderr) == (0, "")


def test_head_in_a_real_shell(demo_book: Path, kp_env: dict[str, str]) -> None:
    command = f"set -o pipefail; {sys.executable} -m tui.cli --book {demo_book} today | head -1"
    result = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=kp_env, timeout=120
    )
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Today, ")


def test_without_a_terminal_kp_prints_the_plan(kp: Kp, demo_book: Path) -> None:
    result = kp()
    assert result.returncode == 0, result.stderr
    assert " · tester · " in result.stdout.splitlines()[0] and "\x1b" not in result.stdout
    demo = kp("--demo")
    assert demo.returncode == 2 and demo.stderr.count("\n") == 1
    assert "needs a terminal" in demo.stderr and demo.stdout == ""


def test_unknown_rep_is_an_error_that_names_the_reps(kp: Kp, demo_book: Path) -> None:
    for args in (("today", "--rep", "TYPO"), ("--rep", "TYPO", "today")):
        result = kp(*args, "--date", DAY)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.startswith("kp: no rep TYPO in this book; reps: ")
        assert "tester" in result.stderr and result.stderr.count("\n") == 1
    assert kp("today", "--rep", "amueller", "--date", DAY).returncode == 0


def test_a_login_that_owns_nothing_yet_gets_an_empty_day_and_a_hint(
    kp: Kp, demo_book: Path, kp_env: dict[str, str]
) -> None:
    kp_env["KP_REP"] = "neu"  # a rep new to the team's book, with kp today in .bashrc
    result = kp("today", "--limit", "8", "--date", DAY)
    assert result.returncode == 0 and " · neu · 0 of 0 done" in result.stdout
    assert result.stderr.count("\n") == 1 and "kp today --all" in result.stderr


def test_note_words_may_start_with_a_dash(kp: Kp, book: Path) -> None:
    kp("customer", "add", "Christian Huber")
    result = kp("log", "huber", "call", "5m", "care", "asked", "about", "-20%", "-", "--", "x")
    assert result.returncode == 0, result.stderr
    logged = kp("log", "huber", "call", "--", "call", "back", "--at", "later")
    assert logged.returncode == 0, logged.stderr
    from tui.store.book import Book

    with Book.open(book, create=False) as reopened:
        first, second = reopened.contacts()
    assert first.note == "asked about -20% - -- x" and first.minutes == 5
    assert second.note == "call back --at later"
    unknown = kp("log", "--frobnicate", "huber")
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1


def test_argument_errors_exit_2(kp: Kp, demo_book: Path) -> None:
    for args in (
        ["today", "--limit", "many"],
        ["today", "--limit", "0"],
        ["today", "--format", "xml"],
        ["today", "--date", "31.02.2026"],
        ["heatmap", "--year", "1066"],
        ["frobnicate"],
    ):
        result = kp(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_limit_shows_the_most_urgent_and_one_summary_line(kp: Kp, demo_book: Path) -> None:
    full = json.loads(kp("today", "--date", DAY, "--format", "json").stdout)
    today = [i for i in full if i["section"] == "today"]
    later = [i for i in full if i["section"] == "later"]
    result = kp("today", "--date", DAY, "--limit", "2")
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 2 * 3 + 1
    assert lines[-1] == (
        f"… and {len(today) - 2} more due today; {len(later)} gestures in the coming days"
        " (kp today shows all)"
    )
    assert f"[{today[0]['key']}]" in lines[3] and f"[{today[1]['key']}]" in lines[6]
    limited = json.loads(kp("today", "--date", DAY, "--limit", "2", "--format", "json").stdout)
    assert [i["key"] for i in limited if i["section"] == "today"] == [i["key"] for i in today[:2]]


def test_overdue_days_in_text_as_in_json(kp: Kp, demo_book: Path) -> None:
    items = json.loads(kp("today", "--date", DAY, "--format", "json").stdout)
    overdue = next(i for i in items if i["section"] == "today" and i["overdue_days"] > 1)
    text = kp("today", "--date", DAY).stdout.splitlines()
    row = next(n for n, line in enumerate(text) if f"[{overdue['key']}]" in line)
    assert text[row - 1].strip().startswith(f"{overdue['overdue_days']} days overdue · ")


def test_text_uses_the_terminal_width(kp: Kp, demo_book: Path) -> None:
    for width in (60, 120):
        lines = kp("today", "--date", DAY, env={"COLUMNS": str(width)}).stdout.splitlines()
        assert max(len(line) for line in lines) == width
    narrow = kp("today", "--date", DAY, env={"COLUMNS": "60"}).stdout
    assert "Later (" in narrow


def test_day_off_lists_what_is_overdue_and_what_comes_next(kp: Kp, demo_book: Path) -> None:
    result = kp("today", "--date", SATURDAY)
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("Sat 2026-11-28 · tester · day off\n")
    assert "heard from us" not in text
    assert "\nOverdue (" in text and "\nComing next (" in text
    assert "days overdue" in text.split("\nComing next (")[0]
    german = kp("today", "--date", SATURDAY, env={"KP_LANG": "de"}).stdout
    assert german.startswith("Sa 28.11.2026 · tester · freier Tag\n") and "Überfällig (" in german
    short = kp("today", "--date", SATURDAY, "--limit", "3").stdout.splitlines()
    assert len([line for line in short if line.startswith("  ")]) == 3
    assert short[-1].startswith("… and ") and short[-1].endswith("(kp today shows all)")


def test_ascii_locale_gets_stand_ins_and_utf8_arguments_still_match(
    kp: Kp, demo_book: Path
) -> None:
    ascii_env = {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    result = kp("today", "--date", DAY, env=ascii_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii() and " - tester - " in result.stdout.splitlines()[0]
    kp("customer", "add", "Jürgen Weiß-Überall")
    shown = kp("customer", "show", "weiß-über", env=ascii_env)
    assert shown.returncode == 0, shown.stderr
    assert "Juergen Weiss-Ueberall" in shown.stdout
