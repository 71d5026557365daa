"""The Bovaird matrix in the console and on the projector, as a facilitator and a room use it."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build
from coprod_workshop.core.session import Session
from coprod_workshop.exercises.cards.board import AGREES, DECK, DIFFERS, UNPLACED, Card
from coprod_workshop.exercises.cards.commands import AddCard, PlaceCard
from coprod_workshop.exercises.cards.placeview import PlaceView
from coprod_workshop.exercises.cards.boardmodel import (
    ID_ROLE,
    SUGGESTION_ROLE,
    BoardActions,
    CardListModel,
)
from coprod_workshop.exercises.matrix.commands import AddSpareCards, RevealSuggestions
from coprod_workshop.exercises.matrix.console import MatrixConsole
from coprod_workshop.exercises.matrix.model import (
    CELL_IDS,
    KEYPAD,
    MIDDLE,
    BovairdMatrix,
    content,
    spare_cards,
)
from coprod_workshop.exercises.matrix.views import MatrixPresenter, about
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
from tests.helpers import contrast, shots_folder, unnamed_controls_in_tabs

#: where the room puts 25 cards in the legibility test: five in the middle, up to three elsewhere
PLACED = {
    "Service user consultation": "D1P1", "Outpatient clinic": "D1P1",
    "Council consultation survey": "D1P1", "People who use services on boards": "D1P2",
    "Participatory budgeting": "D1P2", "Personal budgets": "D1P3",
    "Timebank in a service": "D2P1", "Physio home exercises": "D2P1",
    "Household recycling": "D2P1", "KeyRing network": "D3P2", "Caledonia home help": "D2P2",
    "Recovery college course": "D2P2", "Peer support workers": "D2P2",
    "FAST school programme": "D2P2", "Time Dollar Youth Court": "D2P2",
    "Residents' health walks": "D2P3", "Expert patients course": "D3P1",
    "Neighbourhood watch": "D3P1", "Community-run library": "D3P2",
    "Learning to Lead": "D3P2", "Members' timebank": "D3P3", "Mutual-aid group": "D3P3",
    "Carers' café run by volunteers": "D3P3",
}  # fmt: skip


def matrix_session() -> tuple[Session, str]:
    """A matrix with every ready-made card: the nine dealt, and the app's everyday examples."""
    state = BovairdMatrix()
    for card in spare_cards(state.board):
        state.board.add_card(card)
    return session_around("matrix", "Who plans, who delivers?", state)


def open_matrix(windows: Windows) -> tuple[Session, str]:
    session, step_id = matrix_session()
    open_in(windows, session)
    return session, step_id


def console(windows: Windows) -> MatrixConsole:
    controls = windows.console.body.step_panel.controls
    assert isinstance(controls, MatrixConsole)
    return controls


def presenter(windows: Windows) -> MatrixPresenter:
    view = windows.projector.frame.view
    assert isinstance(view, MatrixPresenter)
    return view


def place_25(windows: Windows, session: Session, step_id: str) -> None:
    windows.workshop.run(AddCard(step_id, "Carers' café run by volunteers"))
    windows.workshop.run(AddCard(step_id, "GP practice patient group"))
    for text, cell in PLACED.items():
        windows.workshop.run(PlaceCard(step_id, card_id(session, step_id, text), cell))
    assert len(board(session, step_id)) == 25


def drag_data(view: PlaceView, card: str) -> QMimeData:
    model = view.model()
    return model.mimeData([model.index(model.row_of(card))])


