"""The feedback step in the session report: the counts for each question, and the sentences."""

from __future__ import annotations

from coprod_workshop.core.session import Step
from coprod_workshop.exercises.feedback.model import ENDS, QUESTIONS, SCALE, Feedback
from coprod_workshop.reports.blocks import Block, Bullets, Para, Row, Table


def section(step: Step) -> list[Block]:
    state = step.state
    assert isinstance(state, Feedback)
    if not state.responses:
        return [Para("Nobody gave feedback at this step.")]
    phoned = sum(1 for r in state.responses if r.source == "phone")
    header = ("", *(str(n) for n in range(1, SCALE + 1)))
    rows = tuple(
        (f"{question} (1: {ENDS[q][0]}, {SCALE}: {ENDS[q][1]})",
         *(str(c) for c in state.counts(q)))
        for q, question in enumerate(QUESTIONS)
    )  # fmt: skip
    blocks: list[Block] = [
        Para(
            f"{len(state.responses)} people gave feedback: {phoned} from their phones, "
            f"{len(state.responses) - phoned} by hand. How many chose each number:"
        ),
        Table(header, rows, (50, 10, 10, 10, 10, 10)),
    ]
    sentences = state.sentences()
    if sentences:
        blocks += [Para("In their own words:"), Bullets(tuple(sentences))]
    return blocks


def rows(step: Step) -> list[Row]:
    state = step.state
    assert isinstance(state, Feedback)
    return [
        Row(
            r["sentence"],
            "; ".join(f"{q} {r[f'rating_{n + 1}'] or '-'}" for n, q in enumerate(QUESTIONS)),
            r["source"],
            "",
            "feedback",
        )
        for r in state.results()
    ]


def contributions(step: Step) -> list[tuple[str, int, int]]:
    """For the evidence page: (what, how many, how many from phones): every answer."""
    state = step.state
    assert isinstance(state, Feedback)
    phones = sum(1 for r in state.responses if r.source == "phone")
    return [("Feedback answers", len(state.responses), phones)]
