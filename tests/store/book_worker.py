"""A separate process for the multi-process tests: ``python book_worker.py MODE BOOK ...``.

Modes:
  log BOOK COUNT REP GO COMPACT_BYTES
                              touch GO-ready-REP, wait until GO exists, then log COUNT contacts
                              (note REP-i), compacting the journal beyond COMPACT_BYTES
  read BOOK STOP SECONDS      refresh and check the book until STOP exists (at most SECONDS);
                              print a JSON report
  crash BOOK COMPACT_BYTES    log contacts forever; print each note once log_contact returned
  kp BOOK GO REPORT ARGS...   touch GO-ready-REPORT, wait until GO exists, run the real command
                              line ``kp --book BOOK ARGS...`` in this process, and write its exit
                              code and every book file it parsed (path, bytes) to REPORT as JSON
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import orjson

from tui.domain.model import Contact
from tui.store import storage
from tui.store.book import Book
from tui.store.errors import BookError


def log(path: Path, count: int, rep: str, go: Path, compact_bytes: int) -> None:
    storage.COMPACT_MIN_BYTES = compact_bytes
    with Book.open(path, create=False, lock_timeout=60) as book:
        customers = [c.id for c in book.customers() if c.id is not None]
        go.with_name(f"{go.name}-ready-{rep}").touch()
        while not go.exists():
            time.sleep(0.002)
        start = datetime(2026, 1, 5, 8)
        for i in range(count):
            book.log_contact(
                Contact(
                    customer=customers[i % len(customers)],
                    at=start + timedelta(minutes=i),
                    rep=rep,
                    note=f"{rep}-{i}",
                )
            )


def read(path: Path, stop: Path, seconds: float) -> None:
    """Never take the lock; every view of the book must be whole and only ever grow."""
    errors: list[str] = []
    reads = 0
    seen = 0
    deadline = time.monotonic() + seconds
    book = Book.open(path, create=False)
    while time.monotonic() < deadline and not stop.exists():
        try:
            reads += 1
            orjson.loads(path.read_bytes())  # the snapshot is valid JSON at every instant
            if reads % 20 == 0:
                book.close()
                book = Book.open(path, create=False)
            else:
                book.refresh()
            contacts = book.contacts()
            ids = [c.id for c in contacts]
            if len(set(ids)) != len(ids):
                errors.append("duplicate ids")
            if len(contacts) < seen:
                errors.append(f"went back from {seen} to {len(contacts)} contacts")
            seen = len(contacts)
        except (BookError, ValueError) as error:
            errors.append(f"{type(error).__name__}: {error}")
    book.close()
    print(json.dumps({"reads": reads, "errors": errors[:20], "seen": seen}))


def crash(path: Path, compact_bytes: int) -> None:
    storage.COMPACT_MIN_BYTES = compact_bytes
    with Book.open(path, create=False, lock_timeout=30) as book:
        customer = book.customers()[0].id or 1
        moment = datetime(2026, 1, 5, 8)
        i = 0
        while True:
            note = f"{time.time_ns()}-{i}"
            book.log_contact(Contact(customer, moment + timedelta(seconds=i), note=note))
            sys.stdout.write(note + "\n")
            sys.stdout.flush()
            i += 1


def kp(path: Path, go: Path, report: Path, arguments: list[str]) -> None:
    from tui import cli
    from tui.store import parts, reading, snapshot

    parsed: list[tuple[str, int]] = []

    def recording(file: Path, raw: bytes, *, written_by_us: bool = False) -> snapshot.Tables:
        parsed.append((Path(file).name, len(raw)))
        return snapshot.parse_tables(file, raw, written_by_us=written_by_us)

    setattr(parts, "parse_tables", recording)  # noqa: B010 - the one seam every parse goes through
    setattr(reading, "parse_tables", recording)  # noqa: B010
    go.with_name(f"{go.name}-ready-{report.name}").touch()
    while not go.exists():
        time.sleep(0.002)
    code = cli.main(["--book", str(path), *arguments])
    report.write_text(json.dumps({"code": code, "parsed": parsed}))


def main() -> None:
    mode, book = sys.argv[1], Path(sys.argv[2])
    if mode == "log":
        log(book, int(sys.argv[3]), sys.argv[4], Path(sys.argv[5]), int(sys.argv[6]))
    elif mode == "read":
        read(book, Path(sys.argv[3]), float(sys.argv[4]))
    elif mode == "crash":
        crash(book, int(sys.argv[3]))
    elif mode == "kp":
        kp(book, Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5:])
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
