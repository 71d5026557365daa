"""Qt views of a Bovaird matrix: the projected grid, and the facilitator's tools.

The presenter shows the matrix as the seeds draw it: who plans across the
top (P1 at the left), who delivers down the side (D1 at the top), the deck of
activities on the left, and in each cell its key number (laid out like a
numeric keypad: 7 8 9 on the top row) and a short name; the legend under the
board gives each cell's whole name, as the seeds name it. The middle cell, full
co-production, is marked with a ★ and a thick border as well as its tint.

The room drags cards from the deck onto cells, between cells and back; by
keyboard, select a card and press a cell's number (0: back to the deck), or
press Enter, choose a cell with the arrows and press Enter again
(``cards.keyboarddrag``). The line under the board says what the selected card is;
once the facilitator reveals the suggestions, each card carries a badge
(✓ as suggested, ≠ 5 placed elsewhere, → 5 still to place) and the line says
where the deck suggests the selected card goes and why. The selected card is
shared between the console and the projector (``cards.selection``).

The console is in ``matrix.console``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.cards.board import AGREES, DIFFERS, UNPLACED
from coprod_workshop.exercises.cards.boardmodel import BoardActions
from coprod_workshop.exercises.cards.selection import SharedSelection
from coprod_workshop.exercises.matrix.console import MatrixConsole
from coprod_workshop.exercises.matrix.grid import matrix_board, show_state
from coprod_workshop.exercises.matrix.headers import CellLegend, FitLabel, axis_headers
from coprod_workshop.exercises.matrix.model import KEYPAD, BovairdMatrix, content
from coprod_workshop.exercises.cards.pages import board_step_views, projected_board
from coprod_workshop.ui.pages import Pages
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import role_label

#: the gaps between cells at 1080p: narrower than the card sort's, for a row of cards more
GRID_SPACING = 8
#: narrower than this (a small projector window) the legend and the cells' names and
#: keys give their room to the cards (the console's own board has them all)
NAMES_MIN_WIDTH = 960


def about(state: BovairdMatrix, card_id: str | None, key_of: Callable[[str], int | None]) -> str:
    """The line under the projected board: the selected card in words (its
    description; once suggestions are revealed, where its deck suggests it goes,
    by number key and cell, and why); with no card selected, the prompt, or once
    revealed, how to read the badges."""
    board = state.board
    if card_id is None or card_id not in board:
        if not state.revealed:
            return state.prompt
        counts = state.agreement()
        return (
            "Suggested cells (the app's own, for discussion): ✓ as suggested · "
            "≠ 5 placed elsewhere, 5 suggested · → 5 not placed yet.  "
            f"{counts[AGREES]} as suggested, {counts[DIFFERS]} elsewhere. "
            "Select a card to see why."
        )
    card = board.card(card_id)
    if not state.revealed:
        return f"{card.text} — {card.description}" if card.description else card.text
    suggestion = board.suggestion_state(card_id)
    if not suggestion:
        return f"{card.text} — no suggested cell for this card."
    mark = {AGREES: "✓", DIFFERS: "≠", UNPLACED: "→"}[suggestion]
    where = f"suggested: {key_of(card.suggested)} · {board.place_name(card.suggested)}"
    reason = f". {card.reason}" if card.reason else ""
    return f"{mark} {card.text} — {where}{reason}"


class MatrixPresenter(StepView):
    """What the room sees: the matrix with its cards, and a line about the selected card."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None] | None = None,
        shared: SharedSelection | None = None,
        pages: Pages | None = None,
    ) -> None:
        super().__init__(session, step_id)
        self.board_actions = BoardActions(session, step_id, run, keys=KEYPAD)
        self.title = role_label("", "matrix-title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        headers = axis_headers(
            self.title,
            axis_role="matrix-axis",
            column_role="matrix-column",
            row_role="matrix-row",
            ems=7,
        )
        self.board = matrix_board(
            self.board_actions,
            self.state,
            headers,
            focus=Qt.FocusPolicy.ClickFocus,
            title_role="matrix-cell-title",
            spacing=GRID_SPACING,
        )
        self.legend = CellLegend("matrix-legend")
        self.detail = FitLabel("", "matrix-detail", lines=2)
        self.detail.setAccessibleName("About the selected card")
        self.credit = role_label(content().credit, "matrix-credit")
        self.credit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        #: a page at a time when the cards do not all fit (``cards.pages``)
        self.pages = projected_board(self, self.board, shared, pages)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        if self.pages is not None:
            bottom.addWidget(self.pages.label)
        bottom.addWidget(self.detail, 4)
        bottom.addWidget(self.credit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.board, 1)
        layout.addWidget(self.legend)
        layout.addLayout(bottom)
        self.board.currentCardChanged.connect(lambda _card: self.show_detail())
        self.refresh()

    @property
    def state(self) -> BovairdMatrix:
        return self.step.state  # type: ignore[no-any-return]

    def refresh(self, change: Change | None = None) -> None:
        step = self.step
        state: BovairdMatrix = step.state
        self.title.setText(step.title)
        self.setAccessibleName(f"{step.title}: Bovaird matrix")
        show_state(self.board, state, change)
        self.legend.show_board(state.board)
        self.show_detail()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        names = self.width() >= NAMES_MIN_WIDTH
        self.legend.setVisible(names)
        self.board.set_names_shown(names)

    def show_detail(self) -> None:
        text = about(self.state, self.board.current_card(), self.board_actions.key_of)
        if self.detail.text() != text:
            self.detail.setText(text)


presenter_view, console_view = board_step_views(MatrixPresenter, MatrixConsole)
