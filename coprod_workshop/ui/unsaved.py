"""Quitting: ask first while the room is watching, or when changes could not be
saved (then offer to save them elsewhere).

Every dialog opens with ``open()`` (never ``exec()``) and is kept in
``menus.dialog``, so the event loop runs on and tests can answer it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from coprod_workshop import APP_NAME
from coprod_workshop.ui.dialogs import inform

if TYPE_CHECKING:
    from coprod_workshop.ui.consolemenus import ConsoleMenus
    from coprod_workshop.ui.projector import ProjectorWindow
    from coprod_workshop.ui.workshop import Workshop


class Console(Protocol):
    """What the guard needs of the console window (``mainwindow.MainWindow`` is one)."""

    workshop: Workshop | None
    projector: ProjectorWindow | None
    menus: ConsoleMenus | None


class QuitGuard:
    """Decides whether the console may close; asks when the latest changes are not on disk."""

    def __init__(self, window: QMainWindow, console: Console) -> None:
        self.window = window
        self.console = console  # (the same window: what it holds)
        self.discard = False
        #: the facilitator said to quit although the room was watching
        self.confirmed = False

    def room_is_watching(self) -> bool:
        """A session the room has started is open and the projector is showing it."""
        workshop, projector = self.console.workshop, self.console.projector
        return (
            workshop is not None
            and workshop.session is not None
            and workshop.started_at is not None
            and projector is not None
            and projector.isVisible()
        )

    def quit(self) -> None:
        """File -> Quit and Ctrl+Q: ask first while the room is watching."""
        if self.room_is_watching() and not self.confirmed:
            self.confirm_quit()
        else:
            self.window.close()

    def confirm_quit(self) -> None:
        workshop = self.console.workshop
        assert workshop is not None and workshop.session is not None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Quit while the room is watching?",
            f"“{workshop.session.title}” is running and the projector is showing it. "
            "If you quit, the app closes on the shared screen too.\n\n"
            "Everything is saved: when you start the app again it comes back where you left it.",
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        quit_button = box.addButton("&Quit", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep running", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if box.clickedButton() is quit_button:
                self.confirmed = True
                self.window.close()

        box.finished.connect(answered)
        self._show(box)

    def may_quit(self) -> bool:
        """True if everything is saved (or the facilitator chose to quit anyway)."""
        workshop = self.console.workshop
        if self.discard or workshop is None or workshop.session is None:
            return True
        if workshop.save_now():
            return True
        self.ask()
        return False

    def ask(self) -> None:
        workshop = self.console.workshop
        assert workshop is not None and workshop.session is not None and workshop.saver
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Changes not saved",
            f"The latest changes to “{workshop.session.title}” could not be saved "
            f"({workshop.saver.failure}).\n\nIf you quit now they are lost. Save them "
            "somewhere else (a USB stick, another disk), or free some space and try again.",
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        elsewhere = box.addButton("Save elsewhere…", QMessageBox.ButtonRole.AcceptRole)
        again = box.addButton("Try again", QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton("Quit without saving", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(elsewhere)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            clicked = box.clickedButton()
            if clicked is elsewhere:
                self.choose_place()
            elif clicked is again:
                self.window.close()
            elif clicked is discard:
                self.discard = True
                self.window.close()

        box.finished.connect(answered)
        self._show(box)

    def choose_place(self) -> None:
        workshop = self.console.workshop
        assert workshop is not None and workshop.session is not None
        dialog = QFileDialog(self.window, "Save the session elsewhere", QDir.homePath())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setNameFilter("coprod-workshop sessions (*.json)")
        dialog.setDefaultSuffix("json")
        dialog.selectFile(f"{workshop.session.id}.json")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.save_to)
        self._show(dialog)

    def save_to(self, name: str) -> None:
        from coprod_workshop.storage.store import write_copy

        workshop = self.console.workshop
        assert workshop is not None and workshop.session is not None
        try:
            path = write_copy(workshop.session, Path(name))
        except OSError as err:
            box = inform(
                self.window,
                APP_NAME,
                f"The session could not be saved to {name} either ({err.strerror or err}). "
                "It is still open; choose another place.",
            )
            box.finished.connect(self.choose_place)
            self._remember(box)
            return
        self.discard = True
        self.window.statusBar().showMessage(f"Saved a copy to {path}", 10_000)
        self.window.close()

    def _show(self, dialog: QMessageBox | QFileDialog) -> None:
        self._remember(dialog)
        dialog.open()

    def _remember(self, dialog: QMessageBox | QFileDialog) -> None:
        if self.console.menus is not None:
            self.console.menus.dialog = dialog
