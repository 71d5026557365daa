"""The ladder vote on the projector and in the console, as a room and a facilitator use it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coprod_workshop.ui.focus import keyboard_in
from coprod_workshop.app import Windows, build
from tests.boards import projected_text_sizes, settle
from tests.helpers import open_on
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.info.model import InfoSlide
from coprod_workshop.exercises.ladder.commands import CastVote, OpenRound, SetResults
from coprod_workshop.exercises.ladder.model import LadderStep
from coprod_workshop.exercises.ladder.presenter import LadderPresenter


def ladder_session() -> Session:
    return Session(
        "Carers' forum",
        [
            Step("info", "Welcome", 5, InfoSlide(("Tea at eleven",))),
            Step("ladder", "Where are we on the ladder?", 20, LadderStep()),
        ],
        start_time="10:00",
    )


@pytest.fixture
def windows(windows: Windows) -> Windows:
    return open_on(windows, ladder_session(), 1)


def step_of(windows: Windows) -> Step:
    return windows.workshop.session.steps[1]


def presenter(windows: Windows) -> LadderPresenter:
    view = windows.projector.frame.view
    assert isinstance(view, LadderPresenter)
    return view


def open_first_round(windows: Windows) -> str:
    step = step_of(windows)
    round_id = step.state.rounds[0].id
    windows.workshop.run(OpenRound(step.id, round_id))
    return round_id


def visible_texts(widget: QWidget) -> list[str]:
    return [
        w.text()
        for w in widget.findChildren(QWidget)
        if isinstance(w, QLabel | QPushButton) and w.isVisibleTo(widget) and w.text()
    ]


def test_a_tap_on_a_rung_votes_then_thanks_without_showing_the_tally(
    windows: Windows, qtbot: QtBot
) -> None:
    open_first_round(windows)
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    view = presenter(windows)
    button = view.ladder.button(3)
    assert button.accessibleName() == "Rung 4: Consultation"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert step_of(windows).state.rounds[0].tally() == (0, 0, 0, 1, 0, 0, 0)
    assert view.thanking
    shown = " ".join(visible_texts(view))
    assert "Thank you — your vote is in." in shown and "Next person" in shown
    assert "Consultation" not in shown  # nothing says how anyone voted...
    assert "1 vote so far" in shown  # ...but the room sees that the vote went in
    assert view.chart is None
    # A second tap while the thank-you shows only clears the screen for the next person.
    qtbot.mouseClick(view.thanks, Qt.MouseButton.LeftButton)
    assert not view.thanking
    assert step_of(windows).state.rounds[0].count == 1
    qtbot.mouseClick(view.ladder.button(6), Qt.MouseButton.LeftButton)
    assert view.thanking
    qtbot.waitUntil(lambda: not view.thanking, timeout=4000)  # clears itself after ~2 s
    assert step_of(windows).state.rounds[0].tally()[6] == 1


def test_the_next_person_button_and_keys_clear_the_thank_you(
    windows: Windows, qtbot: QtBot
) -> None:
    open_first_round(windows)
    view = presenter(windows)
    view.vote(0)
    assert view.thanking
    qtbot.mouseClick(view.thanks.next_button, Qt.MouseButton.LeftButton)
    assert not view.thanking
    view.vote(1)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # any other key clears it too
    assert not view.thanking
    assert step_of(windows).state.rounds[0].count == 2


def test_keys_one_to_seven_vote_on_the_projector(windows: Windows, qtbot: QtBot) -> None:
    open_first_round(windows)
    windows.projector.show()
    windows.projector.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.projector)
    view = presenter(windows)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_5)
    assert step_of(windows).state.rounds[0].tally()[4] == 1
    assert view.thanking
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_7)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.KeypadModifier)
    assert step_of(windows).state.rounds[0].tally() == (1, 0, 0, 0, 1, 0, 1)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_9)  # no ninth rung
    qtbot.keyClick(view, Qt.Key.Key_8)
    assert step_of(windows).state.rounds[0].count == 3
    # The keys vote wherever the projector's focus is, e.g. after a click on "Next person".
    view.thanks.next_button.setFocus()
    qtbot.keyClick(view.thanks.next_button, Qt.Key.Key_2)
    assert step_of(windows).state.rounds[0].tally()[1] == 1


def test_nothing_votes_until_a_round_opens(windows: Windows, qtbot: QtBot) -> None:
    view = presenter(windows)
    assert not view.ladder.button(0).isEnabled()
    assert "Voting opens soon" in view.hint.text()
    qtbot.keyClick(view, Qt.Key.Key_2)
    view.vote(1)
    assert step_of(windows).state.vote_count == 0
    assert not view.thanking


def test_the_room_can_vote_on_the_console_preview_too(windows: Windows, qtbot: QtBot) -> None:
    open_first_round(windows)
    windows.console.resize(1600, 1000)
    windows.console.show()
    qtbot.waitExposed(windows.console)
    preview = windows.console.body.preview.view
    assert isinstance(preview, LadderPresenter)
    qtbot.mouseClick(preview.ladder.button(5), Qt.MouseButton.LeftButton)
    assert step_of(windows).state.rounds[0].tally()[5] == 1
    assert preview.thanking and presenter(windows).thanking  # both screens thank the voter


def test_hand_counts_by_plus_minus_and_typing_are_one_undo_step(
    windows: Windows, qtbot: QtBot
) -> None:
    round_id = open_first_round(windows)
    controls = windows.console.body.step_panel.controls
    vote_round = step_of(windows).state.round(round_id)
    spin = controls.hands[2]
    assert spin.accessibleName() == "Hands for rung 3: Informing"
    fewer, more = controls.hand_steps[2]
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert vote_round.hand_count(2) == 2
    spin.selectAll()
    qtbot.keyClicks(spin, "12")
    assert vote_round.hand_count(2) == 12 and spin.value() == 12
    qtbot.mouseClick(fewer, Qt.MouseButton.LeftButton)
    assert vote_round.tally()[2] == 11
    assert "11 votes (11 by show of hands)" in controls.count.text()
    # The facilitator's own counts, but no distribution of the room's votes.
    assert not any(total.isVisibleTo(controls) for total in controls.totals)
    windows.workshop.stack.undo()
    assert vote_round.hand_count(2) == 0 and spin.value() == 0
    windows.workshop.stack.redo()
    assert spin.value() == 11


def test_results_stay_hidden_until_revealed_then_bars_update_in_place(
    windows: Windows, qtbot: QtBot
) -> None:
    open_first_round(windows)
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    view = presenter(windows)
    for rung in (3, 3, 4):
        view.next_person()
        view.vote(rung)
    assert view.chart is None and not view.legend.isVisible()
    controls = windows.console.body.step_panel.controls
    qtbot.mouseClick(controls.result_buttons["revealed"], Qt.MouseButton.LeftButton)
    assert step_of(windows).state.results == "revealed"
    chart = view.chart
    assert chart is not None and view._results.isVisible()
    bar = chart.bars[0][3]
    assert bar.get_width() == 2 and chart.bars[0][4].get_width() == 1
    assert "(3&nbsp;votes)" in view.legend.text()
    assert [t.text() for t in controls.totals if t.isVisibleTo(controls)][3] == "= 2 in all"
    view.next_person()
    view.vote(3)
    qtbot.waitUntil(lambda: bar.get_width() == 3)  # votes redraw once per turn of the loop
    assert chart.bars[0][3] is bar  # the same artist, updated in place
    view.next_person()
    qtbot.waitUntil(lambda: chart.draws > 0)
    settle()
    for rung in range(7):  # the bars stand level with their rung
        qtbot.waitUntil(lambda r=rung: abs(_bar_centre(view, r) - _rung_centre(view, r)) < 1.5)
    qtbot.mouseClick(controls.result_buttons["hidden"], Qt.MouseButton.LeftButton)
    assert not view._results.isVisible()
    windows.workshop.stack.undo()  # reveal again
    assert view._results.isVisible()


def _bar_centre(view: LadderPresenter, rung: int) -> float:
    """Vertical centre of the bars of ``rung``, in the canvas's pixels from the top."""
    chart = view.chart
    bars = [row[rung] for row in chart.bars]
    top = min(b.get_y() for b in bars)
    bottom = max(b.get_y() + b.get_height() for b in bars)
    return (top + bottom) / 2


