"""Who took part in the session report: the number in each role and the organisations."""

from __future__ import annotations

from coprod_workshop.core.session import Step
from coprod_workshop.exercises.attendance.model import Attendance
from coprod_workshop.reports.blocks import Block, Para, Row, Table


def section(step: Step) -> list[Block]:
    state = step.state
    assert isinstance(state, Attendance)
    rows = tuple((r["role"], str(r["count"])) for r in state.results())
    blocks: list[Block] = [
        Para("Counted by the facilitator; nobody is named.", muted=True),
        Table(("Role", "People"), (*rows, ("Total", str(state.total))), (70, 30)),
    ]
    if state.organisations:
        number = len(state.organisations)
        blocks.append(
            Para(f"{number} organisation{'s' if number != 1 else ''}: "
                 + ", ".join(state.organisations) + ".")
        )
    return blocks


def rows(step: Step) -> list[Row]:
    state = step.state
    assert isinstance(state, Attendance)
    found = [
        Row(str(r["count"]), r["role"], "", "", "attendance") for r in state.results() if r["count"]
    ]
    named = [Row(name, "organisation", "", "", "organisation") for name in state.organisations]
    return found + named
