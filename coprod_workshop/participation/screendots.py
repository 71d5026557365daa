"""Dots on the shared screen, for people without a phone: one person at a time.

While the facilitator lets the shared screen take dots (``DotRound.screen``), the
projector and the console's preview show the round's items instead of the board.
The person at the screen taps an item (or picks it with the arrow keys and presses
Space or Enter) to put a dot on it, as many as their dots allow, several on one item
if they like; "Take a dot off" (or Minus, Backspace, Delete) takes one off the chosen
item. "Done" thanks them ("your dots are in", never the counts) and hands the screen
to the next person (``NextDotTurn``). Every dot is a command of its own, placed as the
person goes: nothing waits for "Done", and nothing is lost if they walk away. A dot
refused (all placed, the round closed) is said so on the screen, never dropped.

Both screens draw the same turn from the session, so a dot placed on one shows on
the other at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.participation.turns import THANKS_MS, ThanksPanel, key_while_thanking
from coprod_workshop.ui.pages import is_projected
from coprod_workshop.ui.theme import role_label, set_role
from coprod_workshop.voting.dots import DotRound, NextDotTurn, PlaceDot

ADD_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Plus}
TAKE_OFF_KEYS = {Qt.Key.Key_Minus, Qt.Key.Key_Backspace, Qt.Key.Key_Delete}
#: keys the list leaves to the window (moving between steps)
WINDOW_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Escape}
DOT = "●"


class ScreenDotsSlot:
    """Where a step's projected view shows the shared screen's dots, in place of its board:
    the dots are made on first use (most rounds never need them) and inserted in
    ``layout`` at ``place()``, shown while the round is open and the screen takes dots.
    Without ``run`` (a view that only shows) there are none."""

    def __init__(
        self,
        view: Any,
        run: Callable[[Any], None] | None,
        layout: QBoxLayout,
        place: Callable[[], int],
        stretch: int = 1,
    ) -> None:
        self.view, self.run, self.layout, self.place, self.stretch = (
            view, run, layout, place, stretch
        )  # fmt: skip
        self.dots: ScreenDots | None = None

    @property
    def taking(self) -> bool:
        """Whether the dots are in the board's place."""
        return self.dots is not None and not self.dots.isHidden()

    def follow(self, held: DotRound | None) -> bool:
        """Show the round's turn (or hide it); whether that changed."""
        taking = held is not None and held.open and held.screen and self.run is not None
        if taking and self.dots is None:
            assert self.run is not None
            self.dots = ScreenDots(self.view.session, self.view.step_id, self.run)
            self.dots.hide()
            self.layout.insertWidget(self.place(), self.dots, self.stretch)
        if self.dots is None:
            return False
        if taking:
            self.dots.update_from(held)
        changed = taking != self.taking
        self.dots.setVisible(taking)
        return changed

    def stop(self) -> None:
        if self.dots is not None:
            self.dots.stop()


def dots_left(held: DotRound) -> int:
    return held.per_person - held.placed_by(held.turn)


def item_text(number: int, words: str, mine: int) -> str:
    """One item as the list shows it: its number, its words, the person's own dots."""
    return f"{number}. {words}" + (f"   {DOT * mine}" if mine else "")


def item_spoken(words: str, mine: int) -> str:
    return f"{words}: {mine} of your dots" if mine else f"{words}: none of your dots"


