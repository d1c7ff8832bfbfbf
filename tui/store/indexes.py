"""In-memory indexes over the book's documents: contacts per customer and per year, gestures by key.

Built lazily, over the years of contacts read so far, and kept up to date from the storage's
change notices, so a query never scans the whole log twice.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping

from tui.store.snapshot import Doc

#: contact number -> its document (wherever it lives)
DocOf = Callable[[int], Doc]


class ContactIndex:
    """Contact numbers per customer (sorted by time when asked) and a timeline per year."""

    def __init__(self) -> None:
        self.years: set[int] = set()
        self._by_customer: dict[int, list[int]] = {}
        self._unsorted: set[int] = set()
        self._customer_of: dict[int, int] = {}
        self.year_of: dict[int, int] = {}
        self._timelines: dict[int, list[tuple[str, int]]] = {}

    def clear(self) -> None:
        self.__init__()  # type: ignore[misc]

    def add_year(self, year: int, docs: Mapping[str, Doc]) -> list[int]:
        """Index one year's documents; returns numbers whose customer id is not a number."""
        bad = []
        for doc_id, doc in docs.items():
            number = int(doc_id)
            customer = doc.get("customer")
            if type(customer) is not int:
                bad.append(number)
                continue
            self._customer_of[number] = customer
            self.year_of[number] = year
            self._by_customer.setdefault(customer, []).append(number)
            self._unsorted.add(customer)
        self.years.add(year)
        return bad

    def add(self, number: int, year: int, doc: Doc, doc_of: DocOf) -> bool:
        """One new or changed document of an indexed year; False if its customer is not a number."""
        self.remove(number)
        customer = doc.get("customer")
        if type(customer) is not int:
            return False
        self._customer_of[number] = customer
        self.year_of[number] = year
        ids = self._by_customer.setdefault(customer, [])
        ids.append(number)
        if len(ids) > 1 and customer not in self._unsorted:
            previous = doc_of(ids[-2])
            if (previous.get("at", ""), ids[-2]) > (doc.get("at", ""), number):
                self._unsorted.add(customer)
        timeline = self._timelines.get(year)
        if timeline is not None:
            bisect.insort(timeline, (str(doc.get("at", "")), number))
        return True

    def remove(self, number: int) -> None:
        customer = self._customer_of.pop(number, None)
        year = self.year_of.pop(number, None)
        if customer is None:
            return
        ids = self._by_customer.get(customer, [])
        if number in ids:
            ids.remove(number)
        if year is not None:
            self._timelines.pop(year, None)  # rebuilt when next needed

    def sorted_ids(self, customer: int, doc_of: DocOf) -> list[int]:
        """The customer's contact numbers in the indexed years, by time."""
        ids = self._by_customer.get(customer, [])
        if customer in self._unsorted:
            ids.sort(key=lambda n: (doc_of(n).get("at", ""), n))
            self._unsorted.discard(customer)
        return ids

    def timeline(self, year: int, docs: Mapping[str, Doc]) -> list[tuple[str, int]]:
        """(time, number) of every contact of ``year``, sorted."""
        found = self._timelines.get(year)
        if found is None:
            found = sorted((str(doc.get("at", "")), int(doc_id)) for doc_id, doc in docs.items())
            self._timelines[year] = found
        return found


class GestureIndex:
    """Stored gesture number by key (keys are unique; the index follows every change)."""

    def __init__(self) -> None:
        self.built = False
        self._ids: dict[str, int] = {}
        self._keys: dict[int, str] = {}

    def clear(self) -> None:
        self.built = False
        self._ids.clear()
        self._keys.clear()

    def build(self, docs: Mapping[str, Doc]) -> None:
        self.clear()
        for doc_id, doc in docs.items():
            self.put(int(doc_id), doc)
        self.built = True

    def put(self, number: int, doc: Doc | None) -> None:
        old = self._keys.pop(number, None)
        if old is not None and self._ids.get(old) == number:
            del self._ids[old]
        if doc is not None:
            key = str(doc.get("key", ""))
            self._ids[key] = number
            self._keys[number] = key

    def get(self, key: str) -> int | None:
        return self._ids.get(key)