# -- what the room sees ---------------------------------------------------------------------
def test_projector_shows_axes_cell_names_keypad_numbers_and_the_marked_middle(
    windows: Windows, qtbot: QtBot
) -> None:
    open_matrix(windows)
    show(windows, qtbot)
    shown = presenter(windows)
    names = {cell.id: cell.name for cell in content().cells}
    for number, cell in KEYPAD.items():
        panel = shown.board.panels[cell]
        assert panel.key is not None and panel.key.text() == str(number)
        if cell != DECK:  # a short name on the board; the whole name in its tooltip...
            assert content().short_names[cell] in panel.title.text()
            assert panel.title.toolTip() == names[cell]
            assert panel.title.accessibleName().startswith(names[cell])
            assert f"<b>{number}</b>&nbsp;{html.escape(names[cell])}" in shown.legend.text()
            assert panel.title.height() >= panel.title.heightForWidth(panel.title.width())
            assert panel.view.accessibleName().endswith(f"key {number} puts the selected card here")
    middle = shown.board.panels[MIDDLE]
    assert middle.property("marked") is True and middle.title.text().startswith("★ Full co-")
    assert shown.legend.isVisible()  # ...and in the legend under the board
    assert not any(p.property("marked") for c, p in shown.board.panels.items() if c != MIDDLE)
    labels = [w.text() for w in shown.findChildren(QLabel) if w.isVisible()]
    assert "Who plans the service? →\nWho delivers it? ↓" in labels
    for level in (*content().plans.levels, *content().delivers.levels):
        assert level.name in labels
    assert shown.title.text() == "Who plans, who delivers?"
    assert shown.detail.text() == content().prompt
    # D1 is the top row and P1 the left column, and key 7 is the top left
    top_left, bottom_right = shown.board.panels["D1P1"], shown.board.panels["D3P3"]
    assert top_left.y() < bottom_right.y() and top_left.x() < bottom_right.x()
    assert shown.board.panels["D1P1"].key.text() == "7"


# -- drag and drop ------------------------------------------------------------------------------
def test_dropping_on_cells_moves_cards_between_cells_and_back(
    windows: Windows, qtbot: QtBot
) -> None:
    session, step_id = open_matrix(windows)
    show(windows, qtbot)
    grid = presenter(windows).board
    deck, middle, corner = grid.view(DECK), grid.view(MIDDLE), grid.view("D3P3")
    keyring = card_id(session, step_id, "KeyRing network")
    drop = drop_on(middle, drag_data(deck, keyring), QPoint(20, 20))
    assert drop.isAccepted() and board(session, step_id).ids_in(MIDDLE) == [keyring]
    assert grid.panels[MIDDLE].property("dropTarget") is False
    assert grid.panels[MIDDLE].title.text().endswith("(1)")
    assert console(windows).board.view(MIDDLE).model().ids() == [keyring]  # the console follows
    drop_on(corner, drag_data(middle, keyring), QPoint(10, 10))  # between cells
    assert board(session, step_id).ids_in("D3P3") == [keyring]
    assert [m.target for m in board(session, step_id).history(keyring)] == [MIDDLE, "D3P3"]
    drop_on(deck, drag_data(corner, keyring), QPoint(5, 5))  # and back to the deck, at its top
    assert board(session, step_id).ids_in(DECK)[0] == keyring
    stack = windows.workshop.stack
    assert stack.undoText() == "Return “KeyRing network” to the cards to sort"
    stack.undo()
    assert board(session, step_id).ids_in("D3P3") == [keyring]
    stack.undo()
    stack.undo()
    assert board(session, step_id).ids_in(MIDDLE) == [] and keyring in deck.model().ids()
    stack.redo()
    assert middle.model().ids() == [keyring]


# -- keyboard -----------------------------------------------------------------------------------
def test_number_keys_place_cards_as_on_a_numeric_keypad(windows: Windows, qtbot: QtBot) -> None:
    session, step_id = open_matrix(windows)
    show(windows, qtbot, projector=False)
    activate(windows, qtbot)
    tools = console(windows)
    deck = tools.board.view(DECK)
    deck.setFocus()
    deck.select_row(0)
    first, second, third = board(session, step_id).ids_in(DECK)[:3]
    qtbot.keyClick(deck, Qt.Key.Key_7)
    assert board(session, step_id).ids_in("D1P1") == [first]  # 7: top left
    assert tools.board.current_card() == second  # ready for the next card
    qtbot.keyClick(deck, Qt.Key.Key_5, Qt.KeyboardModifier.KeypadModifier)
    assert board(session, step_id).ids_in(MIDDLE) == [second]
    qtbot.keyClick(deck, Qt.Key.Key_3)
    assert board(session, step_id).ids_in("D3P3") == [third]  # 3: bottom right
    cell = tools.board.view("D3P3")
    tools.board.select(third)
    qtbot.keyClick(cell, Qt.Key.Key_0)
    assert board(session, step_id).ids_in(DECK)[-1] == third
    assert session.current == 1  # number keys never changed the step
    windows.workshop.stack.undo()
    assert board(session, step_id).ids_in("D3P3") == [third]


