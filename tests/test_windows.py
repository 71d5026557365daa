"""The console and projector windows: F5 and Esc, where the projector opens,
what a restart brings back, and keys that must never reset the timer.

These run on the offscreen platform; tests/test_real_windows.py repeats the
window behaviour in a real X window under a window manager.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build, launch
from coprod_workshop.paths import builtin_plans
from coprod_workshop.storage.library import BUILTIN
from coprod_workshop.ui.placement import fits, large_16_9, projector_screen


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path):  # type: ignore[no-untyped-def]
    built = build(data_dir)
    qtbot.addWidget(built.console)
    qtbot.addWidget(built.projector)
    built.workshop.open_default()
    built.console.show()
    qtbot.waitExposed(built.console)
    yield built
    if built.workshop.session is not None:
        built.console.close()


def launched(qtbot: QtBot, data_dir: Path) -> Windows:
    """The app as ``coprod-workshop`` starts it, on the test's data folder."""
    started = launch(argparse.Namespace(data_dir=str(data_dir), session=None))
    qtbot.addWidget(started.console)
    qtbot.waitUntil(lambda: getattr(started, "workshop", None) is not None, timeout=10_000)
    qtbot.addWidget(started.projector)
    started.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is started.console)
    return started


# -- F5 and Esc ----------------------------------------------------------------
def test_esc_after_f5_puts_a_hidden_projector_away_and_gives_back_the_console(
    windows: Windows, qtbot: QtBot
) -> None:
    projector = windows.projector
    assert not projector.isVisible()
    qtbot.keyClick(windows.console, Qt.Key.Key_F5)
    assert projector.isVisible() and projector.isFullScreen()
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert not projector.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)


def test_esc_after_f5_restores_the_projector_window_where_it_was(
    windows: Windows, qtbot: QtBot
) -> None:
    projector = windows.projector
    windows.console.menus.show_projector()
    before = QRect(100, 50, 640, 360)
    projector.setGeometry(before)
    qtbot.keyClick(windows.console, Qt.Key.Key_F5)
    assert projector.isFullScreen()
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert projector.isVisible() and not projector.isFullScreen()
    assert projector.geometry() == before
    # F5 again and F5 to stop: the same.
    qtbot.keyClick(windows.console, Qt.Key.Key_F5)
    qtbot.keyClick(projector, Qt.Key.Key_F5)
    assert projector.geometry() == before and not projector.isFullScreen()


def test_esc_on_the_console_also_ends_full_screen(windows: Windows, qtbot: QtBot) -> None:
    qtbot.keyClick(windows.console, Qt.Key.Key_F5)
    assert windows.projector.isFullScreen()
    qtbot.keyClick(windows.console, Qt.Key.Key_Escape)
    assert not windows.projector.isVisible()


# -- where the projector opens ----------------------------------------------------
class Screen:
    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


def test_the_projector_goes_on_the_screen_that_is_not_the_consoles() -> None:
    laptop, beamer, tv = Screen("eDP-1"), Screen("HDMI-1"), Screen("DP-2")
    assert projector_screen([laptop, beamer], laptop) is beamer
    assert projector_screen([beamer, laptop], laptop) is beamer
    assert projector_screen([laptop], laptop) is laptop
    # The facilitator's choice wins while that screen is connected.
    assert projector_screen([laptop, beamer, tv], laptop, "DP-2") is tv
    assert projector_screen([laptop, beamer], laptop, "DP-2") is beamer


@pytest.mark.parametrize("available", [QRect(0, 0, 1920, 1080), QRect(0, 27, 1366, 741)])
def test_a_normal_projector_window_is_large_16_9_and_fully_on_screen(available: QRect) -> None:
    rect = large_16_9(available)
    assert abs(rect.width() / rect.height() - 16 / 9) < 0.01
    assert rect.width() >= available.width() * 0.6
    # Room for a window manager's title bar above it.
    assert fits(rect, available, 40)


