"""The book's one threading rule: every read and write of a book holds the book's lock.

The app reads the book from worker threads (the heatmap's forecast, re-planning after another
process's change) while the UI thread logs contacts; the book's indexes and caches are plain
dicts filled lazily, so two threads inside at once could see a half-built index. Each public
method of :class:`~tui.store.book.Book` is therefore wrapped in :func:`locked` (a re-entrant
lock: a method may call another); callers need no locking of their own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")


def locked(method: Callable[Concatenate[Any, P], R]) -> Callable[Concatenate[Any, P], R]:
    """Run ``method`` holding ``self.lock``."""

    def wrapper(self: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.lock:
            return method(self, *args, **kwargs)

    return cast(Callable[Concatenate[Any, P], R], functools.wraps(method)(wrapper))
