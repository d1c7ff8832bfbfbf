"""``kp import`` and the app's import: read a file, match it against the book, write it as one
transaction.

A record matches an existing customer by e-mail, else by name and company (both case-blind);
a match updates only the fields the record gave and reports which changed, so importing the same
file twice adds nothing. A record that cannot be read is rejected with its line and reason; the
good ones still go in. Nothing is half-written: the whole import is one write of the book, and a
dry run computes the same report without taking the lock.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.model import (
    Contact,
    Customer,
    Gesture,
    ValidationError,
    gesture_key,
    parse_gesture_key,
)
from tui.exchange.csv_reader import read_csv
from tui.exchange.fields import CUSTOMER_FIELDS, parse_mapping
from tui.exchange.records import Candidate, ExchangeError, Progress, ReadResult, Rejection
from tui.exchange.vcard_reader import read_vcards
from tui.i18n import _, ngettext
from tui.messages import describe

if TYPE_CHECKING:
    from tui.store.book import Book


@dataclass(frozen=True)
class Change:
    """An existing customer a record updates, and which fields it changes."""

    line: int
    before: Customer
    after: Customer
    fields: tuple[str, ...]


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    path: Path
    dry_run: bool
    records: int = 0
    added: list[Candidate] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    contacts_added: int = 0
    contacts_known: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.updated or self.contacts_added)


def read_import_file(
    path: Path, *, mapping: Sequence[str] = (), owner: str, progress: Progress | None = None
) -> ReadResult:
    """The records of a ``.csv`` or ``.vcf`` file, a ``.json`` export of ours, or a folder with
    the ``customers.csv`` and ``contacts.csv`` of ``kp export --csv``."""
    from tui.exchange import json_format, tables

    columns = parse_mapping(list(mapping))
    if path.is_dir():
        return tables.read_export_folder(path, owner=owner)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".vcf", ".vcard", ".json"):
        raise ExchangeError(
            _("{name}: import reads .csv, .vcf and .json files").format(name=path.name)
        )
    data = path.read_bytes()
    if suffix == ".json":
        return json_format.read_export(data, owner=owner)
    if suffix in (".vcf", ".vcard"):
        return read_vcards(data, mapping=columns, owner=owner, progress=progress)
    return read_csv(data, mapping=columns, owner=owner, progress=progress)


def _name_key(customer: Customer) -> tuple[str, str]:
    return customer.name.strip().casefold(), customer.company.strip().casefold()


class _Matcher:
    """Finds the customer a record means: existing ones, and those added earlier in the file."""

    def __init__(self, customers: Sequence[Customer]) -> None:
        self.by_email: dict[str, Customer | Candidate] = {}
        self.by_name: dict[tuple[str, str], Customer | Candidate] = {}
        for customer in customers:
            self.remember(customer, customer)

    def remember(self, customer: Customer, target: Customer | Candidate) -> None:
        if customer.email:
            self.by_email.setdefault(customer.email.casefold(), target)
        self.by_name.setdefault(_name_key(customer), target)

    def find(self, customer: Customer) -> Customer | Candidate | None:
        """By e-mail; else by name and company, unless both have different e-mails (two
        people of the same name at one company)."""
        if customer.email and (found := self.by_email.get(customer.email.casefold())):
            return found
        found = self.by_name.get(_name_key(customer))
        other = found.customer.email if isinstance(found, Candidate) else found and found.email
        if found is not None and customer.email and other:
            return None
        return found


def _merge(existing: Customer, candidate: Candidate) -> Customer:
    """The existing customer with the fields the record gave."""
    given = {name: getattr(candidate.customer, name) for name in candidate.present}
    for name in ("email", "name", "company"):  # what matching compares without case
        if name in given and given[name].casefold() == getattr(existing, name).casefold():
            del given[name]  # the same in other letters is no change
    return dataclasses.replace(existing, **given)


@dataclass
class _Plan:
    report: ImportReport
    contacts_new: list[Contact] = field(default_factory=list)  # customer = position in added
    contacts_existing: list[Contact] = field(default_factory=list)
    gestures_new: list[Gesture] = field(default_factory=list)  # customer = position in added
    matched: list[tuple[Candidate, int]] = field(default_factory=list)  # record, customer id


def _rekey(contact: Contact, customer: int) -> Contact:
    """The contact for ``customer`` (a book id, or a position in the added list); a gesture key
    it answered follows its customer."""
    key = contact.gesture
    if key is not None:
        try:
            _old, reason, occurrence = parse_gesture_key(key)
            key = gesture_key(customer, reason, occurrence)
        except ValidationError:
            key = None
    return dataclasses.replace(contact, customer=customer, gesture=key, id=None)


def _plan(book: Book, read: ReadResult, report: ImportReport) -> _Plan:
    plan = _Plan(report)
    matcher = _Matcher(book.customers(include_archived=True))
    claimed: dict[int, int] = {}  # existing customer id -> line that matched it
    refs: dict[str, int | Candidate] = {}
    for candidate in read.candidates:
        found = matcher.find(candidate.customer)
        if isinstance(found, Candidate):
            reason = _("the same customer as line {line}").format(line=found.line)
            report.rejected.append(Rejection(candidate.line, reason))
            continue
        if found is None:
            report.added.append(candidate)
            matcher.remember(candidate.customer, candidate)
            if candidate.ref is not None:
                refs[candidate.ref] = candidate
            continue
        assert found.id is not None
        if found.id in claimed:
            reason = _("the same customer as line {line}").format(line=claimed[found.id])
            report.rejected.append(Rejection(candidate.line, reason))
            continue
        claimed[found.id] = candidate.line
        plan.matched.append((candidate, found.id))
        if candidate.ref is not None:
            refs[candidate.ref] = found.id
        try:
            after = _merge(found, candidate)
        except ValidationError as error:
            report.rejected.append(Rejection(candidate.line, str(error), error))
            continue
        changed = tuple(f for f in CUSTOMER_FIELDS if getattr(found, f) != getattr(after, f))
        if changed:
            report.updated.append(Change(candidate.line, found, after, changed))
        else:
            report.unchanged += 1
    _plan_contacts(book, read, plan, refs)
    _plan_last_contacts(book, plan)
    return plan


def _plan_last_contacts(book: Book, plan: _Plan) -> None:
    """A CRM's "last contact" column becomes a contact on that day, so the cadence starts from
    it instead of from the day the customer was won; an existing customer gets one only if the
    book knows no contact on or after that day (so a second import adds nothing)."""
    owner_note = _("last contact, from the imported file")

    def contact(customer: int, candidate: Candidate, day: date) -> Contact:
        at = datetime.combine(day, time(12, 0))
        return Contact(customer, at, note=owner_note, rep=candidate.customer.owner)

    for position, candidate in enumerate(plan.report.added, start=1):
        if candidate.last_contact is not None:
            plan.contacts_new.append(contact(position, candidate, candidate.last_contact))
    for candidate, customer_id in plan.matched:
        day = candidate.last_contact
        if day is None:
            continue
        if any(c.at.date() >= day for c in book.contacts(customer_id)):
            continue
        plan.contacts_existing.append(contact(customer_id, candidate, day))
    plan.report.contacts_added = len(plan.contacts_new) + len(plan.contacts_existing)


def _plan_contacts(
    book: Book, read: ReadResult, plan: _Plan, refs: dict[str, int | Candidate]
) -> None:
    """Contacts of an export of ours: new for new customers; for existing ones unless the book
    has the same contact (same customer, time and kind) already."""
    positions = {id(c): n for n, c in enumerate(plan.report.added, start=1)}
    known: dict[int, set[tuple[object, ...]]] = {}
    for record in read.contacts:
        target = refs.get(record.ref)
        if target is None:
            reason = _("contact of an unknown customer {ref}").format(ref=record.ref)
            plan.report.rejected.append(Rejection(record.line, reason))
        elif isinstance(target, Candidate):
            plan.contacts_new.append(_rekey(record.contact, positions[id(target)]))
        else:
            if target not in known:
                known[target] = {(c.at, c.kind) for c in book.contacts(target)}
            identity = (record.contact.at, record.contact.kind)
            if identity in known[target]:
                plan.report.contacts_known += 1
                continue
            known[target].add(identity)
            plan.contacts_existing.append(_rekey(record.contact, target))
    plan.report.contacts_added = len(plan.contacts_new) + len(plan.contacts_existing)
    for gesture_record in read.gestures:  # states and manual gestures of new customers only
        target = refs.get(gesture_record.ref)
        if isinstance(target, Candidate):
            position = positions[id(target)]
            gesture = gesture_record.gesture
            _old, reason, occurrence = parse_gesture_key(gesture.key)
            key = gesture_key(position, reason, occurrence)
            plan.gestures_new.append(dataclasses.replace(gesture, key=key, customer=position))


def _write(book: Book, plan: _Plan) -> None:
    if plan.report.added:
        customers = [c.customer for c in plan.report.added]
        added = book.bulk_load(customers, plan.contacts_new, plan.gestures_new)
        plan.report.added = [
            dataclasses.replace(c, customer=stored)
            for c, stored in zip(plan.report.added, added, strict=True)
        ]
    for change in plan.report.updated:
        book.update_customer(change.after)
    for contact in plan.contacts_existing:
        book.log_contact(contact)


def import_file(
    book: Book,
    path: Path,
    *,
    owner: str,
    mapping: Sequence[str] = (),
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one file into the book (or only report what would happen, with ``dry_run``).

    Raises ExchangeError when the file as a whole cannot be read; the book is then untouched.
    """
    read = read_import_file(path, mapping=mapping, owner=owner, progress=progress)
    report = ImportReport(path, dry_run, read.records, ignored_columns=read.ignored_columns)
    report.rejected = list(read.rejected)
    if dry_run:
        _plan(book, read, report)
    else:
        with book.transaction():
            plan = _plan(book, read, report)
            if report.changed_anything:
                _write(book, plan)
    report.rejected = sorted((_worded(r) for r in report.rejected), key=lambda r: r.line)
    return report


