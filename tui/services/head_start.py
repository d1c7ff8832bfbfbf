"""The app's first plan, made by a child process while the parent loads the user interface.

Opening ``kp`` on a team book spends about as long planning the rep's day as importing Textual,
and both are CPU work: a thread gains nothing (one interpreter lock), a forked child runs on
another core. The child plans, sends the plan pickled through a pipe and exits; the app takes
it for its first screen (:meth:`HeadStart.take`). Whatever goes wrong on the child's side (no
``fork`` on this system, a book that does not plan, a crash, a plan for another day) the app
plans itself, so errors reach the rep exactly as without a head start. The child only reads:
it takes no lock and writes no file of the book.
"""

from __future__ import annotations

import copyreg
import dataclasses
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tui.domain.plan import Plan
from tui.domain.settings import PlanSettings
from tui.domain.suggestions import Idea, Suggestion
from tui.domain.urgency import Factor
from tui.domain.why import Why

if TYPE_CHECKING:
    from tui.store.book import Book


@dataclass(frozen=True)
class Question:
    """What the plan answers: the app takes it only for the same day, rep and settings."""

    today: date
    rep: str | None
    settings: PlanSettings


MIN_CUSTOMERS = 200
"""Below this many customers the app plans at once: while a child lives, every page the parent
writes is copied (copy-on-write), and on the way to the first paint that costs the parent more
than a small plan takes (a rep with a few dozen customers; see bench/README.md)."""


class HeadStart:
    """A plan being made in a child process; :meth:`take` waits for it (once)."""

    def __init__(self, pid: int, pipe: int, question: Question) -> None:
        self._pid = pid
        self._pipe: int | None = pipe
        self.question = question

    @classmethod
    def start(
        cls, book: Book, question: Question, *, min_customers: int = MIN_CUSTOMERS
    ) -> HeadStart | None:
        """Fork a child that plans ``question`` on ``book``; None where there is no fork, or
        for a plan of fewer than ``min_customers`` customers (the app plans it at once).

        Call it before the parent starts threads (Textual does): a fork copies only the
        calling thread, so a lock held by another one would stay held in the child.
        """
        if not hasattr(os, "fork") or book.customer_count(question.rep) < min_customers:
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
            _plan_and_send(book, question, writing)
        os.close(writing)
        return cls(pid, reading, question)

    def take(self, question: Question) -> Plan | None:
        """The child's plan, if it answers ``question`` and arrived whole; else None.

        Waits for the child; a second call (or a call after :meth:`cancel`) gives None.
        """
        if self._pipe is None:
            return None
        with os.fdopen(self._pipe, "rb") as pipe:
            self._pipe = None
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if status != 0 or question != self.question:
            return None
        try:
            plan = pickle.loads(data)
        except Exception:  # a torn message from a child that died writing it: plan here
            return None
        return plan if isinstance(plan, Plan) else None

    def cancel(self) -> None:
        """The plan is not needed (the app did not start): reap the child all the same."""
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
            os.waitpid(self._pid, 0)


def _by_constructor(cls: type[Any]) -> Callable[[Any], tuple[type[Any], tuple[Any, ...]]]:
    """Pickle an instance as its class and field values: unpickling calls the constructor."""
    names = tuple(field.name for field in dataclasses.fields(cls))
    return lambda instance: (cls, tuple(getattr(instance, name) for name in names))


#: A frozen dataclass with slots pickles through dataclasses' state functions, field by field in
#: Python; the plan holds thousands of these small values, and built by their constructors (none
#: has a ``__post_init__`` to run again) they travel in half the time, both ways.
_BY_CONSTRUCTOR: dict[type[Any], Callable[[Any], Any]] = {
    **copyreg.dispatch_table,
    **{cls: _by_constructor(cls) for cls in (Factor, Idea, Suggestion, Why)},
}


def _plan_and_send(book: Book, question: Question, pipe: int) -> None:
    """The child's whole life; its exit status says whether the plan was sent."""
    status = 1
    try:
        from tui.services.planning import plan_for

        plan = plan_for(book, question.today, rep=question.rep, settings=question.settings)
        with os.fdopen(pipe, "wb") as out:
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = _BY_CONSTRUCTOR
            pickler.dump(plan)
        status = 0
    except BaseException:  # any failure: the parent plans itself, and reports it
        status = 1
    finally:
        os._exit(status)
