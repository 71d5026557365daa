"""Last time's actions: the group's open actions from its earlier workshops, and what
became of each (done, going, stuck, dropped): "You said, we did"."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="review",
    label="Last time's actions",
    model="coprod_workshop.exercises.review.model",
    new="ActionReview",
    from_doc="ActionReview.from_doc",
    views="coprod_workshop.exercises.review.views",
    report="coprod_workshop.exercises.review.report",
    digest="coprod_workshop.exercises.review.model",
)
