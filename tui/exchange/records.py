"""What a reader hands to the importer: candidate customers, rejected records, file-level errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from tui.domain.model import Contact, Customer, Gesture

Progress = Callable[[int, int], None]
"""Called while a file is read: the line reached and the file's number of lines."""


class ExchangeError(Exception):
    """The whole file cannot be read (wrong format, no name column ...): one line for the user."""


@dataclass(frozen=True)
class Candidate:
    """One customer as a file describes it.

    ``present`` names the fields the record actually gave: on re-import only those may change an
    existing customer (an empty cell never wipes what the book knows). ``ref`` is the record's
    own id in files that carry one (our CSV/JSON exports), so contacts can point at it;
    ``last_contact`` the day a CRM last had contact (the plan's cadence starts from it).
    """

    line: int
    customer: Customer
    present: frozenset[str]
    ref: str | None = None
    last_contact: date | None = None


@dataclass(frozen=True)
class ContactRecord:
    """One contact from an export of ours; ``ref`` names its customer's record in the same file."""

    line: int
    ref: str
    contact: Contact


@dataclass(frozen=True)
class GestureRecord:
    """A stored gesture (a manual one, or the done/snoozed/skipped state of a planned one) from
    a JSON export; ``ref`` names its customer's record."""

    line: int
    ref: str
    gesture: Gesture


@dataclass(frozen=True)
class Rejection:
    """A record that could not be read: its first line in the file and why.

    ``error`` keeps a domain error so a front end can word it in the user's language (the
    domain's messages are English templates); ``prefix`` goes before that wording.
    """

    line: int
    reason: str
    error: Exception | None = field(default=None, compare=False)
    prefix: str = field(default="", compare=False)


@dataclass
class ReadResult:
    """Everything read from one file, good and bad, in file order."""

    candidates: list[Candidate] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    gestures: list[GestureRecord] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    records: int = 0
