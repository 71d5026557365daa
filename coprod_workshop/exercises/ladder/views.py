"""Qt views of a ladder vote: what the room sees, and the facilitator's controls.

The presenter takes votes itself when given ``run`` (the projector and the
console's preview both pass the workshop's runner), so the room can vote on
either screen. matplotlib is imported only once results are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from coprod_workshop.core.session import Session
from coprod_workshop.exercises.ladder.controls import LadderControls
from coprod_workshop.participation.phone import PhoneVoting
from coprod_workshop.exercises.ladder.presenter import LadderPresenter


def presenter_view(
    session: Session, step_id: str, run: Callable[[Any], None] | None = None, workshop: Any = None
) -> QWidget:
    phone = PhoneVoting.of(workshop) if workshop is not None else None
    return LadderPresenter(session, step_id, run, phone)


def console_view(
    session: Session, step_id: str, run: Callable[[Any], None], workshop: Any = None
) -> QWidget:
    phone = PhoneVoting.of(workshop) if workshop is not None else None
    return LadderControls(session, step_id, run, phone)
