"""Composition root: builds the application, the stores and the windows."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from coprod_workshop import APP_NAME, __version__
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.paths import builtin_plans, data_dir
from coprod_workshop.storage import SessionStore
from coprod_workshop.storage.appstate import AppState
from coprod_workshop.ui.mainwindow import MainWindow
from coprod_workshop.ui.projector import ProjectorWindow
from coprod_workshop.ui.theme import install_stylesheet
from coprod_workshop.ui.workshop import Workshop

CONSOLE_SIZE = (1600, 1000)
PROJECTOR_SIZE = (1920, 1080)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    install_stylesheet(app)
    return app


class Windows:
    """The console and projector of one workshop (kept together for tests)."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self.projector = ProjectorWindow(workshop)
        self.console = MainWindow(workshop, self.projector)


def build(root: Path) -> Windows:
    """The app on the data folder ``root``, with no session open yet."""
    store = SessionStore(root, REGISTRY)
    return Windows(Workshop(REGISTRY, store, AppState(root)))


def offer_resume(windows: Windows) -> None:
    """After a crash, say where the room was and offer to start the plan over."""
    workshop = windows.workshop
    session = workshop.session
    if session is None or session.current_step is None:
        return
    step = session.current_step
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Resume the session",
        f"{APP_NAME} closed unexpectedly while “{session.title}” was open.\n\n"
        f"Everything up to the last change was saved. The session is open again at "
        f"step {session.current + 1}, “{step.title}”, where the room was.",
        QMessageBox.StandardButton.NoButton,
        windows.console,
    )
    box.addButton("Resume here", QMessageBox.ButtonRole.AcceptRole)
    first = box.addButton("Go to the first step", QMessageBox.ButtonRole.RejectRole)
    box.finished.connect(lambda _r: workshop.go_to(0) if box.clickedButton() is first else None)
    windows.console.dialog = box
    box.open()


def run(options: argparse.Namespace) -> int:
    if options.screenshot:
        return screenshot(options)
    app = make_application(sys.argv[:1])
    windows = build(data_dir(options.data_dir))
    workshop = windows.workshop
    crashed = workshop.appstate.unclean_exit() if workshop.appstate else None
    if not (options.session and workshop.open_saved(options.session)):
        workshop.open_default()
    windows.console.show()
    if len(QGuiApplication.screens()) > 1:
        windows.projector.setScreen(windows.console._projector_target())
        windows.projector.show()
    if crashed and workshop.session is not None and workshop.session.id == crashed:
        QTimer.singleShot(0, lambda: offer_resume(windows))
    return app.exec()


def screenshot(options: argparse.Namespace) -> int:
    """Render the console and the projector to PNG files and exit."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    make_application(sys.argv[:1])
    target = Path(options.screenshot)
    if target.suffix.lower() != ".png":
        target.mkdir(parents=True, exist_ok=True)
        target = target / "console.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    projector_target = target.with_name(f"{target.stem}-projector.png")
    if options.session:
        windows = build(data_dir(options.data_dir))
        opened = windows.workshop.open_saved(options.session)
    else:
        windows = Windows(Workshop(REGISTRY, None, None))
        plans = builtin_plans()
        opened = bool(plans) and windows.workshop.preview_plan(plans[0])
    if not opened:
        print(f"{APP_NAME}: nothing to show", file=sys.stderr)
        return 1
    if options.step:
        windows.workshop.session.go_to(options.step - 1)  # type: ignore[union-attr]
    windows.console.resize(*CONSOLE_SIZE)
    windows.projector.resize(*PROJECTOR_SIZE)
    windows.console.show()
    windows.projector.show()
    QApplication.processEvents()
    ok = windows.console.grab().save(str(target)) and windows.projector.grab().save(
        str(projector_target)
    )
    print(target)
    print(projector_target)
    windows.console.close()
    return 0 if ok else 1
