"""The session's details: asked once on the first session, kept for the next ones,
editable at any time (File → Session details…, Ctrl+D), and in the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from coprod_workshop.app import build, open_at_start
from coprod_workshop.ui.details import DetailsDialog
from tests.helpers import shots_folder


def first_run(data_dir: Path, qtbot: Any) -> Any:
    windows = build(data_dir)
    qtbot.addWidget(windows.console)
    qtbot.addWidget(windows.projector)
    windows.console.show()
    open_at_start(windows, data_dir, None)
    QApplication.processEvents()
    return windows


def test_the_first_session_asks_its_details_and_the_name_is_kept_for_the_next(
    data_dir: Path, qtbot: Any, tmp_path: Path
) -> None:
    windows = first_run(data_dir, qtbot)
    workshop, menus = windows.workshop, windows.console.menus
    dialog = menus.dialog
    assert isinstance(dialog, DetailsDialog) and dialog.isVisible()
    assert dialog.title.text() == workshop.session.title  # the plan's title, to change
    assert all(f.accessibleName() for f in (dialog.title, dialog.group, dialog.facilitator))
    dialog.grab().save(str(shots_folder(tmp_path) / "session-details.png"))
    dialog.title.setText("Introduction for the carers' forum")
    dialog.group.setText("  Riverside   carers  ")
    dialog.facilitator.setText("Ana Example")
    dialog.save_button.click()
    session = workshop.session
    assert (session.title, session.group, session.facilitator) == (
        "Introduction for the carers' forum",
        "Riverside carers",
        "Ana Example",
    )
    workshop.stack.undo()  # each detail is an undoable change
    assert session.facilitator == ""
    workshop.stack.redo()
    assert session.facilitator == "Ana Example"
    workshop.save_now()
    windows.console.close()

    again = first_run(data_dir, qtbot)  # not the first run: nothing is asked
    assert not isinstance(again.console.menus.dialog, DetailsDialog)
    assert again.workshop.session.id == session.id
    assert again.workshop.session.facilitator == "Ana Example"
    again.console.menus.show_library()
    from coprod_workshop.paths import builtin_plans
    from coprod_workshop.storage.library import BUILTIN

    assert again.workshop.start_from_template(BUILTIN + builtin_plans()[1].name)
    assert again.workshop.session.facilitator == "Ana Example"  # kept for the next session


def test_skipping_the_details_changes_nothing_and_ctrl_d_asks_again(
    data_dir: Path, qtbot: Any
) -> None:
    windows = first_run(data_dir, qtbot)
    workshop, menus = windows.workshop, windows.console.menus
    title = workshop.session.title
    menus.dialog.skip_button.click()
    assert (workshop.session.title, workshop.session.group, workshop.session.facilitator) == (
        title,
        "",
        "",
    )
    assert not workshop.stack.canUndo()
    assert menus.details_action.shortcut().toString() == "Ctrl+D"
    menus.details_action.trigger()
    dialog = menus.dialog
    assert isinstance(dialog, DetailsDialog) and dialog.skip_button.text() == "&Cancel"
    dialog.facilitator.setText("Sam Trainer")
    dialog.remember.setChecked(False)
    dialog.save_button.click()
    assert workshop.session.facilitator == "Sam Trainer"
    assert workshop.session.title == title  # an unchanged title is no change
    from coprod_workshop.ui.details import remembered_facilitator

    assert remembered_facilitator(workshop.settings()) == ""  # not kept when unticked


def test_typing_at_once_fills_the_first_missing_detail_never_runs_on_into_the_title(
    data_dir: Path, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    windows = first_run(data_dir, qtbot)
    workshop, menus = windows.workshop, windows.console.menus
    title = workshop.session.title
    dialog = menus.dialog
    assert dialog.focusWidget() is dialog.group  # the title is filled: the group is not
    QTest.keyClicks(dialog.focusWidget(), "Riverside carers")
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert (workshop.session.title, workshop.session.group) == (title, "Riverside carers")
    menus.details_action.trigger()  # everything but the facilitator filled
    assert menus.dialog.focusWidget() is menus.dialog.facilitator
    menus.dialog.facilitator.setText("Sam Trainer")
    menus.dialog.save_button.click()
    menus.details_action.trigger()  # all filled: the title, chosen whole
    dialog = menus.dialog
    assert dialog.focusWidget() is dialog.title and dialog.title.selectedText() == title
    QTest.keyClicks(dialog.title, "Carers' forum, first workshop")
    dialog.save_button.click()
    assert workshop.session.title == "Carers' forum, first workshop"
