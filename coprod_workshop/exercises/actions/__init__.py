"""Actions: at the close, the room's small steps to take together (what, who, by when)."""

from coprod_workshop.core.registry import ExerciseKind
from coprod_workshop.exercises.actions.model import ActionList

KIND = ExerciseKind(
    kind="actions",
    label="Actions",
    new_state=ActionList,
    state_from_doc=ActionList.from_doc,
    views="coprod_workshop.exercises.actions.views",
    report="coprod_workshop.exercises.actions.report",
)
