"""The facilitator's side of a "Sue and Mick" step: capture as fast as the room talks.

Six cells (Sue's three rows, then Mick's), each an entry and a list of notes.
Typing and Enter adds a note and keeps the cursor in the entry; Tab and
Shift+Tab go to the next or previous cell, Alt+1...6 (from anywhere in the
console) to cell 1...6. In a list, Delete removes a note, F2 or Enter edits it,
Ctrl+arrows move it to the neighbouring cell, Alt+Up/Down move it within its
cell and Ctrl+1...6 move it to cell 1...6; typing there goes into the cell's
entry. A note too long to keep whole stays in the entry, marked, until it is
shortened: nothing is cut. Notes and cards can also be dragged between cells.
Every change runs a command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.session import Change, Session
from coprod_workshop.participation.inboxview import PhoneInbox
from coprod_workshop.exercises.relationship.commands import (
    AddNote,
    DeleteNote,
    MoveNote,
    PlaceStatement,
    RevealDebrief,
    ShowDeck,
)
from coprod_workshop.exercises.relationship.model import (
    CELLS,
    MAX_NOTE_LENGTH,
    PERSONAS,
    ROWS,
    Cell,
    Relationship,
    cell_at,
    cell_number,
)
from coprod_workshop.exercises.relationship.qtmodels import DeckModel, NotesModel
from coprod_workshop.exercises.relationship.settings import DebriefEditor, SettingsEditor
from coprod_workshop.exercises.relationship.widgets import (
    CellEntry,
    DeckList,
    NoteList,
    note_length,
)
from coprod_workshop.ui.focus import CHAIN_LIMIT, takes_tab
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import SpokenLabel, refresh_style

KEYS_HINT = (
    "Alt+1…6 or click: type into a cell · Enter adds · Tab next cell (after the sixth, on to "
    "the buttons) · ↑ into the notes · "
    "Del removes · F2 edits · Ctrl+arrows move a note across or down · Ctrl+1…6 move it to "
    "a cell · Alt+↑↓ reorder · Alt+P notes from phones"
)
#: the cell starts counting down this close to the longest note it keeps
LIMIT_WARNING = 40


class CaptureCell(QWidget):
    """One cell of the capture grid: its number and row, an entry, its notes."""

    def __init__(self, number: int, model: NotesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.cell = cell_at(number)
        self.model = model
        self.setObjectName("RelationshipCaptureCell")
        self.title = QLabel()
        self.title.setProperty("role", "capture-cell-title")
        self.entry = CellEntry()
        #: how many characters are left, shown near the longest note a cell keeps
        self.limit = SpokenLabel()
        self.limit.setProperty("role", "note-limit")
        self.limit.hide()
        self.entry.textChanged.connect(self._show_limit)
        self.list = NoteList()
        self.list.setModel(model)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title)
        top.addWidget(self.entry, 1)
        top.addWidget(self.limit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3, 3, 3, 3)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setProperty("active", False)
        self.entry.installEventFilter(self)
        self.list.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Outline the cell the cursor is in, so the facilitator sees where a note will go."""
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            active = self.entry.hasFocus() or self.list.hasFocus()
            if self.property("active") != active:
                self.setProperty("active", active)
                refresh_style(self)
        return False

    def _show_limit(self, text: str) -> None:
        left = MAX_NOTE_LENGTH - note_length(text)
        over = left < 0
        self.limit.setVisible(left <= LIMIT_WARNING)
        self.limit.setText(f"{-left} too many" if over else f"{left} left")
        self.limit.setAccessibleName(
            f"The note is {-left} characters over the {MAX_NOTE_LENGTH} a note can hold; "
            "shorten it to add it"
            if over
            else f"{left} characters left in this note"
        )
        self.limit.setToolTip(f"A note holds up to {MAX_NOTE_LENGTH} characters")
        if self.limit.property("over") != over:
            self.limit.setProperty("over", over)
            refresh_style(self.limit)

    def set_names(self, persona: str, row: str) -> None:
        count = self.model.rowCount()
        self.title.setText(f"<b>{self.number + 1}</b> {row} ({count})")
        where = f"{persona}, {row.lower()}"
        self.entry.setAccessibleName(f"Add a note to cell {self.number + 1}: {where}")
        self.entry.setPlaceholderText(f"{row}: type, Enter adds")
        self.list.setAccessibleName(f"Notes in cell {self.number + 1}: {where}")


