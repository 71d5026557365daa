"""Qt adapters over a board of cards: the actions views take, and one list model per place.

* :class:`BoardActions` turns what a view asks for (drop these cards here,
  send this card to place 2, rename) into the shared board commands and runs
  them; with no ``run`` the board is read-only. Its ``keys`` say which number
  key sends a card to which place (board order unless given: the Bovaird
  matrix uses the layout of a numeric keypad).
* :class:`CardListModel` shows one place of a board as a Qt list model. It
  holds no state beyond the rows it last showed: :meth:`CardListModel.sync`
  turns the board's new contents into the smallest row signals (remove,
  insert, data changed), so selections elsewhere survive. A drag carries card
  ids only, under :data:`MIME_TYPE` (plus the texts as plain text for other
  applications); a drop runs ``PlaceCard`` through the actions. With
  ``show_suggestions`` on, each card also carries a :class:`Suggestion`: where
  its deck suggests it goes, and whether the room agrees.

The view of a place is ``cards.placeview.PlaceView``; the board of places is
``cards.boardview.BoardWidget``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from coprod_workshop.core.session import Session
from coprod_workshop.exercises.cards.board import AGREES, DECK, DIFFERS, Board, Card
from coprod_workshop.exercises.cards.commands import (
    AddCard,
    Batch,
    EditCard,
    FlagCard,
    PlaceCard,
    RemoveCard,
    RenamePlace,
    board_of,
)
from coprod_workshop.ui.focus import announce

MIME_TYPE = "application/x-coprod-cards"
ID_ROLE = Qt.ItemDataRole.UserRole
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 1
CONTESTED_ROLE = Qt.ItemDataRole.UserRole + 2
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 3
#: the card's position (from 1) on an ordered place, else 0
ORDER_ROLE = Qt.ItemDataRole.UserRole + 4
#: a :class:`Suggestion` while suggestions are shown and the card has one, else None
SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 5
#: everything a delegate draws, in one call: a :class:`CardLook`
LOOK_ROLE = Qt.ItemDataRole.UserRole + 6


@dataclass(frozen=True)
class CardLook:
    """How one card looks (hashable: delegates cache sizes and pictures by it)."""

    text: str  # numbered on an ordered place ("3. Mum")
    description: str
    flagged: bool
    contested: bool
    badge: str  # see Suggestion.badge; "" while suggestions are hidden
    badge_state: str  # board.AGREES, DIFFERS, UNPLACED or ""


Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Suggestion:
    """Where a card's deck suggests it goes, as a view shows it.

    ``state`` is ``board.AGREES``, ``DIFFERS`` or ``UNPLACED``; ``key`` the
    number key of the suggested place (None if it has none).
    """

    state: str
    place_id: str
    key: int | None
    place_name: str

    @property
    def number(self) -> str:
        return "?" if self.key is None else str(self.key)

    def badge(self) -> str:
        """A few characters on the card: ✓ as suggested, ≠ 5 elsewhere, → 5 still to place."""
        if self.state == AGREES:
            return "✓"
        return f"{'≠' if self.state == DIFFERS else '→'} {self.number}"

    def words(self) -> str:
        """``suggested: 5 · User co-delivery of professionally designed services``"""
        return f"suggested: {self.number} · {self.place_name}"

    def spoken(self) -> str:
        if self.state == AGREES:
            return "where its deck suggests"
        lead = "differs from its deck, " if self.state == DIFFERS else ""
        return f"{lead}suggested cell {self.number}, {self.place_name}"


class BoardActions:
    """Runs the shared board commands for the views of one step's board."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None] | None,
        *,
        keys: Mapping[int, str] | None = None,
    ) -> None:
        self.session = session
        self.step_id = step_id
        self.run = run
        #: number key -> place id (None: 0 the deck, then the places in board order)
        self.keys = dict(keys) if keys is not None else None

    @property
    def board(self) -> Board:
        return board_of(self.session, self.step_id)

    @property
    def can_change(self) -> bool:
        return self.run is not None

    def key_map(self) -> dict[int, str]:
        """Number key -> place id, for the places the board has now."""
        place_ids = self.board.place_ids()
        if self.keys is None:
            return dict(enumerate(place_ids))
        return {number: place for number, place in self.keys.items() if place in place_ids}

    def key_of(self, place_id: str) -> int | None:
        """The number key that sends a card to ``place_id`` (None if no key does)."""
        for number, place in self.key_map().items():
            if place == place_id:
                return number
        return None

    def suggestion(self, card: Card) -> Suggestion | None:
        """Where ``card``'s deck suggests it goes (None if it suggests nothing here)."""
        return self.suggester()(card)

    def suggester(self) -> Callable[[Card], Suggestion | None]:
        """:meth:`suggestion` for many cards of the board as it is now (its keys read once)."""
        board = self.board
        keys: dict[str, int] = {}
        for number, place in self.key_map().items():
            keys.setdefault(place, number)  # the first key that sends a card there

        def suggestion(card: Card) -> Suggestion | None:
            state = board.suggestion_state(card.id)
            if not state:
                return None
            where = card.suggested
            return Suggestion(state, where, keys.get(where), board.place_name(where))

        return suggestion

    def _run(self, command: Any) -> bool:
        if self.run is None:
            return False
        self.run(command)
        return True

    def place(self, card_ids: Sequence[str], place_id: str, row: int | None = None) -> bool:
        """Put cards in ``place_id`` before what is now row ``row`` (the end if None)."""
        board = self.board
        commands = []
        target = row
        for card_id in card_ids:
            if card_id not in board:
                continue
            source, index = board.locate(card_id)
            final = target
            if final is not None and source == place_id and index < final:
                final -= 1
            last = len(board.ids_in(place_id)) - 1
            if source == place_id and index == (last if final is None else final):
                target = None if final is None else final + 1
                continue
            commands.append(PlaceCard(self.step_id, card_id, place_id, final))
            target = None if final is None else final + 1
        if not commands:
            return False
        if not self._run(commands[0] if len(commands) == 1 else Batch(commands)):
            return False
        count = len(board.ids_in(place_id))
        what = board.card(card_ids[0]).text if len(commands) == 1 else f"{len(commands)} cards"
        announce(f"{what} moved to {board.place_name(place_id)}, now {count} there")
        return True

    def place_number(self, card_id: str, number: int) -> bool:
        """Send a card to the place of number key ``number`` (0: the deck), at the end."""
        place_id = self.key_map().get(number)
        if place_id is None:
            return False
        return self.place([card_id], place_id)

    def shift(self, card_id: str, delta: int) -> bool:
        """Move a card ``delta`` places earlier (negative) or later in its place."""
        place_id, index = self.board.locate(card_id)
        new = max(0, min(index + delta, len(self.board.ids_in(place_id)) - 1))
        if new == index:
            return False
        return self._run(PlaceCard(self.step_id, card_id, place_id, new))

    def add(self, text: str, place_id: str = DECK) -> str | None:
        """Add a card the room suggests; return its id (None if nothing was added)."""
        try:
            command = AddCard(self.step_id, text, place_id)
        except ValueError:
            return None
        return command.card.id if self._run(command) else None

    def edit(self, card_id: str, text: str) -> bool:
        if card_id not in self.board or not text.strip():
            return False
        command = EditCard(self.step_id, card_id, text=text)
        if command.changes["text"] == self.board.card(card_id).text:
            return False
        return self._run(command)

    def remove(self, card_id: str) -> bool:
        return card_id in self.board and self._run(RemoveCard(self.step_id, card_id))

    def flag(self, card_id: str, flagged: bool) -> bool:
        if card_id not in self.board or self.board.card(card_id).flagged == flagged:
            return False
        return self._run(FlagCard(self.step_id, card_id, flagged))

    def rename(self, place_id: str, name: str) -> bool:
        if not name.strip() or self.board.place_name(place_id) == name.strip():
            return False
        return self._run(RenamePlace(self.step_id, place_id, name))


