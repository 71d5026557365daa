"""Roles and labels card sort: "the power of language... and of roles" (seed 002)."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="cardsort",
    label="Card sort",
    model="coprod_workshop.exercises.cardsort.model",
    new="new_card_sort",
    from_doc="CardSort.from_doc",
    views="coprod_workshop.exercises.cardsort.views",
    report="coprod_workshop.exercises.cardsort.report",
)
