"""Qt item models over a "Sue and Mick" step: one per grid cell, one for the deck.

The models hold no state of their own beyond the ids they last showed: data
comes from the step's :class:`Relationship`, and every change (an edit, a
drop) is a command passed to ``run``. :meth:`StepListModel.sync` turns the
model's new contents into the smallest row signal (insert, remove, move,
data changed) so selections in other cells survive.

A drag carries ids only (MIME type :data:`MIME_TYPE`), plus the texts as plain
text for other applications.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
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
from PySide6.QtGui import QColor

from coprod_workshop.core.fields import clean_text
from coprod_workshop.core.session import Session
from coprod_workshop.exercises.relationship.commands import (
    DeleteNote,
    EditNote,
    MoveNote,
    PlaceStatement,
)
from coprod_workshop.exercises.relationship.model import MAX_NOTE_LENGTH, Cell, Relationship
from coprod_workshop.ui import theme

MIME_TYPE = "application/x-coprod-relationship"
ID_ROLE = Qt.ItemDataRole.UserRole
CARD_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def make_mime(
    step_id: str, notes: Sequence[str] = (), cards: Sequence[str] = (), text: str = ""
) -> QMimeData:
    data = QMimeData()
    payload = {"step": step_id, "notes": list(notes), "cards": list(cards)}
    data.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode("utf-8")))
    if text:
        data.setText(text)
    return data


def read_mime(data: QMimeData, step_id: str) -> tuple[list[str], list[str]] | None:
    """The note ids and card ids a drag carries, if it comes from this step."""
    if not data.hasFormat(MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(payload, dict) or payload.get("step") != step_id:
        return None
    notes = [n for n in payload.get("notes", []) if isinstance(n, str)]
    cards = [c for c in payload.get("cards", []) if isinstance(c, str)]
    return notes, cards


class StepListModel(QAbstractListModel):
    """Base: a list of (id, text) rows drawn from one step's state."""

    #: what a drag from this list carries: ``"notes"`` or ``"cards"``
    carries = "notes"

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.step_id = step_id
        self._run: Callable[[Any], None] | None = run
        self._rows: list[tuple[str, str]] = self._contents()

    def run(self, command: Any) -> None:
        if self._run is not None:
            self._run(command)

    def detach(self) -> None:
        """Run no more commands (the view is closing; an editor may still commit late)."""
        self._run = None

    @property
    def state(self) -> Relationship:
        return self.session.state_as(self.step_id, Relationship)

    def _contents(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def ids(self) -> list[str]:
        return [key for key, _ in self._rows]

    def row_of(self, key: str) -> int:
        return self.ids().index(key)

    def sync(self) -> None:
        """Catch up with the step's state, announcing the change row by row."""
        new = self._contents()
        old = self._rows
        old_ids, new_ids = [k for k, _ in old], [k for k, _ in new]
        root = QModelIndex()
        if old_ids == new_ids:
            self._rows = new
            changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
            if changed:
                self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
            return
        if len(new_ids) == len(old_ids) + 1:
            at = next(
                (i for i, (a, b) in enumerate(zip(old_ids, new_ids, strict=False)) if a != b),
                len(old_ids),
            )
            if new_ids[:at] + new_ids[at + 1 :] == old_ids:
                self.beginInsertRows(root, at, at)
                self._rows = new
                self.endInsertRows()
                return
        if len(new_ids) + 1 == len(old_ids):
            at = next(
                (i for i, (a, b) in enumerate(zip(old_ids, new_ids, strict=False)) if a != b),
                len(new_ids),
            )
            if old_ids[:at] + old_ids[at + 1 :] == new_ids:
                self.beginRemoveRows(root, at, at)
                self._rows = new
                self.endRemoveRows()
                return
        if sorted(old_ids) == sorted(new_ids):
            first = next(
                i for i, (a, b) in enumerate(zip(old_ids, new_ids, strict=False)) if a != b
            )
            last = max(i for i, (a, b) in enumerate(zip(old_ids, new_ids, strict=False)) if a != b)
            down = (
                old_ids[:first]
                + old_ids[first + 1 : last + 1]
                + [old_ids[first]]
                + old_ids[last + 1 :]
            )
            up = old_ids[:first] + [old_ids[last]] + old_ids[first:last] + old_ids[last + 1 :]
            if new_ids in (down, up):
                source, dest = (first, last + 1) if new_ids == down else (last, first)
                self.beginMoveRows(root, source, source, root, dest)
                self._rows = new
                self.endMoveRows()
                return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    # -- Qt model ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key, text = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return text
        if role == ID_ROLE:
            return key
        return None

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        """The dragged rows' ids (as notes or as cards, ``carries``) and their text."""
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._rows[r][0] for r in rows]
        text = "\n".join(self._rows[r][1] for r in rows)
        return make_mime(self.step_id, text=text, **{self.carries: ids})

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return read_mime(data, self.step_id) is not None


