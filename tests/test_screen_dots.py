"""Dots on the shared screen for people without a phone: one person at a time places
their dots on the projector (or the console's preview), by tap or by keys; "Done"
thanks them and hands the screen to the next person; nothing is counted twice, a
refused dot is said so, and the counts stay hidden until revealed."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.participation.screendots import ScreenDots
from coprod_workshop.exercises.relationship.commands import AddNote
from coprod_workshop.voting.dots import SCREEN_PREFIX, DotRound, NextDotTurn, OpenDots, PlaceDot
from tests.helpers import open_on, shots_folder, spoken_name

NOTES = ("Never calls back", "Remembers your name", "Asks what matters to you")


def open_grid_with_notes(windows: object, *more: Step) -> Step:
    grid = Step("relationship", "Sue and Mick", 20, REGISTRY.get("relationship").new_state())
    session = Session("Screen dots", [grid, *more])
    open_on(windows, session)
    step = windows.workshop.session.steps[0]  # type: ignore[attr-defined]
    for n, text in enumerate(NOTES):
        windows.workshop.run(AddNote(step.id, (n % 2, 0), text))  # type: ignore[attr-defined]
    return step


def screen_dots_of(view: QWidget) -> ScreenDots:
    found = view.findChildren(ScreenDots)
    assert len(found) == 1
    return found[0]


def taking(windows: object, step: Step, per_person: int = 3) -> tuple[ScreenDots, ScreenDots]:
    """A dot round open on the grid's notes with the shared screen taking dots; the
    projector's and the preview's dots."""
    panel = windows.console.body.step_panel.controls.inbox.dots  # type: ignore[attr-defined]
    panel.per_person.setValue(per_person)
    panel.open_button.click()
    assert not panel.screen_button.isChecked()
    # the grid shows until the facilitator lets the screen take dots (made only then)
    assert not windows.projector.frame.view.findChildren(ScreenDots)  # type: ignore[attr-defined]
    panel.screen_button.click()
    assert panel.screen_button.isChecked()
    projector = screen_dots_of(windows.projector.frame.view)  # type: ignore[attr-defined]
    preview = screen_dots_of(windows.console.body.preview.view)  # type: ignore[attr-defined]
    QApplication.processEvents()
    assert projector.isVisibleTo(windows.projector.frame.view)  # type: ignore[attr-defined]
    return projector, preview


def tap(dots: ScreenDots, row: int) -> None:
    rect = dots.list.visualItemRect(dots.list.item(row))
    QTest.mouseClick(dots.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def screen_dots_placed(step: Step) -> list[tuple[str, str]]:
    held = step.state.collection.dots
    return [(d.participant, d.item) for d in held.dots if d.source == "screen"]


def test_a_turn_is_saved_with_the_round_and_undo_gives_the_screen_back() -> None:
    session = Session("D", [Step("relationship", "Sue and Mick", 20,
                                 REGISTRY.get("relationship").new_state())])  # fmt: skip
    step = session.steps[0]
    AddNote(step.id, (0, 0), "Listens").redo(session)
    OpenDots(step.id, step.state.dot_items(), 2).redo(session)
    held = step.state.collection.dots
    first = held.turn
    assert first.startswith(SCREEN_PREFIX) and not held.screen
    PlaceDot(step.id, held.id, first, held.items[0][0], source="screen").redo(session)
    turn = NextDotTurn(step.id)
    turn.redo(session)
    assert held.turn != first and held.placed_by(held.turn) == 0
    assert held.placed_by(first) == 1
    again = DotRound.from_doc(json.loads(json.dumps(held.to_doc())), "x")
    assert again.turn == held.turn and again == held
    turn.undo(session)
    assert held.turn == first  # the person before may put their dot right


def test_people_take_turns_at_the_projector_by_tap_and_by_keys(
    windows: object, qtbot: QtBot, tmp_path: Path
) -> None:
    step = open_grid_with_notes(windows)
    projector, preview = taking(windows, step, per_person=2)
    view = windows.projector.frame.view  # type: ignore[attr-defined]
    assert view.taking_dots and all(frame.isHidden() for frame in view.frames)
    assert "Your turn: put your 2 dots" in projector.heading.text()
    assert "Dots left: 2 of 2" in projector.left.text()
    tap(projector, 1)
    tap(projector, 1)  # stacked on one note
    held = step.state.collection.dots
    first = held.turn
    assert screen_dots_placed(step) == [(first, held.items[1][0])] * 2
    assert projector.list.item(1).text().endswith("●●")
    assert "2 of your dots" in projector.list.item(1).data(Qt.ItemDataRole.AccessibleTextRole)
    assert preview.list.item(1).text().endswith("●●")  # the preview shows the same turn
    assert "All your dots are placed" in projector.left.text()
    tap(projector, 0)  # a third dot is refused, and said so
    assert len(screen_dots_placed(step)) == 2
    assert "All 2 of your dots are placed" in projector.message.text()
    shots = shots_folder(tmp_path)
    windows.projector.resize(1280, 720)  # type: ignore[attr-defined]
    QApplication.processEvents()
    windows.projector.grab().save(str(shots / "projector-dots-at-the-screen.png"))  # type: ignore[attr-defined]
    projector.done_button.click()
    assert projector.thanking and preview.thanking  # thanks, never the counts
    assert "dots are in" in projector.thanks.title.text()
    assert held.turn != first
    windows.projector.grab().save(str(shots / "projector-dots-thanks.png"))  # type: ignore[attr-defined]

    # The next person, by keys only: any key clears the thanks; Down, Space, Minus.
    projector.next_person()
    projector.list.setFocus()
    QTest.keyClick(projector.list, Qt.Key.Key_Home)
    QTest.keyClick(projector.list, Qt.Key.Key_Down)
    QTest.keyClick(projector.list, Qt.Key.Key_Down)
    QTest.keyClick(projector.list, Qt.Key.Key_Space)
    QTest.keyClick(projector.list, Qt.Key.Key_Return)
    QTest.keyClick(projector.list, Qt.Key.Key_Minus)
    second = held.turn
    assert [(p, i) for p, i in screen_dots_placed(step) if p == second] == [
        (second, held.items[2][0])
    ]
    assert "Dots left: 1 of 2" in projector.left.text()
    QTest.keyClick(projector.list, Qt.Key.Key_Up)
    QTest.keyClick(projector.list, Qt.Key.Key_Delete)  # none of this person's dots there
    assert "no dot on that item" in projector.message.text()
    assert len(screen_dots_placed(step)) == 3
    # Nothing of the counts shows while the round is open and unrevealed.
    shown = " ".join(w.accessibleName() + " " + getattr(w, "text", lambda: "")()
                     for w in view.findChildren(QWidget) if isinstance(w, QWidget))  # fmt: skip
    assert "Dots, most first" not in shown
    panel = windows.console.body.step_panel.controls.inbox.dots  # type: ignore[attr-defined]
    QApplication.processEvents()  # the console redraws once per turn of the event loop
    assert "3 dots placed (0 phones, 2 at the shared screen, 0 hands)" in panel.status.text()


def test_a_held_key_is_one_dot_and_the_arrows_still_move_between_steps(
    windows: object, qtbot: QtBot
) -> None:
    step = open_grid_with_notes(
        windows, Step("actions", "Our next steps", 10, REGISTRY.get("actions").new_state())
    )
    windows.projector.show()  # type: ignore[attr-defined]
    qtbot.waitExposed(windows.projector)  # type: ignore[attr-defined]
    windows.projector.frame.view.setFocus()  # type: ignore[attr-defined]
    projector, _ = taking(windows, step)
    # the items take the projector's keyboard from the grid they replace
    assert windows.projector.focusWidget() is projector.list  # type: ignore[attr-defined]
    QTest.keyPress(projector.list, Qt.Key.Key_Space)
    for _ in range(5):  # the key held down: the keyboard repeats it
        held_down = QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ", True
        )
        QApplication.sendEvent(projector.list, held_down)
    QTest.keyRelease(projector.list, Qt.Key.Key_Space)
    assert len(screen_dots_placed(step)) == 1
    QTest.keyClick(projector.list, Qt.Key.Key_Right)
    session = windows.workshop.session  # type: ignore[attr-defined]
    assert session.current_step is session.steps[1]


def test_the_screen_stops_taking_dots_when_the_round_closes_and_done_needs_a_dot(
    windows: object, qtbot: QtBot
) -> None:
    step = open_grid_with_notes(windows)
    projector, _ = taking(windows, step)
    turn = step.state.collection.dots.turn
    projector.done_button.click()  # nobody placed a dot: the same turn goes on
    assert step.state.collection.dots.turn == turn and not projector.thanking
    assert "No dots placed yet" in projector.message.text()
    panel = windows.console.body.step_panel.controls.inbox.dots  # type: ignore[attr-defined]
    panel.close_button.click()
    QApplication.processEvents()
    view = windows.projector.frame.view  # type: ignore[attr-defined]
    assert projector.isHidden() and all(frame.isVisibleTo(view) for frame in view.frames)
    assert not panel.screen_button.isEnabled()
    windows.workshop.stack.undo()  # type: ignore[attr-defined]
    assert projector.isVisibleTo(view)


def test_every_control_at_the_screen_has_a_name(windows: object, qtbot: QtBot) -> None:
    step = open_grid_with_notes(windows)
    projector, _ = taking(windows, step)
    for widget in [projector.list, *projector.findChildren(QAbstractButton)]:
        assert spoken_name(widget), widget
    for row in range(projector.list.count()):
        spoken = projector.list.item(row).data(Qt.ItemDataRole.AccessibleTextRole)
        assert NOTES[0].split()[0] in spoken or "none of your dots" in spoken


def test_dots_at_the_screen_on_the_actions_and_in_the_report(
    windows: object, qtbot: QtBot
) -> None:
    from coprod_workshop.exercises.actions.report import section

    actions = REGISTRY.get("actions").new_state().with_action("Book the hall")
    session = Session("A", [Step("actions", "Our next steps", 10,
                                 actions.with_action("Ask the council"))])  # fmt: skip
    open_on(windows, session)
    step = windows.workshop.session.steps[0]  # type: ignore[attr-defined]
    projector, _ = taking(windows, step)
    view = windows.projector.frame.view  # type: ignore[attr-defined]
    assert view.list.isHidden()
    tap(projector, 1)
    projector.done_button.click()
    text = " ".join(getattr(b, "text", "") for b in section(step))
    assert "1 on the shared screen" in text
