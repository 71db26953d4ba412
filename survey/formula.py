"""Spreadsheet formula injection: a text cell must never be read as a formula or command."""

from __future__ import annotations

# What makes Excel, LibreOffice or Google Sheets evaluate a cell (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: str) -> str:
    """`value` with a leading `'` if it starts like a formula; otherwise unchanged."""
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
