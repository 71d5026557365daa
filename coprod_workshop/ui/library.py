"""The template library window: find a plan, start a session from it, manage templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.storage import SessionLocked, SessionUnreadable
from coprod_workshop.storage.exchange import SUFFIX, PlanFileError
from coprod_workshop.storage.library import TemplateEntry, TemplateLibrary
from coprod_workshop.ui.agenda import format_minutes
from coprod_workshop.ui.agendaeditor import AgendaEditor
from coprod_workshop.ui.autosave import SaveManager
from coprod_workshop.ui.dialogs import confirm
from coprod_workshop.ui.undo import Runner
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.theme import SpokenLabel

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Title", "Length", "Steps", "Last used", "Kind")
#: what can go wrong with a template, each with a message for the trainer
PROBLEMS = (PlanFileError, SessionLocked, SessionUnreadable, PermissionError, OSError, KeyError)


class TemplateTableModel(QAbstractTableModel):
    """The library's rows; ``in_use`` is the title of the plan the open session came from."""

    def __init__(self, parent: Any = None, in_use: str = "") -> None:
        super().__init__(parent)
        self.entries: list[TemplateEntry] = []
        self.in_use = in_use

    def set_entries(self, entries: list[TemplateEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return entry.key
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        used = entry.last_used.replace("T", " ") or "never"
        return (
            entry.title,
            format_minutes(entry.minutes),
            str(entry.steps),
            "in use now" if entry.title == self.in_use else used,
            "ready-made" if entry.builtin else "yours",
        )[index.column()]


class LibraryDialog(QDialog):
    """Lists ready-made plans and the user's templates (non-modal).

    Signals:
        startRequested(str, str): start a new session from the template with this key,
            for this group (the team, service or partnership; may be empty).
    """

    startRequested = Signal(str, str)

    def __init__(
        self, library: TemplateLibrary, parent: QWidget | None = None, in_use: str = ""
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.editor: AgendaEditor | None = None
        self.child: QWidget | None = None
        self.setWindowTitle("Session templates")
        self.setAccessibleName("Session templates")
        self.resize(900, 560)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search templates")
        self.search.setAccessibleName("Search templates")
        self.search.setClearButtonEnabled(True)
        self.model = TemplateTableModel(self, in_use)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = leave_on_tab(QTableView())
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Templates")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setAccessibleName("Template columns")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.start())
        self.message = SpokenLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Library messages")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.group = QLineEdit()
        self.group.setAccessibleName("Group the new session is for")
        self.group.setPlaceholderText(
            "The team, service or partnership the session is for (links its workshops)"
        )
        group_label = QLabel("&Group:")
        group_label.setBuddy(self.group)
        group_row = QHBoxLayout()
        group_row.addWidget(group_label)
        group_row.addWidget(self.group, 1)
        buttons = QHBoxLayout()
        self.start_button = self._button("&Start a session", self.start, buttons)
        self.start_button.setDefault(True)
        self.edit_button = self._button("&Edit agenda…", self.edit, buttons)
        self.duplicate_button = self._button("D&uplicate", self.duplicate, buttons)
        self.rename_button = self._button("Re&name…", self.ask_rename, buttons)
        self.delete_button = self._button("&Delete…", self.ask_delete, buttons)
        buttons.addStretch(1)
        self._button("E&xport…", self.ask_export, buttons)
        self._button("&Import…", self.ask_import, buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(group_row)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.refresh()

    def _button(self, text: str, slot: Any, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    # -- reading ---------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        key = select or self.selected_key()
        self.model.set_entries(self.library.entries())
        problems = self.library.store.take_problems()
        if problems:
            self.say(" ".join(problem.message() for problem in problems))
        row = next((r for r, e in enumerate(self.model.entries) if e.key == key), 0)
        if self.model.entries:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self._update_buttons()

    def selected(self) -> TemplateEntry | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.entries[index.row()] if index.isValid() else None

    def selected_key(self) -> str | None:
        entry = self.selected()
        return entry.key if entry else None

    def _update_buttons(self) -> None:
        entry = self.selected()
        self.start_button.setEnabled(entry is not None)
        self.duplicate_button.setEnabled(entry is not None)
        own = entry is not None and not entry.builtin
        for button in (self.edit_button, self.rename_button, self.delete_button):
            button.setEnabled(own)
            button.setToolTip(
                "" if own else "Ready-made plans are read-only: duplicate one to change it"
            )

    def say(self, text: str) -> None:
        self.message.setText(text)

    def _attempt(self, action: Any, *args: Any) -> Any:
        try:
            return action(*args)
        except PROBLEMS as err:
            self.say(str(err) or err.__class__.__name__)
            return None

    # -- actions ---------------------------------------------------------------
    def start(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.startRequested.emit(key, " ".join(self.group.text().split()))
            self.accept()

    def duplicate(self) -> None:
        key = self.selected_key()
        if key is not None and (copy := self._attempt(self.library.duplicate, key)):
            self.say(f"Made “{copy.title}”: a template of your own you can change.")
            self.refresh(copy.id)

    def rename(self, title: str) -> None:
        key = self.selected_key()
        if key is not None and title.strip():
            self._attempt(self.library.rename, key, title)
            self.refresh(key)

    def ask_rename(self) -> None:
        entry = self.selected()
        if entry is None or entry.builtin:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Rename template")
        dialog.setLabelText("Template title:")
        dialog.setTextValue(entry.title)
        dialog.textValueSelected.connect(self.rename)
        self._open(dialog)

    def delete(self, key: str) -> None:
        if self._attempt(self.library.delete, key) is not None:
            self.say("Template deleted (kept in the deleted folder of your data folder).")
            self.refresh()

    def ask_delete(self) -> None:
        entry = self.selected()
        if entry is None or entry.builtin:
            return
        self.child = confirm(
            self,
            "Delete template",
            f"Delete the template “{entry.title}”? Sessions started from it are kept.",
            "Delete",
            lambda: self.delete(entry.key),
        )

    def export_to(self, path: str) -> None:
        key = self.selected_key()
        if (
            key is not None
            and path
            and (written := self._attempt(self.library.export, key, Path(path)))
        ):
            self.say(f"Saved the plan as {written}. Send this file to a colleague to import.")

    def ask_export(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        dialog = QFileDialog(self, "Export plan", f"{entry.title}{SUFFIX}")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(f"coprod-workshop plans (*{SUFFIX})")
        dialog.fileSelected.connect(self.export_to)
        self._open(dialog)

    def import_from(self, path: str) -> None:
        if path and (template := self._attempt(self.library.import_file, Path(path))):
            self.say(f"Imported “{template.title}”.")
            self.refresh(template.id)

    def ask_import(self) -> None:
        dialog = QFileDialog(self, "Import a plan")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(f"coprod-workshop plans (*{SUFFIX} *.json)")
        dialog.fileSelected.connect(self.import_from)
        self._open(dialog)

    def edit(self) -> None:
        """Open the agenda editor on one of the user's templates (autosaved)."""
        entry = self.selected()
        if entry is None or entry.builtin:
            return
        try:
            template = self.library.store.load(entry.key)
            self.library.store.lock(entry.key)
        except PROBLEMS as err:
            self.say(str(err))
            return
        stack = QUndoStack(self)
        saver = SaveManager(self.library.store, template, self)
        saver.saveFailed.connect(self.say)
        self.editor = AgendaEditor(
            template, self.library.registry, Runner(template, stack), stack, self
        )

        def finished() -> None:
            saver.stop()
            self.library.store.unlock(template.id)
            stack.deleteLater()
            self.refresh(template.id)

        self.editor.finished.connect(finished)
        self.editor.show()

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.child = dialog
        dialog.open()
