"""The console and projector as a facilitator uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build, offer_resume
from coprod_workshop.storage.appstate import AppState
from tests.helpers import small_session


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path):  # type: ignore[no-untyped-def]
    built = build(data_dir)
    qtbot.addWidget(built.console)
    qtbot.addWidget(built.projector)
    yield built
    if built.workshop.session is not None:
        built.console.close()


def saved_doc(data_dir: Path, session_id: str) -> dict:
    return json.loads((data_dir / "sessions" / f"{session_id}.json").read_text())["session"]["1"]


def test_first_start_opens_a_new_session_from_the_builtin_plan(
    windows: Windows, data_dir: Path
) -> None:
    windows.workshop.open_default()
    session = windows.workshop.session
    assert session is not None
    assert session.title == "Introduction to co-production"
    assert len(session.steps) >= 8
    assert saved_doc(data_dir, session.id)["title"] == "Introduction to co-production"
    assert "Introduction to co-production" in windows.console.windowTitle()


def test_page_down_moves_the_room_on_and_the_projector_follows(
    windows: Windows, qtbot: QtBot
) -> None:
    windows.workshop.open_default()
    windows.console.show()
    windows.projector.show()
    windows.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)
    qtbot.keyClick(windows.console, Qt.Key.Key_PageDown)
    assert windows.workshop.session.current == 1
    assert windows.projector.frame.position.text().startswith("Step 2 of")
    # On the projector (full screen, keyboard focus there) arrows and space work too.
    qtbot.keyClick(windows.projector, Qt.Key.Key_Space)
    qtbot.keyClick(windows.projector, Qt.Key.Key_Right)
    assert windows.workshop.session.current == 3
    qtbot.keyClick(windows.projector, Qt.Key.Key_Left)
    assert windows.workshop.session.current == 2
    windows.projector.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.projector)
    qtbot.keyClick(windows.projector, Qt.Key.Key_PageUp)
    assert windows.workshop.session.current == 1
    title = windows.workshop.session.steps[1].title
    assert windows.projector.frame.view.findChildren(QWidget)  # the slide has content
    assert windows.projector.frame.view.accessibleName() == title


def test_space_on_a_focused_button_presses_the_button_not_next_step(
    windows: Windows, qtbot: QtBot
) -> None:
    windows.workshop.open_default()
    windows.console.show()
    qtbot.waitExposed(windows.console)
    button = windows.console.menus.timer_bar.start_pause
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert windows.workshop.session.current == 0
    assert windows.workshop.timer.running


def test_editing_notes_is_undoable_and_autosaved(
    windows: Windows, qtbot: QtBot, data_dir: Path
) -> None:
    windows.workshop.open_default()
    session = windows.workshop.session
    panel = windows.console.body.step_panel
    panel.notes.setPlainText("Ask the room to stand up")
    step_id = session.current_step.id
    qtbot.waitUntil(lambda: not windows.workshop.saver.dirty, timeout=1000)
    saved = {s["id"]: s for s in saved_doc(data_dir, session.id)["steps"]}
    assert saved[step_id]["notes"] == "Ask the room to stand up"
    windows.console.menus.undo_action.trigger()
    assert session.current_step.notes != "Ask the room to stand up"
    assert panel.notes.toPlainText() == session.current_step.notes
    qtbot.waitUntil(lambda: not windows.workshop.saver.dirty, timeout=1000)
    saved = {s["id"]: s for s in saved_doc(data_dir, session.id)["steps"]}
    assert saved[step_id]["notes"] == session.current_step.notes
    windows.console.menus.redo_action.trigger()
    assert panel.notes.toPlainText() == "Ask the room to stand up"


def test_editing_slide_points_updates_the_projector(windows: Windows, qtbot: QtBot) -> None:
    windows.workshop.open_default()
    editor = windows.console.body.step_panel.controls
    editor.points.setPlainText("Tea is at eleven\nEveryone has something to offer")
    labels = [w.accessibleName() for w in windows.projector.frame.view.findChildren(QWidget)]
    assert "Tea is at eleven" in labels
    windows.workshop.stack.undo()
    labels = [
        w.accessibleName()
        for w in windows.projector.frame.view.findChildren(QWidget)
        if w.isVisibleTo(windows.projector.frame.view)
    ]
    assert "Tea is at eleven" not in labels


def test_rename_is_undoable_and_shows_in_title_and_recent(windows: Windows, data_dir: Path) -> None:
    windows.workshop.open_default()
    windows.workshop.rename("Leeds carers, March")
    assert "Leeds carers, March" in windows.console.windowTitle()
    assert windows.workshop.appstate.recent()[0]["title"] == "Leeds carers, March"
    windows.workshop.stack.undo()
    assert windows.workshop.session.title == "Introduction to co-production"


def test_quit_saves_and_next_start_resumes_where_the_room_was(qtbot: QtBot, data_dir: Path) -> None:
    first = build(data_dir)
    qtbot.addWidget(first.console)
    first.workshop.open_default()
    first.workshop.go_to(3)
    session_id = first.workshop.session.id
    first.console.close()  # saves at once, no waiting for the debounce
    assert saved_doc(data_dir, session_id)["current"] == 3
    assert AppState(data_dir).unclean_exit() is None

    second = build(data_dir)
    qtbot.addWidget(second.console)
    second.workshop.open_default()
    assert second.workshop.session.id == session_id
    assert second.workshop.session.current == 3
    second.console.close()


def test_after_a_crash_the_app_offers_to_resume(qtbot: QtBot, data_dir: Path) -> None:
    crashed = build(data_dir)
    crashed.workshop.open_default()
    crashed.workshop.go_to(2)
    crashed.workshop.save_now()
    session_id = crashed.workshop.session.id
    crashed.workshop.store.close()  # the process "dies": no clean exit recorded

    again = build(data_dir)
    qtbot.addWidget(again.console)
    assert again.workshop.appstate.unclean_exit() == session_id
    again.workshop.open_default()
    offer_resume(again)
    box = again.console.menus.dialog
    assert isinstance(box, QMessageBox)
    assert "step 3" in box.text()
    first = next(b for b in box.buttons() if b.text() == "Go to the first step")
    first.click()
    assert again.workshop.session.current == 0
    again.console.close()


def test_delete_asks_first_and_keeps_the_file(
    windows: Windows, qtbot: QtBot, data_dir: Path
) -> None:
    windows.workshop.open_default()
    doomed = windows.workshop.session.id
    windows.console.menus.ask_delete_current()
    box = windows.console.menus.dialog
    assert isinstance(box, QMessageBox)
    assert "Delete the session" in box.text()
    next(b for b in box.buttons() if b.text() == "Delete").click()
    assert not (data_dir / "sessions" / f"{doomed}.json").exists()
    assert list((data_dir / "deleted").glob(f"{doomed}.*.json"))
    assert windows.workshop.session is not None and windows.workshop.session.id != doomed


def test_cancelling_delete_keeps_the_session(windows: Windows, data_dir: Path) -> None:
    windows.workshop.open_default()
    kept = windows.workshop.session.id
    windows.console.menus.ask_delete_current()
    box = windows.console.menus.dialog
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert (data_dir / "sessions" / f"{kept}.json").exists()
    assert windows.workshop.session.id == kept


def test_a_broken_session_file_is_reported_and_others_still_open(
    windows: Windows, data_dir: Path
) -> None:
    good = small_session("Good one")
    windows.workshop.store.save(good)
    windows.workshop.store.unlock(good.id)
    (data_dir / "sessions" / "broken1234.json").write_text('{"session": {"1": {"schema": 1, "ti')
    problems: list[str] = []
    windows.workshop.problem.connect(problems.append)
    windows.console.menus.choose_session()
    dialog = windows.console.menus.dialog
    titles = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any(t.startswith("Good one") for t in titles)
    assert problems and "could not be opened" in problems[0] and "cut short" in problems[0]
    assert (data_dir / "sessions" / "broken1234.json").exists()  # listing changes nothing
    dialog.list.setCurrentRow(0)
    dialog.open_button.click()
    assert windows.workshop.session.title == "Good one"


def test_a_session_open_in_another_copy_is_not_opened_twice(
    windows: Windows, qtbot: QtBot, data_dir: Path
) -> None:
    windows.workshop.open_default()
    session_id = windows.workshop.session.id
    other = build(data_dir)
    qtbot.addWidget(other.console)
    problems: list[str] = []
    other.workshop.problem.connect(problems.append)
    assert not other.workshop.open_saved(session_id)
    assert problems and "open in another copy" in problems[0]
    other.workshop.shutdown()


def test_projector_text_is_large_enough_at_1080p(windows: Windows, qtbot: QtBot) -> None:
    windows.workshop.open_default()
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    labels = [
        w for w in windows.projector.findChildren(QWidget) if w.property("role") and w.isVisible()
    ]
    assert len(labels) >= 4
    for label in labels:
        assert label.font().pixelSize() >= 24, (label.property("role"), label.font().pixelSize())


def test_every_control_has_an_accessible_name(windows: Windows, qtbot: QtBot) -> None:
    windows.workshop.open_default()
    windows.console.show()
    from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QLineEdit, QPlainTextEdit

    controls = windows.console.findChildren(QWidget)
    checked = 0
    for widget in controls:
        if not widget.isVisible():
            continue
        if isinstance(widget, (QAbstractSpinBox, QLineEdit, QPlainTextEdit, QAbstractItemView)):
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox):
                continue
            assert widget.accessibleName(), widget
            checked += 1
        elif isinstance(widget, QAbstractButton) and widget.isVisible():
            assert widget.accessibleName() or widget.text(), widget
            checked += 1
    assert checked >= 8


def test_a_projected_point_hangs_under_its_text_and_shows_markup_as_typed(
    windows: Windows, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QLabel

    windows.workshop.open_default()
    editor = windows.console.body.step_panel.controls
    point = "<b>Not bold</b> & a point long enough to wrap " + "over the line " * 12
    editor.points.setPlainText(point)
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    (label,) = [
        w for w in windows.projector.frame.view.findChildren(QLabel)
        if w.accessibleName() == point.strip()
    ]
    assert "&lt;b&gt;Not bold&lt;/b&gt; &amp;" in label.text()  # shown as typed, not bold
    assert "<table" in label.text() and label.height() > 2 * label.fontMetrics().height()
