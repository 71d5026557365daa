"""The vote taken in turns on the shared screen, as the ladder and the self-assessment both
take it: one person at a time on the projector, the facilitator's round buttons, the hands
they count, and the results kept from the room until they are shown."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.elements.model import SelfAssessment
from coprod_workshop.exercises.info.model import InfoSlide
from coprod_workshop.exercises.ladder.model import LadderStep
from coprod_workshop.participation.roundcontrols import RoundControls
from coprod_workshop.participation.turns import TurnsView
from tests.helpers import open_on

#: each vote on the shared screen: its kind, its state, how many choices, what is cast
KINDS = {
    "ladder": (LadderStep, 7, "vote"),
    "elements": (SelfAssessment, 5, "rating"),
}


@pytest.fixture(params=sorted(KINDS))
def kind(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def windows(windows: Windows, kind: str) -> Windows:
    vote = Step(kind, "Vote", 15, KINDS[kind][0]())
    steps = [Step("info", "Welcome", 5, InfoSlide(("Tea at eleven",))), vote]
    return open_on(windows, Session("Carers' forum", steps), 1)


def state_of(windows: Windows) -> Any:
    return windows.workshop.session.steps[1].state


def presenter(windows: Windows) -> TurnsView:
    view = windows.projector.frame.view
    assert isinstance(view, TurnsView)
    return view


def controls(windows: Windows) -> RoundControls:
    console = windows.console.body.step_panel.controls
    assert isinstance(console, RoundControls)
    return console


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_round_buttons_open_close_clear_and_reopen_the_selected_round(
    windows: Windows, qtbot: QtBot, kind: str
) -> None:
    console, view = controls(windows), presenter(windows)
    noun = KINDS[kind][2]
    windows.console.show()
    first = state_of(windows).rounds[0]
    assert not console.close_button.isEnabled() and not console.clear_button.isEnabled()
    click(qtbot, console.open_button)
    assert first.is_open and not console.open_button.isEnabled()
    view.vote(0)
    view.vote(1)
    assert first.count == 2
    QApplication.processEvents()  # votes by the hundred are drawn once per turn of the loop
    assert f"is open: 2 {noun}s. Results hidden from the room." in console.count.text()
    click(qtbot, console.close_button)
    assert first.status == "closed" and console.open_button.text() == "Re&open"
    view.next_person()
    view.vote(2)  # closed: nobody can vote
    assert first.count == 2
    click(qtbot, console.clear_button)
    assert first.count == 0 and not console.clear_button.isEnabled()
    windows.workshop.stack.undo()
    assert first.count == 2  # clearing is undoable
    click(qtbot, console.open_button)
    assert first.is_open  # reopened, its votes kept
    assert first.count == 2


def test_hands_count_only_while_open_and_totals_show_only_once_revealed(
    windows: Windows, qtbot: QtBot, kind: str
) -> None:
    console = controls(windows)
    windows.console.show()
    assert not console.hands[0].isEnabled()  # nothing open: no hands to count
    click(qtbot, console.open_button)
    fewer, more = console.hand_steps[1]
    for _ in range(3):
        click(qtbot, more)
    click(qtbot, fewer)
    first = state_of(windows).rounds[0]
    assert first.hand_count(1) == 2
    assert "(2 by show of hands)" in console.count.text()
    assert not console.totals[1].isVisibleTo(console)  # the room's distribution stays hidden
    windows.workshop.stack.undo()
    assert first.hand_count(1) == 0  # + + + − was one step
    windows.workshop.stack.redo()
    click(qtbot, console.result_buttons["revealed"])
    assert state_of(windows).results_shown
    assert console.totals[1].isVisibleTo(console)
    assert console.totals[1].text() == "= 2 in all"
    assert "Results shown to the room" in console.count.text()


def test_quick_presses_on_the_thank_you_all_count_and_the_counter_shows_them(
    windows: Windows, qtbot: QtBot, kind: str
) -> None:
    """People pressing in quick turn give as many votes, never fewer, and it shows."""
    choices = KINDS[kind][1]
    click(qtbot, controls(windows).open_button)
    windows.projector.show()
    windows.projector.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.projector)
    view = presenter(windows)
    assert view.counter.text() == "0 votes so far" and view.counter.isVisibleTo(view)
    keys = [1 + n % choices for n in range(2 * choices)]
    for n, key in enumerate(keys, start=1):
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{key}"))
        assert view.thanking  # the thank-you screen is up for each of them...
        assert view.counter.text() == f"{n} vote{'s' if n > 1 else ''} so far"
    assert state_of(windows).rounds[0].tally() == (2,) * choices  # ...and every press counted
    qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{choices + 1}"))
    assert state_of(windows).rounds[0].count == 2 * choices  # no choice past the last
    QApplication.processEvents()
    preview = windows.console.body.preview.view
    assert preview.counter.text() == f"{2 * choices} votes so far"  # the preview counts too
    assert f"{2 * choices} {KINDS[kind][2]}s" in controls(windows).count.text()
    click(qtbot, controls(windows).close_button)
    assert not view.counter.isVisibleTo(view)


def test_every_control_and_choice_has_an_accessible_name(windows: Windows, qtbot: QtBot) -> None:
    windows.console.show()
    click(qtbot, controls(windows).open_button)
    for root in (controls(windows), presenter(windows)):
        for widget in root.findChildren(QWidget):
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox):
                continue
            if isinstance(widget, QAbstractButton | QAbstractSpinBox | QLineEdit | QComboBox):
                assert widget.accessibleName() or widget.text(), widget
            if isinstance(widget, QTableWidget):
                assert widget.accessibleName(), widget


def test_matplotlib_is_imported_only_when_results_are_shown(data_dir: Path, kind: str) -> None:
    model = KINDS[kind][0]
    code = textwrap.dedent(
        f"""
        import sys
        from coprod_workshop.app import build, make_application
        from coprod_workshop.core.session import Session, Step
        from coprod_workshop.exercises.{kind}.commands import SetResults
        from {model.__module__} import {model.__name__}
        from coprod_workshop.paths import data_dir

        app = make_application()
        windows = build(data_dir())
        session = Session("Start-up", [Step("{kind}", "Vote", 10, {model.__name__}())])
        windows.workshop.store.save(session)
        windows.workshop.open(session)
        windows.console.show()
        windows.projector.show()
        app.processEvents()
        print("hidden", "matplotlib" in sys.modules)
        windows.workshop.run(SetResults(session.steps[0].id, "revealed"))
        app.processEvents()
        print("revealed", "matplotlib" in sys.modules)
        windows.console.close()
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    assert out.stdout.split() == ["hidden", "False", "revealed", "True"]
