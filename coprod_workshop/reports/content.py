"""What the report says, as blocks (no Qt): the session's details, the agenda as
planned and as run, then a section per exercise step from its kind's report hook."""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING
from datetime import datetime
from types import ModuleType

from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session, Step, Visit
from coprod_workshop.reports import evidence, sources
from coprod_workshop.reports.blocks import Block, Bullets, Heading, Para, Row, Table

if TYPE_CHECKING:
    from coprod_workshop.core.history import GroupHistory
    from coprod_workshop.exercises.journey.model import Visit as JourneyVisit
    from coprod_workshop.exercises.review.model import OpenAction

NOT_RUN = "–"


@dataclass(frozen=True)
class Options:
    """What the facilitator asked for: their own notes are left out unless ``notes``.
    ``journey``: the group's workshops in date order, this one included (read from the
    store by whoever exports: see ``journey.model.read_journey``)."""

    notes: bool = False
    journey: tuple[JourneyVisit, ...] = ()
    #: the group's open actions before this workshop, as its review step showed them (read
    #: from the store by whoever exports: see ``review.model.read_open_actions``)
    review: tuple[OpenAction, ...] = ()
    #: how long the step timer has run on the current step so far (an export from the
    #: open session: the session records it only when the room moves on)
    timer_now: float = 0.0


DEFAULT_OPTIONS = Options()


def group_journey(history: GroupHistory | None, session: Session) -> tuple[JourneyVisit, ...]:
    """The group's workshops for the report's journey section (``Options.journey``), read
    from ``history`` (the store, as the workshop offers it); none without a group."""
    from coprod_workshop.exercises.journey.model import read_journey

    return tuple(read_journey(history, session)) if session.group else ()


def group_review(history: GroupHistory | None, session: Session) -> tuple[OpenAction, ...]:
    """The group's open actions before ``session`` (``Options.review``), as its review
    step shows them; none without a group or a review step."""
    from coprod_workshop.exercises.review.model import read_open_actions

    if not session.group or not any(step.kind == "review" for step in session.steps):
        return ()
    return tuple(read_open_actions(history, session))


def hook(registry: Registry, kind: str) -> ModuleType | None:
    """The report module of an exercise kind, or None if it has none."""
    path = registry.get(kind).report if kind in registry else ""
    return importlib.import_module(path) if path else None


