"""``kp plan``, ``kp unplan`` and ``kp undo``: steer the plan by hand and take a slip back.

``kp plan mueller --on fr --note "ask about the trade fair"`` puts a gesture on Friday's list;
it is moved with ``kp snooze``, skipped with ``kp skip`` and removed with ``kp unplan``.
``kp undo`` takes back the rep's latest change, in the shell or the app alike.
"""

from __future__ import annotations

import argparse
from datetime import date

from tui.commands.common import EXIT_OK, fail, open_book, resolve_customer
from tui.domain.followup import parse_future_day
from tui.domain.model import Gesture, Kind, Purpose, Reason, gesture_key, parse_gesture_key
from tui.i18n import _, format_date
from tui.labels import kind_label, undone_text
from tui.textsafe import safe_text


def plan(args: argparse.Namespace) -> int:
    from tui.services import steering
    from tui.store.errors import NotFound

    day = parse_future_day(args.on, date.today())
    with open_book(args, create=False) as book:
        customer = resolve_customer(book, args.customer)
        assert customer.id is not None
        key = gesture_key(customer.id, Reason.MANUAL, day)
        try:
            book.gesture(key)
        except NotFound:
            pass
        else:
            fail(
                _("{customer} has a gesture planned on {day} already: {key}").format(
                    customer=safe_text(customer.label), day=format_date(day), key=key
                )
            )
        gesture = Gesture(
            key,
            customer.id,
            Reason.MANUAL,
            day,
            kind=Kind(args.kind),
            purpose=Purpose(args.purpose),
            note=args.note or "",
            rep=args.rep,
        )
        steering.plan_gesture(book, gesture, rep=args.rep)
    print(
        _("planned {kind} with {customer} on {day} [{key}]").format(
            kind=kind_label(gesture.kind),
            customer=safe_text(customer.label),
            day=format_date(day),
            key=key,
        )
    )
    return EXIT_OK


def unplan(args: argparse.Namespace) -> int:
    from tui.services import steering

    parse_gesture_key(args.key)
    with open_book(args, create=False) as book:
        if not book.is_manual(args.key):
            fail(
                _("{key} was not planned by hand: skip it with kp skip").format(
                    key=safe_text(args.key)
                )
            )
        removed = steering.delete_planned(book, args.key, rep=args.rep)
        label = book.customer(removed.customer).label
    print(_("deleted {key} ({customer})").format(key=args.key, customer=safe_text(label)))
    return EXIT_OK


def undo(args: argparse.Namespace) -> int:
    from tui.services import steering

    with open_book(args, create=False) as book:
        undone = steering.undo(book, args.rep)
    if undone is None:
        print(_("Nothing to undo."))
    else:
        print(safe_text(undone_text(undone.what, undone.customer)))
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("plan", help=_("plan a follow-up by hand"))
    parser.add_argument("customer", help=_("id or an unambiguous name/company fragment"))
    parser.add_argument(
        "--on",
        required=True,
        metavar="DAY",
        help=_("the day: 2026-03-19, 19.03., fr, thursday, tomorrow, +3, +2w"),
    )
    parser.add_argument(
        "--kind", choices=[k.value for k in Kind], type=str.lower, default=Kind.CALL.value
    )
    parser.add_argument(
        "--purpose",
        choices=[p.value for p in Purpose],
        type=str.lower,
        default=Purpose.CARE.value,
    )
    parser.add_argument("--note", help=_("what to do, shown on that day"))
    parser.set_defaults(handler=plan)

    unplan_parser = subparsers.add_parser("unplan", help=_("delete a gesture planned by hand"))
    unplan_parser.add_argument("key", help=_("the gesture key, e.g. 12:manual:2026-11-27"))
    unplan_parser.set_defaults(handler=unplan)

    undo_parser = subparsers.add_parser("undo", help=_("take back your latest change"))
    undo_parser.set_defaults(handler=undo)
