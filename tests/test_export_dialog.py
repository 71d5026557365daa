"""File > Export report…: the folder remembered, the folder offered when done, the notes box."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from coprod_workshop.core.session import Session
from coprod_workshop.paths import builtin_plans
from tests import played


def open_played(windows: Any, registry: Any) -> Session:
    plan = next(p for p in builtin_plans() if p.name.startswith("introduction"))
    session = played.played_plan(plan, registry)
    session.steps[0].notes = "Remember to thank Pat for the room"
    windows.workshop.store.save(session)
    assert windows.workshop.open_saved(session.id)
    return windows.workshop.session  # type: ignore[no-any-return]


def export_with_dialog(windows: Any, qtbot: Any, folder: Path | None, formats: set[str]) -> Any:
    menus = windows.console.menus
    menus.export_action.trigger()
    dialog = menus.dialog
    if folder is not None:
        dialog.folder.setText(str(folder))
    for fmt, box in dialog.formats.items():
        box.setChecked(fmt in formats)
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return dialog


def test_the_last_folder_is_offered_again_and_opened_on_request(
    windows: Any, registry: Any, tmp_path: Path, qtbot: Any, monkeypatch: Any
) -> None:
    from coprod_workshop.ui.exportdialog import default_folder

    open_played(windows, registry)
    menus = windows.console.menus
    menus.export_action.trigger()
    assert menus.dialog.folder.text() == str(default_folder())  # nothing remembered yet
    menus.dialog.reject()

    out = tmp_path / "for the commissioner"
    export_with_dialog(windows, qtbot, out, {"csv"})
    done = menus.dialog
    assert isinstance(done, QMessageBox) and done.isVisible()
    assert "Exported 1 file into" in done.text() and str(out) in done.text()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    open_button = done.buttons()[0]
    assert open_button.text() == "&Open the folder" and open_button.accessibleName()
    open_button.click()
    assert opened == [QUrl.fromLocalFile(str(out))]

    menus.export_action.trigger()
    assert menus.dialog.folder.text() == str(out)  # remembered, and kept in the data folder
    kept = windows.workshop.store.root / "export.ini"
    settings = QSettings(str(kept), QSettings.Format.IniFormat)
    assert settings.value("export/folder") == str(out)
    menus.dialog.reject()

    for path in out.iterdir():  # the stick it was on is gone
        path.unlink()
    out.rmdir()
    menus.export_action.trigger()
    assert menus.dialog.folder.text() == str(default_folder())


def test_the_notes_box_decides_whether_notes_leave_the_app(
    windows: Any, registry: Any, tmp_path: Path, qtbot: Any
) -> None:
    session = open_played(windows, registry)
    notes = session.steps[0].notes
    for ticked, out in ((False, tmp_path / "without"), (True, tmp_path / "with")):
        menus = windows.console.menus
        menus.export_action.trigger()
        dialog = menus.dialog
        assert not dialog.notes.isChecked()  # left out unless asked for
        dialog.notes.setChecked(ticked)
        dialog.folder.setText(str(out))
        for fmt, box in dialog.formats.items():
            box.setChecked(fmt in ("json", "md"))
        with qtbot.waitSignal(dialog.exported, timeout=60_000):
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        doc = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
        assert ("notes" in doc["steps"][0]) == ticked
        assert (notes in next(out.glob("*.json")).read_text(encoding="utf-8")) == ticked
        assert (notes in next(out.glob("*.md")).read_text(encoding="utf-8")) == ticked


def test_a_folder_named_like_a_report_is_left_alone_and_no_replace_is_offered(
    windows: Any, registry: Any, tmp_path: Path, qtbot: Any
) -> None:
    from coprod_workshop.reports.export import file_names

    session = open_played(windows, registry)
    out = tmp_path / "exports"
    precious = out / file_names(session, ["pdf"])[0] / "precious.txt"
    precious.parent.mkdir(parents=True)
    precious.write_text("minutes of every meeting")
    menus = windows.console.menus
    menus.export_action.trigger()
    dialog = menus.dialog
    dialog.folder.setText(str(out))
    with qtbot.waitSignal(dialog.failed, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.question is None  # nothing to confirm: it is not an earlier export
    assert dialog.problem.text().startswith("Nothing was exported: ")
    assert "is a folder" in dialog.problem.text() and "left untouched" in dialog.problem.text()
    assert precious.read_text() == "minutes of every meeting"
    assert [p.name for p in out.iterdir()] == [precious.parent.name]
    assert dialog.isVisible()