class RelationshipConsole(StepView):
    """Capture grid, card deck, debrief and settings of one step."""

    def __init__(
        self, session: Session, step_id: str, run: Callable[[Any], None], phone: Any = None
    ) -> None:
        super().__init__(session, step_id)
        self._run = run
        self.setMinimumHeight(400)
        self.cells: list[CaptureCell] = []
        self.persona_labels = [QLabel() for _ in range(PERSONAS)]
        capture = QWidget()
        grid = QGridLayout(capture)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setSpacing(6)
        for persona, label in enumerate(self.persona_labels):
            label.setProperty("role", "capture-persona")
            grid.addWidget(label, 0, persona)
        for number in range(CELLS):
            model = NotesModel(session, step_id, cell_at(number), run, self)
            cell = CaptureCell(number, model)
            persona, row = cell.cell
            grid.addWidget(cell, row + 1, persona)
            grid.setRowStretch(row + 1, 1)
            cell.entry.submitted.connect(lambda text, c=cell: self.add_note(c.number, text))
            cell.entry.cellStep.connect(lambda step, c=cell: self.step_cell(c.number, step))
            cell.entry.jump.connect(self.focus_cell)
            cell.entry.intoList.connect(lambda c=cell: self.focus_list(c.number))
            cell.list.cellStep.connect(lambda step, c=cell: self.step_cell(c.number, step))
            cell.list.leave.connect(lambda c=cell: self.focus_cell(c.number))
            cell.list.action.connect(self.note_action)
            cell.list.typed.connect(lambda text, c=cell: self.type_into(c.number, text))
            self.cells.append(cell)
        hint = QLabel(KEYS_HINT)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        grid.addWidget(hint, ROWS + 1, 0, 1, PERSONAS)

        self.deck_model = DeckModel(session, step_id, run, self)
        self.deck = DeckList()
        self.deck.setModel(self.deck_model)
        self.deck.setAccessibleName("Statement cards still to place")
        self.deck.place.connect(self.place_card)
        self.place_left = QPushButton()
        self.place_right = QPushButton()
        self.place_left.clicked.connect(lambda: self._place_current("left"))
        self.place_right.clicked.connect(lambda: self._place_current("right"))
        deck_tab = QWidget()
        deck_layout = QVBoxLayout(deck_tab)
        deck_hint = QLabel(
            "For a room that is slow to start: drag a card onto a cell, or select it and press "
            "Ctrl+← / Ctrl+→ (or Ctrl+1…6). Delete a placed card to put it back."
        )
        deck_hint.setProperty("role", "hint")
        deck_hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.place_left)
        buttons.addWidget(self.place_right)
        deck_layout.addWidget(deck_hint)
        deck_layout.addWidget(self.deck, 1)
        deck_layout.addLayout(buttons)

        self.debrief_editor = DebriefEditor(session, step_id, run)
        self.settings_editor = SettingsEditor(session, step_id, run)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Sue and Mick: capture, cards, debrief, settings")
        self.tabs.addTab(capture, "&Capture")
        self.tabs.addTab(deck_tab, "Car&ds")
        self.tabs.addTab(self.debrief_editor, "De&brief")
        self.tabs.addTab(self.settings_editor, "&Settings")
        self.inbox = PhoneInbox(session, step_id, run, phone, self)
        self.tabs.addTab(self.inbox, "&Phones")
        self.tabs.currentChanged.connect(self._tab_chosen)
        self.tabs.tabBar().installEventFilter(self)  # Alt+P on the Phones tab already open

        self.reveal = QPushButton()
        self.reveal.setCheckable(True)
        self.reveal.setToolTip("Show the debrief questions on the projector (Ctrl+R)")
        self.reveal.clicked.connect(lambda checked: self._run(RevealDebrief(step_id, checked)))
        self.show_deck = QPushButton()
        self.show_deck.setCheckable(True)
        self.show_deck.setToolTip("Show the cards still to sort on the projector (Ctrl+Shift+R)")
        self.show_deck.clicked.connect(lambda checked: self._run(ShowDeck(step_id, checked)))
        corner = QWidget()
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 0, 0, 2)
        corner_layout.addWidget(self.show_deck)
        corner_layout.addWidget(self.reveal)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        for text, keys, button in (
            ("Reveal or hide the debrief", "Ctrl+R", self.reveal),
            ("Show or hide the cards on the projector", "Ctrl+Shift+R", self.show_deck),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(button.click)
            self.addAction(action)
        for number in range(CELLS):
            # Alt+1...6 from anywhere in the console: type into that cell (and nothing else:
            # Ctrl+1...6 moves a note or card to a cell).
            action = QAction(f"Type into cell {number + 1}", self)
            action.setShortcut(QKeySequence(f"Alt+{number + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, n=number: self.focus_cell(n))
            self.addAction(action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.refresh()

    @property
    def state(self) -> Relationship:
        return self.step.state  # type: ignore[no-any-return]

    def detach(self) -> None:
        """Keep a note being edited, then stop following the session."""
        for cell in self.cells:
            if cell.list.state() == QAbstractItemView.State.EditingState:
                editor = cell.list.viewport().findChild(QLineEdit)
                if editor is not None:
                    cell.list.commitData(editor)
            cell.model.detach()
        self.deck_model.detach()
        super().detach()
        self.debrief_editor.detach()
        self.settings_editor.detach()
        self.inbox.detach()

    # -- redrawing -------------------------------------------------------------------
    def refresh(self, change: Change | None = None) -> None:
        state = self.state
        waiting = len(state.collection.pending)
        phones = f"&Phones ({waiting} waiting)" if waiting else "&Phones"
        if self.tabs.tabText(4) != phones:  # (a dot from a phone changes nothing here)
            self.tabs.setTabText(4, phones)
        if change is not None and change.detail in ("inbox", "dots"):
            return  # the inbox and the dots redraw themselves
        settings = state.settings
        for cell in self.cells:
            cell.model.sync()
            persona, row = cell.cell
            cell.set_names(settings.personas[persona].name, settings.rows[row])
        for persona, label in enumerate(self.persona_labels):
            name = settings.personas[persona].name
            label.setText(f"<b>{name}</b> ({state.note_count(persona)} notes)")
        self.deck_model.sync()
        left, right = (p.name for p in settings.personas)
        self.place_left.setText(f"← Place with {left}")
        self.place_right.setText(f"Place with {right} →")
        has_card = self.deck_model.rowCount() > 0
        self.place_left.setEnabled(has_card)
        self.place_right.setEnabled(has_card)
        self.tabs.setTabText(1, f"Car&ds ({self.deck_model.rowCount()})")
        self.reveal.setChecked(state.revealed)
        self.reveal.setText("Hide debrief" if state.revealed else "Reveal debrief")
        self.reveal.setAccessibleName(self.reveal.text())
        self.show_deck.setChecked(state.deck_shown)
        self.show_deck.setText("Hide cards" if state.deck_shown else "Show cards")
        self.show_deck.setAccessibleName(
            "Hide cards on the projector" if state.deck_shown else "Show cards on the projector"
        )

    # -- focus -------------------------------------------------------------------------
    def step_cell(self, number: int, step: int) -> None:
        """Tab in cell ``number`` (``step`` 1) or Shift+Tab (-1): the next or previous
        cell; past the sixth or before the first, on to the controls around the grid."""
        target = number + step
        if 0 <= target < CELLS:
            self.focus_cell(target)
            return
        grid = self.cells[0].parentWidget() or self
        chain = QWidget.nextInFocusChain if step > 0 else QWidget.previousInFocusChain
        widget = chain(self.cells[number].entry)
        for _ in range(CHAIN_LIMIT):
            if widget is None or widget is self.cells[number].entry:
                return
            if not grid.isAncestorOf(widget) and takes_tab(widget):
                reason = Qt.FocusReason
                widget.setFocus(reason.TabFocusReason if step > 0 else reason.BacktabFocusReason)
                return
            widget = chain(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.tabs.tabBar() and event.type() == QEvent.Type.Shortcut:
            # A tab's Alt letter. The tab bar turns to that tab, which says nothing when
            # it is open already: Alt+P on the open Phones tab still brings the keyboard.
            QTimer.singleShot(0, lambda: self._tab_chosen(self.tabs.currentIndex()))
        return super().eventFilter(watched, event)

    def _tab_chosen(self, index: int) -> None:
        # Alt+P, or a click on "Phones (2 waiting)": the inbox takes the keyboard, so
        # Enter accepts the first note. Walking the tabs with the arrow keys leaves it be.
        if self.tabs.widget(index) is self.inbox and not self.tabs.tabBar().hasFocus():
            self.inbox.take_focus()

    def focus_cell(self, number: int) -> None:
        """Put the cursor in cell ``number``'s entry (wrapping around the six cells)."""
        self.tabs.setCurrentIndex(0)
        self.cells[number % CELLS].entry.setFocus(Qt.FocusReason.TabFocusReason)

    def type_into(self, number: int, text: str) -> None:
        """Words typed in a cell's notes go to its entry, never lost in the list."""
        entry = self.cells[number % CELLS].entry
        entry.setFocus(Qt.FocusReason.OtherFocusReason)
        entry.insert(text)

    def focus_list(self, number: int, row: int | None = None) -> None:
        cell = self.cells[number % CELLS]
        if cell.model.rowCount() == 0:
            return
        cell.list.setFocus(Qt.FocusReason.OtherFocusReason)
        cell.list.select_row(cell.model.rowCount() - 1 if row is None else row)

    def select_note(self, note_id: str) -> None:
        cell, index, _ = self.state.find(note_id)
        self.focus_list(cell_number(cell), index)

    # -- changes -------------------------------------------------------------------------
    def add_note(self, number: int, text: str) -> None:
        self._run(AddNote(self.step_id, cell_at(number), text))
        self.cells[number].list.scrollToBottom()

    def note_action(self, what: str, note_id: str) -> None:
        state = self.state
        try:
            (persona, row), index, _ = state.find(note_id)
        except KeyError:
            return
        if what == "delete":
            self._run(DeleteNote(self.step_id, note_id))
            remaining = len(state.notes_in((persona, row)))
            if remaining:
                self.focus_list(cell_number((persona, row)), min(index, remaining - 1))
            else:
                self.focus_cell(cell_number((persona, row)))
            return
        target: tuple[Cell, int | None]
        if what == "across":
            target = ((1 - persona, row), None)
        elif what == "row-up" and row > 0:
            target = ((persona, row - 1), None)
        elif what == "row-down" and row < ROWS - 1:
            target = ((persona, row + 1), 0)
        elif what == "earlier":
            target = ((persona, row), max(0, index - 1))
        elif what == "later":
            target = ((persona, row), index + 1)
        elif what.startswith("cell-"):
            target = (cell_at(int(what[5:]) - 1), None)
        else:
            return
        cell, new_index = target
        last = len(state.notes_in(cell)) - (1 if cell == (persona, row) else 0)
        new_index = last if new_index is None else min(new_index, last)
        if (cell, new_index) != ((persona, row), index):
            self._run(MoveNote(self.step_id, note_id, cell, new_index))
        self.select_note(note_id)

    def place_card(self, card_id: str, where: str) -> None:
        state = self.state
        try:
            card = state.card(card_id)
        except KeyError:
            return
        if card_id in state.placed_cards():
            return
        if where in ("left", "right"):
            cell = (0 if where == "left" else 1, card.row)
        else:
            cell = cell_at(int(where[5:]) - 1)
        row = self.deck.currentIndex().row()
        self._run(PlaceStatement(self.step_id, card.id, cell, card.text))
        if self.deck_model.rowCount():
            self.deck.setCurrentIndex(
                self.deck_model.index(min(row, self.deck_model.rowCount() - 1))
            )

    def _place_current(self, where: str) -> None:
        card = self.deck.current_id()
        if card is None and self.deck_model.rowCount():
            card = self.deck_model.ids()[0]
        if card is not None:
            self.place_card(card, where)
