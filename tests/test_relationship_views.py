"""The Sue and Mick step in the console and on the projector."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.info.model import InfoSlide
from coprod_workshop.exercises.relationship.canvas import FLOOR_PX, Item, NotesCanvas
from coprod_workshop.exercises.relationship.commands import AddNote, EditNote, EditSettings
from coprod_workshop.exercises.relationship.console import KEYS_HINT, RelationshipConsole
from coprod_workshop.exercises.relationship.model import (
    MAX_NOTE_LENGTH,
    Relationship,
    all_cells,
    cell_number,
)
from coprod_workshop.exercises.relationship.qtmodels import NotesModel
from coprod_workshop.exercises.relationship.views import RelationshipPresenter

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
SUE_TALK, SUE_DOES, MICK_TALK, MICK_DOES = (0, 0), (0, 1), (1, 0), (1, 1)


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path) -> Iterator[Windows]:
    built = build(data_dir)
    qtbot.addWidget(built.console)
    qtbot.addWidget(built.projector)
    session = Session(
        "Thursday carers",
        [
            Step("relationship", "One-night stand or long-term relationship?", 20, Relationship()),
            Step("info", "Break", 15, InfoSlide(("Tea",))),
        ],
    )
    built.workshop.store.save(session)
    assert built.workshop.open(session)
    yield built
    if built.workshop.session is not None:
        built.console.close()


def console(windows: Windows) -> RelationshipConsole:
    controls = windows.console.body.step_panel.controls
    assert isinstance(controls, RelationshipConsole)
    return controls


def presenter(windows: Windows) -> RelationshipPresenter:
    view = windows.projector.frame.view
    assert isinstance(view, RelationshipPresenter)
    return view


def grid(windows: Windows) -> Relationship:
    return windows.workshop.session.steps[0].state  # type: ignore[no-any-return]


def texts(windows: Windows, cell: tuple[int, int]) -> list[str]:
    return [note.text for note in grid(windows).notes_in(cell)]


def shown(qtbot: QtBot, windows: Windows) -> RelationshipConsole:
    windows.console.resize(1600, 1000)
    windows.console.show()
    windows.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)
    return console(windows)


def type_note(qtbot: QtBot, entry: QLineEdit, text: str) -> None:
    qtbot.keyClicks(entry, text)
    qtbot.keyClick(entry, Qt.Key.Key_Return)


def add(windows: Windows, cell: tuple[int, int], *notes: str) -> None:
    step_id = windows.workshop.session.steps[0].id
    for text in notes:
        windows.workshop.run(AddNote(step_id, cell, text))


# -- capturing by keyboard ----------------------------------------------------------
def test_enter_adds_a_note_and_keeps_the_cursor_in_the_cell(windows: Windows, qtbot: QtBot) -> None:
    view = shown(qtbot, windows)
    entry = view.cells[0].entry
    entry.setFocus()
    type_note(qtbot, entry, "Talks at you")
    type_note(qtbot, entry, "Never calls back")
    assert texts(windows, SUE_TALK) == ["Talks at you", "Never calls back"]
    assert entry.text() == "" and QApplication.focusWidget() is entry
    assert view.cells[0].model.rowCount() == 2
    canvas = presenter(windows).canvases[0]
    assert [item.text for item in canvas.items] == ["Talks at you", "Never calls back"]
    qtbot.keyClick(entry, Qt.Key.Key_Return)  # an empty entry adds nothing
    assert len(texts(windows, SUE_TALK)) == 2


def test_tab_and_shift_tab_move_between_the_six_cells(windows: Windows, qtbot: QtBot) -> None:
    view = shown(qtbot, windows)
    view.cells[0].entry.setFocus()
    for expected in (1, 2, 3, 4, 5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is view.cells[expected].entry
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # out of the grid, no trap
    assert QApplication.focusWidget() not in [cell.entry for cell in view.cells]
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    assert QApplication.focusWidget() is view.cells[5].entry
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, ALT)
    assert QApplication.focusWidget() is view.cells[1].entry
    type_note(qtbot, view.cells[1].entry, "Leaves early")
    assert texts(windows, SUE_DOES) == ["Leaves early"]
    view.reveal.setFocus()  # from anywhere in the console, Alt+N goes to cell N
    qtbot.keyClick(view.reveal, Qt.Key.Key_6, ALT)
    assert QApplication.focusWidget() is view.cells[5].entry


def test_keys_used_in_the_grid_never_move_the_room_to_another_step(
    windows: Windows, qtbot: QtBot
) -> None:
    view = shown(qtbot, windows)
    add(windows, SUE_TALK, "one", "two")
    entry = view.cells[0].entry
    entry.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Backspace):
        qtbot.keyClick(entry, key)
    qtbot.keyClick(entry, Qt.Key.Key_Up)
    notes = view.cells[0].list
    assert QApplication.focusWidget() is notes
    for key in (
        Qt.Key.Key_Up,
        Qt.Key.Key_Up,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_Space,
    ):
        qtbot.keyClick(notes, key)
    assert windows.workshop.session.current == 0
    assert texts(windows, SUE_TALK) == ["one", "two"]
    qtbot.keyClick(notes, Qt.Key.Key_Down)  # past the last note: back to the entry
    assert QApplication.focusWidget() is entry


def test_move_a_note_by_keyboard_and_the_selection_follows(windows: Windows, qtbot: QtBot) -> None:
    view = shown(qtbot, windows)
    add(windows, SUE_TALK, "Talks at you", "Is in a hurry")
    add(windows, MICK_TALK, "Remembers your name")
    view.cells[0].entry.setFocus()
    qtbot.keyClick(view.cells[0].entry, Qt.Key.Key_Up)  # the last note: "Is in a hurry"
    qtbot.keyClick(view.cells[0].list, Qt.Key.Key_Right, CTRL)
    assert texts(windows, MICK_TALK) == ["Remembers your name", "Is in a hurry"]
    mick = view.cells[cell_number(MICK_TALK)].list
    assert QApplication.focusWidget() is mick and mick.current_id() is not None
    qtbot.keyClick(mick, Qt.Key.Key_Up, ALT)  # earlier within the cell
    assert texts(windows, MICK_TALK) == ["Is in a hurry", "Remembers your name"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, CTRL)  # row below, at the top
    assert texts(windows, MICK_DOES) == ["Is in a hurry"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, CTRL)  # cell 2: Sue's behaviour
    assert texts(windows, SUE_DOES) == ["Is in a hurry"] and texts(windows, MICK_DOES) == []
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, CTRL)
    assert texts(windows, SUE_TALK) == ["Talks at you", "Is in a hurry"]
    assert windows.workshop.session.current == 0
    for _ in range(5):
        windows.console.menus.undo_action.trigger()
    assert texts(windows, SUE_TALK) == ["Talks at you", "Is in a hurry"]
    assert texts(windows, MICK_TALK) == ["Remembers your name"]


def test_alt_n_only_ever_goes_to_a_cell_and_typed_words_are_never_lost(
    windows: Windows, qtbot: QtBot
) -> None:
    """After moving a note, Alt+1 and the words typed next land in cell 1, as a note."""
    view = shown(qtbot, windows)
    add(windows, SUE_TALK, "Talks at you")
    add(windows, MICK_TALK, "Remembers your name")
    view.focus_list(cell_number(MICK_TALK))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, CTRL)  # move it to cell 2
    assert texts(windows, SUE_DOES) == ["Remembers your name"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, ALT)  # in a list, too: cell 1
    assert texts(windows, SUE_DOES) == ["Remembers your name"]  # the note did not move
    assert QApplication.focusWidget() is view.cells[0].entry
    type_note(qtbot, QApplication.focusWidget(), "Keeps promises")
    assert texts(windows, SUE_TALK) == ["Talks at you", "Keeps promises"]
    # Typing while a cell's notes have the keyboard goes into that cell's entry.
    view.focus_list(cell_number(SUE_DOES))
    for char in "Shows up":  # each key goes where the keyboard is, as a person's would
        qtbot.keyClicks(QApplication.focusWidget(), char)
    assert QApplication.focusWidget() is view.cells[cell_number(SUE_DOES)].entry
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert texts(windows, SUE_DOES) == ["Remembers your name", "Shows up"]
    # In the deck, Alt+N also goes to cell N; Ctrl+N places the card there.
    deck = grid(windows).settings.deck
    view.tabs.setCurrentIndex(1)
    view.deck.setFocus()
    view.deck.setCurrentIndex(view.deck_model.index(0))
    qtbot.keyClick(view.deck, Qt.Key.Key_5, CTRL)
    assert grid(windows).notes_in((1, 1))[0].card == deck[0].id
    qtbot.keyClick(view.deck, Qt.Key.Key_3, ALT)
    assert QApplication.focusWidget() is view.cells[2].entry
    assert len(grid(windows).placed_cards()) == 1
    assert "Alt+1…6 move" not in KEYS_HINT and KEYS_HINT.count("Alt+1…6") == 1


def test_a_long_note_is_never_cut_the_cell_shows_the_limit_while_typing(
    windows: Windows, qtbot: QtBot
) -> None:
    view = shown(qtbot, windows)
    cell = view.cells[0]
    cell.entry.setFocus()
    words = "We asked the receptionist twice and nobody called back, please keep your "
    story = (words * 10)[: MAX_NOTE_LENGTH - 60]  # a story told in one go
    cell.entry.setText(story[:-20])
    qtbot.keyClicks(cell.entry, story[-20:])
    assert not cell.limit.isVisible()  # far from the limit: nothing to say
    qtbot.keyClicks(cell.entry, "comments short " * 3)
    assert cell.limit.isVisible() and cell.limit.text().endswith("left")
    long = words * (MAX_NOTE_LENGTH // len(words) + 1)
    cell.entry.setText(long)
    assert cell.limit.isVisible() and "too many" in cell.limit.text()
    assert cell.limit.property("over") is True
    qtbot.keyClick(cell.entry, Qt.Key.Key_Return)  # refused: the words stay in the entry
    assert texts(windows, SUE_TALK) == [] and cell.entry.text() == long
    cell.entry.setText(long[:MAX_NOTE_LENGTH])
    qtbot.keyClick(cell.entry, Qt.Key.Key_Return)
    assert texts(windows, SUE_TALK) == [long[:MAX_NOTE_LENGTH].strip()]  # kept whole
    assert not cell.limit.isVisible()
    # Editing a note in place takes no more than a note can hold.
    view.focus_list(0)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.maxLength() == MAX_NOTE_LENGTH


def test_delete_edit_undo_and_redo_by_keyboard(windows: Windows, qtbot: QtBot) -> None:
    view = shown(qtbot, windows)
    entry = view.cells[0].entry
    entry.setFocus()
    for text in ("Talks at you", "Never calls back", "Leaves early"):
        type_note(qtbot, entry, text)
    qtbot.keyClick(entry, Qt.Key.Key_Z, CTRL)  # nothing typed: undoes the last note
    assert texts(windows, SUE_TALK) == ["Talks at you", "Never calls back"]
    qtbot.keyClick(entry, Qt.Key.Key_Y, CTRL)
    assert texts(windows, SUE_TALK) == ["Talks at you", "Never calls back", "Leaves early"]
    qtbot.keyClick(entry, Qt.Key.Key_Up)
    notes = view.cells[0].list
    qtbot.keyClick(notes, Qt.Key.Key_Up)  # "Never calls back"
    qtbot.keyClick(notes, Qt.Key.Key_Delete)
    assert texts(windows, SUE_TALK) == ["Talks at you", "Leaves early"]
    assert notes.currentIndex().data() == "Leaves early" and QApplication.focusWidget() is notes
    qtbot.keyClick(notes, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor is not entry
    editor.selectAll()
    qtbot.keyClicks(editor, "Leaves before breakfast")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: texts(windows, SUE_TALK) == ["Talks at you", "Leaves before breakfast"])
    assert QApplication.focusWidget() is notes
    windows.workshop.stack.undo()
    assert texts(windows, SUE_TALK) == ["Talks at you", "Leaves early"]
    windows.workshop.stack.undo()
    assert texts(windows, SUE_TALK) == ["Talks at you", "Never calls back", "Leaves early"]
    windows.workshop.stack.redo()
    assert texts(windows, SUE_TALK) == ["Talks at you", "Leaves early"]
    assert view.cells[0].model.rowCount() == 2


# -- dragging ------------------------------------------------------------------------
def test_drop_through_the_model_moves_the_note(windows: Windows) -> None:
    view = console(windows)
    add(windows, SUE_TALK, "Talks at you", "Ticks a box")
    add(windows, MICK_TALK, "Listens", "Comes back")
    source, target = view.cells[0].model, view.cells[cell_number(MICK_TALK)].model
    data = source.mimeData([source.index(1)])
    assert target.canDropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert target.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert texts(windows, MICK_TALK) == ["Listens", "Ticks a box", "Comes back"]
    assert [source.index(r).data() for r in range(source.rowCount())] == ["Talks at you"]
    # within one cell, to the end
    data = target.mimeData([target.index(0)])
    assert target.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert texts(windows, MICK_TALK) == ["Ticks a box", "Comes back", "Listens"]
    windows.workshop.stack.undo()
    windows.workshop.stack.undo()
    assert texts(windows, MICK_TALK) == ["Listens", "Comes back"]
    assert texts(windows, SUE_TALK) == ["Talks at you", "Ticks a box"]


def test_a_drag_from_elsewhere_is_refused(windows: Windows) -> None:
    target = console(windows).cells[0].model
    foreign = QMimeData()
    foreign.setText("some text")
    assert not target.canDropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not target.dropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())


def _drop(widget: QWidget, data: QMimeData, pos: QPoint) -> QDropEvent:
    point = QPointF(pos)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, Qt.DropAction.MoveAction, data, buttons, mods)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(pos, Qt.DropAction.MoveAction, data, buttons, mods)
    QApplication.sendEvent(widget, move)
    assert move.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.MoveAction, data, buttons, mods)
    QApplication.sendEvent(widget, drop)
    return drop


def test_drop_events_on_a_cell_move_a_note_there(windows: Windows, qtbot: QtBot) -> None:
    view = shown(qtbot, windows)
    add(windows, SUE_TALK, "Talks at you", "Ticks a box")
    add(windows, MICK_DOES, "Stays")
    source = view.cells[0].model
    target = view.cells[cell_number(MICK_DOES)].list
    data = source.mimeData([source.index(0)])
    below_the_notes = QPoint(20, target.viewport().height() - 5)
    drop = _drop(target.viewport(), data, below_the_notes)
    assert drop.isAccepted()
    assert texts(windows, MICK_DOES) == ["Stays", "Talks at you"]
    assert texts(windows, SUE_TALK) == ["Ticks a box"]
    windows.console.menus.undo_action.trigger()
    assert texts(windows, SUE_TALK) == ["Talks at you", "Ticks a box"]


# -- the card deck ---------------------------------------------------------------------
def test_cards_are_placed_by_keyboard_and_drag_and_go_back_when_deleted(
    windows: Windows, qtbot: QtBot
) -> None:
    view = shown(qtbot, windows)
    deck = grid(windows).settings.deck
    view.tabs.setCurrentIndex(1)
    view.deck.setFocus()
    view.deck.setCurrentIndex(view.deck_model.index(0))
    qtbot.keyClick(view.deck, Qt.Key.Key_Left, CTRL)  # with Sue, in the card's own row
    placed = grid(windows).notes_in((0, deck[0].row))
    assert [(n.text, n.card) for n in placed] == [(deck[0].text, deck[0].id)]
    assert view.deck_model.rowCount() == len(deck) - 1
    assert view.deck.current_id() == deck[1].id  # ready for the next card
    view.place_right.click()
    assert grid(windows).notes_in((1, deck[1].row))[0].card == deck[1].id
    data = view.deck_model.mimeData([view.deck_model.index(0)])
    assert view.cells[0].model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert grid(windows).notes_in(SUE_TALK)[0].card == deck[2].id
    # a placed card dropped back on the deck leaves the grid
    cell = view.cells[0].model
    assert view.deck_model.dropMimeData(
        cell.mimeData([cell.index(0)]), Qt.DropAction.MoveAction, 0, 0, QModelIndex()
    )
    assert deck[2].id not in grid(windows).placed_cards()
    assert view.deck_model.rowCount() == len(deck) - 2


def test_show_cards_and_reveal_debrief_on_the_projector(windows: Windows, qtbot: QtBot) -> None:
    view = shown(qtbot, windows)
    show = presenter(windows)
    assert not show.band.isVisibleTo(show)
    view.show_deck.click()
    assert grid(windows).deck_shown and show.deck_canvas.isVisibleTo(show)
    assert len(show.deck_canvas.items) == len(grid(windows).settings.deck)
    view.cells[0].entry.setFocus()
    qtbot.keyClick(view.cells[0].entry, Qt.Key.Key_R, CTRL)
    assert grid(windows).revealed and view.reveal.isChecked()
    questions = [label.accessibleName() for label in show.questions]
    assert "Which of these describe us now?" in questions
    assert show.prompt.text() == grid(windows).settings.debrief_heading
    assert show.headers[0].stands_for.isVisibleTo(show)
    assert "Consultation" in show.headers[0].stands_for.text()
    # While the debrief shows, "Show cards"/"Hide cards" still change what the room sees.
    assert show.question_box.isVisibleTo(show) and show.deck_canvas.isVisibleTo(show)
    view.show_deck.click()
    assert view.show_deck.text() == "Show cards" and not show.deck_canvas.isVisibleTo(show)
    assert show.question_box.isVisibleTo(show)
    view.show_deck.click()
    assert view.show_deck.text() == "Hide cards" and show.deck_canvas.isVisibleTo(show)
    windows.workshop.stack.undo()
    windows.workshop.stack.undo()
    windows.workshop.stack.undo()
    assert not grid(windows).revealed and not show.questions
    assert not show.headers[0].stands_for.isVisibleTo(show)


def test_settings_edits_show_at_once_and_undo_in_one_step(windows: Windows, qtbot: QtBot) -> None:
    view = shown(qtbot, windows)
    view.tabs.setCurrentIndex(3)
    name = next(
        e
        for e in view.settings_editor.findChildren(QLineEdit)
        if e.accessibleName() == "Persona 1 name"
    )
    name.selectAll()
    qtbot.keyClicks(name, "The quick chat")
    assert grid(windows).settings.personas[0].name == "The quick chat"
    assert presenter(windows).headers[0].name.text() == "The quick chat"
    assert "The quick chat" in view.persona_labels[0].text()
    view.debrief_editor.questions.setPlainText("Who decides?\nWhat next?")
    assert grid(windows).settings.questions == ("Who decides?", "What next?")
    windows.workshop.stack.undo()
    windows.workshop.stack.undo()
    assert grid(windows).settings.personas[0].name == "One-night-stand Sue"
    assert name.text() == "One-night-stand Sue"


def test_the_neutral_names_are_one_tick_away_and_one_undo_back(
    windows: Windows, qtbot: QtBot
) -> None:
    view = shown(qtbot, windows)
    view.tabs.setCurrentIndex(3)
    neutral = view.settings_editor.neutral
    assert not neutral.isChecked()
    neutral.click()
    names = [header.name.text() for header in presenter(windows).headers]
    assert names == ["The quick chat", "The long-term partner"]
    windows.workshop.stack.undo()
    assert grid(windows).settings.personas[1].name == "Mr Marriage-please Mick"
    assert not neutral.isChecked()


# -- saving ----------------------------------------------------------------------------
def test_notes_are_autosaved_and_come_back_in_order(
    qtbot: QtBot, windows: Windows, data_dir: Path
) -> None:
    view = shown(qtbot, windows)
    type_note(qtbot, view.cells[0].entry, "Talks at you")
    type_note(qtbot, view.cells[0].entry, "Ticks a box")
    type_note(qtbot, view.cells[4].entry, "Stays")
    view.deck.setCurrentIndex(view.deck_model.index(0))
    view.place_card(view.deck.current_id(), "cell-5")
    view.reveal.click()
    qtbot.waitUntil(lambda: not windows.workshop.saver.dirty, timeout=2000)
    session_id = windows.workshop.session.id
    expected = grid(windows).to_doc()
    windows.console.close()

    again = build(data_dir)
    qtbot.addWidget(again.console)
    qtbot.addWidget(again.projector)
    assert again.workshop.open_saved(session_id)
    reopened = again.workshop.session.steps[0].state
    assert reopened.to_doc() == expected
    assert [n.text for n in reopened.notes_in(MICK_DOES)][0] == "Stays"
    assert reopened.notes_in(MICK_DOES)[1].card
    reopened_view = again.console.body.step_panel.controls
    assert reopened_view.cells[0].model.ids() == [n.id for n in reopened.notes_in(SUE_TALK)]
    assert again.projector.frame.view.questions
    again.console.close()


# -- the projector -----------------------------------------------------------------------
LONG = "Asks for your views on a plan that was signed off last month, then " * 3


def test_sixty_notes_a_side_stay_readable_and_none_is_hidden_silently(
    windows: Windows, qtbot: QtBot
) -> None:
    for number in range(60):
        add(windows, (0, number % 3 if number < 45 else 0), f"Sue says thing {number + 1}")
        add(
            windows,
            (1, number % 3),
            LONG[: 20 + number * 3] if number % 7 else "Supercalifragilistic" * 3,
        )
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    show = presenter(windows)
    for label in show.findChildren(QWidget):
        if label.property("role") and label.isVisible():
            assert label.font().pixelSize() >= 24, label.property("role")
    for canvas in show.canvases:
        check_canvas(canvas)
    # a note added to a crowded cell is scrolled into view on the projector
    add(windows, SUE_TALK, "The newest note")
    crowded = show.canvases[0]
    newest = grid(windows).notes_in(SUE_TALK)[-1].id
    assert newest in crowded.visible_ids()
    assert crowded.hidden_counts()[0] > 0 and "above" in crowded.more_text()
    check_canvas(crowded)


def check_canvas(canvas: NotesCanvas) -> None:
    layout = canvas.fit()
    assert layout.px >= FLOOR_PX
    visible = canvas.visible_ids()
    above, below = canvas.hidden_counts()
    assert len(visible) + above + below == len(canvas.items)
    if above or below:
        assert canvas.overflows()
        if below:
            assert f"+{below} more" in canvas.more_text()
        if above:
            assert f"{above} above" in canvas.more_text()
        strip = canvas._strip_height()
    else:
        strip = 0
    font, pad_x, pad_y, _ = canvas._metrics(layout.px)
    metrics = QFontMetrics(font)
    rows = canvas._visible_rows()
    offset = layout.rows[rows.start][0] if rows else 0
    for index, item in enumerate(canvas.items):
        if item.id not in visible:
            continue
        rect = layout.rects[index].translated(0, -offset)
        assert rect.top() >= 0 and rect.bottom() < canvas.height() - strip, item.text
        assert rect.left() >= 0 and rect.right() < canvas.width() + 1, item.text
        inner = rect.adjusted(pad_x, pad_y, -pad_x, -pad_y)
        needed = metrics.boundingRect(inner, layout.flags[index], item.text)
        assert needed.height() <= inner.height() and needed.width() <= inner.width() + 1, item.text




def test_the_projector_redraws_the_cells_a_change_touches_and_every_one_it_does(
    windows: Windows,
) -> None:
    """A note added redraws its own cell only, yet an edited note, an undo and a renamed
    row or persona still reach every cell they touch (and what a screen reader hears)."""
    add(windows, SUE_TALK, "Talks at you")
    add(windows, MICK_DOES, "Turns up late")
    step_id = windows.workshop.session.steps[0].id
    view = presenter(windows)
    talk, does = view.canvases[cell_number(SUE_TALK)], view.canvases[cell_number(MICK_DOES)]
    add(windows, SUE_TALK, "Never listens")
    assert [i.text for i in talk.items] == ["Talks at you", "Never listens"]
    assert [i.text for i in does.items] == ["Turns up late"]
    note = grid(windows).notes_in(MICK_DOES)[0]
    windows.workshop.run(EditNote(step_id, note.id, "Turns up very late"))
    assert [i.text for i in does.items] == ["Turns up very late"]
    assert does.accessibleDescription() == "Turns up very late"
    windows.workshop.stack.undo()
    assert [i.text for i in does.items] == ["Turns up late"]
    settings = grid(windows).settings
    renamed = settings.with_row(1, "Deeds").with_persona(1, name="Michael")
    windows.workshop.run(EditSettings(step_id, renamed, "Rename"))
    assert does.accessibleName() == "Michael, deeds: 1 notes"
    assert talk.accessibleName().endswith(", conversations: 2 notes")


def test_a_cell_lays_its_notes_out_afresh_when_they_or_its_font_change(qtbot: QtBot) -> None:
    """A cell keeps the layouts it found (the pages and the shared size are worked out
    again after every note accepted) only while its notes and font stay as they were:
    it then lays out exactly as a cell that never saw the old notes."""

    def cell(items: list[Item], bold: bool = False) -> NotesCanvas:
        canvas = NotesCanvas()
        qtbot.addWidget(canvas)
        font = canvas.font()
        font.setPixelSize(40)
        font.setBold(bold)
        canvas.setFont(font)
        canvas.resize(800, 600)
        canvas.set_items(items)
        return canvas

    def shape(canvas: NotesCanvas, height: int) -> tuple[object, ...]:
        found = canvas._search(canvas.full_px(), height)
        return found.px, found.rects, found.height, canvas.fits_at(height), canvas.chunks_at(height)

    heights = (600, 1800)  # the cell's own, and a page of three rows
    few = [Item(f"n{n}", f"Note {n} about the launch") for n in range(3)]
    many = few + [Item(f"m{n}", f"Another note, number {n}, from a phone" + " and more" * (n % 4))
                  for n in range(30)]  # fmt: skip
    kept = cell(few)
    before = [shape(kept, h) for h in heights]
    assert before[0][3]  # three notes fit
    sizes = set()
    for count in range(4, len(many) + 1, 2):  # notes accepted one after another: each search
        kept.set_items(many[:count])  # starts where the last one ended, and finds the same
        after = [shape(kept, h) for h in heights]
        assert after == [shape(cell(many[:count]), h) for h in heights], count
        sizes |= {after[0][0], after[1][0]}
    assert len(sizes) > 2  # the text got smaller as the notes came
    kept.set_items(many[27:])  # notes taken away: searched from the top again
    assert [shape(kept, h) for h in heights] == [shape(cell(many[27:]), h) for h in heights]
    kept.set_items(many)
    after = [shape(kept, h) for h in heights]
    assert after == [shape(cell(many), h) for h in heights] and after != before
    assert not after[0][3] and after[0][4] > 1  # thirty-three need more than one page
    font = kept.font()
    font.setBold(True)  # wider letters at the same size
    kept.setFont(font)
    bolder = [shape(kept, h) for h in heights]
    assert bolder == [shape(cell(many, bold=True), h) for h in heights] and bolder != after


def test_few_notes_use_the_full_size(windows: Windows, qtbot: QtBot) -> None:
    add(windows, SUE_TALK, "Talks at you")
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    canvas = presenter(windows).canvases[0]
    assert canvas.fit().px == canvas.full_px() >= 30
    assert not canvas.overflows() and canvas.more_text() == ""


# -- models and accessibility --------------------------------------------------------------
def test_cell_models_pass_the_model_tester(windows: Windows, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    add(windows, SUE_TALK, "one", "two", "three")
    model = console(windows).cells[0].model
    assert isinstance(model, NotesModel)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(console(windows).deck_model, force_py=True)


def test_every_control_of_the_step_has_an_accessible_name(windows: Windows) -> None:
    view = console(windows)
    checked = 0
    for widget in view.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractItemView):
            continue
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractItemView)):
            assert widget.accessibleName(), widget
            checked += 1
        elif isinstance(widget, QAbstractButton):
            assert widget.accessibleName() or widget.text(), widget
            checked += 1
    assert checked >= 30


def test_a_note_being_edited_when_the_console_closes_is_kept(
    qtbot: QtBot, windows: Windows, data_dir: Path
) -> None:
    view = shown(qtbot, windows)
    add(windows, SUE_TALK, "Talks at you")
    view.focus_list(0, 0)
    qtbot.keyClick(view.cells[0].list, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Talks over you")
    session_id = windows.workshop.session.id
    windows.console.close()
    again = build(data_dir)
    qtbot.addWidget(again.console)
    qtbot.addWidget(again.projector)
    assert again.workshop.open_saved(session_id)
    assert [n.text for n in again.workshop.session.steps[0].state.notes_in(SUE_TALK)] == [
        "Talks over you"
    ]
    again.console.close()


def projected_pages(windows: Windows, qtbot: QtBot) -> list[dict[str, int]]:
    """Page Down through the projected grid: on each page, the notes shown and their size."""
    step = windows.workshop.session.current
    seen: list[dict[str, int]] = []
    for _ in range(200):
        qtbot.wait(30)
        view = presenter(windows)
        page = {}
        for canvas in view.canvases:
            if canvas.isVisible():
                assert not canvas.overflows() and canvas.more_text() == ""
                for note_id in canvas.visible_ids():
                    page[note_id] = canvas.fit().px
        seen.append(page)
        windows.workshop.step_by(1)
        if windows.workshop.session.current != step:
            windows.workshop.go_to(step)
            return seen
    raise AssertionError("the pages never ended")


def project_with(windows: Windows, qtbot: QtBot, panels: str) -> list[dict[str, int]]:
    """The grid projected at 1920x1080 with the cards, the debrief, both or neither
    shown under it, paged through to the end."""
    from coprod_workshop.exercises.relationship.commands import RevealDebrief, ShowDeck

    step_id = windows.workshop.session.steps[0].id
    if panels in ("cards", "both"):
        windows.workshop.run(ShowDeck(step_id, True))
    if panels in ("debrief", "both"):
        windows.workshop.run(RevealDebrief(step_id, True))
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    return projected_pages(windows, qtbot)


@pytest.mark.parametrize("panels", ["none", "cards", "debrief", "both"])
def test_the_projector_shows_every_note_at_24px_or_more_a_page_at_a_time(
    windows: Windows, qtbot: QtBot, panels: str
) -> None:
    long_note = ("Nobody called back after the launch, and we had asked twice. " * 4)[:200]
    for cell in all_cells():
        add(windows, cell, long_note + f" ({cell_number(cell)})")
        add(windows, cell, *(f"Short note {n} in cell {cell_number(cell)}" for n in range(4)))
    pages = project_with(windows, qtbot, panels)
    every = {note.id for cell in all_cells() for note in grid(windows).notes_in(cell)}
    assert len(every) == 30
    assert set().union(*pages) == every  # every note, on some page
    assert all(px >= FLOOR_PX for page in pages for px in page.values())
    if len(pages) > 1:  # the projector says where the room is
        qtbot.wait(50)
        view = presenter(windows)
        assert view.page_label.isVisible() and view.page_label.text().startswith("Page 1 of")


def test_six_hundred_notes_are_all_projected_and_the_preview_shows_the_same_page(
    windows: Windows, qtbot: QtBot
) -> None:
    for number in range(600):
        cell = all_cells()[number % 6]
        add(windows, cell, f"Note {number:03d}: what we heard today")
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    windows.console.show()
    qtbot.wait(50)
    view = presenter(windows)
    (preview,) = windows.console.body.preview.findChildren(RelationshipPresenter)
    pages = projected_pages(windows, qtbot)
    every = {note.id for cell in all_cells() for note in grid(windows).notes_in(cell)}
    assert len(every) == 600 and set().union(*pages) == every
    assert all(px >= FLOOR_PX for page in pages for px in page.values())
    assert len(pages) == len(view.plan) <= 12  # docs: 600 notes, at most 12 pages
    windows.workshop.step_by(1)
    qtbot.wait(30)
    assert view.page() == 1 and preview.page() == 1  # the console shows the room's page


@pytest.mark.parametrize("panels", ["none", "cards", "debrief", "both"])
def test_the_longest_note_is_projected_whole_at_24px_or_more(
    windows: Windows, qtbot: QtBot, panels: str
) -> None:
    story = ("We asked the receptionist twice and nobody called back, " * 40)[:MAX_NOTE_LENGTH]
    add(windows, SUE_TALK, story.strip())
    add(windows, MICK_DOES, "Asks what you think, then disappears")
    pages = project_with(windows, qtbot, panels)
    every = {note.id for cell in all_cells() for note in grid(windows).notes_in(cell)}
    assert set().union(*pages) == every
    assert all(px >= FLOOR_PX for page in pages for px in page.values()), pages


def test_a_screen_reader_hears_the_notes_of_a_projected_cell_not_only_their_count(
    windows: Windows,
) -> None:
    add(windows, (0, 0), "They only call when they need a quote", "Ghosted us after the launch")
    canvas = presenter(windows).canvases[0]
    assert canvas.accessibleName().endswith("2 notes")
    assert canvas.accessibleDescription().splitlines() == [
        "They only call when they need a quote",
        "Ghosted us after the launch",
    ]
