"""The Textual app: Today's list, logging, quick capture, customers, help and the palette.

The app holds one open ``Book`` and a clock. Every change goes through the book (one transaction
each) and is followed by a fresh plan from the engine, set as the app's ``state``, which the
screens watch, so the list updates at once; a timer notices when another process (another rep)
changed the book, and a worker re-plans and posts the result (``PlanReady``).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar, TypeVar

from textual import on
from textual.app import App
from textual.binding import BindingType
from textual.reactive import var

from tui.app.actions import bindings
from tui.app.commands import KpCommands
from tui.app.messages import BookState, ImportDone, ImportFailed, PlanReady, PollFailed
from tui.app.screens.base import ActionFailed
from tui.app.screens.help import HelpScreen
from tui.app.screens.today import TodayScreen
from tui.config import Config, save_config_value
from tui.domain.cadence import Plan, PlannedGesture
from tui.domain.model import Contact, Customer, Status, ValidationError
from tui.domain.settings import PlanSettings
from tui.i18n import _
from tui.labels import undone_text
from tui.messages import describe, fold_refused
from tui.services import planning, steering
from tui.services.customers import BookCustomers
from tui.services.head_start import HeadStart, Question
from tui.store.book import Book
from tui.store.errors import BookError
from tui.textsafe import safe_text

T = TypeVar("T")

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
POLL_SECONDS = 1.0


class KundenpflegeApp(App[None]):
    """kundenpflege: keep every customer warm with small gestures, keyboard first."""

    state: var[BookState] = var(BookState(Plan(date.min, (), (), 0), {}), init=False)
    """The plan and the customers; screens watch it (``watch_book``) and redraw."""
    team: var[bool] = var(False, init=False)
    """The whole team's plan instead of the rep's own."""

    CSS_PATH = Path(__file__).with_name("kp.tcss")  # absolute: subclasses elsewhere work too
    TITLE = "kundenpflege"
    COMMANDS: ClassVar = {KpCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

    def __init__(
        self,
        book: Book,
        *,
        rep: str,
        clock: Callable[[], datetime],
        config: Config,
        plan_settings: PlanSettings | None = None,
        demo: bool = False,
        poll_seconds: float = POLL_SECONDS,
        head_start: HeadStart | None = None,
    ) -> None:
        super().__init__()
        self.book = book
        self.rep = rep
        self.clock = clock
        self.config = config
        self.demo = demo
        self.poll_seconds = poll_seconds
        self.plan_settings = plan_settings or planning.rep_settings(book, config, tolerant=True)
        empty = Plan(today=self.today(), items=(), later=(), done_today=0)
        self.set_reactive(KundenpflegeApp.state, BookState(empty, {}))
        self._warned_regions: set[int | None] = set()
        self._poll_error: str | None = None
        self._damage_told: set[str] = set()
        self.book_lock = threading.RLock()  # the poll worker and the UI thread share the book
        self._generation = 0
        self._polling = False
        self._head_start = head_start

    # --- set-up -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = self.config.theme if self.config.theme in self.available_themes else DARK_THEME
        if self.config.keys:
            self.set_keymap(self.config.keys)
        self.call_after_refresh(_collect_garbage_from_now_on)
        if self.poll_seconds > 0:
            self.set_interval(self.poll_seconds, self.poll_book, name="poll-book")

    def get_default_screen(self) -> TodayScreen:
        """Today lies under every other screen; the plan is read first, so it paints once."""
        self.replan()
        return TodayScreen()

    # --- the book and the plan ---------------------------------------------------------------

    def today(self) -> date:
        return self.clock().date()

    def now(self) -> datetime:
        """The clock to the minute: what a new contact is logged at."""
        return self.clock().replace(second=0, microsecond=0)

    @property
    def plan(self) -> Plan:
        return self.state.plan

    @property
    def customers_by_id(self) -> Mapping[int, Customer]:
        return self.state.customers

    def _read_state(self) -> BookState:
        """Everything a redraw needs, read under the book lock (any thread)."""
        with self.book_lock:
            customers = BookCustomers(self.book, self._customer_damaged)
            rep = None if self.team else self.rep
            question = Question(self.today(), rep, self.plan_settings)
            # the first plan may come from a child that planned while the app loaded
            ahead = self._head_start.take(question, self.book) if self._head_start else None
            plan = ahead or planning.plan_for(
                self.book, question.today, rep=rep, settings=question.settings
            )
        return BookState(plan, customers)

    def _customer_damaged(self, error: BookError) -> None:
        """A customer that does not decode is left out of lists; say so once (any thread)."""
        message = describe(error)
        if message not in self._damage_told:
            self._damage_told.add(message)
            self.notify_error(message)

    def watch_state(self, state: BookState) -> None:
        """Say once (until the list changes) which customers have a region nobody knows."""
        unknown = {c.id for c in state.plan.unknown_regions}
        if unknown and unknown != self._warned_regions:
            from tui.labels import unknown_region_warning

            message = unknown_region_warning(state.plan.unknown_regions)
            self.notify(safe_text(message), severity="warning", markup=False, timeout=10)
        self._warned_regions = unknown

    def replan(self) -> None:
        """Ask the engine for today's plan now; the screens watching ``state`` redraw."""
        self._generation += 1
        try:
            self.state = self._read_state()
        except BookError as error:
            self.notify_error(describe(error))

    def poll_book(self) -> None:
        """Another process changed the book: read it again and re-plan, off the UI thread.

        On a team book a plan takes a noticeable moment; the keys stay live meanwhile. The
        worker posts :class:`PlanReady` (or :class:`PollFailed`); a plan that an own action
        overtook is dropped (generation check). A failing read is shown once, not every second.
        """
        if self._polling:
            return
        try:
            changed = self.book.changed_on_disk()
        except BookError as error:
            self._poll_failed(PollFailed(error))
            return
        if changed:
            self._polling = True
            self.run_worker(self._refresh_worker, thread=True, group="poll", exit_on_error=False)

    def _refresh_worker(self) -> None:
        generation = self._generation
        try:
            with self.book_lock:
                self.book.refresh()
                state = self._read_state()
        except BookError as error:
            self.post_message(PollFailed(error))
        else:
            self.post_message(PlanReady(generation, state))
        finally:
            self._polling = False

    @on(PollFailed)
    def _poll_failed(self, message: PollFailed) -> None:
        text = describe(message.error)
        if text != self._poll_error:
            self._poll_error = text
            self.notify_error(text)

    @on(PlanReady)
    def _plan_ready(self, message: PlanReady) -> None:
        self._poll_error = None
        if message.generation == self._generation:  # no own action re-planned in the meantime
            self._generation += 1
            self.state = message.state

    @contextmanager
    def book_action(self) -> Iterator[None]:
        """Run one change; a store or validation error becomes a notice, never a traceback."""
        try:
            with self.book_lock:
                yield
        except (BookError, ValidationError) as error:
            self.notify_error(describe(error))
            raise ActionFailed from error
        self.say_if_not_folded()
        self.replan()

    def say_if_not_folded(self) -> None:
        """A change saved, but the journal not folded after it (a damaged file): said."""
        refused = self.book.take_fold_refused()
        if refused is not None:
            message, title = fold_refused(refused), _("Saved, with a warning")
            self.notify(message, title=title, severity="warning", markup=False, timeout=20)

    def change(self, apply: Callable[[Book], object]) -> bool:
        """Run one change of the book (``apply``); False after a notice when it was refused."""
        try:
            with self.book_action():
                apply(self.book)
        except ActionFailed:
            return False
        return True

    @contextmanager
    def reading(self) -> Iterator[Book]:
        """The book for a read on the UI thread, never while the poll worker reads it."""
        with self.book_lock:
            yield self.book

    def notify_error(self, message: str) -> None:
        self.notify(safe_text(message), title=_("Not done"), severity="error", markup=False)

    def say(self, message: str) -> None:
        """A short confirmation; user text inside is shown literally."""
        self.notify(safe_text(message), markup=False, timeout=3)

    def customers(self) -> list[Customer]:
        """Active customers (for pickers and the palette)."""
        return [c for c in self.customers_by_id.values() if not c.archived]

    def steer(self, change: Callable[[Book], T]) -> T | None:
        """One change through :mod:`tui.services.steering` (so ``u`` can take it back) and
        what it returned; None, and a notice, when the book refused it."""
        result: list[T] = []
        return result[0] if self.change(lambda book: result.append(change(book))) else None

    def save_contact(self, contact: Contact, follow_up: date | None = None) -> Contact | None:
        """Log a contact (and plan its follow-up); None (and a notice) when refused."""
        return self.steer(
            lambda book: steering.log_contact(book, contact, rep=self.rep, follow_up=follow_up)
        )

    def set_state(self, item: PlannedGesture, status: Status, until: date | None = None) -> bool:
        """Mark a planned gesture done, skipped or snoozed (one transaction)."""
        # done: the day it was done, so the plan counts it in today's "x of y done" and the
        # cadence restarts from today; skip and snooze keep the gesture's own day
        due = self.today() if status is Status.DONE else item.due
        changed = self.steer(
            lambda book: steering.set_state(
                book,
                item.key,
                status,
                until=until,
                customer=item.customer,
                reason=item.reason,
                due=due,
                rep=self.rep,
            )
        )
        return changed is not None

    def action_undo(self) -> None:
        """Take back the latest change (this rep's, from the app or the shell), and say which."""
        undone: list[steering.Undone | None] = []
        self.steer(lambda book: undone.append(steering.undo(book, self.rep)))
        if undone and undone[0] is None:
            self.notify(_("Nothing to undo."), severity="warning")
        elif undone and undone[0] is not None:
            self.say(undone_text(undone[0].what, undone[0].customer))

    # --- actions -----------------------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_quick_capture(self) -> None:
        from tui.app.screens.quick_capture import QuickCaptureScreen

        if not isinstance(self.screen, QuickCaptureScreen):
            self.push_screen(QuickCaptureScreen())

    def action_add_customer(self) -> None:
        from tui.app.screens.customer_form import CustomerForm

        self.push_screen(CustomerForm(None))

    def action_open_customer(self, customer_id: int) -> None:
        from tui.app.screens.customer import CustomerScreen

        if customer_id not in self.customers_by_id:
            return
        if isinstance(self.screen, CustomerScreen):
            self.switch_screen(CustomerScreen(customer_id))
        else:
            self.push_screen(CustomerScreen(customer_id))

    def action_log(self, customer_id: int | None = None) -> None:
        from tui.app.screens.log_form import LogForm

        customer = self.customers_by_id.get(customer_id) if customer_id is not None else None
        self.push_screen(LogForm(customer=customer))

    def action_heatmap(self, customer_id: int | None = None) -> None:
        """The year heatmap of all customers (or of one)."""
        from tui.app.screens.customer import CustomerScreen
        from tui.app.screens.heatmap import HeatmapScreen

        if customer_id is None and isinstance(self.screen, CustomerScreen):
            customer_id = self.screen.customer_id
        if not isinstance(self.screen, HeatmapScreen):
            self.push_screen(HeatmapScreen(customer=customer_id))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME
        try:
            save_config_value("theme", self.theme, self.config.path)
        except OSError as error:
            self.notify_error(_("Theme not remembered: {error}").format(error=error))

    def action_import_file(self) -> None:
        from tui.app.screens.import_file import ImportScreen

        if not isinstance(self.screen, ImportScreen):
            self.push_screen(ImportScreen(), self.start_import)

    def start_import(self, path: Path | None) -> None:
        """Import ``path`` in a worker thread; it posts ImportDone or ImportFailed."""
        if path is not None:
            self.say(_("Importing {name} …").format(name=path.name))
            self.run_worker(
                lambda: self._import_worker(path), thread=True, group="import", exit_on_error=False
            )

    def _import_worker(self, path: Path) -> None:
        from tui.exchange.records import ExchangeError
        from tui.services.importing import import_file

        try:
            with self.book_lock:
                report = import_file(self.book, path, owner=self.rep)
        except ExchangeError as error:
            self.post_message(ImportFailed(f"{path.name}: {error}"))
        except (BookError, ValidationError) as error:
            self.post_message(ImportFailed(describe(error)))
        except OSError as error:
            self.post_message(ImportFailed(str(error)))
        else:
            self.post_message(ImportDone(report))

    @on(ImportDone)
    def _import_done(self, message: ImportDone) -> None:
        from tui.services.importing import app_summary

        self.say_if_not_folded()
        self.replan()
        self.notify(
            safe_text(app_summary(message.report), one_line=False),
            title=_("Import"),
            severity="warning" if message.report.rejected else "information",
            markup=False,
            timeout=12,
        )

    @on(ImportFailed)
    def _import_failed(self, message: ImportFailed) -> None:
        self.notify_error(message.message)

    def watch_team(self) -> None:
        self.replan()

    def action_toggle_team(self) -> None:
        self.team = not self.team


def _collect_garbage_from_now_on() -> None:
    """The first paint is done: keep what start-up built out of later collections, and collect.

    ``kp`` starts with the collector off (``tui.cli``): the book's many small documents would
    otherwise trigger collection passes that slow the first paint of Today (bench/README.md).
    """
    gc.freeze()
    gc.enable()


def run_app(
    book: Book,
    *,
    config: Config,
    demo: bool = False,
    rep: str | None = None,
    clock: Callable[[], datetime] = datetime.now,
    head_start: HeadStart | None = None,
) -> int:
    """Run the app on an opened book until the user quits; the CLI handles opening errors."""
    app = KundenpflegeApp(
        book, rep=rep or config.rep, clock=clock, config=config, demo=demo, head_start=head_start
    )
    app.run()
    return 0
