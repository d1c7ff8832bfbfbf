"""Steering and repair in the app: plan by hand, open, correct, delete, undo, one-key kind."""

from __future__ import annotations

import dataclasses
from datetime import date

from textual.widgets import DataTable, Input, OptionList, Static

from tests.app.conftest import TODAY, MakeApp
from tui.app.screens.confirm import ConfirmDialog
from tui.app.screens.contact_view import ContactView
from tui.app.screens.customer import CustomerScreen
from tui.app.screens.log_form import LogForm
from tui.app.screens.plan_dialog import PlanDialog
from tui.app.screens.quick_capture import QuickCaptureScreen
from tui.app.screens.snooze import SnoozeDialog, proposed_day
from tui.app.screens.today import TodayScreen
from tui.app.widgets.kind_select import KindSelect
from tui.domain.calendar import calendar_for
from tui.domain.model import Kind, Reason, Status
from tui.labels import suggestion_text
from tui.store.book import Book

THURSDAY = date(2026, 3, 19)


def _messages(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


def _state(book: Book, key: str) -> Status | None:
    book.refresh()
    found = [g for g in book.gestures() if g.key == key]
    return found[0].status if found else None


async def test_plan_a_follow_up_from_today_and_delete_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        customer = app.plan.items[0].customer
        await pilot.press("p")
        assert isinstance(app.screen, PlanDialog)
        await pilot.press(*"do")
        shown = str(app.screen.query_one("#plan-day-shown", Static).render())
        assert "Thu 2026-03-19" in shown
        await pilot.press("tab", "v", "tab", "tab", *"ask about the fair", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        key = f"{customer.id}:manual:2026-03-19"
        (planned,) = [i for i in app.plan.later if i.key == key]
        assert (planned.due, planned.kind, planned.reason) == (THURSDAY, Kind.VISIT, Reason.MANUAL)
        assert "ask about the fair" in suggestion_text(planned.suggestion)
        assert any("Planned for Thu 2026-03-19" in m for m in _messages(app))
        await pilot.press("u")
        assert key not in {i.key for i in app.plan.later}
        assert any(m.startswith("Undone: planned gesture") for m in _messages(app))


async def test_plan_from_the_customer_screen_and_a_day_off_is_named(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_customer(2)
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen)
        await pilot.press("p")
        assert isinstance(app.screen, PlanDialog)
        await pilot.press(*"sa")
        shown = str(app.screen.query_one("#plan-day-shown", Static).render())
        assert "Sat 2026-03-21" in shown and "a day off: planned for Mon 2026-03-23" in shown
        await pilot.press("backspace", "backspace", *"someday", "enter")
        error = str(app.screen.query_one("#plan-error", Static).render())
        assert "someday" in error and isinstance(app.screen, PlanDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, CustomerScreen)


async def test_history_row_opens_the_whole_contact_to_edit_and_delete(make_app: MakeApp) -> None:
    app = make_app()
    long_note = "a long note " * 30 + "THE END"
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.book.contacts(1)[-1]
        app.steer(lambda book: book.update_contact(dataclasses.replace(first, note=long_note)))
        app.action_open_customer(1)
        await pilot.pause()
        table = app.screen.query_one("#history", DataTable)
        assert table.has_focus and table.row_count == 2
        await pilot.press("enter")
        assert isinstance(app.screen, ContactView)
        assert "THE END" in str(app.screen.query_one("#contact-note", Static).render())
        await pilot.press("e")
        assert isinstance(app.screen, LogForm)
        note = app.screen.query_one("#log-note", Input)
        assert note.value == long_note
        note.value = "corrected"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactView)
        assert app.book.contact(first.id or 0).note == "corrected"
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen)
        assert [c.id for c in app.book.contacts(1)] == [app.book.contacts(1)[0].id]
        assert app.screen.query_one("#history", DataTable).row_count == 1
        await pilot.press("u")
        await pilot.pause()
        assert app.book.contact(first.id or 0).note == "corrected"
        await pilot.press("u")
        assert app.book.contact(first.id or 0).note == long_note
        assert "Undone: contact correction (Anna Müller (Müller GmbH))" in _messages(app)


async def test_undo_goes_back_several_steps(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        items: list[str] = []
        for key in ("d", "x", "s"):
            highlighted = app.screen.query_one("#due-list", OptionList).highlighted_option
            assert highlighted is not None and highlighted.id is not None
            items.append(highlighted.id)
            await pilot.press(key)
        assert [_state(app.book, k) for k in items] == [
            Status.DONE,
            Status.SKIPPED,
            Status.SNOOZED,
        ]
        await pilot.press("u", "u")
        assert [_state(app.book, k) for k in items] == [Status.DONE, None, None]
        await pilot.press("u", "u")
        assert _state(app.book, items[0]) is None
        messages = [m for m in _messages(app) if m.startswith("Undone") or "Nothing" in m]
        assert [m.split(" (")[0] for m in messages] == [
            "Undone: snooze",
            "Undone: skip",
            "Undone: done",
            "Nothing to undo.",
        ]


async def test_the_kind_changes_with_one_key(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, LogForm)
        kind = app.screen.query_one("#log-kind", KindSelect)
        kind.focus()
        await pilot.press("4")
        assert kind.value is Kind.GIFT
        await pilot.press("v")
        assert kind.value is Kind.VISIT
        await pilot.press("e")
        assert kind.value is Kind.EMAIL
        await pilot.press("1")
        assert kind.value is Kind.CALL


async def test_quick_log_plans_the_follow_up(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("colon")
        assert isinstance(app.screen, QuickCaptureScreen)
        await pilot.press(*"weber call 10m care next @do")
        preview = str(app.screen.query_one("#quick-preview", Static).render())
        assert "next on Thu 2026-03-19" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert _state(app.book, "3:manual:2026-03-19") is Status.OPEN


async def test_snooze_to_a_date_proposes_a_business_day(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("S")
        assert isinstance(app.screen, SnoozeDialog)
        proposed = app.screen.query_one("#snooze-date", Input).value
        day = date.fromisoformat(proposed)
        region = app.screen.item.customer.region
        assert day > TODAY and calendar_for(region).is_business_day(day)


def test_the_proposed_snooze_day_is_never_a_day_off() -> None:
    assert proposed_day(date(2026, 3, 23), "DE-BY") == date(2026, 4, 7)  # Easter Monday is off
    assert proposed_day(date(2026, 12, 11), "DE") == date(2026, 12, 28)  # Christmas
    assert proposed_day(date(2026, 3, 16), "DE") == date(2026, 3, 30)
