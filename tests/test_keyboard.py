"""Keyboard only: Tab reaches every control of the console and leaves every table and
list; F6 moves between the console's regions; nothing traps the keyboard."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabBar, QWidget

from coprod_workshop.app import Windows
from coprod_workshop.paths import builtin_plans
from coprod_workshop.ui.focus import takes_tab
from tests.helpers import shots_folder, spoken_name

LIMIT = 600


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard focus went nowhere"
    return widget


def tab_walk(start: QWidget, key: Qt.Key = Qt.Key.Key_Tab) -> list[QWidget]:
    """The controls Tab stops on from ``start`` until it comes back to it."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert focused() is start
    seen = [start]
    for _ in range(LIMIT):
        QTest.keyClick(focused(), key)
        widget = focused()
        if widget is start:
            return seen
        assert widget not in seen, f"Tab is caught in a loop at {widget!r} ({seen[-3:]})"
        seen.append(widget)
    raise AssertionError(f"Tab never came back to where it started: {seen[-5:]}")


def resolve(widget: QWidget) -> QWidget:
    """The widget that really takes the keys (a spin box's text field, say)."""
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def controls(window: QWidget) -> set[QWidget]:
    return {
        resolve(w) for w in window.findChildren(QWidget) if takes_tab(w) and w.window() is window
    }


def open_plan(windows: Windows, qtbot: Any, name: str) -> Any:
    from coprod_workshop.storage.library import BUILTIN

    plan = next(p for p in builtin_plans() if p.name.startswith(name))
    assert windows.workshop.start_from_template(BUILTIN + plan.name)
    windows.console.show()
    windows.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)
    return windows.workshop.session


def steps_in_turn(windows: Windows, session: Any) -> Iterator[Any]:
    """Each step of ``session``, once the workshop is on it."""
    for index, step in enumerate(session.steps):
        windows.workshop.go_to(index)
        QApplication.processEvents()
        yield step


@pytest.mark.parametrize("plan", [p.stem for p in builtin_plans()])
def test_tab_reaches_every_control_of_every_step_and_leaves_every_list(
    windows: Windows, qtbot: Any, plan: str
) -> None:
    session = open_plan(windows, qtbot, plan)
    console = windows.console
    for step in steps_in_turn(windows, session):
        body = console.body
        assert body is not None
        others = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isModal()]
        assert not others, (step.title, others)  # no key opened a dialog
        console.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is console)
        forward = tab_walk(body.agenda.table)
        missed = controls(console) - {resolve(w) for w in forward}
        assert not missed, (step.title, sorted(w.accessibleName() or repr(w) for w in missed))
        views = [w for w in forward if isinstance(w, QAbstractItemView)]
        assert all(not v.tabKeyNavigation() for v in views), step.title
        assert any(body.step_panel.isAncestorOf(w) for w in forward), step.title
        backward = tab_walk(body.agenda.table, Qt.Key.Key_Backtab)
        scrollers = {w for w in forward if isinstance(w.parentWidget(), QTabBar)}
        assert set(backward) | scrollers == set(forward), step.title  # Shift+Tab: the way back


