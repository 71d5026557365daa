"""The facilitator's row of card tools over a board: add, edit, remove (and flag).

Both card consoles (card sort, Bovaird matrix) put this row above their copy
of the board: a field for a card the room suggests, "Add card", "Edit"
(the selected card's text, in place), "Remove" and, where the board wants
it, "Flag for discussion". An exercise adds its own buttons at the end of the
row (``extra``: the card sort's "Show summary", the matrix's "Reveal
suggestions"). Every change runs through :class:`~cards.boardmodel.BoardActions`, so
each is undoable.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from coprod_workshop.exercises.cards.boardmodel import BoardActions
from coprod_workshop.exercises.cards.boardview import BoardWidget
from coprod_workshop.ui.theme import explain

#: the longest text a card the room suggests may have, as typed
MAX_NEW_CARD = 80
FLAG_TEXT = "F&lag for discussion"
UNFLAG_TEXT = "Clear f&lag"


class CardTools(QWidget):
    """Add, edit, remove (and, with ``flag``, flag) the cards of ``board``.

    ``placeholder`` is the new-card field's hint; ``extra`` widgets go at the
    end of the row; ``spacing`` sets the row's gaps (the style's if None).
    The buttons follow the board's selected card; call :meth:`sync` when the
    step's state changes.

    Signals:
        toolsChanged(): a tool changed the board or its selection (after
            :meth:`sync`): a console updates what else it shows of the card.
    """

    toolsChanged = Signal()

    def __init__(
        self,
        actions: BoardActions,
        board: BoardWidget,
        *,
        placeholder: str = "A card the room suggests",
        flag: bool = False,
        extra: Sequence[QWidget] = (),
        spacing: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.board_actions = actions
        self.board = board
        self.new_card = QLineEdit()
        self.new_card.setAccessibleName("New card the room suggests")
        self.new_card.setPlaceholderText(placeholder)
        self.new_card.setMaxLength(MAX_NEW_CARD)
        self.add_button = QPushButton("&Add card")
        explain(self.add_button, "Add the new card to the deck")
        self.edit_button = QPushButton("Edi&t")
        self.edit_button.setAccessibleName("Edit the selected card's text")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setAccessibleName("Remove the selected card")
        self.flag_button: QPushButton | None = None
        if flag:
            self.flag_button = QPushButton(FLAG_TEXT)
            self.flag_button.setCheckable(True)
            explain(self.flag_button, "Flag the selected card for discussion")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        if spacing is not None:
            row.setSpacing(spacing)
        row.addWidget(self.new_card, 2)
        buttons = (self.add_button, self.edit_button, self.remove_button, self.flag_button)
        for widget in [*(b for b in buttons if b is not None), *extra]:
            row.addWidget(widget)

        self.new_card.returnPressed.connect(self.add_card)
        self.add_button.clicked.connect(self.add_card)
        self.edit_button.clicked.connect(self.edit_card)
        self.remove_button.clicked.connect(self.remove_card)
        if self.flag_button is not None:
            self.flag_button.clicked.connect(self.flag_card)
        self.board.currentCardChanged.connect(lambda _card: self.sync())
        self.sync()

    def selected(self) -> str | None:
        """The board's selected card, if it is still on the board."""
        card_id = self.board.current_card()
        return card_id if card_id is not None and card_id in self.board_actions.board else None

    def sync(self) -> None:
        """Enable the buttons that need a card, and show whether it is flagged."""
        card_id = self.selected()
        for button in (self.edit_button, self.remove_button, self.flag_button):
            if button is not None:
                button.setEnabled(card_id is not None)
        if self.flag_button is not None:
            flagged = card_id is not None and self.board_actions.board.card(card_id).flagged
            self.flag_button.setChecked(flagged)
            self.flag_button.setText(UNFLAG_TEXT if flagged else FLAG_TEXT)

    def _changed(self) -> None:
        self.sync()
        self.toolsChanged.emit()

    # -- actions ------------------------------------------------------------------------------
    def add_card(self) -> None:
        card_id = self.board_actions.add(self.new_card.text())
        if card_id is not None:
            self.new_card.clear()
            self.board.select(card_id, focus=False)
            self._changed()

    def edit_card(self) -> None:
        card_id = self.selected()
        if card_id is not None and self.board.select(card_id):
            view = self.board.view(self.board_actions.board.locate(card_id)[0])
            view.edit(view.currentIndex())

    def remove_card(self) -> None:
        card_id = self.selected()
        if card_id is not None:
            self.board_actions.remove(card_id)
            self._changed()

    def flag_card(self, checked: bool) -> None:
        card_id = self.selected()
        if card_id is not None:
            self.board_actions.flag(card_id, checked)
        self._changed()
