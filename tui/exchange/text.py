"""Bytes to text the way real exports are encoded: UTF-8 with or without BOM, UTF-16 with BOM
(Outlook's "Unicode" CSV), and Windows-1252 from German Excel when the bytes are not UTF-8."""

from __future__ import annotations

import codecs


def decode(data: bytes) -> str:
    """The text of a file; never fails (Windows-1252 takes any byte it defines, the rest is �)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
