"""The customer fields a file can fill, the column names that mean them, and turning one
record's text values into a :class:`Customer`.

Column names are matched loosely (case, spaces, dashes, umlauts do not matter) against German
and English aliases, so an export from a German CRM, Outlook or a hand-made sheet maps without
help; ``--map COLUMN=FIELD`` settles the rest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date

from tui.domain.dates import parse_birthday, parse_date
from tui.domain.model import Customer, Tier, ValidationError, invalid
from tui.domain.regions import validate_known_region
from tui.exchange.records import ExchangeError
from tui.exchange.regions import region_code
from tui.i18n import _

IGNORE = "ignore"
FIELDS = (
    "name",
    "first_name",
    "last_name",
    "company",
    "tier",
    "owner",
    "phone",
    "email",
    "birthday",
    "founded",
    "since",
    "renewal",
    "region",
    "tags",
    "notes",
    "cadence_days",
    "archived",
    "prospect",
    "renewal_months",
    "local_holidays",
    "id",
    "last_contact",
)
# The fields of a customer an import can change (first/last name and id only feed others).
CUSTOMER_FIELDS = tuple(
    f for f in FIELDS if f not in ("first_name", "last_name", "id", "last_contact")
)

_ALIASES = {
    "name": (
        "name",
        "full name",
        "display name",
        "kontakt",
        "kontaktperson",
        "ansprechpartner",
        "ansprechperson",
        "contact",
        "contact name",
        "vollständiger name",
    ),
    "first_name": ("vorname", "first name", "firstname", "given name", "rufname"),
    "last_name": ("nachname", "last name", "lastname", "surname", "family name", "familienname"),
    "company": (
        "firma",
        "firmenname",
        "unternehmen",
        "company",
        "company name",
        "organisation",
        "organization",
        "org",
        "kunde",
        "account",
        "account name",
    ),
    "tier": ("stufe", "tier", "klasse", "kundenklasse", "kategorie", "abc", "priorität"),
    "owner": (
        "betreuer",
        "kundenbetreuer",
        "owner",
        "rep",
        "vertreter",
        "außendienst",
        "zuständig",
        "verantwortlich",
        "account manager",
        "account owner",
    ),
    "phone": (
        "telefon",
        "tel",
        "telefonnummer",
        "telefon geschäftlich",
        "phone",
        "phone number",
        "business phone",
        "mobil",
        "mobile",
        "handy",
    ),
    "email": (
        "e-mail",
        "email",
        "mail",
        "e-mail-adresse",
        "email address",
        "e-mail address",
        "e-mail 1",
    ),
    "birthday": ("geburtstag", "geburtsdatum", "birthday", "date of birth", "dob", "bday"),
    "founded": ("gründung", "gründungsdatum", "gegründet", "founded", "founding date"),
    "since": ("kunde seit", "kundin seit", "customer since", "since", "seit", "kundenbeginn"),
    "renewal": (
        "vertragsende",
        "vertragsverlängerung",
        "verlängerung",
        "renewal",
        "renewal date",
        "contract end",
    ),
    "region": ("region", "bundesland", "state", "kanton"),
    "tags": ("tags", "schlagworte", "schlagwörter", "labels", "categories", "kategorien"),
    "notes": ("notiz", "notizen", "notes", "note", "bemerkung", "bemerkungen", "kommentar"),
    "cadence_days": ("cadence", "cadence days", "rhythmus", "intervall"),
    "archived": ("archived", "archiviert"),
    "prospect": ("prospect", "interessent", "lead"),
    "renewal_months": (
        "renewal months",
        "laufzeit",
        "vertragslaufzeit",
        "laufzeit monate",
        "contract term",
        "term months",
    ),
    "local_holidays": ("local holidays", "lokale feiertage", "örtliche feiertage"),
    "id": ("id",),
    "last_contact": (
        "letzter kontakt",
        "zuletzt kontaktiert",
        "letzte aktivität",
        "last contact",
        "last contacted",
        "last activity",
    ),
}


def column_key(name: str) -> str:
    """A column name folded for matching: ``E-Mail-Adresse`` = ``EMAIL_ADRESSE``."""
    text = unicodedata.normalize("NFC", name).strip().casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    return re.sub(r"[\s_.\-:/]+", "", text)


_BY_ALIAS = {column_key(alias): f for f, aliases in _ALIASES.items() for alias in aliases}
_BY_ALIAS.update({column_key(f): f for f in FIELDS})


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``["Kdnr=id", "Mobil=ignore"]`` as ``{column key: field}`` (ExchangeError if wrong)."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        target = target.strip().lower()
        if not sep or not column.strip():
            raise ExchangeError(_("--map wants COLUMN=FIELD, not {pair!r}").format(pair=pair))
        if target not in FIELDS and target != IGNORE:
            raise ExchangeError(
                _("--map: {field!r} is not a field; choose one of {fields}").format(
                    field=target, fields=", ".join((*FIELDS, IGNORE))
                )
            )
        mapping[column_key(column)] = target
    return mapping


def field_for(column: str, mapping: Mapping[str, str]) -> str | None:
    """The field a column fills (None: not a column we know, or mapped to ``ignore``)."""
    key = column_key(column)
    target = mapping.get(key) or _BY_ALIAS.get(key)
    return None if target in (None, IGNORE) else target


def _day(text: str, field_name: str) -> date:
    # Spreadsheets add a time to dates ("14.03.2020 00:00", "2020-03-14T00:00:00").
    return parse_date(re.split(r"[ T]", text.strip(), maxsplit=1)[0], field_name=field_name)


def _tier(text: str) -> Tier:
    match = re.fullmatch(r"([abc])(?:[- ]?kunden?|[- ]?customer)?", text.strip().casefold())
    if match is None:
        raise invalid("tier", "{value!r} is not one of {choices}", value=text, choices="A, B, C")
    return Tier(match.group(1).upper())


def _region(text: str, local_holidays: str) -> str:
    # the holiday calendar must know it (the same check as every other entry point)
    return validate_known_region(region_code(text), local_holidays)


def _whole(text: str, field_name: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise invalid(field_name, "{value!r} is not a whole number", value=text) from None


def _flag(text: str) -> bool:
    return text.strip().casefold() in ("1", "true", "yes", "ja", "x", "wahr")


def last_contact(values: Mapping[str, str]) -> date | None:
    """The day of the last contact a CRM knows of (its column), if the record gives one."""
    text = (values.get("last_contact") or "").strip()
    return _day(text, "last_contact") if text else None


def customer_from_fields(
    values: Mapping[str, str], *, owner: str
) -> tuple[Customer, frozenset[str]]:
    """One record's non-empty values (by field) as a customer, and which fields it gave.

    The name falls back to first + last name, then to the company (a company-only address).
    Rows without an owner belong to the rep who imports them. Raises ValidationError.
    """
    given = {k: v if k == "notes" else v.strip() for k, v in values.items() if v and v.strip()}
    name = given.get("name") or " ".join(
        given[k] for k in ("first_name", "last_name") if k in given
    )
    name = name or given.get("company", "")
    if not name:
        raise ValidationError(_("name: the record has no name and no company"), "name")
    kwargs: dict[str, object] = {"name": name, "owner": given.get("owner") or owner}
    for key in ("company", "phone", "email"):
        if key in given:
            kwargs[key] = given[key]
    if "notes" in given:
        kwargs["notes"] = given["notes"].replace("\r\n", "\n").strip("\n")
    if "tier" in given:
        kwargs["tier"] = _tier(given["tier"])
    if "birthday" in given:
        kwargs["birthday"] = parse_birthday(given["birthday"])
    for key in ("founded", "since", "renewal"):
        if key in given:
            kwargs[key] = _day(given[key], key)
    local = given.get("local_holidays", "").casefold()
    if local:
        kwargs["local_holidays"] = local
    if "region" in given:
        kwargs["region"] = _region(given["region"], local)
    if "prospect" in given:
        kwargs["prospect"] = _flag(given["prospect"])
    if "renewal_months" in given:
        kwargs["renewal_months"] = _whole(given["renewal_months"], "renewal_months")
    if "tags" in given:
        kwargs["tags"] = tuple(t.strip() for t in re.split(r"[,;|]", given["tags"]) if t.strip())
    if "cadence_days" in given:
        kwargs["cadence_days"] = _whole(given["cadence_days"], "cadence")
    if "archived" in given:
        kwargs["archived"] = _flag(given["archived"])
    present = {k for k in given if k in CUSTOMER_FIELDS}
    if "first_name" in given or "last_name" in given:
        present.add("name")
    return Customer(**kwargs), frozenset(present)  # type: ignore[arg-type]