def test_enter_arrows_enter_carries_a_card_to_a_cell(windows: Windows, qtbot: QtBot) -> None:
    session, step_id = open_matrix(windows)
    show(windows, qtbot, projector=False)
    activate(windows, qtbot)
    tools = console(windows)
    deck = tools.board.view(DECK)
    deck.setFocus()
    deck.select_row(0)
    first, second = board(session, step_id).ids_in(DECK)[:2]
    carrier = tools.board.carrier
    assert carrier is not None
    qtbot.keyClick(deck, Qt.Key.Key_Return)
    assert carrier.card == first and carrier.target == DECK
    qtbot.keyClick(deck, Qt.Key.Key_Right)  # the nearest cell to the right of the deck
    assert carrier.target == "D1P1"
    target = tools.board.panels["D1P1"]
    assert target.property("dropTarget") is True
    assert target.carry.text().startswith("Enter: put “") and target.carry.isVisible()
    qtbot.keyClick(deck, Qt.Key.Key_Down)
    qtbot.keyClick(deck, Qt.Key.Key_Right)
    qtbot.keyClick(deck, Qt.Key.Key_Right)
    qtbot.keyClick(deck, Qt.Key.Key_Right)  # stays at the edge
    assert carrier.target == "D2P3"
    qtbot.keyClick(deck, Qt.Key.Key_Left)
    assert carrier.target == MIDDLE
    assert board(session, step_id).ids_in(MIDDLE) == []  # nothing moves before Enter
    qtbot.keyClick(deck, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert board(session, step_id).ids_in(MIDDLE) == [first]
    assert carrier.card is None and tools.board.panels[MIDDLE].property("dropTarget") is False
    assert tools.board.current_card() == second  # ready for the next card
    # Escape leaves the card where it was
    qtbot.keyClick(deck, Qt.Key.Key_Return)
    qtbot.keyClick(deck, Qt.Key.Key_Right)
    qtbot.keyClick(deck, Qt.Key.Key_Escape)
    assert carrier.card is None and second in board(session, step_id).ids_in(DECK)
    assert not tools.board.panels["D1P1"].carry.isVisible()
    # F2 still edits the card's text in the console
    qtbot.keyClick(deck, Qt.Key.Key_F2)
    assert deck.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    windows.workshop.stack.undo()
    assert board(session, step_id).ids_in(MIDDLE) == []


def test_the_projected_board_takes_keys_after_a_click_and_follows_the_console(
    windows: Windows, qtbot: QtBot
) -> None:
    session, step_id = open_matrix(windows)
    show(windows, qtbot)
    shown = presenter(windows)
    assert all(v.focusPolicy() == Qt.FocusPolicy.ClickFocus for v in shown.board.views())
    fast = card_id(session, step_id, "FAST school programme")
    console(windows).board.select(fast, focus=False)
    assert shown.board.current_card() == fast  # one selected card on every screen
    assert shown.detail.text().startswith("FAST school programme — ")
    deck = shown.board.view(DECK)
    keyring = card_id(session, step_id, "KeyRing network")
    rect = deck.visualRect(deck.model().index(deck.model().row_of(keyring)))
    qtbot.mouseClick(deck.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert console(windows).board.current_card() == keyring
    qtbot.keyClick(deck, Qt.Key.Key_8)
    assert board(session, step_id).ids_in("D1P2") == [keyring]
    assert console(windows).board.view("D1P2").model().ids() == [keyring]
    # views built anew for another step and back still share one selection
    for index in (2, 0, 1):
        windows.workshop.go_to(index)
        settle()
    console(windows).board.select(fast, focus=False)
    assert presenter(windows).board.current_card() == fast
    assert windows.console.body.preview.view.board.current_card() == fast


# -- reveal -------------------------------------------------------------------------------------
def test_reveal_shows_where_the_deck_suggests_and_why_and_moves_nothing(
    windows: Windows, qtbot: QtBot
) -> None:
    session, step_id = open_matrix(windows)
    show(windows, qtbot)
    run = windows.workshop.run
    keyring = card_id(session, step_id, "KeyRing network")
    budgets = card_id(session, step_id, "Personal budgets")
    run(PlaceCard(step_id, keyring, MIDDLE))  # as suggested
    run(PlaceCard(step_id, budgets, MIDDLE))  # suggested: 9 (D1P3)
    before = board(session, step_id).to_doc()
    shown = presenter(windows)
    middle = shown.board.view(MIDDLE).model()
    assert middle.index(0).data(SUGGESTION_ROLE) is None  # hidden until revealed
    tools = console(windows)
    tools.reveal_button.click()
    assert session.step(step_id).state.revealed
    assert board(session, step_id).to_doc() == before  # the room's placements stay
    marks = [middle.index(row).data(SUGGESTION_ROLE) for row in range(2)]
    assert [(m.state, m.badge()) for m in marks] == [(AGREES, "✓"), (DIFFERS, "≠ 9")]
    assert marks[1].words() == (
        "suggested: 9 · Bespoke services commissioned by users and delivered by professionals"
    )
    deck_mark = shown.board.view(DECK).model().index(0).data(SUGGESTION_ROLE)
    assert deck_mark.state == UNPLACED and deck_mark.badge().startswith("→ ")
    spoken = middle.index(1).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "differs from its deck, suggested cell 9" in spoken
    assert "1 as suggested, 1 elsewhere" in shown.detail.text()
    tools.board.select(budgets, focus=False)
    assert shown.detail.text().startswith("≠ Personal budgets — suggested: 9 · Bespoke")
    assert content().cards[6].reason in shown.detail.text()
    assert tools.reveal_button.isChecked() and "Hide" in tools.reveal_button.text()
    windows.workshop.stack.undo()
    assert not session.step(step_id).state.revealed
    assert middle.index(1).data(SUGGESTION_ROLE) is None
    assert shown.detail.text().startswith("Personal budgets — Money a person controls")
    windows.workshop.stack.redo()
    assert middle.index(1).data(SUGGESTION_ROLE).state == DIFFERS


def test_card_model_with_suggestions_passes_the_model_tester(
    windows: Windows, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    session, step_id = open_matrix(windows)
    windows.workshop.run(RevealSuggestions(step_id))
    actions = BoardActions(session, step_id, windows.workshop.run, keys=KEYPAD)
    deck = CardListModel(actions, DECK, editable=True)
    deck.show_suggestions = True
    deck.sync()
    qtmodeltester.check(deck)
    assert actions.key_of(MIDDLE) == 5 and actions.key_map()[0] == DECK
    assert actions.place_number(deck.ids()[0], 9)
    deck.sync()
    qtmodeltester.check(deck)


# -- the facilitator's tools ------------------------------------------------------------------
def test_add_edit_and_remove_cards_during_the_session(windows: Windows, qtbot: QtBot) -> None:
    session, step_id = open_matrix(windows)
    show(windows, qtbot)
    tools = console(windows)
    qtbot.keyClicks(tools.card_tools.new_card, "Carers'  club ")
    qtbot.keyClick(tools.card_tools.new_card, Qt.Key.Key_Return)
    cafe = board(session, step_id).ids_in(DECK)[-1]
    assert board(session, step_id).card(cafe).text == "Carers' club"
    assert tools.board.current_card() == cafe and presenter(windows).board.current_card() == cafe
    assert presenter(windows).board.view(DECK).model().ids()[-1] == cafe
    tools.tabs.setCurrentIndex(1)
    tools.card_description.setText("Carers meet weekly and run it themselves")
    tools.card_description.editingFinished.emit()
    tools.card_suggested.setCurrentIndex(tools.card_suggested.findData("D3P3"))
    tools.card_suggested.activated.emit(tools.card_suggested.currentIndex())
    tools.card_reason.setText("Planned and run by carers, with no professional in charge.")
    tools.card_reason.editingFinished.emit()
    card = board(session, step_id).card(cafe)
    assert card.suggested == "D3P3" and card.description.startswith("Carers meet")
    assert windows.workshop.stack.undoText() == "Edit card"
    tools.tabs.setCurrentIndex(0)
    tools.card_tools.remove_button.click()
    assert cafe not in board(session, step_id)
    for _ in range(5):  # remove, reason, cell, description, add
        windows.workshop.stack.undo()
    assert cafe not in board(session, step_id)
    windows.workshop.stack.redo()
    windows.workshop.stack.redo()
    assert board(session, step_id).card(cafe).description.startswith("Carers meet")
    tools.tabs.setCurrentIndex(2)
    tools.prompt.selectAll()
    qtbot.keyClicks(tools.prompt, "Who runs it here?")
    assert presenter(windows).detail.text().startswith("Mutual-aid group — ")  # selected
    tools.board.clear_selection()  # on every screen
    assert presenter(windows).board.current_card() is None
    assert presenter(windows).detail.text() == "Who runs it here?"


def test_save_and_reopen_keeps_cells_order_history_and_reveal(qtbot: QtBot, data_dir: Path) -> None:
    first = build(data_dir)
    qtbot.addWidget(first.console)
    session, step_id = open_matrix(first)
    run = first.workshop.run
    run(AddCard(step_id, "Carers' café"))
    cafe = board(session, step_id).ids_in(DECK)[-1]
    keyring = card_id(session, step_id, "KeyRing network")
    run(PlaceCard(step_id, keyring, MIDDLE))
    run(PlaceCard(step_id, cafe, MIDDLE, 0))
    run(RevealSuggestions(step_id))
    expected = session.step(step_id).state.to_doc()
    first.console.close()  # saves at once

    again = build(data_dir)
    qtbot.addWidget(again.console)
    assert again.workshop.open_saved(session.id)
    reopened = again.workshop.session.step(step_id).state
    assert reopened.to_doc() == expected and reopened.revealed
    stored = json.loads((data_dir / "sessions" / f"{session.id}.json").read_text())
    state = stored["session"]["1"]["steps"][1]["state"]
    cards = {c["text"]: c for c in state["board"]["cards"]}
    assert (cards["Carers' café"]["place"], cards["Carers' café"]["order"]) == (MIDDLE, 0)
    assert (cards["KeyRing network"]["place"], cards["KeyRing network"]["order"]) == (MIDDLE, 1)
    assert state["revealed"] is True
    assert console(again).board.view(MIDDLE).model().ids() == [cafe, keyring]
    assert console(again).reveal_button.isChecked()
    again.console.close()


# -- legible from the back of the room ------------------------------------------------------
@pytest.mark.parametrize("revealed", [False, True])
def test_25_cards_stay_legible_with_several_in_one_cell(
    windows: Windows, qtbot: QtBot, revealed: bool
) -> None:
    session, step_id = open_matrix(windows)
    place_25(windows, session, step_id)
    if revealed:
        windows.workshop.run(RevealSuggestions(step_id))
    show(windows, qtbot)
    shown = presenter(windows)
    console(windows).board.select(card_id(session, step_id, "KeyRing network"), focus=False)
    settle()
    assert len(board(session, step_id).ids_in(MIDDLE)) == 5
    roles = [w for w in shown.findChildren(QWidget) if w.property("role") and w.isVisible()]
    assert len(roles) >= 30
    for widget in roles:
        assert widget.font().pixelSize() >= 24, (widget.property("role"), widget.font().pixelSize())
    assert {view.text_px() for view in shown.board.views()} == {24}
    on_later_pages = 0
    for cell, panel in shown.board.panels.items():
        title = panel.title  # every cell's name shows whole
        assert title.height() >= title.heightForWidth(title.width()), cell
        view = panel.view
        viewport = view.viewport().rect()
        later = [row for row in range(view.model().rowCount()) if view.isRowHidden(row)]
        on_later_pages += len(later)  # on another projected page ("Page 1 of 2")
        for row in range(view.model().rowCount()):
            if row in later:
                continue
            rect = view.visualRect(view.model().index(row))
            assert viewport.contains(rect), (cell, view.model().index(row).data())  # whole
        assert not panel.more.isVisible() and view.hidden_counts() == (0, 0)
        if view.model().rowCount() <= (1 if revealed else 3):
            assert not later, cell  # a cell of a few cards shows them all
    assert 0 < on_later_pages <= 4  # only crowded cells go on to a second page
    assert shown.pages is not None and shown.pages.label.text().startswith("Page 1 of 2")
    if revealed:
        assert shown.board.view(MIDDLE).model().index(0).data(SUGGESTION_ROLE) is not None


def test_matrix_colours_reach_wcag_aa() -> None:
    from coprod_workshop.ui import theme

    for foreground, background in [
        (theme.MATRIX_AGREES, theme.CARD),
        (theme.MATRIX_AGREES, theme.CARD_SELECTED),
        (theme.MATRIX_DIFFERS, theme.CARD),
        (theme.MATRIX_DIFFERS, theme.CARD_SELECTED),
        (theme.MUTED, theme.CARD_SELECTED),  # the "→ 5" badge
        (theme.TEXT, theme.MATRIX_MIDDLE),
        (theme.TITLE, theme.MATRIX_MIDDLE),
        (theme.MUTED, theme.MATRIX_MIDDLE),
        (theme.ON_DARK, theme.TITLE),  # key badges
        (theme.TITLE, theme.BACKGROUND),  # column and row names
        (theme.MUTED, theme.BACKGROUND),  # the axes' questions, the credit
        (theme.TEXT, theme.PROMPT_BACKGROUND),  # the line under the board
    ]:
        assert contrast(foreground, background) >= 4.5, (foreground, background)
    # the borders that mark a card or a cell stand out from what is behind them (3:1)
    assert contrast(theme.MATRIX_DIFFERS, theme.CARD_PLACE) >= 3
    assert contrast(theme.MATRIX_MIDDLE_BORDER, theme.BACKGROUND) >= 3


def test_every_matrix_control_has_an_accessible_name(windows: Windows, qtbot: QtBot) -> None:
    open_matrix(windows)
    show(windows, qtbot)
    assert unnamed_controls_in_tabs(console(windows).tabs) == []
    shown = presenter(windows)
    for view in shown.board.views():
        assert view.accessibleName()
    assert shown.detail.accessibleName() == "About the selected card"
    assert len({cell for cell in CELL_IDS}) == 9


def test_the_line_under_the_board_describes_the_selected_card() -> None:
    state = BovairdMatrix()

    def by_text(state: BovairdMatrix, text: str) -> str:
        return next(card.id for card in state.board.cards() if card.text == text)

    key_of = {cell: key for key, cell in KEYPAD.items()}.get
    keyring = by_text(state, "KeyRing network")
    assert about(state, None, key_of) == state.prompt
    assert about(state, keyring, key_of).startswith("KeyRing network — Tenants in supported living")
    state.board.place_card(keyring, "D3P3")
    state.revealed = True
    assert about(state, keyring, key_of) == (
        "≠ KeyRing network — suggested: 5 · Full user/professional/community co-production. "
        "Members, volunteers and paid staff co-produce it; members take part in decisions "
        "on its services."
    )
    state.board.place_card(keyring, "D2P2")
    assert about(state, keyring, key_of).startswith("✓ KeyRing network — suggested: 5 ·")
    assert about(state, by_text(state, "Personal budgets"), key_of).startswith("→ Personal budgets")
    assert "1 as suggested, 0 elsewhere" in about(state, None, key_of)
    state.board.add_card(Card("room", "Carers' café"))
    assert about(state, "room", key_of) == "Carers' café — no suggested cell for this card."


def test_a_new_matrix_deals_nine_and_one_button_adds_the_rest(
    windows: Windows, qtbot: QtBot
) -> None:
    session, step_id = session_around("matrix", "Who plans, who delivers?", BovairdMatrix())
    open_in(windows, session)
    tools = console(windows)
    assert len(board(session, step_id)) == 9
    button = tools.spare_button
    assert button.isEnabled() and button.text() == f"Add ready-made activities ({14})"
    button.click()
    assert len(board(session, step_id)) == 23 and not button.isEnabled()
    assert "Neighbourhood watch" in [c.text for c in board(session, step_id).cards()]
    windows.workshop.stack.undo()
    assert len(board(session, step_id)) == 9 and button.isEnabled()
    tools.board.select(card_id(session, step_id, "KeyRing network"))
    assert "Case study: KeyRing" in tools.facts.text()
    tools.board.select(card_id(session, step_id, "Personal budgets"))
    assert "Case study" not in tools.facts.text()


def fill_from_the_plan(windows: Windows, qtbot: QtBot) -> tuple[Session, str]:
    """The Introduction plan's matrix on screen, the whole deck placed about three to a cell,
    one card at a time (cells fill, crowd and make room as the room places them)."""
    from coprod_workshop.paths import builtin_plans

    plan = next(p for p in builtin_plans() if p.name == "introduction-to-co-production.json")
    assert windows.workshop.new_from_plan(plan)
    session = windows.workshop.session
    step = next(s for s in session.steps if s.kind == "matrix")
    windows.workshop.go_to(session.index_of(step.id))
    show(windows, qtbot)
    # The plan deals nine; with the ready-made rest added, 23 cards fill cells three deep.
    windows.workshop.run(AddSpareCards(step.id, spare_cards(board(session, step.id))))
    cells = [c for c in board(session, step.id).place_ids() if c != DECK]
    for number, card in enumerate(board(session, step.id).ids_in(DECK)):
        windows.workshop.run(PlaceCard(step.id, card, cells[number % len(cells)]))
        settle()
    return session, step.id


def test_the_plans_deck_three_to_a_cell_shows_every_card_at_24_px_on_the_projector(
    windows: Windows, qtbot: QtBot
) -> None:
    session, step_id = fill_from_the_plan(windows, qtbot)
    shown = presenter(windows)
    assert max(len(board(session, step_id).ids_in(c)) for c in CELL_IDS) == 3
    assert min(view.text_px() for view in shown.board.views()) >= 24
    for cell, panel in shown.board.panels.items():
        assert panel.view.hidden_counts() == (0, 0), cell  # none out of view...
        assert not panel.more.isVisible(), cell  # ...and no count covering a card
        title = panel.title
        if cell != DECK:  # short names: one line
            assert title.height() < 2 * title.fontMetrics().lineSpacing(), cell
    assert shown.legend.isVisible() and shown.legend.font().pixelSize() >= 24


def test_the_console_shows_whole_short_cell_names_and_no_scroll_bars_in_cells(
    windows: Windows, qtbot: QtBot
) -> None:
    fill_from_the_plan(windows, qtbot)
    windows.console.resize(1400, 900)
    settle()
    tools = console(windows)
    for cell in CELL_IDS:
        panel = tools.board.panels[cell]
        assert f"{content().short_names[cell]} (" in panel.title.text(), cell  # not cut
        assert not panel.view.verticalScrollBar().isVisible(), cell  # the count says instead
    deck = tools.board.panels[DECK].title  # the emptied deck is narrow, but no word is cut
    metrics = deck.fontMetrics()
    assert deck.width() >= max(metrics.horizontalAdvance(w) for w in deck.text().split())
    # The preview is the projector's picture, scaled: the same names, the same cards.
    preview = windows.console.body.preview.view
    assert isinstance(preview, MatrixPresenter)
    assert preview.legend.isVisible() and preview.width() >= 1536
    assert all(p.title.isVisible() for p in preview.board.panels.values())
    assert all(p.view.isVisible() for p in preview.board.panels.values())


def test_the_projector_shows_every_card_of_the_whole_deck_and_20_room_cards(
    windows: Windows, qtbot: QtBot, tmp_path: Path
) -> None:
    from coprod_workshop.exercises.matrix.commands import RevealSuggestions

    session, step_id = open_matrix(windows)
    for number in range(20):
        text = f"Room card {number}: peer support group run by members"
        windows.workshop.run(AddCard(step_id, text))
    cards = board(session, step_id).cards()
    for index, card in enumerate(cards):
        windows.workshop.run(PlaceCard(step_id, card.id, CELL_IDS[index % 9]))
    windows.workshop.run(RevealSuggestions(step_id))
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    seen: set[str] = set()
    sizes: list[int] = []
    pages = 0
    for _ in range(40):
        qtbot.wait(300)  # settled: the count strip of the console's boards is never kept here
        view = presenter(windows)
        if pages == 0:
            windows.projector.grab().save(str(shots_folder(tmp_path) / "matrix-paged.png"))
        pages += 1
        for place in view.board.views():
            height = place.viewport().height()
            for row in range(place.model().rowCount()):
                if place.isRowHidden(row):
                    continue
                rect = place.visualRect(place.model().index(row))
                assert 0 <= rect.top() and rect.bottom() < height, "a card cut off"
                seen.add(place.model().index(row).data(ID_ROLE))
            assert place.hidden_counts() == (0, 0)
            sizes.append(place.text_px())
        for panel in view.board.panels.values():
            assert not panel.more.isVisible()  # no "▼ N more" on the projector
        windows.workshop.step_by(1)
        if windows.workshop.session.current_step.id != step_id:
            break
    assert seen == {card.id for card in cards} and len(cards) >= 40
    assert min(sizes) >= 24
    assert pages > 1
