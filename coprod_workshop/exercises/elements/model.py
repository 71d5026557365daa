"""State of a "where are we now?" self-assessment step (pure Python, no Qt).

The room rates each element (assets, capacity, ...) on a scale of five
described points. The elements, their descriptions and the scale come from a
set shipped as data in ``resources/elements/<id>.json`` and may be reworded
by the facilitator; each element is one vote round (a question with five
choices, ``voting.rounds``), so the room rates it the ways it votes on the
ladder: by turns on the shared screen, by a show of hands, or from phones.

:func:`summarise` turns a round's votes into the median and the spread (the
middle half of the ratings, and the lowest and highest) that the radar and
the journey show.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field
from coprod_workshop.paths import resource
from coprod_workshop.voting import VoteRound
from coprod_workshop.voting.commands import HeldRounds

DEFAULT_SET = "six-elements"
SETS = ("six-elements", "four-principles")
SCALE_POINTS = 5  # rated with the keys 1 to 5
MIN_ELEMENTS = 3  # a radar needs three spokes
MAX_ELEMENTS = 10
MAX_NAME = 40
MAX_DESCRIPTION = 240
#: hidden: nobody sees the ratings until the facilitator reveals them
RESULT_MODES = ("hidden", "revealed")


@dataclass(frozen=True)
class Point:
    """One point of the scale: its name and what it means."""

    name: str
    description: str


@dataclass(frozen=True)
class Element:
    """One element the room rates; ``id`` is also the id of its vote round."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class ElementSet:
    id: str
    title: str
    credit: str
    link: str
    link_text: str
    scale: tuple[Point, ...]
    elements: tuple[tuple[str, str], ...]  # (name, description)


def _points(doc: Any, where: str) -> tuple[Point, ...]:
    docs = field(doc, "scale", list, where)
    if len(docs) != SCALE_POINTS:
        raise DocumentError(f"{where}: the scale has {len(docs)} points; it needs {SCALE_POINTS}")
    return tuple(
        Point(
            field(p, "name", str, f"{where}, point {n}")[:MAX_NAME],
            field(p, "description", str, f"{where}, point {n}", "")[:MAX_DESCRIPTION],
        )
        for n, p in enumerate(docs, start=1)
    )


@cache
def load_set(set_id: str) -> ElementSet:
    """The set shipped as ``resources/elements/<set_id>.json``."""
    if set_id not in SETS:
        raise DocumentError(
            f"unknown set of elements {set_id!r} (this version has: {', '.join(SETS)})"
        )
    doc = json.loads(resource("elements", f"{set_id}.json").read_text(encoding="utf-8"))
    where = f"set of elements {set_id!r}"
    element_docs = field(doc, "elements", list, where)
    elements = tuple(
        (field(e, "name", str, where), field(e, "description", str, where, ""))
        for e in element_docs
    )
    if not MIN_ELEMENTS <= len(elements) <= MAX_ELEMENTS:
        raise DocumentError(f"{where} has {len(elements)} elements")
    return ElementSet(
        set_id,
        field(doc, "title", str, where),
        field(doc, "credit", str, where, ""),
        field(doc, "link", str, where, ""),
        field(doc, "link_text", str, where, ""),
        _points(doc, where),
        elements,
    )


@dataclass(frozen=True)
class Summary:
    """The room's ratings of one element, on the scale 1 to 5 (``None``: no ratings yet)."""

    count: int
    counts: tuple[int, ...]  # ratings per point, 1 first
    median: float | None
    low: float | None  # lower quartile: the middle half of the room rated between
    high: float | None  # upper quartile: ... low and high
    lowest: int | None
    highest: int | None


def summarise(counts: tuple[int, ...]) -> Summary:
    """Median and spread from the number of ratings per point (index 0 is point 1)."""
    ratings = [point for point, n in enumerate(counts, start=1) for _ in range(n)]
    if not ratings:
        return Summary(0, tuple(counts), None, None, None, None, None)
    if len(ratings) == 1:
        low = high = float(ratings[0])
    else:
        low, _, high = statistics.quantiles(ratings, n=4, method="inclusive")
    return Summary(
        len(ratings),
        tuple(counts),
        float(statistics.median(ratings)),
        float(low),
        float(high),
        ratings[0],
        ratings[-1],
    )


