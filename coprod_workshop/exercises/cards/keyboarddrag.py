"""Pick a card up, choose a place with the arrows, put it down: a drag by keyboard.

On a board with many places (the Bovaird matrix's nine cells) number keys
are the quick path, and this is the one that needs no number: select a card,
press Enter to pick it up, move a highlighted target from place to place
with the arrow keys (the target's panel is outlined and says "Enter: put …
here"), press Enter to put the card down there, or Escape to leave it where
it was. As with the number keys, the next card of the place it came from is
selected afterwards, ready for the next one.

A :class:`Carrier` belongs to a ``boardview.BoardWidget`` made with
``carry=True``; the board's place views hand it every key press first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from coprod_workshop.exercises.cards.layout import Span, neighbour
from coprod_workshop.exercises.cards.placeview import ARROWS, PlaceView
from coprod_workshop.exercises.cards.boardmodel import BoardActions

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CarryBoard(Protocol):
    """What a carrier needs of its board (``boardview.BoardWidget`` is one)."""

    board_actions: BoardActions
    currentCardChanged: Any  # noqa: N815 (a Qt signal)

    @property
    def panels(self) -> Mapping[str, Any]: ...  # each with ``set_carry_target(text)``

    def view(self, place_id: str) -> PlaceView: ...

    def spans(self) -> dict[str, Span]: ...


class Carrier:
    """The card being carried across one board by keyboard, and where it would go."""

    def __init__(self, board: CarryBoard) -> None:
        self.board = board
        self.card: str | None = None
        self.source: str | None = None
        self.target: str | None = None
        self._row = 0
        board.currentCardChanged.connect(self._selection_changed)

    def key(self, place_id: str, event: QKeyEvent) -> bool:
        """Handle a key pressed in ``place_id``'s view; True if it was used."""
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        if self.card is None:
            if plain and key in ENTER_KEYS and self.board.board_actions.can_change:
                view = self.board.view(place_id)
                card_id = view.current_card()
                if card_id is not None:
                    self.pick_up(card_id, place_id, view.currentIndex().row())
                    return True
            return False
        if plain and key in ARROWS:
            self.move(*ARROWS[key])
        elif plain and key in ENTER_KEYS:
            self.put_down()
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        else:
            self.cancel()  # any other key (a number key, Page Down) does what it always does
            return False
        return True

    def pick_up(self, card_id: str, place_id: str, row: int = 0) -> None:
        self.cancel()
        self.card, self.source, self._row = card_id, place_id, row
        self._aim(place_id)

    def move(self, dx: int, dy: int) -> None:
        """Move the target to the next place that way (it stays put at the board's edge)."""
        if self.target is not None:
            other = neighbour(self.board.spans(), self.target, dx, dy)
            if other is not None:
                self._aim(other)

    def put_down(self) -> bool:
        """Put the card on the target place; return whether it moved."""
        card_id, source, target, row = self.card, self.source, self.target, self._row
        self.cancel()
        if card_id is None or source is None or target is None or target == source:
            return False
        if not self.board.board_actions.place([card_id], target):
            return False
        view = self.board.view(source)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.select_row(row)
        return True

    def cancel(self) -> None:
        if self.target is not None and self.target in self.board.panels:
            self.board.panels[self.target].set_carry_target("")
        if self.source is not None and self.source in self.board.panels:
            self.board.view(self.source).setAccessibleDescription("")
        self.card = self.source = self.target = None

    def check(self) -> None:
        """After a change to the board: stop if the carried card or its places are gone."""
        if self.card is not None and (
            self.card not in self.board.board_actions.board
            or self.target not in self.board.panels
            or self.source not in self.board.panels
        ):
            self.cancel()

    def _aim(self, place_id: str) -> None:
        if self.target is not None and self.target in self.board.panels:
            self.board.panels[self.target].set_carry_target("")
        self.target = place_id
        board = self.board.board_actions.board
        text = board.card(self.card).text if self.card is not None and self.card in board else ""
        where = board.place_name(place_id)
        self.board.panels[place_id].set_carry_target(f"Enter: put “{text}” here · Esc: cancel")
        if self.source is not None:
            self.board.view(self.source).setAccessibleDescription(
                f"Carrying “{text}” to {where}: arrows choose a place, Enter puts it down, "
                "Escape cancels"
            )

    def _selection_changed(self, card_id: str) -> None:
        if self.card is not None and card_id != self.card:
            self.cancel()
