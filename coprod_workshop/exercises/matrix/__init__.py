"""Bovaird matrix: who plans a service against who delivers it (seeds 000 and 003)."""

from coprod_workshop.core.registry import ExerciseKind
from coprod_workshop.exercises.matrix.model import BovairdMatrix, new_matrix

KIND = ExerciseKind(
    kind="matrix",
    label="Bovaird matrix",
    new_state=new_matrix,
    state_from_doc=BovairdMatrix.from_doc,
    views="coprod_workshop.exercises.matrix.views",
    report="coprod_workshop.exercises.matrix.report",
)
