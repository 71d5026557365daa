"""Who took part: how many people in each role, and which organisations; counted,
never named."""

from coprod_workshop.core.registry import ExerciseKind

KIND = ExerciseKind(
    kind="attendance",
    label="Who took part",
    model="coprod_workshop.exercises.attendance.model",
    new="Attendance",
    from_doc="Attendance.from_doc",
    views="coprod_workshop.exercises.attendance.views",
    report="coprod_workshop.exercises.attendance.report",
)
