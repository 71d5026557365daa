"""The card sort in the console and on the projector, as a facilitator and a room use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build
from coprod_workshop.core.session import Session
from coprod_workshop.exercises.cards.board import DECK
from coprod_workshop.exercises.cards.commands import AddCard, FlagCard, PlaceCard
from coprod_workshop.exercises.cards.boardmodel import (
    FLAGGED_ROLE,
    ID_ROLE,
    MIME_TYPE,
    BoardActions,
    CardListModel,
    make_mime,
)
from coprod_workshop.exercises.cardsort.commands import ShowSummary
from coprod_workshop.exercises.cardsort.model import CardSort
from coprod_workshop.exercises.cardsort.views import CardSortConsole, CardSortPresenter
from coprod_workshop.paths import builtin_plans
from tests.boards import (
    activate,
    board,
    card_id,
    drop_on,
    open_in,
    session_around,
    settle,
    show,
)
from tests.helpers import contrast, unnamed_controls_in_tabs

ROOT = Path(__file__).resolve().parent.parent
ROOM_CARDS = [
    "Volunteer", "Grandad", "Artist", "Patient", "Expert by experience",
    "Neighbour of the year", "Runner", "Tenant", "Peer supporter", "Dad",
]  # fmt: skip


def card_sort_session(round_id: str = "labels-value") -> tuple[Session, str]:
    title = "The power of language… and of roles"
    return session_around("cardsort", title, CardSort.for_round(round_id))


def open_sort(windows: Windows, round_id: str = "labels-value") -> tuple[Session, str]:
    session, step_id = card_sort_session(round_id)
    open_in(windows, session)
    return session, step_id


def console(windows: Windows) -> CardSortConsole:
    controls = windows.console.body.step_panel.controls
    assert isinstance(controls, CardSortConsole)
    return controls


def presenter(windows: Windows) -> CardSortPresenter:
    view = windows.projector.frame.view
    assert isinstance(view, CardSortPresenter)
    return view


# -- the item model ---------------------------------------------------------------------------
def test_card_list_model_passes_the_model_tester(windows: Windows, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session, step_id = open_sort(windows)
    actions = BoardActions(session, step_id, windows.workshop.run)
    deck = CardListModel(actions, DECK, editable=True)
    pile = CardListModel(actions, "more-value")
    qtmodeltester.check(deck)
    qtmodeltester.check(pile)
    mum, client = card_id(session, step_id, "Mum"), card_id(session, step_id, "Client")
    for command in (
        PlaceCard(step_id, mum, "more-value"),
        PlaceCard(step_id, client, "more-value", 0),
        AddCard(step_id, "Grandad"),
        FlagCard(step_id, mum),
        PlaceCard(step_id, client, DECK, 3),
    ):
        windows.workshop.run(command)
        deck.sync()
        pile.sync()
        assert deck.ids() == board(session, step_id).ids_in(DECK)
        assert pile.ids() == board(session, step_id).ids_in("more-value")
    for _ in range(5):
        windows.workshop.stack.undo()
        deck.sync()
        pile.sync()
    assert deck.ids() == board(session, step_id).ids_in(DECK)
    assert pile.rowCount() == 0


def test_drop_through_the_model_moves_a_card_and_undoes(windows: Windows) -> None:
    session, step_id = open_sort(windows)
    actions = BoardActions(session, step_id, windows.workshop.run)
    deck = CardListModel(actions, DECK)
    pile = CardListModel(actions, "less-value")
    index = deck.index(deck.row_of(card_id(session, step_id, "Client")))
    data = deck.mimeData([index])
    assert data.formats() == [MIME_TYPE, "text/plain"]
    assert json.loads(bytes(data.data(MIME_TYPE).data()))["cards"] == [index.data(ID_ROLE)]
    assert data.text() == "Client"
    assert pile.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert pile.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert board(session, step_id).ids_in("less-value") == [index.data(ID_ROLE)]
    assert windows.workshop.stack.undoText() == "Move “Client” to “Holds less value”"
    windows.workshop.stack.undo()
    assert board(session, step_id).ids_in("less-value") == []
    foreign = make_mime("another-step", [board(session, step_id).card(index.data(ID_ROLE))])
    assert not pile.canDropMimeData(foreign, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert not pile.dropMimeData(QMimeData(), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    read_only = CardListModel(BoardActions(session, step_id, None), "less-value")
    assert not read_only.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())


def test_card_reads_aloud_with_its_marks_and_place_in_a_line(windows: Windows) -> None:
    session, step_id = open_sort(windows, "labels-line")
    run = windows.workshop.run
    mum, client = card_id(session, step_id, "Mum"), card_id(session, step_id, "Client")
    for card, index in ((client, 0), (mum, 0), (mum, 1), (mum, 0)):  # Mum: three moves
        run(PlaceCard(step_id, card, "value-line", index))
    run(FlagCard(step_id, mum))
    model = CardListModel(BoardActions(session, step_id, None), "value-line")
    read = [model.index(row).data(Qt.ItemDataRole.AccessibleTextRole) for row in range(2)]
    assert read == [
        "number 1, Mum, flagged for discussion, moved back and forth",
        "number 2, Client",
    ]
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled == Qt.ItemFlag.NoItemFlags


# -- drag and drop on the projected board ---------------------------------------------
def test_dropping_on_a_projected_pile_moves_the_card(windows: Windows, qtbot: QtBot) -> None:
    session, step_id = open_sort(windows)
    show(windows, qtbot)
    board_widget = presenter(windows).board
    deck, pile = board_widget.view(DECK), board_widget.view("more-value")
    mum = card_id(session, step_id, "Mum")
    data = deck.model().mimeData([deck.model().index(deck.model().row_of(mum))])
    panel = board_widget.panels["more-value"]
    drop = drop_on(pile, data, QPoint(20, 20))
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.MoveAction
    assert board(session, step_id).ids_in("more-value") == [mum]
    assert mum not in deck.model().ids() and pile.model().ids() == [mum]
    assert panel.property("dropTarget") is False  # the highlight went with the drag
    assert panel.title.text() == "1 · Holds more value (1)"
    # the console's board follows, and the console can undo the room's move
    assert console(windows).board.view("more-value").model().ids() == [mum]
    # a second card dropped before the first one goes first
    client = card_id(session, step_id, "Client")
    data = deck.model().mimeData([deck.model().index(deck.model().row_of(client))])
    first = pile.visualRect(pile.model().index(0))
    drop_on(pile, data, QPoint(first.left() + 2, first.center().y()))
    assert board(session, step_id).ids_in("more-value") == [client, mum]
    windows.workshop.stack.undo()
    windows.workshop.stack.undo()
    assert pile.model().rowCount() == 0 and mum in deck.model().ids()


def test_a_drag_from_elsewhere_is_refused(windows: Windows, qtbot: QtBot) -> None:
    open_sort(windows)
    show(windows, qtbot)
    pile = presenter(windows).board.view("less-value")
    data = QMimeData()
    data.setText("Mum")
    enter = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(pile.viewport(), enter)
    assert not enter.isAccepted()
    QApplication.sendEvent(pile.viewport(), QDragLeaveEvent())


# -- keyboard ---------------------------------------------------------------------------
def test_number_keys_sort_cards_and_the_selection_moves_on(windows: Windows, qtbot: QtBot) -> None:
    session, step_id = open_sort(windows)
    show(windows, qtbot, projector=False)
    activate(windows, qtbot)
    tools = console(windows)
    deck = tools.board.view(DECK)
    deck.setFocus()
    deck.select_row(0)
    first, second = board(session, step_id).ids_in(DECK)[:2]
    assert tools.board.current_card() == first
    qtbot.keyClick(deck, Qt.Key.Key_1)
    assert board(session, step_id).ids_in("more-value") == [first]
    assert tools.board.current_card() == second  # ready for the next card
    qtbot.keyClick(deck, Qt.Key.Key_2, Qt.KeyboardModifier.KeypadModifier)
    assert board(session, step_id).ids_in("less-value") == [second]
    qtbot.keyClick(deck, Qt.Key.Key_9)  # no pile 9: nothing happens
    assert len(board(session, step_id).ids_in(DECK)) == 13
    # arrows: Right at the end of a row of the deck goes on to pile 1
    pile = tools.board.view("more-value")
    deck.select_row(
        board(session, step_id).ids_in(DECK).index(board(session, step_id).ids_in(DECK)[-1])
    )
    qtbot.keyClick(deck, Qt.Key.Key_Down)
    qtbot.keyClick(deck, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is pile
    assert tools.board.current_card() == first
    assert not deck.selectionModel().hasSelection()  # one selected card on the board
    qtbot.keyClick(pile, Qt.Key.Key_Backspace)
    assert board(session, step_id).ids_in(DECK)[-1] == first
    assert session.current == 1  # arrows and Backspace never changed the step
    windows.workshop.stack.undo()
    assert board(session, step_id).ids_in("more-value") == [first]
    qtbot.keyClick(pile, Qt.Key.Key_PageDown)  # Page Down still moves the room on
    assert session.current == 2


def test_a_card_moved_from_a_pile_stays_selected_and_the_projector_shows_it(
    windows: Windows, qtbot: QtBot
) -> None:
    """Carer 2 -> 1 -> 2 moves Carer each time, never its neighbour."""
    session, step_id = open_sort(windows)
    show(windows, qtbot)
    activate(windows, qtbot)
    tools = console(windows)
    room = presenter(windows)
    carer, neighbour = board(session, step_id).ids_in(DECK)[:2]
    for card in (carer, neighbour):
        windows.workshop.run(PlaceCard(step_id, card, "less-value"))
    assert tools.board.select(carer)
    assert room.board.current_card() == carer  # the projector shows the selected card
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert board(session, step_id).ids_in("more-value") == [carer]
    assert tools.board.current_card() == carer  # still the same card...
    assert QApplication.focusWidget() is tools.board.view("more-value")  # ...where it went
    assert room.board.current_card() == carer
    selected = room.board.view("more-value").selectionModel().selectedIndexes()
    assert [index.data(ID_ROLE) for index in selected] == [carer]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert board(session, step_id).ids_in("less-value") == [neighbour, carer]
    assert board(session, step_id).ids_in("more-value") == []
    assert tools.board.current_card() == carer and room.board.current_card() == carer
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0)  # back to the deck, still selected
    assert board(session, step_id).ids_in(DECK)[-1] == carer
    assert tools.board.current_card() == carer


def test_ctrl_arrows_reorder_and_enter_edits_and_delete_removes(
    windows: Windows, qtbot: QtBot
) -> None:
    session, step_id = open_sort(windows)
    show(windows, qtbot, projector=False)
    activate(windows, qtbot)
    deck = console(windows).board.view(DECK)
    deck.setFocus()
    deck.select_row(0)
    first, second = board(session, step_id).ids_in(DECK)[:2]
    qtbot.keyClick(deck, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert board(session, step_id).ids_in(DECK)[:2] == [second, first]
    assert deck.current_card() == first
    qtbot.keyClick(deck, Qt.Key.Key_Return)
    assert deck.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.accessibleName() == "Card text"
    editor.selectAll()
    qtbot.keyClicks(editor, "Mother")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn
    qtbot.waitUntil(lambda: deck.state() != QAbstractItemView.State.EditingState)
    assert board(session, step_id).card(first).text == "Mother"
    assert windows.workshop.stack.undoText() == "Edit card “Mother”"
    qtbot.keyClick(deck, Qt.Key.Key_Delete)
    assert first not in board(session, step_id)
    windows.workshop.stack.undo()
    assert board(session, step_id).ids_in(DECK)[1] == first
    assert board(session, step_id).card(first).text == "Mother"


def test_projected_board_takes_the_keyboard_only_after_a_click(
    windows: Windows, qtbot: QtBot
) -> None:
    session, step_id = open_sort(windows)
    show(windows, qtbot)
    shown = presenter(windows)
    for view in shown.board.views():
        assert view.focusPolicy() == Qt.FocusPolicy.ClickFocus
    for view in console(windows).board.views():
        assert view.focusPolicy() == Qt.FocusPolicy.StrongFocus
    windows.projector.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.projector)
    qtbot.keyClick(windows.projector, Qt.Key.Key_Left)  # arrows still move between steps
    assert session.current == 0
    qtbot.keyClick(windows.projector, Qt.Key.Key_Right)
    shown = presenter(windows)
    deck = shown.board.view(DECK)
    mum = card_id(session, step_id, "Mum")
    rect = deck.visualRect(deck.model().index(deck.model().row_of(mum)))
    qtbot.mouseClick(deck.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert QApplication.focusWidget() is deck and shown.board.current_card() == mum
    qtbot.keyClick(deck, Qt.Key.Key_2)
    assert board(session, step_id).ids_in("less-value") == [mum]
    assert console(windows).board.view("less-value").model().ids() == [mum]


# -- the facilitator's tools -----------------------------------------------------------
def test_adding_a_card_from_the_room_shows_everywhere_and_undoes(
    windows: Windows, qtbot: QtBot
) -> None:
    session, step_id = open_sort(windows)
    show(windows, qtbot)
    tools = console(windows)
    qtbot.keyClicks(tools.card_tools.new_card, "  Expert by   experience ")
    qtbot.keyClick(tools.card_tools.new_card, Qt.Key.Key_Return)
    new = board(session, step_id).ids_in(DECK)[-1]
    assert board(session, step_id).card(new).text == "Expert by experience"
    assert tools.card_tools.new_card.text() == ""
    assert tools.board.current_card() == new
    assert presenter(windows).board.view(DECK).model().ids()[-1] == new
    assert windows.workshop.stack.undoText() == "Add card “Expert by experience”"
    windows.workshop.stack.undo()
    assert new not in presenter(windows).board.view(DECK).model().ids()
    windows.workshop.stack.redo()
    assert presenter(windows).board.view(DECK).model().ids()[-1] == new
    tools.card_tools.add_button.click()  # nothing typed: nothing added
    assert windows.workshop.stack.undoText() == "Add card “Expert by experience”"


def test_flag_remove_and_reveal_the_summary(windows: Windows, qtbot: QtBot) -> None:
    session, step_id = open_sort(windows)
    show(windows, qtbot)
    tools = console(windows)
    carer = card_id(session, step_id, "Carer")
    for place in ("more-value", "less-value", "more-value"):
        windows.workshop.run(PlaceCard(step_id, carer, place))
    tools.board.select(card_id(session, step_id, "Client"))
    flag = tools.card_tools.flag_button
    assert flag.isEnabled() and not flag.isChecked()
    flag.click()
    client_row = (
        presenter(windows).board.view(DECK).model().row_of(card_id(session, step_id, "Client"))
    )
    assert presenter(windows).board.view(DECK).model().index(client_row).data(FLAGGED_ROLE)
    assert flag.isChecked() and flag.text() == "Clear f&lag"
    tools.board.select(card_id(session, step_id, "Swimmer"))
    tools.card_tools.remove_button.click()
    assert "Swimmer" not in [c.text for c in board(session, step_id).cards()]
    tools.summary_button.click()
    shown = presenter(windows)
    assert shown.stack.currentWidget() is shown.summary
    summary = shown.summary
    assert "Carer (3 moves, now in “Holds more value”)" in summary.contested.text()
    assert summary.flagged.text() == "Client"
    widths = [bar.get_width() for bar in summary.chart.bars]
    assert widths == [1, 0, 0, 13]  # more value, less value, not sure, not sorted yet
    windows.workshop.run(PlaceCard(step_id, card_id(session, step_id, "Mum"), "less-value"))
    assert [bar.get_width() for bar in summary.chart.bars] == [1, 1, 0, 12]  # updated in place
    windows.workshop.stack.undo()
    windows.workshop.stack.undo()
    assert shown.stack.currentWidget() is shown.sorting
    assert not tools.summary_button.isChecked()


def test_the_summary_in_a_small_console_preview_is_drawn_whole(
    windows: Windows, qtbot: QtBot
) -> None:
    """At 1400x900, with the preview made small, the chart's names and the words fit."""
    from PySide6.QtWidgets import QSplitter

    session, step_id = open_sort(windows)
    for text in ("Carer", "Client"):
        for place in ("more-value", "less-value", "more-value"):
            windows.workshop.run(PlaceCard(step_id, card_id(session, step_id, text), place))
    windows.workshop.run(ShowSummary(step_id, True))
    show(windows, qtbot)
    windows.console.resize(1400, 900)
    windows.console.body.findChildren(QSplitter)[0].setSizes([200, 700])
    settle()
    preview = windows.console.body.preview.view
    assert isinstance(preview, CardSortPresenter) and preview.summary is not None
    summary = preview.summary
    assert summary.chart.px == summary.contested.font().pixelSize()  # the frame's text size
    summary.chart.draw()
    renderer = summary.chart.get_renderer()
    for label in summary.chart.axes.get_yticklabels():
        box = label.get_window_extent(renderer)
        assert box.x0 >= 0, label.get_text()  # the pile's name is not cut at the left
    for label in (summary.contested, summary.flagged):
        assert label.height() >= label.heightForWidth(label.width()), label.text()