def test_with_one_screen_the_projector_opens_large_and_fully_on_it(
    windows: Windows, qtbot: QtBot
) -> None:
    qtbot.keyClick(
        windows.console,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    projector = windows.projector
    assert projector.isVisible() and not projector.isFullScreen()
    available = projector.screen().availableGeometry()
    assert fits(projector.geometry(), available)
    assert projector.width() >= available.width() * 0.6
    assert abs(projector.width() / projector.height() - 16 / 9) < 0.01


# -- presentation keys and the timer --------------------------------------------
def test_toolbar_controls_never_take_the_keyboard(windows: Windows, qtbot: QtBot) -> None:
    toolbar = windows.console.findChild(QToolBar, "SessionToolbar")
    controls = [w for w in toolbar.findChildren(QWidget) if w.isVisible()]
    assert controls
    assert all(w.focusPolicy() == Qt.FocusPolicy.NoFocus for w in controls), [
        (w.metaObject().className(), w.accessibleName())
        for w in controls
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]


def test_a_clicker_never_resets_the_running_timer(windows: Windows, qtbot: QtBot) -> None:
    """Ctrl+T, then the presentation keys a clicker sends: the timer keeps its time."""
    timer = windows.workshop.timer
    windows.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)
    qtbot.keyClick(windows.console, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert timer.running
    qtbot.wait(50)
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Tab, Qt.Key.Key_Right, Qt.Key.Key_Space):
        target = QApplication.focusWidget() or windows.console
        qtbot.keyClick(target, key)
        assert timer.running
    focus = QApplication.focusWidget()
    toolbar = windows.console.findChild(QToolBar, "SessionToolbar")
    assert focus is None or not toolbar.isAncestorOf(focus)
    # Resetting has a shortcut of its own.
    assert windows.console.menus.reset_timer_action.shortcut().toString() == "Ctrl+Shift+T"


