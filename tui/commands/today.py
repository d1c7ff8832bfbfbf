"""``kp today``: the day's plan for a login shell, and ``kp snooze`` / ``kp skip`` to act on it.

Fast by design: no Textual, one read of the book, one call of the engine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from tui.commands.common import EXIT_OK, book_path, fail, open_book, print_json
from tui.domain.dates import parse_date
from tui.domain.model import Reason, Status, parse_gesture_key
from tui.i18n import _, format_date, ngettext
from tui.labels import (
    factor_label,
    kind_label,
    reason_label,
    suggestion_text,
    unknown_region_warning,
    urgency_lines,
    weekday_short,
    why_text,
)
from tui.textsafe import cut, safe_text, use_color

if TYPE_CHECKING:
    from tui.domain.cadence import Plan, PlannedGesture
    from tui.store.book import Book

WIDTH = 80
_BOLD, _DIM, _RED, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[0m"


@dataclass(frozen=True)
class DayPlan:
    """The plan of a day and whether that day is a day off (weekend or public holiday)."""

    plan: Plan
    rep: str | None
    day_off: bool


def _reps_line(owners: list[str]) -> str:
    shown = ", ".join(safe_text(o) for o in owners[:12])
    return shown + (", …" if len(owners) > 12 else "")


@contextmanager
def _book_or_how_to_start(args: argparse.Namespace) -> Iterator[Book]:
    """The book; if there is none yet, the ways to start instead of only that it is missing."""
    from tui.store.errors import BookMissing

    try:
        with open_book(args, create=False) as book:
            yield book
    except BookMissing:
        fail(
            _(
                "There is no book at {path} yet. To start: kp import FILE (a CSV from your CRM "
                "or a .vcf address book), kp customer add NAME, or kp --demo to look around."
            ).format(path=safe_text(str(book_path(args))))
        )


def _named(args: argparse.Namespace) -> bool:
    """Was the rep named on the command line (a typo to refuse), not taken from the login?"""
    config = getattr(args, "config", None)
    return args.for_rep is not None or config is None or args.rep != config.rep


def _plan(args: argparse.Namespace, today: date) -> DayPlan:
    from tui.domain.calendar import calendar_for
    from tui.services.planning import plan_for, rep_settings

    rep = None if args.all else (args.for_rep or args.rep)
    with _book_or_how_to_start(args) as book:
        if rep is not None:
            owners = book.owners()
            if owners and rep not in owners and _named(args):
                fail(
                    _("no rep {rep} in this book; reps: {reps}").format(
                        rep=safe_text(rep), reps=_reps_line(owners)
                    )
                )
            if owners and rep not in owners:  # a rep new to a team's book: no error at login
                hint = _("you own no customers in this book yet; kp today --all shows the team's")
                print(hint, file=sys.stderr)
        settings = rep_settings(book, getattr(args, "config", None))
        plan = plan_for(book, today, rep=rep, settings=settings)
    if plan.unknown_regions:
        warning = unknown_region_warning(plan.unknown_regions)
        print(_("warning: {message}").format(message=safe_text(warning)), file=sys.stderr)
    day_off = not calendar_for(settings.region).is_business_day(today)
    return DayPlan(plan, rep, day_off)


def terminal_width() -> int:
    """``COLUMNS`` or the terminal's width (80 in a pipe), kept between 40 and 200."""
    return max(40, min(shutil.get_terminal_size((WIDTH, 24)).columns, 200))


def gesture_to_json(item: PlannedGesture, section: str, *, why: bool = False) -> dict[str, Any]:
    """One planned gesture for ``--format json``; ``why``: with the parts of its urgency."""
    found: dict[str, Any] = {
        "key": item.key,
        "section": section,
        "customer_id": item.customer.id,
        "customer": item.customer.name,
        "company": item.customer.company,
        "tier": item.customer.tier.value,
        "due": item.due.isoformat(),
        "occasion": item.occasion.isoformat(),
        "reason": item.reason.value,
        "kind": item.kind.value,
        "purpose": item.purpose.value,
        "urgency": round(item.urgency, 3),
        "overdue_days": item.overdue_days,
        "fixed": item.fixed,
        "status": item.status.value,
        "why": why_text(item),
        "suggestion": suggestion_text(item.suggestion),
    }
    if why:
        found["urgency_parts"] = [
            {"part": f.code.value, "value": round(f.value, 3), "text": factor_label(f)}
            for f in item.factors
        ]
    return found


