"""The journal's wire format: JSON lines beside the book, one line per logical change.

::

    {"journal": 1, "generation": "3f2a..."}                      the header, written whole
    {"n": 1, "put": {table: {id: doc}}, "del": {table: [ids]}, "ids": {table: last id}}
    {"n": 2, ...}

A line counts when it ends in a newline, parses, has the shape above and carries the next
sequence number. Bytes after the last newline are a write still in progress or a killed
writer's torn line: never acknowledged, so they are left out. A complete line that does not
count is damage (a killed writer cannot leave one: it writes each line with one ``write`` and a
writer that finds a torn tail compacts instead of appending after it), so the reader refuses it
instead of silently dropping it and everything after it; ``kp repair`` keeps the readable lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

FORMAT = 1

Doc = dict[str, Any]


class JournalDamaged(ValueError):
    """A complete line that is not a valid change, or a header we cannot read."""

    def __init__(self, detail: str, line: int = 0) -> None:
        super().__init__(detail)
        self.line = line


def header(generation: str, vouch: int | None = None) -> bytes:
    """The first line of a journal that belongs to the snapshot of ``generation``; ``vouch``:
    the CRC-32 of that main file's bytes when its writer had every customer in it decoded."""
    head: dict[str, Any] = {"journal": FORMAT, "generation": generation}
    if vouch is not None:
        head["vouch"] = vouch
    return orjson.dumps(head) + b"\n"


def header_vouch(data: bytes) -> int | None:
    """The ``vouch`` of a journal's header (None: none, or no header to read)."""
    newline = data.find(b"\n")
    try:
        head = orjson.loads(data[:newline]) if newline > 0 else None
    except orjson.JSONDecodeError:
        return None
    vouch = head.get("vouch") if isinstance(head, Mapping) else None
    return vouch if type(vouch) is int else None


@dataclass
class Entry:
    """One logical change: documents put and deleted per table, id counters raised."""

    n: int
    puts: dict[str, dict[str, Doc]] = field(default_factory=dict)
    dels: dict[str, list[str]] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def encode(self) -> bytes:
        line: dict[str, Any] = {"n": self.n}
        if self.puts:
            line["put"] = self.puts
        if self.dels:
            line["del"] = self.dels
        if self.ids:
            line["ids"] = self.ids
        return orjson.dumps(line) + b"\n"

    def tables(self) -> set[str]:
        return set(self.puts) | set(self.dels)


def decode_entry(raw: bytes) -> Entry | None:
    """A line as an entry, or None if it is not one of ours (bad JSON or shape)."""
    try:
        line = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(line, dict):
        return None
    n, puts, dels, ids = (
        line.get("n"),
        line.get("put", {}),
        line.get("del", {}),
        line.get("ids", {}),
    )
    if type(n) is not int or not (
        isinstance(puts, dict) and isinstance(dels, dict) and isinstance(ids, dict)
    ):
        return None
    for docs in puts.values():  # TinyDB keys documents by number: any other key is damage
        if not isinstance(docs, dict) or not all(
            k.isdecimal() and isinstance(d, dict) for k, d in docs.items()
        ):
            return None
    for keys in dels.values():
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            return None
    if not all(type(v) is int for v in ids.values()):
        return None
    return Entry(n, puts, dels, ids)


def read_header(data: bytes) -> tuple[str | None, int]:
    """(generation, offset of the first line) of a journal; generation None: no usable header.

    An empty or header-less file (a journal cut short before its rename) has no generation;
    a header that is not ours is damage.
    """
    newline = data.find(b"\n")
    if newline < 0:
        return None, 0
    try:
        head = orjson.loads(data[:newline])
    except orjson.JSONDecodeError:
        raise JournalDamaged("the journal header is not valid JSON") from None
    if not isinstance(head, Mapping) or head.get("journal") != FORMAT:
        raise JournalDamaged("not a journal this version can read")
    generation = head.get("generation")
    return (generation if isinstance(generation, str) else None), newline + 1


@dataclass
class Lines:
    """What a read of the journal's lines found."""

    entries: list[Entry]
    end: int  # offset after the last counted line
    torn: bool  # bytes after the last newline (a write in progress or a killed writer's)


def read_lines(data: bytes, base: int, seq: int, *, strict: bool = True) -> Lines:
    """The complete lines in ``data`` (which starts at file offset ``base``), numbered from
    ``seq + 1``. ``strict``: a line that does not count raises JournalDamaged; otherwise it is
    skipped (``kp repair``), with its sequence number not checked."""
    entries: list[Entry] = []
    position = 0
    end = base
    for raw, stop in _complete_lines(data):
        entry = decode_entry(raw)
        if entry is None or (strict and entry.n != seq + 1):
            if strict:
                raise JournalDamaged(_describe(entry, seq), line=seq + 1)
        else:
            entries.append(entry)
            seq = entry.n
        position = stop
        end = base + position
    return Lines(entries, end, torn=position < len(data))


def bad_lines(data: bytes, start: int) -> Iterator[bytes]:
    """The complete lines after ``start`` that are not valid changes (what repair moves aside)."""
    for raw, _stop in _complete_lines(data[start:]):
        if decode_entry(raw) is None:
            yield raw


def _complete_lines(data: bytes) -> Iterator[tuple[bytes, int]]:
    position = 0
    while position < len(data):
        newline = data.find(b"\n", position)
        if newline < 0:
            return
        yield data[position:newline], newline + 1
        position = newline + 1


def _describe(entry: Entry | None, seq: int) -> str:
    if entry is None:
        return f"line {seq + 1} of the journal is damaged"
    return f"line {seq + 1} of the journal is out of sequence (number {entry.n})"
