"""Undoable changes to a Bovaird matrix's own settings (pure Python, no Qt).

Moving, adding, editing and removing cards are the shared board commands in
``cards.commands``; these cover what only the matrix has.

Details announced: ``reveal``, ``prompt``.
"""

from __future__ import annotations

from typing import Any

from coprod_workshop.core.commands import MergeableCommand
from coprod_workshop.core.session import Session
from coprod_workshop.exercises.cards.board import clean_text
from coprod_workshop.exercises.matrix.model import MAX_PROMPT, BovairdMatrix


def matrix_of(session: Session, step_id: str) -> BovairdMatrix:
    return session.state_as(step_id, BovairdMatrix)


class RevealSuggestions(MergeableCommand):
    """Show where the deck suggests each card goes (or hide it); no card moves."""

    def __init__(self, step_id: str, shown: bool = True) -> None:
        self.step_id = step_id
        self.shown = shown
        self.old: bool | None = None
        self.text = "Reveal the suggested cells" if shown else "Hide the suggested cells"

    def redo(self, session: Session) -> None:
        state = matrix_of(session, self.step_id)
        if self.old is None:
            self.old = state.revealed
        state.revealed = self.shown
        session.state_changed(self.step_id, "reveal")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        matrix_of(session, self.step_id).revealed = self.old
        session.state_changed(self.step_id, "reveal")


class SetPrompt(MergeableCommand):
    """Change the question shown with the matrix; typing makes one undo step."""

    def __init__(self, step_id: str, prompt: str) -> None:
        self.step_id = step_id
        self.prompt = clean_text(prompt, MAX_PROMPT)
        self.old: str | None = None
        self.text = "Edit the matrix's question"

    def redo(self, session: Session) -> None:
        state = matrix_of(session, self.step_id)
        if self.old is None:
            self.old = state.prompt
        state.prompt = self.prompt
        session.state_changed(self.step_id, "prompt")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        matrix_of(session, self.step_id).prompt = self.old
        session.state_changed(self.step_id, "prompt")

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("matrix-prompt", self.step_id)

    def merge(self, other: Any) -> bool:
        if not isinstance(other, SetPrompt) or other.merge_key != self.merge_key:
            return False
        self.prompt = other.prompt
        return True
