"""Who took part in the session report: the number in each role and the organisations."""

from __future__ import annotations

from coprod_workshop.core.session import Step
from coprod_workshop.exercises.attendance.model import Attendance
from coprod_workshop.reports.blocks import Block, Para, Row, Table


def section(step: Step) -> list[Block]:
    state = step.state
    assert isinstance(state, Attendance)
    rows: tuple[tuple[str, ...], ...]
    if state.from_phones:
        rows = tuple(
            (r["role"], str(r["count"]), str(r["from_phones"])) for r in state.results()
        )
        total = ("Total", str(state.total), str(state.from_phones))
        blocks: list[Block] = [
            Para("Counted by the facilitator, and by people who said their role on a phone "
                 "(anonymously); nobody is named.", muted=True),
            Table(("Role", "People", "From phones"), (*rows, total), (60, 20, 20)),
        ]  # fmt: skip
    else:
        rows = tuple((r["role"], str(r["count"])) for r in state.results())
        blocks = [
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
        Row(str(r["count"]), r["role"], f"{r['from_phones']} from phones" if r["from_phones"]
            else "", "", "attendance")
        for r in state.results() if r["count"]
    ]  # fmt: skip
    named = [Row(name, "organisation", "", "", "organisation") for name in state.organisations]
    return found + named
