"""The participants' summary: the workshop in easy read, for the people who took part.

Short sentences (at most :data:`MAX_WORDS` words), one idea a line, 14 pt or larger (the
writers' ``EASY_READ_SIZES``), the key pictures (the grid, the ladder chart, the radar,
the actions: the boards as the room saw them), every special word explained where it
first appears, a few pages. Pure Python (no Qt): the pictures are given, as PNG bytes
per step id (one a projected page), by whoever exports (``reports.export``).

What the room wrote (a note, an action) is quoted as typed; every other sentence here
is the app's own and keeps to the limits (``tests/test_easyread.py`` checks them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from coprod_workshop.core.session import Session, Step
from coprod_workshop.reports.blocks import Block, Bullets, Heading, Para, Picture

MAX_WORDS = 15
#: the kinds whose board is one of the key pictures, when the room produced something
PICTURED = ("relationship", "ladder", "elements", "review", "actions")

#: the ladder's rungs in plain words (Think Local Act Personal's ladder)
RUNG_WORDS = {
    "coercion": "people are made to do things",
    "educating": "people are taught what services want",
    "informing": "people are told what will happen",
    "consultation": "people are asked, but others decide",
    "engagement": "people have more say, but not the power",
    "co-design": "people help to plan a service",
    "co-production": "people and services work together as equals",
}
#: the six elements in plain words
ELEMENT_WORDS = {
    "assets": "everyone has something to give",
    "capacity": "we build on what people can do",
    "mutuality": "we give and get support",
    "networks": "we link people together",
    "shared roles": "everyone can lead and do",
    "catalysts": "services help things happen, not do it all",
}
STATUS_LINES = {
    "done": "done",
    "going": "still going",
    "stuck": "stuck",
    "dropped": "dropped",
}


def long_date(iso: str) -> str:
    """ "2026-03-02" -> "2 March 2026" (the text itself if it is not a date)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def _things(n: int) -> str:
    return "1 thing" if n == 1 else f"{n} things"


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"


def _median(value: float) -> str:
    return f"{value:g}"


def about(session: Session) -> list[Block]:
    from coprod_workshop.exercises.attendance.model import Attendance

    lines = [
        "This is a short summary of our workshop.",
        "It uses easy words and pictures.",
    ]
    if session.date:
        lines.append(f"We met on {long_date(session.date)}.")
    if session.group:
        lines.append(f"Our group is called {session.group}.")
    counted = [s.state for s in session.steps if isinstance(s.state, Attendance)]
    for state in counted[-1:]:
        if state.total:
            lines.append(f"{_people(state.total)} took part.")
            lines += [f"{r.role}: {r.count}." for r in state.roles if r.count]
        if state.organisations:
            number = len(state.organisations)
            lines.append(
                "People came from 1 organisation."
                if number == 1
                else f"People came from {number} organisations."
            )
    lines.append("We do not write down anyone's name.")
    return [
        Heading("About this summary", 2),
        *(Para(line) for line in lines),
        Para("Co-production means people who use services and staff work together as equals."),
    ]


def _relationship(step: Step, pictures: int = 1) -> list[str]:
    from coprod_workshop.exercises.relationship.model import Relationship

    state = step.state
    assert isinstance(state, Relationship)
    count = len(state.results())
    if not count:
        return []
    names = " and ".join(p.name for p in state.settings.personas)
    return [
        f"We looked at two people: {names}.",
        "They show two ways services and people can work together.",
        f"We wrote {count} notes on a grid about them.",
        "The pictures show the grid with our notes, a part at a time."
        if pictures > 1
        else "The picture shows the grid with our notes.",
    ]


def _ladder(step: Step) -> list[str]:
    from coprod_workshop.exercises.elements.model import summarise
    from coprod_workshop.exercises.ladder.model import LadderStep

    state = step.state
    assert isinstance(state, LadderStep)
    if not state.vote_count:
        return []
    rungs = state.ladder.rungs
    lines = [
        f"The ladder has {len(rungs)} steps. We call them rungs.",
        "Each rung shows how much power people share with services.",
    ]
    for label, vote_round in zip(("We said we are now", "We want to be"), state.rounds[:2]):
        median = summarise(vote_round.tally()).median
        if median is None:
            continue
        rung = rungs[max(0, min(len(rungs) - 1, round(median) - 1))]
        lines.append(f"{label} on rung {_median(median)}: {rung.name}.")
        words = RUNG_WORDS.get(rung.name.casefold())
        if words:
            lines.append(f"{rung.name} means {words}.")
    lines.append("The picture shows how many people chose each rung.")
    return lines


