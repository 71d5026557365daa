"""The Sue and Mick grid in the session report: every note in its cell."""

from __future__ import annotations

from coprod_workshop.core.session import Step
from coprod_workshop.exercises.relationship.model import Relationship
from coprod_workshop.reports.blocks import Block, Para, Row, Table
from coprod_workshop.voting.dots import report_rows


def _where(result: dict) -> str:  # type: ignore[type-arg]
    return f"{result['persona']} / {result['row']}"


def section(step: Step) -> list[Block]:
    state = step.state
    assert isinstance(state, Relationship)
    s = state.settings
    results = state.results()
    cells: dict[str, list[str]] = {}
    for result in results:
        cells.setdefault(_where(result), []).append(result["text"])
    header = ("", *(f"{p.name} ({p.stands_for})" if p.stands_for else p.name for p in s.personas))
    grid = tuple(
        (row, *("\n".join(cells.get(f"{p.name} / {row}", [])) for p in s.personas))
        for row in s.rows
    )
    counts = ", ".join(f"{p.name}: {state.note_count(i)}" for i, p in enumerate(s.personas))
    phoned = sum(1 for r in results if r["source"] == "phone")
    sources = (
        f" {phoned} of them sent from phones, read and accepted by the facilitator; "
        f"{len(results) - phoned} written down by the facilitator."
        if phoned
        else ""
    )
    blocks: list[Block] = [
        Para(s.opening, muted=True),
        Para(s.prompt, muted=True),
        Table(header, grid, lists=True),
        Para(f"{len(results)} notes ({counts}).{sources}"),
    ]
    sentence, ranked = report_rows(state.collection.dots)
    if ranked:
        blocks += [Para(sentence), Table(("", "Note", "Dots"), ranked, (5, 80, 15))]
    return blocks


def _source(result: dict) -> str:  # type: ignore[type-arg]
    if result["from_card"]:
        return "statement card"
    return "phone" if result["source"] == "phone" else "room"


def rows(step: Step) -> list[Row]:
    state = step.state
    assert isinstance(state, Relationship)
    return [
        Row(r["text"], _where(r), _source(r), "", "note")
        for r in state.results()
    ]


def contributions(step: Step) -> list[tuple[str, int, int]]:
    """For the evidence page: (what, how many, how many from phones)."""
    state = step.state
    assert isinstance(state, Relationship)
    results = state.results()
    phones = sum(1 for r in results if r.get("source", "facilitator") == "phone")
    return [("Notes", len(results), phones)]
