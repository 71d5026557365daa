"""Undoable changes to a Bovaird matrix's own settings (pure Python, no Qt).

Moving, adding, editing and removing cards are the shared board commands in
``cards.commands``; these cover what only the matrix has.

Details announced: ``reveal`` (the question is the shared ``cards.commands.SetPrompt``);
adding the spare ready-made cards announces ``card-added`` (``card-removed`` on undo).
"""

from __future__ import annotations

from coprod_workshop.core.commands import MergeableCommand, SetStateField
from coprod_workshop.core.session import Session
from coprod_workshop.exercises.cards.board import Card
from coprod_workshop.exercises.cards.commands import board_of


def RevealSuggestions(step_id: str, shown: bool = True) -> SetStateField:  # noqa: N802
    """Show where the deck suggests each card goes (or hide it); no card moves."""
    text = "Reveal the suggested cells" if shown else "Hide the suggested cells"
    return SetStateField(step_id, "revealed", shown, text, detail="reveal")


class AddSpareCards(MergeableCommand):
    """Put the ready-made activities not on the board yet onto its deck."""

    def __init__(self, step_id: str, cards: tuple[Card, ...]) -> None:
        self.step_id = step_id
        self.cards = cards
        self.text = f"Add {len(cards)} ready-made activities"

    def redo(self, session: Session) -> None:
        board = board_of(session, self.step_id)
        for card in self.cards:
            board.add_card(card)
        session.state_changed(self.step_id, "card-added")

    def undo(self, session: Session) -> None:
        board = board_of(session, self.step_id)
        for card in reversed(self.cards):
            board.remove_card(card.id)
        session.state_changed(self.step_id, "card-removed")