def _rung_centre(view: LadderPresenter, rung: int) -> float:
    from PySide6.QtCore import QPoint

    button = view.ladder.button(rung)
    origin = view.chart.canvas.mapTo(view, QPoint(0, 0)).y()
    return button.mapTo(view, QPoint(0, 0)).y() - origin + button.height() / 2


def test_live_results_show_while_voting_but_never_on_the_thank_you(
    windows: Windows, qtbot: QtBot
) -> None:
    step = step_of(windows)
    open_first_round(windows)
    windows.workshop.run(SetResults(step.id, "live"))
    windows.projector.show()
    view = presenter(windows)
    assert view._results.isVisibleTo(view)
    view.vote(2)
    assert view.thanking and not view._results.isVisibleTo(view)
    qtbot.waitUntil(lambda: view.chart.bars[0][2].get_width() == 1)


def test_undo_takes_back_a_vote_and_reopening_a_round_keeps_its_votes(
    windows: Windows, qtbot: QtBot
) -> None:
    round_id = open_first_round(windows)
    view = presenter(windows)
    view.vote(1)
    view.next_person()
    view.vote(2)
    vote_round = step_of(windows).state.round(round_id)
    assert windows.workshop.stack.undoText() == "Vote for Informing (round 1)"
    windows.workshop.stack.undo()
    assert vote_round.tally() == (0, 1, 0, 0, 0, 0, 0)
    controls = windows.console.body.step_panel.controls
    qtbot.mouseClick(controls.close_button, Qt.MouseButton.LeftButton)
    assert not view.ladder.button(0).isEnabled() and "closed" in view.hint.text()
    assert controls.open_button.text() == "Re&open"
    qtbot.mouseClick(controls.open_button, Qt.MouseButton.LeftButton)
    assert vote_round.is_open and vote_round.count == 1
    qtbot.mouseClick(controls.clear_button, Qt.MouseButton.LeftButton)
    assert vote_round.count == 0
    windows.workshop.stack.undo()
    assert vote_round.count == 1


