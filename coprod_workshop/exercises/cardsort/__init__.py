"""Roles and labels card sort: "the power of language... and of roles" (seed 002)."""

from coprod_workshop.core.registry import ExerciseKind
from coprod_workshop.exercises.cardsort.model import CardSort, new_card_sort

KIND = ExerciseKind(
    kind="cardsort",
    label="Card sort",
    new_state=new_card_sort,
    state_from_doc=CardSort.from_doc,
    views="coprod_workshop.exercises.cardsort.views",
    report="coprod_workshop.exercises.cardsort.report",
)
