"""``kp settings show|set|unset``: the team's settings stored in the book.

These are the rules a whole team shares (the book's ``settings`` table), not one user's config
file: the daily capacity, tier cadences, the greeting style, and the § 37b flat-tax election,
which covers every gift of a business year (``kp settings set flat_tax.2026 0.30``). A change is
validated against the planner before it is stored, so a bad value never reaches the book.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from tui.commands.common import EXIT_OK, fail, open_book, print_json
from tui.domain.model import ValidationError
from tui.domain.settings import PlanSettings
from tui.i18n import _
from tui.textsafe import safe_text


def parse_value(text: str) -> Any:
    """A value as typed: whole numbers, true/false, JSON lists and objects; anything else is
    text (so a rate like ``0.30`` stays exact)."""
    value = text.strip()
    if value.lstrip("-").isdigit():
        return int(value)
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    if value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            fail(_("{value} is not valid JSON").format(value=safe_text(value)))
    return value


def _changed(current: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """``current`` with ``key`` (``name`` or ``name.sub``) set to ``value`` (None removes it)."""
    name, _dot, sub = key.partition(".")
    if not name or (sub and "." in sub):
        fail(_("{key} is not a setting name like capacity or flat_tax.2026").format(key=key))
    updated = dict(current)
    if sub:
        inner = updated.get(name)
        inner = dict(inner) if isinstance(inner, dict) else {}
        if value is None:
            inner.pop(sub, None)
        else:
            inner[sub] = value
        updated[name] = inner
    elif value is None:
        updated.pop(name, None)
    else:
        updated[name] = value
    return updated


def _store(args: argparse.Namespace, value: Any) -> int:
    with open_book(args) as book:
        current = book.settings()
        updated = _changed(current, args.key, value)
        known = {f for f in PlanSettings.__dataclass_fields__} | {
            "flat_tax",
            "gift_vat_rate",
            "input_vat_deduction",
        }
        if args.key.partition(".")[0] not in known:
            names = ", ".join(sorted(known - {"gifts"}))
            fail(_("{key} is no setting; known: {names}").format(key=args.key, names=names))
        try:
            PlanSettings.from_mapping(updated)
        except ValidationError as error:
            fail(str(error))
        name = args.key.partition(".")[0]
        book.update_settings({name: updated.get(name)})
    print(_("{key} = {value}").format(key=args.key, value=json.dumps(value, ensure_ascii=False)))
    return EXIT_OK


def set_setting(args: argparse.Namespace) -> int:
    return _store(args, parse_value(args.value))


def unset_setting(args: argparse.Namespace) -> int:
    return _store(args, None)


def show(args: argparse.Namespace) -> int:
    with open_book(args, create=False) as book:
        stored = book.settings()
    try:
        effective = PlanSettings.from_mapping(stored)
    except ValidationError as error:
        fail(str(error), 1)
    rows = {
        "capacity": effective.capacity,
        "tier_days": {t.value: d for t, d in effective.tier_days.items()},
        "prospect_days": effective.prospect_days,
        "region": effective.region,
        "card_lead_days": effective.card_lead_days,
        "greet_day_before": effective.greet_day_before,
        "year_end_greeting": effective.year_end_greeting,
        "gift_room": str(effective.gift_room),
        "flat_tax": {str(y): str(r) for y, r in sorted(effective.gifts.flat_tax.items())},
        "gift_vat_rate": str(effective.gifts.vat_rate),
        "input_vat_deduction": effective.gifts.input_vat,
    }
    if args.format == "json":
        print_json({"stored": stored, "effective": rows})
        return EXIT_OK
    for name, value in rows.items():
        mark = "" if name in stored else "  " + _("(default)")
        print(f"{name} = {json.dumps(value, ensure_ascii=False)}{mark}")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "settings", help=_("the team's settings in the book (capacity, greetings, § 37b)")
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    show_parser = actions.add_parser("show", help=_("the settings in effect"))
    show_parser.add_argument("--format", choices=["text", "json"], default="text")
    show_parser.set_defaults(handler=show)
    set_parser = actions.add_parser(
        "set", help=_("set one: kp settings set flat_tax.2026 0.30, year_end_greeting new_year")
    )
    set_parser.add_argument("key", help=_("a name, or name.part such as flat_tax.2026"))
    set_parser.add_argument("value")
    set_parser.set_defaults(handler=set_setting)
    unset_parser = actions.add_parser("unset", help=_("back to the default"))
    unset_parser.add_argument("key")
    unset_parser.set_defaults(handler=unset_setting)