def test_rounds_can_be_reworded_added_and_opened_from_the_console(
    windows: Windows, qtbot: QtBot
) -> None:
    controls = windows.console.body.step_panel.controls
    step = step_of(windows)
    controls.question.clear()
    qtbot.keyClicks(controls.question, "Where are we today?")
    assert step.state.rounds[0].question == "Where are we today?"
    assert presenter(windows).question.text() == "Where are we today?"
    windows.workshop.stack.undo()  # one undo step for the whole edit
    assert step.state.rounds[0].question == "Where is our service on the ladder now?"
    qtbot.mouseClick(controls.add_button, Qt.MouseButton.LeftButton)
    assert len(step.state.rounds) == 3
    assert controls.rounds.currentRow() == 2
    qtbot.mouseClick(controls.open_button, Qt.MouseButton.LeftButton)
    assert step.state.rounds[2].is_open
    assert "Round 3 of 3" in presenter(windows).hint.text()


def test_another_ladder_can_be_chosen_before_any_votes(windows: Windows, qtbot: QtBot) -> None:
    controls = windows.console.body.step_panel.controls
    controls.ladder_choice.setCurrentIndex(controls.ladder_choice.findData("arnstein"))
    controls.ladder_choice.activated.emit(controls.ladder_choice.currentIndex())
    settle()
    view = presenter(windows)
    assert len(view.ladder.buttons) == 8
    assert view.ladder.button(7).accessibleName() == "Rung 8: Citizen control"
    assert "Arnstein" in view.credit.text()
    assert len(controls.hands) == 8
    open_first_round(windows)
    windows.projector.show()
    windows.projector.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.projector)
    qtbot.keyClick(view, Qt.Key.Key_8)
    assert step_of(windows).state.rounds[0].tally()[7] == 1
    qtbot.waitUntil(lambda: not controls.ladder_choice.isEnabled())  # votes name its rungs


