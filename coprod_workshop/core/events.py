"""A minimal observer used by the model to announce changes (no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Event:
    """A list of callbacks called in order when the event is emitted.

    Callbacks are held strongly, on purpose: a view is told of changes until
    it says otherwise, never dropped by the garbage collector at a random
    moment, and never called after its widgets are gone because it said so.
    So views subscribe with ``connect`` and must ``disconnect`` when they close
    (their ``detach``). ``len(event)`` and :meth:`listeners` let tests check
    that closing every view and stopping every service leaves no listener
    behind (``tests/test_phone_voting.py``).
    """

    def __init__(self) -> None:
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> None:
        if callback not in self._callbacks:
            self._callbacks.append(callback)

    def disconnect(self, callback: Callable[..., Any]) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        for callback in list(self._callbacks):
            callback(*args)

    def listeners(self) -> list[str]:
        """Who is listening, by name (``"StepView._on_change"``), for messages and tests."""
        return [getattr(c, "__qualname__", repr(c)) for c in self._callbacks]

    def __len__(self) -> int:
        return len(self._callbacks)
