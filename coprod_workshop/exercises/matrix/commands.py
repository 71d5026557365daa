"""Undoable changes to a Bovaird matrix's own settings (pure Python, no Qt).

Moving, adding, editing and removing cards are the shared board commands in
``cards.commands``; these cover what only the matrix has.

Details announced: ``reveal`` (the question is the shared ``cards.commands.SetPrompt``).
"""

from __future__ import annotations

from coprod_workshop.core.commands import SetStateField


def RevealSuggestions(step_id: str, shown: bool = True) -> SetStateField:  # noqa: N802
    """Show where the deck suggests each card goes (or hide it); no card moves."""
    text = "Reveal the suggested cells" if shown else "Hide the suggested cells"
    return SetStateField(step_id, "revealed", shown, text, detail="reveal")
