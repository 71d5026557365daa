"""Dot rounds on screen: the facilitator's controls in the console, and the revealed order
on the projector (``voting.dots``).

The console opens a round on the step's items (N dots each), closes or reopens it,
counts hands for people without a phone (the shared hand-count box, one row per item,
``ui.handcounts``), lets people without a phone take turns at the shared screen
(``participation.screendots``) and reveals. The projector shows nothing of the dots until revealed;
then the items in order, most dots first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.session import Session
from coprod_workshop.ui.handcounts import MAX_HANDS, HandCounts
from coprod_workshop.ui.theme import SpokenLabel, explain, point_label, role_label
from coprod_workshop.voting.dots import (
    DEFAULT_DOTS,
    MAX_DOTS,
    DotRound,
    OpenDots,
    SetDotHands,
    SetDotsFlag,
)
from coprod_workshop.voting.inbox import Collects

#: items the projector lists once the dots are revealed
SHOWN = 8
#: items with a row of hands each; beyond, one item at a time is chosen from a list
HAND_ROWS = 40


def dots_word(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("dots", "1 dot")
    return QCoreApplication.translate("dots", "{0} dots").format(count)


class DotsPanel(QGroupBox):
    """Open a dot round on the step's items, count hands, close, reveal."""

    def __init__(self, session: Session, step_id: str, run: Callable[[Any], None]) -> None:
        super().__init__("Dots")
        self.session, self.step_id, self.run = session, step_id, run
        self.per_person = QSpinBox()
        self.per_person.setRange(1, MAX_DOTS)
        self.per_person.setValue(DEFAULT_DOTS)
        self.per_person.setAccessibleName(self.tr("Dots each person has"))
        self.per_person.lineEdit().setAccessibleName(self.per_person.accessibleName())
        each = QLabel(self.tr("Dots each"))
        each.setBuddy(self.per_person)
        self.open_button = QPushButton(self.tr("Open a dot round"))
        explain(self.open_button, self.tr("Each phone, or hand, puts dots on the items it favours"))
        self.open_button.clicked.connect(self.open_round)
        self.close_button = QPushButton(self.tr("Close dots"))
        self.close_button.clicked.connect(self._toggle_open)
        self.reveal = QPushButton(self.tr("Reveal dots"))
        self.reveal.clicked.connect(self._toggle_reveal)
        self.screen_button = QPushButton(self.tr("Dots on the shared screen"))
        self.screen_button.setCheckable(True)
        explain(
            self.screen_button,
            self.tr("People without a phone take turns to place their dots on the big screen"),
        )
        self.screen_button.clicked.connect(self._toggle_screen)
        self.status = SpokenLabel()
        self.status.setAccessibleName(self.tr("Dot round"))
        self.status.setWordWrap(True)
        self.hands: HandCounts | None = None
        #: for a round of many items: choose the item, then count its hands
        self.hand_item = QComboBox()
        self.hand_item.setAccessibleName(self.tr("Item to count hands for"))
        self.hand_item.view().setAccessibleName(self.tr("Items"))
        self.hand_count = QSpinBox()
        self.hand_count.setRange(0, MAX_HANDS)
        self.hand_count.setAccessibleName(self.tr("Hands for the chosen item"))
        self.hand_count.lineEdit().setAccessibleName(self.hand_count.accessibleName())
        self.hand_item.currentIndexChanged.connect(lambda _: self.refresh())
        self.hand_count.valueChanged.connect(
            lambda value: self._hands_changed(self.hand_item.currentIndex(), value)
        )
        self.many = QWidget()
        many = QHBoxLayout(self.many)
        many.setContentsMargins(0, 0, 0, 0)
        hands_label = QLabel(self.tr("Dots by hand for"))
        hands_label.setBuddy(self.hand_item)
        many.addWidget(hands_label)
        many.addWidget(self.hand_item, 1)
        many.addWidget(self.hand_count)
        self._items: tuple[tuple[str, str], ...] = ()
        row = QHBoxLayout()
        buttons = (self.open_button, self.close_button, self.screen_button, self.reveal)
        for widget in (each, self.per_person, *buttons):
            row.addWidget(widget)
        row.addStretch(1)
        self.box = QVBoxLayout(self)
        self.box.addLayout(row)
        self.box.addWidget(self.status)
        self.box.addWidget(self.many)
        self.many.hide()
        self.refresh()

    @property
    def round(self) -> DotRound | None:
        state = cast(Collects, self.session.step(self.step_id).state)  # built for one
        dots = state.collection.dots
        assert dots is None or isinstance(dots, DotRound)
        return dots

    def open_round(self) -> None:
        state = self.session.step(self.step_id).state
        assert isinstance(state, Collects)
        items = state.dot_items()
        if not items:
            self.status.setText(self.tr("There is nothing to put dots on yet."))
            return
        self.run(OpenDots(self.step_id, items, self.per_person.value()))

    def _toggle_open(self) -> None:
        held = self.round
        if held is not None:
            self.run(SetDotsFlag(self.step_id, "open", not held.open))

    def _toggle_reveal(self) -> None:
        held = self.round
        if held is not None:
            self.run(SetDotsFlag(self.step_id, "revealed", not held.revealed))

    def _toggle_screen(self) -> None:
        held = self.round
        if held is not None:
            self.run(SetDotsFlag(self.step_id, "screen", not held.screen))
        self.refresh()  # the button shows the round's setting, whatever was pressed

    def _hands_changed(self, choice: int, count: int) -> None:
        held = self.round
        if held is not None and held.open and 0 <= choice < len(self._items):
            if held.hand_counts()[choice] != count:
                self.run(SetDotHands(self.step_id, self._items[choice][0], count))

    def refresh(self) -> None:
        held = self.round
        self.close_button.setVisible(held is not None)
        self.reveal.setVisible(held is not None)
        self.screen_button.setVisible(held is not None)
        if held is None:
            self.status.setText(self.tr("No dot round yet."))
            return
        self.close_button.setText(self.tr("Close dots") if held.open else self.tr("Reopen dots"))
        self.reveal.setText(self.tr("Hide dots") if held.revealed else self.tr("Reveal dots"))
        self.screen_button.setChecked(held.screen)
        self.screen_button.setEnabled(held.open)
        hands = held.hand_counts()
        self.status.setText(
            self.tr("{0} placed ({1} phones, {2} at the shared screen, {3} hands), {4} each; "
                    "{5}").format(
                dots_word(len(held.dots)), held.phones(), held.at_screen(),
                sum(hands), held.per_person,
                self.tr("shown on the big screen") if held.revealed
                else self.tr("hidden until you reveal them"),
            )
        )  # fmt: skip
        if held.items != self._items:
            if self.hands is not None:
                self.box.removeWidget(self.hands)
                self.hands.deleteLater()
                self.hands = None
            self._items = held.items
            few = len(held.items) <= HAND_ROWS
            self.many.setVisible(not few)
            if few:  # the shared box of hands, a row per item
                self.hands = HandCounts(len(held.items))
                self.hands.setTitle(self.tr("Dots by hand (for people without a phone)"))
                self.hands.set_names([words for _, words in held.items], "item")
                self.hands.countChanged.connect(self._hands_changed)
                self.box.addWidget(self.hands)
            else:
                self.hand_item.blockSignals(True)
                self.hand_item.clear()
                self.hand_item.addItems([words for _, words in held.items])
                self.hand_item.blockSignals(False)
        if self.hands is not None:
            counts = held.counts()
            self.hands.show_counts(
                hands,
                held.open,
                [counts[item] for item, _ in held.items] if held.revealed else None,
            )
        else:
            chosen = max(0, self.hand_item.currentIndex())
            self.hand_count.blockSignals(True)
            self.hand_count.setValue(hands[chosen] if hands else 0)
            self.hand_count.blockSignals(False)
            self.hand_count.setEnabled(held.open)