def _day(day: date) -> str:
    return f"{weekday_short(day.weekday())} {format_date(day)}"


def _overdue(item: PlannedGesture) -> str:
    n = item.overdue_days
    return ngettext("{n} day overdue", "{n} days overdue", n).format(n=n)


def _line(left: str, name: str, right: str, width: int) -> str:
    """``left`` + the name cut to the room left + ``right`` flush with the last column."""
    room = max(width - len(left) - len(right) - 1, 8)
    return f"{left}{cut(name, room).ljust(room)} {right}"


def render_plan(
    plan: Plan,
    rep: str | None,
    *,
    color: bool,
    width: int = WIDTH,
    limit: int | None = None,
    day_off: bool = False,
    explain: bool = False,
) -> str:
    """The plan as an aligned list that fits ``width`` columns; colour only when asked.

    ``limit`` keeps the most urgent items and sums up the rest in one line; on a day off the
    list says so and shows what is overdue and what comes next instead of today's items.
    ``explain``: under each of today's items, the parts of its urgency (why it ranks there).
    """

    def paint(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if color else text

    who = rep if rep else _("whole team")
    if day_off and not plan.items:
        header = _("{day} · {who} · day off").format(day=_day(plan.today), who=who)
    else:
        header = _("Today, {day} · {who} · {done} of {planned} done").format(
            day=_day(plan.today), who=who, done=plan.done_today, planned=len(plan.items)
        )
    lines = [paint(cut(header, width), _BOLD)]
    overdue_later = [i for i in plan.later if i.overdue_days > 0]
    if not plan.items:
        if day_off:
            lines.append(_("A day off: nothing is planned for today."))
        elif overdue_later:
            lines.append(
                _("Nothing planned for today; the overdue gestures follow on the next days.")
            )
        else:
            lines.append(_("Nothing due today. Every customer has heard from us recently."))
    shown = plan.items if limit is None else plan.items[:limit]
    for rank, item in enumerate(shown, start=1):
        right = f"{kind_label(item.kind)} · {reason_label(item.reason)}"
        mark = "!" if item.overdue_days > 0 else " "
        first = _line(
            f"{rank:>2} {mark} {item.customer.tier.value}  ", item.customer.label, right, width
        )
        if item.status is Status.DONE:
            first = paint(first, _DIM)
        elif item.overdue_days > 0:
            first = paint(first, _RED)
        lines.append(first)
        why = f"{_overdue(item)} · {why_text(item)}" if item.overdue_days > 0 else why_text(item)
        lines.append("       " + cut(why, width - 7))
        tail = f"  [{item.key}]"
        room = max(width - len("       → ") - len(tail), 8)
        idea = cut(suggestion_text(item.suggestion), room)
        lines.append(paint(f"       → {idea.ljust(room)}{tail}", _DIM))
        if explain:
            lines += ["         " + cut(line, width - 9) for line in urgency_lines(item)]
    day_off_list = day_off and not plan.items
    if limit is not None and not day_off_list:
        more = len(plan.items) - len(shown)
        if more > 0 or plan.later:
            summary = (
                _("… and {n} more due today").format(n=more)
                if more > 0
                else _("Nothing more due today")
            )
            later = ngettext(
                "{n} gesture in the coming days", "{n} gestures in the coming days", len(plan.later)
            ).format(n=len(plan.later))
            lines.append(f"{summary}; {later} ({_('kp today shows all')})")
        return "\n".join(lines)
    sections = [(_("Later ({n})"), list(plan.later))]
    if day_off_list:
        coming = [i for i in plan.later if i.overdue_days <= 0]
        sections = [(_("Overdue ({n})"), overdue_later), (_("Coming next ({n})"), coming)]
    budget = len(plan.later) if limit is None else limit
    for title, entries in sections:
        if not entries or budget <= 0:
            continue
        lines.append("")
        lines.append(paint(title.format(n=len(entries)), _BOLD))
        for item in entries[:budget]:
            right = f"{kind_label(item.kind)} · {reason_label(item.reason)}"
            if item.overdue_days > 0:
                right = f"{_overdue(item)} · {right}"
            lines.append(_line(f"  {_day(item.due)}  ", item.customer.label, right, width))
        budget -= min(len(entries), budget)
    hidden = sum(len(entries) for _title, entries in sections) - (
        len(plan.later) if limit is None else limit - budget
    )
    if hidden > 0:
        lines.append(
            _("… and {n} more in the coming days ({hint})").format(
                n=hidden, hint=_("kp today shows all")
            )
        )
    return "\n".join(lines)


def render_upcoming(items: list[PlannedGesture], width: int) -> str:
    """One customer's coming gestures: day, kind and reason, key; a planned one's note below."""
    lines = []
    for item in items:
        tail = f"  [{item.key}]"
        head = f"  {_day(item.due)}  {kind_label(item.kind)} · {reason_label(item.reason)}"
        lines.append(cut(head, width - len(tail)).ljust(width - len(tail)) + tail)
        if item.reason is Reason.MANUAL:
            lines.append("    " + cut(suggestion_text(item.suggestion), width - 4))
    return "\n".join(lines)


def today(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        fail(_("--limit must be at least 1"))
    day = parse_date(args.date, field_name="date") if args.date else date.today()
    shown = _plan(args, day)
    plan = shown.plan
    if args.format == "json":
        items = plan.items if args.limit is None else plan.items[: args.limit]
        print_json(
            [gesture_to_json(i, "today", why=args.why) for i in items]
            + [gesture_to_json(i, "later", why=args.why) for i in plan.later]
        )
        return EXIT_OK
    text = render_plan(
        plan,
        shown.rep,
        color=use_color(sys.stdout),
        width=terminal_width(),
        limit=args.limit,
        day_off=shown.day_off,
        explain=args.why,
    )
    print(text)
    return EXIT_OK


def _set_state(args: argparse.Namespace, status: Status, until: date | None) -> str:
    from tui.services import steering

    customer_id, reason, occurrence = parse_gesture_key(args.key)
    with open_book(args, create=False) as book:
        customer = book.customer(customer_id)
        steering.set_state(
            book,
            args.key,
            status,
            until=until,
            customer=customer,
            reason=reason,
            due=occurrence,
            rep=args.rep,
        )
    return safe_text(customer.label)


def snooze(args: argparse.Namespace) -> int:
    today_ = date.today()
    if args.until:
        until = parse_date(args.until, field_name="until", today=today_)
    else:
        until = today_ + timedelta(days=args.days)
    if until <= today_:
        fail(_("--until must be a day after today"))
    label = _set_state(args, Status.SNOOZED, until)
    print(
        _("snoozed {key} ({customer}) until {day}").format(
            key=args.key, customer=label, day=format_date(until)
        )
    )
    return EXIT_OK


def skip(args: argparse.Namespace) -> int:
    label = _set_state(args, Status.SKIPPED, None)
    print(_("skipped {key} ({customer})").format(key=args.key, customer=label))
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("today", help=_("print the day's plan"))
    parser.add_argument("--date", help=_("the day to plan (default: today)"))
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument(
        "--rep", dest="for_rep", metavar="LOGIN", help=_("another rep's plan (default: yours)")
    )
    parser.add_argument("--all", action="store_true", help=_("the whole team's plan"))
    parser.add_argument(
        "--limit", type=int, metavar="N", help=_("only the N most urgent, then a summary line")
    )
    parser.add_argument(
        "--why",
        action="store_true",
        help=_(
            "under each of today's gestures, why it ranks where it does: the parts of its "
            "urgency and their sum (JSON: urgency_parts)"
        ),
    )
    parser.set_defaults(handler=today)

    snooze_parser = subparsers.add_parser("snooze", help=_("put a gesture off until a date"))
    snooze_parser.add_argument("key", help=_("the gesture key, e.g. 12:cadence:2026-11-23"))
    when = snooze_parser.add_mutually_exclusive_group()
    when.add_argument("--until", metavar="DATE")
    when.add_argument("--days", type=int, default=7, help=_("days from today (default 7)"))
    snooze_parser.set_defaults(handler=snooze)

    skip_parser = subparsers.add_parser("skip", help=_("skip this occurrence of a gesture"))
    skip_parser.add_argument("key", help=_("the gesture key, e.g. 12:cadence:2026-11-23"))
    skip_parser.set_defaults(handler=skip)
