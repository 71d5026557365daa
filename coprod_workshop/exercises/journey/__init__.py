"""The journey so far: where a group stood at each of its workshops, and where it stands now."""

from coprod_workshop.core.registry import ExerciseKind
from coprod_workshop.exercises.journey.model import JourneyStep

KIND = ExerciseKind(
    kind="journey",
    label="The journey so far",
    new_state=JourneyStep,
    state_from_doc=JourneyStep.from_doc,
    views="coprod_workshop.exercises.journey.views",
)
