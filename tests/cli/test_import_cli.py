"""``kp import`` as a shell user runs it: exit codes, rejected lines on stderr, --help."""

from __future__ import annotations

import json

from tests.cli.conftest import Kp
from tests.exchange.conftest import FIXTURES


def test_import_reports_and_exits_2_on_rejected_rows(kp: Kp) -> None:
    result = kp("import", str(FIXTURES / "crm_de.csv"))
    assert result.returncode == 2
    assert "Added 6, updated 0, unchanged 0, rejected 2." in result.stdout
    assert result.stderr.splitlines() == [
        "crm_de.csv:5: birthday: '31.02.1980' is not a date like 1970-03-14, 14.03.1970, "
        "--03-14 or 14.03.",
        "crm_de.csv:7: 16 cells, but the header has 15 columns",
    ]
    listed = json.loads(kp("customer", "list", "--format", "json").stdout)
    assert len(listed) == 6 and listed[0]["owner"] == "tester"


def test_clean_file_exits_0_and_reimport_adds_nothing(kp: Kp) -> None:
    assert kp("import", str(FIXTURES / "excel_cp1252.csv")).returncode == 0
    again = kp("import", str(FIXTURES / "excel_cp1252.csv"))
    assert again.returncode == 0 and "Added 0, updated 0, unchanged 3" in again.stdout


def test_dry_run_lists_and_changes_nothing(kp: Kp, book) -> None:  # type: ignore[no-untyped-def]
    result = kp("import", "--dry-run", str(FIXTURES / "thunderbird.vcf"))
    assert result.returncode == 2
    assert "+ Helga Krause (Krause Textil GmbH)" in result.stdout
    assert "Dry run, nothing changed: would add 2" in result.stdout
    assert json.loads(kp("customer", "list", "--format", "json").stdout) == []


def test_map_option_and_updates_are_shown(kp: Kp) -> None:
    kp("import", str(FIXTURES / "excel_cp1252.csv"))
    result = kp(
        "import",
        str(FIXTURES / "excel_cp1252.csv"),
        "--map",
        "Bemerkung=ignore",
        "--map",
        "Klasse=tier",
    )
    assert result.returncode == 0
    result = kp("import", str(FIXTURES / "excel_cp1252.csv"), "--map", "Telefon=notes")
    assert "~ Jürgen Groß (Groß & Klein OHG): notes changed (line 2)" in result.stdout


def test_bad_input_is_one_line(kp: Kp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = kp("import", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    bad_map = kp("import", str(FIXTURES / "crm_de.csv"), "--map", "Firma=shoesize")
    assert bad_map.returncode == 2 and "--map" in bad_map.stderr
    assert bad_map.stderr.count("\n") == 1 and "Traceback" not in bad_map.stderr
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = kp("import", str(empty))
    assert result.returncode == 2 and "empty" in result.stderr


def test_help(kp: Kp) -> None:
    result = kp("import", "--help")
    assert result.returncode == 0
    for word in ("--dry-run", "--map", "COLUMN=FIELD", "FILE"):
        assert word in result.stdout


def test_today_on_a_missing_book_says_how_to_start(kp: Kp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = kp("--book", str(tmp_path / "none.json"), "today", use_book=False)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    for way in ("kp import FILE", "kp customer add NAME", "kp --demo"):
        assert way in result.stderr
    assert not (tmp_path / "none.json").exists()


def test_rejections_are_worded_in_german(kp: Kp) -> None:
    result = kp("import", str(FIXTURES / "crm_de.csv"), env={"KP_LANG": "de"})
    assert result.returncode == 2
    assert "crm_de.csv:5: Geburtstag: '31.02.1980' ist kein Datum" in result.stderr
    assert "Neu 6, geändert 0, unverändert 0, abgelehnt 2." in result.stdout
