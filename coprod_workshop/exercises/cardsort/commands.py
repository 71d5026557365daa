"""Undoable changes to a card sort's own settings (pure Python, no Qt).

Moving, adding, editing, removing and flagging cards, and renaming piles, are
the shared board commands in ``cards.commands``. Choosing another round
replaces the whole state (``core.commands.ReplaceState``; see
:func:`choose_round`).

Details announced: ``summary`` (the question is the shared ``cards.commands.SetPrompt``).
"""

from __future__ import annotations

from coprod_workshop.core.commands import ReplaceState, SetStateField
from coprod_workshop.exercises.cardsort.model import CardSort, rounds


def ShowSummary(step_id: str, shown: bool) -> SetStateField:  # noqa: N802 (reads as a command)
    """Reveal the summary on the projector (or go back to the piles)."""
    text = "Reveal the summary" if shown else "Hide the summary"
    return SetStateField(step_id, "summary_shown", shown, text, detail="summary")


def choose_round(step_id: str, round_id: str) -> ReplaceState:
    """Start the step again with one of the built-in rounds (undo brings the old one back)."""
    label = rounds()[round_id].label
    return ReplaceState(step_id, CardSort.for_round(round_id), f"Choose round “{label}”")
