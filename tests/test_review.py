"""Last time's actions: a group's three workshops (Introduction, then Six months on twice),
played with actions; the review step shows exactly the open ones and what the room said of
them carries forward from one workshop to the next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coprod_workshop.app import Windows, build
from coprod_workshop.core.commands import ReplaceState
from coprod_workshop.core.session import Session
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.actions.model import ActionList
from coprod_workshop.exercises.review.model import (
    ActionReview,
    read_open_actions,
    record_of,
)
from coprod_workshop.exercises.review.views import ReviewControls, ReviewPresenter
from coprod_workshop.storage.store import SessionStore
from tests.helpers import shots_folder
from tests.played import played_plan

ROOT = Path(__file__).resolve().parents[1]
GROUP = "Riverside carers"


def plan(name: str) -> Path:
    return ROOT / "sessions" / f"{name}.json"


def step_of(session: Session, kind: str) -> str:
    return next(step.id for step in session.steps if step.kind == kind)


def workshop(name: str, date: str, group: str = GROUP) -> Session:
    session = played_plan(plan(name), REGISTRY)
    session.date = date
    session.group = group
    return session


def mark(session: Session, store: SessionStore, marks: dict[str, tuple[str, str]]) -> None:
    """The room's word on each open action (by its text), run as the console runs it."""
    step_id = step_of(session, "review")
    state = session.state_as(step_id, ActionReview)
    for item in read_open_actions(store, session):
        if item.action.what in marks:
            status, note = marks[item.action.what]
            state = state.with_mark(item.action, status, note)
    ReplaceState(step_id, state, "Mark actions").redo(session)


def save(store: SessionStore, session: Session) -> None:
    store.save(session)
    store.unlock(session.id)


INVITE = "Invite two carers onto the steering group"
LETTER = "Rewrite the referral letter together"


def group_of_three(store: SessionStore) -> tuple[Session, Session, Session]:
    """Introduction agrees two actions; the first Six months on marks one going and one
    done and agrees its own two (renamed); the second is today."""
    first = workshop("introduction-to-co-production", "2026-01-15")
    save(store, first)
    second = workshop("six-months-on", "2026-07-15", "riverside  CARERS")
    actions_id = step_of(second, "actions")
    ReplaceState(
        actions_id,
        ActionList().with_action("Meet the commissioner", "Jo", "May").with_action(
            "Print the easy-read leaflet"
        ),
        "Add actions",
    ).redo(second)
    mark(second, store, {INVITE: ("going", "Sam asked two carers"), LETTER: ("done", "Sent")})
    save(store, second)
    other = workshop("introduction-to-co-production", "2026-03-01", "Hillside youth panel")
    save(store, other)
    third = workshop("six-months-on", "2027-01-15")
    ReplaceState(step_of(third, "actions"), ActionList(), "No actions yet").redo(third)
    return first, second, third


def test_the_review_shows_exactly_the_open_actions_and_statuses_carry_forward(
    data_dir: Path,
) -> None:
    store = SessionStore(data_dir, REGISTRY)
    first, second, third = group_of_three(store)
    found = read_open_actions(store, third)
    assert [item.action.what for item in found] == [
        INVITE,  # going: still open, with its trail
        "Meet the commissioner",
        "Print the easy-read leaflet",
    ]  # the letter was done; the other group's actions are not this group's
    invite = found[0]
    assert invite.last_status == "going"
    assert [(s.date, s.workshop, s.status, s.note) for s in invite.trail] == [
        ("2026-07-15", "Six months on", "going", "Sam asked two carers")
    ]
    assert invite.action.workshop == first.title and invite.action.date == "2026-01-15"
    assert (invite.action.who, invite.action.when) == ("Sam", "March")
    # The second workshop itself saw the two actions of the first, not its own.
    assert [i.action.what for i in read_open_actions(store, second)] == [INVITE, LETTER]
    # Today: the invitation is done at last, the leaflet dropped, the meeting stuck.
    mark(
        third,
        store,
        {
            INVITE: ("done", "Two carers joined"),
            "Print the easy-read leaflet": ("dropped", "No budget"),
            "Meet the commissioner": ("stuck", "No reply"),
        },
    )
    save(store, third)
    fourth = workshop("six-months-on", "2027-07-15")
    later = read_open_actions(store, fourth)
    assert [i.action.what for i in later] == ["Meet the commissioner"]
    assert [s.status for s in later[0].trail] == ["stuck"]
    # A session read back keeps its marks, each with the action it is about.
    again = store.load(third.id).state_as(step_of(third, "review"), ActionReview)
    assert [(r["what"], r["status"]) for r in again.results()] == [
        (INVITE, "done"),
        ("Meet the commissioner", "stuck"),
        ("Print the easy-read leaflet", "dropped"),
    ]
    assert record_of(store.load(third.id)).marks[0][1] == "done"