class NotesModel(StepListModel):
    """The notes of one grid cell, in order."""

    carries = "notes"

    def __init__(
        self,
        session: Session,
        step_id: str,
        cell: Cell,
        run: Callable[[Any], None],
        parent: QObject | None = None,
    ) -> None:
        self.cell = cell
        super().__init__(session, step_id, run, parent)

    def _contents(self) -> list[tuple[str, str]]:
        return [(note.id, note.text) for note in self.state.notes_in(self.cell)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        extra = (CARD_ROLE, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole)
        if role in extra and index.isValid():
            try:
                card_id = self.state.find(self._rows[index.row()][0])[2].card
            except (KeyError, IndexError):
                return None
            if role == CARD_ROLE:
                return card_id
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(theme.CARD_SELECTED) if card_id else None
            if card_id:
                return "From the card deck (press Delete to put it back)"
            return "F2 to edit · Delete to remove · Ctrl+arrows or Alt+1…6 to move"
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = clean_text(str(value), MAX_NOTE_LENGTH)
        key, old = self._rows[index.row()]
        if not text:  # an emptied note keeps its text; Delete removes it
            return False
        if text != old:
            self.run(EditNote(self.step_id, key, text))
        return True

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        carried = read_mime(data, self.step_id)
        if carried is None or action == Qt.DropAction.IgnoreAction:
            return False
        notes, cards = carried
        target = row if row >= 0 else parent.row() if parent.isValid() else len(self._rows)
        return self.drop(notes, cards, target)

    def drop(self, notes: Sequence[str], cards: Sequence[str], target: int) -> bool:
        """Move ``notes`` and place ``cards`` so they start at row ``target`` (as now shown)."""
        state = self.state
        done = False
        for note_id in notes:
            try:
                cell, index, _ = state.find(note_id)
            except KeyError:
                continue
            final = target - 1 if cell == self.cell and index < target else target
            if (cell, index) != (self.cell, final):
                self.run(MoveNote(self.step_id, note_id, self.cell, final))
            target = final + 1
            done = True
        placed = state.placed_cards()
        for card_id in cards:
            if card_id in placed:
                continue
            try:
                card = state.card(card_id)
            except KeyError:
                continue
            self.run(PlaceStatement(self.step_id, card.id, self.cell, card.text, target))
            target += 1
            done = True
        return done


class DeckModel(StepListModel):
    """The statement cards not yet on the grid."""

    carries = "cards"

    def _contents(self) -> list[tuple[str, str]]:
        return [(card.id, card.text) for card in self.state.unplaced_cards()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            try:
                source = self.state.card(self._rows[index.row()][0]).source
            except (KeyError, IndexError):
                return None
            return (
                "Source: the app's own suggestion"
                if source == "app suggestion"
                else f"Source: {source}"
            )
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """A placed card dropped back on the deck leaves the grid."""
        carried = read_mime(data, self.step_id)
        if carried is None:
            return False
        done = False
        for note_id in carried[0]:
            try:
                note = self.state.find(note_id)[2]
            except KeyError:
                continue
            if note.card:
                self.run(DeleteNote(self.step_id, note_id))
                done = True
        return done
