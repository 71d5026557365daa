"""The matrix's board, as both views build it and bring it up to date.

Both the projector and the console show the matrix as a ``BoardWidget`` with
the same keys (a keypad's number on each cell), the ★ on the middle cell,
compact cards without descriptions, the "pick up, arrows, put down" keyboard
path, short cell names (the whole names are their tooltips, and the
projector lists them in a legend), and a deck that narrows as it empties;
each view adds its own roles, focus policy and spacing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from coprod_workshop.core.session import Change

from coprod_workshop.exercises.cards.board import DECK
from coprod_workshop.exercises.cards.boardmodel import BoardActions
from coprod_workshop.exercises.cards.boardview import BoardWidget
from coprod_workshop.exercises.cards.commands import moved_places
from coprod_workshop.exercises.matrix.headers import MIDDLE_MARK, column_stretch
from coprod_workshop.exercises.matrix.model import MIDDLE, BovairdMatrix, content


#: the deck's name on the board: its column is narrow once most cards are placed
SHORT_DECK_NAME = "To place"


def deck_stretch(state: BovairdMatrix) -> list[int]:
    """The grid's column stretch for the cards now on the deck."""
    return column_stretch(len(state.board.ids_in(DECK)))


def matrix_board(
    actions: BoardActions,
    state: BovairdMatrix,
    headers: Mapping[str, QWidget],
    **options: Any,
) -> BoardWidget:
    """A board of the matrix's cells; ``options`` go on to ``BoardWidget``."""
    return BoardWidget(
        actions,
        state.layout,
        headers=headers,
        key_badges=True,
        marks={MIDDLE: MIDDLE_MARK},
        descriptions=False,
        carry=True,
        compact_cards=True,
        short_titles={DECK: SHORT_DECK_NAME, **content().short_names},
        column_stretch=deck_stretch(state),
        **options,
    )


def show_state(board: BoardWidget, state: BovairdMatrix, change: Change | None = None) -> None:
    """Bring ``board`` up to date: its cards, the deck's width and the suggestions
    (after ``change``: only the places it changed)."""
    board.refresh(state.layout, moved_places(change.detail) if change is not None else None)
    board.set_column_stretch(deck_stretch(state))
    board.set_suggestions_shown(state.revealed)