def test_a_crowded_pile_in_the_console_scrolls_with_a_quiet_thumb(
    windows: Windows, qtbot: QtBot
) -> None:
    session, step_id = open_sort(windows)
    for card in board(session, step_id).ids_in(DECK):
        windows.workshop.run(PlaceCard(step_id, card, "less-value"))
    show(windows, qtbot)
    windows.console.resize(1400, 900)
    settle()
    pile = console(windows).board.view("less-value")
    bar = pile.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0
    image = bar.grab().toImage()
    darkest = min(
        image.pixelColor(x, y).lightness()
        for x in range(image.width())
        for y in range(image.height())
    )
    assert darkest > 80  # no solid black thumb


def test_moving_between_steps_rebuilds_the_views_cleanly(windows: Windows, qtbot: QtBot) -> None:
    session, step_id = open_sort(windows)
    show(windows, qtbot)
    windows.workshop.run(ShowSummary(step_id, True))
    for index in (0, 1, 2, 1):
        windows.workshop.go_to(index)
        QApplication.processEvents()
    shown = presenter(windows)
    assert shown.stack.currentWidget() is shown.summary
    assert shown.summary.chart.bars is not None
    windows.workshop.stack.undo()
    assert shown.stack.currentWidget() is shown.sorting


def test_rounds_prompt_and_pile_names_are_editable_and_undoable(
    windows: Windows, qtbot: QtBot
) -> None:
    session, step_id = open_sort(windows)
    show(windows, qtbot)
    tools = console(windows)
    field = tools.name_fields["less-value"]
    field.selectAll()
    qtbot.keyClicks(field, "Worth less")
    assert board(session, step_id).place_name("less-value") == "Worth less"
    assert presenter(windows).board.panels["less-value"].title.text() == "2 · Worth less (0)"
    windows.workshop.stack.undo()  # the typing is one undo step
    assert board(session, step_id).place_name("less-value") == "Holds less value"
    tools.prompt.selectAll()
    qtbot.keyClicks(tools.prompt, "Which labels matter?")
    assert presenter(windows).prompt.text() == "Which labels matter?"
    tools.round.setCurrentIndex(tools.round.findData("supporters-offer"))
    tools.start_round.click()
    assert len(board(session, step_id)) == 8
    assert list(presenter(windows).board.panels) == [DECK, "sees-offer", "does-not", "not-sure"]
    assert list(tools.name_fields) == [DECK, "sees-offer", "does-not", "not-sure"]
    windows.workshop.stack.undo()
    assert len(board(session, step_id)) == 15
    assert presenter(windows).prompt.text() == "Which labels matter?"


