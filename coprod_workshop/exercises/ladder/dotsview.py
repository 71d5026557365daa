"""Dot rounds on screen: the facilitator's controls in the console, and the revealed order
on the projector (``voting.dots``).

The console opens a round on the step's items (N dots each), closes or reopens it,
counts hands for people without a phone (the shared hand-count box, one row per item,
``ui.handcounts``) and reveals. The projector shows nothing of the dots until revealed;
then the items in order, most dots first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.session import Session
from coprod_workshop.ui.handcounts import HandCounts
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


def dots_word(count: int) -> str:
    return f"{count} dot{'' if count == 1 else 's'}"


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
        self.status = SpokenLabel()
        self.status.setAccessibleName(self.tr("Dot round"))
        self.status.setWordWrap(True)
        self.hands: HandCounts | None = None
        self._items: tuple[tuple[str, str], ...] = ()
        row = QHBoxLayout()
        for widget in (each, self.per_person, self.open_button, self.close_button, self.reveal):
            row.addWidget(widget)
        row.addStretch(1)
        self.box = QVBoxLayout(self)
        self.box.addLayout(row)
        self.box.addWidget(self.status)
        self.refresh()

    @property
    def round(self) -> DotRound | None:
        state = self.session.step(self.step_id).state
        assert isinstance(state, Collects)
        return state.collection.dots

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

    def _hands_changed(self, choice: int, count: int) -> None:
        if self.round is not None and self.round.open:
            self.run(SetDotHands(self.step_id, self._items[choice][0], count))

    def refresh(self) -> None:
        held = self.round
        self.close_button.setVisible(held is not None)
        self.reveal.setVisible(held is not None)
        if held is None:
            self.status.setText(self.tr("No dot round yet."))
            return
        self.close_button.setText(self.tr("Close dots") if held.open else self.tr("Reopen dots"))
        self.reveal.setText(self.tr("Hide dots") if held.revealed else self.tr("Reveal dots"))
        placed = len(held.dots)
        people = len({d.participant for d in held.dots if d.source != "hand"})
        self.status.setText(
            f"{dots_word(placed)} placed ({people} phones, "
            f"{sum(1 for d in held.dots if d.source == 'hand')} hands), "
            f"{held.per_person} each; " + ("shown on the big screen" if held.revealed
                                           else "hidden until you reveal them")
        )  # fmt: skip
        if held.items != self._items:
            if self.hands is not None:
                self.box.removeWidget(self.hands)
                self.hands.deleteLater()
            self._items = held.items
            self.hands = HandCounts(len(held.items))
            self.hands.setTitle(self.tr("Dots by hand (for people without a phone)"))
            self.hands.set_names([words for _, words in held.items], "item")
            self.hands.countChanged.connect(self._hands_changed)
            self.box.addWidget(self.hands)
        assert self.hands is not None
        counts = held.counts()
        self.hands.show_counts(
            [len(held.hands(item)) for item, _ in held.items],
            held.open,
            [counts[item] for item, _ in held.items] if held.revealed else None,
        )


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
        order = tuple(held.order()[:SHOWN]) if held is not None and held.revealed else ()
        if order == self._shown:
            return False
        self._shown = order
        for line in self.lines:
            self.layout_.removeWidget(line)
            line.hide()
            line.deleteLater()
        self.lines = []
        self.setVisible(bool(order))
        self.heading.setText("Dots, most first" if order else "")
        if order:
            for number, (words, count) in enumerate(order, start=1):
                line = point_label(f"{number}.", f"{words}: {dots_word(count)}", "slide-point")
                self.lines.append(line)
                self.layout_.addWidget(line)
        self.setAccessibleName(
            "Dots, most first: " + "; ".join(f"{w}, {dots_word(c)}" for w, c in order)
            if order
            else ""
        )
        return True
