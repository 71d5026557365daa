"""The audience window: the current step, large, on the projector's screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QHideEvent,
    QKeyEvent,
    QMoveEvent,
    QResizeEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import QVBoxLayout, QWidget

from coprod_workshop.core.session import Session
from coprod_workshop.ui.pages import Pages
from coprod_workshop.ui.placement import fits, large_16_9
from coprod_workshop.ui.workshop import Workshop

if TYPE_CHECKING:
    from coprod_workshop.ui.slide import SlideFrame


class ProjectorWindow(QWidget):
    """Follows the console: shows whatever step the workshop is on.

    F5 (:meth:`present_on`) fills a screen with it; Esc (:meth:`stop_presenting`)
    puts it back exactly as it was before: the same place and size, or hidden.
    Hidden, it gives the console's preview the size F5 will give it
    (``presents_on``: the screen F5 fills), and the preview lays out the pages.

    Signals:
        presentingStopped(): full screen ended; the console should have the keyboard.
        consoleWanted(): Esc in the projector window: the console should have the keyboard.
    """

    presentingStopped = Signal()
    consoleWanted = Signal()

    def __init__(self, workshop: Workshop) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.workshop = workshop
        #: where it is as a normal window (None: never placed); kept while full screen
        self.normal_rect: QRect | None = None
        #: before F5: was it shown, and where (None: never placed)
        self._before: tuple[bool, QRect | None] | None = None
        # Shown at start-up or on a second screen, it leaves the keyboard with
        # the console; it takes it only when asked (F5, or opened over the console).
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle("coprod-workshop: projector")
        self.setAccessibleName("Projector view")
        self.frame: SlideFrame | None = None
        #: the screen F5 fills (the console's menus know which)
        self.presents_on: Callable[[], QScreen] = self.screen
        self._released = False
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
    def open_normal(
        self, screen: QScreen, rect: QRect | None = None, activate: bool = True
    ) -> None:
        """Show as a normal window at ``rect``, or large and 16:9, fully on ``screen``."""
        if self.isFullScreen():
            self.showNormal()
        self.setScreen(screen)
        self.place(rect or large_16_9(screen.availableGeometry()))
        self.show()
        self.raise_()
        if activate:
            self.activateWindow()

    def full_screen_on(self, screen: QScreen, activate: bool = True) -> None:
        """Fill ``screen``; the normal geometry stays a window's (for Esc and next time)."""
        if self.isFullScreen():
            self.showNormal()
        normal = self.normal_rect
        if normal is None or not screen.geometry().contains(normal.center()):
            self.place(large_16_9(screen.availableGeometry()))
        self.setScreen(screen)
        if not self.isVisible():
            # Shown straight into full screen: the screen's size from the start
            # (normal_rect keeps the window's own place for Esc).
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        if activate:
            self.activateWindow()

    @property
    def placed(self) -> bool:
        return self.normal_rect is not None

    def place(self, rect: QRect) -> None:
        """Where it goes as a normal window (now, or when full screen ends)."""
        self.normal_rect = QRect(rect)
        if not self.isFullScreen():
            self.setGeometry(rect)

    def _moved(self) -> None:
        if self.isVisible() and self.windowState() == Qt.WindowState.WindowNoState:
            self.normal_rect = self.geometry()

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802
        self._moved()
        super().moveEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._moved()
        super().resizeEvent(event)
        self.workshop.set_projected_size(event.size())  # the preview follows

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._follow()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self._follow()

    def _follow(self) -> None:
        """The preview follows this window while it is on a screen, else what F5 will show."""
        if self._released:
            return  # the app is closing
        if not self.isVisible():
            self.workshop.set_projected_size(self.presents_on().geometry().size())
        pages = Pages.of(self.workshop)
        if pages is not None:
            pages.set_projector_shown(self.isVisible())

    def follow_screen(self, presents_on: Callable[[], QScreen]) -> None:
        """F5 fills the screen ``presents_on()`` gives (the console's choice)."""
        self.presents_on = presents_on
        self._follow()

    @property
    def presenting(self) -> bool:
        return self.isVisible() and self.isFullScreen()

    def present_on(self, screen: QScreen, activate: bool = True) -> None:
        """F5: go full screen on ``screen``, remembering the layout to go back to."""
        if self._before is None:
            shown = self.isVisible() and not self.isFullScreen()
            self._before = (shown, self.normal_rect)
        self.full_screen_on(screen, activate)

    def stop_presenting(self) -> None:
        """Esc: back to the layout before F5 (hidden if it was), never screen-sized."""
        before, self._before = self._before, None
        shown, rect = before if before is not None else (True, None)
        if self.isFullScreen():
            self.showNormal()
        if rect is None and self.normal_rect is not None:
            available = self.screen().availableGeometry()
            normal = self.normal_rect
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
        elif event.key() == Qt.Key.Key_Escape:
            self.consoleWanted.emit()  # the window stays; the keyboard goes back
        elif not self.workshop.step_key(event.key()):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Closing only hides it: the console's View menu brings it back.
        self.hide()
        event.ignore()

    def release(self) -> None:
        """Stop following the workshop before the app quits."""
        self._released = True
        if self.frame is not None:
            self.frame.detach()
            self.frame = None
        self.workshop.sessionOpened.disconnect(self.show_session)