def test_votes_rounds_and_reveal_are_saved_and_reopened(
    windows: Windows, qtbot: QtBot, data_dir: Path
) -> None:
    step = step_of(windows)
    open_first_round(windows)
    windows.workshop.run(CastVote(step.id, 4))
    windows.workshop.run(CastVote(step.id, 5, participant="phone:1", source="phone"))
    windows.workshop.run(SetResults(step.id, "revealed"))
    session_id = windows.workshop.session.id
    before = step.state.to_doc()
    windows.console.close()  # saves at once

    again = build(data_dir)
    qtbot.addWidget(again.console)
    qtbot.addWidget(again.projector)
    assert again.workshop.open_saved(session_id)
    state = again.workshop.session.steps[1].state
    assert state.to_doc() == before
    assert state.rounds[0].is_open and state.results == "revealed"
    view = again.projector.frame.view
    assert isinstance(view, LadderPresenter) and view.chart is not None
    assert view.chart.bars[0][4].get_width() == 1
    again.console.close()


def test_projector_text_is_large_enough_hidden_revealed_and_thanking(
    windows: Windows, qtbot: QtBot
) -> None:
    step = step_of(windows)
    open_first_round(windows)
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    view = presenter(windows)

    def check() -> None:
        sizes = projected_text_sizes(windows.projector)
        assert len(sizes) >= 6 and min(size for _, size in sizes) >= 24, sizes

    check()
    windows.workshop.run(SetResults(step.id, "revealed"))
    check()
    assert view.chart.text_size >= 24
    view.vote(0)
    check()


def test_new_colours_reach_wcag_aa() -> None:
    from coprod_workshop.ui import theme
    from tests.helpers import contrast

    for band in theme.BAND_COLOURS:
        for text in (theme.TEXT, theme.TITLE, theme.MUTED):
            assert contrast(text, band) >= 4.5, (text, band)
    assert contrast(theme.ON_DARK, theme.TITLE) >= 4.5
    assert contrast(theme.TEXT, theme.RUNG_PRESSED) >= 4.5
    for colour in theme.ROUND_COLOURS:  # bars: 3:1 is the bar for graphics; keep text-grade
        for background in (theme.BACKGROUND, *theme.BAND_COLOURS):
            assert contrast(colour, background) >= 4.5, (colour, background)


