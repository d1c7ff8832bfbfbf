"""User text (names, notes) shown as text: never as terminal escapes or markup.

Control characters (ESC, BEL, CSI, OSC openers, backspace, carriage return ...) would let a note
change the terminal's state; they are replaced by visible stand-ins. Tab becomes a space, a line
break a visible return mark when one line is wanted.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

# controls, C1 controls, line/paragraph separators, bidi overrides and isolates, zero-width
# characters and the BOM: each can make text look like something it is not
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
#: what JSON output escapes as \uXXXX although JSON would allow it raw: C1 controls (a terminal
#: reads \x9b as CSI), separators, bidi and zero-width characters
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def safe_json(text: str) -> str:
    """A JSON document with the characters above escaped (valid JSON, same data)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" of the character: ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def safe_text(text: str, *, one_line: bool = True) -> str:
    """``text`` with every control character made visible; line breaks folded when one line."""
    text = text.replace("\t", " ")
    if one_line:
        text = text.replace("\r\n", " ⏎ ").replace("\n", " ⏎ ")
    else:
        text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_visible, text)


def cut(text: str, width: int) -> str:
    """``text`` made safe and cut to ``width`` characters, an ellipsis marking the cut."""
    text = safe_text(text)
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def use_color(stream: TextIO) -> bool:
    """Colour only for a terminal, and never with ``NO_COLOR`` set (https://no-color.org)."""
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
