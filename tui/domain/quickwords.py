"""The words the quick-capture syntax knows (English and German), apart from the parser.

A team may read this table to learn the syntax; :mod:`tui.domain.quicklog` reads a line with it.
"""

from __future__ import annotations

from tui.domain.model import Kind, Purpose

KIND_WORDS: dict[str, Kind] = {
    "call": Kind.CALL,
    "anruf": Kind.CALL,
    "telefonat": Kind.CALL,
    "email": Kind.EMAIL,
    "e-mail": Kind.EMAIL,
    "mail": Kind.EMAIL,
    "card": Kind.CARD,
    "karte": Kind.CARD,
    "gift": Kind.GIFT,
    "geschenk": Kind.GIFT,
    "visit": Kind.VISIT,
    "besuch": Kind.VISIT,
    "meeting": Kind.MEETING,
    "termin": Kind.MEETING,
    "message": Kind.MESSAGE,
    "nachricht": Kind.MESSAGE,
}
PURPOSE_WORDS: dict[str, Purpose] = {
    "care": Purpose.CARE,
    "pflege": Purpose.CARE,
    "service": Purpose.SERVICE,
    "sales": Purpose.SALES,
    "verkauf": Purpose.SALES,
    "vertrieb": Purpose.SALES,
}
WON_WORDS = frozenset({"won", "gewonnen"})
NEXT_WORDS = frozenset({"next", "nächste", "naechste", "wieder"})  # + @day: plan a follow-up
GIVEAWAY_WORDS = frozenset({"giveaway", "streuartikel", "werbeartikel"})
NOTE_MARK = "--"
TODAY_WORDS = frozenset({"today", "heute"})
YESTERDAY_WORDS = frozenset({"yesterday", "gestern"})
CURRENCY_WORDS = {"€": "EUR", "eur": "EUR", "euro": "EUR", "chf": "CHF", "sfr": "CHF"}
QUOTES = {'"': '"', "'": "'", "„": "“", "“": "”", "»": "«", "«": "»"}
