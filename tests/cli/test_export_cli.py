"""``kp export`` on a demo book: the .ics read back with icalendar field by field, the round
trip export -> import into an empty book, the gift list as German Excel reads it."""

from __future__ import annotations

import codecs
import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import icalendar

from tests.cli.conftest import DAY, Kp


def test_ics_holds_the_plan_field_by_field(kp: Kp, demo_book: Path, tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    result = kp("export", "--ics", str(ics), "--days", "14", "--date", DAY)
    assert result.returncode == 0, result.stderr
    assert "gestures of the next 14 days" in result.stderr and result.stdout == ""
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    assert str(calendar["version"]) == "2.0" and "kundenpflege" in str(calendar["prodid"])
    events = list(calendar.walk("VEVENT"))
    assert events and not list(calendar.walk("VTODO"))
    customers = {c["id"]: c for c in json.loads(kp("customer", "list", "--format", "json").stdout)}
    first, last = date.fromisoformat(DAY), date.fromisoformat(DAY) + timedelta(days=13)
    uids = set()
    for event in events:
        start = event.decoded("dtstart")
        assert first <= start <= last and event.decoded("dtend") == start + timedelta(days=1)
        uid = str(event["uid"])
        customer_id = int(uid.split("-")[0])
        customer = customers[customer_id]
        assert customer["owner"] == "tester"
        assert str(event["summary"]).endswith(f"{customer['name']} ({customer['company']})")
        description = str(event["description"])
        if customer["phone"]:
            assert f"Phone: {customer['phone']}" in description
        if customer["email"]:
            assert f"E-mail: {customer['email']}" in description
        assert str(event["transp"]) == "TRANSPARENT"
        uids.add(uid)
    assert len(uids) == len(events)
    again = tmp_path / "again.ics"
    kp("export", "--ics", str(again), "--days", "14", "--date", DAY)
    reread = icalendar.Calendar.from_ical(again.read_bytes())
    assert {str(e["uid"]) for e in reread.walk("VEVENT")} == uids  # stable: updates, no duplicates


def test_ics_todo_whole_team_and_occasions(kp: Kp, demo_book: Path, tmp_path: Path) -> None:
    ics = tmp_path / "team.ics"
    args = ("--days", "7", "--date", DAY, "--all", "--todo", "--occasions")
    assert kp("export", "--ics", str(ics), *args).returncode == 0
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    todos = list(calendar.walk("VTODO"))
    assert todos and all(t.decoded("due") == t.decoded("dtstart") for t in todos)
    assert all(str(t["status"]) == "NEEDS-ACTION" for t in todos)
    yearly = [e for e in calendar.walk("VEVENT") if "rrule" in e]
    assert yearly and all(e["rrule"]["FREQ"] == ["YEARLY"] for e in yearly)
    assert any(str(e["summary"]).startswith("Birthday: ") for e in yearly)


def test_ics_to_stdout(kp: Kp, demo_book: Path) -> None:
    result = kp("export", "--ics", "-", "--date", DAY)
    assert result.returncode == 0 and result.stdout.startswith("BEGIN:VCALENDAR")


def _customers_and_contacts(kp: Kp, book: Path, tmp_path: Path) -> dict[str, object]:
    out = tmp_path / f"{book.stem}-all.json"
    assert kp("--book", str(book), "export", "--json", str(out), use_book=False).returncode == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    return {"customers": document["customers"], "contacts": document["contacts"]}


def test_round_trip_through_json_and_csv(kp: Kp, demo_book: Path, tmp_path: Path) -> None:
    original = _customers_and_contacts(kp, demo_book, tmp_path)
    assert len(original["contacts"]) > 100  # type: ignore[arg-type]
    exported = tmp_path / "export.json"
    folder = tmp_path / "csv"
    assert kp("export", "--json", str(exported)).returncode == 0
    assert kp("export", "--csv", str(folder)).returncode == 0
    for source in (exported, folder):
        empty = tmp_path / f"from-{source.name}.json"
        result = kp("--book", str(empty), "import", str(source), use_book=False)
        assert result.returncode == 0, result.stderr
        assert _customers_and_contacts(kp, empty, tmp_path) == original
        if source == exported:  # the JSON export carries the gesture states too
            out = tmp_path / "gestures.json"
            kp("--book", str(empty), "export", "--json", str(out), use_book=False)
            restored = json.loads(out.read_text(encoding="utf-8"))["gestures"]
            first = json.loads(exported.read_text(encoding="utf-8"))["gestures"]
            assert first and sorted(restored, key=str) == sorted(first, key=str)
        again = kp("--book", str(empty), "import", str(source), use_book=False)
        assert "Added 0, updated 0, unchanged 60" in again.stdout
        assert "0 contacts added" in again.stdout


def test_gift_list_for_german_excel(kp: Kp, demo_book: Path, tmp_path: Path) -> None:
    gifts = tmp_path / "gifts.csv"
    kp("settings", "set", "flat_tax.2025", "0.30")
    result = kp("export", "--gifts", str(gifts), "--year", "2025")
    assert result.returncode == 0, result.stderr
    data = gifts.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["Date", "Recipient", "Company", "Gift", "Net amount", "Currency"]
    assert body
    totals: dict[str, float] = {}
    for row in body:
        day, recipient, net, currency = row[0], row[1], row[4], row[5]
        assert day.endswith(".2025") and len(day) == 10 and "," in net
        if currency == "EUR":
            assert row[6] == "yes"  # the flat tax elected for 2025
            counted = float(row[8].replace(",", "."))
            assert counted > float(net.replace(",", "."))  # the tax counts into the gift
            totals[recipient] = totals.get(recipient, 0.0) + counted
            assert abs(float(row[9].replace(",", ".")) - totals[recipient]) < 0.005
            assert row[10] == "50,00" and row[11] == ("yes" if totals[recipient] > 50 else "no")


def test_bad_export_input(kp: Kp, demo_book: Path, tmp_path: Path) -> None:
    missing = kp("export")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    both = kp("export", "--ics", "a.ics", "--json", "b.json")
    assert both.returncode == 2
    days = kp("export", "--ics", str(tmp_path / "x.ics"), "--days", "0")
    assert days.returncode == 2 and "--days" in days.stderr
    no_book = kp("--book", str(tmp_path / "none.json"), "export", "--json", "-", use_book=False)
    assert no_book.returncode != 0 and no_book.stderr.count("\n") == 1


def test_help(kp: Kp) -> None:
    result = kp("export", "--help")
    assert result.returncode == 0
    for word in ("--ics", "--csv", "--json", "--gifts", "--days", "--occasions", "--all"):
        assert word in result.stdout
