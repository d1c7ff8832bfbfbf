"""How fast does ``kp import`` take a big CRM sheet? Run by hand; prints figures.

    .venv/bin/python bench/bench_import.py [--rows 10000] [--runs 3] [--write PATH]

Writes a German CRM export (``;``, BOM, TT.MM.JJJJ) of ``--rows`` customers into a temporary
folder, then times whole processes: ``kp import`` into a fresh book, the same file again (every
row matches: nothing added), and a dry run. The anchor is a bare ``python -c pass`` in the same
run. ``--write PATH`` only writes the sheet (for trying ``kp import`` by hand).
"""

from __future__ import annotations

import argparse
import codecs
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = [
    "Anna",
    "Bernd",
    "Carla",
    "Dieter",
    "Eva",
    "Frank",
    "Gül",
    "Hans",
    "Ines",
    "Jörg",
    "Katrin",
]
LAST = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schäfer",
]
FIRMS = ["Druck", "Metallbau", "Logistik", "Gastro", "IT-Service", "Bau", "Elektro", "Immobilien"]
FORMS = ["GmbH", "KG", "AG", "GmbH & Co. KG", "e.K."]
STATES = ["Bayern", "Baden-Württemberg", "Hessen", "Berlin", "Nordrhein-Westfalen", "Sachsen"]
HEADER = (
    "Vorname;Nachname;Firma;E-Mail;Telefon;Geburtstag;Kunde seit;Vertragsende;Stufe;Bundesland;"
    "Betreuer;Notiz;Letzter Kontakt"
)


def last_contact(rng: random.Random) -> str:
    """Most CRM rows know when someone last spoke to the customer (within the last 8 months)."""
    if rng.random() < 0.2:
        return ""
    return (date.today() - timedelta(days=rng.randint(1, 240))).strftime("%d.%m.%Y")


def crm_sheet(rows: int, seed: int = 7, owners: tuple[str, ...] = ("",)) -> bytes:
    """A realistic German CRM export with ``rows`` customers."""
    rng = random.Random(seed)
    lines = [HEADER]
    for n in range(1, rows + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        firm = f"{last} {rng.choice(FIRMS)} {rng.choice(FORMS)}"
        birthday = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}."
        if rng.random() < 0.6:
            birthday += str(rng.randint(1950, 1995))
        since = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2010, 2025)}"
        renewal = (
            f"{rng.randint(2026, 2028)}-{rng.randint(1, 12):02d}-15" if rng.random() < 0.3 else ""
        )
        lines.append(
            ";".join(
                [
                    first,
                    last,
                    firm,
                    f"{first.lower()}.{last.lower()}{n}@example.de",
                    f"0{rng.randint(30, 999)} {rng.randint(10000, 999999)}",
                    birthday,
                    since,
                    renewal,
                    rng.choice("AABBBCCCC"),
                    rng.choice(STATES),
                    rng.choice(owners),
                    rng.choice(["", "", "Bevorzugt E-Mail", "Weihnachtskarte ja"]),
                    last_contact(rng),
                ]
            )
        )
    return codecs.BOM_UTF8 + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _time(*command: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KP_REP": "bench", "NO_COLOR": "1"}
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)  # exit 0: no rejects
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", type=Path, help="only write the CRM sheet to this path")
    args = parser.parse_args()
    if args.write:
        args.write.write_bytes(crm_sheet(args.rows))
        print(f"wrote {args.rows} rows to {args.write}")
        return
    kp = [sys.executable, "-m", "tui.cli"]
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "crm.csv"
        sheet.write_bytes(crm_sheet(args.rows))
        anchor = statistics.median(_time(sys.executable, "-c", "pass") for _ in range(args.runs))
        fresh, again, dry = [], [], []
        for run in range(args.runs):
            book = str(Path(folder) / f"book{run}.json")
            fresh.append(_time(*kp, "--book", book, "import", str(sheet)))
            again.append(_time(*kp, "--book", book, "import", str(sheet)))
            dry.append(_time(*kp, "--book", book, "import", "--dry-run", str(sheet)))
        print(f"anchor python -c pass: {anchor * 1000:.0f} ms")
        for label, times in (
            ("into a fresh book", fresh),
            ("again (all match)", again),
            ("dry run", dry),
        ):
            median = statistics.median(times)
            print(
                f"kp import {args.rows} rows {label}: {median:.2f} s "
                f"({median / anchor:.0f}x anchor)"
            )


if __name__ == "__main__":
    main()