# -- the room's start ------------------------------------------------------------
def test_the_pace_waits_for_the_room_to_start(windows: Windows, qtbot: QtBot) -> None:
    totals = windows.console.body.agenda.totals
    assert "Not started" in totals.text() and "behind" not in totals.text()
    qtbot.keyClick(windows.console, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert windows.workshop.started_at is not None
    assert "Started" in totals.text() and "at this pace" in totals.text()


def test_f5_starts_the_room(windows: Windows, qtbot: QtBot) -> None:
    qtbot.keyClick(windows.console, Qt.Key.Key_F5)
    assert windows.workshop.started_at is not None


def test_a_session_started_with_f5_is_still_started_when_reopened(
    windows: Windows, qtbot: QtBot
) -> None:
    workshop = windows.workshop
    first = workshop.session.id
    qtbot.keyClick(windows.console, Qt.Key.Key_F5)
    started = workshop.started_at
    assert started is not None
    qtbot.keyClick(windows.projector, Qt.Key.Key_Escape)
    assert workshop.new_from_plan(builtin_plans()[-1])  # another session, not started
    assert workshop.started_at is None
    assert "Not started" in windows.console.body.agenda.totals.text()
    assert workshop.open_saved(first)  # as Ctrl+O does
    again = workshop.started_at
    assert again is not None and abs((again - started).total_seconds()) < 2
    totals = windows.console.body.agenda.totals.text()
    assert "Not started" not in totals and "Started" in totals


def test_quit_asks_first_while_the_room_is_watching(windows: Windows, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QMessageBox

    console, menus = windows.console, windows.console.menus
    qtbot.keyClick(console, Qt.Key.Key_F5)  # the room starts, the projector shows
    menus.quit_action.trigger()
    box = menus.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "room is watching" in box.text() or "room is watching" in box.windowTitle()
    assert console.isVisible() and windows.projector.isVisible()
    keep = next(b for b in box.buttons() if "Keep running" in b.text())
    assert box.defaultButton() is keep  # Enter keeps the room's screen
    keep.click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert console.isVisible() and windows.projector.isVisible()
    menus.quit_action.trigger()
    box = menus.dialog
    quit_button = next(b for b in box.buttons() if b.text().replace("&", "") == "Quit")
    quit_button.click()
    qtbot.waitUntil(lambda: not console.isVisible())
    assert windows.workshop.session is None or not console.isVisible()


def test_quit_does_not_ask_when_the_projector_is_not_showing(
    windows: Windows, qtbot: QtBot
) -> None:
    windows.workshop.mark_started()  # started, but the projector is put away
    assert not windows.projector.isVisible()
    windows.console.menus.quit_action.trigger()
    qtbot.waitUntil(lambda: not windows.console.isVisible())
    assert windows.console.menus.dialog is None


def test_start_the_session_now_sets_the_start_time_undoably(windows: Windows) -> None:
    from datetime import datetime

    session = windows.workshop.session
    planned = session.start_time
    windows.console.menus.start_now_action.trigger()
    now = f"{datetime.now():%H:%M}"
    assert session.start_time == now or session.start_time > planned
    assert windows.workshop.started_at is not None
    totals = windows.console.body.agenda.totals.text()
    assert f"Started {windows.workshop.started_at:%H:%M}" in totals
    windows.workshop.stack.undo()
    assert session.start_time == planned


def test_the_first_run_opens_the_console_maximised_and_later_runs_as_left(
    qtbot: QtBot, data_dir: Path
) -> None:
    first = launched(qtbot, data_dir)
    assert first.console.isMaximized()  # every step's board has the whole screen
    first.console.showNormal()
    first.console.setGeometry(QRect(40, 40, 1000, 700))
    first.console.close()
    again = launched(qtbot, data_dir)
    assert not again.console.isMaximized()  # as the facilitator left it
    again.console.close()


def test_the_app_leaves_its_long_lived_objects_out_of_full_sweeps(
    qtbot: QtBot, data_dir: Path
) -> None:
    """A full sweep of the collector goes through every object it follows and
    holds the windows meanwhile: the modules, windows and the open session,
    swept again and again while phones send notes, paused the room for 20-40 ms
    a time (docs/performance.md). Once the first screen is up, and each time
    another session opens, they are left out; what the session before left
    behind is collected first, not kept for ever."""
    import gc
    import weakref

    class Leftover:
        """Stands for a view of the session before: garbage in a cycle."""

        def __init__(self) -> None:
            self.me = self

    leftover = Leftover()
    started = launched(qtbot, data_dir)
    first = started.workshop.session
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
    swept = gc.get_objects()
    assert not any(item is first or item is started.console for item in swept)
    assert gc.get_freeze_count() > len(swept)  # most of what lives is left out
    gone = weakref.ref(leftover)
    del leftover, swept, first
    assert started.workshop.start_from_template(BUILTIN + builtin_plans()[1].name)
    qtbot.waitUntil(lambda: gone() is None, timeout=3000)
    second = started.workshop.session
    assert not any(item is second for item in gc.get_objects())
    started.console.close()


# -- a restart brings the room back -------------------------------------------------
def test_a_restart_brings_back_both_windows_and_the_paused_timer(
    qtbot: QtBot, data_dir: Path
) -> None:
    first = launched(qtbot, data_dir)
    first.console.menus.show_projector()
    first.projector.setGeometry(QRect(120, 60, 640, 400))
    placed = first.projector.geometry()  # within the slide's minimum size
    first.workshop.go_to(2)
    timer = first.workshop.timer
    timer.restore(61.0)  # a minute and a second into the step
    timer.start()
    qtbot.wait(20)
    first.console.close()
    assert timer.changed.listeners() == []  # nothing follows the timer after quitting

    second = launched(qtbot, data_dir)
    assert second.projector.isVisible() and not second.projector.isFullScreen()
    assert second.projector.geometry() == placed
    assert second.workshop.session.current == 2
    assert not second.workshop.timer.running  # paused, ready to continue
    assert 61 <= second.workshop.timer.elapsed() < 65
    assert second.workshop.started_at is not None
    assert "left" in second.console.menus.timer_bar.display.text()
    second.console.close()


def test_a_restart_brings_back_a_full_screen_projector_and_a_hidden_one(
    qtbot: QtBot, data_dir: Path
) -> None:
    first = launched(qtbot, data_dir)
    first.console.menus.present_action.trigger()  # F5
    assert first.projector.isFullScreen()
    first.console.close()
    second = launched(qtbot, data_dir)
    assert second.projector.isVisible() and second.projector.isFullScreen()
    # Esc after a restart: a normal window fully on screen, not screen-sized.
    second.projector.stop_presenting()
    available = second.projector.screen().availableGeometry()
    assert fits(second.projector.geometry(), available, 8)
    second.projector.hide()
    second.console.close()
    third = launched(qtbot, data_dir)
    assert not third.projector.isVisible()
    third.console.close()


# -- two screens ------------------------------------------------------------------
SCREENS = {
    "screens": [
        {
            "name": "LAPTOP",
            "x": 0,
            "y": 0,
            "width": 1280,
            "height": 800,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
        {
            "name": "BEAMER",
            "x": 1280,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
    ]
}


def test_with_two_screens_the_projector_keeps_to_its_own(tmp_path: Path) -> None:
    """tests/two_screens.py, on an offscreen platform with a laptop and a beamer."""
    import json
    import os
    import subprocess
    import sys

    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--basetemp={tmp_path / 'run'}",
            str(Path(__file__).with_name("two_screens.py")),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout


# -- the command line --------------------------------------------------------------
@pytest.mark.parametrize("step", ["0", "99"])
def test_a_screenshot_of_a_step_the_plan_lacks_is_refused(
    step: str, tmp_path: Path, data_dir: Path
) -> None:
    from tests.test_cli import run_cli

    target = tmp_path / "shot.png"
    result = run_cli("--screenshot", str(target), "--step", step, data_dir=data_dir)
    assert result.returncode == 2
    assert re.search(rf"there is no step {step}: this session has steps 1 to \d+", result.stderr)
    assert not target.exists()


def test_a_screenshot_prints_only_what_it_made(tmp_path: Path, data_dir: Path) -> None:
    from tests.test_cli import run_cli

    target = tmp_path / "shot.png"
    result = run_cli("--screenshot", str(target), "--step", "2", data_dir=data_dir)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.split() == [str(target), str(tmp_path / "shot-projector.png")]


@pytest.mark.parametrize(
    ("display", "says"),
    [(None, "No display was found (DISPLAY is not set)"), (":93", "The display :93 could not")],
)
def test_without_a_display_the_app_says_so_plainly(
    display: str | None, says: str, data_dir: Path
) -> None:
    import os
    import subprocess
    import sys

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    if display:
        env["DISPLAY"] = display
    result = subprocess.run(
        [sys.executable, "-m", "coprod_workshop", "--data-dir", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert says in result.stderr and "xvfb-run" in result.stderr
    assert "qt.qpa" not in result.stderr and "plugin" not in result.stderr


# -- dialogs -------------------------------------------------------------------------
def _menu_paths(window: QWidget) -> set[str]:
    from PySide6.QtWidgets import QMainWindow

    assert isinstance(window, QMainWindow)
    paths = set()
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            paths.add(f"{menu_action.text()} → {action.text()}".replace("&", ""))
    return paths


def test_save_as_template_asks_for_a_name_and_says_where_to_find_it(
    windows: Windows, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QInputDialog

    messages: list[str] = []
    windows.workshop.status.connect(messages.append)
    windows.console.menus.template_action.trigger()
    dialog = windows.console.menus.dialog
    assert isinstance(dialog, QInputDialog) and "title" in dialog.labelText().lower()
    dialog.setTextValue("Carers' forum, two hours")
    dialog.accept()
    titles = {entry.title for entry in windows.workshop.library.entries()}
    assert "Carers' forum, two hours" in titles
    (message,) = messages
    where = re.search(r"(\w+ → [^.:]+…)", message)
    assert where is not None, message
    assert where.group(1) in _menu_paths(windows.console)


def test_the_library_shows_the_plan_in_use(windows: Windows, qtbot: QtBot) -> None:
    from coprod_workshop.ui.library import LibraryDialog

    windows.console.menus.show_library()
    dialog = windows.console.menus.dialog
    assert isinstance(dialog, LibraryDialog)
    model = dialog.model
    row = next(r for r, e in enumerate(model.entries) if e.title == "Introduction to co-production")
    assert model.data(model.index(row, 3)) == "in use now"
    others = [model.data(model.index(r, 3)) for r in range(len(model.entries)) if r != row]
    assert "in use now" not in others
    # The start itself is noted too, so the date is there once another plan is in use.
    assert model.entries[row].last_used != ""
    dialog.close()


def test_the_rename_dialog_has_room_for_its_title(windows: Windows, qtbot: QtBot) -> None:
    windows.console.menus.ask_rename()
    dialog = windows.console.menus.dialog
    qtbot.waitExposed(dialog)
    # A window manager's title bar needs the title plus its buttons.
    title_width = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
    assert dialog.width() >= title_width + 250
    dialog.reject()


@pytest.mark.parametrize("size", [None, (900, 600)])
def test_the_agenda_editors_step_panel_has_room_for_its_text(
    windows: Windows, qtbot: QtBot, size: tuple[int, int] | None
) -> None:
    windows.console.menus.edit_agenda()
    editor = windows.console.menus.dialog
    qtbot.waitExposed(editor)
    if size:
        editor.resize(*size)
    for row in range(len(windows.workshop.session.steps)):
        editor.select(row)
        QApplication.processEvents()
        chars = editor.panel.width() / editor.panel.fontMetrics().averageCharWidth()
        assert chars >= 55, (row, chars)
    editor.close()
