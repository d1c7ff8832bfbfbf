"""Hypothesis against the readers: whatever bytes a book or journal holds, the answer is a book
or one BookError, and the files stay as they were."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime
from pathlib import Path

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.domain.model import Contact, Customer
from tui.store import journal
from tui.store.book import Book
from tui.store.errors import BookError
from tui.store.snapshot import parse_tables

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)
TABLE_NAMES = st.sampled_from(["meta", "customers", "contacts", "gestures", "settings", "x"])
BOOKISH = st.dictionaries(
    TABLE_NAMES,
    st.dictionaries(st.sampled_from(["1", "2", "x"]), JSON, max_size=3) | JSON,
    max_size=5,
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file()}


@FUZZ
@given(raw=st.binary(max_size=200) | BOOKISH.map(orjson.dumps))
def test_the_loader_answers_a_book_or_one_error(tmp_path: Path, raw: bytes) -> None:
    directory = Path(tempfile.mkdtemp(dir=tmp_path))
    path = directory / "book.json"
    path.write_bytes(raw)
    try:
        with Book.open(path, create=False) as book:
            book.customers()
            book.contacts()
            book.gestures()
            book.settings()
    except BookError as error:
        assert "\n" not in str(error)
    except ValueError as error:  # the model refusing a document's values is a ValidationError
        assert type(error).__name__ == "ValidationError"
    after = _files(directory)
    after.pop("book.json.lock", None)
    assert after == {"book.json": raw}


@FUZZ
@given(raw=st.binary(max_size=300))
def test_parse_tables_accepts_only_tinydb_shapes(raw: bytes) -> None:
    try:
        tables = parse_tables(Path("book.json"), raw)
    except BookError:
        return
    assert all(isinstance(docs, dict) for docs in tables.values())
    assert all(k.isdigit() and isinstance(d, dict) for t in tables.values() for k, d in t.items())


LINES = st.lists(
    st.one_of(
        st.binary(max_size=40),
        st.builds(
            lambda n, puts: orjson.dumps({"n": n, "put": puts}),
            st.integers(0, 5),
            st.dictionaries(st.sampled_from(["customers", "contacts/2026"]), JSON, max_size=2),
        ),
    ),
    max_size=6,
)


@FUZZ
@given(lines=LINES, tail=st.binary(max_size=20))
def test_the_journal_reader_counts_or_refuses(lines: list[bytes], tail: bytes) -> None:
    data = b"".join(line.replace(b"\n", b" ") + b"\n" for line in lines) + tail.replace(b"\n", b"")
    try:
        found = journal.read_lines(data, 0, 0)
    except journal.JournalDamaged:
        return
    assert [entry.n for entry in found.entries] == list(range(1, len(found.entries) + 1))
    assert found.end <= len(data) and found.torn == bool(tail.replace(b"\n", b""))


@FUZZ
@given(lines=LINES)
def test_a_book_with_any_journal_opens_or_refuses_untouched(
    tmp_path: Path, lines: list[bytes]
) -> None:
    directory = Path(tempfile.mkdtemp(dir=tmp_path))
    path = directory / "book.json"
    with Book.open(path) as book:
        book.add_customer(Customer("A"))
        book.log_contact(Contact(1, datetime(2026, 1, 5, 9)))
    with path.with_name("book.json.journal").open("ab") as handle:
        handle.write(b"".join(line.replace(b"\n", b" ") + b"\n" for line in lines))
    before = _files(directory)
    try:
        with Book.open(path, create=False) as book:
            book.customers()
            book.contacts()
    except BookError as error:
        assert "\n" not in str(error)
    except ValueError as error:
        assert type(error).__name__ == "ValidationError"
    assert _files(directory) == before
    json.dumps(sorted(before))  # the names are plain text
