"""Sue and Mick: "consultation is a one-night stand, co-production is a long-term relationship"."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="relationship",
    label="Sue and Mick",
    model="coprod_workshop.exercises.relationship.model",
    new="Relationship",
    from_doc="Relationship.from_doc",
    views="coprod_workshop.exercises.relationship.views",
    report="coprod_workshop.exercises.relationship.report",
)
