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


@dataclass(frozen=True)
class Picture:
    """A picture (PNG bytes) across the page's width, with the words it stands for
    (``alt``: read out by a screen reader, shown where pictures are not)."""

    png: bytes
    alt: str
    #: its height over its width
    ratio: float = 9 / 16


@dataclass(frozen=True)
class Sizes:
    """Type sizes in points: the report's, or the participants' summary's (easy read)."""

    body: float = 10.0
    small: float = 9.0
    h1: float = 20.0
    h2: float = 15.0
    h3: float = 12.0

    def heading(self, level: int) -> float:
        return {1: self.h1, 2: self.h2, 3: self.h3}[level]

    @property
    def headings(self) -> dict[int, float]:
        return {level: self.heading(level) for level in (1, 2, 3)}


REPORT_SIZES = Sizes()
#: easy read: nothing smaller than 14 pt
EASY_READ_SIZES = Sizes(body=16.0, small=14.0, h1=26.0, h2=21.0, h3=18.0)

Block = Heading | Para | Bullets | Table | Chart | Picture


@dataclass(frozen=True)
class Row:
    """One thing the room did, for the CSV export (long form)."""

    what: str  # the note, card, action or vote ("rung 3: Consultation")
    where: str  # the cell, pile or round
    source: str = ""  # who or what: a vote's source, a note's origin
    time: str = ""  # ISO date-time if recorded
    kind: str = ""  # note, move, placement, vote, action...
