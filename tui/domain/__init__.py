"""The pure domain: dates in, plans out. Never imports Textual or TinyDB, never reads a clock."""
