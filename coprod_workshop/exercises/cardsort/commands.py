"""Undoable changes to a card sort's own settings (pure Python, no Qt).

Moving, adding, editing, removing and flagging cards, and renaming piles, are
the shared board commands in ``cards.commands``. Choosing another round
replaces the whole state (``core.commands.ReplaceState``; see
:func:`choose_round`).

Details announced: ``prompt``, ``summary``.
"""

from __future__ import annotations

from typing import Any

from coprod_workshop.core.commands import MergeableCommand, ReplaceState
from coprod_workshop.core.session import Session
from coprod_workshop.exercises.cards.board import clean_text
from coprod_workshop.exercises.cardsort.model import MAX_PROMPT, CardSort, rounds


def _state(session: Session, step_id: str) -> CardSort:
    return session.state_as(step_id, CardSort)


class SetPrompt(MergeableCommand):
    """Change the question shown above the piles; typing makes one undo step."""

    def __init__(self, step_id: str, prompt: str) -> None:
        self.step_id = step_id
        self.prompt = clean_text(prompt, MAX_PROMPT)
        self.old: str | None = None
        self.text = "Edit the card sort's question"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        if self.old is None:
            self.old = state.prompt
        state.prompt = self.prompt
        session.state_changed(self.step_id, "prompt")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        _state(session, self.step_id).prompt = self.old
        session.state_changed(self.step_id, "prompt")

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("cardsort-prompt", self.step_id)

    def merge(self, other: Any) -> bool:
        if not isinstance(other, SetPrompt) or other.merge_key != self.merge_key:
            return False
        self.prompt = other.prompt
        return True


class ShowSummary(MergeableCommand):
    """Reveal the summary on the projector (or go back to the piles)."""

    def __init__(self, step_id: str, shown: bool) -> None:
        self.step_id = step_id
        self.shown = shown
        self.old: bool | None = None
        self.text = "Reveal the summary" if shown else "Hide the summary"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        if self.old is None:
            self.old = state.summary_shown
        state.summary_shown = self.shown
        session.state_changed(self.step_id, "summary")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        _state(session, self.step_id).summary_shown = self.old
        session.state_changed(self.step_id, "summary")


def choose_round(step_id: str, round_id: str) -> ReplaceState:
    """Start the step again with one of the built-in rounds (undo brings the old one back)."""
    label = rounds()[round_id].label
    return ReplaceState(step_id, CardSort.for_round(round_id), f"Choose round “{label}”")
