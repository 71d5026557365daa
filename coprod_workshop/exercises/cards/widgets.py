"""A board of cards on screen: the deck and every place, laid out in a grid.

:class:`BoardWidget` is what an exercise puts in its presenter and console
views. It builds one :class:`PlacePanel` (title, cards, "more below" count)
per place from a layout (``cards.layout``), keeps one selected card across
the whole board, and moves the keyboard on to the neighbouring place when
an arrow key reaches the edge of one.

Text roles (sized by ``ui.theme.PROJECTOR_SIZES`` on the projector): the
cards ``card``, place titles ``card-place-title``, the count of cards out of
view ``card-place-more``. In the console the cards use ``card-console``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coprod_workshop.exercises.cards.board import DECK
from coprod_workshop.exercises.cards.layout import Layout, Span, as_layout, spans
from coprod_workshop.exercises.cards.placeview import FLOOR_RATIO, PlaceView
from coprod_workshop.exercises.cards.qt import BoardActions, CardListModel
from coprod_workshop.ui.theme import refresh_style, set_role

CARD_ROLE = "card"
CONSOLE_CARD_ROLE = "card-console"
TITLE_ROLE = "card-place-title"
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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CardPlace")
        self.setProperty("deck", place_id == DECK)
        self.setProperty("dropTarget", False)
        self.actions = actions
        self.place_id = place_id
        self.model = CardListModel(actions, place_id, editable=editable, parent=self)
        self.view = PlaceView(self.model, editable=editable)
        set_role(self.view, card_role)
        self.title = set_role(QLabel(), TITLE_ROLE)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setBuddy(self.view)
        self.more = set_role(QLabel(), MORE_ROLE)
        self.more.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.more.setAccessibleName("Cards out of view in this place")
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title, 1)
        header.addWidget(self.more, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        self.view.layoutUpdated.connect(self.update_more)
        self.view.dropHover.connect(self.set_drop_target)
        self.refresh()

    def refresh(self) -> None:
        board = self.actions.board
        self.model.sync()
        number = board.number_of(self.place_id)
        name = board.place_name(self.place_id)
        count = len(board.ids_in(self.place_id))
        cards = f"{count} card{'s' * (count != 1)}"
        self.title.setText(f"{number} · {name} ({count})")
        self.view.setAccessibleName(f"{name}: {cards}; key {number} puts the selected card here")
        self.update_more()

    def update_more(self) -> None:
        above, below = self.view.hidden_counts()
        parts = [f"▲ {above} above"] * bool(above) + [f"▼ {below} more"] * bool(below)
        text = "  ".join(parts)
        if self.more.text() != text:
            self.more.setText(text)

    def set_drop_target(self, on: bool) -> None:
        if self.property("dropTarget") != on:
            self.setProperty("dropTarget", on)
            refresh_style(self)


class BoardWidget(QWidget):
    """The deck and places of one board in a grid (see the module docstring).

    ``focus`` is the focus policy of the place views: a projected board uses
    ``ClickFocus``, so the projector's arrow keys keep moving between steps
    until someone clicks a card. ``floor_ratio`` is how far crowded cards may
    shrink (a share of the full text size; the console, at 15 px, uses less).

    Signals:
        currentCardChanged(str): the selected card changed ("" when none).
        rebuilt(): the panels were built anew (new places or layout); a slide
            frame then sizes their text again.
    """

    currentCardChanged = Signal(str)
    rebuilt = Signal()

    def __init__(
        self,
        actions: BoardActions,
        layout: Sequence[Sequence[str]],
        *,
        editable: bool = False,
        card_role: str = CARD_ROLE,
        focus: Qt.FocusPolicy = Qt.FocusPolicy.StrongFocus,
        floor_ratio: float = FLOOR_RATIO,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.actions = actions
        self.editable = editable
        self.card_role = card_role
        self.focus = focus
        self.floor_ratio = floor_ratio
        self.layout_rows: Layout = ()
        self.panels: dict[str, PlacePanel] = {}
        self._spans: dict[str, Span] = {}
        self._active: str | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(12)
        self._build(as_layout(layout))

    # -- building --------------------------------------------------------------------------
    def _build(self, layout: Layout) -> None:
        for panel in self.panels.values():
            self._grid.removeWidget(panel)
            panel.hide()
            panel.deleteLater()
        self.panels = {}
        self._active = None
        self.layout_rows = layout
        self._spans = spans(layout)
        for place_id in self.actions.board.place_ids():
            row, column, height, width = self._spans[place_id]
            panel = PlacePanel(
                self.actions, place_id, editable=self.editable, card_role=self.card_role
            )
            self._grid.addWidget(panel, row, column, height, width)
            view = panel.view
            view.setFocusPolicy(self.focus)
            view.floor_ratio = self.floor_ratio
            view.fitter = self.fit_text
            view.focused.connect(lambda p=place_id: self._focused(p))
            view.edgeReached.connect(lambda dx, dy, p=place_id: self._edge(p, dx, dy))
            view.selectionModel().currentChanged.connect(
                lambda _new, _old, p=place_id: self._selection_moved(p)
            )
            self.panels[place_id] = panel
        for row in range(len(layout)):
            self._grid.setRowStretch(row, 1)
        for column in range(len(layout[0])):
            self._grid.setColumnStretch(column, 1)

    def refresh(self, layout: Sequence[Sequence[str]] | None = None) -> bool:
        """Catch up with the board; return True if the panels were built anew."""
        wanted = as_layout(layout) if layout is not None else self.layout_rows
        if wanted != self.layout_rows or list(self.panels) != self.actions.board.place_ids():
            self._build(wanted)
            self.rebuilt.emit()
            return True
        for panel in self.panels.values():
            panel.refresh()
        return False

    def fit_text(self) -> None:
        """One text size for every card on the board: the largest at which all fit."""
        views = self.views()
        if views:
            px = min(view.best_px() for view in views)
            for view in views:
                view.apply_px(px)

    # -- reading -----------------------------------------------------------------------------
    def view(self, place_id: str) -> PlaceView:
        return self.panels[place_id].view

    def views(self) -> list[PlaceView]:
        return [panel.view for panel in self.panels.values()]

    def current_card(self) -> str | None:
        """The card selected on the board (in the place used last)."""
        if self._active is None or self._active not in self.panels:
            return None
        return self.panels[self._active].view.current_card()

    def select(self, card_id: str, *, focus: bool = True) -> bool:
        """Select a card wherever it is."""
        for place_id, panel in self.panels.items():
            if card_id in panel.model.ids():
                self._focused(place_id)
                if focus:
                    panel.view.setFocus(Qt.FocusReason.OtherFocusReason)
                panel.view.select_card(card_id)
                return True
        return False

    # -- keeping one selection over the board ---------------------------------------------------
    def _focused(self, place_id: str) -> None:
        if place_id == self._active:
            return
        self._active = place_id
        for other, panel in self.panels.items():
            if other != place_id and panel.view.selectionModel().hasSelection():
                panel.view.selectionModel().clear()
        self.currentCardChanged.emit(self.current_card() or "")

    def _selection_moved(self, place_id: str) -> None:
        if place_id == self._active:
            self.currentCardChanged.emit(self.current_card() or "")

    def _edge(self, place_id: str, dx: int, dy: int) -> None:
        """An arrow key left ``place_id``: go on to the nearest place that way."""
        row, column, height, width = self._spans[place_id]
        best: tuple[int, str] | None = None
        for other, (r, c, h, w) in self._spans.items():
            if other == place_id:
                continue
            if dx:
                overlaps = r < row + height and row < r + h
                distance = c - (column + width - 1) if dx > 0 else column - (c + w - 1)
            else:
                overlaps = c < column + width and column < c + w
                distance = r - (row + height - 1) if dy > 0 else row - (r + h - 1)
            if overlaps and distance > 0 and (best is None or distance < best[0]):
                best = (distance, other)
        if best is None:
            return
        source = self.panels[place_id].view
        target = self.panels[best[1]].view
        here = source.visualRect(source.currentIndex()).center()
        y = source.viewport().mapToGlobal(here).y() if source.currentIndex().isValid() else None
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        rows = target.model().rowCount()
        if not rows:
            return
        if dy:
            target.select_row(0 if dy > 0 else rows - 1)
            return

        def distance(r: int) -> tuple[int, int]:
            rect = target.visualRect(target.model().index(r))
            centre = target.viewport().mapToGlobal(rect.center())
            return (abs(centre.y() - y) if y is not None else 0, centre.x() * dx)

        target.select_row(min(range(rows), key=distance))
