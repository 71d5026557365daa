"""Undoable changes to a Bovaird matrix's own settings (pure Python, no Qt).

Moving, adding, editing and removing cards are the shared board commands in
``cards.commands``; these cover what only the matrix has.

Details announced: ``reveal``, ``prompt``.
"""

from __future__ import annotations

from coprod_workshop.core.commands import SetStateField
from coprod_workshop.exercises.cards.board import clean_text
from coprod_workshop.exercises.matrix.model import MAX_PROMPT


def RevealSuggestions(step_id: str, shown: bool = True) -> SetStateField:  # noqa: N802
    """Show where the deck suggests each card goes (or hide it); no card moves."""
    text = "Reveal the suggested cells" if shown else "Hide the suggested cells"
    return SetStateField(step_id, "revealed", shown, text, detail="reveal")


def SetPrompt(step_id: str, prompt: str) -> SetStateField:  # noqa: N802 (reads as a command)
    """Change the question shown with the matrix; typing makes one undo step."""
    text = clean_text(prompt, MAX_PROMPT)
    return SetStateField(step_id, "prompt", text, "Edit the matrix's question", merge=True)
