"""The agenda as run in the report: every step the room passed through has a time."""

from __future__ import annotations

from datetime import datetime

from coprod_workshop.core.session import Session, Step, Visit
from coprod_workshop.exercises.info.model import InfoSlide
from coprod_workshop.reports.blocks import Table
from coprod_workshop.reports.content import NOT_RUN, agenda


def test_a_step_passed_in_under_a_second_reads_less_than_a_minute_not_nothing() -> None:
    steps = [Step("info", f"Step {n}", 5, InfoSlide(("x",))) for n in range(4)]
    session = Session("Carers' forum", steps)
    session.visits = [
        Visit(steps[0].id, "2026-05-04T09:30:00", "2026-05-04T09:42:00", 700),
        Visit(steps[1].id, "2026-05-04T09:42:00", "2026-05-04T09:42:00", 0),  # passed at once
        Visit(steps[2].id, "2026-05-04T09:42:00", "2026-05-04T09:42:20", 0),
    ]
    table = next(b for b in agenda(session, datetime(2026, 5, 4, 10, 0)) if isinstance(b, Table))
    as_run = [row[3] for row in table.rows]
    assert as_run == ["12", "<1", "<1", NOT_RUN, "12"]
