"""Feedback at the close: how today was, whether people felt listened to, in a sentence."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="feedback",
    label="Feedback",
    model="coprod_workshop.exercises.feedback.model",
    new="Feedback",
    from_doc="Feedback.from_doc",
    views="coprod_workshop.exercises.feedback.views",
    report="coprod_workshop.exercises.feedback.report",
)