def make_mime(step_id: str, cards: Sequence[Card]) -> QMimeData:
    data = QMimeData()
    payload = {"step": step_id, "cards": [card.id for card in cards]}
    data.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode("utf-8")))
    data.setText("\n".join(card.text for card in cards))
    return data


def read_mime(data: QMimeData, step_id: str) -> list[str] | None:
    """The card ids a drag carries, if it comes from this step's board."""
    if data is None or not data.hasFormat(MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(payload, dict) or payload.get("step") != step_id:
        return None
    cards = payload.get("cards")
    return [c for c in cards if isinstance(c, str)] if isinstance(cards, list) else None


class CardListModel(QAbstractListModel):
    """One place of a board as a list model (see the module docstring)."""

    def __init__(
        self,
        actions: BoardActions,
        place_id: str,
        *,
        editable: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.board_actions = actions
        self.place_id = place_id
        self.editable = editable
        #: show where the deck suggests each card goes (``SUGGESTION_ROLE``); then :meth:`sync`
        self.show_suggestions = False
        self._rows: list[tuple[str, tuple[Any, ...]]] = self._contents()

    def _contents(self) -> list[tuple[str, tuple[Any, ...]]]:
        """(id, how the card looks) for each card here; a change of look repaints it."""
        board = self.board_actions.board
        if self.place_id not in board.place_ids():
            return []
        ordered = board.place(self.place_id).ordered
        suggest = self.board_actions.suggester() if self.show_suggestions else lambda _card: None
        rows = []
        for row, card in enumerate(board.cards_in(self.place_id), start=1):
            contested, order, suggestion = board.is_contested(card.id), ordered * row, suggest(card)
            look = CardLook(
                f"{order}. {card.text}" if order else card.text,
                card.description,
                card.flagged,
                contested,
                suggestion.badge() if suggestion else "",
                suggestion.state if suggestion else "",
            )
            rows.append(
                (card.id, (card, contested, board.move_count(card.id), order, suggestion, look))
            )
        return rows

    def ids(self) -> list[str]:
        return [card_id for card_id, _ in self._rows]

    def card_at(self, row: int) -> Card:
        return self._rows[row][1][0]  # type: ignore[no-any-return]

    def row_of(self, card_id: str) -> int:
        return self.ids().index(card_id)

    def sync(self) -> bool:
        """Catch up with the board: remove, then insert, then announce changed rows.
        Returns whether anything changed."""
        new = self._contents()
        new_ids = [card_id for card_id, _ in new]
        position = {card_id: i for i, card_id in enumerate(new_ids)}
        keep = set(_longest_increasing([position[c] for c in self.ids() if c in position]))
        count, kept = len(self._rows), len(keep)  # (every row kept and none added: no move)
        root = QModelIndex()
        for row in reversed(range(len(self._rows))):
            card_id = self._rows[row][0]
            if position.get(card_id) not in keep:
                self.beginRemoveRows(root, row, row)
                del self._rows[row]
                self.endRemoveRows()
        for row, (card_id, look) in enumerate(new):
            if row >= len(self._rows) or self._rows[row][0] != card_id:
                self.beginInsertRows(root, row, row)
                self._rows.insert(row, (card_id, look))
                self.endInsertRows()
        changed = [
            row
            for row, (entry, fresh) in enumerate(zip(self._rows, new, strict=True))
            if entry != fresh
        ]
        self._rows = new
        for row in changed:
            self.dataChanged.emit(self.index(row), self.index(row))
        return bool(changed) or count != len(new) or kept != len(new)

    def looks(self) -> list[CardLook]:
        """How each card here looks, in order (``LOOK_ROLE`` of every row, at once)."""
        return [entry[5] for _, entry in self._rows]

    # -- Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        card_id, (card, contested, moves, order, suggestion, look) = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return card.text
        if role == ID_ROLE:
            return card_id
        if role == FLAGGED_ROLE:
            return card.flagged
        if role == CONTESTED_ROLE:
            return contested
        if role == DESCRIPTION_ROLE:
            return card.description
        if role == ORDER_ROLE:
            return order
        if role == SUGGESTION_ROLE:
            return suggestion
        if role == LOOK_ROLE:
            return look
        if role == Qt.ItemDataRole.AccessibleTextRole:
            marks = [card.description] if card.description else []
            marks += ["flagged for discussion"] * card.flagged + [
                "moved back and forth"
            ] * contested
            marks += [suggestion.spoken()] if suggestion else []
            number = [f"number {order}"] if order else []
            return ", ".join([*number, card.text, *marks])
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [card.text + (f" ({card.description})" if card.description else "")]
            if card.source:
                lines.append(f"Source: {card.source}")
            if moves:
                lines.append(f"Moved {moves} time{'s' * (moves != 1)}")
            if suggestion:
                reason = f" — {card.reason}" if card.reason else ""
                lines.append(f"S{suggestion.words()[1:]}{reason}")
            return "\n".join(lines)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        can_change = self.board_actions.can_change
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if can_change else Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if can_change:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if can_change and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable:
            return False
        if not str(value).strip():  # an emptied card keeps its text; Delete removes it
            return False
        self.board_actions.edit(self._rows[index.row()][0], str(value))
        return True

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return make_mime(self.board_actions.step_id, [self.card_at(row) for row in rows])

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return self.board_actions.can_change and bool(read_mime(data, self.board_actions.step_id))

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Place the dragged cards before ``row`` (or on ``parent``'s row; the end if -1)."""
        cards = read_mime(data, self.board_actions.step_id)
        if not cards or action == Qt.DropAction.IgnoreAction or not self.board_actions.can_change:
            return False
        target = row if row >= 0 else parent.row() if parent.isValid() else None
        return self.board_actions.place(cards, self.place_id, target)


def _longest_increasing(values: list[int]) -> list[int]:
    """The longest strictly increasing subsequence of ``values`` (the rows that can stay)."""
    best: list[list[int]] = []
    for value in values:
        candidates = [seq for seq in best if seq[-1] < value]
        chain = max(candidates, key=len, default=[]) + [value]
        best.append(chain)
    return max(best, key=len, default=[])
