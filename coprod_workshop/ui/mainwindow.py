"""The facilitator console: agenda, preview of the projector, the current step.

The window is shown before anything else is built: its menus, toolbar,
storage and the session's panels are assembled once it has painted
(``app.launch``), so it appears as fast as a bare Qt window
(benchmarks/startup.py). Heavy modules are therefore imported in methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from coprod_workshop import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeyEvent

    from coprod_workshop.core.session import Session
    from coprod_workshop.ui.console import ConsoleBody
    from coprod_workshop.ui.consolemenus import ConsoleMenus
    from coprod_workshop.ui.projector import ProjectorWindow
    from coprod_workshop.ui.unsaved import QuitGuard
    from coprod_workshop.ui.windowstate import WindowMemory
    from coprod_workshop.ui.workshop import Workshop


class MainWindow(QMainWindow):
    """Assembles the console's parts and wires them to the workshop."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName("Facilitator console")
        room = self.screen().availableGeometry()  # fit a small laptop screen too
        self.resize(min(1400, room.width() * 9 // 10), min(900, room.height() * 9 // 10))
        self.workshop: Workshop | None = None
        self.projector: ProjectorWindow | None = None
        self.menus: ConsoleMenus | None = None
        self.body: ConsoleBody | None = None
        self.quit_guard: QuitGuard | None = None
        #: where the windows were last time (None: nothing is kept, e.g. a screenshot)
        self.memory: WindowMemory | None = None

    def assemble(self, workshop: Workshop, projector: ProjectorWindow) -> None:
        """Build menus, toolbar and status bar for ``workshop``."""
        from coprod_workshop.ui.consolemenus import ConsoleMenus
        from coprod_workshop.ui.unsaved import QuitGuard

        self.workshop = workshop
        self.quit_guard = QuitGuard(self, self)
        self.projector = projector
        self.menus = ConsoleMenus(self, workshop, projector)
        from coprod_workshop.ui.focus import RegionKeys

        #: F6 / Shift+F6: agenda, preview, the step's controls
        self.region_keys = RegionKeys(self, lambda: self.body.regions() if self.body else [])
        workshop.sessionOpened.connect(self.show_session)
        workshop.problem.connect(self.menus.show_problem)
        workshop.status.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        workshop.dirtyChanged.connect(self._dirty_changed)
        if workshop.session is not None:
            self.show_session(workshop.session)

    # -- showing a session ----------------------------------------------------
    def show_session(self, session: Session) -> None:
        from coprod_workshop.ui.console import ConsoleBody

        assert self.workshop is not None and self.menus is not None
        if self.body is not None:
            self.body.detach()
            self.body.step_panel.session.changed.disconnect(self._update_title)
        self.body = ConsoleBody(self.workshop, session)
        self.setCentralWidget(self.body)  # QMainWindow deletes the previous one
        self.menus.timer_bar.set_session(session)
        session.changed.connect(self._update_title)
        self._update_title()
        self._dirty_changed(False)

    def _update_title(self, change: object = None) -> None:
        session = self.workshop.session if self.workshop else None
        if session is not None:
            self.setWindowTitle(f"{session.title}[*] — {APP_NAME}")

    def _dirty_changed(self, dirty: bool) -> None:
        self.setWindowModified(dirty)
        if self.menus is not None:
            self.menus.set_dirty(dirty)

    # -- keyboard -------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Reached only when the focused control did not use the key, so arrows
        # and Space still work inside text fields and on buttons.
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape and self.menus and self.menus.stop_presenting():
            return
        if self.workshop is None or not self.workshop.step_key(event.key()):
            super().keyPressEvent(event)

    # -- closing --------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        guard = self.quit_guard
        if (
            guard is not None
            and event.spontaneous()  # the window's close button, not Quit
            and guard.room_is_watching()
            and not guard.confirmed
        ):
            event.ignore()
            guard.confirm_quit()
            return
        if self.quit_guard is not None and not self.quit_guard.may_quit():
            event.ignore()  # the latest changes are not on disk: it asks first
            return
        if self.body is not None:
            self.body.detach()
            self.body.step_panel.session.changed.disconnect(self._update_title)
            self.body = None
        if self.menus is not None:
            self.menus.timer_bar.detach()
        if self.workshop is not None and self.projector is not None:
            if self.memory is not None and self.menus is not None:
                self.memory.save(self, self.projector, self.menus)
            self.projector.release()
            self.projector.hide()
            self.workshop.shutdown()
            self.workshop = None
        event.accept()
