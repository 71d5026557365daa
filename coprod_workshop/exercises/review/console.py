"""The console's view of last time's actions: the group's open actions (what, who, by when,
from which workshop, what became of it), where the room's word on each is recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from coprod_workshop.core.commands import ReplaceState
from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.review.model import MAX_NOTE, STATUS_WORDS, STATUSES, OpenAction
from coprod_workshop.exercises.review.reader import NO_GROUP, ReviewReader, ReviewStepView
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.theme import SpokenLabel, explain

BUTTONS = {"done": "&Done", "going": "Goi&ng", "stuck": "&Stuck", "dropped": "D&ropped"}


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(text)
    return item


class ReviewControls(ReviewStepView):
    """The open actions (what, who, by when, from which workshop, what became of it): pick
    one (arrow keys), then Done, Going, Stuck or Dropped (Alt+letter) and a note (Enter
    keeps it). Every mark is a ReplaceState command: undoable and saved."""

    COLUMNS = ("What", "Who", "By when", "From", "Status", "Note")

    def __init__(
        self, session: Session, step_id: str, run: Callable[[Any], None], reader: ReviewReader
    ) -> None:
        super().__init__(session, step_id, reader)
        self._run = run
        self._items: list[OpenAction] = []
        self.table = leave_on_tab(QTableWidget(0, len(self.COLUMNS)))
        self.table.setAccessibleName("Open actions from the group's earlier workshops")
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._selected())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for status in STATUSES:
            button = QPushButton(BUTTONS[status])
            explain(button, f"Mark the selected action {STATUS_WORDS[status].lower()}")
            button.clicked.connect(lambda _=False, s=status: self.mark(s))
            # in the list, the letter alone marks the action picked (D, N, S, R)
            letter = BUTTONS[status].split("&")[1][0].upper()
            QShortcut(QKeySequence(letter), self.table, lambda s=status: self.mark(s))
            self.buttons[status] = button
            row.addWidget(button)
        self.unmark_button = QPushButton("&Unmark")
        explain(self.unmark_button, "Take back what was said of the selected action")
        self.unmark_button.clicked.connect(self.unmark)
        row.addWidget(self.unmark_button)
        row.addStretch(1)
        self.reread = QPushButton("Re&ad again")
        explain(self.reread, "Read the group's earlier sessions again")
        self.reread.clicked.connect(self._read_again)
        row.addWidget(self.reread)
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setAccessibleName("Note on the selected action")
        self.note.setPlaceholderText("What happened (Enter keeps the note)")
        self.note.returnPressed.connect(self.keep_note)
        note_label = QLabel("No&te:")
        note_label.setBuddy(self.note)
        note_row = QHBoxLayout()
        note_row.addWidget(note_label)
        note_row.addWidget(self.note, 1)
        self.problem = SpokenLabel()
        self.problem.setAccessibleName("Why nothing was recorded")
        self.trail = QLabel()
        self.trail.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(note_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.trail)
        layout.addWidget(self.hint)
        self.refresh()

    def current(self) -> OpenAction | None:
        row = self.table.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def refresh(self, change: Change | None = None) -> None:
        state = self.state
        self._items = self.found()
        row = self.table.currentRow()
        self.table.setRowCount(len(self._items))
        for number, item in enumerate(self._items):
            mark = state.mark_of(item.action.key)
            action = item.action
            status = STATUS_WORDS[mark.status] if mark else ""
            if not mark and item.trail:
                status = f"({STATUS_WORDS[item.last_status].lower()} last time)"
            cells = (
                action.what,
                action.who or "–",
                action.when or "–",
                f"{action.workshop} ({action.date})" if action.date else action.workshop,
                status,
                mark.note if mark else "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(number, column, _cell(text))
        if self._items:
            self.table.setCurrentCell(max(0, min(row, len(self._items) - 1)), 0)
        if not self.session.group:
            self.hint.setText(NO_GROUP)
        elif not self._items:
            self.hint.setText("No actions are open from the group's earlier workshops.")
        else:
            self.hint.setText(
                f"{len(self._items)} open actions. Pick one, then Done, Going, Stuck or Dropped "
                "(in the list: D, N, S or R); going and stuck stay open for next time."
            )
        self._selected()

    def _selected(self) -> None:
        item = self.current()
        for button in (*self.buttons.values(), self.unmark_button):
            button.setEnabled(item is not None)
        self.note.setEnabled(item is not None)
        mark = self.state.mark_of(item.action.key) if item is not None else None
        if not self.note.hasFocus():
            self.note.setText(mark.note if mark else "")
        self.unmark_button.setEnabled(mark is not None)
        trail = "; ".join(
            f"{said.date} {said.workshop}: {STATUS_WORDS[said.status].lower()}"
            + (f" ({said.note})" if said.note else "")
            for said in (item.trail if item is not None else ())
        )
        self.trail.setText(f"Said before: {trail}" if trail else "")

    def mark(self, status: str) -> None:
        item = self.current()
        if item is None:
            self.problem.setText("Not recorded: pick an action first.")
            return
        self.problem.clear()
        note = self.note.text()
        edited = self.state.with_mark(item.action, status, note)
        label = f"Mark action {STATUS_WORDS[status].lower()}"
        self._run(ReplaceState(self.step_id, edited, label))

    def keep_note(self) -> None:
        item = self.current()
        if item is None:
            return
        try:
            edited = self.state.with_note(item.action.key, self.note.text())
        except ValueError as err:
            self.problem.setText(f"Not kept: {err}.")
            return
        self.problem.clear()
        if edited != self.state:
            self._run(ReplaceState(self.step_id, edited, "Note on action"))

    def unmark(self) -> None:
        item = self.current()
        if item is not None and self.state.mark_of(item.action.key) is not None:
            edited = self.state.without_mark(item.action.key)
            self._run(ReplaceState(self.step_id, edited, "Unmark action"))

    def _read_again(self) -> None:
        self.reader.forget()
        self.refresh()
