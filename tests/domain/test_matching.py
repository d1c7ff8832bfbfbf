"""The cheap pre-test of a search never loses a customer the real matching would find."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tui.domain.matching import customer_fit, may_fit
from tui.domain.model import Customer

LETTERS = st.sampled_from(list("aeouüöäßmlrnc -.ÉéAEOUÜÖÄMLR"))
WORDS = st.text(LETTERS, min_size=1, max_size=14).filter(lambda t: t.strip())


@given(WORDS, WORDS, st.text(LETTERS, max_size=14))
@example("mueller", "Müller", "")
@example("muller", "Hans Müller", "")
@example("strasse", "Anna", "Straßenbau GmbH")
@example("ÉCOLE", "école", "")
def test_may_fit_holds_for_every_fit(query: str, name: str, company: str) -> None:
    customer = Customer(name, company=company)
    if customer_fit(query, customer) is not None:
        assert may_fit(query, name, company)


def test_may_fit_turns_most_customers_away() -> None:
    assert not may_fit("mueller", "Anna Schmidt", "Schmidt GmbH")
    assert not may_fit("mueller", None, 7)  # a damaged document is no match, and no crash
    assert may_fit("schmidt", "Anna Schmidt", "")
