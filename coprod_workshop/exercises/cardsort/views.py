"""Qt views of a card sort: the projected board, and the facilitator's tools.

The presenter shows the step's title, the question and the board (deck and
piles); the room can drag cards on it when the window passes ``run``. When
the facilitator reveals the summary it takes the board's place (imported,
with matplotlib, only then). The console shows the same board with the
editing tools (add a card the room suggests, edit, remove, flag for
discussion, reveal the summary) and a "Set up" tab (round, question, pile
names, the app's note for the facilitator).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.cards.board import DECK
from coprod_workshop.exercises.cards.commands import SetPrompt, moved_places
from coprod_workshop.exercises.cards.boardmodel import BoardActions
from coprod_workshop.exercises.cards.selection import SharedSelection
from coprod_workshop.exercises.cards.cardtools import CardTools
from coprod_workshop.exercises.cards.boardview import CONSOLE_CARD_ROLE, BoardWidget
from coprod_workshop.exercises.cardsort.commands import ShowSummary, choose_round
from coprod_workshop.exercises.cardsort.model import CardSort, rounds
from coprod_workshop.exercises.cards.pages import board_step_views, projected_board
from coprod_workshop.ui.pages import Pages
from coprod_workshop.ui.stepview import StepView, fill_with_tabs
from coprod_workshop.ui.theme import explain, role_label

if TYPE_CHECKING:
    from coprod_workshop.exercises.cardsort.summary import SummaryView

#: console cards (15 px) shrink to 13 px at most, then scroll
CONSOLE_FLOOR_RATIO = 0.87
KEYS_HINT = (
    "Select a card, then press a pile's number (0 or Backspace: back to the deck). "
    "Arrows move the selection, Ctrl+arrows change the order, Enter edits, Delete removes. "
    "Or drag cards, here or on the projector."
)


class CardSortPresenter(StepView):
    """What the room sees: title, question, then the board or the summary."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None] | None = None,
        shared: SharedSelection | None = None,
        pages: Pages | None = None,
    ) -> None:
        super().__init__(session, step_id)
        state = self.state
        self.board_actions = BoardActions(session, step_id, run)
        self.title = role_label("", "cardsort-title")
        self.prompt = role_label("", "cardsort-prompt")
        self.board = BoardWidget(self.board_actions, state.layout, focus=Qt.FocusPolicy.ClickFocus)
        self.summary: SummaryView | None = None
        #: where the cards come from, under the board (the summary shows it under its chart,
        #: so it never takes the room the summary's words need in a small preview)
        self.credit = role_label("", "slide-source")
        self.credit.setAccessibleName("Source of the cards")
        sorting = QWidget()
        sorting_layout = QVBoxLayout(sorting)
        sorting_layout.setContentsMargins(0, 0, 0, 0)
        sorting_layout.addWidget(self.board, 1)
        sorting_layout.addWidget(self.credit)
        self.sorting = sorting
        self.stack = QStackedWidget()
        self.stack.addWidget(sorting)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.prompt)
        #: a page at a time when the cards do not all fit (``cards.pages``)
        self.pages = projected_board(self, self.board, shared, pages)
        if self.pages is not None:
            layout.addWidget(self.pages.label)
        layout.addWidget(self.stack, 1)
        self.refresh()

    @property
    def state(self) -> CardSort:
        return self.step.state  # type: ignore[no-any-return]

    def refresh(self, change: Change | None = None) -> None:
        step = self.step
        state: CardSort = step.state
        self.title.setText(step.title)
        self.prompt.setText(state.prompt)
        self.prompt.setVisible(bool(state.prompt))
        self.credit.setText(f"Source: {state.credit}" if state.credit else "")
        self.credit.setVisible(bool(state.credit))
        self.setAccessibleName(f"{step.title}: card sort")
        self.board.refresh(state.layout, moved_places(change.detail) if change else None)
        if state.summary_shown:
            if self.summary is None:
                from coprod_workshop.exercises.cardsort.summary import SummaryView

                self.summary = SummaryView()
                self.stack.addWidget(self.summary)
                self.summary.show_summary(state.summary(), state.credit)
                self.stack.setCurrentWidget(self.summary)
                self.contentChanged.emit()
            self.summary.show_summary(state.summary(), state.credit)
            self.stack.setCurrentWidget(self.summary)
        else:
            self.stack.setCurrentWidget(self.sorting)


