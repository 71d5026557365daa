"""The audience window: the current step, large, on the projector's screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from coprod_workshop.core.session import Session
from coprod_workshop.ui.placement import fits, large_16_9
from coprod_workshop.ui.workshop import Workshop

if TYPE_CHECKING:
    from coprod_workshop.ui.slide import SlideFrame


class ProjectorWindow(QWidget):
    """Follows the console: shows whatever step the workshop is on.

    F5 (:meth:`present_on`) fills a screen with it; Esc (:meth:`stop_presenting`)
    puts it back exactly as it was before: the same place and size, or hidden.

    Signals:
        presentingStopped(): full screen ended; the console should have the keyboard.
    """

    presentingStopped = Signal()

    def __init__(self, workshop: Workshop) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.workshop = workshop
        #: it has a normal geometry of its own (shown, restored or placed before)
        self.placed = False
        #: before F5: was it shown, and where (None: never placed)
        self._before: tuple[bool, QRect | None] | None = None
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

    # -- placing --------------------------------------------------------------
    def open_normal(self, screen: QScreen, rect: QRect | None = None) -> None:
        """Show as a normal window at ``rect``, or large and 16:9, fully on ``screen``."""
        if self.isFullScreen():
            self.showNormal()
        self.setScreen(screen)
        self.setGeometry(rect or large_16_9(screen.availableGeometry()))
        self.placed = True
        self.show()
        self.raise_()

    def full_screen_on(self, screen: QScreen) -> None:
        """Fill ``screen``; the normal geometry stays a window's (for Esc and next time)."""
        if self.isFullScreen():
            self.showNormal()
        normal = self.normalGeometry()
        if not self.placed or not screen.geometry().contains(normal.center()):
            self.setGeometry(large_16_9(screen.availableGeometry()))
            self.placed = True
        self.setScreen(screen)
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    @property
    def presenting(self) -> bool:
        return self.isVisible() and self.isFullScreen()

    def present_on(self, screen: QScreen) -> None:
        """F5: go full screen on ``screen``, remembering the layout to go back to."""
        if self._before is None:
            shown = self.isVisible() and not self.isFullScreen()
            self._before = (shown, QRect(self.normalGeometry()) if self.placed else None)
        self.full_screen_on(screen)

    def stop_presenting(self) -> None:
        """Esc: back to the layout before F5 (hidden if it was), never screen-sized."""
        before, self._before = self._before, None
        shown, rect = before if before is not None else (True, None)
        if self.isFullScreen():
            self.showNormal()
        if rect is None and self.placed:
            available = self.screen().availableGeometry()
            normal = self.normalGeometry()
            rect = normal if fits(normal, available, 8) else large_16_9(available)
        if rect is not None:
            self.setGeometry(rect)
        if not shown:
            self.hide()
        self.presentingStopped.emit()

    def toggle_fullscreen(self) -> None:
        """F11: full screen where it is, or back."""
        if self.presenting:
            self.stop_presenting()
        else:
            self.present_on(self.screen())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.stop_presenting()
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
