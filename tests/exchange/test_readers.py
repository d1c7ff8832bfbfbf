"""CSV and vCard readers on real-looking files, and their parsers under hypothesis."""

from __future__ import annotations

import codecs
import csv
import io
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tui.domain.model import Birthday, Tier
from tui.exchange.csv_reader import read_csv, sniff_separator
from tui.exchange.fields import column_key, field_for, parse_mapping
from tui.exchange.regions import region_code
from tui.exchange.text import decode
from tui.exchange.vcard_reader import read_vcards, split_cards, vcard_date


def test_german_crm_csv(fixture_bytes: dict[str, bytes]) -> None:
    result = read_csv(fixture_bytes["crm_de.csv"], mapping={}, owner="anna")
    assert result.records == 8
    names = [c.customer.name for c in result.candidates]
    assert names == [
        "Anna Müller",
        "Bernd Weber",
        "Ümran Öztürk",
        "Sabine Koch",
        "Petra Wolf",
        "Klaus Becker",
    ]
    anna = result.candidates[0].customer
    assert anna.company == "Müller Druck GmbH" and anna.tier is Tier.A and anna.region == "DE-BY"
    assert anna.birthday == Birthday(3, 14, 1971) and anna.since == date(2019, 4, 1)
    assert anna.founded == date(1988, 5, 12) and anna.renewal == date(2027, 6, 30)
    assert anna.owner == "anna" and anna.phone == "+49 89 4711-0"
    assert result.candidates[1].customer.birthday == Birthday(2, 29)  # "29.02." has no year
    assert result.candidates[2].customer.notes == "Notiz mit ; Semikolon"
    becker = result.candidates[5].customer
    assert becker.owner == "kbauer" and becker.tier is Tier.A and becker.email == ""
    assert [(r.line, r.reason.split(":")[0]) for r in result.rejected] == [
        (5, "birthday"),
        (7, "16 cells, but the header has 15 columns"),
    ]
    assert result.ignored_columns == ["Kundennr.", "Anrede"]
    assert result.candidates[0].present >= {"name", "company", "email", "birthday", "region"}
    assert "renewal" not in result.candidates[1].present


def test_windows_1252_csv(fixture_bytes: dict[str, bytes]) -> None:
    data = fixture_bytes["excel_cp1252.csv"]
    assert not data.startswith(codecs.BOM_UTF8)
    result = read_csv(data, mapping={}, owner="x")
    assert result.rejected == []
    first, second, third = (c.customer for c in result.candidates)
    assert first.name == "Jürgen Groß" and first.notes.endswith("Grüße an Frau Weiß")
    assert second.birthday == Birthday(12, 24) and second.tier is Tier.C
    assert second.region == "DE-BY" and third.region == "DE-BW"
    assert third.company == "Café Zürich GmbH" and "1.234,50 €" in third.notes


def test_english_comma_csv_with_multiline_cell(fixture_bytes: dict[str, bytes]) -> None:
    result = read_csv(fixture_bytes["crm_en.csv"], mapping={}, owner="x")
    maria, peter = (c.customer for c in result.candidates)
    assert maria.company == "Schulz, Huber & Partner" and maria.notes == "Two lines:\nsecond line"
    assert peter.birthday == Birthday(9, 30) and peter.owner == "mmeier"
    assert [c.line for c in result.candidates] == [2, 4]  # Peter starts after the two-line cell


def test_map_overrides_and_ignores_columns() -> None:
    data = "Kontakt;Kdnr;Handy;Telefon\nAnna Müller;17;0171 1;089 2\n".encode()
    mapping = parse_mapping(["Kdnr=notes", "Handy=ignore"])
    (candidate,) = read_csv(data, mapping=mapping, owner="x").candidates
    assert candidate.customer.notes == "17" and candidate.customer.phone == "089 2"


def test_a_file_without_a_name_column_is_refused() -> None:
    try:
        read_csv(b"Kdnr;Umsatz\n1;2\n", mapping={}, owner="x")
    except Exception as error:
        assert "--map" in str(error) and "'Kdnr'" in str(error)
    else:
        raise AssertionError("no error")


def test_bad_map_is_refused() -> None:
    for pair in ("nonsense", "Spalte=shoesize"):
        try:
            parse_mapping([pair])
        except Exception as error:
            assert "--map" in str(error)
        else:
            raise AssertionError(pair)


