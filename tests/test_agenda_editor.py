"""The agenda editor and the template library, as a trainer uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build
from coprod_workshop.ui.agenda import STEP_MIME
from coprod_workshop.ui.agendaeditor import AgendaEditor
from coprod_workshop.ui.library import LibraryDialog
from tests.helpers import small_session


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path):  # type: ignore[no-untyped-def]
    built = build(data_dir)
    qtbot.addWidget(built.console)
    session = small_session("Agenda test", steps=4)
    built.workshop.store.save(session)
    built.workshop.open(session)
    yield built
    built.console.close()


@pytest.fixture
def editor(windows: Windows, qtbot: QtBot) -> AgendaEditor:
    windows.console.menus.edit_agenda()
    dialog = windows.console.menus.dialog
    assert isinstance(dialog, AgendaEditor)  # a child of the console, closed with it
    return dialog


def titles(windows: Windows) -> list[str]:
    return [step.title for step in windows.workshop.session.steps]


def test_alt_down_moves_the_selected_step_and_undo_puts_it_back(
    windows: Windows, editor: AgendaEditor, qtbot: QtBot
) -> None:
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.select(1)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(windows) == ["Step 1", "Step 3", "Step 2", "Step 4"]
    assert editor.selected_id() == windows.workshop.session.steps[2].id  # selection follows
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(windows) == ["Step 2", "Step 1", "Step 3", "Step 4"]
    windows.workshop.stack.undo()
    windows.workshop.stack.undo()
    assert titles(windows) == ["Step 1", "Step 3", "Step 2", "Step 4"]


def test_dropping_a_step_on_another_row_moves_it_there(
    windows: Windows, editor: AgendaEditor, qtbot: QtBot
) -> None:
    editor.show()
    qtbot.waitExposed(editor)
    last_id = windows.workshop.session.steps[3].id
    mime = QMimeData()
    mime.setData(STEP_MIME, QByteArray(last_id.encode()))
    viewport = editor.table.viewport()
    target = editor.table.visualRect(editor.model.index(0, 1)).center() - QPoint(0, 4)
    action, buttons, mods = (
        Qt.DropAction.MoveAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, QDragEnterEvent(target, action, mime, buttons, mods))
    QApplication.sendEvent(viewport, QDragMoveEvent(target, action, mime, buttons, mods))
    QApplication.sendEvent(viewport, QDropEvent(target.toPointF(), action, mime, buttons, mods))
    assert titles(windows) == ["Step 4", "Step 1", "Step 2", "Step 3"]
    windows.workshop.stack.undo()
    assert titles(windows) == ["Step 1", "Step 2", "Step 3", "Step 4"]


def test_the_model_moves_a_step_through_its_mime_methods(
    windows: Windows, editor: AgendaEditor
) -> None:
    mime = editor.model.mimeData([editor.model.index(0, 1)])
    editor.model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, editor.model.index(-1, -1))
    assert titles(windows) == ["Step 2", "Step 3", "Step 1", "Step 4"]


def test_adding_editing_and_removing_steps_updates_the_totals(
    windows: Windows, editor: AgendaEditor, qtbot: QtBot
) -> None:
    assert "40 min, 4 steps  (09:30–10:10)" in editor.totals.text()
    editor.select(0)
    editor.add_step("info")
    assert len(titles(windows)) == 5 and titles(windows)[1] == "Information"
    assert editor.selected_id() == windows.workshop.session.steps[1].id
    editor.panel.title.setText("")
    qtbot.keyClicks(editor.panel.title, "Tea break")
    editor.panel.minutes.setValue(20)
    assert titles(windows)[1] == "Tea break"
    assert "1 h 00 min, 5 steps  (09:30–10:30)" in editor.totals.text()
    # The console's agenda shows the same model.
    console_agenda = windows.console.body.agenda.model
    assert console_agenda.data(console_agenda.index(1, 1)) == "Tea break"
    editor.remove_step()
    assert "Tea break" not in titles(windows)
    windows.workshop.stack.undo()
    assert titles(windows)[1] == "Tea break"


def test_a_case_study_is_a_ready_made_step_in_the_add_menu(
    windows: Windows, editor: AgendaEditor
) -> None:
    menu = editor.add_button.menu()
    cases = next(a.menu() for a in menu.actions() if a.text() == "Case study")
    youth = next(a for a in cases.actions() if a.text() == "Time Dollar Youth Court")
    editor.select(0)
    youth.trigger()  # through the menu, as a trainer picks it
    step = windows.workshop.session.steps[1]
    assert step.title == "Case study: Time Dollar Youth Court" and step.kind == "info"
    assert step.state.prompt == "Why is this co-production?"
    assert "Peer support" in step.notes and len(step.state.points) == 4
    windows.workshop.stack.undo()
    assert "Case study: Time Dollar Youth Court" not in titles(windows)


def test_start_time_and_title_edits_are_commands(
    windows: Windows, editor: AgendaEditor, qtbot: QtBot
) -> None:
    editor.start.setText("13:15")
    editor.start.editingFinished.emit()
    assert windows.workshop.session.start_time == "13:15"
    assert "(13:15–13:55)" in editor.totals.text()
    editor.title.setText("")
    qtbot.keyClicks(editor.title, "Afternoon")
    assert windows.workshop.session.title == "Afternoon"
    windows.workshop.stack.undo()
    windows.workshop.stack.undo()
    assert windows.workshop.session.start_time == "09:30"


@pytest.fixture
def library(windows: Windows, qtbot: QtBot) -> LibraryDialog:
    windows.console.menus.show_library()
    dialog = windows.console.menus.dialog
    assert isinstance(dialog, LibraryDialog)  # a child of the console, closed with it
    return dialog


def test_library_lists_plans_filters_and_starts_a_session(
    windows: Windows, library: LibraryDialog
) -> None:
    assert any(e.title == "Introduction to co-production" for e in library.model.entries)
    library.search.setText("INTRO")
    assert library.proxy.rowCount() == 1
    library.start_button.click()
    assert windows.workshop.session.title == "Introduction to co-production"
    assert windows.workshop.store.path_of(windows.workshop.session.id).exists()


def test_save_as_template_then_edit_it_in_the_library(
    windows: Windows, library: LibraryDialog, qtbot: QtBot, data_dir: Path
) -> None:
    windows.workshop.save_as_template()
    library.refresh()
    library.search.setText("Agenda test")
    library.table.setCurrentIndex(library.proxy.index(0, 0))
    assert library.edit_button.isEnabled()
    library.edit()
    editor = library.editor
    assert editor is not None
    editor.select(0)
    editor.remove_step()
    editor.close()
    saved = next((data_dir / "templates").glob("*.json"))
    doc = json.loads(saved.read_text())["session"]["1"]
    assert [s["title"] for s in doc["steps"]] == ["Step 2", "Step 3", "Step 4"]
    assert len(windows.workshop.session.steps) == 4  # the open session is untouched


def test_ready_made_plans_cannot_be_renamed_or_deleted(library: LibraryDialog) -> None:
    library.search.setText("Introduction")
    library.table.setCurrentIndex(library.proxy.index(0, 0))
    assert not library.rename_button.isEnabled() and not library.delete_button.isEnabled()
    library.duplicate()
    assert "a template of your own" in library.message.text()
    assert library.selected() is not None and not library.selected().builtin


def test_delete_asks_first(library: LibraryDialog) -> None:
    library.duplicate()
    copies = len(library.model.entries)
    library.ask_delete()
    box = library.child
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "Delete").click()
    assert len(library.model.entries) == copies - 1


def test_a_bad_plan_file_gets_a_message_not_a_crash(library: LibraryDialog, tmp_path: Path) -> None:
    bad = tmp_path / "odd.coprod.json"
    bad.write_text('{"session": {"1": {"schema": 1, "title": "x", "id": "a", "steps": "no"}}}')
    count = len(library.model.entries)
    library.import_from(str(bad))
    assert "odd.coprod.json is not a usable coprod-workshop plan" in library.message.text()
    assert "'steps' should be a list" in library.message.text()
    assert len(library.model.entries) == count


def test_export_and_import_through_the_library(library: LibraryDialog, tmp_path: Path) -> None:
    library.search.setText("Introduction")
    library.table.setCurrentIndex(library.proxy.index(0, 0))
    library.export_to(str(tmp_path / "intro.coprod.json"))
    assert (tmp_path / "intro.coprod.json").exists()
    library.search.setText("")
    library.import_from(str(tmp_path / "intro.coprod.json"))
    assert "Imported “Introduction to co-production (2)”" in library.message.text()


def test_any_plan_can_have_last_time_s_actions_and_who_took_part(
    windows: Windows, editor: AgendaEditor
) -> None:
    menu = editor.add_button.menu()
    offered = {a.text(): a for a in menu.actions()}
    for label, kind in (("Last time's actions", "review"), ("Who took part", "attendance")):
        offered[label].trigger()
        assert windows.workshop.session.current_step is not None
        assert kind in [s.kind for s in windows.workshop.session.steps]
        assert label in titles(windows)
