"""Actions: at the close, the room's small steps to take together (what, who, by when)."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="actions",
    label="Actions",
    model="coprod_workshop.exercises.actions.model",
    new="ActionList",
    from_doc="ActionList.from_doc",
    views="coprod_workshop.exercises.actions.views",
    report="coprod_workshop.exercises.actions.report",
)
