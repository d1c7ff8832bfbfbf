"""Benchmark of the book: open, log one contact durably, contacts per customer, memory.

Run by hand (never part of the tests):

    .venv/bin/python bench/bench_store.py            # rep and team book
    .venv/bin/python bench/bench_store.py --size rep --logs 300

Builds synthetic books in a temp dir with ``Book.bulk_load`` (rep: 300 customers, ~25,000
contacts; team: 5,000 customers, ~500,000 contacts; five years each), then measures in a fresh
process so the memory figure is that of a process that only opened the book. For comparison it
also times what the rejected layout would cost per change: rewriting and fsyncing the whole
snapshot.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from tui.domain.model import Birthday, Contact, Customer, Kind, Purpose, Tier
from tui.store.book import Book

SIZES = {"rep": (300, 25_000), "team": (5_000, 500_000)}
NOTES = [
    "",
    "",
    "asked about the new product line",
    "sent the brochure, call back in two weeks",
    "birthday card",
    "complained about the last delivery, resolved",
    "visit at the plant, met the new buyer",
]


def synthetic(customers: int, contacts: int, seed: int = 1) -> tuple[list[Customer], list[Contact]]:
    """Plausible field sizes; not realistic patterns (that is tui/demo/generator.py's job)."""
    rng = random.Random(seed)
    people = [
        Customer(
            name=f"Person {n}",
            company=f"Firma {n} GmbH & Co. KG",
            tier=rng.choice([Tier.A, Tier.B, Tier.B, Tier.C, Tier.C, Tier.C]),
            owner=f"rep{n % 20}",
            phone="+49 89 1234567",
            email=f"person{n}@firma{n}.example",
            birthday=Birthday(rng.randint(1, 12), rng.randint(1, 28), rng.choice([None, 1970])),
            founded=date(rng.randint(1900, 2015), 1, 1),
            since=date(rng.randint(2005, 2025), rng.randint(1, 12), 1),
            renewal=date(2027, rng.randint(1, 12), 1),
            region=rng.choice(["DE-BY", "DE-NW", "DE-BW", "AT-9", "CH-ZH"]),
            tags=("industrie",),
        )
        for n in range(1, customers + 1)
    ]
    start = datetime(2021, 1, 1, 8)
    span_minutes = 5 * 365 * 24 * 60
    log = []
    for _ in range(contacts):
        kind = rng.choice(list(Kind))
        log.append(
            Contact(
                customer=rng.randint(1, customers),
                at=start + timedelta(minutes=rng.randrange(span_minutes)),
                kind=kind,
                purpose=rng.choice(list(Purpose)),
                minutes=rng.choice([None, 5, 10, 30, 60]),
                note=rng.choice(NOTES),
                rep=f"rep{rng.randrange(20)}",
                amount=None if kind is not Kind.GIFT else rng.choice([None, 12, 35]),
            )
        )
    return people, log


def build(path: Path, size: str) -> dict[str, float]:
    customers, contacts = synthetic(*SIZES[size])
    started = time.perf_counter()
    with Book.open(path) as book:
        book.bulk_load(customers, contacts)
    return {"bulk_load_s": time.perf_counter() - started, "contacts": len(contacts)}


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure(path: Path, logs: int) -> dict[str, Any]:
    """Runs in a fresh process: everything a rep's session does, timed."""
    result: dict[str, Any] = {"book_mb": path.stat().st_size / 1e6}
    started = time.perf_counter()
    book = Book.open(path)
    result["open_ms"] = (time.perf_counter() - started) * 1000
    result["rss_after_open_mb"] = rss_mb()

    customer_ids = [c.id for c in book.customers() if c.id is not None]
    rng = random.Random(7)
    sample = rng.sample(customer_ids, min(200, len(customer_ids)))
    started = time.perf_counter()
    book.contacts(sample[0])
    result["first_contacts_call_ms"] = (time.perf_counter() - started) * 1000  # builds the index
    cold, warm = [], []
    for customer in sample:
        started = time.perf_counter()
        book.contacts(customer)
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        book.contacts(customer)
        warm.append(time.perf_counter() - started)
    result["contacts_per_customer_cold_ms"] = statistics.median(cold) * 1000
    result["contacts_per_customer_warm_ms"] = statistics.median(warm) * 1000
    started = time.perf_counter()
    everything = book.contacts()
    result["all_contacts_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    book.contacts(start=date(2025, 1, 1), end=date(2025, 12, 31))
    result["one_year_all_customers_ms"] = (time.perf_counter() - started) * 1000
    result["rss_after_all_contacts_mb"] = rss_mb()
    del everything

    durations = []
    moment = datetime(2026, 1, 5, 8)
    for n in range(logs):
        contact = Contact(sample[n % len(sample)], moment + timedelta(minutes=n), note="bench")
        started = time.perf_counter()
        book.log_contact(contact)
        durations.append(time.perf_counter() - started)
    durations.sort()
    result["log_contact_median_ms"] = statistics.median(durations) * 1000
    result["log_contact_p95_ms"] = durations[int(len(durations) * 0.95)] * 1000
    result["log_contact_max_ms"] = durations[-1] * 1000

    started = time.perf_counter()
    book.compact()
    result["compaction_ms"] = (time.perf_counter() - started) * 1000
    # the rejected layout: every change rewrites and fsyncs the whole file
    tables = book._storage.read()
    rewrite = []
    for _ in range(5):
        started = time.perf_counter()
        data = orjson.dumps(tables)
        tmp = path.with_name(".rewrite-bench.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, data)
        os.fsync(fd)
        os.close(fd)
        os.replace(tmp, path.with_name("rewrite-bench.json"))
        dir_fd = os.open(path.parent, os.O_RDONLY)
        os.fsync(dir_fd)
        os.close(dir_fd)
        rewrite.append(time.perf_counter() - started)
    result["whole_file_rewrite_median_ms"] = statistics.median(rewrite) * 1000
    started = time.perf_counter()
    book.refresh()
    result["refresh_unchanged_us"] = (time.perf_counter() - started) * 1e6
    started = time.perf_counter()
    for _ in range(1000):
        book.changed_on_disk()
    result["changed_on_disk_us"] = (time.perf_counter() - started) * 1000
    book.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["rep", "team", "both"], default="both")
    parser.add_argument("--logs", type=int, default=200, help="contacts logged for the median")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.logs)))
        return
    sizes = ["rep", "team"] if args.size == "both" else [args.size]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, pid {os.getpid()}")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"kp-bench-{size}-") as directory:
            path = Path(directory) / "book.json"
            built = build(path, size)
            child = subprocess.run(
                [sys.executable, __file__, "--measure", str(path), "--logs", str(args.logs)],
                capture_output=True,
                text=True,
                check=True,
            )
            figures = {**built, **json.loads(child.stdout)}
            print(f"\n{size} book: {SIZES[size][0]:,} customers, {built['contacts']:,.0f} contacts")
            for key, value in figures.items():
                print(f"  {key:34} {value:12,.2f}")


if __name__ == "__main__":
    main()
