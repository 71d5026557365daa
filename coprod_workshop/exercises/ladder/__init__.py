"""Ladder vote: the room votes where its service sits on the ladder of co-production."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="ladder",
    label="Ladder vote",
    model="coprod_workshop.exercises.ladder.model",
    new="LadderStep",
    from_doc="LadderStep.from_doc",
    views="coprod_workshop.exercises.ladder.views",
    report="coprod_workshop.exercises.ladder.report",
)
