"""Importing into a real book: matching on re-import, dry run, one transaction."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.exchange.conftest import FIXTURES
from tui.domain.model import Customer, Tier
from tui.exchange.records import ExchangeError
from tui.services.importing import import_file
from tui.store.book import Book


@pytest.fixture
def book(tmp_path: Path) -> Book:
    with Book.open(tmp_path / "book.json") as opened:
        yield opened


def test_import_then_reimport_adds_nothing(book: Book) -> None:
    first = import_file(book, FIXTURES / "crm_de.csv", owner="anna")
    assert len(first.added) == 6 and len(first.rejected) == 2
    assert [c.customer.id for c in first.added] == [1, 2, 3, 4, 5, 6]
    again = import_file(book, FIXTURES / "crm_de.csv", owner="anna")
    assert again.added == [] and again.updated == [] and again.unchanged == 6
    assert len(book.customers()) == 6


def test_changed_fields_are_updated_and_reported(book: Book, tmp_path: Path) -> None:
    import_file(book, FIXTURES / "crm_de.csv", owner="anna")
    changed = tmp_path / "changed.csv"
    changed.write_text(
        "E-Mail;Name;Firma;Stufe;Telefon\n"
        "ANNA.MUELLER@mueller-druck.de;Anna Müller;Müller Druck GmbH;B;\n"  # by e-mail, any case
        ";Klaus Becker;becker metall gmbh;C;040 999\n",  # no e-mail: by name and company
        encoding="utf-8",
    )
    report = import_file(book, changed, owner="anna")
    assert report.added == []
    assert [(c.after.name, c.fields) for c in report.updated] == [
        ("Anna Müller", ("tier",)),
        ("Klaus Becker", ("tier", "phone")),
    ]
    anna = book.find_customers("Anna Müller")[0]
    assert anna.tier is Tier.B and anna.phone == "+49 89 4711-0"  # empty cell keeps the phone
    assert anna.email == "anna.mueller@mueller-druck.de"


def test_same_name_with_another_email_is_another_person(book: Book, tmp_path: Path) -> None:
    sheet = tmp_path / "two.csv"
    sheet.write_text(
        "Name,Firma,E-Mail\nJan Kurz,Kurz AG,jan@kurz.de\nJan Kurz,Kurz AG,jan.kurz@web.de\n"
        "Jan Kurz,Kurz AG,jan@kurz.de\n",
        encoding="utf-8",
    )
    report = import_file(book, sheet, owner="x")
    assert len(report.added) == 2
    assert [(r.line, r.reason) for r in report.rejected] == [(4, "the same customer as line 2")]


def test_dry_run_changes_nothing(book: Book) -> None:
    report = import_file(book, FIXTURES / "crm_de.csv", owner="anna", dry_run=True)
    assert len(report.added) == 6 and report.dry_run
    assert book.customers() == []
    assert not (Path(str(book.path) + ".journal").exists() and book.refresh())


def test_a_failure_while_writing_leaves_the_book_as_it_was(
    book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    book.add_customer(
        Customer("Anna Müller", "Müller Druck GmbH", email="anna.mueller@mueller-druck.de")
    )

    def broken(customer: Customer) -> Customer:
        raise OSError("disk full")

    monkeypatch.setattr(book, "update_customer", broken)
    with pytest.raises(OSError):
        import_file(book, FIXTURES / "crm_de.csv", owner="anna")
    monkeypatch.undo()
    assert [c.name for c in book.customers()] == ["Anna Müller"]
    with Book.open(book.path) as fresh:
        assert [c.name for c in fresh.customers()] == ["Anna Müller"]


def test_archived_customers_still_match(book: Book, tmp_path: Path) -> None:
    stored = book.add_customer(Customer("Eva Alt", "Alt KG", email="eva@alt.de"))
    assert stored.id is not None
    book.update_customer(dataclasses.replace(stored, archived=True))
    sheet = tmp_path / "alt.csv"
    sheet.write_text("Name;Firma;E-Mail\nEva Alt;Alt KG;eva@alt.de\n", encoding="utf-8")
    report = import_file(book, sheet, owner="x")
    assert report.added == [] and report.unchanged == 1


def test_unknown_file_type_is_refused(book: Book, tmp_path: Path) -> None:
    other = tmp_path / "customers.xlsx"
    other.write_bytes(b"PK")
    with pytest.raises(ExchangeError, match=r"\.csv"):
        import_file(book, other, owner="x")


def test_the_shipped_samples_import_cleanly(book: Book) -> None:
    from tui.resources import data_file

    sheet = import_file(book, data_file("samples") / "kunden.csv", owner="x")
    cards = import_file(book, data_file("samples") / "adressbuch.vcf", owner="x")
    assert (len(sheet.added), sheet.rejected) == (10, [])
    assert (len(cards.added), cards.rejected) == (4, [])


def test_a_last_contact_column_starts_the_cadence(book: Book, tmp_path: Path) -> None:
    sheet = tmp_path / "crm.csv"
    sheet.write_text(
        "Name;Firma;E-Mail;Letzter Kontakt\n"
        "Eva Alt;Alt KG;eva@alt.de;03.11.2026\n"
        "Jan Neu;Neu AG;jan@neu.de;\n"
        "Ole Falsch;Falsch AG;ole@falsch.de;31.11.2026\n",
        encoding="utf-8",
    )
    report = import_file(book, sheet, owner="anna")
    assert len(report.added) == 2 and report.contacts_added == 1
    assert [(r.line, r.reason.split(":")[0]) for r in report.rejected] == [(4, "last_contact")]
    eva = book.find_customers("Eva Alt")[0]
    assert eva.id is not None
    (contact,) = book.contacts(eva.id)
    assert contact.at.date().isoformat() == "2026-11-03" and contact.rep == "anna"
    again = import_file(book, sheet, owner="anna")
    assert again.contacts_added == 0 and len(book.contacts(eva.id)) == 1
    sheet.write_text("Name;Firma;E-Mail;Last contact\nEva Alt;Alt KG;eva@alt.de;2026-11-20\n")
    later = import_file(book, sheet, owner="anna")
    assert later.contacts_added == 1 and len(book.contacts(eva.id)) == 2


def test_every_customer_field_survives_json_and_csv(book: Book, tmp_path: Path) -> None:
    from datetime import date

    from tui.domain.model import Birthday
    from tui.services.exporting import export_csv, json_export

    rich = Customer(
        "Maria Huber",
        "Huber; Söhne | Partner",
        tier=Tier.A,
        owner="mm",
        phone="+49 821 55",
        email="maria@huber.example",
        birthday=Birthday(2, 29),
        founded=date(1950, 1, 2),
        since=date(2020, 3, 4),
        renewal=date(2027, 6, 30),
        region="DE-BY",
        tags=("wein", "golf"),
        notes=" two\nlines ",
        cadence_days=45,
        prospect=True,
        renewal_months=12,
        local_holidays="augsburg",
    )
    book.add_customer(rich)
    stored = book.customers(include_archived=True)
    (tmp_path / "all.json").write_bytes(json_export(book).data)
    export_csv(book, tmp_path / "csv")
    for source in (tmp_path / "all.json", tmp_path / "csv"):
        with Book.open(tmp_path / f"{source.name}.book") as other:
            report = import_file(other, source, owner="x")
            assert report.rejected == []
            assert other.customers(include_archived=True) == stored
