"""Keyboard-first capture widgets of the console: a cell's entry and its list of notes.

They only turn keys into signals; the console decides what each one does
(always by running a command).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from coprod_workshop.exercises.relationship.model import CELLS, MAX_NOTE_LENGTH
from coprod_workshop.exercises.relationship.qtmodels import ID_ROLE
from coprod_workshop.ui.focus import leave_on_tab

ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, CELLS + 1)}
#: keys the notes list uses itself, even where the window has a shortcut for them
LIST_KEYS = (
    Qt.Key.Key_Delete,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_F2,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Space,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    *ARROWS,
)


def _mods(event: QKeyEvent) -> Qt.KeyboardModifier:
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


def note_length(text: str) -> int:
    """Length of ``text`` as a note keeps it (one line, single spaces)."""
    return len(" ".join(text.split()))


def typed_text(event: QKeyEvent) -> str:
    """The text a key press types (not Space, which lists use), or ""."""
    text = event.text()
    mods = _mods(event) & ~Qt.KeyboardModifier.ShiftModifier
    if mods or not text or not text.isprintable() or text.isspace():
        return ""
    return text


class CellEntry(QLineEdit):
    """Where the facilitator types what the room says.

    A note longer than ``MAX_NOTE_LENGTH`` (after spaces are tidied) is not
    added: Enter leaves it in the entry, where the cell shows how much is over.

    Signals:
        submitted(str): Enter pressed (the text; the entry is then cleared).
        cellStep(int): Tab (+1) or Shift+Tab (-1): go to the next or previous cell.
        jump(int): Alt+1...6: go to cell n (0-based).
        intoList(): Up arrow: go to this cell's notes.
    """

    submitted = Signal(str)
    cellStep = Signal(int)
    jump = Signal(int)
    intoList = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if (
                event.key() == Qt.Key.Key_Tab
                and not _mods(event) & ~Qt.KeyboardModifier.ShiftModifier
            ):
                self.cellStep.emit(1)
                return True
            if event.key() == Qt.Key.Key_Backtab:
                self.cellStep.emit(-1)
                return True
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # With nothing of its own to undo, Ctrl+Z undoes the last change to the session.
            if (event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable()) or (
                event.matches(QKeySequence.StandardKey.Redo) and not self.isRedoAvailable()
            ):
                return True
            if event.key() in DIGITS and _mods(event) == Qt.KeyboardModifier.AltModifier:
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), _mods(event)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self.text()
            event.accept()
            if note_length(text) > MAX_NOTE_LENGTH:
                return  # kept, and the cell says it is too long: nothing is cut
            if text.strip():
                self.submitted.emit(text)
            self.setText("")  # also clears the entry's own undo, so Ctrl+Z undoes the note
        elif key in DIGITS and mods == Qt.KeyboardModifier.AltModifier:
            self.jump.emit(DIGITS[key] - 1)
            event.accept()
        elif key == Qt.Key.Key_Up and not mods:
            self.intoList.emit()
            event.accept()
        else:
            super().keyPressEvent(event)
            if key in ARROWS or key in (Qt.Key.Key_Space, Qt.Key.Key_Backspace):
                event.accept()  # never let a text field's arrow key move the room on


class NoteEditor(QStyledItemDelegate):
    """Edits a note in place; the editor takes no more than a note can hold."""

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(MAX_NOTE_LENGTH)
            editor.setToolTip(f"A note holds up to {MAX_NOTE_LENGTH} characters")
        return editor


class NoteList(QListView):
    """The notes of one cell.

    Signals:
        cellStep(int): Tab / Shift+Tab.
        leave(): Escape, or Down past the last note: back to the entry.
        action(str, str): (what, note id) for ``delete``, ``across`` (Ctrl+Left/Right),
            ``row-up``, ``row-down`` (Ctrl+Up/Down), ``earlier``, ``later`` (Alt+Up/Down)
            and ``cell-N`` (Ctrl+N, N = 1...6).
        typed(str): a letter or number typed here: it belongs in the cell's entry.
    """

    cellStep = Signal(int)
    leave = Signal()
    action = Signal(str, str)
    typed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        leave_on_tab(self)
        # Tab goes cell to cell through the entries; ↑ from an entry comes into its notes
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setItemDelegate(NoteEditor(self))

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_row(self, row: int) -> None:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        index = model.index(max(0, min(row, model.rowCount() - 1)), 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Tab and not _mods(event):
                self.cellStep.emit(1)
                return True
            if event.key() == Qt.Key.Key_Backtab:
                self.cellStep.emit(-1)
                return True
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in LIST_KEYS or (
                event.key() in DIGITS and _mods(event) == Qt.KeyboardModifier.ControlModifier
            ):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), _mods(event)
        note = self.current_id()
        if typed_text(event) and self.state() != QAbstractItemView.State.EditingState:
            self.typed.emit(typed_text(event))  # never a search in the list: words are notes
            event.accept()
            return
        ctrl, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
        moves: dict[tuple[int, Qt.KeyboardModifier], str] = {
            (Qt.Key.Key_Left, ctrl): "across",
            (Qt.Key.Key_Right, ctrl): "across",
            (Qt.Key.Key_Up, ctrl): "row-up",
            (Qt.Key.Key_Down, ctrl): "row-down",
            (Qt.Key.Key_Up, alt): "earlier",
            (Qt.Key.Key_Down, alt): "later",
        }
        event.accept()
        if key == Qt.Key.Key_Escape or (
            key == Qt.Key.Key_Down
            and not mods
            and (note is None or self.currentIndex().row() == self.model().rowCount() - 1)
        ):
            self.leave.emit()
        elif note is None:
            if key not in ARROWS:
                super().keyPressEvent(event)
            event.accept()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not mods:
            self.action.emit("delete", note)
        elif (key, mods) in moves:
            self.action.emit(moves[(key, mods)], note)
        elif key in DIGITS and mods == ctrl:
            self.action.emit(f"cell-{DIGITS[key]}", note)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and not mods:
            # (Enter in the editor reaches here too while the edit is being committed.)
            if self.state() != QAbstractItemView.State.EditingState:
                self.edit(self.currentIndex())
        else:
            super().keyPressEvent(event)
            event.accept()  # arrows at the ends of the list must not move the room on


class DeckList(QListView):
    """The statement cards still to place.

    Signals:
        place(str, str): (card id, where): ``left`` or ``right`` (Ctrl+Left/Right: with the
            first or second persona, in the card's suggested row) or ``cell-N`` (Ctrl+N).
    """

    place = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        leave_on_tab(self)  # Tab leaves the list; arrows move inside
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in LIST_KEYS or (
                event.key() in DIGITS and _mods(event) != Qt.KeyboardModifier.AltModifier
            ):  # (Alt+N is the window's: type into cell N)
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), _mods(event)
        card = self.current_id()
        ctrl = Qt.KeyboardModifier.ControlModifier
        if card and mods == ctrl and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.place.emit(card, "left" if key == Qt.Key.Key_Left else "right")
        elif card and mods == ctrl and key in DIGITS:
            self.place.emit(card, f"cell-{DIGITS[key]}")
        else:
            super().keyPressEvent(event)
        if key != Qt.Key.Key_Tab and key != Qt.Key.Key_Backtab:
            event.accept()