class CardSortConsole(StepView):
    """The facilitator's tools for a card sort (every change undoable)."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        shared: SharedSelection | None = None,
    ) -> None:
        super().__init__(session, step_id)
        self.run = run
        self.board_actions = BoardActions(session, step_id, run)
        state: CardSort = self.step.state

        # -- sorting --------------------------------------------------------------------
        self.board = BoardWidget(
            self.board_actions,
            state.layout,
            editable=True,
            card_role=CONSOLE_CARD_ROLE,
            floor_ratio=CONSOLE_FLOOR_RATIO,
        )
        self.board.share_selection(shared)
        self.summary_button = QPushButton("Show &summary")
        self.summary_button.setCheckable(True)
        explain(self.summary_button, "Show the summary on the projector")
        self.card_tools = CardTools(
            self.board_actions, self.board, flag=True, extra=[self.summary_button]
        )
        self.hint = role_label(KEYS_HINT, "hint")
        sort_page = QWidget()
        sort_layout = QVBoxLayout(sort_page)
        sort_layout.addWidget(self.card_tools)
        sort_layout.addWidget(self.board, 1)
        sort_layout.addWidget(self.hint)

        # -- setting up ------------------------------------------------------------------
        self.round = QComboBox()
        self.round.setAccessibleName("Round")
        for round_ in rounds().values():
            self.round.addItem(round_.label, round_.id)
        self.start_round = QPushButton("Start this round")
        self.start_round.setAccessibleName("Start the step again with the chosen round")
        self.start_round.setToolTip("Deals the round's cards afresh; Undo brings the old ones back")
        round_row = QHBoxLayout()
        round_row.addWidget(self.round, 1)
        round_row.addWidget(self.start_round)
        self.prompt = QLineEdit()
        self.prompt.setAccessibleName("Question for the room")
        self.names = QFormLayout()
        self.name_fields: dict[str, QLineEdit] = {}
        self.note = role_label("", "hint")
        setup_page = QWidget()
        setup = QFormLayout(setup_page)
        round_label = QLabel("R&ound")
        round_label.setBuddy(self.round)
        setup.addRow(round_label, round_row)
        setup.addRow("&Question", self.prompt)
        setup.addRow(self.names)
        setup.addRow(self.note)

        self.tabs = fill_with_tabs(
            self, "Card sort tools", [(sort_page, "Sort"), (setup_page, "Set up")]
        )

        self.summary_button.clicked.connect(
            lambda checked: self.run(ShowSummary(self.step_id, checked))
        )
        self.start_round.clicked.connect(self.choose_round)
        self.prompt.textEdited.connect(self._prompt_edited)
        self.refresh()

    @property
    def state(self) -> CardSort:
        return self.step.state  # type: ignore[no-any-return]

    def refresh(self, change: Change | None = None) -> None:
        state = self.state
        self.board.refresh(state.layout, moved_places(change.detail) if change else None)
        if self.prompt.text().strip() != state.prompt:
            self.prompt.setText(state.prompt)
        self._load_names()
        index = self.round.findData(state.round_id)
        if index >= 0 and not self.round.hasFocus():
            self.round.setCurrentIndex(index)
        self.note.setText(state.note)
        self.note.setVisible(bool(state.note))
        self.summary_button.setChecked(state.summary_shown)
        self.summary_button.setText("Hide &summary" if state.summary_shown else "Show &summary")
        self.card_tools.sync()

    def _load_names(self) -> None:
        board = self.state.board
        if list(self.name_fields) != board.place_ids():
            while self.names.rowCount():
                self.names.removeRow(0)
            self.name_fields = {}
            for place_id in board.place_ids():
                number = board.number_of(place_id)
                field = QLineEdit()
                field.setMaxLength(80)
                what = "the deck" if place_id == DECK else f"pile {number}"
                field.setAccessibleName(f"Name of {what}")
                field.textEdited.connect(
                    lambda text, p=place_id: self.board_actions.rename(p, text)
                )
                self.names.addRow(f"{number} · Name of {what}", field)
                self.name_fields[place_id] = field
        for place_id, field in self.name_fields.items():
            name = board.place_name(place_id)
            if field.text().strip() != name and not (field.hasFocus() and not field.text().strip()):
                field.setText(name)

    # -- setting up --------------------------------------------------------------------------
    def choose_round(self) -> None:
        round_id = self.round.currentData()
        if round_id:
            self.run(choose_round(self.step_id, round_id))

    def _prompt_edited(self, text: str) -> None:
        command = SetPrompt(self.step_id, text, "card sort")
        if command.value != self.state.prompt:
            self.run(command)


presenter_view, console_view = board_step_views(CardSortPresenter, CardSortConsole)
