"""A workshop session: its details, its agenda of steps, and where the room is.

Every mutation goes through a method here, and every method announces what it
changed on :attr:`Session.changed` with a :class:`Change`. Views redraw from
that; the save manager saves on it. Commands (``core.commands``) are the only
callers of the mutating methods in the running app, so every change can be
undone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from coprod_workshop.core.errors import DocumentError, NewerSchemaError
from coprod_workshop.core.events import Event
from coprod_workshop.core.fields import field
from coprod_workshop.core.registry import ExerciseState, Registry

SCHEMA_VERSION = 1
T = TypeVar("T")
MAX_STEP_MINUTES = 24 * 60


def parse_clock(text: str) -> time | None:
    """``"9:30"`` or ``"09:30"`` as a time of day; None if it is not one.

    (Read by hand: ``datetime.strptime`` compiles a dozen regular expressions
    on first use, a cost paid while the app starts.)
    """
    hours, colon, minutes = text.partition(":")
    if not (colon and 1 <= len(hours) <= 2 and 1 <= len(minutes) <= 2):
        return None
    if not (hours + minutes).isascii() or not (hours + minutes).isdigit():
        return None
    try:
        return time(int(hours), int(minutes))
    except ValueError:
        return None


def new_id() -> str:
    """Return a short random id, unique enough for one person's library."""
    # What secrets.token_hex does, without importing the hashing modules it
    # brings along (about 10 ms of the app's start).
    return os.urandom(5).hex()


@dataclass(frozen=True)
class Change:
    """What changed: ``scope`` is one of ``meta``, ``agenda``, ``step``, ``current``,
    ``run`` (a step's entry or exit was recorded, see :attr:`Session.visits`).

    ``step_id`` names the step for ``step`` changes; ``detail`` lets an exercise
    say more (for example ``"note-added"``).
    """

    scope: str
    step_id: str | None = None
    detail: str = ""


@dataclass
class Step:
    """One agenda item: an information slide or an exercise."""

    kind: str
    title: str
    minutes: int
    state: ExerciseState
    notes: str = ""
    id: str = dc_field(default_factory=new_id)

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "minutes": self.minutes,
            "notes": self.notes,
            "state": self.state.to_doc(),
        }

    @classmethod
    def from_doc(cls, doc: Any, registry: Registry, where: str) -> Step:
        kind = field(doc, "kind", str, where)
        title = field(doc, "title", str, where)
        minutes = field(doc, "minutes", int, where)
        if not 0 <= minutes <= MAX_STEP_MINUTES:
            raise DocumentError(f"{where}: planned minutes {minutes} are out of range")
        state_doc = field(doc, "state", dict, where, {})
        try:
            state = registry.get(kind).state_from_doc(state_doc)
        except DocumentError as err:
            raise DocumentError(f"{where} ({title!r}): {err}") from None
        return cls(
            kind=kind,
            title=title,
            minutes=minutes,
            state=state,
            notes=field(doc, "notes", str, where, ""),
            id=field(doc, "id", str, where, "") or new_id(),
        )


@dataclass
class Visit:
    """The room's time on one step: when it was entered and left (ISO date-times, ``left``
    empty while the room is still there) and how long the step timer ran meanwhile."""

    step: str
    entered: str
    left: str = ""
    timer_seconds: int = 0

    def to_doc(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "entered": self.entered,
            "left": self.left,
            "timer_seconds": self.timer_seconds,
        }

    @classmethod
    def from_doc(cls, doc: Any, where: str) -> Visit:
        return cls(
            field(doc, "step", str, where),
            field(doc, "entered", str, where),
            field(doc, "left", str, where, ""),
            field(doc, "timer_seconds", int, where, 0),
        )


