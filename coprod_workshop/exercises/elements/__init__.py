"""Where are we now? The room rates itself on the six elements of co-production."""

from coprod_workshop.core.registry import ExerciseKind
from coprod_workshop.exercises.elements.model import SelfAssessment

KIND = ExerciseKind(
    kind="elements",
    label="Self-assessment: where are we now?",
    new_state=SelfAssessment,
    state_from_doc=SelfAssessment.from_doc,
    views="coprod_workshop.exercises.elements.views",
)
