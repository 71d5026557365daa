"""File > Export report…: choose a folder and the formats, then export in one step
(``coprod_workshop.reports.export``). The folder of the last export is offered
again next time; a finished export offers to open its folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.reports.content import Options
from coprod_workshop.reports.export import FORMATS, ExportError, ExportExists, export
from coprod_workshop.ui.dialogs import confirm
from coprod_workshop.ui.theme import SpokenLabel

FORMAT_NAMES = {
    "pdf": "Report to read and print (PDF)",
    "odt": "Report to edit (ODT: LibreOffice, Word)",
    "docx": "Report to edit in Word (DOCX)",
    "md": "Short summary (Markdown)",
    "csv": "Data, one row per note, move and vote (CSV)",
    "json": "The whole session (JSON)",
    "png": "Each exercise's board as an image (PNG)",
    "easy": "Summary for the people who took part (easy read: PDF, DOCX, ODT)",
}


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "coprod-workshop exports"


#: the QSettings key of the folder of the last export
LAST_FOLDER = "export/folder"


def remembered_folder(settings: QSettings | None) -> Path:
    """The folder of the last export if it is still there (a USB stick may have
    gone: never recreate its path on the laptop), else :func:`default_folder`."""
    value = settings.value(LAST_FOLDER) if settings is not None else None
    if isinstance(value, str) and value.strip() and Path(value).is_dir():
        return Path(value)
    return default_folder()


def done_message(parent: QWidget, paths: list[Path]) -> QMessageBox:
    """The message "Exported N files into FOLDER", with a button that opens the folder."""
    folder = paths[0].parent if paths else Path()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Export finished")
    files = f"{len(paths)} file" + ("" if len(paths) == 1 else "s")
    box.setText(f"Exported {files} into\n{folder}")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_button = box.addButton("&Open the folder", QMessageBox.ButtonRole.AcceptRole)
    open_button.setAccessibleName("Open the folder of the export")
    close = box.addButton(QMessageBox.StandardButton.Close)
    close.setAccessibleName("Close")
    box.setDefaultButton(open_button)
    open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
    return box


class ExportDialog(QDialog):
    """Export the open session. Asks before replacing an earlier export.

    Signals:
        exported(list): the paths written.
        failed(str): why the export failed (nothing was written).
    """

    exported = Signal(list)
    failed = Signal(str)

    def __init__(
        self,
        session: Session,
        registry: Registry,
        folder: Path | None = None,
        parent: QWidget | None = None,
        journey: tuple[Any, ...] = (),
        review: tuple[Any, ...] = (),
        settings: QSettings | None = None,
        timer: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        #: where the last export's folder is kept (None: not kept)
        self.settings = settings
        self.session = session
        self.registry = registry
        #: the group's workshops for the report (``journey.model.Visit``), read by the caller
        self.journey = journey
        #: the group's open actions as the review step shows them, read by the caller
        self.review = review
        #: the step timer's time so far on the current step, asked at the moment of export
        self.timer = timer
        self.question: QWidget | None = None
        self.setWindowTitle("Export report")
        self.folder = QLineEdit(str(folder or remembered_folder(settings)))
        self.folder.setAccessibleName("Folder to export into")
        choose = QPushButton("&Choose…")
        choose.setAccessibleName("Choose the folder")
        choose.clicked.connect(self._choose)
        self.formats: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for index, fmt in enumerate(FORMATS):
            box = QCheckBox(FORMAT_NAMES[fmt])
            box.setChecked(True)
            box.setAccessibleName(FORMAT_NAMES[fmt])
            self.formats[fmt] = box
            grid.addWidget(box, index // 2, index % 2)
        self.notes = QCheckBox("Include my &facilitator notes")
        self.notes.setAccessibleName("Include the facilitator's notes")
        self.problem = SpokenLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Export problem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setAccessibleName("Export now")
        buttons.accepted.connect(lambda: self.start())
        buttons.rejected.connect(self.reject)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Export “{session.title}” into:"))
        layout.addLayout(where)
        layout.addLayout(grid)
        layout.addWidget(self.notes)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def chosen_formats(self) -> list[str]:
        return [fmt for fmt, box in self.formats.items() if box.isChecked()]

    def _choose(self) -> None:
        dialog = QFileDialog(self, "Export into", self.folder.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.folder.setText)
        dialog.open()

    def start(self, force: bool = False) -> None:
        formats = self.chosen_formats()
        if not formats:
            self.problem.setText("Choose at least one thing to export.")
            return
        folder = Path(self.folder.text().strip()).expanduser()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = export(
                self.session,
                self.registry,
                folder,
                formats,
                force=force,
                options=Options(
                    notes=self.notes.isChecked(),
                    journey=self.journey,
                    review=self.review,
                    timer_now=self.timer() if self.timer is not None else 0.0,
                ),
            )
        except ExportExists as err:
            self.question = confirm(
                self,
                "Replace the earlier export?",
                f"{err}.\n\nReplace them with this export?",
                "Replace",
                # after the question has closed and gone: the export paints board
                # images, which lets the event queue run
                lambda: QTimer.singleShot(0, self, lambda: self.start(force=True)),
            )
            return
        except ExportError as err:
            self.problem.setText(f"Nothing was exported: {err}.")
            self.failed.emit(str(err))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self.settings is not None:
            self.settings.setValue(LAST_FOLDER, str(folder))
            self.settings.sync()
        self.exported.emit(written)
        self.accept()
