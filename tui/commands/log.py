"""``kp log``: log a contact from a shell, answering a planned gesture if one is named."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from tui.commands.common import EXIT_OK, fail, open_book, resolve_customer
from tui.domain.dates import parse_datetime
from tui.domain.gifts import currency_for
from tui.domain.model import Contact, Customer, Kind, Purpose, parse_gesture_key, parse_money
from tui.domain.quicklog import QuickLog, parse_quicklog
from tui.i18n import _, format_date, format_datetime
from tui.labels import kind_label, weekday_short
from tui.textsafe import safe_text

if TYPE_CHECKING:
    from tui.store.book import Book

_DETAIL_OPTIONS = ("kind", "purpose", "minutes", "at", "note", "gift")


def _quick_contact(args: argparse.Namespace, now: datetime) -> QuickLog:
    """``kp log mueller call 10m care asked about the new line``: the quick-capture syntax."""
    if (
        any(getattr(args, name) is not None for name in _DETAIL_OPTIONS)
        or args.won
        or args.giveaway
    ):
        fail(_("give the details either as words after the customer or as options, not both"))
    customer = f'"{args.customer}"' if " " in args.customer else args.customer
    return parse_quicklog(" ".join([customer, *args.words]), now.date(), now)


def _option_contact(args: argparse.Namespace, now: datetime) -> QuickLog:
    """``kp log mueller --kind call --minutes 10 ...``: the same facts from options."""
    at = parse_datetime(args.at, today=now.date()) if args.at else now
    gift = parse_money(args.gift) if args.gift is not None else None
    present = gift is not None or args.giveaway
    kind = Kind(args.kind) if args.kind else (Kind.GIFT if present else Kind.CALL)
    purpose = Purpose(args.purpose) if args.purpose else Purpose.CARE
    return QuickLog(
        customer_query=args.customer,
        at=at,
        kind=kind,
        purpose=purpose,
        won=args.won,
        minutes=args.minutes,
        amount=gift,
        giveaway=args.giveaway,
        note=args.note or "",
    )


def log(args: argparse.Namespace) -> int:
    from tui.services import steering

    now = datetime.now().replace(second=0, microsecond=0)
    if args.flat_tax:
        fail(
            _(
                "the § 37b flat tax is elected for a whole business year, not per gift: "
                "kp settings set flat_tax.{year} 0.30"
            ).format(year=now.year)
        )
    details = _quick_contact(args, now) if args.words else _option_contact(args, now)
    if args.gesture:
        parse_gesture_key(args.gesture)
    with open_book(args, create=False) as book:
        customer = resolve_customer(book, details.customer_query)
        assert customer.id is not None
        gesture = args.gesture
        if gesture and not gesture.startswith(f"{customer.id}:"):
            fail(_("gesture {key} belongs to another customer").format(key=safe_text(gesture)))
        if not gesture:
            gesture = _answered(book, customer, details, args)
        contact = details.contact(
            customer.id,
            rep=args.rep,
            gesture=gesture or None,
            currency=currency_for(customer.region),
        )
        if contact.amount is not None:
            _warn_about_gift(book, contact, customer.region)
        saved = steering.log_contact(book, contact, rep=args.rep, follow_up=details.follow_up)
        won = customer.won_over(saved)  # steering made the prospect a customer in that write
    print(
        _("logged {kind} with {customer} at {at} (#{id})").format(
            kind=kind_label(saved.kind),
            customer=safe_text(customer.label),
            at=format_datetime(saved.at),
            id=saved.id,
        )
    )
    if saved.gesture and not args.gesture:
        print(_("answered {key}").format(key=saved.gesture))
    if details.follow_up is not None:
        print(
            _("follow-up planned on {day}").format(
                day=f"{weekday_short(details.follow_up.weekday())} {format_date(details.follow_up)}"
            )
        )
    if won is not None:
        print(_("{customer} is a customer now").format(customer=safe_text(customer.label)))
    return EXIT_OK


def _answered(book: Book, customer: Customer, details: QuickLog, args: argparse.Namespace) -> str:
    """The key of the gesture this contact answers on its day, as the app's quick log finds it."""
    from tui.services.planning import answered_gesture, customer_plan, rep_settings

    assert customer.id is not None
    settings = rep_settings(book, getattr(args, "config", None))
    plan = customer_plan(book, customer, details.at.date(), settings)
    found = answered_gesture(plan.items, customer.id, details.kind)
    return found.key if found is not None else ""


