"""Bovaird matrix: who plans a service against who delivers it (seeds 000 and 003)."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="matrix",
    label="Bovaird matrix",
    model="coprod_workshop.exercises.matrix.model",
    new="new_matrix",
    from_doc="BovairdMatrix.from_doc",
    views="coprod_workshop.exercises.matrix.views",
    report="coprod_workshop.exercises.matrix.report",
)
