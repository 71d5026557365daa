"""Saves the open session shortly after every change, and on quit."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from coprod_workshop.core.session import Change, Session
from coprod_workshop.storage import SessionStore

#: a save follows this long after the last change (a quiet moment)...
DELAY_MS = 300
#: ...and never later than this after the first change not yet on disk,
#: however busy the room (someone typing without a pause)
MAX_WAIT_MS = 450
#: while saves fail (disk full, folder gone), try again this often
RETRY_MS = 5000


class SaveManager(QObject):
    """Autosave of one session: after a quiet moment, or at the latest MAX_WAIT_MS.

    A failed save (disk full, folder gone) is reported once, with one
    message, until a save succeeds again (``saveFailed``); the session stays
    in memory, and saving is tried again with the next change, every
    RETRY_MS and on :meth:`flush`.

    Signals:
        dirtyChanged(bool): the session has changes not yet on disk.
        saveFailed(str): saving started to fail; the message is for the facilitator.
        saveRecovered(str): saving works again after failing.
    """

    dirtyChanged = Signal(bool)
    saveFailed = Signal(str)
    saveRecovered = Signal(str)

    def __init__(
        self, store: SessionStore, session: Session, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.session = session
        self.dirty = False
        self.saves = 0
        #: why the last save failed ("" while saving works)
        self.failure = ""
        self._first_change = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        session.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        now = time.monotonic()
        if not self.dirty:
            self._first_change = now
            self._set_dirty(True)
        if self.failure:
            wait_ms = DELAY_MS
        else:
            waited_ms = (now - self._first_change) * 1000
            wait_ms = max(0, min(DELAY_MS, int(MAX_WAIT_MS - waited_ms)))
        self._timer.start(wait_ms)

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
            reason = err.strerror or str(err)
            first, self.failure = not self.failure, reason
            self._timer.start(RETRY_MS)
            if first:
                self.saveFailed.emit(
                    f"“{self.session.title}” could not be saved ({reason}). "
                    "It is still open here and nothing is lost while the app runs; "
                    "the app keeps trying and says when saving works again. "
                    "Free some space or check the data folder."
                )
            return False
        self.saves += 1
        self._set_dirty(False)
        if self.failure:
            self.failure = ""
            self.saveRecovered.emit(f"“{self.session.title}” is saved again.")
        return True

    def cannot_save(self, reason: str) -> None:
        """The session is not on disk and saving is known to fail (already reported)."""
        self.failure = reason
        self._set_dirty(True)
        self._timer.start(RETRY_MS)

    def stop(self) -> bool:
        """Save what is pending and stop following the session; return whether it is saved."""
        saved = self.flush()
        self._timer.stop()
        self.session.changed.disconnect(self._on_change)
        return saved
