"""One place of a board on screen: its key, its name, its cards, how many are out of view.

:class:`PlacePanel` is what ``widgets.BoardWidget`` lays out in its grid,
one per place (see that module for the options a board passes on).

Text roles: place titles ``card-place-title`` (or the board's
``title_role``), key badges ``card-place-key``, the count of cards out of
view ``card-place-more``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from coprod_workshop.exercises.cards.board import DECK
from coprod_workshop.exercises.cards.placeview import PlaceView
from coprod_workshop.exercises.cards.qt import BoardActions, CardListModel
from coprod_workshop.ui.theme import refresh_style, set_role

CARD_ROLE = "card"
CONSOLE_CARD_ROLE = "card-console"
TITLE_ROLE = "card-place-title"
KEY_ROLE = "card-place-key"
MORE_ROLE = "card-place-more"


class ElidedLabel(QLabel):
    """One line of plain text, cut short with "…" to the label's width; the whole text
    is the tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.full_text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def _elide(self) -> None:
        width = max(20, self.width())
        text = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, width)
        if self.text() != text:
            self.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()


class PlacePanel(QFrame):
    """One place: its number and name, how many cards, and the cards."""

    def __init__(
        self,
        actions: BoardActions,
        place_id: str,
        *,
        editable: bool = False,
        card_role: str = CARD_ROLE,
        title_role: str = TITLE_ROLE,
        key_badge: bool = False,
        mark: str = "",
        elide_title: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CardPlace")
        self.setProperty("deck", place_id == DECK)
        self.setProperty("dropTarget", False)
        self.setProperty("marked", bool(mark))
        self.board_actions = actions
        self.place_id = place_id
        self.mark = mark
        self.model = CardListModel(actions, place_id, editable=editable, parent=self)
        self.view = PlaceView(self.model, editable=editable)
        set_role(self.view, card_role)
        self.key: QLabel | None = None
        if key_badge:
            self.key = set_role(QLabel(), KEY_ROLE)
            self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title: QLabel = set_role(ElidedLabel() if elide_title else QLabel(), title_role)
        self.title.setWordWrap(not elide_title)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setBuddy(self.view)
        self.more = set_role(QLabel(), MORE_ROLE)
        self.more.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.more.setAccessibleName("Cards out of view in this place")
        #: what Enter would do here while a card is carried (``cards.carry``)
        self.carry = set_role(QLabel(), MORE_ROLE)
        self.carry.setWordWrap(True)
        self.carry.setTextFormat(Qt.TextFormat.PlainText)
        self.carry.hide()
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        if self.key is not None:
            header.addWidget(self.key, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.carry)
        layout.addWidget(self.view, 1)
        #: the count of cards out of view sits over the cards' corner (wrapped names need the
        #: header's width, and a line of its own would cost a line of cards)
        self.more_below = self.key is not None and not elide_title
        if not self.more_below:
            header.addWidget(self.more, 0, Qt.AlignmentFlag.AlignTop)
        if self.key is not None:
            layout.setContentsMargins(5, 3, 5, 3)
            layout.setSpacing(2)
            # the name keeps the lines it needs; the cards take what is left and scroll
            self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
            self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        if self.more_below:
            self.more.setParent(self)
            self.more.setProperty("overlay", True)
            self.more.hide()
            # the count says what is out of view; the wheel, the keys and a drag still scroll
            self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.layoutUpdated.connect(self.update_more)
        self.view.dropHover.connect(self.set_drop_target)
        self.refresh()

    def refresh(self) -> None:
        board = self.board_actions.board
        self.model.sync()
        number = self.board_actions.key_of(self.place_id)
        name = board.place_name(self.place_id)
        count = len(board.ids_in(self.place_id))
        cards = f"{count} card{'s' * (count != 1)}"
        marked = f"{self.mark} {name}" if self.mark else name
        title = f"{marked} ({count})"
        if self.key is None and number is not None:
            title = f"{number} · {title}"
        if isinstance(self.title, ElidedLabel):
            self.title.set_full_text(title)
        else:
            self.title.setText(title)
        if self.key is not None:
            self.key.setText("" if number is None else str(number))
            self.key.setVisible(number is not None)
            self.key.setAccessibleName(f"Key {number}" if number is not None else "")
        keys = f"; key {number} puts the selected card here" if number is not None else ""
        self.view.setAccessibleName(f"{name}: {cards}{keys}")
        self.update_more()

    def update_more(self) -> None:
        above, below = self.view.hidden_counts()
        parts = [f"▲ {above} above"] * bool(above) + [f"▼ {below} more"] * bool(below)
        text = "  ".join(parts)
        if self.more.text() != text:
            self.more.setText(text)
            if self.more_below:  # shown only when some are out of view, in a strip of its own
                self.more.setVisible(bool(text))
                self.more.adjustSize()
                self.view.reserve_bottom(self.more.height() + 2 if text else 0)
        if self.more_below and text:
            self._place_more()

    def _place_more(self) -> None:
        corner = self.view.geometry().bottomRight()
        self.more.move(corner.x() - self.more.width(), corner.y() - self.more.height())
        self.more.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.more_below and self.more.text():
            self._place_more()

    def set_drop_target(self, on: bool) -> None:
        if self.property("dropTarget") != on:
            self.setProperty("dropTarget", on)
            refresh_style(self)

    def set_carry_target(self, text: str) -> None:
        """Highlight this place as where a carried card would go ("" to stop), with words."""
        self.carry.setText(text)
        self.carry.setVisible(bool(text))
        self.set_drop_target(bool(text))
