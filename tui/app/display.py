"""User text on screen: always literal, never markup, never terminal escapes.

Names, companies and notes are typed by people (or imported from files); a note that contains
``[bold]`` or an ESC sequence must show exactly those characters. Everything a widget shows from
the book goes through :func:`literal`, which makes control characters visible and wraps the text
in a ``Content`` (Textual never parses markup in a ``Content``).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from tui.textsafe import safe_text


def literal(text: str, style: str = "") -> Content:
    """``text`` as shown to the user: one line, control characters visible, no markup."""
    content = Content(safe_text(text))
    return content.stylize(style) if style else content


def literal_text(text: str, style: str = "") -> Text:
    """The same for widgets that take Rich ``Text`` (DataTable cells)."""
    return Text(safe_text(text), style=style, no_wrap=True, overflow="ellipsis")