class SelfAssessment(HeldRounds):
    """The elements, the scale, one vote round per element, and whether results show.

    Changed only by commands (``exercises.elements.commands`` and the shared
    ``voting.commands``), which then announce the change on the session.
    """

    #: what the phone page asks a participant to do
    phone_task = (
        "Tap the number that fits how the group works on this element now. "
        "You can change your answer until voting closes."
    )

    def __init__(
        self,
        set_id: str = DEFAULT_SET,
        elements: list[Element] | None = None,
        scale: tuple[Point, ...] | None = None,
        rounds: list[VoteRound] | None = None,
        results: str = "hidden",
    ) -> None:
        if results not in RESULT_MODES:
            raise ValueError(f"unknown results mode {results!r}")
        source = load_set(set_id)
        self.set_id = set_id
        if elements is None:
            elements = [
                Element(f"element-{n}", name, text)
                for n, (name, text) in enumerate(source.elements, start=1)
            ]
        self.elements = list(elements)
        self.scale = scale or source.scale
        if rounds is None:
            rounds = [VoteRound(e.id, e.name, SCALE_POINTS) for e in self.elements]
        self.rounds = rounds
        self.results = results
        if [r.id for r in self.rounds] != [e.id for e in self.elements]:
            raise ValueError("each element needs exactly one vote round, in the same order")

    # -- reading ---------------------------------------------------------
    @property
    def source(self) -> ElementSet:
        return load_set(self.set_id)

    @property
    def results_shown(self) -> bool:
        return self.results == "revealed"

    def element(self, element_id: str) -> Element:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    def next_round(self) -> VoteRound | None:
        """The element after the current one (the first if none has been opened)."""
        current = self.current_round
        if current is None:
            return self.rounds[0]
        index = self.round_index(current.id) + 1
        return self.rounds[index] if index < len(self.rounds) else None

    def summaries(self) -> list[Summary]:
        """Each element's median and spread, in the order of the elements."""
        return [summarise(r.tally()) for r in self.rounds]

    # -- a question with N choices (voting.commands.Poll) --------------------
    def round_name(self, round_id: str) -> str:
        return self.element(round_id).name

    def choice_name(self, round_id: str, choice: int) -> str:
        return f"{choice + 1} ({self.scale[choice].name})"

    def ballot_text(self, round_id: str) -> tuple[str, tuple[tuple[str, str], ...], str, str]:
        element = self.element(round_id)
        question = f"{element.name}: {element.description}" if element.description else element.name
        choices = tuple((p.name, p.description) for p in self.scale)
        source = self.source
        return question, choices, source.title, source.credit

    # -- storing -----------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        return {
            "set": self.set_id,
            "results": self.results,
            "scale": [{"name": p.name, "description": p.description} for p in self.scale],
            "elements": [
                {"id": e.id, "name": e.name, "description": e.description} for e in self.elements
            ],
            "rounds": [r.to_doc() for r in self.rounds],
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> SelfAssessment:
        where = "the self-assessment"
        set_id = field(doc, "set", str, where, DEFAULT_SET)
        load_set(set_id)
        results = field(doc, "results", str, where, "hidden")
        if results not in RESULT_MODES:
            raise DocumentError(
                f"{where}: results {results!r} is not one of {', '.join(RESULT_MODES)}"
            )
        scale = _points(doc, where) if "scale" in doc else None
        element_docs = field(doc, "elements", list, where, None)
        if element_docs is None:
            return cls(set_id, scale=scale, results=results)
        if not MIN_ELEMENTS <= len(element_docs) <= MAX_ELEMENTS:
            raise DocumentError(
                f"{where} has {len(element_docs)} elements; it needs {MIN_ELEMENTS} to "
                f"{MAX_ELEMENTS}"
            )
        elements = []
        for n, e in enumerate(element_docs, start=1):
            here = f"{where}, element {n}"
            elements.append(
                Element(
                    field(e, "id", str, here, "") or f"element-{n}",
                    field(e, "name", str, here)[:MAX_NAME],
                    field(e, "description", str, here, "")[:MAX_DESCRIPTION],
                )
            )
        if len({e.id for e in elements}) != len(elements):
            raise DocumentError(f"{where}: two elements share the same id")
        stored = {}
        for n, r in enumerate(field(doc, "rounds", list, where, []), start=1):
            vote_round = VoteRound.from_doc(r, f"{where}, ratings {n}", SCALE_POINTS)
            stored[vote_round.id] = vote_round
        orphans = set(stored) - {e.id for e in elements}
        if orphans:
            raise DocumentError(
                f"{where}: ratings for an element it does not have ({min(orphans)!r})"
            )
        if sum(r.is_open for r in stored.values()) > 1:
            raise DocumentError(f"{where}: more than one element is open for rating")
        rounds = [stored.get(e.id) or VoteRound(e.id, e.name, SCALE_POINTS) for e in elements]
        return cls(set_id, elements, scale, rounds, results)

    def without_results(self) -> SelfAssessment:
        """The same elements and scale, no ratings, nothing opened, results hidden."""
        return SelfAssessment(
            self.set_id,
            [replace(e) for e in self.elements],
            self.scale,
            [r.without_votes() for r in self.rounds],
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SelfAssessment):
            return NotImplemented
        return (self.set_id, self.results, self.scale, self.elements, self.rounds) == (
            other.set_id,
            other.results,
            other.scale,
            other.elements,
            other.rounds,
        )

    __hash__ = None  # type: ignore[assignment]
