"""The list view of one place of a board: cards in a wrapping flow, with every keyboard path.

Keys (the keyboard path for every drag):

* a digit sends the selected card to the place of that number key (shown in
  its title; board order unless the board says otherwise), 0 or Backspace
  back to the deck; a card sent from a pile stays selected (``cardSent``: the
  board follows it, so the next key moves the same card), one sent from the
  deck leaves the next deck card selected;
* Ctrl+arrows move the selected card earlier or later in its place;
* arrows move the selection; at an edge the board moves on to the
  neighbouring place (``edgeReached``);
* in the console (``editable``) Enter or F2 edits the card's text and Delete
  removes it (both undoable);
* Page Up / Page Down are left to the window (they move between steps);
* a board may take keys first (``key_handler``): the board widget's
  "pick up, choose a place with the arrows, put down with Enter" mode.

A crowded place first shrinks its text, down to :data:`FLOOR_RATIO` of the
full size (24 px on a 1080p projector when cards are 32 px), then scrolls;
its panel says how many cards are out of view, so none is hidden silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QWidget

from coprod_workshop.exercises.cards.board import DECK
from coprod_workshop.exercises.cards.delegate import COLOURS, CardDelegate, font_px
from coprod_workshop.exercises.cards.boardmodel import ID_ROLE, BoardActions, CardListModel, read_mime
from coprod_workshop.ui.theme import colour_property
from coprod_workshop.ui.focus import leave_on_tab

#: arrow key -> (columns, rows) to go (keyed by int: ``QKeyEvent.key()`` is one)
ARROWS: dict[int, tuple[int, int]] = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
#: the smallest card text, as a share of the full size (24 px of 32 on a projector)
FLOOR_RATIO = 0.75
#: the room around each card, as a share of its text size (neighbours are two apart)
SPACING_RATIO = 0.2
_DIGITS: dict[int, int] = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


#: sizes the search for the best text size tries a step at a time before it halves
STEPS = 3


class PlaceView(QListView):
    """One place's cards as a wrapping flow; see the module docstring for the keys.

    Colours come from the stylesheet (``PlaceView { qproperty-cardColor: ... }``).

    Signals:
        edgeReached(int, int): an arrow key (dx, dy) found no card further that way.
        focused(): the view got the keyboard focus.
        layoutUpdated(): the cards were laid out again (after a change, resize or scroll).
        dropHover(bool): a drag that can drop here entered (True) or left (False).
        cardSent(str): a number key sent this card from a pile to another place.
    """

    edgeReached = Signal(int, int)
    focused = Signal()
    layoutUpdated = Signal()
    dropHover = Signal(bool)
    cardSent = Signal(str)

    # the colours the delegate draws cards with (theme tokens until the stylesheet sets them)
    cardColor = colour_property("cardColor", COLOURS["cardColor"])  # noqa: N815
    cardBorder = colour_property("cardBorder", COLOURS["cardBorder"])  # noqa: N815
    textColor = colour_property("textColor", COLOURS["textColor"])  # noqa: N815
    mutedColor = colour_property("mutedColor", COLOURS["mutedColor"])  # noqa: N815
    selectedColor = colour_property("selectedColor", COLOURS["selectedColor"])  # noqa: N815
    focusBorder = colour_property("focusBorder", COLOURS["focusBorder"])  # noqa: N815
    flagColor = colour_property("flagColor", COLOURS["flagColor"])  # noqa: N815
    contestedColor = colour_property("contestedColor", COLOURS["contestedColor"])  # noqa: N815
    agreeColor = colour_property("agreeColor", COLOURS["agreeColor"])  # noqa: N815
    differColor = colour_property("differColor", COLOURS["differColor"])  # noqa: N815

    def __init__(
        self, model: CardListModel, *, editable: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.editable = editable
        self.delegate = CardDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        can_change = model.board_actions.can_change
        self.setDragEnabled(can_change)
        self.setAcceptDrops(can_change)
        self.setDragDropMode(
            QAbstractItemView.DragDropMode.DragDrop
            if can_change
            else QAbstractItemView.DragDropMode.NoDragDrop
        )
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)
        self.setDragDropOverwriteMode(False)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(
            triggers.EditKeyPressed | triggers.DoubleClicked
            if editable and can_change
            else triggers.NoEditTriggers
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: on a projected page: which page-full of lines shows (None: all, scrolling)
        self.chunk: int | None = None
        # Tab goes on to the next place; arrows move among the cards. The place's own
        # frame shows when it has the keyboard.
        leave_on_tab(self, framed=False)
        #: how far crowded cards may shrink, as a share of the full text size
        self.floor_ratio = FLOOR_RATIO
        #: the room around each card, as a share of the text size
        self.spacing_ratio = SPACING_RATIO
        #: called instead of fitting this view alone (a board fits all its places alike)
        self.fitter: Callable[[], None] | None = None
        #: offered every key press first; returns True if it used the key
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        #: lines of cards by (text size, width, scroll bar): measured once per change of cards
        self._lines: dict[tuple[int, int, int], list[tuple[list[int], int]]] = {}
        self._best_px = 0  # the best size found last (where the next search starts)
        self._best: tuple[tuple[Any, ...], int] | None = None  # (room, sizes), best
        changes = (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.modelReset)
        for signal in (*changes, model.rowsMoved, model.layoutChanged):
            signal.connect(self.forget_lines)
        for signal in changes:
            signal.connect(self.fit_text)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self.layoutUpdated.emit())

    def colours_changed(self) -> None:
        """The stylesheet set a colour: draw every card again in it."""
        delegate = getattr(self, "delegate", None)
        if delegate is not None:
            delegate.forget()
        self.viewport().update()

    def model(self) -> CardListModel:
        return super().model()  # type: ignore[return-value]

    @property
    def board_actions(self) -> BoardActions:
        return self.model().board_actions

    # -- selection -------------------------------------------------------------------------
    def current_card(self) -> str | None:
        """The selected card's id (None when nothing is selected here)."""
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isSelected(index):
            return None
        return index.data(ID_ROLE)  # type: ignore[no-any-return]

    def select_row(self, row: int) -> None:
        count = self.model().rowCount()
        if count:
            index = self.model().index(max(0, min(row, count - 1)))
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def select_card(self, card_id: str) -> bool:
        if card_id in self.model().ids():
            self.select_row(self.model().row_of(card_id))
            return True
        return False

    # -- keyboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        ctrl = modifiers == Qt.KeyboardModifier.ControlModifier
        card = self.current_card()
        row = self.currentIndex().row()
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            event.ignore()  # the window moves between steps
        elif plain and (key in _DIGITS or key == Qt.Key.Key_Backspace):
            number = 0 if key == Qt.Key.Key_Backspace else _DIGITS[key]
            from_deck = self.model().place_id == DECK
            if card is not None and self.board_actions.place_number(card, number):
                if from_deck:
                    self.select_row(row)  # the next card of the deck, ready to place
                else:
                    self.cardSent.emit(card)  # the same card, where it went
            event.accept()
        elif ctrl and key in ARROWS:
            dx, dy = ARROWS[key]
            if card is not None and self.board_actions.shift(card, dx + dy):
                self.select_card(card)
            event.accept()
        elif plain and key in ARROWS:
            before = self.currentIndex()
            selected = card is not None
            super().keyPressEvent(event)
            if self.currentIndex() == before and (selected or not self.model().rowCount()):
                self.edgeReached.emit(*ARROWS[key])
            elif self.currentIndex().isValid():
                self.setCurrentIndex(self.currentIndex())  # select it, too
            event.accept()
        elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.editable:
            if card is not None:
                self.edit(self.currentIndex())
            event.accept()
        elif plain and key == Qt.Key.Key_Delete and self.editable:
            if card is not None and self.board_actions.remove(card):
                self.select_row(row)
            event.accept()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.viewport().update()
        self.focused.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.viewport().update()

    # -- drag and drop -----------------------------------------------------------------------
    def _accepts(self, event: QDragMoveEvent) -> bool:
        carried = read_mime(event.mimeData(), self.board_actions.step_id)
        return bool(carried) and self.board_actions.can_change

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._accepts(event):
            super().dragEnterEvent(event)
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self.dropHover.emit(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self._accepts(event):
            super().dragMoveEvent(event)
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        super().dragLeaveEvent(event)
        self.dropHover.emit(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Drop before the card under the pointer (in reading order), else at the end."""
        data = event.mimeData()
        cards = read_mime(data, self.board_actions.step_id)
        row = self.drop_row(event.position().toPoint())
        done = bool(cards) and self.model().dropMimeData(
            data, Qt.DropAction.MoveAction, row, 0, QModelIndex()
        )
        # What QAbstractItemView does after a drop: stop auto-scrolling, leave the drag state.
        super().dragLeaveEvent(QDragLeaveEvent())
        self.dropHover.emit(False)
        if done and cards:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            self.select_card(cards[0])
        else:
            event.ignore()

    def drop_row(self, pos: QPoint) -> int:
        """The row a card dropped at ``pos`` (viewport coordinates) goes before."""
        model = self.model()
        for row in range(model.rowCount()):
            rect = self.visualRect(model.index(row))
            if pos.y() < rect.top():
                return row
            if rect.top() <= pos.y() <= rect.bottom() and pos.x() < rect.center().x():
                return row
        return model.rowCount()

    # -- fitting the cards -------------------------------------------------------------------
    def full_px(self) -> int:
        return font_px(self.font())

    def floor_px(self) -> int:
        return max(6, round(self.full_px() * self.floor_ratio))

    def lines(self, px: int) -> list[tuple[list[int], int]]:
        """The lines of cards at ``px``, as QListView lays out a flow: (rows, height).

        QListView keeps ``spacing`` around every card: the first card sits
        ``spacing`` from the edge and neighbours are two spacings apart.
        """
        spacing = self._spacing_for(px)
        scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        if self.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            scroll = 0
        width = self.contentsRect().width() - scroll  # the viewport beside a scroll bar
        key = (px, width, scroll)
        if key in self._lines:
            return self._lines[key]
        if len(self._lines) > 64:  # (sizes seen while a window was being resized)
            self._lines.clear()
        widest = max(40, width - 2 * spacing - 2)
        lines: list[tuple[list[int], int]] = []
        x = spacing
        for row, look in enumerate(self.model().looks()):
            size = self.delegate.look_size(look, px, widest)
            if not lines or (x > spacing and x + size.width() + spacing > width):
                lines.append(([], 0))
                x = spacing
            rows, line = lines[-1]
            lines[-1] = ([*rows, row], max(line, size.height()))
            x += size.width() + 2 * spacing
        self._lines[key] = lines
        return lines

    def forget_lines(self) -> None:
        """The cards or their look changed: measure their lines (and best size) anew."""
        self._lines.clear()
        self._best = None

    def needed_height(self, px: int) -> int:
        """The height the cards take at ``px`` (each line with a spacing above and below)."""
        spacing = self._spacing_for(px)
        lines = self.lines(px)
        return sum(height for _, height in lines) + 2 * spacing * len(lines) if lines else 0

    # -- projected pages ---------------------------------------------------------------------
    def chunks(self) -> list[list[int]]:
        """The rows of each page-full of whole lines of cards, at the size drawn now."""
        px = self.delegate.px or self.best_px()
        spacing = self._spacing_for(px)
        room = max(1, self.contentsRect().height())
        found: list[list[int]] = [[]]
        used = 0
        for rows, height in self.lines(px):
            if found[-1] and used + height + 2 * spacing > room:
                found.append([])
                used = 0
            found[-1] += rows
            used += height + 2 * spacing
        return found

    def show_chunk(self, chunk: int | None) -> None:
        """Show only the cards of page-full ``chunk`` (None: every card, scrolling)."""
        self.chunk = chunk
        chunks = self.chunks() if chunk is not None else []
        shown = set(chunks[chunk]) if chunk is not None and chunk < len(chunks) else set()
        self._show_rows(shown if chunk is not None else None)

    def show_cards(self, card_ids: set[str] | None) -> None:
        """Show only these cards (the projector's page, shown in the preview as it is);
        None: every card, scrolling."""
        self.chunk = None if card_ids is None else 0
        ids = self.model().ids()
        rows = None if card_ids is None else {r for r, i in enumerate(ids) if i in card_ids}
        self._show_rows(rows)

    def _show_rows(self, shown: set[int] | None) -> None:
        selection = self.selectionModel()
        current = self.currentIndex()
        selection.blockSignals(True)  # a page turn is no choice of card: the selection stays
        try:
            changed = False
            for row in range(self.model().rowCount()):
                hidden = shown is not None and row not in shown
                if self.isRowHidden(row) != hidden:
                    self.setRowHidden(row, hidden)
                    changed = True
            if changed:  # laid out now: the scroll bar never shows the rows of another page
                self.doItemsLayout()
            if self.currentIndex() != current:
                selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            selection.blockSignals(False)

    def _spacing_for(self, px: int) -> int:
        return max(2, round(px * self.spacing_ratio))

    def best_px(self) -> int:
        """The largest text size, down to the floor, at which every card here shows."""
        room = self.contentsRect().height()
        low, high = self.floor_px(), self.full_px()
        rect = self.contentsRect()
        key = (rect.width(), room, low, high, self.spacing_ratio, self.verticalScrollBarPolicy())
        if self._best is not None and self._best[0] == key:
            return self._best[1]  # no card and no size changed since
        best = self._search_px(room, low, high)
        self._best = (key, best)
        self._best_px = best
        return best

    def _search_px(self, room: int, low: int, high: int) -> int:
        """The largest size in ``low``..``high`` at which the cards fit (``low`` if none).
        A change of cards moves it a step or two, if at all: the search starts where the
        last one ended and steps from there before it halves."""

        def fits(px: int) -> bool:
            return self.needed_height(px) <= room

        if high <= low:
            return max(low, high)
        last = self._best_px
        if low <= last <= high:
            if fits(last):
                for _ in range(STEPS):
                    if last == high or not fits(last + 1):
                        return last
                    last += 1
                if fits(high):
                    return high
                low = last  # fits(low), not fits(high)
            else:
                for _ in range(STEPS):
                    if last == low:
                        return low
                    last -= 1
                    if fits(last):
                        return last
                high = last  # not fits(high)
        elif fits(high):
            return high
        while high - low > 1:  # fits(low), or low is the floor; not fits(high)
            middle = (low + high) // 2
            if fits(middle):
                low = middle
            else:
                high = middle
        return low

    def apply_px(self, px: int) -> None:
        if px != self.delegate.px:
            self.delegate.px = px
            self.setSpacing(self._spacing_for(px))
            self.scheduleDelayedItemsLayout()

    def fit_text(self) -> None:
        """Size the cards to fit (a board sizes all its places alike, see ``fitter``)."""
        if self.fitter is not None:
            self.fitter()
        else:
            self.apply_px(self.best_px())

    def text_px(self) -> int:
        """The text size the cards are drawn at now."""
        return self.delegate.text_px()

    def reserve_bottom(self, height: int) -> None:
        """Keep a strip of ``height`` pixels under the cards (for a label over it)."""
        if self.viewportMargins().bottom() != height:
            self.setViewportMargins(0, 0, 0, height)

    def hidden_counts(self, *, strip: int | None = None) -> tuple[int, int]:
        """How many cards are (partly) out of view: above, below.

        ``strip``: count as if the strip kept under the cards (``reserve_bottom``)
        were this high instead.
        """
        above = below = 0
        self.executeDelayedItemsLayout()
        scroll = self.verticalScrollBar()
        if scroll.maximum() <= 0 and (strip is None or strip <= self.viewportMargins().bottom()):
            return 0, 0  # every card fits, with no less room than now: nothing out of view
        height = self.viewport().height()
        if strip is not None:
            height += self.viewportMargins().bottom() - strip
        for row in range(self.model().rowCount()):
            rect = self.visualRect(self.model().index(row))
            if rect.top() < 0:
                above += 1
            elif rect.bottom() >= height:
                below += 1
        return above, below

    def updateGeometries(self) -> None:  # noqa: N802
        super().updateGeometries()
        self.layoutUpdated.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_text()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and self.editable
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F2
            and self.current_card() is not None
            and self.state() != QAbstractItemView.State.EditingState
        ):
            event.accept()  # F2 edits the selected card here, not the window's F2 action
            return True
        result = super().event(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            delegate = getattr(self, "delegate", None)
            if delegate is not None:
                delegate.font_or_style_changed()
            self.forget_lines()
        if event.type() == QEvent.Type.FontChange:
            self.delegate.px = 0
            self.fit_text()
        return result
