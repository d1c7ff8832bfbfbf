"""File formats that carry customers in and plans out: CSV and vCard import; iCalendar, CSV, JSON
and the bookkeeper's gift list as exports.

Pure conversion between bytes and the domain model: no book, no Textual. Reading a file never
stops at a bad record: every record becomes a candidate customer or a rejection with its line.
"""
