"""The agenda editor: add, remove and reorder steps, and set each one up.

Works on the open session (sharing the console's undo stack) or on a
template from the library (with a stack and autosave of its own). Every
change is a command, so it can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.commands import InsertStep, MoveStep, RemoveStep, SetDetail
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Change, Session, Step
from coprod_workshop.ui.agenda import AgendaModel, format_minutes
from coprod_workshop.ui.steppanel import StepPanel
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.theme import SpokenLabel

NEW_STEP_MINUTES = 10
#: menu data of a ready-made case study step: this prefix, then the case's id
READY = ":"  # between a kind and the key of one of its ready-made steps


class AgendaEditor(QDialog):
    """Edit a session's or template's agenda (non-modal; ``show()`` it)."""

    def __init__(
        self,
        session: Session,
        registry: Registry,
        run: Callable[[Any], None],
        stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.registry = registry
        self.run = run
        self.setWindowTitle(f"Edit agenda: {session.title}")
        self.setAccessibleName("Agenda editor")
        room = (parent.screen() if parent else self.screen()).availableGeometry()
        # Large enough for a step's whole controls (the ladder's round buttons, the hands)
        # beside the agenda, on any screen it fits
        self.resize(min(1600, room.width() * 19 // 20), min(960, room.height() * 19 // 20))

        self.title = QLineEdit(session.title)
        self.title.setAccessibleName("Title")
        self.title.textEdited.connect(self._title_edited)
        self.start = QLineEdit(session.start_time)
        self.start.setAccessibleName("Start time (hours:minutes)")
        self.start.setPlaceholderText("09:30")
        self.start.setInputMask("99:99;_")
        self.start.editingFinished.connect(self._start_edited)
        self.totals = SpokenLabel()
        self.totals.setAccessibleName("Planned total")
        details = QFormLayout()
        details.addRow("&Title", self.title)
        details.addRow("&Starts at", self.start)
        details.addRow("Planned", self.totals)

        self.model = AgendaModel(session, self, on_move=self.move_step)
        self.table = leave_on_tab(QTableView())
        self.table.setModel(self.model)
        self.table.setAccessibleName("Agenda steps (drag, or Alt+Up / Alt+Down, to reorder)")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setAccessibleName("Agenda columns")
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.add_button = QToolButton()
        self.add_button.setText("&Add step")
        self.add_button.setAccessibleName("Add a step after the selected one")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        for kind in registry:
            action = menu.addAction(kind.label)
            action.setData(kind.kind)
        groups: dict[str, QMenu] = {}
        for kind in registry:  # ready-made steps, each kind's under its own menus
            for offer in kind.ready_made_offers():
                if offer.group not in groups:
                    groups[offer.group] = menu.addMenu(offer.group)
                action = groups[offer.group].addAction(offer.label)
                action.setData(f"{kind.kind}{READY}{offer.key}")
        menu.triggered.connect(lambda action: self.add_step(action.data()))
        self.add_button.setMenu(menu)
        self.remove_button = self._button("&Remove", "Remove the selected step", self.remove_step)
        self.up_button = self._button(
            "Move &up", "Move the selected step up (Alt+Up)", lambda: self.shift(-1)
        )
        self.down_button = self._button(
            "Move &down", "Move the selected step down (Alt+Down)", lambda: self.shift(1)
        )
        self._shortcut("Alt+Up", lambda: self.shift(-1))
        self._shortcut("Alt+Down", lambda: self.shift(1))
        self._shortcut(QKeySequence.StandardKey.Delete, self.remove_step, self.table)
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        self.undo_button = QToolButton()
        self.undo_button.setDefaultAction(undo)
        self.redo_button = QToolButton()
        self.redo_button.setDefaultAction(redo)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(details)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        self.panel = StepPanel(session, registry, run, follow_current=False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        # The step panel holds long text (notes, points): it keeps room for a line
        # of about 60 characters, and gets most of any extra width.
        self.panel.setMinimumWidth(self.panel.fontMetrics().averageCharWidth() * 60)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([540, max(680, self.width() - 560)])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        session.changed.connect(self._on_change)
        self._update_totals()
        if session.steps:
            self.select(session.current)

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.clicked.connect(slot)
        return button

    def _shortcut(
        self, keys: Any, slot: Callable[[], object], widget: QWidget | None = None
    ) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        (widget or self).addAction(action)

    # -- following the model --------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change.scope == "meta":
            if self.title.text().strip() != self.session.title:
                self.title.setText(self.session.title)
            if self.start.text() != self.session.start_time and not self.start.hasFocus():
                self.start.setText(self.session.start_time)
        if change.scope == "agenda" and change.detail in ("inserted", "moved") and change.step_id:
            self.select(self.session.index_of(change.step_id))
        self._update_totals()

    def _update_totals(self) -> None:
        end = self.session.planned_end()
        text = f"{format_minutes(self.session.planned_minutes)}, {len(self.session.steps)} steps"
        if end is not None:
            text += f"  ({self.session.start_time}–{end:%H:%M})"
        self.totals.setText(text)

    def selected_id(self) -> str | None:
        row = self.table.currentIndex().row()
        return self.session.steps[row].id if 0 <= row < len(self.session.steps) else None

    def select(self, row: int) -> None:
        index = self.model.index(row, 1)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _row_changed(self) -> None:
        self.panel.choose(self.selected_id())

    # -- changing (every change is a command) ---------------------------------
    def _title_edited(self, text: str) -> None:
        if text.strip() and text.strip() != self.session.title:
            self.run(SetDetail("title", text.strip(), label="title"))

    def _start_edited(self) -> None:
        text = self.start.text()
        valid = len(text) == 5 and text[:2].isdigit() and text[3:].isdigit()
        value = text if valid and int(text[:2]) < 24 and int(text[3:]) < 60 else ""
        if value != self.session.start_time:
            self.run(SetDetail("start_time", value, label="start time"))

    def move_step(self, step_id: str, index: int) -> None:
        self.run(MoveStep(step_id, index))

    def shift(self, delta: int) -> None:
        step_id = self.selected_id()
        if step_id is None:
            return
        index = self.session.index_of(step_id) + delta
        if 0 <= index < len(self.session.steps):
            self.move_step(step_id, index)

    def add_step(self, kind: str) -> None:
        """Add a new step of ``kind`` (or ``"<kind>:<key>"``: a ready-made step of it)."""
        if READY in kind:
            kind, key = kind.split(READY, 1)
            step = self.registry.get(kind).ready_made_step(key)
        else:
            exercise = self.registry.get(kind)
            step = Step(kind, exercise.label, NEW_STEP_MINUTES, exercise.new_state())
        step_id = self.selected_id()
        index = self.session.index_of(step_id) + 1 if step_id else len(self.session.steps)
        self.run(InsertStep(index, step))
        self.panel.title.setFocus()
        self.panel.title.selectAll()

    def remove_step(self) -> None:
        step_id = self.selected_id()
        if step_id is not None:
            row = self.session.index_of(step_id)
            self.run(RemoveStep(step_id))
            if self.session.steps:
                self.select(min(row, len(self.session.steps) - 1))

    def done(self, result: int) -> None:
        self.session.changed.disconnect(self._on_change)
        self.model.detach()
        self.panel.detach()
        super().done(result)
