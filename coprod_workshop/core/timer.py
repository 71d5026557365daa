"""The step timer (pure Python; the console and projector only display it)."""

from __future__ import annotations

import time
from collections.abc import Callable

from coprod_workshop.core.events import Event


class StepTimer:
    """Counts the time spent on the current step; start, pause, reset.

    Signals:
        changed(): after start, pause or reset (not on every tick).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._banked = 0.0
        self._since: float | None = None
        self.changed = Event()

    @property
    def running(self) -> bool:
        return self._since is not None

    def elapsed(self) -> float:
        if self._since is None:
            return self._banked
        return self._banked + self._clock() - self._since

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock()
            self.changed.emit()

    def pause(self) -> None:
        if self._since is not None:
            self._banked = self.elapsed()
            self._since = None
            self.changed.emit()

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def restore(self, elapsed: float) -> None:
        """Paused at ``elapsed`` seconds (the time it had when the app quit)."""
        self._banked = max(0.0, elapsed)
        self._since = None
        self.changed.emit()

    def reset(self) -> None:
        """Back to zero; a running timer keeps running from zero."""
        self._banked = 0.0
        if self._since is not None:
            self._since = self._clock()
        self.changed.emit()


def format_remaining(elapsed_s: float, planned_min: int) -> tuple[str, bool]:
    """``("7:48", False)`` while time is left, ``("+1:12", True)`` once over."""
    left = planned_min * 60 - int(elapsed_s)
    over = left < 0
    minutes, seconds = divmod(abs(left), 60)
    return (f"{'+' if over else ''}{minutes}:{seconds:02d}", over)