def test_in_the_console_keys_vote_unless_a_text_field_has_the_keyboard(
    windows: Windows, qtbot: QtBot
) -> None:
    """Passing the laptop round: the number keys vote on the console too, visibly."""
    open_first_round(windows)
    windows.console.show()
    windows.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)
    preview = windows.console.body.preview.view
    controls = windows.console.body.step_panel.controls
    controls.open_button.setFocus()  # a button, the rounds list, the agenda: no text field
    qtbot.keyClick(controls.open_button, Qt.Key.Key_1)
    controls.rounds.setFocus()
    qtbot.keyClick(controls.rounds, Qt.Key.Key_2)
    agenda = windows.console.body.agenda
    agenda.setFocus()
    qtbot.keyClick(agenda, Qt.Key.Key_2)
    assert step_of(windows).state.rounds[0].tally()[:2] == (1, 2)
    assert preview.counter.text() == "3 votes so far" and preview.thanking
    settle()
    assert "3 votes" in controls.count.text()
    # Typing into a text field stays typing.
    controls.question.setFocus()
    qtbot.keyClick(controls.question, Qt.Key.Key_4)
    assert step_of(windows).state.rounds[0].count == 3
    assert controls.question.text().endswith("4")
    notes = windows.console.body.step_panel.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "7 ideas")
    assert step_of(windows).state.rounds[0].count == 3
    # Clicking the preview still gives it the keys, and Space and arrows still move on.
    drawn = windows.console.body.preview_view  # the preview draws the projector's picture
    point = drawn.point_of(preview.ladder.button(0))
    qtbot.mouseClick(drawn.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert step_of(windows).state.rounds[0].tally()[0] == 1
    assert QApplication.focusWidget() is drawn and keyboard_in(preview)
    qtbot.keyClick(drawn, Qt.Key.Key_Escape)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert windows.workshop.session.current == 1  # (the last step: nowhere to go)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert windows.workshop.session.current == 0


def test_a_new_or_reopened_round_starts_hidden_whatever_round_one_revealed(
    windows: Windows, qtbot: QtBot
) -> None:
    step = step_of(windows)
    first, second = (r.id for r in step.state.rounds)
    windows.workshop.run(OpenRound(step.id, first))
    view = presenter(windows)
    for rung in (2, 3):
        view.vote(rung)
    windows.workshop.run(SetResults(step.id, "revealed"))
    assert view._results.isVisibleTo(view)
    windows.workshop.run(OpenRound(step.id, second))
    assert step.state.results == "hidden"
    assert not view._results.isVisibleTo(view) and not view.legend.isVisibleTo(view)
    view.vote(5)
    settle()
    assert view.chart is None or not view._results.isVisibleTo(view)  # no bars move
    controls = windows.console.body.step_panel.controls
    assert controls.result_buttons["hidden"].isChecked()
    windows.workshop.stack.undo()  # the vote
    windows.workshop.stack.undo()  # opening round 2: round 1's reveal comes back
    assert step.state.results == "revealed"
    windows.workshop.run(SetResults(step.id, "revealed"))
    windows.workshop.run(OpenRound(step.id, first))  # reopening hides it too
    assert step.state.results == "hidden"
    # Results shown live are how the facilitator runs the step: they stay live.
    windows.workshop.run(SetResults(step.id, "live"))
    windows.workshop.run(OpenRound(step.id, second))
    assert step.state.results == "live"


def test_votes_handed_over_from_another_thread_are_counted_once(
    windows: Windows, qtbot: QtBot
) -> None:
    import threading

    from coprod_workshop.participation.inbox import IncomingVote, VoteInbox
    from coprod_workshop.voting.server import VoteReceipt

    step = step_of(windows)
    inbox = VoteInbox(windows.workshop.session, windows.workshop.run)
    replies: list[str] = []

    def reply(receipt: VoteReceipt) -> None:
        replies.append(receipt.outcome)

    inbox.deliver([IncomingVote(step.id, 1, "phone:early", "r0", reply=reply)])
    qtbot.waitUntil(lambda: replies == ["closed"])  # no round open yet
    open_first_round(windows)
    depth = windows.workshop.stack.count()

    def server() -> None:
        for start in range(0, 60, 20):
            inbox.deliver(
                IncomingVote(step.id, n % 7, f"phone:{n}", f"r{n}", reply=reply)
                for n in range(start, start + 20)
            )
        # a phone retrying after a dropped connection, and a vote for a step that is gone
        inbox.deliver([IncomingVote(step.id, 6, "phone:0", "r0", reply=reply)])
        inbox.deliver([IncomingVote("gone", 0, "phone:x", "rx", reply=reply)])

    worker = threading.Thread(target=server)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(replies) == 63)
    assert replies.count("counted") == 60 and "duplicate" in replies and "stale" in replies
    vote_round = step.state.rounds[0]
    assert vote_round.count == 60 and vote_round.tally() == (9, 9, 9, 9, 8, 8, 8)
    assert vote_round.votes["phone:0"].choice == 0  # the retry changed nothing
    assert windows.workshop.stack.count() == depth + 60  # each counted vote can be undone
    assert inbox.pending == 0
    inbox.stop()


