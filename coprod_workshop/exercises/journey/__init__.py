"""The journey so far: where a group stood at each of its workshops, and where it stands now."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="journey",
    label="The journey so far",
    model="coprod_workshop.exercises.journey.model",
    new="JourneyStep",
    from_doc="JourneyStep.from_doc",
    views="coprod_workshop.exercises.journey.views",
    digest="coprod_workshop.exercises.journey.model",
)
