"""The first plan made in a child process is the plan the app would make itself, or nothing."""

from __future__ import annotations

import dataclasses
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


@pytest.fixture
def book(tmp_path: Path) -> Iterator[Book]:
    path = tmp_path / "book.json"
    write_demo(path, customers=80, years=2, seed=3, until=TODAY, reps=["tester", "amueller"])
    with Book.open(path) as opened:
        yield opened


def _question(book: Book, rep: str | None = "tester", today: date = TODAY) -> Question:
    return Question(today, rep, planning.rep_settings(book, Config(), tolerant=True))


def _reaped(head_start: HeadStart) -> bool:
    """No child left behind: waiting for it again finds none."""
    try:
        os.waitpid(head_start._pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("rep", ["tester", None])
def test_the_childs_plan_is_the_plan(book: Book, rep: str | None) -> None:
    question = _question(book, rep)
    head_start = HeadStart.start(book, question, min_customers=0)
    assert head_start is not None
    made = head_start.take(question)
    expected = planning.plan_for(book, TODAY, rep=rep, settings=question.settings)
    assert made is not None and made.items  # something to compare: the demo has a day's work
    assert made == expected
    assert _reaped(head_start)
    assert head_start.take(question) is None  # taken once


@pytest.mark.parametrize(
    "asked",
    [
        lambda q: dataclasses.replace(q, today=q.today + timedelta(days=1)),  # past midnight
        lambda q: dataclasses.replace(q, rep="amueller"),
        lambda q: dataclasses.replace(q, settings=dataclasses.replace(q.settings, capacity=2)),
    ],
    ids=["another day", "another rep", "other settings"],
)
def test_a_plan_for_another_question_is_not_taken(book: Book, asked: object) -> None:
    question = _question(book)
    head_start = HeadStart.start(book, question, min_customers=0)
    assert head_start is not None
    assert head_start.take(asked(question)) is None  # type: ignore[operator]
    assert _reaped(head_start)


def test_a_child_that_fails_leaves_the_planning_to_the_parent(
    book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("the child's plan failed")

    monkeypatch.setattr(planning, "plan_for", broken)  # the child inherits it
    question = _question(book)
    head_start = HeadStart.start(book, question, min_customers=0)
    assert head_start is not None
    assert head_start.take(question) is None
    assert _reaped(head_start)


def test_cancel_reaps_a_child_nobody_asks(book: Book) -> None:
    question = _question(book)
    head_start = HeadStart.start(book, question, min_customers=0)
    assert head_start is not None
    head_start.cancel()
    assert _reaped(head_start)
    assert head_start.take(question) is None
    head_start.cancel()  # twice is harmless


def test_the_child_writes_no_file_of_the_book(book: Book, tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    question = _question(book)
    head_start = HeadStart.start(book, question, min_customers=0)
    assert head_start is not None
    assert head_start.take(question) is not None
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before


def test_a_small_plan_is_made_by_the_app_itself(book: Book) -> None:
    """Too few customers to be worth a child: no fork at all (the app plans at once)."""
    question = _question(book)
    mine = book.customer_count("tester")
    assert mine == len(book.customers(owner="tester", include_archived=True)) > 0
    assert HeadStart.start(book, question, min_customers=mine + 1) is None
    head_start = HeadStart.start(book, question, min_customers=mine)
    assert head_start is not None
    head_start.cancel()
