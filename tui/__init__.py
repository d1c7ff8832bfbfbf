"""kundenpflege: keep every customer warm all year with many small gestures."""

__version__ = "0.1.0"