def test_an_action_keeps_its_id_and_an_old_one_is_known_by_its_place() -> None:
    state = ActionList().with_action("One").with_action("Two")
    read = ActionList.from_doc(state.to_doc())
    assert [a.id for a in read.actions] == [a.id for a in state.actions]
    assert len({a.id for a in state.actions}) == 2 and all(a.id for a in state.actions)
    old = ActionList.from_doc({"actions": [{"what": "One"}, {"what": "Two"}]})
    assert [a.id for a in old.actions] == ["1", "2"]


def test_a_mark_needs_a_known_status_and_a_bad_record_is_refused() -> None:
    from coprod_workshop.core.errors import DocumentError
    from coprod_workshop.exercises.review.model import Agreed

    action = Agreed("s/t/a", "Do it")
    with pytest.raises(ValueError):
        ActionReview().with_mark(action, "maybe")
    with pytest.raises(ValueError, match="say first"):
        ActionReview().with_note("s/t/a", "a note without a status")
    marked = ActionReview().with_mark(action, "stuck", "waiting").with_mark(action, "going")
    assert [(m.status, m.note) for m in marked.marks] == [("going", "waiting")]
    doc = marked.to_doc()
    doc["marks"][0]["status"] = "forgotten"
    with pytest.raises(DocumentError, match="unknown status"):
        ActionReview.from_doc(doc)
    assert marked.without_results().marks == ()


@pytest.fixture
def windows(qtbot: Any, data_dir: Path) -> Any:
    built = build(data_dir)
    qtbot.addWidget(built.console)
    qtbot.addWidget(built.projector)
    *_, third = group_of_three(built.workshop.store)
    built.workshop.store.save(third)
    assert built.workshop.open(third)
    built.workshop.go_to(1)
    yield built
    if built.workshop.session is not None:
        built.console.close()


def test_the_room_marks_actions_with_the_keyboard_undoably_and_it_is_saved(
    windows: Windows, qtbot: Any, tmp_path: Path
) -> None:
    session = windows.workshop.session
    windows.console.resize(1600, 1000)
    windows.projector.resize(1920, 1080)
    windows.console.show()
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    windows.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)
    console = windows.console.body.step_panel.controls
    assert isinstance(console, ReviewControls)
    table = console.table
    whats = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert whats == [INVITE, "Meet the commissioner", "Print the easy-read leaflet"]
    assert table.item(0, 4).text() == "(going last time)"
    assert table.item(0, 3).text() == "Introduction to co-production (2026-01-15)"
    # Keyboard only: down to the second action, a note, back to the list: S marks it stuck.
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert console.current().action.what == "Meet the commissioner"  # type: ignore[union-attr]
    console.note.setFocus()
    QTest.keyClicks(console.note, "No reply yet")
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_S)
    review = session.state_as(step_of(session, "review"), ActionReview)
    assert [(m.action.what, m.status, m.note) for m in review.marks] == [
        ("Meet the commissioner", "stuck", "No reply yet")
    ]
    assert table.item(1, 4).text() == "Stuck" and table.item(1, 5).text() == "No reply yet"
    for key, word in ((Qt.Key.Key_R, "Dropped"), (Qt.Key.Key_N, "Going"), (Qt.Key.Key_D, "Done")):
        QTest.keyClick(table, Qt.Key.Key_Down)
        QTest.keyClick(table, key)
        assert table.item(2, 4).text() == word
        QTest.keyClick(table, Qt.Key.Key_Up)
        windows.workshop.stack.undo()
    assert table.item(2, 4).text() == "" and table.currentRow() == 1
    view = windows.projector.frame.view
    assert isinstance(view, ReviewPresenter)
    assert view.title.font().pixelSize() >= 40
    from PySide6.QtWidgets import QLabel

    shown = [label.text() for label in view.grid.findChildren(QLabel)]  # type: ignore[union-attr]
    assert shown[:2] == ["You said", "We did"]
    assert "Meet the commissioner (Jo, by May)" in shown
    assert "Stuck: No reply yet" in shown and "Last time: under way (Sam asked two carers)" in shown
    labels = view.grid.findChildren(QLabel)  # type: ignore[union-attr]
    assert min(label.font().pixelSize() for label in labels) >= 40
    QApplication.processEvents()
    assert view.grid.isVisible()  # type: ignore[union-attr]
    shots = shots_folder(tmp_path)
    assert windows.projector.grab().save(str(shots / "review-projector.png"))
    assert windows.console.grab().save(str(shots / "review-console.png"))
    # Undo takes the mark back; redo puts it again; the saved session holds it.
    windows.workshop.stack.undo()
    assert session.state_as(step_of(session, "review"), ActionReview).marks == ()
    windows.workshop.stack.redo()
    assert windows.workshop.save_now()
    saved = windows.workshop.store.load(session.id)
    assert saved.state_as(step_of(saved, "review"), ActionReview).marks[0].status == "stuck"
    # A note typed later (Enter keeps it) changes the mark; with nothing picked, nothing.
    console.note.setFocus()
    console.note.clear()
    QTest.keyClicks(console.note, "Jo wrote again")
    QTest.keyClick(console.note, Qt.Key.Key_Return)
    review = session.state_as(step_of(session, "review"), ActionReview)
    assert review.marks[0].note == "Jo wrote again"
    QApplication.processEvents()