def test_f6_moves_between_the_console_s_regions_and_back(windows: Windows, qtbot: Any) -> None:
    open_plan(windows, qtbot, "introduction")
    body = windows.console.body
    body.agenda.table.setFocus()
    regions = []
    for _ in range(4):
        QTest.keyClick(focused(), Qt.Key.Key_F6)
        regions.append(next(r for r in body.regions() if r.isAncestorOf(focused())))
    assert regions[0] is not body.agenda and body.agenda in regions  # round and back
    QTest.keyClick(focused(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert regions[-2].isAncestorOf(focused())


def test_every_region_f6_reaches_shows_it_has_the_keyboard(windows: Windows, qtbot: Any) -> None:
    """WCAG 2.4.7: the agenda and the preview draw a thick frame in the title colour while
    they have the keyboard; in the step's controls, the control itself shows it."""
    from PySide6.QtGui import QColor

    from coprod_workshop.ui import theme

    open_plan(windows, qtbot, "introduction")
    body = windows.console.body
    title = QColor(theme.TITLE).rgb()
    framed = {body.agenda.table, body.preview_view}

    def edges(widget: QWidget) -> list[int]:
        picture = widget.grab().toImage()
        return [picture.pixel(1, picture.height() // 2), picture.pixel(picture.width() // 2, 1)]

    body.agenda.table.setFocus()
    reached = set()
    for _ in range(3):
        QTest.keyClick(focused(), Qt.Key.Key_F6)
        QApplication.processEvents()
        for widget in framed:
            shown = edges(widget) == [title, title]
            assert shown == (widget is focused()), (widget.accessibleName(), focused())
        reached |= framed & {focused()}
    assert reached == framed


def test_the_sue_and_mick_cells_let_tab_out_at_either_end(windows: Windows, qtbot: Any) -> None:
    from coprod_workshop.exercises.relationship.console import RelationshipConsole

    session = open_plan(windows, qtbot, "introduction")
    index = next(i for i, s in enumerate(session.steps) if s.kind == "relationship")
    windows.workshop.go_to(index)
    QApplication.processEvents()
    (grid,) = windows.console.findChildren(RelationshipConsole)
    first, last = grid.cells[0].entry, grid.cells[-1].entry
    last.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(last, Qt.Key.Key_Tab)
    assert focused() not in [c.entry for c in grid.cells]  # past the sixth cell, not the first
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(first, Qt.Key.Key_Backtab)
    assert focused() not in [c.entry for c in grid.cells]
    grid.cells[2].entry.setFocus()
    QTest.keyClick(grid.cells[2].entry, Qt.Key.Key_Tab)
    assert focused() is grid.cells[3].entry  # inside the grid Tab still goes cell to cell


def test_tab_leaves_the_agenda_editor_s_table_and_reaches_its_buttons(
    windows: Windows, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QPushButton

    open_plan(windows, qtbot, "introduction")
    menus = windows.console.menus
    menus.edit_agenda_action.trigger()
    editor = menus.dialog
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    walk = tab_walk(editor.table)
    assert len(walk) > 3 and not editor.table.tabKeyNavigation()
    buttons = [w for w in walk if isinstance(w, QPushButton)]
    assert buttons, "Tab never reached the editor's buttons"
    assert not controls(editor) - {resolve(w) for w in walk}
    editor.close()


def mnemonic(text: str) -> str:
    """The letter Alt presses for ``text`` ("" if none)."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else ""


@pytest.mark.parametrize("plan", ["introduction", "six-months-on"])
def test_alt_letters_never_reach_past_the_menus(windows: Windows, qtbot: Any, plan: str) -> None:
    """No button of any step takes the letter of a menu (Alt+H opens Help, not a button)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    session = open_plan(windows, qtbot, plan)
    console = windows.console
    menus = {mnemonic(a.text()) for a in console.menuBar().actions()}
    assert {"f", "e", "g", "v", "h"} <= menus
    for step in steps_in_turn(windows, session):
        labelled = [l for l in console.findChildren(QLabel) if l.buddy() is not None]
        taken = [
            (mnemonic(w.text()), w.text())
            for w in [*console.findChildren(QAbstractButton), *labelled]
            if w.isVisible() and mnemonic(w.text()) in menus
        ]
        assert not taken, (step.title, taken)


def test_f1_lists_every_key_of_the_console_and_of_the_step(
    windows: Windows, qtbot: Any, tmp_path: Path
) -> None:
    from coprod_workshop.exercises.relationship.console import KEYS_HINT
    from coprod_workshop.ui.keysref import KeyReference

    session = open_plan(windows, qtbot, "introduction")
    windows.workshop.go_to(next(i for i, s in enumerate(session.steps) if s.kind == "relationship"))
    QApplication.processEvents()
    QTest.keyClick(windows.console, Qt.Key.Key_F1)
    dialog = windows.console.menus.dialog
    assert isinstance(dialog, KeyReference) and dialog.isVisible()
    console, step = (dialog.tree.topLevelItem(n) for n in range(2))
    rows = {console.child(n).text(0): console.child(n).text(1) for n in range(console.childCount())}
    menus = windows.console.menus
    shown = (menus.next_action, menus.present_action, menus.details_action, menus.keys_action)
    for action in shown:
        name = action.text().replace("&", "").rstrip("…")
        assert action.shortcut().toString() in rows[name], name  # read from the action itself
    assert "Space" in rows["Next step"] and "F6" in rows["Next region"]
    lines = [step.child(n).text(0) for n in range(step.childCount())]
    assert "Enter adds" in lines and " · ".join(lines) == " ".join(KEYS_HINT.split())
    assert not dialog.tree.tabKeyNavigation()
    dialog.grab().save(str(shots_folder(tmp_path) / "keyboard-reference.png"))


def readable(widget: QWidget) -> bool:
    """Whether a screen reader gets the label's text: it has no name of its own (the text is
    read), or its name or description holds the text."""
    from PySide6.QtWidgets import QLabel

    assert isinstance(widget, QLabel)
    text = " ".join(widget.text().split()).lstrip("•– ").strip()
    if not text or widget.textFormat() == Qt.TextFormat.RichText or "<" in text:
        return True
    spoken = " ".join(f"{widget.accessibleName()} {widget.accessibleDescription()}".split())
    return not widget.accessibleName() or text.casefold() in spoken.casefold()


@pytest.mark.parametrize("plan", ["introduction", "six-months-on"])
def test_what_the_windows_show_reaches_a_screen_reader(
    windows: Windows, qtbot: Any, plan: str
) -> None:
    from PySide6.QtWidgets import QLabel

    session = open_plan(windows, qtbot, plan)
    windows.projector.show()
    for step in steps_in_turn(windows, session):
        for window in (windows.console, windows.projector):
            silent = [
                (label.accessibleName(), label.text()[:40])
                for label in window.findChildren(QLabel)
                if label.isVisible() and not readable(label)
            ]
            assert not silent, (step.title, silent)


@pytest.mark.parametrize("plan", [p.stem for p in builtin_plans()])
def test_every_tab_stop_of_the_projector_has_a_name_and_says_what_it_asks(
    windows: Windows, qtbot: Any, plan: str
) -> None:
    """A co-facilitator with a screen reader who tabs into the projector window hears what
    the place is and what the room is asked, never just "group"."""
    session = open_plan(windows, qtbot, plan)
    windows.projector.show()
    nameless = set()
    for step in steps_in_turn(windows, session):
        stops = {w for w in controls(windows.projector) if w.isVisible()}
        if stops:  # Tab walks all of them and comes back: no trap in the projector either
            windows.projector.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.projector)
            assert set(tab_walk(min(stops, key=id))) >= stops, step.title
        for widget in stops:
            if not spoken_name(widget).strip():
                nameless.add((step.kind, type(widget).__name__))
            if step.kind in ("ladder", "elements"):
                question = getattr(widget, "question", None)
                if question is not None:
                    assert question.text() in widget.accessibleDescription(), step.title
    assert not nameless


def test_the_ladder_chart_says_in_words_what_its_bars_show(windows: Windows, registry: Any) -> None:
    from tests import played

    plan = next(p for p in builtin_plans() if p.name.startswith("introduction"))
    session = played.played_plan(plan, registry)
    windows.workshop.store.save(session)
    assert windows.workshop.open_saved(session.id)
    index = next(i for i, s in enumerate(session.steps) if s.kind == "ladder")
    windows.workshop.go_to(index)
    QApplication.processEvents()
    chart = windows.projector.frame.view.chart
    state = windows.workshop.session.steps[index].state
    words = chart.canvas.accessibleDescription()
    for vote_round in state.rounds:
        assert vote_round.question in words
        top = state.ladder.rungs[-1]
        assert f"{top.number} {top.name}: {vote_round.tally()[-1]}" in words
    assert words.index(state.ladder.rungs[-1].name) < words.index(state.ladder.rungs[0].name)


def test_the_card_place_with_the_keyboard_shows_it_even_when_empty(
    windows: Windows, qtbot: Any
) -> None:
    from coprod_workshop.exercises.cardsort.views import CardSortConsole

    session = open_plan(windows, qtbot, "introduction")
    windows.workshop.go_to(next(i for i, s in enumerate(session.steps) if s.kind == "cardsort"))
    QApplication.processEvents()
    (sort,) = windows.console.findChildren(CardSortConsole)
    empty = next(p for p in sort.board.panels.values() if p.view.model().rowCount() == 0)
    before = empty.grab().toImage()
    empty.view.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert empty.property("focused") is True
    after = empty.grab().toImage()
    width, height = min(before.width(), after.width()), min(before.height(), after.height())
    changed = sum(
        before.pixel(x, y) != after.pixel(x, y)
        for x in range(0, width, 2)
        for y in range(0, height, 2)
    )
    assert changed > (width + height) // 2  # a frame all round, not a dot
    windows.console.body.agenda.table.setFocus()
    QApplication.processEvents()
    assert empty.property("focused") is False


@pytest.mark.parametrize("plan", [p.stem for p in builtin_plans()])
def test_a_list_or_table_with_the_keyboard_shows_it_with_a_thick_frame(
    windows: Windows, qtbot: Any, plan: str
) -> None:
    """WCAG 2.4.7: the agenda, and every list and table of every step, draws a thick frame
    in the title colour while it has the keyboard (a card place's own frame shows it)."""
    from PySide6.QtGui import QColor

    from coprod_workshop.exercises.cards.placeview import PlaceView
    from coprod_workshop.ui import theme

    session = open_plan(windows, qtbot, plan)
    console = windows.console
    title = QColor(theme.TITLE).rgb()

    def edge(view: QAbstractItemView) -> list[int]:
        """The colours of the view's left and top edges, 2 px in (inside a thick frame,
        on the padding of a thin one)."""
        picture = view.grab().toImage()
        return [picture.pixel(2, picture.height() // 2), picture.pixel(picture.width() // 2, 2)]

    checked = 0
    for step in steps_in_turn(windows, session):
        console.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is console)
        body = console.body
        views = [
            v
            for v in console.findChildren(QAbstractItemView)
            if takes_tab(v) and v.window() is console and not isinstance(v, PlaceView)
        ]
        for view in views:
            assert view.property("focusFrame") is True, (step.title, view.accessibleName())
            if view is not body.agenda.table:
                body.agenda.table.setFocus(Qt.FocusReason.TabFocusReason)
            else:
                body.step_panel.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            assert title not in edge(view), (step.title, view.accessibleName())
            before = view.geometry()
            view.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            assert view.hasFocus(), (step.title, view.accessibleName())
            assert edge(view) == [title, title], (step.title, view.accessibleName())
            assert view.geometry() == before  # nothing moves
            checked += 1
    assert checked > len(session.steps)  # the agenda on every step, and the steps' own


def test_card_place_borders_reach_3_to_1_against_what_they_meet() -> None:
    from coprod_workshop.ui import theme
    from tests.helpers import contrast

    for background in (theme.BACKGROUND, theme.CARD_PLACE, theme.CARD_DECK, theme.BAND_WITH):
        assert contrast(theme.CARD_PLACE_BORDER, background) >= 3, background


@pytest.mark.parametrize("plan", [p.stem for p in builtin_plans()])
def test_every_control_s_name_holds_its_visible_label(
    windows: Windows, qtbot: Any, plan: str
) -> None:
    """WCAG 2.5.3: someone who says what they see ("Reveal now") reaches that control."""
    from PySide6.QtWidgets import QAbstractButton

    session = open_plan(windows, qtbot, plan)
    wrong: set[tuple[str, str]] = set()
    for index in range(len(session.steps)):
        windows.workshop.go_to(index)
        QApplication.processEvents()
        for button in windows.console.findChildren(QAbstractButton):
            label = " ".join(button.text().replace("&&", "\0").replace("&", "").split())
            label = label.replace("\0", "&").rstrip("…").strip()
            name = button.accessibleName()
            words = re.search("[A-Za-z]", label)  # "+" and "−" are named for what they do
            if button.isVisible() and words and name and label.casefold() not in name.casefold():
                wrong.add((label, name))
    assert not sorted(wrong)


def test_a_card_moved_by_keyboard_is_announced(
    windows: Windows, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coprod_workshop.exercises.cardsort.views import CardSortConsole
    from coprod_workshop.ui import focus

    said: list[str] = []

    class Listener:  # stands in for the screen reader's end of QAccessible
        @staticmethod
        def updateAccessibility(event: Any) -> None:  # noqa: N802
            said.append(event.message())

    monkeypatch.setattr(focus, "QAccessible", Listener)
    session = open_plan(windows, qtbot, "introduction")
    windows.workshop.go_to(next(i for i, s in enumerate(session.steps) if s.kind == "cardsort"))
    QApplication.processEvents()
    (sort,) = windows.console.findChildren(CardSortConsole)
    deck = sort.board.view("deck")
    deck.setFocus(Qt.FocusReason.TabFocusReason)
    deck.select_row(0)
    card = deck.current_card()
    text = sort.board_actions.board.card(card).text
    QTest.keyClick(deck, Qt.Key.Key_1)
    place = sort.board_actions.board.locate(card)[0]
    name = sort.board_actions.board.place_name(place)
    assert said == [f"{text} moved to {name}, now 1 there"]


@pytest.mark.parametrize("plan", ["introduction", "six-months-on"])
def test_no_control_of_a_step_is_squeezed_at_the_console_s_usual_size(
    windows: Windows, qtbot: Any, plan: str
) -> None:
    """At 1600x1000 every control of every step keeps the height its text needs (the
    step's side scrolls when it must)."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    session = open_plan(windows, qtbot, plan)
    windows.console.resize(1600, 1000)
    squeezed: set[tuple[str, str, str, int]] = set()
    for index, step in enumerate(session.steps):
        windows.workshop.go_to(index)
        qtbot.wait(100)  # the panel lays out its step's controls
        panel = windows.console.body.step_panel
        kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)
        for widget in panel.findChildren(QWidget):
            if widget.objectName().startswith("qt_"):  # a spin box's own text field
                continue
            if isinstance(widget, kinds) and widget.isVisible():
                if widget.height() < widget.minimumSizeHint().height():
                    kind = type(widget).__name__
                    squeezed.add((step.title, kind, spoken_name(widget), widget.height()))
    assert not sorted(squeezed)


@pytest.mark.parametrize("plan", [p.stem for p in builtin_plans()])
def test_enter_clicks_the_console_s_button_that_has_the_keyboard(
    windows: Windows, qtbot: Any, plan: str
) -> None:
    """As Space does: a keyboard user who presses Enter on "Start phones" starts them."""
    from PySide6.QtWidgets import QPushButton

    session = open_plan(windows, qtbot, plan)
    console = windows.console
    for step in steps_in_turn(windows, session):
        buttons = [b for b in console.findChildren(QPushButton) if b.isVisibleTo(console)]
        assert buttons or step.kind == "info"
        for button in buttons:
            assert button.autoDefault(), (step.title, button.text())
    if plan != "introduction":
        return
    from coprod_workshop.participation.phone import PhoneVoting

    index = next(i for i, s in enumerate(session.steps) if s.kind == "relationship")
    windows.workshop.go_to(index)
    console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is console)
    QTest.keyClick(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    start = focused()
    assert isinstance(start, QPushButton) and start.text().replace("&", "") == "Start phones"
    QTest.keyClick(start, Qt.Key.Key_Return)
    phone = PhoneVoting.of(windows.workshop)
    try:
        qtbot.waitUntil(lambda: phone.serving(session.steps[index].id), timeout=5000)
    finally:
        phone.stop()
