"""The audience window: the current step, large, on the projector's screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from coprod_workshop.core.session import Session
from coprod_workshop.ui.workshop import Workshop

if TYPE_CHECKING:
    from coprod_workshop.ui.slide import SlideFrame


class ProjectorWindow(QWidget):
    """Follows the console: shows whatever step the workshop is on."""

    def __init__(self, workshop: Workshop) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.workshop = workshop
        self.setWindowTitle("coprod-workshop: projector")
        self.setAccessibleName("Projector view")
        self.frame: SlideFrame | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        workshop.sessionOpened.connect(self.show_session)
        if workshop.session is not None:
            self.show_session(workshop.session)

    def show_session(self, session: Session) -> None:
        from coprod_workshop.ui.slide import SlideFrame

        if self.frame is not None:
            self.frame.detach()
            self.frame.hide()
            self.frame.deleteLater()
        self.frame = SlideFrame(
            session,
            self.workshop.timer,
            self.workshop.registry,
            run=self.workshop.run,
            workshop=self.workshop,
        )
        self._layout.addWidget(self.frame)

    def present_on(self, screen: QScreen) -> None:
        """Go full screen on ``screen``."""
        if self.isFullScreen():
            self.showNormal()
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()

    def toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif not self.workshop.step_key(event.key()):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Closing only hides it: the console's View menu brings it back.
        self.hide()
        event.ignore()

    def release(self) -> None:
        """Stop following the workshop before the app quits."""
        if self.frame is not None:
            self.frame.detach()
            self.frame = None
        self.workshop.sessionOpened.disconnect(self.show_session)