def test_the_review_step_can_be_added_to_any_plan() -> None:
    assert "review" in REGISTRY
    assert REGISTRY.get("review").label == "Last time's actions"
    six = __import__("json").loads(plan("six-months-on").read_text(encoding="utf-8"))
    steps = six["session"]["1"]["steps"]
    assert [s["kind"] for s in steps[:3]] == ["info", "review", "journey"]


def test_many_open_actions_are_projected_a_page_at_a_time(
    windows: Windows, qtbot: Any, tmp_path: Path
) -> None:
    """With more open actions than fit, the projector shows the page of the one the room
    has just marked, and says which page it is."""
    from PySide6.QtWidgets import QLabel

    store = windows.workshop.store
    session = windows.workshop.session
    earlier = workshop("six-months-on", "2026-10-01")
    many = ActionList()
    for n in range(10):
        many = many.with_action(f"Small step {n + 1}")
    ReplaceState(step_of(earlier, "actions"), many, "Add").redo(earlier)
    save(store, earlier)
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    console = windows.console.body.step_panel.controls
    assert isinstance(console, ReviewControls)
    console.reread.click()
    assert console.table.rowCount() == 13
    view = windows.projector.frame.view
    assert isinstance(view, ReviewPresenter)
    view.reader.forget()
    view.refresh()
    assert view.page.text() == "Page 1 of 2 · 13 actions"
    console.table.setCurrentCell(11, 0)
    console.mark("done")
    QApplication.processEvents()
    assert view.page.text() == "Page 2 of 2 · 13 actions"
    shown = [l.text() for l in view.grid.findChildren(QLabel)]  # type: ignore[union-attr]
    assert "Small step 9" in shown and "Small step 1" not in shown
    labels = view.grid.findChildren(QLabel)  # type: ignore[union-attr]
    assert min(label.font().pixelSize() for label in labels) >= 28
    assert windows.projector.grab().save(str(shots_folder(tmp_path) / "review-paged.png"))


def test_the_journey_shows_what_each_workshop_did_with_actions(windows: Windows) -> None:
    """Each workshop's actions agreed and what it said of earlier ones, oldest first."""
    from coprod_workshop.exercises.journey.views import JourneyControls

    session = windows.workshop.session
    mark(session, windows.workshop.store, {INVITE: ("done", "")})
    windows.workshop.go_to(next(i for i, s in enumerate(session.steps) if s.kind == "journey"))
    console = windows.console.body.step_panel.controls
    assert isinstance(console, JourneyControls)
    table = console.table
    assert table.horizontalHeaderItem(4).text() == "Actions"
    rows = [(table.item(r, 1).text(), table.item(r, 4).text()) for r in range(table.rowCount())]
    assert rows == [
        ("Introduction to co-production", "2 agreed"),
        ("Six months on", "2 agreed; earlier: 1 going, 1 done"),
        ("Six months on (this session)", "earlier: 1 done"),
    ]
