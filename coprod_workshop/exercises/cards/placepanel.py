"""One place of a board on screen: its key, its name, its cards, how many are out of view.

:class:`PlacePanel` is what ``boardview.BoardWidget`` lays out in its grid,
one per place (see that module for the options a board passes on).

Text roles: place titles ``card-place-title`` (or the board's
``title_role``), key badges ``card-place-key``, the count of cards out of
view ``card-place-more``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from coprod_workshop.exercises.cards.board import DECK
from coprod_workshop.exercises.cards.placeview import PlaceView
from coprod_workshop.exercises.cards.boardmodel import BoardActions, CardListModel
from coprod_workshop.ui.theme import SpokenLabel, refresh_style, set_role

CARD_ROLE = "card"
CONSOLE_CARD_ROLE = "card-console"
TITLE_ROLE = "card-place-title"
KEY_ROLE = "card-place-key"
MORE_ROLE = "card-place-more"


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
        short_title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CardPlace")
        self.setProperty("deck", place_id == DECK)
        self.setProperty("dropTarget", False)
        self.setProperty("marked", bool(mark))
        self.setProperty("focused", False)
        self.board_actions = actions
        self.place_id = place_id
        self.mark = mark
        #: shown instead of the place's name (which stays its tooltip and accessible name)
        self.short_title = short_title
        #: whether the key and name show (a thumbnail of the board gives their room to cards)
        self.named = True
        self.model = CardListModel(actions, place_id, editable=editable, parent=self)
        self.view = PlaceView(self.model, editable=editable)
        set_role(self.view, card_role)
        self.key: QLabel | None = None
        if key_badge:
            self.key = set_role(SpokenLabel(), KEY_ROLE)
            self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.key.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.title: QLabel = set_role(SpokenLabel(), title_role)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setBuddy(self.view)
        self.more = set_role(SpokenLabel(), MORE_ROLE)
        self.more.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.more.setAccessibleName("Cards out of view in this place")
        #: what Enter would do here while a card is carried (``cards.keyboarddrag``)
        self.carry = set_role(SpokenLabel(), MORE_ROLE)
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
        self.more_below = self.key is not None
        if not self.more_below:
            header.addWidget(self.more, 0, Qt.AlignmentFlag.AlignTop)
        if self.key is not None:
            layout.setContentsMargins(5, 3, 5, 3)
            layout.setSpacing(2)
            # the name keeps the lines it needs; the cards take what is left and scroll
            self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
            self.title.installEventFilter(self)  # ...and no word of it is cut (_fit_title)
            self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        if self.more_below:
            self.more.setParent(self)
            self.more.setProperty("overlay", True)
            self.more.hide()
            # the count says what is out of view; the wheel, the keys and a drag still scroll
            self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.installEventFilter(self)  # the frame shows where the keyboard is
        self.view.layoutUpdated.connect(self.update_more)
        self.view.dropHover.connect(self.set_drop_target)
        self.refresh()

    def refresh(self) -> None:
        board = self.board_actions.board
        changed = self.model.sync()
        number = self.board_actions.key_of(self.place_id)
        name = board.place_name(self.place_id)
        count = len(board.ids_in(self.place_id))
        cards = f"{count} card{'s' * (count != 1)}"
        shown = self.short_title or name
        marked = f"{self.mark} {shown}" if self.mark else shown
        title = f"{marked} ({count})"
        if self.key is None and number is not None:
            title = f"{number} · {title}"
        self.title.setText(title)
        if self.short_title:
            self.title.setToolTip(name)
        self._fit_title()
        self.title.setAccessibleName(f"{name} ({cards})")
        if self.key is not None:
            self.key.setText("" if number is None else str(number))
            self.key.setVisible(number is not None and self.named)
            self.key.setAccessibleName(f"Key {number}" if number is not None else "")
        keys = f"; key {number} puts the selected card here" if number is not None else ""
        self.view.setAccessibleName(f"{name}: {cards}{keys}")
        if changed:  # the view lays its cards out again, then says so (layoutUpdated)
            self.view.scheduleDelayedItemsLayout()

    def _fit_title(self) -> None:
        """A wrapped title is at least as wide as its longest word (a narrow deck column)."""
        if self.key is None:
            return
        metrics = self.title.fontMetrics()
        widest = max((metrics.horizontalAdvance(w) for w in self.title.text().split()), default=0)
        if self.title.minimumWidth() != widest + 2:
            self.title.setMinimumWidth(widest + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.title and event.type() == QEvent.Type.FontChange:
            self._fit_title()
        elif watched is self.view and event.type() in (
            QEvent.Type.FocusIn,
            QEvent.Type.FocusOut,
        ):
            self._show_focus(event.type() == QEvent.Type.FocusIn)
        return False

    def _show_focus(self, on: bool) -> None:
        """The place that has the keyboard says so with its frame (an empty one too)."""
        if self.property("focused") != on:
            self.setProperty("focused", on)
            refresh_style(self)

    def set_named(self, named: bool) -> None:
        """Show the place's key and name over its cards, or leave the cards the room."""
        if named != self.named:
            self.named = named
            self.title.setVisible(named)
            self.refresh()

    def update_more(self) -> None:
        if self.more_below:
            self._update_overlay()
            return
        above, below = self.view.hidden_counts()
        parts = [f"▲ {above} above"] * bool(above) + [f"▼ {below} more"] * bool(below)
        text = "  ".join(parts)
        if self.more.text() != text:
            self.more.setText(text)
        self.more.setVisible(bool(text))  # empty, it would still narrow the place's name

    def _update_overlay(self) -> None:
        """The count over the cards' corner, in a strip kept under them while it shows: only
        while some card would be out of view without that strip (the strip must never be what
        hides a card)."""
        above, below = self.view.hidden_counts(strip=0)
        text = ""
        if above or below:
            self.more.setText(f"▼ {below} more")  # its height is the strip's
            self.more.adjustSize()
            above, below = self.view.hidden_counts(strip=self.more.height() + 2)
            parts = [f"▲ {above} above"] * bool(above) + [f"▼ {below} more"] * bool(below)
            text = "  ".join(parts)
        if self.more.text() != text:
            self.more.setText(text)
            self.more.adjustSize()
        if self.more.isHidden() == bool(text):
            self.more.setVisible(bool(text))
        self.view.reserve_bottom(self.more.height() + 2 if text else 0)
        if text:
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
