"""``kp heatmap [CUSTOMER] [--year Y] [--all]``: the year's contacts per day, for a shell."""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date

from tui.commands.common import EXIT_OK, fail, open_book, resolve_customer
from tui.domain.heatmap import contact_grid, year_metrics
from tui.heatmap_text import render_heatmap_text
from tui.i18n import _
from tui.services.holidays import customer_holidays, region_holidays
from tui.services.planning import rep_settings
from tui.textsafe import safe_text, use_color


def heatmap(args: argparse.Namespace) -> int:
    today = date.today()
    year = args.year or today.year
    if not 1900 <= year <= 2100:
        fail(_("--year must be between 1900 and 2100"))
    with open_book(args, create=False) as book:
        default_region = rep_settings(book, getattr(args, "config", None)).region
        if args.customer:
            customer = resolve_customer(book, args.customer, include_archived=True)
            contacts = book.contacts(customer.id, start=date(year, 1, 1), end=date(year, 12, 31))
            title = _("{customer} · {year}").format(customer=safe_text(customer.label), year=year)
            holidays = customer_holidays(customer, default_region, year)
            chosen = None
        else:
            customers = book.customers()
            if not args.all:
                customers = [c for c in customers if c.owner == args.rep]
            chosen = {c.id for c in customers if c.id is not None}
            contacts = book.contacts(start=date(year, 1, 1), end=date(year, 12, 31))
            who = _("all customers") if args.all else _("customers of {rep}").format(rep=args.rep)
            title = _("{who} ({n}) · {year}").format(who=safe_text(who), n=len(chosen), year=year)
            holidays = region_holidays(default_region, year)
    grid = contact_grid(contacts, year, customers=chosen)
    metrics = year_metrics(grid, today=today)
    width = min(shutil.get_terminal_size((80, 24)).columns, 200) if sys.stdout.isatty() else 80
    sys.stdout.write(
        render_heatmap_text(
            grid,
            metrics,
            color=use_color(sys.stdout),
            title=title,
            today=today,
            holidays=holidays,
            width=width,
        )
    )
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("heatmap", help=_("the year's contacts per day as a grid"))
    parser.add_argument("customer", nargs="?", help=_("id or name fragment (default: yours)"))
    parser.add_argument("--year", type=int, help=_("the year (default: this year)"))
    parser.add_argument("--all", action="store_true", help=_("all customers of the team"))
    parser.set_defaults(handler=heatmap)