def test_outlook_vcards(fixture_bytes: dict[str, bytes]) -> None:
    result = read_vcards(fixture_bytes["outlook.vcf"], mapping={}, owner="x")
    carla, dirk = (c.customer for c in result.candidates)
    assert carla.name == "Carla Schröder" and carla.company == "Schröder Feinkost GmbH"
    assert carla.phone == "+49 40 123456"  # the work number, not the mobile
    assert carla.birthday == Birthday(3, 14, 1975) and carla.since == date(2012, 9, 1)
    assert carla.notes == (
        "Mag keine Süßigkeiten.\nAnsprechpartnerin für die Jahresgespräche, "
        "bitte immer vorher anrufen."
    )
    assert carla.region == "DE-HH"
    assert dirk.birthday == Birthday(3, 14) and dirk.tags == ("Elektro", "Stammkunde")
    assert dirk.notes.endswith("weitergeht; mit Semikolon.")
    (rejected,) = result.rejected
    assert rejected.line == 30 and rejected.reason.startswith("email")


def test_thunderbird_vcards(fixture_bytes: dict[str, bytes]) -> None:
    result = read_vcards(fixture_bytes["thunderbird.vcf"], mapping={}, owner="x")
    helga, neumann = (c.customer for c in result.candidates)
    assert helga.birthday == Birthday(2, 29) and helga.since == date(2014, 5, 1)
    assert helga.phone == "+49-371-55443" and helga.region == "DE-SN"
    assert helga.notes == "Sammelt Postkarten aus\nKurorten."
    assert neumann.founded == date(1976, 4, 1) and neumann.since is None  # KIND:org
    assert [r.line for r in result.rejected] == [23]


def test_map_applies_to_vcard_properties(fixture_bytes: dict[str, bytes]) -> None:
    mapping = parse_mapping(["ANNIVERSARY=founded"])
    result = read_vcards(fixture_bytes["thunderbird.vcf"], mapping=mapping, owner="x")
    assert result.candidates[0].customer.founded == date(2014, 5, 1)


def test_a_broken_card_does_not_stop_the_others() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ok One\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nthis is no property\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ok Two\r\nEND:VCARD\r\n"
    )
    result = read_vcards(data, mapping={}, owner="x")
    assert [c.customer.name for c in result.candidates] == ["Ok One", "Ok Two"]
    assert [r.line for r in result.rejected] == [5]


def test_region_names() -> None:
    assert region_code("Bayern") == "DE-BY" and region_code(" nordrhein-westfalen ") == "DE-NW"
    assert region_code("BY") == "DE-BY" and region_code("AT-9") == "AT-9"
    assert region_code("Thüringen") == "DE-TH"


def test_column_names_fold_case_umlauts_and_punctuation() -> None:
    assert column_key("E-Mail-Adresse") == column_key("e mail adresse") == "emailadresse"
    assert field_for("Gründung", {}) == "founded" and field_for("GRUENDUNG", {}) == "founded"
    assert field_for("Kunde seit", {}) == "since" and field_for("Unternehmen", {}) == "company"


# ---------------------------------------------------------------------- properties
_cell = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)


@given(
    st.lists(st.lists(_cell, min_size=3, max_size=3), min_size=1, max_size=8), st.sampled_from(";,")
)
def test_csv_cells_survive_any_content(rows: list[list[str]], separator: str) -> None:
    """Whatever the cells hold (quotes, separators, line breaks, umlauts), the reader gets back
    the names it was given or rejects the row with a reason; it never crashes."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=separator)
    writer.writerow(["Name", "Firma", "Notiz"])
    writer.writerows(rows)
    data = codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
    result = read_csv(data, mapping={}, owner="x")
    read = len(result.candidates) + len(result.rejected)
    assert read == sum(1 for row in rows if any(cell.strip() for cell in row))
    for candidate in result.candidates:
        assert candidate.customer.name.strip()


@given(st.text(max_size=200))
def test_decode_never_fails(text: str) -> None:
    for encoding in ("utf-8", "utf-8-sig", "utf-16"):
        assert decode(text.encode(encoding)) == text
    decode(text.encode("utf-8", errors="surrogatepass")[:-1])


@given(
    st.sampled_from([";", ",", "\t"]),
    st.lists(st.text("abcÄ ", min_size=1), min_size=2, max_size=6),
)
def test_separator_is_sniffed_from_the_header(separator: str, names: list[str]) -> None:
    assert sniff_separator(separator.join(names)) == separator


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.booleans(), st.booleans())
def test_vcard_dates(day: date, dashes: bool, no_year: bool) -> None:
    text = day.isoformat() if dashes else day.strftime("%Y%m%d")
    if no_year:
        text = "--" + text[5:] if dashes else "--" + text[4:]
        assert vcard_date(text) == f"--{day.month:02d}-{day.day:02d}"
    else:
        assert vcard_date(text + "T000000Z") == day.isoformat()


@given(st.lists(st.text("ABC xyz:;", max_size=20), max_size=5))
def test_cards_are_split_with_their_first_line(names: list[str]) -> None:
    text = "".join(f"BEGIN:VCARD\nFN:{name}\nEND:VCARD\n" for name in names)
    assert [line for line, _ in split_cards(text)] == [1 + 3 * i for i in range(len(names))]
