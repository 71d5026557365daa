"""Information step: a heading, a few short points and a prompt for discussion."""

from coprod_workshop.core.registry import ExerciseKind
from coprod_workshop.exercises.info.model import InfoSlide

KIND = ExerciseKind(
    kind="info",
    label="Information",
    new_state=InfoSlide,
    state_from_doc=InfoSlide.from_doc,
    views="coprod_workshop.exercises.info.views",
    report="coprod_workshop.exercises.info.report",
)
