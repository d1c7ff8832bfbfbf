"""Which customers a typed fragment means: one rule for ``kp``, quick capture and the pickers.

Ranked as a person reads a name: the exact name, then a whole word of the name or company
(``huber`` is Christian Huber, not Hans-Peter Schubert), then the start of a word, then
anywhere inside. An exact name, or a whole word of exactly one customer, picks that customer
alone; otherwise every candidate is returned, best first. Case, accents and German spellings
fold together: ``mueller`` and ``muller`` both find ``Müller``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from enum import IntEnum

from tui.domain.model import Customer

_FOLDS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o"})


class Fit(IntEnum):
    """How well a fragment fits a customer; lower is better."""

    EXACT = 0
    WORD = 1
    PREFIX = 2
    INSIDE = 3


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _forms(text: str) -> tuple[str, ...]:
    """Folded spellings of ``text``: ``Müller`` is found as ``mueller`` and as ``muller``."""
    lowered = unicodedata.normalize("NFC", text).casefold()
    spelled = lowered.translate(_FOLDS)
    forms = (lowered, spelled, _strip_accents(lowered), _strip_accents(spelled))
    return tuple(dict.fromkeys(forms))


def fold(text: str) -> str:
    """One canonical folded form (``ä`` -> ``ae``, accents dropped, case-insensitive)."""
    return _strip_accents(unicodedata.normalize("NFC", text).casefold().translate(_FOLDS))


def _fit_in(wanted: tuple[str, ...], value: str) -> Fit | None:
    """The best fit of any spelling of the fragment in any spelling of ``value``."""
    best: Fit | None = None
    for form in _forms(value):
        for fragment in wanted:
            start = form.find(fragment)
            while start >= 0:
                end = start + len(fragment)
                opens = start == 0 or not form[start - 1].isalnum()
                closes = end == len(form) or not form[end].isalnum()
                fit = Fit.WORD if opens and closes else Fit.PREFIX if opens else Fit.INSIDE
                if best is None or fit < best:
                    best = fit
                if best is Fit.WORD:
                    return best
                start = form.find(fragment, start + 1)
    return best


def may_fit(query: str, name: object, company: object) -> bool:
    """Could ``query`` fit a customer with this name and company at all? A cheap test on raw
    values (a team book has thousands to look through): True for every customer that
    :func:`customer_fit` fits, and for few others. Plain ASCII values need no folding."""
    wanted = _forms(query.strip())
    for value in (name, company):
        if not isinstance(value, str) or not value:
            continue
        forms = (value.lower(),) if value.isascii() else _forms(value)
        if any(fragment in form for form in forms for fragment in wanted):
            return True
    return False


def customer_fit(query: str, customer: Customer) -> Fit | None:
    """How ``query`` fits ``customer``'s name or company (None: not at all)."""
    text = query.strip()
    if not text:
        return None
    if fold(customer.name) == fold(text):
        return Fit.EXACT
    wanted = _forms(text)
    fits = [_fit_in(wanted, customer.name), _fit_in(wanted, customer.company)]
    present = [fit for fit in fits if fit is not None]
    return min(present) if present else None


def match_customers(query: str, customers: Sequence[Customer]) -> list[Customer]:
    """The customers a query means, best first.

    An id, an exact name, or a whole word of exactly one customer's name or company is that
    customer alone; several exact or whole-word fits are those (the others are not what was
    meant); otherwise every customer whose name or company starts a word with the fragment,
    then those that contain it anywhere. Within a rank, names that start with it come first.
    """
    text = query.strip()
    if not text:
        return []
    if text.isascii() and text.isdigit():
        by_id = [c for c in customers if c.id == int(text)]
        if by_id:
            return by_id
    ranked: list[tuple[Fit, Customer]] = []
    for customer in customers:
        fit = customer_fit(text, customer)
        if fit is not None:
            ranked.append((fit, customer))
    if not ranked:
        return []
    best = min(fit for fit, _customer in ranked)
    if best <= Fit.WORD:
        ranked = [(fit, c) for fit, c in ranked if fit == best]
    wanted = _forms(text)

    def order(entry: tuple[Fit, Customer]) -> tuple[Fit, bool, str, int]:
        fit, customer = entry
        starts = any(f.startswith(w) for w in wanted for f in _forms(customer.name))
        return fit, not starts, fold(customer.name), customer.id or 0

    ranked.sort(key=order)
    return [customer for _fit, customer in ranked]
