"""The log form, quick capture and the customer form: valid input is saved, invalid input is
marked at the field and nothing is saved."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static

from tests.app.conftest import MakeApp
from tui.app.app import KundenpflegeApp
from tui.app.screens.customer import CustomerScreen
from tui.app.screens.customer_form import CustomerForm
from tui.app.screens.log_form import LogForm
from tui.app.screens.quick_capture import QuickCaptureScreen
from tui.app.screens.today import TodayScreen
from tui.domain.model import Kind, Purpose, Tier


async def _log_form_for_anna(app: KundenpflegeApp, pilot: Pilot[None]) -> LogForm:
    """The log form for Anna Müller, who already got a 30 € gift this year."""
    app.action_log(1)
    await pilot.pause()
    form = app.screen
    assert isinstance(form, LogForm)
    return form


def _error(app: object, name: str) -> str:
    box = app.screen.query_one(f"#error-{name}", Static)  # type: ignore[attr-defined]
    return str(box.render()) if box.has_class("-shown") else ""


async def test_log_form_marks_invalid_fields_and_saves_nothing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        before = len(app.book.contacts())
        app.action_log()
        await pilot.pause()
        assert isinstance(app.screen, LogForm)
        assert app.focused is app.screen.query_one("#log-customer", Input)
        app.screen.query_one("#log-customer", Input).value = "nobody"
        app.screen.query_one("#log-minutes", Input).value = "5000"
        app.screen.query_one("#log-at", Input).value = "31.02.2026"
        await pilot.press("ctrl+s")
        assert "No customer matches" in _error(app, "customer")
        assert "1440" in _error(app, "minutes")
        assert _error(app, "at")
        assert isinstance(app.screen, LogForm)
        assert len(app.book.contacts()) == before
        app.screen.query_one("#log-customer", Input).value = "gmbh"
        await pilot.press("ctrl+s")
        assert "2 customers match" in _error(app, "customer")
        app.screen.query_one("#log-customer", Input).value = "schmidt"
        app.screen.query_one("#log-minutes", Input).value = "20"
        app.screen.query_one("#log-at", Input).value = "2026-03-15 14:00"
        app.screen.query_one("#log-purpose", Select).value = Purpose.SERVICE
        await pilot.pause()
        due = [i.key for i in app.plan.items if i.customer.id == 2 and i.reason.value == "cadence"]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        contact = app.book.contacts(2)[-1]
        assert (contact.minutes, contact.purpose, contact.at.hour) == (20, Purpose.SERVICE, 14)
        # opened without a gesture, the form still answers the customer's due cadence touch,
        # as quick log and ``kp log`` do
        assert due and contact.gesture == due[0]
        assert due[0] not in {i.key for i in app.plan.items if i.status.value == "open"}


async def test_gift_shows_the_tax_limit_warning_before_saving(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _log_form_for_anna(app, pilot)
        assert not form.query_one("#log-gift", Input).parent.display  # type: ignore[union-attr]
        form.query_one("#log-kind", Select).value = Kind.GIFT
        await pilot.pause()
        assert form.query_one("#log-gift", Input).parent.display  # type: ignore[union-attr]
        form.query_one("#log-gift", Input).value = "25,00"
        await pilot.pause()
        check = form.query_one("#log-gift-check", Static)
        assert check.has_class("-warning")
        assert str(check.render())
        form.query_one("#log-gift", Input).value = "12,345"
        await pilot.press("ctrl+s")
        assert "gift" in _error(app, "gift")
        form.query_one("#log-gift", Input).value = "25"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert app.book.contacts(1)[-1].amount == Decimal("25.00")
        assert "Over the €50.00 limit" in str(check.render())


async def test_a_giveaway_is_logged_from_the_form_and_not_counted(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _log_form_for_anna(app, pilot)
        form.query_one("#log-kind", Select).value = Kind.GIFT
        form.query_one("#log-gift", Input).value = "8"
        form.query_one("#log-giveaway", Checkbox).value = True
        await pilot.pause()
        check = form.query_one("#log-gift-check", Static)
        assert "not counted" in str(check.render()) and not check.has_class("-warning")
        await pilot.press("ctrl+s")
        saved = app.book.contacts(1)[-1]
        assert (saved.amount, saved.giveaway, saved.currency) == (Decimal("8.00"), True, "EUR")


async def test_quick_capture_logs_a_line_and_shows_parse_errors(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon")
        assert isinstance(app.screen, QuickCaptureScreen)
        line = app.screen.query_one("#quick-line", Input)
        line.value = "schmidt call 10m care @31.02.2026 hello"
        await pilot.pause()
        preview = str(app.screen.query_one("#quick-preview", Static).render())
        assert "not a date" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickCaptureScreen)
        assert any("not a date" in str(n.message) for n in app._notifications)
        line.value = "gmbh call hi"
        await pilot.press("enter")
        assert any("2 customers match" in str(n.message) for n in app._notifications)
        line.value = "schmidt visit 1h30m sales won signed the renewal"
        await pilot.pause()
        preview = str(app.screen.query_one("#quick-preview", Static).render())
        assert "Jörg Schmidt" in preview and "Visit" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        contact = app.book.contacts(2)[-1]
        assert (contact.kind, contact.purpose, contact.won, contact.minutes) == (
            Kind.VISIT,
            Purpose.SALES,
            True,
            90,
        )
        assert contact.note == "signed the renewal"


async def test_quick_capture_completes_the_customer(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon")
        await pilot.press(*"joerg")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        line = app.screen.query_one("#quick-line", Input)
        assert line.value == '"Jörg Schmidt" '


async def test_customer_add_with_validation_error_then_edit_and_archive(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, CustomerForm)
        form = app.screen
        form.query_one("#cf-name", Input).value = "Clara Neu"
        form.query_one("#cf-company", Input).value = "Neu KG"
        form.query_one("#cf-email", Input).value = "not-an-address"
        form.query_one("#cf-birthday", Input).value = "31.02."
        await pilot.press("ctrl+s")
        assert "e-mail" in _error(app, "email").lower()
        assert "birthday" in _error(app, "birthday").lower()
        assert not [c for c in app.book.customers() if c.name == "Clara Neu"]
        form.query_one("#cf-email", Input).value = "clara@neu.example"
        form.query_one("#cf-birthday", Input).value = "14.03."
        form.query_one("#cf-tier", Select).value = Tier.A
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        clara = next(c for c in app.book.customers() if c.name == "Clara Neu")
        assert (clara.tier, clara.owner, clara.birthday and clara.birthday.month) == (
            Tier.A,
            "tester",
            3,
        )
        assert clara.id is not None
        app.action_open_customer(clara.id)
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen)
        await pilot.press("e")
        assert isinstance(app.screen, CustomerForm)
        app.screen.query_one("#cf-phone", Input).value = "+49 30 555"
        app.screen.query_one("#cf-name", Input).value = ""
        await pilot.press("ctrl+s")
        assert "name" in _error(app, "name").lower()
        app.screen.query_one("#cf-name", Input).value = "Clara Neumann"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CustomerScreen)
        assert app.book.customer(clara.id).phone == "+49 30 555"
        assert "Clara Neumann" in str(app.screen.query_one("#customer-title", Static).render())
        await pilot.press("A")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.book.customer(clara.id).archived
        assert clara.id not in {c.id for c in app.customers()}


async def test_quick_capture_answers_the_customers_gesture_of_today(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        item = next(i for i in app.plan.items if i.kind is Kind.CALL)
        assert item.customer.id is not None
        await pilot.press("colon")
        app.screen.query_one("#quick-line", Input).value = f"{item.customer.id} call 5m all good"
        await pilot.press("enter")
        await pilot.pause()
        contact = app.book.contacts(item.customer.id)[-1]
        assert contact.gesture == item.key
        assert contact.note == "all good"


async def test_won_is_offered_only_for_sales(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_log(2)
        await pilot.pause()
        won = app.screen.query_one("#log-won")
        assert not won.display
        app.screen.query_one("#log-purpose", Select).value = Purpose.SALES
        await pilot.pause()
        assert won.display
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_letters_in_a_field_are_text_not_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", *"q?:n dxs", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert any(c.note == "q?:n dxs" for c in app.book.contacts())


async def test_customer_form_refuses_an_unknown_region(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, CustomerForm)
        form.query_one("#cf-name", Input).value = "Clara Neu"
        form.query_one("#cf-region", Input).value = "DE-XX"
        await pilot.press("ctrl+s")
        assert "valid: DE, DE-BB" in _error(app, "region")
        assert not [c for c in app.book.customers() if c.name == "Clara Neu"]
        form.query_one("#cf-region", Input).value = "de-by"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        clara = next(c for c in app.book.customers() if c.name == "Clara Neu")
        assert clara.region == "DE-BY"


async def test_a_book_with_an_unknown_region_opens_and_says_who(make_app: MakeApp) -> None:
    app = make_app()
    weber = next(c for c in app.book.customers() if c.name == "Weber")
    app.book.update_customer(dataclasses.replace(weber, region="DE-XX"))  # a hand edit
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        warnings = [str(n.message) for n in app._notifications if "region" in str(n.message)]
        assert len(warnings) == 1 and f"#{weber.id} Weber (DE-XX)" in warnings[0]
