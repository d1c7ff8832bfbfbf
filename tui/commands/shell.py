"""How ``kp`` behaves as a Unix tool: pipes that close early, terminals that cannot show UTF-8.

``kp today | head -1`` must end quietly with 0 when ``head`` stops reading; a shell with a
non-UTF-8 locale (``LANG=C`` with ``PYTHONUTF8=0``) gets ASCII stand-ins for ``·``, ``→``, ``ä``
instead of an encoding error, and arguments typed as UTF-8 still find ``Müller``.
"""

from __future__ import annotations

import codecs
import os
import sys
import unicodedata
from collections.abc import Sequence

ASCII_FALLBACK = "kp-ascii"

_REPLACEMENTS = {
    "·": "-",
    "…": "...",
    "→": "->",
    "←": "<-",
    "—": "-",
    "–": "-",
    "€": "EUR",
    "⏎": "/",
    "„": '"',
    "“": '"',
    "”": '"',
    "‚": "'",
    "‘": "'",
    "’": "'",
    "»": '"',
    "«": '"',
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "Ä": "Ae",
    "Ö": "Oe",
    "Ü": "Ue",
    "ß": "ss",
    "§": "S.",
    "×": "x",
    "°": "o",
}


def ascii_stand_in(char: str) -> str:
    """An ASCII spelling of one character: ``ü`` -> ``ue``, ``é`` -> ``e``, blocks -> ``#``."""
    if char in _REPLACEMENTS:
        return _REPLACEMENTS[char]
    if "\u2580" <= char <= "\u259f":  # block elements: the heatmap's cells
        return "#"
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    )
    return stripped if stripped.isascii() and stripped else "?"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(ascii_stand_in(c) for c in text), error.end


codecs.register_error(ASCII_FALLBACK, _fallback)


def use_ascii_fallback() -> None:
    """Let stdout and stderr write what their encoding cannot hold as ASCII stand-ins."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=ASCII_FALLBACK)


def utf8_arguments(argv: Sequence[str]) -> list[str]:
    """Arguments as UTF-8 even when the locale said ASCII (Python then keeps the raw bytes
    as surrogates: ``M\\udcc3\\udcbcller``); text that is not UTF-8 stays as it came."""
    fixed = []
    for arg in argv:
        try:
            fixed.append(os.fsencode(arg).decode("utf-8"))
        except UnicodeError:
            fixed.append(arg)
    return fixed


def quiet_closed_pipe() -> None:
    """The reader of stdout has gone (``| head``): point stdout at /dev/null so the
    interpreter's last flush does not complain, and let the command end as done."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def interactive() -> bool:
    """Both ends are a terminal: the app can read keys and draw."""
    return all(getattr(s, "isatty", lambda: False)() for s in (sys.stdin, sys.stdout))