def _warn_about_gift(book: Book, contact: Contact, region: str) -> None:
    """The tax warning goes to stderr before the gift is saved; it never blocks it.

    Uses the team's gift settings in the book (the § 37b election of the gift's year).
    """
    from tui.domain.gifts import check_gift
    from tui.gift_labels import gift_check_text
    from tui.services.planning import plan_settings

    assert contact.amount is not None
    check = check_gift(
        book.gifts(
            contact.customer,
            start=date(contact.at.year, 1, 1),
            end=date(contact.at.year, 12, 31),
        ),
        contact.amount,
        contact.at.year,
        region,
        settings=plan_settings(book).gifts,
        giveaway=contact.giveaway,
    )
    if check.warn:
        print(_("warning: {message}").format(message=gift_check_text(check)), file=sys.stderr)


def split_note_words(
    argv: Sequence[str], log_parser: argparse.ArgumentParser
) -> tuple[list[str], list[str]]:
    """``kp log`` arguments as (what argparse reads, the quick-capture words after the customer).

    argparse would read a note word such as ``-20%`` as an unknown option; once the words after
    the customer have begun, anything that is not one of ``kp log``'s own options is note text
    (and after a ``--`` there, everything is).
    """
    takes_value = {
        option
        for action in log_parser._actions
        for option in action.option_strings
        if action.nargs != 0
    }
    known = {option for action in log_parser._actions for option in action.option_strings}
    kept: list[str] = []
    words: list[str] = []
    customer_seen = options_ended = False
    index = 0
    while index < len(argv):
        token = argv[index]
        index += 1
        if options_ended or not token.startswith("-") or token == "-":
            (words if customer_seen else kept).append(token)
            customer_seen = True
        elif token == "--":
            options_ended = True
            if customer_seen:
                words.append(token)
        elif words and token.split("=", 1)[0] not in known:
            words.append(token)
        else:
            kept.append(token)
            if token in takes_value and index < len(argv):
                kept.append(argv[index])
                index += 1
    return kept, words


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("log", help=_("log a contact with a customer"))
    parser.add_argument("customer", help=_("id or an unambiguous name/company fragment"))
    parser.add_argument(
        "words",
        nargs="*",
        help=_("or the quick syntax: call 10m care @14.03. 10:30 asked about the new line"),
    )
    parser.add_argument("--kind", choices=[k.value for k in Kind], type=str.lower)
    parser.add_argument("--purpose", choices=[p.value for p in Purpose], type=str.lower)
    parser.add_argument("--won", action="store_true", help=_("a sales contact that closed a deal"))
    parser.add_argument("--minutes", type=int)
    parser.add_argument("--at", help=_("when: 2026-03-14 10:30 or 14.03.2026 10:30 (default: now)"))
    parser.add_argument("--note")
    parser.add_argument(
        "--gift", metavar="AMOUNT", help=_("net value of a gift, in the customer's currency")
    )
    parser.add_argument(
        "--giveaway",
        action="store_true",
        help=_("an advertising item: shown, not counted as a gift"),
    )
    parser.add_argument(
        "--flat-tax",
        action="store_true",
        help=_("no longer per gift: kp settings set flat_tax.YEAR 0.30 (§ 37b, a whole year)"),
    )
    parser.add_argument("--gesture", metavar="KEY", help=_("the planned gesture this answers"))
    parser.set_defaults(handler=log)
