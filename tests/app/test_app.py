"""App-wide behaviour: palette, help, theme, remapped keys, literal user text, other processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, OptionList, Static

from tests.app.conftest import MakeApp, fixed_clock
from tui.app.app import KundenpflegeApp, run_app
from tui.app.screens.customer import CustomerScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.today import TodayScreen
from tui.config import Config, load_config
from tui.store.book import Book


async def test_palette_jumps_to_a_customer(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"schmidt")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen)
        assert app.screen.customer_id == 2


async def test_palette_finds_umlauts_spelled_out(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"joerg")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen)
        assert app.screen.customer_id == 2


async def test_help_lists_the_bindings_of_the_screen_and_the_app(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-keys", Static).render())
        for expected in (
            "Log a contact",
            "Mark done",
            "Snooze",
            "Skip",
            "Open the customer",
            "Quick log",
            "Help",
            "Quit",
            "Commands",
        ):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_keys_are_remapped_from_the_config(make_app: MakeApp, config: Config) -> None:
    remapped = Config(rep="tester", path=config.path, keys={"today.done": "D", "app.help": "f1"})
    app = make_app(config=remapped)
    async with app.run_test(size=(80, 24)) as pilot:
        key = app.plan.items[0].key
        await pilot.press("d")
        assert not [g for g in app.book.gestures() if g.key == key]
        await pilot.press("D")
        assert [g for g in app.book.gestures() if g.key == key]
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "D " in str(app.screen.query_one("#help-keys", Static).render())


async def test_theme_switch_is_remembered(make_app: MakeApp, config: Config) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
    assert config.path is not None
    assert load_config(config.path).theme == "textual-light"
    again = make_app(config=load_config(config.path))
    async with again.run_test(size=(80, 24)):
        assert again.theme == "textual-light"


async def test_user_text_is_shown_literally(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        due = app.screen.query_one("#due-list", OptionList)
        shown = "\n".join(str(o.prompt) for o in due.options)
        assert "[bold]Evil[/bold]" in shown
        assert "\x1b" not in shown and "␛]0;pwned␇ACME" in shown
        app.action_open_customer(1)
        await pilot.pause()
        table = app.screen.query_one("#history", DataTable)
        notes = [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]
        assert any("asked about [bold]prices[/bold] ␛[31mred" in n for n in notes)
        app.pop_screen()
        app.action_open_customer(4)
        await pilot.pause()
        profile = str(app.screen.query_one("#customer-profile", Static).render())
        assert "[link=https://x.example]click[/link]" in profile
        title = str(app.screen.query_one("#customer-title", Static).render())
        assert "[bold]Evil[/bold]" in title
        screen_text = app.export_screenshot()
        assert "pwned" in screen_text and "\x1b]0;" not in screen_text


async def test_history_is_searchable(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_customer(1)
        await pilot.pause()
        table = app.screen.query_one("#history", DataTable)
        assert table.row_count == 2
        await pilot.press("slash", *"wein")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("escape")
        assert table.row_count == 2


async def test_two_apps_on_one_book_see_each_others_logs(book_path: Path, config: Config) -> None:
    first_book, second_book = Book.open(book_path), Book.open(book_path)
    first = KundenpflegeApp(first_book, rep="tester", clock=fixed_clock, config=config)
    second = KundenpflegeApp(
        second_book, rep="tester", clock=fixed_clock, config=config, poll_seconds=0.05
    )
    try:
        async with first.run_test(size=(80, 24)) as one, second.run_test(size=(80, 24)) as two:
            key = first.plan.items[0].key
            assert key in [i.key for i in second.plan.items]
            await one.press("l", *"from the first", "enter")
            await one.pause()
            for _ in range(40):
                await two.pause(0.05)
                if second.plan.done_today == 1:
                    break
            assert second.plan.done_today == 1
            due = second.screen.query_one("#due-list", OptionList)
            assert first.plan.done_today == 1
            open_keys = [o.id for o in due.options if o.id]
            assert key not in open_keys or any(
                i.key == key and i.status.value == "done" for i in second.plan.items
            )
    finally:
        first_book.close()
        second_book.close()


async def test_a_book_error_during_an_action_is_a_notice(make_app: MakeApp) -> None:
    from tui.store.errors import BookError

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise BookError("the book is locked by another process")

        app.book.set_gesture_state = refuse  # type: ignore[method-assign]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert any("locked" in str(n.message) for n in app._notifications)


async def test_palette_runs_the_actions_of_the_screen(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        key = app.plan.items[0].key
        await pilot.press("ctrl+p")
        await pilot.press(*"skip")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert [g.status.value for g in app.book.gestures() if g.key == key] == ["skipped"]


def test_run_app_runs_the_app_on_the_opened_book(
    book: Book, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[KundenpflegeApp] = []
    monkeypatch.setattr(KundenpflegeApp, "run", lambda self, **_kw: seen.append(self))
    assert run_app(book, config=config, demo=True, clock=fixed_clock) == 0
    (app,) = seen
    assert (app.book, app.rep, app.demo, app.clock) == (book, "tester", True, fixed_clock)


async def test_no_color_and_resize(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        due = app.screen.query_one("#due-list", OptionList)
        overdue = [i for i in app.plan.items if i.overdue_days > 0]
        assert overdue, "the fixture book has an overdue gesture"
        prompt = str(due.get_option(overdue[0].key).prompt)
        assert prompt.startswith("! ") and "overdue" in prompt  # visible without colour
        await pilot.resize_terminal(120, 40)
        app.action_open_customer(1)
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen)
        profile = str(app.screen.query_one("#customer-profile", Static).render())
        assert "Anna" not in profile and "+49 89 1234" in profile


async def test_customer_screen_shows_upcoming_gestures_of_any_owner(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_customer(5)  # a colleague's A-customer, silent since November
        await pilot.pause()
        upcoming = str(app.screen.query_one("#customer-upcoming", Static).render())
        assert "Cadence" in upcoming
        assert "Gifts 2026" in str(app.screen.query_one("#customer-gifts", Static).render())
        assert app.screen.query_one("#customer-heatmap")  # the slot for this customer's year


async def test_a_failing_poll_is_shown_once(make_app: MakeApp) -> None:
    from tui.store.errors import BookError

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:

        def broken() -> bool:
            raise BookError("book vanished")

        app.book.changed_on_disk = broken  # type: ignore[method-assign]
        for _ in range(3):
            app.poll_book()
            await pilot.pause()
        assert sum("vanished" in str(n.message) for n in app._notifications) == 1


async def test_the_reps_capacity_from_the_config_limits_today(
    make_app: MakeApp, config: Config
) -> None:
    app = make_app(config=Config(rep="tester", path=config.path, capacity=1))
    async with app.run_test(size=(80, 24)):
        assert app.plan_settings.capacity == 1
        assert len([i for i in app.plan.items if not i.fixed]) <= 1


async def test_a_polled_plan_overtaken_by_an_own_action_is_dropped(make_app: MakeApp) -> None:
    from tui.app.messages import BookState, PlanReady
    from tui.domain.cadence import Plan

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        started = app._generation
        await pilot.press("d")  # an own action re-plans while a poll would be running
        current = app.plan
        stale = BookState(Plan(current.today, (), (), 0), app.customers_by_id)
        app.post_message(PlanReady(started, stale))
        await pilot.pause()
        assert app.plan is current
        app.post_message(PlanReady(app._generation, stale))
        await pilot.pause()
        assert app.plan is stale.plan


async def test_another_process_s_change_arrives_as_a_plan_ready_message(
    book_path: Path, config: Config
) -> None:
    """The poll worker posts PlanReady; the app takes it as its state; Today redraws from it."""
    from tui.app.messages import PlanReady, PollFailed
    from tui.domain.model import Status

    seen: list[object] = []
    book, other = Book.open(book_path), Book.open(book_path)
    app = KundenpflegeApp(book, rep="tester", clock=fixed_clock, config=config, poll_seconds=0.05)
    try:
        async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
            item = app.plan.items[0]
            assert not [m for m in seen if isinstance(m, PlanReady)]  # nothing changed yet
            other.set_gesture_state(
                item.key,
                Status.SKIPPED,
                customer=item.customer.id,
                reason=item.reason,
                due=item.due,
            )
            for _ in range(100):
                await pilot.pause(0.05)
                if any(isinstance(m, PlanReady) for m in seen):
                    break
            await pilot.pause()
            ready = [m for m in seen if isinstance(m, PlanReady)]
            assert len(ready) == 1 and not [m for m in seen if isinstance(m, PollFailed)]
            assert app.plan is ready[0].state.plan
            assert item.key not in {i.key for i in app.plan.items}
            due = app.screen.query_one("#due-list", OptionList)
            assert item.key not in {o.id for o in due.options}
    finally:
        book.close()
        other.close()