def _when(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def visit_seconds(visit: Visit, now: datetime) -> float:
    entered = _when(visit.entered)
    left = _when(visit.left) if visit.left else now
    return max(0.0, (left - entered).total_seconds()) if entered and left else 0.0


def minutes_text(seconds: float) -> str:
    """Whole minutes; a step passed in under half a minute (even under a second) is "<1"."""
    return f"{seconds / 60:.0f}" if seconds >= 30 else "<1"


def agenda(session: Session, now: datetime, timer_now: float = 0.0) -> list[Block]:
    """The agenda as planned (minutes per step) beside the agenda as run; ``timer_now``:
    the step timer's time so far on the current step."""
    spent: dict[str, float] = {}
    timed: dict[str, float] = {}
    for visit in session.visits:
        spent[visit.step] = spent.get(visit.step, 0.0) + visit_seconds(visit, now)
        timed[visit.step] = timed.get(visit.step, 0) + visit.timer_seconds
    current = session.current_step
    if current is not None and timer_now > 0:
        timed[current.id] = timed.get(current.id, 0) + timer_now
    rows = []
    for number, step in enumerate(session.steps, start=1):
        run = minutes_text(spent[step.id]) if step.id in spent else NOT_RUN
        timer = minutes_text(timed[step.id]) if timed.get(step.id) else NOT_RUN
        rows.append((str(number), step.title, str(step.minutes), run, timer))
    total_run = sum(spent.values())
    total = minutes_text(total_run) if spent else NOT_RUN
    rows.append(("", "Total", str(session.planned_minutes), total, ""))
    blocks: list[Block] = [
        Heading("Agenda as planned and as run", 2, new_page=True),
        Table(
            ("", "Step", "Planned (min)", "As run (min)", "Timer ran (min)"),
            tuple(rows),
            (5, 50, 15, 15, 15),
        ),
    ]
    if session.visits:
        titles = {step.id: step.title for step in session.steps}
        lines = []
        for visit in session.visits:
            entered, left = _when(visit.entered), _when(visit.left)
            span = f"{entered:%H:%M}" if entered else "?"
            span += f"–{left:%H:%M}" if left else "–"
            lines.append(f"{span}  {titles.get(visit.step, 'a step since removed')}")
        blocks += [Heading("In the order the room went through it", 3), Bullets(tuple(lines))]
    else:
        blocks.append(
            Para(
                "No step was timed: the times start when the facilitator moves "
                "between steps or starts the step timer.",
                muted=True,
            )
        )
    return blocks


#: the one line of a step that has nothing of the room's to show (no empty bullet)
NOTHING_RECORDED = "Nothing was recorded in this step: it showed the room something to talk about."


def _empty(block: Block) -> bool:
    return isinstance(block, Bullets) and not any(item.strip() for item in block.items)


def generic_section(step: Step) -> list[Block]:
    """A step whose kind has no report hook yet: its stored record, item by item."""
    doc = step.state.to_doc()
    return [
        Bullets(
            tuple(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in doc.items())
        )
    ]


def step_section(registry: Registry, step: Step) -> list[Block]:
    module = hook(registry, step.kind)
    return module.section(step) if module is not None else generic_section(step)


def step_rows(registry: Registry, step: Step) -> list[Row]:
    module = hook(registry, step.kind)
    return module.rows(step) if module is not None else []


def _rung(point: float | None, rungs: tuple[str, ...]) -> str:
    if point is None:
        return NOT_RUN
    return f"{point:g} ({rungs[round(point) - 1]})" if 1 <= round(point) <= len(rungs) else f"{point:g}"


def journey(session: Session, visits: tuple[JourneyVisit, ...]) -> list[Block]:
    """The group's workshops in date order (a column each): the median rating per
    element, and the ladder's median rung "now" and "wanted" at each."""
    visits = visits[-6:]  # the latest six fit across a page
    names = list(dict.fromkeys(name for visit in visits for name, _ in visit.ratings))
    header = ("", *(visit.date or NOT_RUN for visit in visits))
    rows: list[tuple[str, ...]] = []
    for name in names:
        cells = []
        for visit in visits:
            summary = dict(visit.ratings).get(name)
            median = summary.median if summary is not None else None
            cells.append(f"{median:g}" if median is not None else NOT_RUN)
        rows.append((name, *cells))
    for label, which in (("Ladder: now", "now"), ("Ladder: wanted", "wanted")):
        rows.append(
            (
                label,
                *(
                    _rung(getattr(visit.ladder, which), visit.ladder.rungs)
                    if visit.ladder
                    else NOT_RUN
                    for visit in visits
                ),
            )
        )
    width = 76 // len(visits)
    return [
        Heading(f"The journey of {session.group}", 2, new_page=True),
        Para(
            "Each workshop of the group, oldest first: the room's median rating of each "
            "element (1 to 5) and the ladder's median rung, now and wanted.",
            muted=True,
        ),
        Bullets(
            tuple(
                f"{visit.date or NOT_RUN}: {visit.title}"
                + (" (this workshop)" if visit.session_id == session.id else "")
                for visit in visits
            )
        ),
        Table(header, tuple(rows), (24, *((width,) * len(visits)))),
    ]


def report(
    session: Session,
    registry: Registry,
    options: Options = DEFAULT_OPTIONS,
    now: datetime | None = None,
) -> list[Block]:
    """The whole report, top to bottom."""
    now = now or datetime.now()
    details = [f"Date: {session.date or 'not set'}"]
    if session.facilitator:
        details.append(f"Facilitator: {session.facilitator}")
    if session.group:
        details.append(f"Group: {session.group}")
    if session.plan:
        details.append(f"Plan: {session.plan}")
    blocks: list[Block] = [Heading(session.title, 1), Para(" · ".join(details))]
    blocks += evidence.page(session, registry, options.journey)
    blocks += agenda(session, now, options.timer_now)
    if len(options.journey) > 1:
        blocks += journey(session, options.journey)
    for number, step in enumerate(session.steps, start=1):
        section = [b for b in step_section(registry, step) if not _empty(b)]
        if not section:
            section = [Para(NOTHING_RECORDED, muted=True)]
        notes: list[Block] = (
            [Para(f"Facilitator notes: {step.notes}", muted=True)]
            if options.notes and step.notes
            else []
        )
        if section or notes:
            blocks.append(Heading(f"{number}. {step.title}", 2, new_page=True))
            blocks += section + notes
    blocks += sources.section()
    blocks.append(Para(f"Exported {now:%Y-%m-%d %H:%M} from coprod-workshop.", muted=True))
    return blocks
