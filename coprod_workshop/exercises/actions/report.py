"""The actions step in the session report: every action, what, who and by when."""

from __future__ import annotations

from coprod_workshop.core.session import Step
from coprod_workshop.exercises.actions.model import ActionList
from coprod_workshop.reports.blocks import Block, Para, Row, Table
from coprod_workshop.voting.dots import report_rows

OPEN = "not decided"


def section(step: Step) -> list[Block]:
    state = step.state
    assert isinstance(state, ActionList)
    blocks: list[Block] = [Para(state.prompt, muted=True)]
    if not state.actions:
        return [*blocks, Para("The room agreed no actions at this step.")]
    rows = tuple(
        (str(r["number"]), r["what"], r["who"] or OPEN, r["when"] or OPEN) for r in state.results()
    )
    blocks.append(Table(("", "What", "Who", "By when"), rows, (5, 55, 20, 20)))
    phoned = [str(r["number"]) for r in state.results() if r["source"] == "phone"]
    if phoned:
        blocks.append(
            Para(
                f"Sent from phones, read and accepted by the facilitator: action"
                f"{'s' if len(phoned) > 1 else ''} {', '.join(phoned)}. The rest were "
                "written down by the facilitator."
            )
        )
    sentence, ranked = report_rows(state.collection.dots)
    if ranked:
        blocks += [Para(sentence), Table(("", "Action", "Dots"), ranked, (5, 80, 15))]
    return blocks


def rows(step: Step) -> list[Row]:
    state = step.state
    assert isinstance(state, ActionList)
    return [
        Row(
            r["what"],
            f"action {r['number']}",
            f"who: {r['who']}; by: {r['when']}; from: {r['source']}",
            "",
            "action",
        )
        for r in state.results()
    ]


def contributions(step: Step) -> list[tuple[str, int, int]]:
    """For the evidence page: (what, how many, how many from phones)."""
    state = step.state
    assert isinstance(state, ActionList)
    results = state.results()
    phones = sum(1 for r in results if r.get("source", "facilitator") == "phone")
    return [("Actions agreed", len(results), phones)]
