"""Saves the open session shortly after every change, and on quit."""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from coprod_workshop.core.session import Change, Session
from coprod_workshop.storage import SessionStore
from coprod_workshop.storage.store import Snapshot

#: a save follows this long after the last change (a quiet moment)...
DELAY_MS = 300
#: ...and never later than this after the first change not yet on disk,
#: however busy the room (someone typing without a pause)
MAX_WAIT_MS = 450
#: while saves fail (disk full, folder gone), try again this often
RETRY_MS = 5000


class SaveManager(QObject):
    """Autosave of one session: after a quiet moment, or at the latest MAX_WAIT_MS.

    The session is taken as it stands on the window's thread (a snapshot)
    and written to disk on a thread of its own, so a slow disk, or a busy
    phone server, never holds up the room; :meth:`flush` (saving before
    quitting, or on Ctrl+S) waits for that write and writes what is left.

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
    #: a write on the writer's thread has ended (delivered on the window's thread)
    _written = Signal(object)

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
        #: when the first change not yet in a snapshot came (None: none since)
        self._first_change: float | None = None
        #: changes seen, and how many of them the write under way holds
        self._changes = 0
        self._writing: tuple[Future[Path], int] | None = None
        self._writer: ThreadPoolExecutor | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._save_in_background)
        self._written.connect(self._on_written, Qt.ConnectionType.QueuedConnection)
        session.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        now = time.monotonic()
        self._changes += 1
        if self._first_change is None:
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

    def _snapshot(self) -> tuple[Snapshot, int] | None:
        """The session as it stands, or None if saving failed at once (said so)."""
        try:
            snapshot = self.store.snapshot(self.session)
        except OSError as err:  # the lock file could not be made: the folder is gone
            self._failed(err)
            return None
        self._first_change = None
        return snapshot, self._changes

    def _save_in_background(self) -> None:
        if not self.dirty:
            return
        if self._writing is not None:
            return  # saved again as soon as that write ends
        taken = self._snapshot()
        if taken is None:
            return
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        future = self._writer.submit(self.store.write, taken[0])
        self._writing = (future, taken[1])
        future.add_done_callback(self._tell_written)

    def _tell_written(self, future: Future[Path]) -> None:
        """On the writer's thread: hand the outcome to the window's thread."""
        try:
            self._written.emit(future)
        except RuntimeError:
            pass  # the window closed meanwhile; flush() already waited for the write

    def _on_written(self, future: Future[Path]) -> None:
        if self._writing is None or self._writing[0] is not future:
            return  # flush() already took this outcome
        self._take_outcome()
        if self.dirty and not self.failure and not self._timer.isActive():
            self._timer.start(0)  # changes came during the write, and their time is up

    def _take_outcome(self) -> bool:
        """Wait for the write under way, if any; return whether it saved."""
        if self._writing is None:
            return True
        future, changes = self._writing
        self._writing = None
        error = future.exception()
        if error is None:
            self._saved(changes)
            return True
        if isinstance(error, OSError):
            self._failed(error)
            return False
        raise error

    def _saved(self, changes: int) -> None:
        self.saves += 1
        if changes == self._changes:
            self._set_dirty(False)
        if self.failure:
            self.failure = ""
            self.saveRecovered.emit(f"“{self.session.title}” is saved again.")

    def _failed(self, err: OSError) -> None:
        """Saving failed: the changes it held are unsaved again, and it is tried later."""
        if self._first_change is None:
            self._first_change = time.monotonic()
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

    def flush(self) -> bool:
        """Save now if anything changed; return whether the session is on disk."""
        self._timer.stop()
        self._take_outcome()
        if not self.dirty:
            return True
        taken = self._snapshot()
        if taken is None:
            return False
        try:
            self.store.write(taken[0])
        except OSError as err:
            self._failed(err)
            return False
        self._saved(taken[1])
        return not self.dirty

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
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        return saved
