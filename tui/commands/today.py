"""``kp today``: the day's plan for a login shell, and ``kp snooze`` / ``kp skip`` to act on it.

Fast by design: no Textual, one read of the book, one call of the engine.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from tui.commands.common import EXIT_OK, fail, open_book, print_json
from tui.domain.dates import parse_date
from tui.domain.model import Status, parse_gesture_key
from tui.i18n import _, format_date
from tui.labels import kind_label, reason_label, weekday_short, why_text
from tui.textsafe import safe_text, use_color

if TYPE_CHECKING:
    from tui.domain.cadence import Plan, PlannedGesture

WIDTH = 80
_BOLD, _DIM, _RED, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[0m"


def _plan(args: argparse.Namespace, today: date) -> Plan:
    from tui.services.planning import plan_for, rep_settings

    rep = None if args.all else (args.for_rep or args.rep)
    with open_book(args, create=False) as book:
        return plan_for(
            book, today, rep=rep, settings=rep_settings(book, getattr(args, "config", None))
        )


def gesture_to_json(item: PlannedGesture, section: str) -> dict[str, Any]:
    """One planned gesture for ``--format json``."""
    return {
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
        "suggestion": item.suggestion,
    }


def _day(day: date) -> str:
    return f"{weekday_short(day.weekday())} {format_date(day)}"


def _cut(text: str, width: int) -> str:
    text = safe_text(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def render_plan(plan: Plan, rep: str | None, *, color: bool) -> str:
    """The plan as an aligned list that fits 80 columns; colour only when asked."""

    def paint(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if color else text

    who = rep if rep else _("whole team")
    planned = plan.done_today + sum(1 for i in plan.items if i.status is not Status.DONE)
    header = _("Today, {day} · {who} · {done} of {planned} done").format(
        day=_day(plan.today), who=who, done=plan.done_today, planned=planned
    )
    lines = [paint(_cut(header, WIDTH), _BOLD)]
    if not plan.items:
        lines.append(_("Nothing due today. Every customer has heard from us recently."))
    for rank, item in enumerate(plan.items, start=1):
        right = f"{kind_label(item.kind)} · {reason_label(item.reason)}"
        mark = "!" if item.overdue_days > 0 else " "
        left = f"{rank:>2} {mark} {item.customer.tier.value}  "
        name = _cut(item.customer.label, WIDTH - len(left) - len(right) - 1)
        first = f"{left}{name.ljust(WIDTH - len(left) - len(right))}{right}"
        if item.status is Status.DONE:
            first = paint(first, _DIM)
        elif item.overdue_days > 0:
            first = paint(first, _RED)
        lines.append(first)
        lines.append("       " + _cut(why_text(item), WIDTH - 7))
        room = WIDTH - len("       → ") - len(f"  [{item.key}]")
        idea = _cut(item.suggestion, room)
        lines.append(paint(f"       → {idea.ljust(room)}  [{item.key}]", _DIM))
    if plan.later:
        lines.append("")
        lines.append(paint(_("Later ({n})").format(n=len(plan.later)), _BOLD))
        for item in plan.later:
            right = f"{kind_label(item.kind)} · {reason_label(item.reason)}"
            left = f"  {_day(item.due)}  "
            name = _cut(item.customer.label, WIDTH - len(left) - len(right) - 1)
            lines.append(f"{left}{name.ljust(WIDTH - len(left) - len(right))}{right}")
    return "\n".join(lines)


def today(args: argparse.Namespace) -> int:
    day = parse_date(args.date, field_name="date") if args.date else date.today()
    plan = _plan(args, day)
    if args.format == "json":
        print_json(
            [gesture_to_json(i, "today") for i in plan.items]
            + [gesture_to_json(i, "later") for i in plan.later]
        )
        return EXIT_OK
    rep = None if args.all else (args.for_rep or args.rep)
    print(render_plan(plan, rep, color=use_color(sys.stdout)))
    return EXIT_OK


def _set_state(args: argparse.Namespace, status: Status, until: date | None) -> str:
    customer_id, reason, occurrence = parse_gesture_key(args.key)
    with open_book(args, create=False) as book:
        customer = book.customer(customer_id)
        book.set_gesture_state(
            args.key, status, until=until, customer=customer_id, reason=reason, due=occurrence
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
