"""Customer completion for an Input: a dropdown of matching customers as you type.

Built on textual-autocomplete; the matching is ours (``match_customers``: id, name or company,
case- and accent-insensitive, ``mueller`` finds ``Müller``), so it agrees with ``kp log``.
Two flavours: the whole input is the customer (log form), or only the first word of a
quick-capture line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.widgets import Input
from textual_autocomplete import AutoComplete, DropdownItem, TargetState

from tui.domain.model import Customer
from tui.domain.quicklog import match_customers
from tui.textsafe import cut

MAX_ITEMS = 8


def customer_token(customer: Customer, customers: Sequence[Customer]) -> str:
    """How a quick-capture line names ``customer``: the name (quoted if it has spaces), or
    the id when the name alone would be ambiguous."""
    same = [c for c in customers if c.name.casefold() == customer.name.casefold()]
    if len(same) > 1 or '"' in customer.name:
        return str(customer.id)
    return f'"{customer.name}"' if " " in customer.name else customer.name


class CustomerAutoComplete(AutoComplete):
    """Completes the whole Input to a customer label."""

    def __init__(self, target: Input, customers: Callable[[], Sequence[Customer]]) -> None:
        super().__init__(target, candidates=None)
        self._customers = customers
        self.by_value: dict[str, Customer] = {}

    def get_candidates(self, target_state: TargetState) -> list[DropdownItem]:
        return []

    def query_text(self, target_state: TargetState) -> str:
        return target_state.text

    def get_search_string(self, target_state: TargetState) -> str:
        return self.query_text(target_state)

    def value_for(self, customer: Customer) -> str:
        return cut(customer.label, 60)

    def get_matches(
        self, target_state: TargetState, candidates: list[DropdownItem], search_string: str
    ) -> list[DropdownItem]:
        query = search_string.strip().strip("\"'„“")
        if not query:
            return []
        found = match_customers(query, self._customers())[:MAX_ITEMS]
        items = []
        for customer in found:
            value = self.value_for(customer)
            self.by_value[value] = customer
            items.append(DropdownItem(value))
        return items

    def should_show_dropdown(self, search_string: str) -> bool:
        count = self.option_list.option_count
        if not search_string.strip() or count == 0:
            return False
        if count == 1:
            only = self.option_list.get_option_at_index(0).prompt
            return str(getattr(only, "plain", only)) != search_string
        return True


class FirstWordAutoComplete(CustomerAutoComplete):
    """Completes only the first word (the customer) of a quick-capture line."""

    def query_text(self, target_state: TargetState) -> str:
        text = target_state.text[: target_state.cursor_position]
        if text.startswith(('"', "'", "„")):
            closer = {'"': '"', "'": "'", "„": "“"}[text[0]]
            return "" if closer in text[1:] else text[1:]
        return "" if " " in text else text

    def apply_completion(self, value: str, state: TargetState) -> None:
        customer = self.by_value.get(value)
        token = customer_token(customer, self._customers()) if customer else value
        text = state.text
        rest = "" if text.startswith(('"', "'", "„")) else text.partition(" ")[2]
        self.target.value = f"{token} {rest}"
        self.target.cursor_position = len(token) + 1