def test_save_and_reopen_keeps_places_order_history_and_flags(qtbot: QtBot, data_dir: Path) -> None:
    first = build(data_dir)
    qtbot.addWidget(first.console)
    session, step_id = open_sort(first)
    run = first.workshop.run
    run(AddCard(step_id, "Grandad"))
    grandad = board(session, step_id).ids_in(DECK)[-1]
    run(PlaceCard(step_id, grandad, "more-value"))
    run(PlaceCard(step_id, card_id(session, step_id, "Mum"), "more-value", 0))
    run(FlagCard(step_id, grandad))
    expected = board(session, step_id).to_doc()
    first.console.close()  # saves at once

    again = build(data_dir)
    qtbot.addWidget(again.console)
    assert again.workshop.open_saved(session.id)
    reopened = again.workshop.session
    assert board(reopened, step_id).to_doc() == expected
    assert board(reopened, step_id).ids_in("more-value") == [
        card_id(session, step_id, "Mum"),
        grandad,
    ]
    stored = json.loads((data_dir / "sessions" / f"{session.id}.json").read_text())
    cards = {c["text"]: c for c in stored["session"]["1"]["steps"][1]["state"]["board"]["cards"]}
    assert cards["Grandad"]["place"] == "more-value" and cards["Grandad"]["order"] == 1
    assert cards["Grandad"]["flagged"] and [m["to"] for m in cards["Grandad"]["history"]] == [
        "more-value"
    ]
    assert console(again).board.view("more-value").model().ids()[-1] == grandad
    again.console.close()


