"""Information step: a heading, a few short points and a prompt for discussion."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="info",
    label="Information",
    model="coprod_workshop.exercises.info.model",
    new="InfoSlide",
    from_doc="InfoSlide.from_doc",
    views="coprod_workshop.exercises.info.views",
    report="coprod_workshop.exercises.info.report",
    ready_made="coprod_workshop.exercises.info.cases",
)