class ScreenDots(QWidget):
    """One person's dots on the shared screen (see the module's docstring)."""

    def __init__(
        self, session: Any, step_id: str, run: Callable[[Any], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.step_id, self._run = session, step_id, run
        self.held: DotRound | None = None
        self._turn = ""
        self._items: tuple[tuple[str, str], ...] = ()
        self.setAccessibleName(self.tr("Dots on the shared screen"))
        self.heading = role_label("", "slide-prompt")
        self.left = role_label("", "ladder-hint")
        self.left.setAccessibleName(self.tr("Your dots"))
        self.list = QListWidget()
        set_role(self.list, "dots-item")
        self.list.setAccessibleName(self.tr("Items to put your dots on"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemClicked.connect(lambda item: self.add(self.list.row(item)))
        self.list.installEventFilter(self)
        self.add_button = self._button(
            self.tr("Add a dot"), self.tr("Add a dot to the chosen item")
        )
        self.add_button.clicked.connect(lambda: self.add(self.list.currentRow()))
        self.take_off_button = self._button(
            self.tr("Take a dot off"), self.tr("Take one of your dots off the chosen item")
        )
        self.take_off_button.clicked.connect(lambda: self.take_off(self.list.currentRow()))
        self.done_button = self._button(self.tr("Done: next person"), self.tr("Done: next person"))
        set_role(self.done_button, "thanks-button")
        self.done_button.clicked.connect(self.done)
        #: what just happened, or why a press was refused (said, never silent)
        self.message = role_label("", "ladder-hint")
        self.message.setAccessibleName(self.tr("Dots message"))
        self.thanks = ThanksPanel()
        self.thanks.title.setText(self.tr("Thank you — your dots are in."))
        self.thanks.setAccessibleName(self.tr("Thank you: your dots are in"))
        self.thanks.done.connect(self.next_person)
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(THANKS_MS)
        self._thanks_timer.timeout.connect(self.next_person)

        page = QWidget()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.take_off_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.left)
        column.addWidget(self.list, 1)
        column.addLayout(buttons)
        column.addWidget(self.message)
        self.page = page
        self.pages = QStackedWidget()
        self.pages.addWidget(page)
        self.pages.addWidget(self.thanks)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        set_role(button, "dots-button")
        button.setAccessibleName(name)
        button.setAutoDefault(False)
        return button

    # -- the person's presses --------------------------------------------------------------
    def add(self, row: int) -> None:
        self._press(row, add=True)

    def take_off(self, row: int) -> None:
        self._press(row, add=False)

    def _press(self, row: int, *, add: bool) -> None:
        held = self.held
        if held is None or not 0 <= row < len(held.items):
            self.message.setText(self.tr("Choose an item first."))
            return
        item, words = held.items[row]
        command = PlaceDot(
            self.step_id, held.id, held.turn, item, add=add, source="screen"
        )
        outcome = command.check(self.session)
        if outcome == "limit":
            self.message.setText(
                self.tr("All {0} of your dots are placed. Take one off to move it, or press Done.")
                .format(held.per_person)
            )
        elif outcome == "invalid" and not add:
            self.message.setText(self.tr("You have no dot on that item to take off."))
        elif outcome:
            self.message.setText(self.tr("The dot round is closed; this dot was not placed."))
        else:
            self._run(command)
            said = self.tr("Dot added to: {0}") if add else self.tr("Dot taken off: {0}")
            self.message.setText(said.format(words))
        self.list.setCurrentRow(row)

    def done(self) -> None:
        held = self.held
        if held is None:
            return
        if held.placed_by(held.turn) == 0:
            self.message.setText(self.tr("No dots placed yet: the next person can start."))
            return
        self._run(NextDotTurn(self.step_id))

    # -- drawing -----------------------------------------------------------------------
    def update_from(self, held: DotRound | None) -> None:
        """Draw ``held``'s turn; a new turn after dots placed thanks the person before."""
        self.held = held
        if held is None:
            return
        if self._turn and held.turn != self._turn and held.placed_by(self._turn) > 0:
            self.show_thanks()
        if held.turn != self._turn:
            self._turn = held.turn
            self.message.setText("")
        if held.items != self._items:
            self._items = held.items
            self.list.clear()
            for _ in held.items:
                self.list.addItem(QListWidgetItem())
            if held.items:
                self.list.setCurrentRow(0)
        mine = held.mine(held.turn)
        for row, ((_, words), count) in enumerate(zip(held.items, mine)):
            entry = self.list.item(row)
            entry.setText(item_text(row + 1, words, count))
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, item_spoken(words, count))
        left = dots_left(held)
        self.heading.setText(
            self.tr("Your turn: put your {0} dots on what matters most to you.").format(
                held.per_person
            )
        )
        self.left.setText(
            self.tr("All your dots are placed. Press Done when you are happy.")
            if left <= 0
            else self.tr("Dots left: {0} of {1}. Tap an item, or choose it and press Space.")
            .format(left, held.per_person)
        )

    @property
    def thanking(self) -> bool:
        return self.pages.currentWidget() is self.thanks

    def show_thanks(self) -> None:
        if self.list.hasFocus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)  # any key then clears the thanks
        self.pages.setCurrentWidget(self.thanks)
        self._thanks_timer.start()

    def next_person(self) -> None:
        self._thanks_timer.stop()
        self.pages.setCurrentWidget(self.page)
        if self.isVisible() and self.window().isActiveWindow():
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        self._thanks_timer.stop()

    # -- keys ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if event.isAutoRepeat() and key in ADD_KEYS | TAKE_OFF_KEYS:
                return True  # a held key is one dot
            if key in ADD_KEYS:
                self.add(self.list.currentRow())
                return True
            if key in TAKE_OFF_KEYS:
                self.take_off(self.list.currentRow())
                return True
            if key in WINDOW_KEYS:
                event.ignore()  # on to the window: the arrows still move between steps
                return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not key_while_thanking(event, self.thanking, self.next_person):
            super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        # On the projector the items take the keyboard from the grid they replace, so the
        # arrows choose an item rather than move the step (the preview leaves it be).
        if is_projected(self):
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