def _worded(rejection: Rejection) -> Rejection:
    """A rejection's reason in the user's language (domain errors are English templates)."""
    if rejection.error is None:
        return rejection
    return dataclasses.replace(rejection, reason=rejection.prefix + describe(rejection.error))


def summary(report: ImportReport) -> str:
    """One line: what was (or would be) added, updated, left alone and rejected."""
    counts = {
        "added": len(report.added),
        "updated": len(report.updated),
        "unchanged": report.unchanged,
        "rejected": len(report.rejected),
    }
    if report.dry_run:
        text = _(
            "Dry run, nothing changed: would add {added}, update {updated}, "
            "leave {unchanged} unchanged, reject {rejected}."
        )
    else:
        text = _("Added {added}, updated {updated}, unchanged {unchanged}, rejected {rejected}.")
    line = text.format(**counts)
    if report.contacts_added or report.contacts_known:
        line += " " + ngettext(
            "{n} contact added ({known} known already).",
            "{n} contacts added ({known} known already).",
            report.contacts_added,
        ).format(n=report.contacts_added, known=report.contacts_known)
    return line


def app_summary(report: ImportReport, shown: int = 3) -> str:
    """The summary and the first rejected lines, for a notice in the app."""
    lines = [f"{report.path.name}: {summary(report)}"]
    for rejection in report.rejected[:shown]:
        lines.append(
            _("line {line}: {reason}").format(line=rejection.line, reason=rejection.reason)
        )
    if len(report.rejected) > shown:
        more = len(report.rejected) - shown
        lines.append(
            _("… {n} more: kp import --dry-run {name} lists them all").format(
                n=more, name=report.path.name
            )
        )
    return "\n".join(lines)
