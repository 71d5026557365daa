"""The building blocks of a report, as plain data (no Qt).

An exercise's report hook returns a list of these; the PDF/ODT writer and the
Markdown writer each lay them out. Every text is plain text: whatever the room
typed (markup included) is shown as typed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 1: the report's title; 2: a step; 3: a part of a step
    new_page: bool = False


@dataclass(frozen=True)
class Para:
    text: str
    muted: bool = False  # a credit or an explanation, not what the room produced


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: column widths in percent of the page (equal if empty)
    widths: tuple[int, ...] = ()
    #: the cells after the first column hold one item a line (notes, cards): each is
    #: shown as a list item, so a wrapped item cannot be taken for two
    lists: bool = False


@dataclass(frozen=True)
class Chart:
    """Horizontal bars: one group per category (top to bottom), one bar per series
    in each group, each bar stacked from its segments (e.g. votes by source)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[str, ...]
    segments: tuple[str, ...]
    #: values[category][series][segment]
    values: tuple[tuple[tuple[int, ...], ...], ...]

    def total(self, category: int, series: int) -> int:
        return sum(self.values[category][series])

    @property
    def largest(self) -> int:
        return max((sum(bar) for group in self.values for bar in group), default=0)


Block = Heading | Para | Bullets | Table | Chart


@dataclass(frozen=True)
class Row:
    """One thing the room did, for the CSV export (long form)."""

    what: str  # the note, card, action or vote ("rung 3: Consultation")
    where: str  # the cell, pile or round
    source: str = ""  # who or what: a vote's source, a note's origin
    time: str = ""  # ISO date-time if recorded
    kind: str = ""  # note, move, placement, vote, action...
