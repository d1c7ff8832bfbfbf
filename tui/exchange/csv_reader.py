"""Customers from a CSV file with a header row, as CRMs, Outlook and Excel write them.

The separator is sniffed from the header (``;`` from German Excel, ``,`` elsewhere, tabs), the
encoding from the bytes (:mod:`tui.exchange.text`); columns are mapped by name
(:mod:`tui.exchange.fields`). A bad row is rejected with its line number; the others still count.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping

from tui.domain.model import ValidationError
from tui.exchange.fields import customer_from_fields, field_for, last_contact
from tui.exchange.records import Candidate, ExchangeError, Progress, ReadResult, Rejection
from tui.exchange.text import decode
from tui.i18n import _

_SEPARATORS = (";", ",", "\t", "|")
_NAME_FIELDS = {"name", "first_name", "last_name", "company"}


def sniff_separator(header: str) -> str:
    """The separator the header line uses most (outside quotes); ``,`` for a one-column file."""
    outside, quoted = [], False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(char)
    counts = {sep: outside.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def table_rows(data: bytes, progress: Progress | None = None) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record with the number of the line it starts on; the header first."""
    text = decode(data)
    lines = text.count("\n") + (not text.endswith("\n"))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(first_line))
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ExchangeError(
                _("line {line}: the CSV cannot be read: {error}").format(line=start, error=error)
            ) from None
        if progress is not None and start % 500 == 0:
            progress(start, lines)
        if any(cell.strip() for cell in row):
            yield start, row


def header_fields(header: list[str], mapping: Mapping[str, str]) -> list[str | None]:
    """The field each column fills; the file is refused if no column names the customer."""
    fields = [field_for(column, mapping) for column in header]
    if not _NAME_FIELDS & {f for f in fields if f}:
        raise ExchangeError(
            _(
                "no column holds a name or company (columns: {columns}); "
                "use --map COLUMN=name or --map COLUMN=company"
            ).format(columns=", ".join(repr(c) for c in header))
        )
    return fields


def row_values(row: list[str], fields: list[str | None]) -> dict[str, str]:
    """A row's values by field; where two columns fill one field the first non-empty wins."""
    values: dict[str, str] = {}
    for cell, target in zip(row, fields, strict=False):
        if target and cell.strip() and not values.get(target):
            values[target] = cell
    return values


def read_csv(
    data: bytes, *, mapping: Mapping[str, str], owner: str, progress: Progress | None = None
) -> ReadResult:
    """Candidates and rejections from a customer CSV."""
    rows = table_rows(data, progress)
    result = ReadResult()
    try:
        _first, header = next(rows)
    except StopIteration:
        raise ExchangeError(_("the file is empty")) from None
    fields = header_fields(header, mapping)
    result.ignored_columns = [c for c, f in zip(header, fields, strict=True) if f is None and c]
    for line, row in rows:
        result.records += 1
        if len(row) > len(header):
            reason = _("{cells} cells, but the header has {columns} columns").format(
                cells=len(row), columns=len(header)
            )
            result.rejected.append(Rejection(line, reason))
            continue
        values = row_values(row, fields)
        try:
            customer, present = customer_from_fields(values, owner=owner)
            last = last_contact(values)
        except ValidationError as error:
            result.rejected.append(Rejection(line, str(error), error))
            continue
        result.candidates.append(Candidate(line, customer, present, values.get("id"), last))
    return result
