"""The plan from a book reads only a window of the log, and is the same plan as from all of it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tui.demo.generator import write_demo
from tui.domain.cadence import plan_day
from tui.planning import plan_for, plan_settings
from tui.store.book import Book


@pytest.mark.parametrize("rep", [None, "tester"])
def test_window_plan_equals_full_plan(tmp_path: Path, rep: str | None) -> None:
    path = tmp_path / "book.json"
    until = date(2026, 11, 23)
    write_demo(path, customers=60, years=2, seed=7, until=until, reps=["tester", "amueller"])
    with Book.open(path) as book:
        for offset in (0, 3, 40):
            today = until + timedelta(days=offset)
            full = plan_day(
                book.customers(),
                book.contacts(),
                book.gestures(),
                today,
                plan_settings(book),
                rep=rep,
            )
            assert plan_for(book, today, rep=rep) == full