class DotsOrder(QWidget):
    """On the projector once revealed: the items, most dots first (nothing before)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = role_label("", "slide-prompt")
        self.lines: list[QWidget] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.heading)
        self._shown: tuple[Any, ...] | None = None
        self.hide()

    def update_from(self, held: DotRound | None) -> bool:
        """Show ``held``'s order if revealed; return whether anything changed."""
        whole = tuple(held.order()) if held is not None and held.revealed else ()
        order, rest = whole[:SHOWN], whole[SHOWN:]
        key = (order, len(rest), sum(count for _, count in rest))
        if key == self._shown:
            return False
        self._shown = key
        for line in self.lines:
            self.layout_.removeWidget(line)
            line.hide()
            line.deleteLater()
        self.lines = []
        self.setVisible(bool(order))
        heading = self.tr("Dots, most first")
        self.heading.setText(heading if order else "")
        if order:
            for number, (words, count) in enumerate(order, start=1):
                line = point_label(f"{number}.", f"{words}: {dots_word(count)}", "slide-point")
                self.lines.append(line)
                self.layout_.addWidget(line)
        more = ""
        if rest:  # said, never silently left out
            more = self.tr("and {0} more with fewer dots ({1} between them), all in the report")
            more = more.format(len(rest), dots_word(sum(count for _, count in rest)))
            line = point_label("…", more, "slide-source")
            self.lines.append(line)
            self.layout_.addWidget(line)
        self.setAccessibleName(
            f"{heading}: " + "; ".join(f"{w}, {dots_word(c)}" for w, c in order)
            + (f"; {more}" if more else "")
            if order
            else ""
        )
        return True