# -- legible from the back of the room -------------------------------------------------
def _with_33_cards(windows: Windows) -> tuple[Session, str]:
    session, step_id = open_sort(windows, "both")
    for text in ROOM_CARDS:
        windows.workshop.run(AddCard(step_id, text))
    assert len(board(session, step_id)) == 33
    return session, step_id


@pytest.mark.parametrize("where", [DECK, "shows-offer"])
def test_33_cards_stay_legible_on_the_projector(windows: Windows, qtbot: QtBot, where: str) -> None:
    session, step_id = _with_33_cards(windows)
    if where != DECK:
        for card in list(board(session, step_id).ids_in(DECK)):
            windows.workshop.run(PlaceCard(step_id, card, where, at="now"))
    windows.workshop.run(FlagCard(step_id, board(session, step_id).ids_in(where)[5]))
    show(windows, qtbot)
    QApplication.processEvents()
    shown = presenter(windows)
    roles = [w for w in shown.findChildren(QWidget) if w.property("role") and w.isVisible()]
    assert len(roles) >= 8
    for widget in roles:
        assert widget.font().pixelSize() >= 24, (widget.property("role"), widget.font().pixelSize())
    view = shown.board.view(where)
    assert view.text_px() >= 24
    assert {v.text_px() for v in shown.board.views()} == {view.text_px()}  # one size
    seen: set[str] = set()
    for _ in range(10):  # Page Down through the projected pages of the board
        QApplication.processEvents()
        viewport = view.viewport().rect()
        for row in range(view.model().rowCount()):
            if view.isRowHidden(row):
                continue  # on another page
            index = view.model().index(row)
            rect = view.visualRect(index)
            assert viewport.contains(rect), (index.data(), rect, viewport)  # whole, not clipped
            seen.add(index.data(ID_ROLE))
        assert view.hidden_counts() == (0, 0) and not shown.board.panels[where].more.isVisible()
        windows.workshop.step_by(1)
        if windows.workshop.session.current_step.id != step_id:
            break
    assert seen == set(board(session, step_id).ids_in(where))  # every card, on some page


