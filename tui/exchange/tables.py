"""``kp export --csv DIR``: customers.csv and contacts.csv, and reading such a folder back.

Semicolon-separated UTF-8 with a BOM, so German Excel opens them as they are; the header uses
the model's field names, so the customer file re-imports like any CRM sheet and contacts find
their customer through ``customer_id``.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tui.domain.model import Contact, Customer, ValidationError
from tui.exchange.csv_reader import read_csv, table_rows
from tui.exchange.fields import CUSTOMER_FIELDS
from tui.exchange.records import ContactRecord, ExchangeError, ReadResult, Rejection
from tui.exchange.records_codec import (
    CONTACT_FIELDS,
    as_text,
    contact_from_record,
    contact_record,
    customer_record,
)
from tui.i18n import _

CUSTOMERS_FILE = "customers.csv"
CONTACTS_FILE = "contacts.csv"


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A table as German Excel opens it: BOM, ``;``, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _rows(records: Iterable[dict[str, Any]], header: Sequence[str]) -> Iterable[list[str]]:
    for record in records:
        yield [as_text(record.get(name)) for name in header]


def customers_csv(customers: Sequence[Customer]) -> bytes:
    header = ("id", *CUSTOMER_FIELDS)
    return excel_csv(header, _rows((customer_record(c) for c in customers), header))


def contacts_csv(contacts: Sequence[Contact]) -> bytes:
    return excel_csv(CONTACT_FIELDS, _rows((contact_record(c) for c in contacts), CONTACT_FIELDS))


def read_contacts_csv(data: bytes, result: ReadResult) -> None:
    """Add the contacts of a contacts.csv to ``result`` (bad rows as rejections)."""
    rows = table_rows(data)
    try:
        _first, header = next(rows)
    except StopIteration:
        return
    names = [column.strip().lower() for column in header]
    if "customer_id" not in names or "at" not in names:
        raise ExchangeError(
            _("{name} has no customer_id and at columns").format(name=CONTACTS_FILE)
        )
    for line, row in rows:
        record = dict(zip(names, row, strict=False))
        try:
            ref, contact = contact_from_record(record)
        except (ValidationError, ValueError) as error:
            reason, prefix = f"{CONTACTS_FILE}: {error}", f"{CONTACTS_FILE}: "
            result.rejected.append(Rejection(line, reason, error, prefix))
            continue
        result.contacts.append(ContactRecord(line, ref, contact))


def read_export_folder(folder: Path, *, owner: str) -> ReadResult:
    """A folder written by ``kp export --csv``: its customers, then their contacts."""
    customers = folder / CUSTOMERS_FILE
    if not customers.is_file():
        raise ExchangeError(_("{folder} has no {name}").format(folder=folder, name=CUSTOMERS_FILE))
    result = read_csv(customers.read_bytes(), mapping={}, owner=owner)
    contacts = folder / CONTACTS_FILE
    if contacts.is_file():
        read_contacts_csv(contacts.read_bytes(), result)
    return result
