"""Region codes from what address books and CRMs write: ``Bayern``, ``BY``, ``DE-BY``.

German CRM exports name the federal state (``Bundesland``), not its ISO 3166-2 code; the book
stores codes because the holiday calendar needs them.
"""

from __future__ import annotations

import re
import unicodedata

_GERMAN_STATES = {
    "BW": ("baden-württemberg", "baden-wuerttemberg"),
    "BY": ("bayern", "bavaria", "freistaat bayern"),
    "BE": ("berlin",),
    "BB": ("brandenburg",),
    "HB": ("bremen",),
    "HH": ("hamburg",),
    "HE": ("hessen", "hesse"),
    "MV": ("mecklenburg-vorpommern", "mecklenburg-western pomerania"),
    "NI": ("niedersachsen", "lower saxony"),
    "NW": ("nordrhein-westfalen", "north rhine-westphalia", "nrw"),
    "RP": ("rheinland-pfalz", "rhineland-palatinate"),
    "SL": ("saarland",),
    "SN": ("sachsen", "saxony", "freistaat sachsen"),
    "ST": ("sachsen-anhalt", "saxony-anhalt"),
    "SH": ("schleswig-holstein",),
    "TH": ("thüringen", "thueringen", "thuringia", "freistaat thüringen"),
}
_COUNTRIES = {
    "deutschland": "DE",
    "germany": "DE",
    "österreich": "AT",
    "austria": "AT",
    "schweiz": "CH",
    "switzerland": "CH",
}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).strip().casefold())


_BY_NAME = {_key(name): f"DE-{code}" for code, names in _GERMAN_STATES.items() for name in names}
_BY_NAME.update({_key(name): code for name, code in _COUNTRIES.items()})


def region_code(text: str) -> str:
    """The code for a region as people write it; unknown text comes back upper-cased (the
    calendar then says what is wrong with it)."""
    key = _key(text)
    if key in _BY_NAME:
        return _BY_NAME[key]
    code = key.upper().replace("_", "-")
    if code in _GERMAN_STATES:
        return f"DE-{code}"
    return code