def test_card_colours_reach_wcag_aa() -> None:
    from coprod_workshop.ui import theme

    pairs = [
        (theme.TEXT, theme.CARD),
        (theme.TEXT, theme.CARD_SELECTED),
        (theme.MUTED, theme.CARD),
        (theme.MUTED, theme.CARD_SELECTED),
        (theme.CARD_FLAGGED, theme.CARD),
        (theme.CARD_FLAGGED, theme.CARD_SELECTED),
        (theme.CARD_CONTESTED, theme.CARD),
        (theme.CARD_CONTESTED, theme.CARD_SELECTED),
        (theme.TITLE, theme.CARD_PLACE),
        (theme.TITLE, theme.CARD_DECK),
        (theme.TITLE, theme.CARD_DROP),
        (theme.MUTED, theme.CARD_PLACE),
        (theme.MUTED, theme.CARD_DECK),
        (theme.TEXT, theme.PROMPT_BACKGROUND),
    ]
    for foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, (foreground, background)
    # card edges stand out from the place behind them (non-text contrast, 3:1)
    assert contrast(theme.CARD_BORDER, theme.CARD_PLACE) >= 3
    assert contrast(theme.CARD_BORDER, theme.CARD_DECK) >= 3


def test_every_card_sort_control_has_an_accessible_name(windows: Windows, qtbot: QtBot) -> None:
    open_sort(windows)
    show(windows, qtbot)
    assert unnamed_controls_in_tabs(console(windows).tabs) == []
    names = [view.accessibleName() for view in presenter(windows).board.views()]
    assert names[1] == "Holds more value: 0 cards; key 1 puts the selected card here"


