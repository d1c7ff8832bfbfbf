"""The first plan made in a child process is the plan the app would make itself, or nothing."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tui.config import Config
from tui.demo.generator import write_demo
from tui.services import planning
from tui.services.head_start import HeadStart, Question
from tui.store.book import Book

TODAY = date(2026, 11, 23)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


CONFIG = Config()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "book.json"
    write_demo(path, customers=80, years=2, seed=3, until=TODAY, reps=["tester", "amueller"])
    return path


@pytest.fixture
def book(path: Path) -> Iterator[Book]:
    with Book.open(path) as opened:
        yield opened


def _question(book: Book, rep: str = "tester", today: date = TODAY) -> Question:
    return Question(today, rep, planning.rep_settings(book, CONFIG, tolerant=True))


def _start(path: Path, rep: str = "tester", today: date = TODAY, **limits: int) -> HeadStart:
    """A head start on the small test book (the limits that keep small books from it off)."""
    limits = {"min_bytes": 0, "min_customers": 0, **limits}
    head_start = HeadStart.start(path, CONFIG, today, rep, **limits)
    assert head_start is not None
    return head_start


def _reaped(head_start: HeadStart) -> bool:
    """No child left behind: waiting for it again finds none."""
    try:
        os.waitpid(head_start._pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("rep", ["tester", "amueller"])
def test_the_childs_plan_is_the_plan(path: Path, book: Book, rep: str) -> None:
    head_start = _start(path, rep)
    question = _question(book, rep)
    made = head_start.take(question, book)
    expected = planning.plan_for(book, TODAY, rep=rep, settings=question.settings)
    assert made is not None and made.items  # something to compare: the demo has a day's work
    assert made == expected
    assert _reaped(head_start)
    assert head_start.take(question, book) is None  # taken once


@pytest.mark.parametrize(
    "asked",
    [
        lambda q: dataclasses.replace(q, today=q.today + timedelta(days=1)),  # past midnight
        lambda q: dataclasses.replace(q, rep="amueller"),
        lambda q: dataclasses.replace(q, settings=dataclasses.replace(q.settings, capacity=2)),
    ],
    ids=["another day", "another rep", "other settings"],
)
def test_a_plan_for_another_question_is_not_taken(path: Path, book: Book, asked: object) -> None:
    head_start = _start(path)
    assert head_start.take(asked(_question(book)), book) is None  # type: ignore[operator]
    assert _reaped(head_start)


def test_a_plan_from_other_bytes_of_the_book_is_not_taken(
    path: Path, book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A colleague wrote between the child's read and the app's: the app plans itself."""
    head_start = _start(path)
    monkeypatch.setattr(Book, "files_seen", lambda _book: ("written meanwhile",))
    assert head_start.take(_question(book), book) is None
    assert _reaped(head_start)


def test_a_child_that_fails_leaves_the_planning_to_the_parent(
    path: Path, book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("the child's plan failed")

    monkeypatch.setattr(planning, "plan_for", broken)  # the child inherits it
    head_start = _start(path)
    assert head_start.take(_question(book), book) is None
    assert _reaped(head_start)


def test_cancel_reaps_a_child_nobody_asks(path: Path, book: Book) -> None:
    head_start = _start(path)
    head_start.cancel()
    assert _reaped(head_start)
    assert head_start.take(_question(book), book) is None
    head_start.cancel()  # twice is harmless


def test_the_child_writes_no_file_of_the_book(path: Path, book: Book) -> None:
    folder = path.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    head_start = _start(path)
    assert head_start.take(_question(book), book) is not None
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert after == before


def test_small_books_and_small_plans_are_made_by_the_app_itself(path: Path, book: Book) -> None:
    """A rep's own book (a small main file) gets no child; on a bigger one, a rep with few
    customers gets a child that says so at once."""
    size = path.stat().st_size
    assert HeadStart.start(path, CONFIG, TODAY, "tester", min_bytes=size + 1) is None
    assert HeadStart.start(path.with_name("missing.json"), CONFIG, TODAY, "tester") is None
    mine = book.customer_count("tester")
    assert mine == len(book.customers(owner="tester", include_archived=True)) > 0
    few = _start(path, min_customers=mine + 1)
    assert few.take(_question(book), book) is None
    enough = _start(path, min_customers=mine)
    assert enough.take(_question(book), book) is not None


def test_the_child_keeps_the_holidays_it_looked_up(path: Path, book: Book, tmp_path: Path) -> None:
    """The child leaves with ``os._exit`` (no exit handlers): it saves the holiday cache itself,
    so the next start finds the answers there instead of importing the holidays package."""
    from tui import holiday_cache
    from tui.domain import calendar

    cache_file = tmp_path / "cache" / "holidays.json"
    try:
        holiday_cache.install_holiday_cache(cache_file)
        head_start = _start(path)
        assert head_start.take(_question(book), book) is not None
        saved = json.loads(cache_file.read_text(encoding="utf-8"))
        assert any(key.startswith("DE|") for key in saved["dates"])
    finally:
        calendar.use_holiday_source(calendar.PackageHolidays())
        holiday_cache._installed.clear()
