"""The CSV's guard against formula injection (OWASP's advice).

A spreadsheet opening a CSV runs a cell that begins with ``=``, ``+``, ``-``
or ``@`` (or a tab or carriage return before one) as a formula: a note typed
as ``=HYPERLINK(...)`` would become a live link. Such a cell is written with a
single quote in front, which spreadsheets show as text. A cell that already
begins with a quote gets one too, so the rule to read the data back is exact:
**if a cell begins with a single quote, remove that one quote**.
"""

from __future__ import annotations

#: a cell beginning with one of these is written with ``'`` in front
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
GUARD = "'"


def guard(text: str) -> str:
    return GUARD + text if text.startswith(TRIGGERS) else text


def unguard(text: str) -> str:
    """The cell as the room wrote it (for analysis of the CSV)."""
    return text[1:] if text.startswith(GUARD) else text


def guarded(row: dict[str, str]) -> dict[str, str]:
    return {key: guard(value) for key, value in row.items()}
