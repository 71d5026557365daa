"""Last time's actions in the session report: each action the room spoke of, the workshop
that agreed it, and what became of it."""

from __future__ import annotations

from coprod_workshop.core.session import Step
from coprod_workshop.exercises.review.model import STATUS_WORDS, ActionReview
from coprod_workshop.reports.blocks import Block, Para, Row, Table


def section(step: Step) -> list[Block]:
    state = step.state
    assert isinstance(state, ActionReview)
    blocks: list[Block] = [Para(state.prompt, muted=True)]
    if not state.marks:
        return [*blocks, Para("The room said nothing of earlier actions at this step.")]
    rows = tuple(
        (
            str(r["number"]),
            r["what"] + (f" ({r['who']})" if r["who"] else ""),
            " ".join(p for p in (r["workshop"], r["date"]) if p),
            STATUS_WORDS[r["status"]],
            r["note"],
        )
        for r in state.results()
    )
    counts = ", ".join(
        f"{n} {STATUS_WORDS[s].lower()}" for s, n in state.counts().items() if n
    )
    return [
        *blocks,
        Para(f"You said, we did: {counts}."),
        Table(("", "You said", "Agreed at", "We did", "Note"), rows, (5, 40, 20, 10, 25)),
    ]


def rows(step: Step) -> list[Row]:
    state = step.state
    assert isinstance(state, ActionReview)
    return [
        Row(r["what"], f"action from {r['workshop']}", f"{r['status']}: {r['note']}", "", "review")
        for r in state.results()
    ]
