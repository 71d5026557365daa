"""Saves the open session shortly after every change, and on quit."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from coprod_workshop.core.session import Change, Session
from coprod_workshop.storage import SessionStore

DELAY_MS = 300


class SaveManager(QObject):
    """Debounced autosave of one session.

    Changes that arrive within ``DELAY_MS`` of each other are saved together;
    a failed save (disk full, folder gone) is reported and retried on the
    next change or on :meth:`flush`, and the session stays in memory.

    Signals:
        dirtyChanged(bool): the session has changes not yet on disk.
        saveFailed(str): a save failed; the message is for the facilitator.
    """

    dirtyChanged = Signal(bool)
    saveFailed = Signal(str)

    def __init__(
        self, store: SessionStore, session: Session, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.session = session
        self.dirty = False
        self.saves = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.flush)
        session.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        self._set_dirty(True)
        self._timer.start()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirtyChanged.emit(dirty)

    def flush(self) -> bool:
        """Save now if anything changed; return whether the session is on disk."""
        self._timer.stop()
        if not self.dirty:
            return True
        try:
            self.store.save(self.session)
        except OSError as err:
            self.saveFailed.emit(
                f"The session could not be saved ({err.strerror or err}). "
                "It is still open here; the app will try again with the next change."
            )
            return False
        self.saves += 1
        self._set_dirty(False)
        return True

    def stop(self) -> None:
        """Save what is pending and stop following the session."""
        self.flush()
        self.session.changed.disconnect(self._on_change)
