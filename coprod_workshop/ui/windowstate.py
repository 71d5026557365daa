"""What the room's windows looked like when the app quit, for the next start.

Kept with QSettings in ``windows.ini`` in the data folder: the console's
geometry (maximised, full screen, which screen), the projector's (shown,
full screen, which screen, where), and for the open session the step timer
(its time, paused, ready to continue) and when the room started.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from coprod_workshop.ui.consolemenus import ConsoleMenus
    from coprod_workshop.ui.projector import ProjectorWindow
    from coprod_workshop.ui.workshop import Workshop


class WindowMemory:
    def __init__(self, root: Path) -> None:
        self.settings = QSettings(str(Path(root) / "windows.ini"), QSettings.Format.IniFormat)
        self._following: Workshop | None = None

    def follow(self, workshop: Workshop) -> None:
        """Keep the timer's time at every start, pause and reset (a crash loses no more)."""
        self._following = workshop
        workshop.timer.changed.connect(self._timer_changed)

    def _timer_changed(self) -> None:
        if self._following is not None:
            self.save_room(self._following)

    # -- console ---------------------------------------------------------------
    def restore_console(self, console: QWidget) -> None:
        """Before the console is first shown: its size, place and state of last time."""
        geometry = self.settings.value("console/geometry")
        if isinstance(geometry, QByteArray):
            console.restoreGeometry(geometry)
        else:  # first run: the whole screen, so every step's board has room
            console.setWindowState(console.windowState() | Qt.WindowState.WindowMaximized)

    # -- projector and room ----------------------------------------------------
    def restore(self, menus: ConsoleMenus, workshop: Workshop) -> None:
        """Once the session is open: the projector as it was, the timer where it was."""
        self._restore_projector(menus)
        self._restore_room(workshop)

    def _restore_projector(self, menus: ConsoleMenus) -> None:
        s = self.settings
        chosen = s.value("projector/screen")
        menus.choose_projector_screen(chosen if isinstance(chosen, str) and chosen else None)
        visible = s.value("projector/visible")
        if visible is None and len(QGuiApplication.screens()) > 1:
            menus.show_projector()  # first start with a projector plugged in
        if not _flag(visible):
            return
        projector = menus.projector
        screen = menus.projector_target()
        rect = s.value("projector/geometry")
        if not isinstance(rect, QRect) or not _on_a_screen(rect):
            rect = None
        if _flag(s.value("projector/fullscreen")):
            if rect is not None:
                projector.place(rect)
            # One screen: it covers the console, so it takes the keys (Esc ends it).
            one_screen = screen is menus.window.screen()
            projector.full_screen_on(screen, activate=one_screen)
            if one_screen:
                return
        else:
            where = screen if rect is None else _screen_of(rect, screen)
            projector.open_normal(where, rect, activate=False)
        menus.focus_console()  # the facilitator has the keyboard, not the room's screen

    def _restore_room(self, workshop: Workshop) -> None:
        session = workshop.session
        s = self.settings
        if session is None or s.value("room/session") != session.id:
            return
        step = session.current_step
        if step is not None and s.value("room/step") == step.id:
            try:
                workshop.timer.restore(float(s.value("room/elapsed", 0.0)))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                pass
        started = s.value("room/started")
        try:
            when = datetime.fromisoformat(started) if isinstance(started, str) else None
        except ValueError:
            when = None
        if when is not None and when.date() == datetime.now().date():
            workshop.mark_started(when)

    # -- saving ----------------------------------------------------------------
    def save(self, console: QWidget, projector: ProjectorWindow, menus: ConsoleMenus) -> None:
        """At quit: everything, and stop following the timer."""
        if self._following is not None:
            self._following.timer.changed.disconnect(self._timer_changed)
            self._following = None
        s = self.settings
        s.setValue("console/geometry", console.saveGeometry())
        s.setValue("projector/visible", projector.isVisible())
        s.setValue("projector/fullscreen", projector.isVisible() and projector.isFullScreen())
        if projector.normal_rect is not None:
            s.setValue("projector/geometry", projector.normal_rect)
        s.setValue("projector/screen", menus.projector_screen or "")
        self.save_room(menus.workshop)

    def save_room(self, workshop: Workshop) -> None:
        session, s = workshop.session, self.settings
        if session is None or session.current_step is None:
            return
        s.setValue("room/session", session.id)
        s.setValue("room/step", session.current_step.id)
        s.setValue("room/elapsed", workshop.timer.elapsed())
        s.setValue("room/started", workshop.started_at.isoformat() if workshop.started_at else "")
        s.sync()


def _flag(value: object) -> bool:
    return value is True or value == "true"


def _on_a_screen(rect: QRect) -> bool:
    return any(s.availableGeometry().intersects(rect) for s in QGuiApplication.screens())


def _screen_of(rect: QRect, fallback):  # type: ignore[no-untyped-def]
    return QGuiApplication.screenAt(rect.center()) or fallback
