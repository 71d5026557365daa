"""Choosers for sessions and plans. Opened with ``open()``, never ``exec()``."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from coprod_workshop.ui.focus import leave_on_tab


@dataclass(frozen=True)
class Choice:
    key: str
    title: str
    detail: str


class ChooserDialog(QDialog):
    """A list to pick one item from (a saved session, a plan).

    Signals:
        chosen(str): the key of the item the user opened.
        deleteRequested(str): the user asked to delete an item (if deletable).
    """

    chosen = Signal(str)
    deleteRequested = Signal(str)

    def __init__(
        self,
        title: str,
        choices: list[Choice],
        *,
        open_text: str = "Open",
        deletable: bool = False,
        empty_text: str = "Nothing here yet.",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(560, 420)
        self.list = leave_on_tab(QListWidget())
        self.list.setAccessibleName(title)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(True)  # 1,000 sessions lay out at once
        for choice in choices:
            item = QListWidgetItem(f"{choice.title}\n{choice.detail}")
            item.setData(Qt.ItemDataRole.UserRole, choice.key)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{choice.title}, {choice.detail}")
            self.list.addItem(item)
        if choices:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self._open())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = buttons.addButton(open_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(bool(choices))
        self.open_button.clicked.connect(self._open)
        buttons.rejected.connect(self.reject)
        self.delete_button: QPushButton | None = None
        if deletable:
            self.delete_button = buttons.addButton(
                "Delete…", QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.setEnabled(bool(choices))
            self.delete_button.clicked.connect(self._delete)
        layout = QVBoxLayout(self)
        if not choices:
            layout.addWidget(QLabel(empty_text))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _open(self) -> None:
        key = self.current_key()
        if key is not None:
            self.accept()
            self.chosen.emit(key)

    def _delete(self) -> None:
        key = self.current_key()
        if key is not None:
            self.accept()
            self.deleteRequested.emit(key)


def inform(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """Show a message without blocking the event loop."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def confirm(parent: QWidget | None, title: str, text: str, yes: str, on_yes) -> QMessageBox:  # type: ignore[no-untyped-def]
    """Ask a yes/no question without blocking; ``on_yes()`` runs if confirmed."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished() -> None:
        if box.clickedButton() is yes_button:
            on_yes()

    box.finished.connect(finished)
    box.open()
    return box
