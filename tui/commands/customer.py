"""``kp customer add|list|show|edit|archive``: keep the customer list from a shell."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import date
from typing import Any

from tui.commands.common import (
    EXIT_OK,
    columns,
    fail,
    open_book,
    print_json,
    resolve_customer,
)
from tui.domain.dates import parse_birthday, parse_date
from tui.domain.model import LOCAL_HOLIDAYS, Customer, Status, Tier, ValidationError
from tui.domain.regions import validate_known_region
from tui.i18n import _, format_date
from tui.services.customers import birthday_text, customer_record


def _add_field_options(parser: argparse.ArgumentParser, *, editing: bool) -> None:
    if editing:
        parser.add_argument("--name", help=_("contact person"))
    parser.add_argument("--company", help=_("company name"))
    parser.add_argument("--tier", choices=[t.value for t in Tier], type=str.upper)
    parser.add_argument("--phone")
    parser.add_argument("--email")
    parser.add_argument(
        "--birthday", help=_("1970-03-14, 14.03.1970, or without a year: --03-14, 14.03.")
    )
    parser.add_argument("--founded", help=_("company founding date"))
    parser.add_argument("--since", help=_("customer since"))
    parser.add_argument("--renewal", help=_("next contract renewal"))
    parser.add_argument("--region", help=_("e.g. DE-BY, DE-NW, AT-9, CH-ZH"))
    parser.add_argument(
        "--local-holidays",
        choices=[c or "none" for c in LOCAL_HOLIDAYS],
        help=_("holidays only parts of the state keep: catholic (BY, SN, TH), augsburg"),
    )
    parser.add_argument(
        "--prospect",
        action=argparse.BooleanOptionalAction,
        help=_("a prospect (Interessent) who has not bought yet; --no-prospect: a customer"),
    )
    parser.add_argument(
        "--renewal-months",
        type=int,
        metavar="MONTHS",
        help=_("contract term: the renewal date rolls forward by it (0: none)"),
    )
    parser.add_argument("--owner", help=_("rep login (default: you)"))
    parser.add_argument("--tag", action="append", help=_("a tag; repeat for several"))
    parser.add_argument("--notes")
    parser.add_argument("--cadence", type=int, metavar="DAYS", help=_("own contact interval"))


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    """The fields the options set, parsed; an empty option value clears an optional field."""
    changes: dict[str, Any] = {}
    for name in ("name", "company", "phone", "email", "region", "owner", "notes"):
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = value.strip() if name != "notes" else value
    if args.tier is not None:
        changes["tier"] = Tier(args.tier)
    if args.birthday is not None:
        changes["birthday"] = parse_birthday(args.birthday) if args.birthday.strip() else None
    for name in ("founded", "since", "renewal"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = parse_date(value, field_name=name) if value.strip() else None
    if args.tag is not None:
        changes["tags"] = tuple(t.strip() for t in args.tag if t.strip())
    if args.cadence is not None:
        changes["cadence_days"] = args.cadence or None
    if args.local_holidays is not None:
        changes["local_holidays"] = "" if args.local_holidays == "none" else args.local_holidays
    if args.prospect is not None:
        changes["prospect"] = args.prospect
    if args.renewal_months is not None:
        changes["renewal_months"] = args.renewal_months or None
    return changes


def _checked_region(changes: dict[str, Any], current: Customer | None) -> None:
    """A region (and its local holidays) must be known to the holiday data when it is set."""
    if "region" not in changes and "local_holidays" not in changes:
        return
    region = changes.get("region", current.region if current else "DE")
    local = changes.get("local_holidays", current.local_holidays if current else "")
    try:
        changes["region"] = validate_known_region(region, local)
    except ValidationError as error:
        fail(str(error))


def add(args: argparse.Namespace) -> int:
    changes = _changes(args)
    changes["name"] = args.name.strip()
    changes.setdefault("owner", args.rep)
    _checked_region(changes, None)
    with open_book(args) as book:
        customer = book.add_customer(Customer(**changes))
    print(customer.id)
    return EXIT_OK


def edit(args: argparse.Namespace) -> int:
    changes = _changes(args)
    if not changes:
        fail(_("nothing to change: give at least one option such as --tier or --phone"))
    with open_book(args, create=False) as book:
        customer = resolve_customer(book, args.customer, include_archived=True)
        _checked_region(changes, customer)
        updated = book.update_customer(dataclasses.replace(customer, **changes))
    print(updated.id)
    return EXIT_OK


def archive(args: argparse.Namespace) -> int:
    with open_book(args, create=False) as book:
        customer = resolve_customer(book, args.customer)
        from tui.services import steering

        steering.archive_customer(book, customer.id or 0, rep=args.rep)
    print(_("archived {id} {label}").format(id=customer.id, label=customer.label))
    return EXIT_OK


def list_customers(args: argparse.Namespace) -> int:
    with open_book(args, create=False) as book:
        customers = book.customers(include_archived=args.all)
    if args.format == "json":
        print_json([customer_record(c) for c in customers])
        return EXIT_OK
    if not customers:
        print(_("no customers yet: add one with kp customer add NAME"))
        return EXIT_OK
    header = [_("ID"), _("Tier"), _("Name"), _("Company"), _("Owner"), _("Region")]
    ordered = sorted(customers, key=lambda c: (c.tier.value, c.name.casefold()))
    for prospects in (False, True):  # prospects apart, after the customers
        rows = [
            [str(c.id), c.tier.value, c.name, c.company, c.owner, c.region]
            for c in ordered
            if c.prospect is prospects
        ]
        if prospects and rows:
            print("\n" + _("Prospects"))
        if rows or not prospects:
            print("\n".join(columns([header, *rows], [5, 4, 22, 26, 10, 0])))
    return EXIT_OK


RECENT = 5  # contacts shown by kp customer show, newest first


def show(args: argparse.Namespace) -> int:
    from tui.commands.contact import contact_rows
    from tui.commands.today import gesture_to_json, render_upcoming, terminal_width
    from tui.exchange.records_codec import contact_record
    from tui.services.planning import customer_plan, plan_settings

    with open_book(args, create=False) as book:
        customer = resolve_customer(book, args.customer, include_archived=True)
        contacts = book.contacts(customer.id)
        plan = customer_plan(book, customer, date.today(), plan_settings(book))
    coming = [i for i in (*plan.items, *plan.later) if i.status is not Status.DONE]
    recent = contacts[-RECENT:]
    if args.format == "json":
        shown = customer_record(customer)
        shown["recent_contacts"] = [contact_record(c) for c in reversed(recent)]
        shown["upcoming"] = [gesture_to_json(i, "upcoming") for i in coming]
        print_json(shown)
        return EXIT_OK
    fields: list[tuple[str, str]] = [
        (_("Name"), customer.name),
        (_("Company"), customer.company),
        (_("Tier"), customer.tier.value),
        (_("Owner"), customer.owner),
        (_("Phone"), customer.phone),
        (_("E-mail"), customer.email),
        (_("Birthday"), birthday_text(customer.birthday) or "—"),
        (_("Founded"), _date_text(customer.founded)),
        (_("Customer since"), _date_text(customer.since)),
        (_("Renewal"), _renewal_text(customer)),
        (_("Region"), customer.region),
        (_("Local holidays"), customer.local_holidays or "—"),
        (_("Status"), _("prospect") if customer.prospect else _("customer")),
        (
            _("Renewal term"),
            _("{n} months").format(n=customer.renewal_months) if customer.renewal_months else "—",
        ),
        (_("Tags"), ", ".join(customer.tags)),
        (_("Notes"), customer.notes),
        (_("Contacts"), str(len(contacts))),
        (_("Last contact"), _date_text(contacts[-1].day) if contacts else "—"),
    ]
    if customer.archived:
        fields.append((_("Archived"), _("yes")))
    width = max(len(label) for label, _value in fields) + 1
    print(f"#{customer.id}")
    print("\n".join(columns([[f"{label}:", value] for label, value in fields], [width, 0])))
    if recent:
        print()
        print(
            _("Recent contacts ({shown} of {total})").format(shown=len(recent), total=len(contacts))
        )
        widths = [7, 16, 8, 8, 10]
        note = max(terminal_width() - sum(widths) - len(widths) - 2, 12)
        for line in columns(contact_rows(recent), [*widths, note]):
            print(f"  {line}")
    print()
    print(_("Coming up"))
    print(render_upcoming(coming, terminal_width()) or "  " + _("nothing planned"))
    return EXIT_OK


def _renewal_text(customer: Customer) -> str:
    """The next renewal: a contract with a term rolls forward once its date has passed."""
    from tui.domain.renewals import renewal_dates

    if customer.renewal is None:
        return "—"
    dates = renewal_dates(customer, date.today())
    if dates is None or dates[0] == customer.renewal:
        return format_date(customer.renewal)
    return _("{date} (rolled forward from {first})").format(
        date=format_date(dates[0]), first=format_date(customer.renewal)
    )


def _date_text(day: date | None) -> str:
    return format_date(day) if day else "—"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("customer", help=_("add, list, show, edit, archive customers"))
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    add_parser = actions.add_parser("add", help=_("add a customer; prints the new id"))
    add_parser.add_argument("name", help=_("contact person"))
    _add_field_options(add_parser, editing=False)
    add_parser.set_defaults(handler=add)

    list_parser = actions.add_parser("list", help=_("list customers"))
    list_parser.add_argument("--format", choices=["text", "json"], default="text")
    list_parser.add_argument("--all", action="store_true", help=_("include archived customers"))
    list_parser.set_defaults(handler=list_customers)

    show_parser = actions.add_parser("show", help=_("show one customer"))
    show_parser.add_argument("customer", help=_("id or name fragment"))
    show_parser.add_argument("--format", choices=["text", "json"], default="text")
    show_parser.set_defaults(handler=show)

    edit_parser = actions.add_parser("edit", help=_("change a customer's fields"))
    edit_parser.add_argument("customer", help=_("id or name fragment"))
    _add_field_options(edit_parser, editing=True)
    edit_parser.set_defaults(handler=edit)

    archive_parser = actions.add_parser("archive", help=_("archive a customer (keeps history)"))
    archive_parser.add_argument("customer", help=_("id or name fragment"))
    archive_parser.set_defaults(handler=archive)
