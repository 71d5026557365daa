"""Exporting from the app and the command line; the agenda as run; the actions step."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox

from coprod_workshop.core.session import Session, Visit
from coprod_workshop.exercises.actions.model import ActionList
from coprod_workshop.storage import SessionStore
from tests import helpers, played
from tests.helpers import small_session
from tests.reports import csv_rows, pdf_text, squeeze
from tests.test_report import introduction


# -- the agenda as run ---------------------------------------------------------------
def test_moving_between_steps_records_when_each_was_entered_and_left(registry: Any) -> None:
    session = small_session(steps=3)
    assert session.visits == []
    session.go_to(1, timer_seconds=0)
    session.go_to(2, timer_seconds=125.4)
    assert [v.step for v in session.visits] == [session.steps[1].id, session.steps[2].id]
    assert session.visits[0].left and session.visits[0].timer_seconds == 125
    assert session.visits[1].entered and not session.visits[1].left
    again = Session.from_doc(session.to_doc(), registry)
    assert again.visits == session.visits
    assert session.copy_as_new(registry).visits == []


def test_a_file_from_before_the_agenda_was_timed_opens(registry: Any) -> None:
    doc = small_session().to_doc()
    del doc["visits"]
    assert Session.from_doc(doc, registry).visits == []


def test_the_app_times_steps_from_the_timer_and_the_moves(windows: Any, registry: Any) -> None:
    workshop = windows.workshop
    session = small_session(steps=3)
    workshop.store.save(session)
    assert workshop.open_saved(session.id)
    session = workshop.session
    workshop.timer.start()  # the room starts on step 1
    assert [v.step for v in session.visits] == [session.steps[0].id]
    workshop.step_by(1)
    assert [v.step for v in session.visits] == [session.steps[0].id, session.steps[1].id]
    assert session.visits[0].left
    workshop.save_now()
    stored = workshop.store.load(session.id)
    assert [v.step for v in stored.visits] == [v.step for v in session.visits]


def test_the_agenda_as_run_is_in_the_report(qapp: Any, registry: Any, tmp_path: Path) -> None:
    from coprod_workshop.reports.export import export

    session = small_session(steps=2)
    session.visits = [
        Visit(session.steps[0].id, "2026-05-04T09:30:00", "2026-05-04T09:47:00", 900),
        Visit(session.steps[1].id, "2026-05-04T09:47:00", "2026-05-04T09:52:00", 0),
    ]
    text = squeeze(pdf_text(export(session, registry, tmp_path / "out", ["pdf"])[0]))
    assert squeeze("1 Step 1 10 17 15") in text  # planned 10, ran 17 minutes, timer 15
    assert squeeze("2 Step 2 10 5 –") in text
    assert squeeze("09:30–09:47 Step 1") in text


# -- the command line ----------------------------------------------------------------
def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return helpers.run_cli(*args, data_dir=data_dir, display=False)


def test_the_cli_exports_a_played_session_with_no_display(
    registry: Any, data_dir: Path, tmp_path: Path
) -> None:
    session = played.played_plan(introduction(), registry)
    store = SessionStore(data_dir, registry)
    store.save(session)
    store.close()
    out = tmp_path / "exports"
    result = run_cli(
        "export", session.id[:6], "--to", str(out), "--format", "pdf,csv,md", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(Path(line).name for line in result.stdout.split())
    assert sorted(n.rsplit(".", 1)[1] for n in names) == ["csv", "md", "pdf"]
    rows = csv_rows(next(out.glob("*.csv")))
    assert len(rows) > 50 and rows[0]["session"] == session.id

    again = run_cli("export", session.id, "--to", str(out), "--format", "csv", data_dir=data_dir)
    assert again.returncode == 1 and "--force" in again.stderr and "earlier export" in again.stderr
    forced = run_cli(
        "export", session.id, "--to", str(out), "--format", "csv", "--force", data_dir=data_dir
    )
    assert forced.returncode == 0, forced.stderr

    wrong = run_cli(
        "export", session.id, "--to", str(out), "--format", "pdf,rtf", data_dir=data_dir
    )
    assert wrong.returncode == 1 and "unknown format rtf" in wrong.stderr
    missing = run_cli("export", "nosuchid", "--to", str(out), data_dir=data_dir)
    assert missing.returncode == 1 and "no saved session" in missing.stderr


# -- the app -------------------------------------------------------------------------
def open_played(windows: Any, registry: Any) -> Session:
    session = played.played_plan(introduction(), registry)
    windows.workshop.store.save(session)
    assert windows.workshop.open_saved(session.id)
    return windows.workshop.session  # type: ignore[no-any-return]


def test_file_export_report_writes_the_report_and_asks_before_replacing(
    windows: Any, registry: Any, tmp_path: Path, qtbot: Any
) -> None:
    from coprod_workshop.reports.boards import board_steps
    from coprod_workshop.ui.exportdialog import ExportDialog

    session = open_played(windows, registry)
    menus = windows.console.menus
    file_menu = windows.console.menuBar().actions()[0].menu()
    assert menus.export_action in file_menu.actions()
    menus.export_action.trigger()
    dialog = menus.dialog
    assert isinstance(dialog, ExportDialog)
    out = tmp_path / "exports"
    dialog.folder.setText(str(out))
    for fmt, box in dialog.formats.items():
        box.setChecked(fmt in ("pdf", "odt"))
    assert all(box.accessibleName() for box in dialog.findChildren(QCheckBox))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert sorted(p.suffix for p in out.iterdir()) == [".odt", ".pdf"]
    assert squeeze(session.title) in squeeze(pdf_text(next(out.glob("*.pdf"))))
    assert "Exported 2 files" in windows.console.statusBar().currentMessage()

    first = next(out.glob("*.pdf")).stat().st_mtime_ns
    menus.export_action.trigger()
    dialog = menus.dialog
    dialog.folder.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    question = dialog.question
    assert isinstance(question, QMessageBox) and "earlier export" in question.text()
    question.reject()  # Cancel: nothing replaced
    assert next(out.glob("*.pdf")).stat().st_mtime_ns == first
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.question.buttons()[0].click()  # Replace
    boards = len(board_steps(session))
    assert boards >= 5  # the Introduction's exercises each give a board image
    assert len(list(out.glob("*.png"))) == boards
    assert len(list(out.iterdir())) == 6 + 3 + boards  # every format now, the summary in 3
    assert not dialog.isVisible()


def test_the_actions_step_captures_what_who_and_by_when(
    windows: Any, registry: Any, qtbot: Any
) -> None:
    from coprod_workshop.exercises.actions.views import ActionsEditor, ActionsPresenter

    session = open_played(windows, registry)
    step = next(s for s in session.steps if s.kind == "actions")
    windows.workshop.go_to(session.steps.index(step))
    editor = windows.console.findChild(ActionsEditor)
    presenter = windows.projector.findChild(ActionsPresenter)
    assert editor is not None and presenter is not None
    editor.what.setText("Ask the council for a room <b>free</b>")
    editor.who.setText("Priya")
    editor.when.setText("Friday")
    qtbot.keyClick(editor.when, Qt.Key.Key_Return)
    state: ActionList = step.state
    assert state.actions[-1].what == "Ask the council for a room <b>free</b>"
    shown = [label.accessibleName() for label in presenter.findChildren(QLabel)]
    assert any(
        "Ask the council for a room <b>free</b>" in text and "Priya" in text for text in shown
    )
    (point,) = [label for label in presenter.findChildren(QLabel) if "Priya" in label.text()]
    assert "&lt;b&gt;free&lt;/b&gt;" in point.text()  # shown as typed, never bold
    qtbot.keyClick(editor.what, Qt.Key.Key_Return)  # nothing typed: says why, adds nothing
    assert "say what the action is" in editor.problem.text()
    assert len(step.state.actions) == 3
    windows.workshop.stack.undo()
    assert len(step.state.actions) == 2
    assert not editor.export_button.isHidden()
    qtbot.mouseClick(editor.export_button, Qt.MouseButton.LeftButton)
    from coprod_workshop.ui.exportdialog import ExportDialog

    assert isinstance(windows.console.menus.dialog, ExportDialog)


def latest_summaries(session: Any) -> list[Any]:
    (step,) = [s for s in session.steps if s.kind == "elements"]
    return step.state.summaries()  # type: ignore[no-any-return]


def test_the_report_of_a_group_s_workshop_shows_its_journey(
    registry: Any, data_dir: Path, tmp_path: Path
) -> None:
    """Three dated workshops of one group and one of another: the CLI's report of the
    latest lists the group's three in date order with their medians, not the other."""
    from tests.test_journey_views import earlier

    store = SessionStore(data_dir, registry)
    earlier(store, "2026-01-10", "Carers' forum", 1)
    earlier(store, "2026-03-10", "Someone else", 4)
    earlier(store, "2026-06-10", "Carers' forum", 3)
    latest = played.played_plan(introduction(), registry)
    latest.group = "carers' forum "  # the same group, typed differently
    latest.date = "2026-12-02"
    store.save(latest)
    store.close()
    out = tmp_path / "exports"
    result = run_cli("export", latest.id, "--to", str(out), "--format", "pdf", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    flat = squeeze(pdf_text(next(out.glob("*.pdf"))))
    heading = flat.index("Thejourneyofcarers'forum")
    january, june, today = (
        flat.index(d, heading) for d in ("2026-01-10", "2026-06-10", "2026-12-02")
    )
    assert january < june < today  # in date order, this workshop last
    assert "2026-03-10" not in flat  # another group's workshop
    # January: every element rated 1 and 2 (median 1.5); June: 3 and 4 (3.5); a column each
    today_medians = [s.median for s in latest_summaries(latest)]
    for element, median in zip(("Assets", "Capacity", "Mutuality"), today_medians, strict=False):
        assert squeeze(f"{element}1.53.5{median:g}") in flat, element
    assert squeeze("Ladder: now1 (Coercion)3 (Informing)") in flat


def test_the_step_timer_running_now_counts_in_the_agenda_as_run(
    windows: Any, registry: Any, tmp_path: Path
) -> None:
    from coprod_workshop.ui.exportdialog import ExportDialog

    session = open_played(windows, registry)
    workshop = windows.workshop
    workshop.go_to(0)
    workshop.timer.restore(7 * 60)  # seven minutes on the step timer, not yet recorded
    assert not [v for v in session.visits if v.step == session.steps[0].id and v.timer_seconds]
    windows.console.menus.export_action.trigger()
    dialog = windows.console.menus.dialog
    assert isinstance(dialog, ExportDialog)
    dialog.folder.setText(str(tmp_path))
    for fmt, box in dialog.formats.items():
        box.setChecked(fmt == "md")
    dialog.export_button.click()
    summary = next(tmp_path.glob("*-summary.md")).read_text("utf-8")
    first = next(line for line in summary.splitlines() if session.steps[0].title in line)
    assert first.rstrip(" |").endswith("7"), first  # the timer's 7 minutes, not "–"
