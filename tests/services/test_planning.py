"""The plan from a book reads only a window of the log, and is the same plan as from all of it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tui.config import Config
from tui.demo.generator import write_demo
from tui.domain.cadence import PlannedGesture, plan_day
from tui.domain.model import Customer, Kind, Purpose, Reason, Status
from tui.domain.suggestions import Suggestion
from tui.services.planning import (
    answered_gesture,
    customer_plan,
    plan_for,
    plan_settings,
    rep_settings,
)
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


def _customer(cid: int, **fields: object) -> Customer:
    return Customer(id=cid, name=f"Kunde {cid}", owner="tester", **fields)  # type: ignore[arg-type]


def _item(
    customer: Customer, reason: Reason, kind: Kind, status: Status = Status.OPEN
) -> PlannedGesture:
    day = date(2026, 3, 16)
    return PlannedGesture(
        key=f"{customer.id}:{reason.value}:{day.isoformat()}",
        customer=customer,
        reason=reason,
        kind=kind,
        purpose=Purpose.CARE,
        occasion=day,
        due=day,
        urgency=1.0,
        why=None,
        suggestion=Suggestion(),
        fixed=False,
        overdue_days=0,
        status=status,
    )


def test_a_contact_answers_a_gesture_of_its_kind_or_any_cadence_touch() -> None:
    anna, ben = _customer(1), _customer(2)
    card = _item(anna, Reason.BIRTHDAY, Kind.CARD)
    cadence = _item(anna, Reason.CADENCE, Kind.CALL)
    done = _item(ben, Reason.CADENCE, Kind.CALL, Status.DONE)
    items = [card, cadence, done]
    assert answered_gesture(items, 1, Kind.CARD) is card
    assert answered_gesture(items, 1, Kind.VISIT) is cadence  # any contact restarts the cadence
    assert answered_gesture(items, 2, Kind.CALL) is None  # done already
    assert answered_gesture([card], 1, Kind.EMAIL) is None  # a mail is no birthday card


def test_the_customer_plan_answers_kp_log_like_the_app(tmp_path: Path) -> None:
    path = tmp_path / "book.json"
    until = date(2026, 11, 23)
    write_demo(path, customers=40, years=1, seed=3, until=until, reps=["tester"])
    with Book.open(path) as book:
        settings = plan_settings(book)
        plan = plan_for(book, until, rep=None, settings=settings)
        for item in plan.items[:5]:
            assert item.customer.id is not None
            own = customer_plan(book, item.customer, until, settings)
            # the customer's own plan holds every gesture the team plan shows for them today
            assert item.key in {i.key for i in (*own.items, *own.later)}
            found = answered_gesture(own.items, item.customer.id, item.kind)
            assert found is not None and found.customer.id == item.customer.id


def test_rep_settings_put_the_config_over_the_book(tmp_path: Path) -> None:
    with Book.open(tmp_path / "book.json") as book:
        mine = rep_settings(book, Config(region="DE-BY", capacity=3))
        assert (mine.region, mine.capacity) == ("DE-BY", 3)
        assert rep_settings(book, None) == plan_settings(book)