def now_text() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Session:
    """A planned or running workshop.

    Signals (``core.events.Event``):
        changed(Change): after any change to the session.
    """

    def __init__(
        self,
        title: str,
        steps: list[Step] | None = None,
        *,
        id: str | None = None,
        date_: str | None = None,
        facilitator: str = "",
        start_time: str = "",
        current: int = 0,
        plan: str = "",
        visits: list[Visit] | None = None,
    ) -> None:
        self.id = id or new_id()
        self.title = title
        self.date = date_ or date.today().isoformat()
        self.facilitator = facilitator
        self.start_time = start_time
        self.steps: list[Step] = list(steps or [])
        self.current = max(0, min(current, len(self.steps) - 1))
        #: title of the plan or template this session was started from
        self.plan = plan
        #: the agenda as run: every time the room entered and left a step
        self.visits: list[Visit] = list(visits or [])
        self.changed = Event()

    # -- reading ---------------------------------------------------------
    @property
    def current_step(self) -> Step | None:
        return self.steps[self.current] if self.steps else None

    def index_of(self, step_id: str) -> int:
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)

    def step(self, step_id: str) -> Step:
        return self.steps[self.index_of(step_id)]

    def state_as(self, step_id: str, kind: type[T]) -> T:
        """A step's exercise state, checked to be of the class ``kind``."""
        state = self.step(step_id).state
        if not isinstance(state, kind):
            raise TypeError(f"step {step_id!r} is not a {kind.__name__}")
        return state

    @property
    def planned_minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    def start_datetime(self) -> datetime | None:
        """The planned start today, or None if no start time is set."""
        clock = parse_clock(self.start_time)
        return datetime.combine(date.today(), clock) if clock else None

    def planned_end(self) -> datetime | None:
        start = self.start_datetime()
        return start + timedelta(minutes=self.planned_minutes) if start else None

    def minutes_before(self, index: int) -> int:
        """Planned minutes of the steps before ``index``."""
        return sum(step.minutes for step in self.steps[:index])

    # -- changing (called by commands) -----------------------------------
    def set_detail(self, name: str, value: str) -> None:
        """Set one of ``title``, ``facilitator``, ``date``, ``start_time``."""
        if name not in ("title", "facilitator", "date", "start_time"):
            raise AttributeError(name)
        setattr(self, name, value)
        self.changed.emit(Change("meta"))

    def set_step_detail(self, step_id: str, name: str, value: Any) -> None:
        """Set a step's ``title``, ``minutes`` or facilitator ``notes``."""
        if name not in ("title", "minutes", "notes"):
            raise AttributeError(name)
        setattr(self.step(step_id), name, value)
        self.changed.emit(Change("agenda" if name != "notes" else "step", step_id, name))

    def set_state(self, step_id: str, state: ExerciseState, detail: str = "") -> None:
        """Replace a step's exercise state."""
        self.step(step_id).state = state
        self.changed.emit(Change("step", step_id, detail))

    def state_changed(self, step_id: str, detail: str = "") -> None:
        """Announce that a command changed a step's exercise state in place."""
        self.changed.emit(Change("step", step_id, detail))

    def insert_step(self, index: int, step: Step) -> None:
        self.steps.insert(index, step)
        if index <= self.current and len(self.steps) > 1:
            self.current += 1
        self.changed.emit(Change("agenda", step.id, "inserted"))

    def remove_step(self, step_id: str) -> Step:
        index = self.index_of(step_id)
        step = self.steps.pop(index)
        if index < self.current or self.current >= len(self.steps):
            self.current = max(0, self.current - 1)
        self.changed.emit(Change("agenda", step_id, "removed"))
        return step

    def move_step(self, step_id: str, index: int) -> None:
        """Move a step to position ``index``; the room stays on the same step."""
        current_id = self.steps[self.current].id if self.steps else None
        step = self.steps.pop(self.index_of(step_id))
        self.steps.insert(max(0, min(index, len(self.steps))), step)
        if current_id is not None:
            self.current = self.index_of(current_id)
        self.changed.emit(Change("agenda", step_id, "moved"))

    def go_to(self, index: int, timer_seconds: float | None = None) -> bool:
        """Make step ``index`` the current one; return whether it moved.

        When the room moves (``timer_seconds`` given: how long the step timer
        ran on the step left), the move is recorded in :attr:`visits`; undo
        putting the current step back passes nothing and records nothing.
        """
        index = max(0, min(index, len(self.steps) - 1))
        if index == self.current:
            return False
        if timer_seconds is not None:
            self._leave(timer_seconds)
        self.current = index
        if timer_seconds is not None:
            self._enter()
        self.changed.emit(Change("current"))
        return True

    def enter_step(self) -> None:
        """Record that the room is now on the current step (the timer was started)."""
        if self._enter():
            self.changed.emit(Change("run"))

    def leave_step(self, timer_seconds: float = 0.0) -> None:
        """Record that the room left the step it is on (the session is closing)."""
        if self._leave(timer_seconds):
            self.changed.emit(Change("run"))

    def _enter(self) -> bool:
        step = self.current_step
        last = self.visits[-1] if self.visits else None
        if step is None or (last and last.step == step.id and not last.left):
            return False
        self._leave(0.0)
        self.visits.append(Visit(step.id, now_text()))
        return True

    def _leave(self, timer_seconds: float) -> bool:
        if not self.visits or self.visits[-1].left:
            return False
        self.visits[-1].left = now_text()
        self.visits[-1].timer_seconds = round(timer_seconds)
        return True

    # -- storing -----------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "facilitator": self.facilitator,
            "start_time": self.start_time,
            "plan": self.plan,
            "current": self.current,
            "steps": [step.to_doc() for step in self.steps],
            "visits": [visit.to_doc() for visit in self.visits],
        }

    @classmethod
    def from_doc(cls, doc: Any, registry: Registry) -> Session:
        """Build a session from a stored document; raise DocumentError if unusable."""
        if not isinstance(doc, dict):
            raise DocumentError("the session is not a record")
        schema = field(doc, "schema", int, "the session")
        if schema > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"it was saved by a newer version of coprod-workshop (format {schema}, "
                f"this version reads up to {SCHEMA_VERSION})"
            )
        step_docs = field(doc, "steps", list, "the session")
        steps = [
            Step.from_doc(step_doc, registry, f"step {number}")
            for number, step_doc in enumerate(step_docs, start=1)
        ]
        if len({step.id for step in steps}) != len(steps):
            raise DocumentError("two steps share the same id")
        return cls(
            field(doc, "title", str, "the session"),
            steps,
            id=field(doc, "id", str, "the session"),
            date_=field(doc, "date", str, "the session", ""),
            facilitator=field(doc, "facilitator", str, "the session", ""),
            start_time=field(doc, "start_time", str, "the session", ""),
            current=field(doc, "current", int, "the session", 0),
            plan=field(doc, "plan", str, "the session", ""),
            visits=[
                Visit.from_doc(visit, f"visit {number}")
                for number, visit in enumerate(field(doc, "visits", list, "the session", []), 1)
            ],
        )

    def copy_as_new(self, registry: Registry, *, keep_results: bool = False) -> Session:
        """A new session (new id, today's date, first step) with this agenda.

        Used to start a session from a plan or template; the room's results
        are dropped unless ``keep_results``.
        """
        doc = self.to_doc()
        fresh = Session.from_doc(doc, registry)
        for step in fresh.steps:
            step.id = new_id()
            if not keep_results:
                step.state = step.state.without_results()
        fresh.id = new_id()
        fresh.date = date.today().isoformat()
        fresh.current = 0
        fresh.visits = []
        fresh.plan = self.title
        return fresh
