"""Who the book's customers are and who owns them, read from the raw documents.

A mixin of :class:`~tui.store.book.Book`: these answers decode no customer, so asking them costs
no more on a team book of thousands than on a rep's own (``--rep`` checks, the app's lists, the
app's head start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.store.locked import locked

if TYPE_CHECKING:
    from tui.store.storage import BookStorage

CUSTOMERS = "customers"


class RosterQueries:
    """Ids, counts and owners of the customers; needs ``_storage`` (and ``lock``)."""

    _storage: BookStorage

    @locked
    def customer_ids(self) -> list[int]:
        """Every customer's id (archived ones too), in id order."""
        return sorted(int(key) for key in self._storage.table_data(CUSTOMERS) if key.isdigit())

    @locked
    def customer_count(self, owner: str | None = None) -> int:
        """How many customers (archived ones too), or ``owner``'s."""
        docs = self._storage.table_data(CUSTOMERS)
        return len(docs) if owner is None else sum(d.get("owner") == owner for d in docs.values())

    @locked
    def owners(self) -> list[str]:
        """The reps who own customers (archived ones too), sorted."""
        owners = {d.get("owner") for d in self._storage.table_data(CUSTOMERS).values()}
        return sorted(o for o in owners if isinstance(o, str))
