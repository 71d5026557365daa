"""The self-assessment in the app: rating by turns, by hands and from phones; the radar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.elements.commands import SetResults
from coprod_workshop.exercises.elements.controls import ElementsControls
from coprod_workshop.exercises.elements.model import SelfAssessment
from coprod_workshop.exercises.elements.presenter import ElementsPresenter
from coprod_workshop.exercises.info.model import InfoSlide
from coprod_workshop.voting.commands import CastVote, OpenRound
from tests.boards import projected_text_sizes, settle
from tests.helpers import open_on, shots_folder


def elements_session() -> Session:
    session = Session(
        "Carers' forum",
        [
            Step("info", "Welcome", 5, InfoSlide(("Tea at eleven",))),
            Step("elements", "Six elements: where are we now?", 15, SelfAssessment()),
        ],
        start_time="10:00",
    )
    session.group = "Riverside carers"
    return session


@pytest.fixture
def windows(windows: Windows) -> Windows:
    return open_on(windows, elements_session(), 1)


def step_of(windows: Windows) -> Step:
    return windows.workshop.session.steps[1]


def state_of(windows: Windows) -> SelfAssessment:
    return step_of(windows).state  # type: ignore[no-any-return]


def presenter(windows: Windows) -> ElementsPresenter:
    view = windows.projector.frame.view
    assert isinstance(view, ElementsPresenter)
    return view


def controls(windows: Windows) -> ElementsControls:
    view = windows.console.body.step_panel.controls
    assert isinstance(view, ElementsControls)
    return view


def visible_texts(widget: QWidget) -> str:
    return " ".join(
        w.text()
        for w in widget.findChildren(QWidget)
        if isinstance(w, QLabel | QPushButton) and w.isVisibleTo(widget) and w.text()
    )


def test_elements_are_opened_in_turn_and_a_tap_rates_then_thanks_without_a_tally(
    windows: Windows, qtbot: QtBot
) -> None:
    view = presenter(windows)
    console = controls(windows)
    assert "Rating opens soon" in view.hint.text()
    assert not view.scale.button(0).isEnabled()  # type: ignore[union-attr]
    qtbot.mouseClick(console.next_button, Qt.MouseButton.LeftButton)  # opens the first
    state = state_of(windows)
    assert state.rounds[0].is_open
    assert view.question.text() == "Assets"
    assert "equal partners" in view.description.text()
    assert "Element 1 of 6" in view.hint.text()
    button = view.scale.button(3)  # type: ignore[union-attr]
    assert button.accessibleName() == "4: Usually"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert state.rounds[0].tally() == (0, 0, 0, 1, 0)
    assert view.thanking
    shown = visible_texts(view)
    # The room sees that the rating counted, never how it rated.
    assert "Thank you" in shown and "Usually" not in shown and "1 vote so far" in shown
    assert view.chart is None
    qtbot.mouseClick(view.thanks.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(console.next_button, Qt.MouseButton.LeftButton)  # on to Capacity
    assert state.rounds[0].status == "closed" and state.rounds[1].is_open
    assert view.question.text() == "Capacity"
    view.vote(1)
    assert state.rounds[1].tally() == (0, 1, 0, 0, 0) and state.rounds[0].count == 1
    windows.workshop.stack.undo()
    assert state.rounds[1].count == 0


def test_keys_one_to_five_rate_on_the_projector(windows: Windows, qtbot: QtBot) -> None:
    state = state_of(windows)
    windows.workshop.run(OpenRound(step_of(windows).id, state.rounds[2].id))
    windows.projector.show()
    windows.projector.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.projector)
    view = presenter(windows)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_5)
    assert view.thanking
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # clears the thank-you, does not rate
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_6)  # no sixth point
    qtbot.keyClick(view, Qt.Key.Key_7)
    assert state.rounds[2].tally() == (0, 1, 0, 0, 1)


def test_hand_counts_are_one_undo_step_and_totals_show_only_once_revealed(
    windows: Windows, qtbot: QtBot
) -> None:
    console = controls(windows)
    state = state_of(windows)
    assert not console.hands[0].isEnabled()  # nothing open: no hands to count
    qtbot.mouseClick(console.next_button, Qt.MouseButton.LeftButton)
    presenter(windows).vote(2)  # one person on the screen rated 3
    fewer, more = console.hand_steps[2]
    for _ in range(3):
        qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(fewer, Qt.MouseButton.LeftButton)
    console.hands[4].setValue(4)
    assert state.rounds[0].tally() == (0, 0, 3, 0, 4)
    assert not console.totals[2].isVisible()  # hidden until revealed
    windows.workshop.stack.undo()
    assert state.rounds[0].tally() == (0, 0, 3, 0, 0)
    windows.workshop.stack.undo()
    assert state.rounds[0].tally() == (0, 0, 1, 0, 0)  # + + + − was one step
    windows.console.show()
    qtbot.mouseClick(console.reveal_button, Qt.MouseButton.LeftButton)
    assert state.results_shown
    assert console.totals[2].text() == "= 1 in all"
    assert "Results shown to the room" in console.count.text()


def test_results_stay_hidden_until_revealed_then_the_radar_moves_in_place(
    windows: Windows, qtbot: QtBot
) -> None:
    step_id = step_of(windows).id
    state = state_of(windows)
    view = presenter(windows)
    for element, ratings in enumerate(([2, 3, 3], [4, 4], [1, 5, 3], [2], [3, 3], [5])):
        windows.workshop.run(OpenRound(step_id, state.rounds[element].id))
        for rating in ratings:
            windows.workshop.run(CastVote(step_id, rating - 1))
            view.next_person()
    settle()
    assert view.chart is None and "median" not in visible_texts(view)
    windows.workshop.run(SetResults(step_id, "revealed"))
    settle()
    chart = view.chart
    assert chart is not None and view.pages.currentWidget() is view._results
    line = chart.radar.medians[0]
    assert list(line.get_ydata())[:6] == [3.0, 4.0, 3.0, 2.0, 3.0, 5.0]
    assert "Assets: median 3" in chart.row_labels[0].get_text()
    assert "Assets: median 3, middle half" in chart.canvas.accessibleDescription()
    first_bar = chart.segments[0][2]
    assert first_bar.get_width() == pytest.approx(2 / 3)  # two of three chose 3
    windows.workshop.run(CastVote(step_id, 4))  # a late rating for the open element
    settle()
    assert view.chart is chart and chart.segments[0][2] is first_bar  # same artists
    assert list(chart.radar.medians[0].get_ydata())[5] == 5.0
    assert chart.summaries[5].count == 2
    windows.workshop.stack.undo()
    windows.workshop.run(SetResults(step_id, "hidden"))
    settle()
    assert view.pages.currentWidget() is view._vote_page


def test_the_facilitator_rewords_elements_and_scale_in_the_console(
    windows: Windows, qtbot: QtBot
) -> None:
    console = controls(windows)
    view = presenter(windows)
    state = state_of(windows)
    qtbot.mouseClick(console.next_button, Qt.MouseButton.LeftButton)
    console.elements.item(0, 0).setText("Everyone's gifts")
    console.elements.item(0, 1).setText("We see what each person brings.")
    console.scale.item(4, 0).setText("Every time")
    assert state.elements[0].name == "Everyone's gifts"
    assert view.question.text() == "Everyone's gifts"
    assert view.description.text() == "We see what each person brings."
    assert view.scale.button(4).accessibleName() == "5: Every time"  # type: ignore[union-attr]
    console.elements.item(0, 0).setText("   ")  # an element keeps a name
    assert state.elements[0].name == "Everyone's gifts"
    assert console.elements.item(0, 0).text() == "Everyone's gifts"
    windows.workshop.stack.undo()
    assert state.scale[4].name == "Always"
    # another set of elements, only while nothing is rated
    assert console.set_choice.isEnabled()
    console.set_choice.setCurrentIndex(1)
    console.set_choice.activated.emit(1)
    assert state.elements[0].name == "People as assets" and state.scale[0].name == "Never"
    view.vote(0)  # the first element of the new set is not open: nothing counted
    windows.workshop.run(OpenRound(step_of(windows).id, state.rounds[0].id))
    view.vote(0)
    qtbot.waitUntil(lambda: not console.set_choice.isEnabled())  # redrawn once per turn


def test_ratings_wording_and_reveal_are_saved_and_reopened(
    windows: Windows, qtbot: QtBot, data_dir: Path
) -> None:
    step_id = step_of(windows).id
    state = state_of(windows)
    windows.workshop.run(OpenRound(step_id, state.rounds[3].id))
    windows.workshop.run(CastVote(step_id, 3))
    windows.workshop.run(SetResults(step_id, "revealed"))
    assert windows.workshop.save_now()
    session_id = windows.workshop.session.id
    expected = state.to_doc()
    windows.console.close()
    again = build(data_dir)
    qtbot.addWidget(again.console)
    assert again.workshop.open_saved(session_id)
    assert again.workshop.session.steps[1].state.to_doc() == expected
    assert again.workshop.session.group == "Riverside carers"
    again.console.close()


def test_projector_text_is_large_enough_rating_thanking_and_revealed(
    windows: Windows, qtbot: QtBot
) -> None:
    step_id = step_of(windows).id
    state = state_of(windows)
    windows.workshop.run(OpenRound(step_id, state.rounds[0].id))
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    view = presenter(windows)

    def check() -> None:
        sizes = projected_text_sizes(windows.projector)
        assert len(sizes) >= 4 and min(size for _, size in sizes) >= 24, sizes

    check()
    view.vote(1)
    check()
    view.next_person()
    windows.workshop.run(SetResults(step_id, "revealed"))
    check()
    chart = view.chart
    assert chart is not None and chart.text_size >= 24
    sizes = [t.get_fontsize() for t in chart.radar_axes.get_xticklabels()]
    sizes += [t.get_fontsize() for t in chart.radar_axes.get_yticklabels()]
    sizes += [t.get_fontsize() for row in chart.segment_labels for t in row]
    assert min(sizes) >= 24


def test_screenshots_of_console_and_projector(
    windows: Windows, qtbot: QtBot, tmp_path: Path
) -> None:
    step_id = step_of(windows).id
    state = state_of(windows)
    windows.console.resize(1600, 1000)
    windows.projector.resize(1920, 1080)
    windows.console.show()
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    windows.workshop.run(OpenRound(step_id, state.rounds[1].id))
    settle()
    shots = shots_folder(tmp_path)
    assert windows.projector.grab().save(str(shots / "elements-projector-rating.png"))
    ratings = ([1, 2, 2, 3, 4], [2, 3, 3, 3], [3, 4, 4, 5], [1, 2, 2], [2, 3, 4, 4], [3, 4, 5])
    for element, marks in enumerate(ratings):
        windows.workshop.run(OpenRound(step_id, state.rounds[element].id))
        for mark in marks:
            windows.workshop.run(CastVote(step_id, mark - 1))
    windows.workshop.run(SetResults(step_id, "revealed"))
    settle()
    assert windows.projector.grab().save(str(shots / "elements-projector-revealed.png"))
    assert windows.console.grab().save(str(shots / "elements-console.png"))


def test_elements_are_added_and_removed_from_the_console(windows: Windows, qtbot: QtBot) -> None:
    console = controls(windows)
    state = state_of(windows)
    windows.console.show()
    windows.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)
    qtbot.mouseClick(console.add_button, Qt.MouseButton.LeftButton)
    assert len(state.elements) == 7 and console.elements.rowCount() == 7
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)  # the new element's name, ready to type
    editor.setText("Listening")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: state.elements[-1].name == "Listening")  # committed on the next turn
    qtbot.mouseClick(console.remove_button, Qt.MouseButton.LeftButton)
    assert [e.name for e in state.elements][-1] == "Catalysts"
    windows.workshop.stack.undo()
    assert state.elements[-1].name == "Listening"
    for _ in range(4):
        qtbot.mouseClick(console.remove_button, Qt.MouseButton.LeftButton)
    assert len(state.elements) == 3 and not console.remove_button.isEnabled()
