"""The session model and its undoable commands, without Qt."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from coprod_workshop.core.commands import (
    InsertStep,
    RemoveStep,
    ReplaceState,
    SetDetail,
    SetStepDetail,
)
from coprod_workshop.core.errors import DocumentError, NewerSchemaError
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Change, Session, Step
from coprod_workshop.exercises.info.model import MAX_POINTS, InfoSlide


def info_step(title: str, minutes: int = 10, points: tuple[str, ...] = ()) -> Step:
    return Step("info", title, minutes, InfoSlide(points=points, prompt=f"About {title}?"))


def make_session(steps: int = 3, current: int = 0) -> Session:
    return Session(
        "Community garden plan",
        [info_step(f"Step {n}", 10 + n, (f"point {n}a", f"point {n}b")) for n in range(steps)],
        date_="2024-05-02",
        facilitator="Amira",
        start_time="09:30",
        current=current,
        plan="Garden template",
    )


def record(session: Session) -> list[Change]:
    changes: list[Change] = []
    session.changed.connect(changes.append)
    return changes


# -- documents ---------------------------------------------------------------
def test_round_trip_keeps_everything(registry: Registry) -> None:
    session = make_session(current=2)
    session.steps[1].notes = "Hand out the pens — and the café vouchers ✓"
    doc = session.to_doc()

    again = Session.from_doc(doc, registry)

    assert again.to_doc() == doc
    assert again.id == session.id
    assert again.current == 2
    assert again.steps[1].notes.endswith("vouchers ✓")
    assert again.steps[0].state == InfoSlide(("point 0a", "point 0b"), "About Step 0?")


def test_from_doc_explains_what_is_wrong(registry: Registry) -> None:
    doc = make_session().to_doc()
    doc["steps"][1]["minutes"] = "ten"
    with pytest.raises(DocumentError, match=r"step 2: 'minutes' should be a whole number"):
        Session.from_doc(doc, registry)

    doc = make_session().to_doc()
    doc["steps"][0]["kind"] = "poll"
    with pytest.raises(DocumentError, match=r"unknown exercise kind 'poll'"):
        Session.from_doc(doc, registry)

    doc = make_session().to_doc()
    doc["steps"][2]["id"] = doc["steps"][0]["id"]
    with pytest.raises(DocumentError, match="two steps share the same id"):
        Session.from_doc(doc, registry)

    doc = make_session().to_doc()
    doc["steps"][0]["state"]["points"] = [f"p{n}" for n in range(MAX_POINTS + 1)]
    with pytest.raises(DocumentError, match=f"at most {MAX_POINTS} fit"):
        Session.from_doc(doc, registry)

    doc = make_session().to_doc()
    doc["schema"] = 99
    with pytest.raises(NewerSchemaError, match="newer version"):
        Session.from_doc(doc, registry)


def test_current_step_from_a_document_is_clamped(registry: Registry) -> None:
    doc = make_session(steps=3).to_doc()
    doc["current"] = 40
    assert Session.from_doc(doc, registry).current == 2
    doc["current"] = -3
    assert Session.from_doc(doc, registry).current == 0


# -- commands ----------------------------------------------------------------
def command_cases(session: Session) -> dict[str, Any]:
    first, second = session.steps[0].id, session.steps[1].id
    return dict(
        [
            ("set title", SetDetail("title", "Park plan")),
            ("set start", SetDetail("start_time", "13:00", label="start time")),
            ("step title", SetStepDetail(second, "title", "Welcome")),
            ("step minutes", SetStepDetail(first, "minutes", 45)),
            ("step notes", SetStepDetail(second, "notes", "Remember the name badges")),
            (
                "replace state",
                ReplaceState(first, InfoSlide(("only point",)), "Edit points", "pts"),
            ),
            ("insert first", InsertStep(0, info_step("Icebreaker"))),
            ("insert at current", InsertStep(1, info_step("Recap"))),
            ("insert last", InsertStep(3, info_step("Close"))),
            ("remove first", RemoveStep(first)),
            ("remove second", RemoveStep(second)),
            ("remove last", RemoveStep(session.steps[2].id)),
        ]
    )


@pytest.mark.parametrize("name", list(command_cases(make_session())))
@pytest.mark.parametrize("current", [0, 1, 2])
def test_undo_and_redo_restore_the_exact_document(name: str, current: int) -> None:
    session = make_session(steps=3, current=current)
    command = command_cases(session)[name]
    before = session.to_doc()

    command.redo(session)
    after = session.to_doc()
    assert after != before
    command.undo(session)
    assert session.to_doc() == before
    command.redo(session)
    assert session.to_doc() == after
    command.undo(session)
    assert session.to_doc() == before


def test_inserting_and_removing_keeps_the_room_on_its_step() -> None:
    session = make_session(steps=3, current=1)
    on_screen = session.current_step

    InsertStep(0, info_step("Icebreaker")).redo(session)
    assert session.current_step is on_screen
    RemoveStep(session.steps[0].id).redo(session)
    assert session.current_step is on_screen

    removal = RemoveStep(on_screen.id)  # type: ignore[union-attr]
    removal.redo(session)
    assert session.current_step is not on_screen
    removal.undo(session)
    assert session.current_step is on_screen


def test_removing_the_only_step_and_undoing() -> None:
    session = make_session(steps=1)
    removal = RemoveStep(session.steps[0].id)
    removal.redo(session)
    assert session.steps == [] and session.current_step is None
    removal.undo(session)
    assert [s.title for s in session.steps] == ["Step 0"] and session.current == 0


def test_typing_into_one_field_merges_into_one_undo_step() -> None:
    session = make_session()
    first = SetDetail("title", "P")
    second = SetDetail("title", "Park")
    first.redo(session)
    second.redo(session)  # as QUndoStack.push does before trying to merge

    assert first.merge(second) is True
    assert session.title == "Park"
    first.undo(session)
    assert session.title == "Community garden plan"
    first.redo(session)
    assert session.title == "Park"


def test_different_fields_or_steps_do_not_merge() -> None:
    session = make_session()
    assert SetDetail("title", "A").merge(SetDetail("facilitator", "B")) is False
    assert SetDetail("title", "A").merge(SetStepDetail(session.steps[0].id, "title", "A")) is False
    one, two = session.steps[0].id, session.steps[1].id
    assert SetStepDetail(one, "notes", "x").merge(SetStepDetail(two, "notes", "y")) is False
    assert SetStepDetail(one, "notes", "x").merge(SetStepDetail(one, "notes", "xy")) is True
    unkeyed = ReplaceState(one, InfoSlide(), "Edit")
    assert unkeyed.merge(ReplaceState(one, InfoSlide(), "Edit")) is False


def test_merged_step_notes_undo_to_the_first_value() -> None:
    session = make_session()
    step_id = session.steps[0].id
    commands = [SetStepDetail(step_id, "notes", text) for text in ("H", "He", "Hello")]
    for command in commands:
        command.redo(session)
    assert all(commands[0].merge(later) for later in commands[1:])
    commands[0].undo(session)
    assert session.steps[0].notes == ""


# -- change events -----------------------------------------------------------
def test_changes_announce_their_scope() -> None:
    session = make_session(steps=3)
    changes = record(session)
    first, second = session.steps[0].id, session.steps[1].id
    new = info_step("Break")

    SetDetail("facilitator", "Jo").redo(session)
    SetStepDetail(first, "title", "Hello").redo(session)
    SetStepDetail(first, "minutes", 5).redo(session)
    SetStepDetail(second, "notes", "n").redo(session)
    ReplaceState(second, InfoSlide(("a",)), "Edit points", "points").redo(session)
    InsertStep(3, new).redo(session)
    RemoveStep(new.id).redo(session)
    session.go_to(2)

    assert changes == [
        Change("meta"),
        Change("agenda", first, "title"),
        Change("agenda", first, "minutes"),
        Change("step", second, "notes"),
        Change("step", second, "points"),
        Change("agenda", new.id, "inserted"),
        Change("agenda", new.id, "removed"),
        Change("current"),
    ]


def test_a_disconnected_view_hears_nothing() -> None:
    session = make_session()
    changes: list[Change] = []
    session.changed.connect(changes.append)
    session.changed.disconnect(changes.append)
    session.set_detail("title", "x")
    assert changes == []


def test_unknown_fields_are_refused() -> None:
    session = make_session()
    changes = record(session)
    with pytest.raises(AttributeError):
        session.set_detail("id", "abc")
    with pytest.raises(AttributeError):
        session.set_step_detail(session.steps[0].id, "kind", "poll")
    assert session.title == "Community garden plan"
    assert session.steps[0].kind == "info"
    assert changes == []


# -- moving through the agenda ---------------------------------------------
def test_go_to_clamps_and_says_whether_it_moved() -> None:
    session = make_session(steps=3)
    changes = record(session)

    assert session.go_to(99) is True
    assert session.current == 2
    assert session.go_to(5) is False  # already on the last step
    assert session.go_to(-4) is True
    assert session.current == 0
    assert session.go_to(0) is False
    assert changes == [Change("current"), Change("current")]


def test_go_to_in_an_empty_session() -> None:
    session = Session("Empty")
    assert session.go_to(3) is False
    assert session.current == 0 and session.current_step is None


# -- copies and times --------------------------------------------------------
def test_copy_as_new_starts_a_fresh_session(registry: Registry) -> None:
    session = make_session(steps=3, current=2)
    session.date = "2020-01-01"

    fresh = session.copy_as_new(registry)

    assert fresh.id != session.id
    assert fresh.date == date.today().isoformat()
    assert fresh.current == 0
    assert fresh.plan == "Community garden plan"
    assert [s.title for s in fresh.steps] == [s.title for s in session.steps]
    assert [s.state for s in fresh.steps] == [s.state for s in session.steps]
    old_ids = {s.id for s in session.steps}
    assert not old_ids & {s.id for s in fresh.steps}
    assert len({s.id for s in fresh.steps}) == 3
    # the original is untouched
    assert session.current == 2 and session.date == "2020-01-01"


def test_planned_end_follows_start_time_and_minutes() -> None:
    session = Session("Timed", [info_step("a", 30), info_step("b", 45), info_step("c", 20)])
    assert session.planned_end() is None

    session.start_time = "09:30"
    today = date.today()
    assert session.planned_minutes == 95
    assert session.start_datetime() == datetime(today.year, today.month, today.day, 9, 30)
    assert session.planned_end() == datetime(today.year, today.month, today.day, 11, 5)
    assert session.minutes_before(2) == 75

    session.start_time = "23:00"
    assert session.planned_end() == datetime(today.year, today.month, today.day, 23, 0) + timedelta(
        minutes=95
    )

    session.start_time = "25:61"
    assert session.planned_end() is None


# -- no Qt in the model ----------------------------------------------------
NO_QT = r"""
import importlib
import pkgutil
import sys

import coprod_workshop.core.session, coprod_workshop.core.commands
import coprod_workshop.storage, coprod_workshop.exercises
import coprod_workshop.exercises.info.model
import coprod_workshop.core as core
import coprod_workshop.exercises as exercises
import coprod_workshop.storage as storage

loaded = []
for package in (core, storage):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        loaded.append(info.name)
for info in pkgutil.iter_modules(exercises.__path__, exercises.__name__ + "."):
    if info.ispkg:
        importlib.import_module(info.name + ".model")
        loaded.append(info.name + ".model")

qt = sorted(m for m in sys.modules if m.startswith("PySide6"))
assert not qt, qt
print(" ".join(loaded))
"""


def test_model_never_imports_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_QT], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split()
    # the walk really visited the modules (a broken walk would prove nothing)
    for name in (
        "coprod_workshop.core.session",
        "coprod_workshop.core.commands",
        "coprod_workshop.core.registry",
        "coprod_workshop.storage.store",
        "coprod_workshop.exercises.info.model",
    ):
        assert name in loaded
