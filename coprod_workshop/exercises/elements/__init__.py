"""Where are we now? The room rates itself on the six elements of co-production."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="elements",
    label="Self-assessment: where are we now?",
    model="coprod_workshop.exercises.elements.model",
    new="SelfAssessment",
    from_doc="SelfAssessment.from_doc",
    views="coprod_workshop.exercises.elements.views",
    report="coprod_workshop.exercises.elements.report",
)