def _elements(step: Step) -> list[str]:
    from coprod_workshop.exercises.elements.model import SelfAssessment

    state = step.state
    assert isinstance(state, SelfAssessment)
    if not state.vote_count:
        return []
    scored = [
        (summary.median, element.name)
        for element, summary in zip(state.elements, state.summaries(), strict=True)
        if summary.median is not None
    ]
    lines = [
        f"Co-production has {len(state.elements)} parts. We call them elements.",
        "We gave each element a score from 1 to 5.",
        "1 means we hardly do it. 5 means we do it very well.",
    ]
    if scored:
        high, low = max(scored), min(scored)
        lines.append(f"Our best score was for {high[1]}: {_median(high[0])} out of 5.")
        words = ELEMENT_WORDS.get(high[1].casefold())
        if words:
            lines.append(f"{high[1]} means {words}.")
        if low[0] != high[0]:
            lines.append(f"Our lowest score was for {low[1]}: {_median(low[0])} out of 5.")
            words = ELEMENT_WORDS.get(low[1].casefold())
            if words:
                lines.append(f"{low[1]} means {words}.")
    lines.append("The picture shows our scores. Further out means a better score.")
    return lines


def _review(step: Step) -> tuple[list[str], list[str]]:
    from coprod_workshop.exercises.review.model import ActionReview

    state = step.state
    assert isinstance(state, ActionReview)
    if not state.marks:
        return [], []
    lines = ["We looked at what we agreed at earlier workshops."]
    for status, count in state.counts().items():
        if count:
            verb = "is" if count == 1 else "are"
            lines.append(f"{_things(count)} {verb} {STATUS_LINES[status]}.")
    items = [f"{m.action.what}: {STATUS_LINES[m.status]}." for m in state.marks]
    return lines, items


def _actions(step: Step) -> tuple[list[str], list[str]]:
    from coprod_workshop.exercises.actions.model import ActionList

    state = step.state
    assert isinstance(state, ActionList)
    if not state.actions:
        return [], []
    lines = [
        f"We agreed {_things(len(state.actions))} to do next.",
        "We call them actions.",
    ]
    items = []
    for action in state.actions:
        line = action.what.rstrip(".") + "."
        if action.who and action.when:
            line += f" {action.who} will do this by {action.when}."
        elif action.who:
            line += f" {action.who} will do this."
        elif action.when:
            line += f" This will be done by {action.when}."
        items.append(line)
    return lines, items


def step_blocks(step: Step, pictures: Sequence[bytes] = ()) -> list[Block]:
    """``pictures``: the step's board, a picture for each page the room saw."""
    items: list[str] = []
    if step.kind == "relationship":
        lines = _relationship(step, len(pictures))
    elif step.kind == "ladder":
        lines = _ladder(step)
    elif step.kind == "elements":
        lines = _elements(step)
    elif step.kind == "review":
        lines, items = _review(step)
    elif step.kind == "actions":
        lines, items = _actions(step)
    else:
        return []
    if not lines:
        return []
    # each part on a page of its own: its picture first, then what it says
    blocks: list[Block] = [Heading(step.title, 2, new_page=True)]
    for number, picture in enumerate(pictures, 1):
        part = f", part {number} of {len(pictures)}" if len(pictures) > 1 else ""
        blocks.append(Picture(picture, f"Picture: {step.title}, as the room saw it{part}"))
    blocks += [Para(line) for line in lines]
    if items:
        blocks.append(Bullets(tuple(items)))
    return blocks


def summary(session: Session, pictures: Mapping[str, Sequence[bytes]] | None = None) -> list[Block]:
    """The participants' summary of ``session``; ``pictures``: by step id, PNG bytes of
    each page of its board."""
    pictures = pictures or {}
    blocks: list[Block] = [Heading(f"Our workshop: {session.title}", 1), *about(session)]
    for step in session.steps:
        blocks += step_blocks(step, pictures.get(step.id, ()))
    closing = ["We will meet again to see how things went.", "Thank you for taking part."]
    if session.facilitator:
        closing.insert(1, f"If you have a question, ask {session.facilitator}.")
    blocks += [Heading("What happens next", 2), *(Para(line) for line in closing)]
    return blocks
