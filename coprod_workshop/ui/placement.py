"""Where the projector window goes: which screen, and how large when it is a normal window."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from PySide6.QtCore import QRect

#: share of the screen a normal (not full-screen) projector window fills, at most
LARGE = 0.8


class NamedScreen(Protocol):
    def name(self) -> str: ...


S = TypeVar("S", bound=NamedScreen)


def projector_screen(screens: Sequence[S], console: S, chosen: str | None = None) -> S:
    """The screen the projector belongs on.

    The one the facilitator chose (View → Projector screen) if it is still
    connected, otherwise the first screen that is not the console's, otherwise
    the console's own (one screen: a laptop on its own).
    """
    for screen in screens:
        if chosen is not None and screen.name() == chosen:
            return screen
    others = [screen for screen in screens if screen.name() != console.name()]
    return others[0] if others else console


def large_16_9(available: QRect) -> QRect:
    """A large 16:9 rectangle centred in ``available``, with room for a title bar."""
    width = min(available.width() * LARGE, available.height() * LARGE * 16 / 9)
    rect = QRect(0, 0, round(width), round(width * 9 / 16))
    rect.moveCenter(available.center())
    return rect


def fits(rect: QRect, available: QRect, margin: int = 0) -> bool:
    """Whether ``rect`` (a window's contents) lies on ``available`` with ``margin`` to spare."""
    return available.adjusted(margin, margin, -margin, -margin).contains(rect)
