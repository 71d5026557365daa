"""A board of cards on screen: the deck and every place, laid out in a grid.

:class:`BoardWidget` is what an exercise puts in its presenter and console
views. It builds one ``placepanel.PlacePanel`` (title, cards, "more below" count)
per place from a layout (``cards.layout``), keeps one selected card across
the whole board, and moves the keyboard on to the neighbouring place when
an arrow key reaches the edge of one.

Options an exercise may use (the card sort uses none of them, the Bovaird
matrix all):

* ``headers``: widgets for the layout's header cells (axis titles, column
  and row labels); rows and columns of headers only keep their natural size;
* ``key_badges``: each place's number key in a badge of its own beside the
  title, rather than "1 · " before it; the count of cards out of view becomes
  a small label at the bottom right of the cards (property ``overlay``; the
  cards leave it a strip while it shows), and the title always keeps the
  height its words need (a crowded cell scrolls its cards, never its name);
  ``marks``: a few characters before a
  place's name that set it apart (the matrix's ★ middle cell), which also
  sets the panel's ``marked`` property for the stylesheet; ``short_titles``:
  a short name to show for some places (the whole name stays their tooltip
  and accessible name; the matrix lists the whole names in a legend);
* ``descriptions``: whether cards show their descriptions; ``compact_cards``:
  tighter padding and spacing, for a board that must show many cards;
* ``carry``: Enter picks the selected card up, the arrows move a highlighted
  target from place to place, Enter puts the card down there, Escape cancels
  (``cards.keyboarddrag``): the keyboard path for a drag across a large board;
* :meth:`BoardWidget.set_suggestions_shown`: badges on the cards saying where
  their deck suggests they go; :meth:`BoardWidget.share_selection`: one
  selected card over every window showing the step (``cards.selection``).

Text roles (sized by ``ui.theme.PROJECTOR_SIZES`` on the projector): the
cards ``card``, place titles ``card-place-title`` (or the board's
``title_role``), key badges ``card-place-key``, the count of cards out of
view ``card-place-more``. In the console the cards use ``card-console``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from coprod_workshop.exercises.cards.keyboarddrag import Carrier
from coprod_workshop.exercises.cards.layout import (
    Layout,
    Span,
    as_layout,
    neighbour,
    spans,
    stretches,
)
from coprod_workshop.exercises.cards.placepanel import (
    CARD_ROLE,
    CONSOLE_CARD_ROLE,
    KEY_ROLE,
    MORE_ROLE,
    TITLE_ROLE,
    PlacePanel,
)
from coprod_workshop.exercises.cards.placeview import FLOOR_RATIO, PlaceView
from coprod_workshop.exercises.cards.boardmodel import BoardActions
from coprod_workshop.exercises.cards.selection import SharedSelection

__all__ = [
    "CARD_ROLE",
    "CONSOLE_CARD_ROLE",
    "KEY_ROLE",
    "MORE_ROLE",
    "TITLE_ROLE",
    "BoardWidget",
    "PlacePanel",
]
#: ``compact_cards`` spacing, as a share of the text size (PlaceView's default is 0.2)
COMPACT_SPACING = 0.08


class BoardWidget(QWidget):
    """The deck and places of one board in a grid (see the module docstring).

    ``focus`` is the focus policy of the place views: a projected board uses
    ``ClickFocus``, so the projector's arrow keys keep moving between steps
    until someone clicks a card. ``floor_ratio`` is how far crowded cards may
    shrink (a share of the full text size; the console, at 15 px, uses less).
    ``column_stretch`` overrides the stretch of each grid column (the matrix
    keeps its deck narrower than its cells).

    Signals:
        currentCardChanged(str): the selected card changed ("" when none).
        rebuilt(): the panels were built anew (new places or layout); a slide
            frame then sizes their text again.
        changed(): the cards or their size changed.
    """

    currentCardChanged = Signal(str)
    rebuilt = Signal()
    #: the cards or their size changed (a projected board counts its pages again)
    changed = Signal()

    def __init__(
        self,
        actions: BoardActions,
        layout: Sequence[Sequence[str]],
        *,
        editable: bool = False,
        card_role: str = CARD_ROLE,
        focus: Qt.FocusPolicy = Qt.FocusPolicy.StrongFocus,
        floor_ratio: float = FLOOR_RATIO,
        headers: Mapping[str, QWidget] | None = None,
        title_role: str = TITLE_ROLE,
        key_badges: bool = False,
        marks: Mapping[str, str] | None = None,
        descriptions: bool = True,
        carry: bool = False,
        column_stretch: Sequence[int] | None = None,
        compact_cards: bool = False,
        short_titles: Mapping[str, str] | None = None,
        spacing: int = 12,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.board_actions = actions
        self.editable = editable
        self.card_role = card_role
        self.focus = focus
        self.floor_ratio = floor_ratio
        self.headers = dict(headers or {})
        self.title_role = title_role
        self.key_badges = key_badges
        self.marks = dict(marks or {})
        self.descriptions = descriptions
        self.column_stretch = list(column_stretch) if column_stretch is not None else None
        self.compact_cards = compact_cards
        self.short_titles = dict(short_titles or {})
        self.named = True
        self.suggestions_shown = False
        self.layout_rows: Layout = ()
        self.panels: dict[str, PlacePanel] = {}
        self._spans: dict[str, Span] = {}
        self._active: str | None = None
        self._shared: SharedSelection | None = None
        self._announced = ""
        self._batching = False
        self._fit_wanted = False
        self._following = False
        #: the "pick up, arrows, put down" keyboard path, if this board offers it
        self.carrier: Carrier | None = Carrier(self) if carry else None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        self._build(as_layout(layout))

    # -- building --------------------------------------------------------------------------
    def _build(self, layout: Layout) -> None:
        if self.carrier is not None:
            self.carrier.cancel()
        for panel in self.panels.values():
            self._grid.removeWidget(panel)
            panel.hide()
            panel.deleteLater()
        for header in self.headers.values():
            self._grid.removeWidget(header)
        self.panels = {}
        self._active = None
        self._announced = ""
        self.layout_rows = layout
        all_spans = spans(layout)
        place_ids = self.board_actions.board.place_ids()
        self._spans = {key: span for key, span in all_spans.items() if key in place_ids}
        for key, widget in self.headers.items():
            if key in all_spans and key not in self._spans:
                self._grid.addWidget(widget, *all_spans[key])
        for place_id in place_ids:
            row, column, height, width = self._spans[place_id]
            panel = PlacePanel(
                self.board_actions,
                place_id,
                editable=self.editable,
                card_role=self.card_role,
                title_role=self.title_role,
                key_badge=self.key_badges,
                mark=self.marks.get(place_id, ""),
                short_title=self.short_titles.get(place_id, ""),
            )
            panel.model.show_suggestions = self.suggestions_shown
            panel.set_named(self.named)
            panel.model.sync()
            self._grid.addWidget(panel, row, column, height, width)
            view = panel.view
            view.setFocusPolicy(self.focus)
            view.floor_ratio = self.floor_ratio
            view.delegate.descriptions = self.descriptions
            if self.compact_cards:
                view.delegate.compact = True
                view.spacing_ratio = COMPACT_SPACING
            view.fitter = self.fit_text
            view.focused.connect(lambda p=place_id: self._focused(p))
            view.edgeReached.connect(lambda dx, dy, p=place_id: self._edge(p, dx, dy))
            view.cardSent.connect(self.select)
            # a click moves the current card first and selects it after: follow both
            view.selectionModel().currentChanged.connect(
                lambda _new, _old, p=place_id: self._selection_moved(p)
            )
            view.selectionModel().selectionChanged.connect(
                lambda _new, _old, p=place_id: self._selection_moved(p)
            )
            if self.carrier is not None:
                view.key_handler = lambda event, p=place_id: self.carrier.key(p, event)
            self.panels[place_id] = panel
        rows, columns = stretches(layout, place_ids)
        for row, stretch in enumerate(rows):
            self._grid.setRowStretch(row, stretch)
        self.set_column_stretch(self.column_stretch or columns)

    def set_column_stretch(self, stretch: Sequence[int]) -> None:
        """Share the width between the grid's columns in these proportions (the matrix
        narrows its deck as it empties)."""
        if len(stretch) == len(self.layout_rows[0]):
            self.column_stretch = list(stretch)
            for column, factor in enumerate(stretch):
                if self._grid.columnStretch(column) != factor:
                    self._grid.setColumnStretch(column, factor)

    def refresh(
        self, layout: Sequence[Sequence[str]] | None = None, places: set[str] | None = None
    ) -> bool:
        """Catch up with the board; return True if the panels were built anew.
        ``places``: only these places changed (a card moved); None: any may have."""
        wanted = as_layout(layout) if layout is not None else self.layout_rows
        if wanted != self.layout_rows or list(self.panels) != self.board_actions.board.place_ids():
            self._build(wanted)
            self.rebuilt.emit()
            return True
        self._refresh_panels(places)
        if self.carrier is not None:
            self.carrier.check()
        self.changed.emit()
        return False

    def _refresh_panels(self, places: set[str] | None = None) -> None:
        """Refresh every panel (or those of ``places``), fitting the text once at the end
        (not once per row signal)."""
        self._batching = True
        try:
            for place_id, panel in self.panels.items():
                if places is None or place_id in places:
                    panel.refresh()
        finally:
            self._batching = False
        if self._fit_wanted:
            self.fit_text()

    def set_names_shown(self, shown: bool) -> None:
        """Show each place's key and name (True), or give their room to the cards."""
        if shown != self.named:
            self.named = shown
            for panel in self.panels.values():
                panel.set_named(shown)
            self.fit_text()

    def set_suggestions_shown(self, shown: bool) -> None:
        """Show (or hide) on every card where its deck suggests it goes."""
        if shown == self.suggestions_shown:
            return
        self.suggestions_shown = shown
        for panel in self.panels.values():
            panel.model.show_suggestions = shown
        self._refresh_panels()
        self.fit_text()

    def fit_text(self) -> None:
        """One text size for every card on the board: the largest at which all fit."""
        if self._batching:
            self._fit_wanted = True
            return
        self._fit_wanted = False
        views = self.views()
        if views:
            px = min(view.best_px() for view in views)
            for view in views:
                view.apply_px(px)
        self.changed.emit()

    # -- reading -----------------------------------------------------------------------------
    def view(self, place_id: str) -> PlaceView:
        return self.panels[place_id].view

    def views(self) -> list[PlaceView]:
        return [panel.view for panel in self.panels.values()]

    def spans(self) -> dict[str, Span]:
        """Where each place sits in the grid (row, column, row span, column span)."""
        return dict(self._spans)

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

    def clear_selection(self) -> None:
        for panel in self.panels.values():
            panel.view.selectionModel().clear()

    # -- one selection over the board (and over every window, if shared) -----------------------
    def share_selection(self, shared: SharedSelection | None) -> None:
        """Select what ``shared`` selects for this step, and tell it what is selected here."""
        if shared is None:
            return
        self._shared = shared
        shared.changed.connect(self._follow_shared)
        self.currentCardChanged.connect(self._tell_shared)
        card_id = shared.card(self.board_actions.step_id)
        if card_id:
            self._follow_shared(self.board_actions.step_id, card_id)

    def shared_selection(self) -> SharedSelection | None:
        return self._shared

    def follow_shared(self) -> None:
        """Select again what the shared selection has (after cards were shown again)."""
        if self._shared is not None:
            card_id = self._shared.card(self.board_actions.step_id)
            if card_id:
                self._follow_shared(self.board_actions.step_id, card_id)

    def _tell_shared(self, card_id: str) -> None:
        if self._shared is not None and not self._following:
            self._shared.select(self.board_actions.step_id, card_id)

    def _follow_shared(self, step_id: str, card_id: str) -> None:
        if step_id != self.board_actions.step_id or card_id == (self.current_card() or ""):
            return
        self._following = True
        try:
            if card_id and card_id in self.board_actions.board:
                self.select(card_id, focus=False)
            else:
                self.clear_selection()
        finally:
            self._following = False
        self._announce()

    def _focused(self, place_id: str) -> None:
        if place_id == self._active:
            return
        self._active = place_id
        for other, panel in self.panels.items():
            if other != place_id and panel.view.selectionModel().hasSelection():
                panel.view.selectionModel().clear()
        if not self._following:
            self._announce()

    def _selection_moved(self, place_id: str) -> None:
        if place_id == self._active and not self._following:
            self._announce()

    def _announce(self) -> None:
        """Emit ``currentCardChanged`` if the selected card is not the one last announced."""
        card_id = self.current_card() or ""
        if card_id != self._announced:
            self._announced = card_id
            self.currentCardChanged.emit(card_id)

    def _edge(self, place_id: str, dx: int, dy: int) -> None:
        """An arrow key left ``place_id``: go on to the nearest place that way."""
        other = neighbour(self._spans, place_id, dx, dy)
        if other is None:
            return
        source = self.panels[place_id].view
        target = self.panels[other].view
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
