"""The self-assessment in the session report: each element's median and spread, and
how many rated each point of the scale; never who rated."""

from __future__ import annotations

from datetime import datetime

from coprod_workshop.core.session import Step
from coprod_workshop.exercises.elements.model import SelfAssessment
from coprod_workshop.reports.blocks import Block, Para, Row, Table


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}"


def section(step: Step) -> list[Block]:
    state = step.state
    assert isinstance(state, SelfAssessment)
    source = state.source
    blocks: list[Block] = [Para(source.credit, muted=True)]
    summaries = state.summaries()
    if not any(s.count for s in summaries):
        return [*blocks, Para("The room did not rate the elements.")]
    if not state.results_shown:
        blocks.append(Para("The ratings were not revealed to the room.", muted=True))
    scale = " · ".join(f"{n}. {point.name}" for n, point in enumerate(state.scale, start=1))
    blocks.append(Para(f"Scale: {scale}"))
    header = ("Element", "Median", "Middle half", "Ratings", *(str(n) for n in range(1, 6)))
    table = tuple(
        (
            element.name,
            _number(summary.median),
            f"{_number(summary.low)} to {_number(summary.high)}" if summary.count else "–",
            str(summary.count),
            *(str(n) for n in summary.counts),
        )
        for element, summary in zip(state.elements, summaries, strict=True)
    )
    blocks.append(Table(header, table, (28, 10, 14, 10, 7, 7, 8, 8, 8)))
    return blocks


def rows(step: Step) -> list[Row]:
    """One row per rating (a vote in the element's round): the point, the element, the
    source and when."""
    state = step.state
    assert isinstance(state, SelfAssessment)
    return [
        Row(
            state.choice_name(vote_round.id, vote.choice),
            element.name,
            vote.source,
            datetime.fromtimestamp(vote.time).isoformat(timespec="seconds") if vote.time else "",
            "vote",
        )
        for element, vote_round in zip(state.elements, state.rounds, strict=True)
        for vote in sorted(vote_round.votes.values(), key=lambda v: v.time)
    ]


def contributions(step: Step) -> list[tuple[str, int, int]]:
    """For the evidence page: (what, how many, how many from phones): every rating."""
    state = step.state
    assert isinstance(state, SelfAssessment)
    votes = [v for r in state.rounds for v in r.votes.values()]
    return [("Ratings of the elements", len(votes), sum(1 for v in votes if v.source == "phone"))]
