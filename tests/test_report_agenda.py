"""The agenda as run in the report: every step the room passed through has a time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from coprod_workshop.core.session import Session, Step, Visit
from coprod_workshop.exercises.info.model import InfoSlide
from coprod_workshop.exercises.journey.model import JourneyStep
from coprod_workshop.reports.blocks import Bullets, Heading, Para, Table
from coprod_workshop.reports.content import NOT_RUN, NOTHING_RECORDED, agenda, report


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


def test_a_step_with_nothing_recorded_says_so_in_one_line_not_an_empty_bullet(
    registry: Any,
) -> None:
    steps = [
        Step("info", "Welcome", 5, InfoSlide(("Tea at eleven",))),
        Step("journey", "The journey so far", 10, JourneyStep()),
    ]
    blocks = report(Session("Carers' forum", steps), registry, now=datetime(2026, 5, 4, 10, 0))
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and "journey" in b.text)
    section = blocks[at + 1 :]
    assert isinstance(section[0], Para) and section[0].text == NOTHING_RECORDED
    assert not any(isinstance(b, Bullets) and not any(b.items) for b in blocks)
