"""Where the workshop's content comes from (no Qt): every source document, the works
they cite that the app credits, and the credit each exercise shows the room.

Help → Sources shows this list, and the report ends with it, so a facilitator can
always say where a slide, a card or a quotation comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from coprod_workshop.paths import resource_json
from coprod_workshop.reports.blocks import Block, Bullets, Heading, Para

HEADING = "Sources and further reading"


@dataclass(frozen=True)
class Source:
    author: str
    title: str
    year: str
    link: str
    used_for: str

    def line(self) -> str:
        """One line: author, title, year, link; "no date" where the document gives none."""
        text = f"{self.author}, {self.title}, {self.year or 'no date'}"
        return f"{text}, {self.link}" if self.link else text


def _sources(key: str) -> tuple[Source, ...]:
    return tuple(
        Source(s["author"], s["title"], s["year"], s["link"], s["used_for"])
        for s in resource_json("sources", "sources.json")[key]
    )


@cache
def documents() -> tuple[Source, ...]:
    """The documents the workshop's content is drawn from."""
    return _sources("documents")


@cache
def cited() -> tuple[Source, ...]:
    """Works those documents cite that the app credits on screen."""
    return _sources("cited")


@cache
def exercise_credits() -> tuple[tuple[str, str], ...]:
    """(exercise, the credit it shows the room), read from the exercises' own content."""
    from coprod_workshop.exercises.cardsort.model import rounds
    from coprod_workshop.exercises.elements.model import load_set
    from coprod_workshop.exercises.info.cases import case_studies
    from coprod_workshop.exercises.ladder.model import load_ladder
    from coprod_workshop.exercises.matrix.model import content
    from coprod_workshop.exercises.relationship.model import default_settings

    credits: list[tuple[str, str]] = [
        ("One-night stand or long-term relationship?", default_settings().credit),
    ]
    credits += [
        (f"Card sort: {round_.label}", round_.credit) for round_ in rounds().values()
    ]
    sets = ("six-elements", "four-principles")
    credits += [(load_set(s).title, load_set(s).credit) for s in sets]
    credits += [(load_ladder(n).title, load_ladder(n).credit) for n in ("tlap", "arnstein")]
    credits.append(("The Bovaird matrix", content().credit))
    credits += [(case.title, case.slide.source) for case in case_studies().values()]
    return tuple(
        (what, credit.removeprefix(f"{what}: ")) for what, credit in credits if credit
    )


def text() -> str:
    """The whole list as plain text (the Help → Sources dialog)."""
    parts = [
        "Source documents",
        *(f"• {s.line()}\n   Used for: {s.used_for}" for s in documents()),
        "",
        "Works they cite, credited in the app",
        *(f"• {s.line()}\n   Used for: {s.used_for}" for s in cited()),
        "",
        "What each exercise credits on screen",
        *(f"• {what}: {credit}" for what, credit in exercise_credits()),
    ]
    return "\n".join(parts)


def section() -> list[Block]:
    """The same list at the end of the report."""
    return [
        Heading(HEADING, 2, new_page=True),
        Para("Every document the workshop's content is drawn from.", muted=True),
        Bullets(tuple(f"{s.line()}. Used for: {s.used_for}." for s in documents())),
        Heading("Works they cite, credited in the app", 3),
        Bullets(tuple(f"{s.line()}. Used for: {s.used_for}." for s in cited())),
        Heading("What each exercise credits on screen", 3),
        Bullets(tuple(f"{what}: {credit}" for what, credit in exercise_credits())),
    ]


@cache
def glossary() -> tuple[tuple[str, str, str], ...]:
    """(term, what it means in the app's words, where the sources use it), A to Z."""
    terms = resource_json("sources", "glossary.json")["terms"]
    return tuple(
        sorted(((t["term"], t["meaning"], t["where"]) for t in terms), key=lambda t: t[0].lower())
    )
