"""``kp contact list|edit|delete``: see a customer's history with ids, correct or remove a slip.

Every change goes through :mod:`tui.services.steering`, so ``kp undo`` takes it back.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from tui.commands.common import EXIT_OK, columns, fail, open_book, print_json, resolve_customer
from tui.domain.dates import parse_datetime
from tui.domain.gifts import currency_for
from tui.domain.model import Contact, Kind, Purpose, parse_money
from tui.exchange.records_codec import contact_record
from tui.i18n import _, format_datetime, format_money
from tui.labels import kind_label, purpose_label
from tui.textsafe import safe_text


def contact_rows(contacts: list[Contact]) -> list[list[str]]:
    """Table rows for contacts, newest first: id, time, kind, purpose, minutes/gift, note."""
    rows = []
    for contact in reversed(contacts):
        amount = (
            format_money(contact.amount, contact.currency or "EUR")
            if contact.amount is not None
            else ""
        )
        minutes = _("{n} min").format(n=contact.minutes) if contact.minutes is not None else ""
        rows.append(
            [
                f"#{contact.id}",
                format_datetime(contact.at),
                kind_label(contact.kind),
                purpose_label(contact.purpose),
                amount or minutes,
                contact.note,
            ]
        )
    return rows


def list_contacts(args: argparse.Namespace) -> int:
    from tui.commands.today import terminal_width

    with open_book(args, create=False) as book:
        customer = resolve_customer(book, args.customer, include_archived=True)
        contacts = book.contacts(customer.id)
    if args.limit is not None:
        contacts = contacts[-args.limit :] if args.limit > 0 else []
    if args.format == "json":
        print_json([contact_record(c) for c in reversed(contacts)])
        return EXIT_OK
    print(safe_text(f"#{customer.id} {customer.label}"))
    if not contacts:
        print(_("no contacts logged yet"))
        return EXIT_OK
    widths = [7, 16, 8, 8, 10]
    note = max(terminal_width() - sum(widths) - len(widths), 12)
    print("\n".join(columns(contact_rows(contacts), [*widths, note])))
    return EXIT_OK


def _changed(contact: Contact, args: argparse.Namespace, customer_region: str) -> Contact:
    """The contact with the options' changes; an empty --note, --minutes or --gift clears it."""
    changes: dict[str, Any] = {}
    if args.at is not None:
        changes["at"] = parse_datetime(args.at, today=contact.at.date())
    if args.kind is not None:
        changes["kind"] = Kind(args.kind)
        if changes["kind"] is not Kind.GIFT and args.gift is None:
            changes.update(amount=None, currency=None, giveaway=False)
    if args.purpose is not None:
        changes["purpose"] = Purpose(args.purpose)
        if changes["purpose"] is not Purpose.SALES:
            changes["won"] = False
    if args.minutes is not None:
        changes["minutes"] = int(args.minutes) if args.minutes.strip() else None
    if args.note is not None:
        changes["note"] = args.note
    if args.gift is not None:
        amount = parse_money(args.gift) if args.gift.strip() else None
        changes["amount"] = amount
        if amount is None:
            changes["currency"] = None
        else:
            changes["currency"] = contact.currency or currency_for(customer_region)
            if args.kind is None:
                changes["kind"] = Kind.GIFT
    if not changes:
        fail(_("nothing to change: give at least one option such as --note or --at"))
    return dataclasses.replace(contact, **changes)


def edit(args: argparse.Namespace) -> int:
    from tui.services import steering

    if args.minutes is not None and args.minutes.strip() and not args.minutes.strip().isdigit():
        fail(_("--minutes must be a whole number of minutes"))
    with open_book(args, create=False) as book:
        contact = book.contact(args.id)
        region = book.customer(contact.customer).region
        updated = steering.edit_contact(book, _changed(contact, args, region), rep=args.rep)
        label = book.customer(updated.customer).label
    print(
        _("corrected contact #{id} with {customer}: {kind} at {at}").format(
            id=updated.id,
            customer=safe_text(label),
            kind=kind_label(updated.kind),
            at=format_datetime(updated.at),
        )
    )
    return EXIT_OK


def delete(args: argparse.Namespace) -> int:
    from tui.services import steering

    with open_book(args, create=False) as book:
        removed = steering.delete_contact(book, args.id, rep=args.rep)
        label = book.customer(removed.customer).label
    print(
        _("deleted contact #{id} with {customer} of {at} (kp undo brings it back)").format(
            id=removed.id, customer=safe_text(label), at=format_datetime(removed.at)
        )
    )
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("contact", help=_("list, correct or delete logged contacts"))
    commands = parser.add_subparsers(dest="contact_command", metavar="ACTION", required=True)

    listing = commands.add_parser("list", help=_("a customer's contacts with their ids"))
    listing.add_argument("customer", help=_("id or an unambiguous name/company fragment"))
    listing.add_argument("--format", choices=["text", "json"], default="text")
    listing.add_argument("--limit", type=int, metavar="N", help=_("only the latest N"))
    listing.set_defaults(handler=list_contacts)

    editing = commands.add_parser("edit", help=_("correct a logged contact"))
    editing.add_argument("id", type=int, help=_("the contact's id (kp contact list)"))
    editing.add_argument("--at", help=_("when: 2026-03-14 10:30 or 14.03.2026 10:30"))
    editing.add_argument("--kind", choices=[k.value for k in Kind], type=str.lower)
    editing.add_argument("--purpose", choices=[p.value for p in Purpose], type=str.lower)
    editing.add_argument("--minutes", help=_("minutes (empty: none)"))
    editing.add_argument("--note", help=_("the new note (empty: none)"))
    editing.add_argument("--gift", metavar="EUR", help=_("net value of a gift (empty: none)"))
    editing.set_defaults(handler=edit)

    deleting = commands.add_parser("delete", help=_("delete a logged contact"))
    deleting.add_argument("id", type=int, help=_("the contact's id (kp contact list)"))
    deleting.set_defaults(handler=delete)
