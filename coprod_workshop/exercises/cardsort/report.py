"""The card sort in the session report: each pile with its cards, what was left on the
deck, the cards argued over and the flagged ones."""

from __future__ import annotations

from coprod_workshop.core.session import Step
from coprod_workshop.exercises.cards.report import board_rows
from coprod_workshop.exercises.cards.board import AGREES, DIFFERS
from coprod_workshop.exercises.cardsort.model import Answer, CardSort
from coprod_workshop.reports.blocks import Block, Bullets, Chart, Heading, Para, Row, Table


def section(step: Step) -> list[Block]:
    state = step.state
    assert isinstance(state, CardSort)
    summary = state.summary()
    flagged = set(summary.flagged)
    blocks: list[Block] = [Para(state.prompt, muted=True)]
    for name, cards in summary.piles:
        blocks.append(Heading(f"{name} ({len(cards)})", 3))
        marked = tuple(f"{text} (flagged)" if text in flagged else text for text in cards)
        blocks.append(Bullets(marked) if cards else Para("No cards.", muted=True))
    if summary.unsorted:
        blocks += [
            Heading(f"{state.board.deck_name}: not sorted ({len(summary.unsorted)})", 3),
            Bullets(summary.unsorted),
        ]
    blocks.append(
        Chart(
            "Cards per pile",
            tuple(name for name, _ in summary.piles),
            ("cards",),
            ("cards",),
            tuple(((count,),) for _, count in summary.counts()),
        )
    )
    if summary.contested:
        blocks += [
            Heading("Contested cards", 3),
            Table(
                ("Card", "Moves", "Ended in"),
                tuple((text, str(moves), where) for text, moves, where in summary.contested),
            ),
        ]
    if summary.flagged:
        blocks += [Heading("Flagged to come back to", 3), Bullets(summary.flagged)]
    if summary.answers:
        blocks += compared(summary.answers)
    if state.credit:
        blocks.append(Para(f"Source: {state.credit}", muted=True))
    return blocks


def compared(answers: tuple[Answer, ...]) -> list[Block]:
    """The room's sort beside the source's: per reason (a principle) how many cards the
    room sorted as the source does, then every card sorted differently, and why."""
    reasons = dict.fromkeys(answer.reason for answer in answers)
    per_reason = tuple(
        (
            reason or "Other",
            str(sum(a.comparison == AGREES for a in mine)),
            str(sum(a.comparison == DIFFERS for a in mine)),
            str(sum(a.comparison not in (AGREES, DIFFERS) for a in mine)),
        )
        for reason in reasons
        for mine in [[a for a in answers if a.reason == reason]]
    )
    blocks: list[Block] = [
        Heading("Where the source puts the cards", 3),
        Table(
            ("Principle", "Where the source puts them", "Elsewhere", "Not sorted"),
            per_reason,
            (40, 20, 20, 20),
        ),
    ]
    differing = [a for a in answers if a.comparison == DIFFERS]
    if differing:
        blocks += [
            Heading("Where the room and the source differ (for discussion)", 3),
            Table(
                ("Card", "The room put it in", "The source puts it in", "Why"),
                tuple((a.text, a.placed, a.place, a.reason) for a in differing),
                (40, 18, 18, 24),
            ),
        ]
    return blocks


def rows(step: Step) -> list[Row]:
    state = step.state
    assert isinstance(state, CardSort)
    return board_rows(state.board)
