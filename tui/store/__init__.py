"""Persistence on TinyDB: the only package that imports tinydb."""
