"""The facilitator's tools for a Bovaird matrix (every change undoable).

"Place cards": the same board as the projector (the console's own copy, with
the same keys: a cell's number, or Enter, arrows, Enter; F2 edits a card's
text, Delete removes it), a field to add a card the room suggests, buttons
to edit, remove and reveal the suggestions, and a line only the facilitator
sees: the selected card's description, source, suggested cell and reason.
"Card": the selected card's text, description, suggested cell and reason.
"Set up": the question shown with the matrix, the app's note, and a button
that adds the ready-made activities not dealt yet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.fields import clean_text
from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.cards.board import MAX_CARDS, MAX_DESCRIPTION
from coprod_workshop.exercises.cards.commands import EditCard, SetPrompt
from coprod_workshop.exercises.cards.boardmodel import BoardActions
from coprod_workshop.exercises.cards.selection import SharedSelection
from coprod_workshop.exercises.cards.cardtools import CardTools
from coprod_workshop.exercises.cards.boardview import CONSOLE_CARD_ROLE
from coprod_workshop.exercises.info.cases import case_studies
from coprod_workshop.exercises.matrix.commands import AddSpareCards, RevealSuggestions
from coprod_workshop.exercises.matrix.grid import matrix_board, show_state
from coprod_workshop.exercises.matrix.headers import FitLabel, axis_headers
from coprod_workshop.exercises.matrix.model import (
    CELL_IDS,
    KEYPAD,
    BovairdMatrix,
    case_of,
    spare_cards,
)
from coprod_workshop.ui.stepview import StepView, fill_with_tabs
from coprod_workshop.ui.theme import explain, role_label

#: console cards (15 px) shrink to 13 px at most, then scroll
CONSOLE_FLOOR_RATIO = 0.87
#: the console's copy of the board: a line or two of cards in each cell
BOARD_MIN_HEIGHT = 300
KEYS_HINT = (
    "Select a card, then press the cell's number (keypad layout: 7 8 9 top row; 0 the deck), "
    "or Enter, arrows, Enter. F2 edits, Delete removes. Or drag, here or on the projector."
)


class MatrixConsole(StepView):
    """The facilitator's side of a Bovaird matrix step."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        shared: SharedSelection | None = None,
    ) -> None:
        super().__init__(session, step_id)
        self.run = run
        self.board_actions = BoardActions(session, step_id, run, keys=KEYPAD)

        # -- placing cards ---------------------------------------------------------------
        headers = axis_headers(
            None,
            axis_role="matrix-console-header",
            column_role="matrix-console-header",
            row_role="matrix-console-header",
            ems=10,
            short=True,
        )
        self.board = matrix_board(
            self.board_actions,
            self.state,
            headers,
            editable=True,
            card_role=CONSOLE_CARD_ROLE,
            floor_ratio=CONSOLE_FLOOR_RATIO,
            title_role="matrix-console-title",
            spacing=6,
        )
        # nine cells need the room: the console's splitter gives it from the preview
        self.board.setMinimumHeight(BOARD_MIN_HEIGHT)
        self.reveal_button = QPushButton("Reveal &suggestions")
        self.reveal_button.setCheckable(True)
        explain(self.reveal_button, "Show the deck's suggested cells on the projector")
        self.card_tools = CardTools(
            self.board_actions,
            self.board,
            placeholder="An activity the room suggests",
            extra=[self.reveal_button],
            spacing=4,
        )
        self.facts = FitLabel("", "hint", lines=2)
        self.facts.setAccessibleName("The selected card, for the facilitator")
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        place_page = QWidget()
        place_layout = QVBoxLayout(place_page)
        place_layout.setContentsMargins(6, 6, 6, 6)
        place_layout.setSpacing(4)
        place_layout.addWidget(self.card_tools)
        place_layout.addWidget(self.board, 1)
        place_layout.addWidget(self.facts)

        # -- the selected card ------------------------------------------------------------
        self.card_text = QLineEdit()
        self.card_text.setAccessibleName("Card text")
        self.card_text.setMaxLength(80)
        self.card_description = QLineEdit()
        self.card_description.setAccessibleName("Card description")
        self.card_description.setMaxLength(MAX_DESCRIPTION)
        self.card_suggested = QComboBox()
        self.card_suggested.setAccessibleName("Suggested cell")
        self.card_suggested.addItem("No suggestion", "")
        board = self.state.board
        for cell in CELL_IDS:
            self.card_suggested.addItem(
                f"{self.board_actions.key_of(cell)} · {board.place_name(cell)}", cell
            )
        self.card_reason = QLineEdit()
        self.card_reason.setAccessibleName("Why the deck suggests that cell")
        self.card_reason.setMaxLength(MAX_DESCRIPTION)
        self.card_source = role_label("", "hint")
        card_page = QWidget()
        card_form = QFormLayout(card_page)
        card_form.addRow("Te&xt", self.card_text)
        card_form.addRow("&Description", self.card_description)
        card_form.addRow("Suggested &cell", self.card_suggested)
        card_form.addRow("Rea&son", self.card_reason)
        card_form.addRow("Source", self.card_source)

        # -- setting up ---------------------------------------------------------------------
        self.prompt = QLineEdit()
        self.prompt.setAccessibleName("Question for the room")
        self.note = role_label(self.state.note, "hint")
        setup_page = QWidget()
        setup = QFormLayout(setup_page)
        setup.addRow("&Question", self.prompt)
        setup.addRow(self.note)
        self.spare_button = QPushButton()
        self.spare_button.setAccessibleName("Add the ready-made activities not on the board yet")
        self.spare_button.clicked.connect(self._add_spare)
        setup.addRow(self.spare_button)

        self.tabs = fill_with_tabs(
            self,
            "Bovaird matrix tools",
            [(place_page, "Place cards"), (card_page, "Card"), (setup_page, "Set up")],
        )

        self.reveal_button.clicked.connect(
            lambda checked: self.run(RevealSuggestions(self.step_id, checked))
        )
        self.prompt.textEdited.connect(self._prompt_edited)
        self.card_text.editingFinished.connect(lambda: self._edit_field("text"))
        self.card_description.editingFinished.connect(lambda: self._edit_field("description"))
        self.card_reason.editingFinished.connect(lambda: self._edit_field("reason"))
        self.card_suggested.activated.connect(lambda _index: self._edit_field("suggested"))
        self.board.currentCardChanged.connect(lambda _card: self._update_tools())
        self.card_tools.toolsChanged.connect(self._update_tools)
        self.board.share_selection(shared)
        self.refresh()

    @property
    def state(self) -> BovairdMatrix:
        return self.step.state  # type: ignore[no-any-return]

    def refresh(self, change: Change | None = None) -> None:
        state = self.state
        show_state(self.board, state, change)
        if self.prompt.text().strip() != state.prompt:
            self.prompt.setText(state.prompt)
        self.reveal_button.setChecked(state.revealed)
        self.reveal_button.setText("Hide &suggestions" if state.revealed else "Reveal &suggestions")
        self.card_tools.sync()
        self._update_tools()
        spare = len(spare_cards(state.board))
        self.spare_button.setText(f"Add ready-made activities ({spare})")
        self.spare_button.setEnabled(spare > 0)

    def _add_spare(self) -> None:
        board = self.state.board
        spare = spare_cards(board)[: max(0, MAX_CARDS - len(board))]
        if spare:
            self.run(AddSpareCards(self.step_id, spare))

    # -- the selected card --------------------------------------------------------------------
    def selected(self) -> str | None:
        return self.card_tools.selected()

    def _update_tools(self) -> None:
        card_id = self.selected()
        for widget in (
            self.card_text,
            self.card_description,
            self.card_suggested,
            self.card_reason,
        ):
            widget.setEnabled(card_id is not None)
        if card_id is None:
            self.facts.setText(KEYS_HINT)
            self.facts.setToolTip("")
            for field in (self.card_text, self.card_description, self.card_reason):
                field.clear()
            self.card_suggested.setCurrentIndex(0)
            self.card_source.clear()
            return
        board = self.state.board
        card = board.card(card_id)
        suggested = (
            f"suggested: {self.board_actions.key_of(card.suggested)} · "
            f"{board.place_name(card.suggested)}" + (f" — {card.reason}" if card.reason else "")
            if card.suggested in CELL_IDS
            else "no suggested cell"
        )
        shown = "" if self.state.revealed else " (hidden from the room until you reveal)"
        source = card.source or "no source given"
        case = case_studies().get(case_of(card_id))
        story = f" · {case.title} (a ready-made step tells its story)" if case else ""
        self.facts.setText(f"{card.text} · source: {source}{story} · {suggested}{shown}")
        self.facts.setToolTip(card.description)
        for field, value in (
            (self.card_text, card.text),
            (self.card_description, card.description),
            (self.card_reason, card.reason),
        ):
            if not field.hasFocus() and field.text() != value:
                field.setText(value)
        index = self.card_suggested.findData(card.suggested if card.suggested in CELL_IDS else "")
        self.card_suggested.setCurrentIndex(max(0, index))
        self.card_source.setText(card.source or "not given")

    def _edit_field(self, name: str) -> None:
        card_id = self.selected()
        if card_id is None:
            return
        if name == "suggested":
            value = self.card_suggested.currentData() or ""
        else:
            field = {
                "text": self.card_text,
                "description": self.card_description,
                "reason": self.card_reason,
            }[name]
            value = clean_text(field.text(), 80 if name == "text" else MAX_DESCRIPTION)
            if name == "text" and not value:
                self._update_tools()  # a card keeps its text; Remove takes it away
                return
        if getattr(self.state.board.card(card_id), name) != value:
            self.run(EditCard(self.step_id, card_id, **{name: value}))

    # -- setting up --------------------------------------------------------------------------
    def _prompt_edited(self, text: str) -> None:
        command = SetPrompt(self.step_id, text, "matrix")
        if command.value != self.state.prompt:
            self.run(command)
