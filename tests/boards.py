"""Helpers for the widget tests of the card exercises (card sort, matrix)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows
from coprod_workshop.core.registry import ExerciseState
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.cards.board import Board
from coprod_workshop.exercises.cards.placeview import PlaceView
from coprod_workshop.exercises.info.model import InfoSlide


def session_around(kind: str, title: str, state: ExerciseState) -> tuple[Session, str]:
    """A session whose current step is ``kind``, between a welcome and a tea break."""
    step = Step(kind, title, 25, state)
    intro = Step("info", "Welcome", 10, InfoSlide(("Hello",)))
    after = Step("info", "Tea", 15, InfoSlide(("Tea and coffee",)))
    return Session("Leeds carers", [intro, step, after], current=1), step.id


def open_in(windows: Windows, session: Session) -> None:
    windows.workshop.store.save(session)
    windows.workshop.open(session)


def board(session: Session, step_id: str) -> Board:
    return session.step(step_id).state.board  # type: ignore[no-any-return]


def card_id(session: Session, step_id: str, text: str) -> str:
    return next(c.id for c in board(session, step_id).cards() if c.text == text)


def settle() -> None:
    """Let deferred deletions and queued events run (before grabbing a screen)."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def projected_text_sizes(projector: QWidget) -> list[tuple[str, int]]:
    """(role, pixel size) of each text the projector shows with a role (the ladder's
    rungs aside: they are drawn at their own size)."""
    settle()
    return [
        (str(w.property("role")), w.font().pixelSize())
        for w in projector.findChildren(QWidget)
        if w.property("role") and w.isVisible() and w.property("role") != "rung"
    ]


def show(windows: Windows, qtbot: QtBot, *, projector: bool = True) -> None:
    """Console at 1600x1000 and projector at 1920x1080, on screen."""
    windows.console.resize(1600, 1000)
    windows.projector.resize(1920, 1080)
    windows.console.show()
    if projector:
        windows.projector.show()
        qtbot.waitExposed(windows.projector)
    qtbot.waitExposed(windows.console)
    settle()


def activate(windows: Windows, qtbot: QtBot) -> None:
    windows.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)


def drop_on(view: PlaceView, data: QMimeData, pos: QPoint) -> QDropEvent:
    """Drag ``data`` over ``view`` and drop it at ``pos`` with synthetic events
    (QTest cannot drive a real QDrag offscreen)."""
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, data, buttons, mods)
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(pos, actions, data, buttons, mods)
    QApplication.sendEvent(view.viewport(), move)
    assert move.isAccepted() and move.dropAction() == Qt.DropAction.MoveAction
    drop = QDropEvent(QPointF(pos), actions, data, buttons, mods)
    QApplication.sendEvent(view.viewport(), drop)
    return drop
