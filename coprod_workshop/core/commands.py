"""Undoable changes to a session, as plain objects (no Qt).

The user interface wraps each command in a ``QUndoCommand`` and pushes it on
the session's undo stack (``ui.undo``); ``redo`` and ``undo`` only call the
session's own methods, which announce the change. A command may be merged
with the next one of the same ``merge_key`` (typing into one field makes one
undo step, not one per key press).
"""

from __future__ import annotations

from typing import Any, Protocol

from coprod_workshop.core.registry import ExerciseState
from coprod_workshop.core.session import Session, Step


class Command(Protocol):
    text: str

    def redo(self, session: Session) -> None: ...

    def undo(self, session: Session) -> None: ...


class MergeableCommand:
    """Base for commands that can absorb a following command of the same key."""

    text = ""

    @property
    def merge_key(self) -> tuple[Any, ...] | None:
        return None

    def merge(self, other: Any) -> bool:
        return False


class SetDetail(MergeableCommand):
    """Change the session's title, facilitator, date or start time."""

    def __init__(self, name: str, value: str, *, label: str = "") -> None:
        self.name = name
        self.value = value
        self.old: str | None = None
        self.text = f"Change {label or name.replace('_', ' ')}"

    def redo(self, session: Session) -> None:
        if self.old is None:
            self.old = getattr(session, self.name)
        session.set_detail(self.name, self.value)

    def undo(self, session: Session) -> None:
        assert self.old is not None
        session.set_detail(self.name, self.old)

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("detail", self.name)

    def merge(self, other: Any) -> bool:
        if not isinstance(other, SetDetail) or other.merge_key != self.merge_key:
            return False
        self.value = other.value
        return True


class SetStepDetail(MergeableCommand):
    """Change a step's title, planned minutes or facilitator notes."""

    def __init__(self, step_id: str, name: str, value: Any) -> None:
        self.step_id = step_id
        self.name = name
        self.value = value
        self.old: Any = None
        what = {"minutes": "planned minutes", "notes": "facilitator notes"}.get(name, name)
        self.text = f"Change step {what}"

    def redo(self, session: Session) -> None:
        if self.old is None:
            self.old = getattr(session.step(self.step_id), self.name)
        session.set_step_detail(self.step_id, self.name, self.value)

    def undo(self, session: Session) -> None:
        session.set_step_detail(self.step_id, self.name, self.old)

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("step-detail", self.step_id, self.name)

    def merge(self, other: Any) -> bool:
        if not isinstance(other, SetStepDetail) or other.merge_key != self.merge_key:
            return False
        self.value = other.value
        return True


class ReplaceState(MergeableCommand):
    """Replace a step's exercise state with an edited copy.

    Used for settings edits (an information slide's points, a pile's name);
    exercises with many small changes use their own commands.
    """

    def __init__(self, step_id: str, state: ExerciseState, text: str, key: str = "") -> None:
        self.step_id = step_id
        self.state = state
        self.old: ExerciseState | None = None
        self.text = text
        self.key = key

    def redo(self, session: Session) -> None:
        if self.old is None:
            self.old = session.step(self.step_id).state
        session.set_state(self.step_id, self.state, self.key)

    def undo(self, session: Session) -> None:
        assert self.old is not None
        session.set_state(self.step_id, self.old, self.key)

    @property
    def merge_key(self) -> tuple[Any, ...] | None:
        return ("state", self.step_id, self.key) if self.key else None

    def merge(self, other: Any) -> bool:
        if self.merge_key is None:  # only edits of one named setting merge
            return False
        if not isinstance(other, ReplaceState) or other.merge_key != self.merge_key:
            return False
        self.state = other.state
        return True


class SetStateField(MergeableCommand):
    """Set one attribute of a step's (mutable) exercise state.

    For an exercise's simple settings: a question, a revealed flag. With
    ``merge``, typing into one field makes one undo step. ``detail`` is what
    the session announces (the attribute's name unless given).
    """

    def __init__(
        self,
        step_id: str,
        name: str,
        value: Any,
        text: str,
        *,
        detail: str = "",
        merge: bool = False,
    ) -> None:
        self.step_id = step_id
        self.name = name
        self.value = value
        self.text = text
        self.detail = detail or name
        self.mergeable = merge
        self.old: Any = None
        self._has_old = False

    def redo(self, session: Session) -> None:
        state = session.step(self.step_id).state
        if not self._has_old:
            self.old, self._has_old = getattr(state, self.name), True
        setattr(state, self.name, self.value)
        session.state_changed(self.step_id, self.detail)

    def undo(self, session: Session) -> None:
        setattr(session.step(self.step_id).state, self.name, self.old)
        session.state_changed(self.step_id, self.detail)

    @property
    def merge_key(self) -> tuple[Any, ...] | None:
        return ("state-field", self.step_id, self.name) if self.mergeable else None

    def merge(self, other: Any) -> bool:
        if self.merge_key is None or not isinstance(other, SetStateField):
            return False
        if other.merge_key != self.merge_key:
            return False
        self.value = other.value
        return True


class InsertStep(MergeableCommand):
    def __init__(self, index: int, step: Step) -> None:
        self.index = index
        self.step = step
        self.text = f"Add step {step.title!r}"

    def redo(self, session: Session) -> None:
        session.insert_step(self.index, self.step)

    def undo(self, session: Session) -> None:
        session.remove_step(self.step.id)


class RemoveStep(MergeableCommand):
    def __init__(self, step_id: str) -> None:
        self.step_id = step_id
        self.index = -1
        self.current = 0
        self.step: Step | None = None
        self.text = "Remove step"

    def redo(self, session: Session) -> None:
        self.index = session.index_of(self.step_id)
        self.current = session.current
        self.step = session.remove_step(self.step_id)
        self.text = f"Remove step {self.step.title!r}"

    def undo(self, session: Session) -> None:
        assert self.step is not None
        session.insert_step(self.index, self.step)
        # Removing the step the room was on moved the room on; go back to it.
        session.go_to(self.current)


class MoveStep(MergeableCommand):
    """Move a step to another place in the agenda."""

    def __init__(self, step_id: str, index: int) -> None:
        self.step_id = step_id
        self.index = index
        self.old_index = -1
        self.text = "Move step"

    def redo(self, session: Session) -> None:
        self.old_index = session.index_of(self.step_id)
        session.move_step(self.step_id, self.index)

    def undo(self, session: Session) -> None:
        session.move_step(self.step_id, self.old_index)
