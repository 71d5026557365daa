"""The one path for every change: model commands pushed on a QUndoStack."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from coprod_workshop.core.commands import Command
from coprod_workshop.core.session import Session
from coprod_workshop.core.timer import StepTimer

_MERGE_ID = 1


class QtCommand(QUndoCommand):
    """Wraps a pure command from ``core.commands`` (or an exercise's)."""

    def __init__(self, session: Session, command: Command) -> None:
        super().__init__(command.text)
        self.session = session
        self.command = command

    def redo(self) -> None:
        self.command.redo(self.session)
        self.setText(self.command.text)

    def undo(self) -> None:
        self.command.undo(self.session)

    def id(self) -> int:
        return _MERGE_ID if getattr(self.command, "merge_key", None) is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, QtCommand):
            return False
        merge = getattr(self.command, "merge", None)
        return bool(merge and merge(other.command))


class Runner:
    """Pushes commands for one session; views call ``run(command)``."""

    def __init__(self, session: Session, stack: QUndoStack) -> None:
        self.session = session
        self.stack = stack

    def __call__(self, command: Any) -> None:
        self.stack.push(QtCommand(self.session, command))


class TimerReset(QUndoCommand):
    """The step timer back to zero, as an undo step of its own.

    An accidental Reset is undone by Ctrl+Z like any other change, so the
    undo never reaches past it to the room's last action (a reveal the room
    is discussing). Undone on another step, it leaves that step's timer alone.
    """

    def __init__(self, session: Session, timer: StepTimer) -> None:
        super().__init__("Reset the step timer")
        self.session = session
        self.timer = timer
        self.step = self._step_id()
        self.elapsed = timer.elapsed()
        self.was_running = timer.running

    def _step_id(self) -> str | None:
        step = self.session.current_step
        return step.id if step is not None else None

    def redo(self) -> None:
        self.timer.reset()

    def undo(self) -> None:
        if self._step_id() != self.step:
            return
        ran_since = self.timer.elapsed()
        self.timer.restore(self.elapsed + ran_since)
        if self.was_running:
            self.timer.start()
