"""Qt views of a self-assessment: what the room sees, and the facilitator's controls.

Both take votes the ladder's ways (turns on the shared screen, counts of
hands, phones through the workshop's phone voting). matplotlib is imported
only once results are revealed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from coprod_workshop.core.session import Session
from coprod_workshop.exercises.elements.controls import ElementsControls
from coprod_workshop.exercises.elements.presenter import ElementsPresenter
from coprod_workshop.participation.phone import PhoneVoting


def presenter_view(
    session: Session, step_id: str, run: Callable[[Any], None] | None = None, workshop: Any = None
) -> QWidget:
    phone = PhoneVoting.of(workshop) if workshop is not None else None
    return ElementsPresenter(session, step_id, run, phone)


def console_view(
    session: Session, step_id: str, run: Callable[[Any], None], workshop: Any = None
) -> QWidget:
    phone = PhoneVoting.of(workshop) if workshop is not None else None
    return ElementsControls(session, step_id, run, phone)
