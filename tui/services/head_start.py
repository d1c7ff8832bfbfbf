"""The app's first plan, made by a child process while the parent loads the user interface.

Opening ``kp`` on a team book spends about as long reading the book and planning the rep's day as
importing Textual, and all of it is CPU work: a thread gains nothing (one interpreter lock), a
forked child runs on another core. So before the parent opens the book, a child opens it too,
plans, sends the plan pickled through a pipe and exits; the app takes it for its first screen
(:meth:`HeadStart.take`) if it answers the same question on the same bytes of the book.
Whatever goes wrong on the child's side (no ``fork`` on this system, a book that does not open
or plan, a crash, another day, a colleague's write in between) the app plans itself, so errors
reach the rep exactly as without a head start. The child only reads: it takes no lock and
writes no file of the book.
"""

from __future__ import annotations

import copyreg
import dataclasses
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from tui.domain.plan import Plan
from tui.domain.settings import PlanSettings
from tui.domain.suggestions import Idea, Suggestion
from tui.domain.urgency import Factor
from tui.domain.why import Why

if TYPE_CHECKING:
    from tui.config import Config
    from tui.store.book import Book

MIN_BOOK_BYTES = 1 << 20
"""A smaller main file (it holds every customer) is a rep's own book, planned in a moment: no
child. While one lives, every page the parent writes is copied (copy-on-write), and on the way
to the first paint that costs the parent more than a small plan takes."""

MIN_CUSTOMERS = 200
"""On a team book, a rep owning fewer customers than this is planned by the app itself: the
child says so as soon as it has read the book, and exits."""


@dataclass(frozen=True)
class Question:
    """What the plan answers: the app takes it only for the same day, rep and settings."""

    today: date
    rep: str | None
    settings: PlanSettings


class HeadStart:
    """A plan being made in a child process; :meth:`take` waits for it (once)."""

    def __init__(self, pid: int, pipe: int) -> None:
        self._pid = pid
        self._pipe: int | None = pipe

    @classmethod
    def start(
        cls,
        path: Path,
        config: Config,
        today: date,
        rep: str,
        *,
        min_bytes: int = MIN_BOOK_BYTES,
        min_customers: int = MIN_CUSTOMERS,
    ) -> HeadStart | None:
        """Fork a child that opens the book at ``path`` and plans ``rep``'s ``today``; None
        where there is no fork or the book is a small one (see :data:`MIN_BOOK_BYTES`).

        Call it before the parent starts threads (Textual does): a fork copies only the
        calling thread, so a lock held by another one would stay held in the child.
        """
        try:
            small = os.stat(path).st_size < min_bytes
        except OSError:
            return None  # no book yet (a first start): nothing to plan ahead
        if small or not hasattr(os, "fork"):
            return None
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return None
        if pid == 0:  # the child: plan, send, and leave without running the parent's exit code
            os.close(reading)
            _plan_and_send(path, config, today, rep, min_customers, writing)
        os.close(writing)
        return cls(pid, reading)

    def take(self, question: Question, book: Book) -> Plan | None:
        """The child's plan, if it answers ``question`` and was made from the very bytes
        ``book`` was read from, and arrived whole; else None.

        Waits for the child; a second call (or a call after :meth:`cancel`) gives None.
        """
        if self._pipe is None:
            return None
        with os.fdopen(self._pipe, "rb") as pipe:
            self._pipe = None
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if status != 0:
            return None
        try:
            answered, seen, plan = pickle.loads(data)
        except Exception:  # a torn message from a child that died writing it: plan here
            return None
        if answered != question or seen != book.files_seen() or not isinstance(plan, Plan):
            return None
        return plan

    def cancel(self) -> None:
        """The plan is not needed (the app did not start): reap the child all the same."""
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
            os.waitpid(self._pid, 0)


def _read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only mapping again (pickle cannot name ``MappingProxyType`` itself)."""
    return MappingProxyType(mapping)


def _by_constructor(cls: type[Any]) -> Callable[[Any], tuple[type[Any], tuple[Any, ...]]]:
    """Pickle an instance as its class and field values: unpickling calls the constructor."""
    names = tuple(field.name for field in dataclasses.fields(cls))
    return lambda instance: (cls, tuple(getattr(instance, name) for name in names))


#: A frozen dataclass with slots pickles through dataclasses' state functions, field by field in
#: Python; the plan holds thousands of these small values, and built by their constructors (none
#: has a ``__post_init__`` to run again) they travel in half the time, both ways. The settings'
#: read-only mappings travel as the dicts they show.
_BY_CONSTRUCTOR: dict[type[Any], Callable[[Any], Any]] = {
    **copyreg.dispatch_table,
    **{cls: _by_constructor(cls) for cls in (Factor, Idea, Suggestion, Why)},
    MappingProxyType: lambda mapping: (_read_only, (dict(mapping),)),
}


def _plan_and_send(
    path: Path, config: Config, today: date, rep: str, min_customers: int, pipe: int
) -> None:
    """The child's whole life; its exit status says whether the plan was sent."""
    status = 1
    try:
        from tui.holiday_cache import save_holiday_cache
        from tui.services.planning import plan_for, rep_settings
        from tui.store.book import Book

        with Book.open(path, create=False) as book:
            if book.customer_count(rep) >= min_customers:
                settings = rep_settings(book, config, tolerant=True)
                plan = plan_for(book, today, rep=rep, settings=settings)
                with os.fdopen(pipe, "wb") as out:
                    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
                    pickler.dispatch_table = _BY_CONSTRUCTOR
                    pickler.dump((Question(today, rep, settings), book.files_seen(), plan))
                status = 0
        save_holiday_cache()  # what it looked up for the plan, kept for the next start
    except BaseException:  # any failure: the parent plans itself, and reports it
        status = 1
    finally:
        os._exit(status)
