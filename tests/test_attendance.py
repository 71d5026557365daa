"""Who took part: counts by role (an editable list) and organisations, never names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from coprod_workshop.app import Windows
from coprod_workshop.core.errors import DocumentError
from coprod_workshop.exercises.attendance.model import DEFAULT_ROLES, Attendance
from coprod_workshop.exercises.attendance.views import AttendanceControls, AttendancePresenter
from tests.helpers import shots_folder
from tests.test_keyboard import open_plan


def test_counts_by_role_an_editable_list_and_organisations() -> None:
    state = Attendance()
    assert [r.role for r in state.roles] == list(DEFAULT_ROLES)
    state = state.with_count(0, 5).with_count(1, 3).with_role("Volunteers").with_count(6, 2)
    assert state.total == 10
    assert state.summary() == (
        "10 people took part: 5 people who use services, 3 carers, 2 volunteers."
    )
    with pytest.raises(ValueError, match="already listed"):
        state.with_role(" carers ")
    with pytest.raises(ValueError):
        state.with_count(0, -1)
    state = state.renamed(5, "Other people").without_role(4)
    assert "Commissioners" not in [r.role for r in state.roles]
    state = state.with_organisations("County Council; Riverside Centre, County Council,")
    assert state.organisations == ("County Council", "Riverside Centre")
    again = Attendance.from_doc(state.to_doc())
    assert again == state
    blank = again.without_results()
    assert blank.total == 0 and blank.organisations == () and len(blank.roles) == 6
    doc = state.to_doc()
    doc["roles"].append({"role": "CARERS", "count": 1})
    with pytest.raises(DocumentError, match="twice"):
        Attendance.from_doc(doc)


def test_the_facilitator_counts_with_the_keyboard_and_the_room_sees_counts(
    windows: Windows, qtbot: Any, tmp_path: Path
) -> None:
    session = open_plan(windows, qtbot, "six-months-on")
    index = next(i for i, s in enumerate(session.steps) if s.kind == "attendance")
    windows.workshop.go_to(index)
    windows.console.resize(1600, 1000)
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    windows.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)
    console = windows.console.body.step_panel.controls
    assert isinstance(console, AttendanceControls)
    assert [b.accessibleName() for b in console.boxes][:2] == [
        "Number of people who use services",
        "Number of carers",
    ]
    box = console.boxes[0]
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(box, "7")
    QTest.keyClick(console.boxes[1], Qt.Key.Key_Up)
    QTest.keyClick(console.boxes[1], Qt.Key.Key_Up)
    console.new_role.setFocus()
    QTest.keyClicks(console.new_role, "Volunteers")
    QTest.keyClick(console.new_role, Qt.Key.Key_Return)
    console.organisations.setFocus()
    QTest.keyClicks(console.organisations, "County Council, Riverside Centre")
    console.boxes[-1].setFocus()  # leaving the line keeps it
    state: Attendance = session.steps[index].state
    assert [(r.role, r.count) for r in state.roles if r.count] == [
        ("People who use services", 7),
        ("Carers", 2),
    ]
    assert state.roles[-1].role == "Volunteers"
    assert state.organisations == ("County Council", "Riverside Centre")
    QTest.keyClicks(console.new_role, "carers")
    QTest.keyClick(console.new_role, Qt.Key.Key_Return)
    assert "already listed" in console.problem.text()
    assert console.new_role.text() == "carers"  # nothing typed is lost
    view = windows.projector.frame.view
    assert isinstance(view, AttendancePresenter)
    QApplication.processEvents()
    shown = [l.accessibleName() for l in view.list.findChildren(QLabel)]  # type: ignore[union-attr]
    assert shown == ["People who use services", "Carers", "Organisations"]
    assert view.total.text() == "9 people took part"
    assert min(l.font().pixelSize() for l in view.findChildren(QLabel)) >= 40
    shots = shots_folder(tmp_path)
    assert windows.projector.grab().save(str(shots / "attendance-projector.png"))
    assert windows.console.grab().save(str(shots / "attendance-console.png"))
    # One undo step per edited box; undo all the way back.
    windows.workshop.stack.undo()  # organisations
    windows.workshop.stack.undo()  # the role
    assert session.steps[index].state.roles[-1].role == "Others"
    windows.workshop.stack.undo()  # carers, both presses
    assert session.steps[index].state.roles[1].count == 0
