"""Today: the plan is shown, and every key on a gesture changes the book and the list at once."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from tests.app.conftest import TODAY, MakeApp
from tui import i18n
from tui.app.screens.customer import CustomerScreen
from tui.app.screens.log_form import LogForm
from tui.app.screens.today import TodayScreen
from tui.config import Config
from tui.domain.model import Customer, Status, Tier
from tui.labels import urgency_lines
from tui.services import planning
from tui.services.head_start import HeadStart
from tui.store.book import Book


def _keys(app: object) -> list[str]:
    due = app.screen.query_one("#due-list", OptionList)  # type: ignore[attr-defined]
    return [o.id for o in due.options if o.id]


def _state(book: Book, key: str) -> Status | None:
    book.refresh()
    found = [g for g in book.gestures() if g.key == key]
    return found[0].status if found else None


async def test_today_shows_the_plan_with_a_header(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, TodayScreen)
        header = str(app.screen.query_one("#today-header", Static).render())
        assert "2026-03-16" in header and "tester" in header
        planned = [i for i in app.plan.items if i.status is Status.OPEN]
        assert f"0 of {len(planned)} done" in header
        assert _keys(app)[: len(app.plan.items)] == [i.key for i in app.plan.items]
        names = {i.customer.name for i in app.plan.items}
        assert "Petra Lang" not in names  # a colleague's customer


async def test_log_from_today_with_a_note_and_enter(make_app: MakeApp, book_path: object) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.plan.items[0]
        await pilot.press("l")
        assert isinstance(app.screen, LogForm)
        assert isinstance(app.focused, Input) and app.focused.id == "log-note"
        await pilot.press(*"asked how it goes")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert first.key not in [i.key for i in app.plan.items if i.status is Status.OPEN]
        assert app.plan.done_today == 1
    with Book.open(app.book.path) as reopened:
        logged = [c for c in reopened.contacts(first.customer.id) if c.note == "asked how it goes"]
        assert len(logged) == 1
        assert logged[0].gesture == first.key
        assert logged[0].rep == "tester"
        assert logged[0].at.date() == TODAY


async def test_done_skip_and_snooze(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        items = list(app.plan.items)
        assert len(items) >= 3
        await pilot.press("d")
        assert _state(app.book, items[0].key) is Status.DONE
        assert items[0].key not in [i.key for i in app.plan.items if i.status is Status.OPEN]
        highlighted = app.screen.query_one("#due-list", OptionList).highlighted_option
        assert highlighted is not None and highlighted.id != items[0].key
        key = highlighted.id
        assert key is not None
        await pilot.press("x")
        assert _state(app.book, key) is Status.SKIPPED
        highlighted = app.screen.query_one("#due-list", OptionList).highlighted_option
        assert highlighted is not None and highlighted.id is not None
        key = highlighted.id
        await pilot.press("s")
        assert _state(app.book, key) is Status.SNOOZED
        snoozed = next(g for g in app.book.gestures() if g.key == key)
        assert snoozed.until == TODAY + timedelta(days=1)
        await pilot.press("u")  # undo the last change
        assert _state(app.book, key) is None


async def test_snooze_a_week_and_to_a_date(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        key = app.plan.items[0].key
        await pilot.press("w")
        until = [g.until for g in app.book.gestures() if g.key == key]
        assert until == [TODAY + timedelta(days=7)]
        key = app.plan.items[0].key
        await pilot.press("S")
        field = app.screen.query_one("#snooze-date", Input)
        field.value = "01.03.2026"
        await pilot.press("enter")
        error = app.screen.query_one("#snooze-error", Static)
        assert "after today" in str(error.render())
        field.value = "2026-04-01"
        await pilot.press("enter")
        assert [g.until for g in app.book.gestures() if g.key == key] == [date(2026, 4, 1)]


async def test_open_customer_and_team_toggle(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        mine = {i.customer.name for i in (*app.plan.items, *app.plan.later)}
        await pilot.press("t")
        team = {i.customer.name for i in (*app.plan.items, *app.plan.later)}
        assert mine <= team and "Petra Lang" in team
        assert "whole team" in str(app.screen.query_one("#today-header", Static).render())
        await pilot.press("t")
        first = app.plan.items[0]
        await pilot.press("o")
        assert isinstance(app.screen, CustomerScreen)
        assert app.screen.customer_id == first.customer.id
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_an_empty_book_says_how_to_start(tmp_path: Path, make_app: MakeApp) -> None:
    with Book.open(tmp_path / "empty.json") as empty:
        app = make_app(book=empty)
        async with app.run_test(size=(80, 24)) as pilot:
            due = app.screen.query_one("#due-list", OptionList)
            assert "Your book is empty" in "\n".join(str(o.prompt) for o in due.options)
            await pilot.press("d", "l", "x")  # nothing selected: a notice, no crash
            assert isinstance(app.screen, TodayScreen)
            assert "0 of 0 done" in str(app.screen.query_one("#today-header", Static).render())


async def test_after_logging_the_cursor_moves_to_the_next_open_gesture(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        first, second = app.plan.items[0], app.plan.items[1]
        await pilot.press("l", "enter")
        await pilot.pause()
        done = [i for i in app.plan.items if i.key == first.key]
        assert all(i.status is Status.DONE for i in done)
        due = app.screen.query_one("#due-list", OptionList)
        assert due.highlighted_option is not None
        assert due.highlighted_option.id == second.key
        await pilot.press("x")
        assert _state(app.book, second.key) is Status.SKIPPED
        assert _state(app.book, first.key) is Status.DONE
        if done:  # a gesture done today stays in the list, struck, and cannot be skipped
            due.highlighted = due.get_option_index(first.key)
            await pilot.press("x")
            assert _state(app.book, first.key) is Status.DONE


async def test_later_shows_this_week_and_counts_what_comes_after(
    make_app: MakeApp, book: Book
) -> None:
    book.update_settings({"horizon_days": 90})
    app = make_app()
    async with app.run_test(size=(80, 24)):
        week_end = TODAY + timedelta(days=6)
        today_keys = {i.key for i in app.plan.items}
        later = [i for i in app.plan.later if i.key not in today_keys]
        after = [i for i in later if i.due > week_end]
        assert after and len(after) < len(later)  # the fixture plans both
        shown = set(_keys(app)) - today_keys
        assert shown == {i.key for i in later if i.due <= week_end}
        due = app.screen.query_one("#due-list", OptionList)
        last = due.get_option_at_index(due.option_count - 1)
        assert last.disabled and str(last.prompt) == f"{len(after)} more after this week"


async def test_a_colleagues_customer_that_does_not_decode_is_said_not_hidden(
    make_app: MakeApp, book: Book
) -> None:
    colleague = next(c for c in book.customers() if c.owner == "colleague")
    with book._storage.transaction() as storage:  # damage the way a hand edit would
        storage.put("customers", str(colleague.id), {"name": colleague.name, "tier": "Z"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, TodayScreen) and app.plan.items  # the rep's day opens
        names = {c.name for c in app.customers()}
        assert colleague.name not in names and "Anna Müller" in names
        await pilot.pause()
        told = [n.message for n in app._notifications]
        assert any(f"customer {colleague.id}" in message for message in told)


async def test_the_first_plan_can_come_from_a_child_process(
    make_app: MakeApp, book: Book, book_path: Path, config: Config
) -> None:
    """``kp`` plans in a child while Textual loads (HeadStart): Today shows that very plan,
    and the plans after it are the app's own."""
    settings = planning.rep_settings(book, config, tolerant=True)
    head_start = HeadStart.start(book_path, config, TODAY, "tester", min_bytes=0, min_customers=0)
    assert head_start is not None
    taken: list[object] = []
    take = head_start.take
    head_start.take = lambda *asked: taken.append(take(*asked)) or taken[-1]  # type: ignore[method-assign]
    app = make_app(plan_settings=settings, head_start=head_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert taken and taken[0] is app.plan  # the child's plan, not one made here
        assert app.plan == planning.plan_for(book, TODAY, rep="tester", settings=settings)
        assert _keys(app)[: len(app.plan.items)] == [i.key for i in app.plan.items]
        await pilot.press("x")  # skip the first gesture: the new plan is the app's own
        assert taken[1:] == [None] and app.plan is not taken[0]


async def test_end_shows_the_line_that_counts_what_comes_after(
    make_app: MakeApp, book: Book
) -> None:
    book.update_settings({"horizon_days": 90})
    for number in range(12):  # due at once: more than a day's capacity, a list longer than 24
        book.add_customer(Customer(f"Kunde {number}", tier=Tier.A, owner="tester"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        due = app.screen.query_one("#due-list", OptionList)
        last = due.get_option_at_index(due.option_count - 1)
        assert last.disabled and "more after this week" in str(last.prompt)
        assert due.max_scroll_y > 0  # the list is longer than the view at 80x24
        for key in ("end", "home", "j", "end"):
            await pilot.press(key)
            await pilot.pause()
            if key == "end":  # the last gesture, and the line below it, at the bottom
                assert due.highlighted == due.option_count - 2
                assert due.scroll_y == due.max_scroll_y
                bottom = due.render_line(due.scrollable_content_region.height - 1).text
                assert "more after this week" in bottom
            elif key == "home":  # the first gesture under its heading
                assert due.highlighted == 1 and due.scroll_y == 0
        # walking down to the last gesture shows the line too
        await pilot.press("home")
        enabled = [o for o in due.options if not o.disabled]
        for _ in enabled[1:]:
            await pilot.press("j")
        await pilot.pause()
        assert due.highlighted == due.option_count - 2 and due.scroll_y == due.max_scroll_y


async def test_y_shows_why_the_gesture_ranks_where_it_does(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        detail = app.screen.query_one("#today-detail", Static)
        due = app.screen.query_one("#due-list", OptionList)
        assert "Why it ranks here" not in str(detail.render())
        await pilot.press("y")
        await pilot.pause()
        for _move in range(2):  # it follows the cursor until y hides it again
            item = app.screen.current()  # type: ignore[attr-defined]
            shown = str(detail.render())
            assert "Why it ranks here:" in shown
            assert all(line in shown for line in urgency_lines(item))
            # readable at 80x24: every line on screen, and the list keeps several gestures
            rows = [detail.render_line(y).text.strip() for y in range(detail.size.height)]
            assert "Why it ranks here:" in rows
            assert all(line.strip() in rows for line in urgency_lines(item)), rows
            assert detail.size.height <= 10 and due.size.height >= 10
            await pilot.press("j")
            await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Why it ranks here" not in str(detail.render()) and detail.size.height <= 2


async def test_why_is_german_and_in_help(make_app: MakeApp) -> None:
    i18n.set_language("de")
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("y")
            await pilot.pause()
            shown = str(app.screen.query_one("#today-detail", Static).render())
            assert "Darum steht sie hier:" in shown and "Dringlichkeit" in shown
            await pilot.press("question_mark")
            await pilot.pause()
            keys = str(app.screen.query_one("#help-keys", Static).render())
            assert "Warum sie hier steht: Teile der Dringlichkeit" in keys
    finally:
        i18n.set_language("en")