def test_ctrl_z_after_an_accidental_reset_brings_the_time_back_not_the_hidden_results(
    windows: Windows, qtbot: QtBot
) -> None:
    """Reset is an undo step of its own: Ctrl+Z never reaches past it to the reveal."""
    open_first_round(windows)
    controls = windows.console.body.step_panel.controls
    qtbot.mouseClick(controls.result_buttons["revealed"], Qt.MouseButton.LeftButton)
    timer = windows.workshop.timer
    timer.restore(7 * 60)  # seven minutes into the discussion
    bar = windows.console.menus.timer_bar
    qtbot.mouseClick(bar.reset, Qt.MouseButton.LeftButton)
    assert timer.elapsed() == 0
    windows.console.menus.undo_action.trigger()
    assert step_of(windows).state.results == "revealed"  # the room still sees the results
    assert timer.elapsed() >= 7 * 60  # and the time spent is back
    windows.console.menus.reset_timer_action.trigger()
    assert timer.elapsed() == 0
    windows.console.menus.undo_action.trigger()
    assert timer.elapsed() >= 7 * 60 and step_of(windows).state.results == "revealed"


def test_a_round_not_yet_opened_shows_no_reveal_and_no_results_shown(
    windows: Windows, qtbot: QtBot
) -> None:
    open_first_round(windows)
    controls = windows.console.body.step_panel.controls
    qtbot.mouseClick(controls.result_buttons["revealed"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(controls.add_button, Qt.MouseButton.LeftButton)  # round 2, not started
    settle()
    assert controls.selected_round().status == "not-started"
    assert not any(b.isChecked() for b in controls.result_buttons.values())
    assert "Results shown to the room" not in controls.count.text()
    assert "not started" in controls.count.text()
    controls.rounds.setCurrentRow(0)  # back to the round the room is discussing
    settle()
    assert controls.result_buttons["revealed"].isChecked()
    assert "Results shown to the room" in controls.count.text()


def test_the_number_keys_can_be_kept_from_voting_anywhere_in_the_console(
    windows: Windows, qtbot: QtBot, data_dir: Path
) -> None:
    """WCAG 2.1.4: the single-key shortcuts that vote can be turned off in the console;
    on the projector they always vote."""
    from coprod_workshop.ui.details import app_settings
    from coprod_workshop.ui.workshop import KEYS_ANYWHERE

    open_first_round(windows)
    console, menus = windows.console, windows.console.menus
    console.show()
    console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is console)
    agenda = console.body.agenda.table
    agenda.setFocus()
    assert menus.number_keys_action.isChecked()  # as issue 11 designed it: on
    qtbot.keyClick(agenda, Qt.Key.Key_3)
    assert step_of(windows).state.rounds[0].count == 1
    menus.number_keys_action.trigger()  # View → Number keys vote anywhere: off
    assert not windows.workshop.number_keys_anywhere
    assert app_settings(data_dir).value(KEYS_ANYWHERE, type=bool) is False  # kept
    preview = console.body.preview.view
    if preview.thanking:
        preview.next_person()
    agenda.setFocus()
    qtbot.keyClick(agenda, Qt.Key.Key_4)
    assert step_of(windows).state.rounds[0].count == 1  # the agenda's 4 cast nothing
    windows.projector.show()
    windows.projector.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.projector)
    view = presenter(windows)
    if view.thanking:
        view.next_person()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_5)
    assert step_of(windows).state.rounds[0].count == 2  # the projector still votes
