"""The Bovaird matrix in the session report: the room's placements cell by cell and,
once the deck's suggestions were revealed, where the room differs from them."""

from __future__ import annotations

from coprod_workshop.core.session import Step
from coprod_workshop.exercises.cards.board import AGREES, DECK, DIFFERS
from coprod_workshop.exercises.cards.report import board_rows
from coprod_workshop.exercises.matrix.model import COLUMNS, ROWS, BovairdMatrix, content
from coprod_workshop.reports.blocks import Block, Bullets, Heading, Para, Row, Table

MARKS = {AGREES: " (as suggested)", DIFFERS: " (differs)"}


def section(step: Step) -> list[Block]:
    state = step.state
    assert isinstance(state, BovairdMatrix)
    board, known = state.board, content()
    results = state.results()

    def cell(cell_id: str) -> str:
        return "\n".join(
            r.text + (MARKS.get(r.comparison, "") if state.revealed else "")
            for r in results
            if r.cell == cell_id
        )

    plans = {level.id: level.name for level in known.plans.levels}
    delivers = {level.id: level.name for level in known.delivers.levels}
    header = (
        f"{known.delivers.question} / {known.plans.question}",
        *(plans.get(c, c) for c in COLUMNS),
    )
    grid = tuple((delivers.get(r, r), *(cell(r + c) for c in COLUMNS)) for r in ROWS)
    blocks: list[Block] = [Para(state.prompt, muted=True), Table(header, grid, lists=True)]
    deck = [r.text for r in results if r.cell == DECK]
    if deck:
        blocks += [Heading(f"{board.deck_name}: not placed ({len(deck)})", 3), Bullets(tuple(deck))]
    if not state.revealed:
        return [*blocks, Para("The deck's suggestions were not revealed.", muted=True)]
    counts = state.agreement()
    blocks.append(
        Para(f"{counts[AGREES]} cards where the deck suggests, {counts[DIFFERS]} elsewhere.")
    )
    differing = [r for r in results if r.comparison == DIFFERS]
    if differing:
        blocks += [
            Heading("Where the room differs from the suggestions", 3),
            # One paragraph a card, not a table: a long reason never splits a row across pages.
            *(
                Para(
                    f"{r.text}: the room put it in {r.cell_name}; the deck suggests "
                    f"{board.place_name(r.suggested)}. Why: {board.card(r.card).reason}"
                )
                for r in differing
            ),
        ]
    blocks.append(Para(known.credit, muted=True))
    return blocks


def rows(step: Step) -> list[Row]:
    state = step.state
    assert isinstance(state, BovairdMatrix)
    comparison = {r.card: r.comparison for r in state.results()} if state.revealed else None
    return board_rows(state.board, comparison)
