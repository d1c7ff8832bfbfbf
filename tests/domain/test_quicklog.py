"""The quick-capture line: what reps type is read the way they meant it, or refused clearly."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui import i18n
from tui.domain.matching import Fit, customer_fit
from tui.domain.model import Customer, Kind, Purpose, ValidationError
from tui.domain.quicklog import (
    KIND_WORDS,
    PURPOSE_WORDS,
    QuickLog,
    QuickLogError,
    match_customers,
    parse_quicklog,
)
from tui.messages import describe

TODAY = date(2026, 3, 16)
NOW = datetime(2026, 3, 16, 9, 41, 27)


def parse(text: str) -> QuickLog:
    return parse_quicklog(text, TODAY, NOW)


def test_the_examples_from_the_design() -> None:
    first = parse("mueller call 10m care asked about the new line")
    assert first == QuickLog(
        customer_query="mueller",
        at=datetime(2026, 3, 16, 9, 41),
        kind=Kind.CALL,
        purpose=Purpose.CARE,
        minutes=10,
        note="asked about the new line",
    )
    visit = parse("schmidt visit 1h30m sales won signed the renewal")
    assert (visit.kind, visit.purpose, visit.won, visit.minutes) == (
        Kind.VISIT,
        Purpose.SALES,
        True,
        90,
    )
    assert visit.note == "signed the renewal"
    gift = parse('"Weber GmbH" gift 25€ care Wein zum Jubiläum')
    assert gift.customer_query == "Weber GmbH"
    assert (gift.kind, gift.amount, gift.note) == (
        Kind.GIFT,
        Decimal("25.00"),
        "Wein zum Jubiläum",
    )
    mail = parse("12 email service @2026-03-14 10:30 sent the manual")
    assert mail.customer_query == "12"
    assert (mail.kind, mail.purpose) == (Kind.EMAIL, Purpose.SERVICE)
    assert mail.at == datetime(2026, 3, 14, 10, 30)
    assert mail.note == "sent the manual"


def test_defaults_are_a_care_call_now_and_given_says_what_was_typed() -> None:
    quick = parse("mueller")
    assert (quick.kind, quick.purpose, quick.won, quick.minutes, quick.amount) == (
        Kind.CALL,
        Purpose.CARE,
        False,
        None,
        None,
    )
    assert quick.at == datetime(2026, 3, 16, 9, 41)
    assert quick.note == "" and quick.given == frozenset()
    assert parse("mueller email hi").given == {"kind", "note"}
    assert parse_quicklog("x", TODAY).at == datetime(2026, 3, 16, 12, 0)


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("anruf", Kind.CALL),
        ("Mail", Kind.EMAIL),
        ("e-mail", Kind.EMAIL),
        ("karte", Kind.CARD),
        ("geschenk", Kind.GIFT),
        ("besuch", Kind.VISIT),
        ("termin", Kind.MEETING),
        ("nachricht", Kind.MESSAGE),
        ("MEETING", Kind.MEETING),
    ],
)
def test_german_and_english_kinds(word: str, kind: Kind) -> None:
    assert parse(f"x {word}").kind is kind


@pytest.mark.parametrize(
    ("text", "purpose", "won"),
    [
        ("x pflege", Purpose.CARE, False),
        ("x verkauf gewonnen", Purpose.SALES, True),
        ("x won", Purpose.SALES, True),
        ("x service", Purpose.SERVICE, False),
    ],
)
def test_purposes_and_won(text: str, purpose: Purpose, won: bool) -> None:
    quick = parse(text)
    assert (quick.purpose, quick.won) == (purpose, won)


@pytest.mark.parametrize(
    ("word", "minutes"),
    [("10m", 10), ("1h", 60), ("1h30m", 90), ("1h30", 90), ("90min", 90), ("1,5h", 90), ("0m", 0)],
)
def test_durations(word: str, minutes: int) -> None:
    assert parse(f"x {word}").minutes == minutes


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("x 25€", "25.00"),
        ("x 25,50 €", "25.50"),
        ("x eur 25", "25.00"),
        ("x EUR25", "25.00"),
        ("x €12.5", "12.50"),
        ("x 25 euro", "25.00"),
        ("x gift 1.234,50€", "1234.50"),
    ],
)
def test_gift_values_make_a_gift(text: str, amount: str) -> None:
    quick = parse(text)
    assert quick.kind is Kind.GIFT
    assert quick.amount == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("x @2026-03-14", datetime(2026, 3, 14, 12, 0)),
        ("x @14.03.2026", datetime(2026, 3, 14, 12, 0)),
        ("x @14.03.26 8:05", datetime(2026, 3, 14, 8, 5)),
        ("x @14.03. 10:30", datetime(2026, 3, 14, 10, 30)),
        ("x @20.12.", datetime(2025, 12, 20, 12, 0)),
        ("x @29.02.", datetime(2024, 2, 29, 12, 0)),
        ("x @yesterday", datetime(2026, 3, 15, 12, 0)),
        ("x @gestern 17:00 Uhr", datetime(2026, 3, 15, 17, 0)),
        ("x @heute", datetime(2026, 3, 16, 9, 41)),
        ("x @10:30 today", datetime(2026, 3, 16, 10, 30)),
        ("x @8:15", datetime(2026, 3, 16, 8, 15)),
        ("x @7:00 gestern", datetime(2026, 3, 15, 7, 0)),
        ("x @2026-03-14T10:30", datetime(2026, 3, 14, 10, 30)),
    ],
)
def test_moments(text: str, at: datetime) -> None:
    quick = parse(text)
    assert quick.at == at
    assert quick.note == ""


def test_the_note_keeps_its_own_words_and_spacing() -> None:
    quick = parse("mueller call care call back  next week about sales")
    assert (quick.kind, quick.purpose) == (Kind.CALL, Purpose.CARE)
    assert quick.note == "call back  next week about sales"
    assert parse("mueller -- call me").note == "call me"
    assert parse("mueller call --").note == ""
    assert parse("„Müller & Söhne“ karte danke").customer_query == "Müller & Söhne"
    assert parse("'A B' hi").customer_query == "A B"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "start the line with a customer"),
        ("   ", "start the line with a customer"),
        ('"Weber GmbH call', "not closed"),
        ('"" call', "empty"),
        ('"A"call', "space after"),
        ("x @31.02.2026", "not a date"),
        ("x @32.01.", "not a date"),
        ("x @banana", "not a date or a time"),
        ("x @25:00", "not a time"),
        ("x @2026-03-14 T", None),
        ("x call 5€", "needs the kind gift"),
        ("x care won", "Only a sales contact"),
        ("x @2026-03-17", "in the future"),
        ("x 25h", "longer than a day"),
        ("x 1h75", "not a duration"),
        ("x 2000000€", "not a gift value"),
    ],
)
def test_errors_say_what_is_wrong(text: str, message: str | None) -> None:
    if message is None:
        parse(text)  # a stray word after a moment is just the note
        return
    with pytest.raises(QuickLogError, match=message):
        parse(text)


def test_quicklog_error_is_a_validation_error_and_a_contact_comes_out() -> None:
    assert issubclass(QuickLogError, ValidationError)
    contact = parse("x gift 20€ thanks").contact(7, rep="anna", gesture="7:birthday:2026-03-16")
    assert (contact.customer, contact.kind, contact.amount, contact.rep) == (
        7,
        Kind.GIFT,
        Decimal("20.00"),
        "anna",
    )
    assert contact.gesture == "7:birthday:2026-03-16"


# --- properties -------------------------------------------------------------------------------

_KEYWORDS = set(KIND_WORDS) | set(PURPOSE_WORDS) | {"won", "gewonnen", "--"}
_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßABCÄÖÜ0123456789.,!?-", min_size=1)
_name = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß &.-ABCÄÖÜ", min_size=1, max_size=30)


def _is_plain_note_start(word: str) -> bool:
    try:
        return parse(f"x {word}").note == word
    except QuickLogError:
        return False


@st.composite
def quick_lines(draw: st.DrawFn) -> tuple[str, QuickLog]:
    """A line written the way a rep would, and the QuickLog it must give back."""
    name = draw(_name.filter(lambda s: s.strip() == s and s != ""))
    kind = draw(st.sampled_from(list(Kind)))
    gift = (
        draw(st.decimals(min_value=0, max_value=999, places=2, allow_nan=False))
        if kind is Kind.GIFT and draw(st.booleans())
        else None
    )
    won = draw(st.booleans())
    purpose = Purpose.SALES if won else draw(st.sampled_from(list(Purpose)))
    minutes = draw(st.none() | st.integers(min_value=0, max_value=1440))
    day = draw(st.dates(min_value=TODAY - timedelta(days=3000), max_value=TODAY))
    at = datetime.combine(day, draw(st.times()).replace(second=0, microsecond=0))
    note = " ".join(draw(st.lists(_word, max_size=6)))
    tokens = [
        draw(st.sampled_from([w for w, k in KIND_WORDS.items() if k is kind])),
        draw(st.sampled_from([w for w, p in PURPOSE_WORDS.items() if p is purpose])),
        draw(st.sampled_from(["@{}", "@{} Uhr"])).format(
            draw(
                st.sampled_from(
                    [
                        f"{at:%Y-%m-%d} {at:%H:%M}",
                        f"{at:%d.%m.%Y} {at:%H:%M}",
                        f"{at:%Y-%m-%dT%H:%M}",
                        f"{at.hour}:{at.minute:02d} {at:%d.%m.%Y}",
                    ]
                )
            )
        ),
    ]
    if won:
        tokens.append(draw(st.sampled_from(["won", "gewonnen", "WON"])))
    if minutes is not None:
        hours, rest = divmod(minutes, 60)
        spellings = [f"{minutes}m", f"{minutes}min"]
        if hours and hours < 100:
            spellings.append(f"{hours}h{rest}m" if rest else f"{hours}h")
        tokens.append(draw(st.sampled_from(spellings)))
    if gift is not None:
        german = f"{gift:.2f}".replace(".", ",")
        tokens += [draw(st.sampled_from([f"{gift}€", f"{german} €", f"eur {gift}", f"{german}€"]))]
    order = draw(st.permutations(tokens))
    if note and (draw(st.booleans()) or not _is_plain_note_start(note.split()[0])):
        order.append("--")
    quoted = " " in name or name[0] in "\"'„“»«" or name != name.strip()
    line = " ".join([f'"{name}"' if quoted else name, *order, note]).rstrip()
    expected = QuickLog(
        customer_query=name,
        at=at,
        kind=kind,
        purpose=purpose,
        won=won,
        minutes=minutes,
        amount=gift,
        currency="EUR" if gift is not None else None,
        note=note,
    )
    return line, expected


@settings(max_examples=300, deadline=None)
@given(quick_lines())
def test_generated_lines_round_trip(case: tuple[str, QuickLog]) -> None:
    line, expected = case
    assert parse(line) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        quick = parse(text)
    except QuickLogError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert quick.customer_query
    assert quick.at.date() <= TODAY


_tokenish = st.sampled_from(
    [
        *sorted(_KEYWORDS),
        "@",
        "@14.03.",
        "@10:30",
        "@gestern",
        "25",
        "€",
        "eur",
        "10m",
        "1h",
        "Uhr",
        "today",
        '"',
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_tokenish | _word, max_size=10))
def test_keyword_soup_never_crashes(words: list[str]) -> None:
    with contextlib.suppress(QuickLogError):
        parse(" ".join(words))


# --- matching customers ------------------------------------------------------------------------

CUSTOMERS = [
    Customer(name="Anna Müller", company="Müller GmbH", id=1),
    Customer(name="Jörg Schmidt", company="Weber GmbH", id=2),
    Customer(name="Müller", company="Solo", id=3),
    Customer(name="Renée Dupont", company="Café Crème SARL", id=12),
]


def ids(found: list[Customer]) -> list[int | None]:
    return [c.id for c in found]


def test_an_id_or_an_exact_name_wins_alone() -> None:
    assert ids(match_customers("12", CUSTOMERS)) == [12]
    assert ids(match_customers(" müller ", CUSTOMERS)) == [3]
    assert ids(match_customers("MUELLER", CUSTOMERS)) == [3]


def test_fragments_are_case_and_accent_insensitive() -> None:
    assert ids(match_customers("muell", CUSTOMERS)) == [3, 1]
    assert ids(match_customers("mull", CUSTOMERS)) == [3, 1]
    assert ids(match_customers("weber", CUSTOMERS)) == [2]
    assert ids(match_customers("joerg", CUSTOMERS)) == [2]
    assert ids(match_customers("cafe creme", CUSTOMERS)) == [12]
    assert ids(match_customers("renee", CUSTOMERS)) == [12]
    assert ids(match_customers("gmbh", CUSTOMERS)) == [1, 2]
    assert match_customers("nobody", CUSTOMERS) == []
    assert match_customers("  ", CUSTOMERS) == []
    assert ids(match_customers("99", CUSTOMERS)) == []


@given(st.text(max_size=20))
def test_matching_never_crashes(query: str) -> None:
    assume("\x00" not in query)
    for customer in match_customers(query, CUSTOMERS):
        assert customer in CUSTOMERS


# --- ranking: exact name, whole word, word prefix, inside ---------------------------------------

PEOPLE = [
    Customer(name="Christian Huber", company="Huber Haustechnik", id=1),
    Customer(name="Hans-Peter Schubert", company="Schubert Brauerei AG", id=2),
    Customer(name="Lisa Köhler", company="Hubertus Apotheke", id=3),
    Customer(name="Anna Huberth", company="Kühn & Söhne", id=4),
    Customer(name="Peter Weiß", company="Weiss Druck", id=5),
    Customer(name="Peter Brandt", company="Peters Mühle", id=6),
]


def test_a_whole_word_of_one_customer_picks_it() -> None:
    assert ids(match_customers("huber", PEOPLE)) == [1]
    assert ids(match_customers("HUBER", PEOPLE)) == [1]
    assert ids(match_customers("hans", PEOPLE)) == [2]  # "Hans-Peter": hyphens split words
    assert ids(match_customers("brauerei ag", PEOPLE)) == [2]
    assert ids(match_customers("soehne", PEOPLE)) == [4]
    assert ids(match_customers("weiss", PEOPLE)) == [5]  # ß folds to ss in the name as well


def test_several_whole_words_are_all_returned_and_nothing_else() -> None:
    assert ids(match_customers("peter", PEOPLE)) == [6, 5, 2]


def test_prefix_ranks_before_inside_and_every_candidate_is_listed() -> None:
    assert ids(match_customers("hub", PEOPLE)) == [4, 1, 3, 2]
    assert ids(match_customers("ube", PEOPLE)) == [4, 1, 2, 3]


def test_fit_names_the_rank() -> None:
    assert customer_fit("christian huber", PEOPLE[0]) is Fit.EXACT
    assert customer_fit("haustechnik", PEOPLE[0]) is Fit.WORD
    assert customer_fit("haus", PEOPLE[0]) is Fit.PREFIX
    assert customer_fit("technik", PEOPLE[0]) is Fit.INSIDE
    assert customer_fit("meier", PEOPLE[0]) is None


def test_quicklog_errors_carry_a_template_worded_where_shown() -> None:
    with pytest.raises(QuickLogError) as caught:
        parse("x @2026-03-17")
    error = caught.value
    assert error.template == "{value} is in the future; log what has happened."
    assert error.values == {"value": "2026-03-17"}
    assert describe(error) == str(error) == "2026-03-17 is in the future; log what has happened."
    i18n.set_language("de")
    german = describe(error)
    assert german != str(error) and german.startswith("2026-03-17 ")