def test_matplotlib_is_imported_only_when_the_summary_is_shown(tmp_path: Path) -> None:
    script = """
import sys
from coprod_workshop.app import build, make_application
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.cardsort.commands import ShowSummary
from coprod_workshop.exercises.cardsort.model import CardSort

make_application(["check"])
windows = build(None)
step = Step("cardsort", "Roles and labels", 20, CardSort.for_round("labels-value"))
step_id = step.id
windows.workshop.open(Session("Lazy", [step]))
windows.projector.show()
assert "matplotlib" not in sys.modules, "matplotlib imported before the summary"
windows.workshop.run(ShowSummary(step_id, True))
assert "matplotlib" in sys.modules
print("lazy ok")
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COPROD_WORKSHOP_DATA": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "lazy ok" in result.stdout


@pytest.mark.parametrize("plan", [p.stem for p in builtin_plans()])
def test_every_card_sort_step_names_its_source_on_the_projector(
    windows: Windows, qtbot: QtBot, plan: str
) -> None:
    """Board and summary alike: the room reads who the cards come from."""
    from coprod_workshop.storage.library import BUILTIN

    path = next(p for p in builtin_plans() if p.stem == plan)
    assert windows.workshop.start_from_template(BUILTIN + path.name)
    session = windows.workshop.session
    show(windows, qtbot)
    sorts = [i for i, step in enumerate(session.steps) if step.kind == "cardsort"]
    for index in sorts:
        windows.workshop.go_to(index)
        settle()
        for summary in (False, True):
            windows.workshop.run(ShowSummary(session.steps[index].id, summary))
            settle()
            shown = presenter(windows)
            assert shown.stack.currentWidget() is (shown.summary if summary else shown.sorting)
            credit = shown.summary.credit if summary and shown.summary else shown.credit
            assert credit.isVisible(), session.steps[index].title
            assert credit.text().startswith("Source: Lawrence Clark, Getting to the heart")
            assert "lawrenceclark.co.uk" in credit.text()
            frame = windows.projector.frame
            corner = credit.mapTo(frame, QPoint(credit.width(), credit.height()))
            assert frame.rect().contains(corner), "the credit is off the screen"
            assert credit.height() >= credit.heightForWidth(credit.width()), "cut short"
