"""The evidence page at the front of the full report, for the people who decide: who took
part (counts by role), how many contributions (and how many from phones), the ladder now
and wanted and how it moved since the group's first workshop, the self-assessment's change
per element, the actions agreed and last time's actions with their status.

Pure Python (no Qt). Every figure is taken from the steps' own results (each kind's
report hook ``contributions(step)``, the who-took-part and review steps' results, the
group's journey) and names the section of the report it came from.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.reports.blocks import Block, Heading, Para, Table

if TYPE_CHECKING:
    from coprod_workshop.exercises.journey.model import Visit

NONE = "–"


@dataclass(frozen=True)
class Figure:
    """One line of the evidence page: what, the figure, and the section it came from."""

    what: str
    figure: str
    section: str


def section_name(number: int, title: str) -> str:
    """As the report's step heading says it: "5. The ladder"."""
    return f"{number}. {title}"


def journey_section(session: Session) -> str:
    return f"The journey of {session.group}"


def _sections(names: list[str]) -> str:
    return "; ".join(dict.fromkeys(names)) or NONE


def _rung(point: float | None) -> str:
    return f"{point:g}" if point is not None else NONE


def _change(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return NONE
    moved = after - before
    return f"{moved:+g}" if moved else "no change"


def who_took_part(session: Session) -> list[Figure]:
    from coprod_workshop.exercises.attendance.model import Attendance

    figures = []
    for number, step in enumerate(session.steps, start=1):
        state = step.state
        if isinstance(state, Attendance) and (state.total or state.organisations):
            where = section_name(number, step.title)
            counted = ", ".join(f"{r['count']} {r['role'].lower()}" for r in state.results())
            if state.from_phones:
                counted += f" ({state.from_phones} of them said so on phones)"
            figures.append(Figure("People who took part", f"{state.total}: {counted}", where))
            if state.organisations:
                figures.append(Figure("Organisations", str(len(state.organisations)), where))
    if not figures:
        figures.append(Figure("People who took part", "not counted", NONE))
    return figures


def contributions(session: Session, registry: Registry) -> list[Figure]:
    """Per kind of contribution: how many, how many from phones, from which sections."""
    totals: dict[str, list[int]] = {}
    where: dict[str, list[str]] = {}
    for number, step in enumerate(session.steps, start=1):
        path = registry.get(step.kind).report if step.kind in registry else ""
        counter = getattr(importlib.import_module(path), "contributions", None) if path else None
        if counter is None:
            continue
        for what, count, phones in counter(step):
            total = totals.setdefault(what, [0, 0])
            total[0] += count
            total[1] += phones
            where.setdefault(what, []).append(section_name(number, step.title))
    return [
        Figure(what, f"{count} ({phones} from phones)", _sections(where[what]))
        for what, (count, phones) in totals.items()
    ]


def last_times_actions(session: Session) -> list[Figure]:
    from coprod_workshop.exercises.review.model import STATUS_WORDS, ActionReview

    figures = []
    for number, step in enumerate(session.steps, start=1):
        state = step.state
        if isinstance(state, ActionReview):
            counts = ", ".join(f"{n} {STATUS_WORDS[s].lower()}" for s, n in state.counts().items())
            figures.append(
                Figure(
                    "Last time's actions reviewed",
                    f"{len(state.marks)}: {counts}",
                    section_name(number, step.title),
                )
            )
    return figures


def ladder(session: Session, visits: tuple[Visit, ...]) -> list[Figure]:
    """The ladder "now" and "wanted" today (median rung), and since the group's first
    workshop with a ladder vote."""
    from coprod_workshop.exercises.journey.model import visit_of
    from coprod_workshop.exercises.ladder.model import LadderStep

    today = visit_of(session).ladder
    steps = [
        section_name(number, step.title)
        for number, step in enumerate(session.steps, start=1)
        if isinstance(step.state, LadderStep) and step.state.vote_count
    ]
    if today is None:
        return [Figure("The ladder, now and wanted", "no vote today", NONE)]
    figures = [
        Figure(
            "The ladder today (median rung)",
            f"now {_rung(today.now)}, wanted {_rung(today.wanted)}",
            _sections(steps[-1:]),
        )
    ]
    first = next((v for v in visits if v.ladder is not None and v.session_id != session.id), None)
    if first is not None and first.ladder is not None:
        figures.append(
            Figure(
                f"Moved since the first workshop ({first.date})",
                f"now {_rung(first.ladder.now)} → {_rung(today.now)} "
                f"({_change(first.ladder.now, today.now)}), wanted {_rung(first.ladder.wanted)} "
                f"→ {_rung(today.wanted)} ({_change(first.ladder.wanted, today.wanted)})",
                journey_section(session),
            )
        )
    return figures


def elements_table(session: Session, visits: tuple[Visit, ...]) -> list[Block]:
    """The median rating per element at the group's first rated workshop and today."""
    from coprod_workshop.exercises.elements.model import SelfAssessment
    from coprod_workshop.exercises.journey.model import visit_of

    today = visit_of(session)
    if not today.ratings:
        return []
    steps = [
        section_name(number, step.title)
        for number, step in enumerate(session.steps, start=1)
        if isinstance(step.state, SelfAssessment) and step.state.vote_count
    ]
    first = next((v for v in visits if v.ratings and v.session_id != session.id), None)
    earlier = dict(first.ratings) if first is not None else {}
    rows = []
    for name, summary in today.ratings:
        before = earlier.get(name)
        then = before.median if before is not None else None
        rows.append((name, _rung(then), _rung(summary.median), _change(then, summary.median)))
    since = f"First workshop ({first.date})" if first is not None else "First workshop"
    where = _sections(steps[-1:])
    if first is not None:
        where += f"; {journey_section(session)}"
    return [
        Para(f"The six elements: median rating (1 to 5), from {where}."),
        Table(("Element", since, "Today", "Change"), tuple(rows), (40, 22, 16, 22)),
    ]


#: rows of a list on the evidence page; the rest are in the section named
LISTED = 6


def action_lists(session: Session) -> list[Block]:
    """Last time's actions with their status, and the actions agreed, each list short
    (the rest in the section it names)."""
    from coprod_workshop.exercises.actions.model import ActionList
    from coprod_workshop.exercises.review.model import STATUS_WORDS, ActionReview

    blocks: list[Block] = []
    for number, step in enumerate(session.steps, start=1):
        state, where = step.state, section_name(number, step.title)
        if isinstance(state, ActionReview) and state.marks:
            rows = tuple(
                (
                    r["what"],
                    " ".join(p for p in (r["workshop"], r["date"]) if p),
                    STATUS_WORDS[r["status"]],
                )
                for r in state.results()
            )
            header = ("Action", "Agreed at", "Status")
            title = f"Last time's actions, from {where}"
            blocks += _listed(title, header, rows, (55, 30, 15))
        elif isinstance(state, ActionList) and state.actions:
            rows = tuple((r["what"], r["who"] or NONE, r["when"] or NONE) for r in state.results())
            header = ("Action", "Who", "By when")
            blocks += _listed(f"Actions agreed, from {where}", header, rows, (60, 20, 20))
    return blocks


def _listed(
    title: str, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], widths: tuple[int, ...]
) -> list[Block]:
    more = len(rows) - LISTED
    shown = rows[:LISTED] if more > 0 else rows
    blocks: list[Block] = [Para(f"{title}:"), Table(header, shown, widths)]
    if more > 0:
        blocks.append(Para(f"… and {more} more in that section.", muted=True))
    return blocks


def figures(session: Session, registry: Registry, visits: tuple[Visit, ...]) -> list[Figure]:
    return [
        *who_took_part(session),
        *contributions(session, registry),
        *ladder(session, visits),
        *last_times_actions(session),
    ]


def page(session: Session, registry: Registry, visits: tuple[Visit, ...] = ()) -> list[Block]:
    """The evidence page: every figure with the section of this report it came from."""
    rows = tuple((f.what, f.figure, f.section) for f in figures(session, registry, visits))
    return [
        Heading("Evidence at a glance", 2),
        Para(
            "Counts and results of this workshop, each with the section of this report it "
            "comes from. People are counted, never named.",
            muted=True,
        ),
        Table(("What", "Figure", "From section"), rows, (30, 40, 30)),
        *elements_table(session, visits),
        *action_lists(session),
    ]
