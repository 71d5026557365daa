"""Counts of hands for each choice of a vote round, in the facilitator's console.

A spin box per choice, with − and + buttons that repeat while held, the top
choice first; typing a number works too. Used by vote steps whose rounds the
room may answer by a show of hands (``voting.commands.SetHandCount``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QToolButton,
    QWidget,
)

MAX_HANDS = 999


class HandCounts(QGroupBox):
    """One row per choice: its label, −, the count, +, and (once shown) the round's total.

    Signals:
        countChanged(int, int): the facilitator made the hands for a choice (0 is
            the lowest) this many.
    """

    countChanged = Signal(int, int)

    def __init__(self, choices: int, parent: QWidget | None = None) -> None:
        super().__init__("Show of hands", parent)
        grid = QGridLayout(self)
        grid.setVerticalSpacing(2)
        self.spins: list[QSpinBox] = []
        self.labels: list[QLabel] = []
        self.totals: list[QLabel] = []
        self.steps: list[tuple[QToolButton, QToolButton]] = []
        for choice in reversed(range(choices)):
            label = QLabel()
            spin = QSpinBox()
            spin.setRange(0, MAX_HANDS)
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setMaximumWidth(64)
            label.setBuddy(spin)
            fewer, more = QToolButton(), QToolButton()
            for button, text, step in ((fewer, "−", -1), (more, "+", 1)):
                button.setText(text)
                button.setAutoRepeat(True)
                button.clicked.connect(lambda _=False, s=spin, d=step: s.stepBy(d))
            spin.valueChanged.connect(lambda value, c=choice: self.countChanged.emit(c, value))
            total = QLabel()
            row = choices - 1 - choice
            for column, widget in enumerate((label, fewer, spin, more, total)):
                grid.addWidget(widget, row, column)
            self.spins.insert(0, spin)
            self.labels.insert(0, label)
            self.steps.insert(0, (fewer, more))
            self.totals.insert(0, total)
        grid.setColumnStretch(4, 1)

    def set_names(self, names: Sequence[str], noun: str = "") -> None:
        """Name each choice (lowest first), on screen and for screen readers (``noun``:
        what a choice is called, "rung" on the ladder)."""
        for choice, name in enumerate(names):
            self.labels[choice].setText(f"{choice + 1}  {name}")
            which = f"{noun} {choice + 1}: {name}".strip()
            self.spins[choice].setAccessibleName(f"Hands for {which}")
            fewer, more = self.steps[choice]
            fewer.setAccessibleName(f"One fewer hand for {which}")
            more.setAccessibleName(f"One more hand for {which}")
            for button, verb in ((fewer, "fewer"), (more, "more")):
                button.setToolTip(f"One {verb} hand")
            self.totals[choice].setAccessibleName(f"All votes for {which}")

    def show_counts(
        self, hands: Sequence[int], enabled: bool, totals: Sequence[int] | None = None
    ) -> None:
        """Show the round's hands (without signalling); totals of every source if given."""
        for choice, spin in enumerate(self.spins):
            if spin.value() != hands[choice]:
                spin.blockSignals(True)
                spin.setValue(hands[choice])
                spin.blockSignals(False)
            for widget in (spin, *self.steps[choice]):
                widget.setEnabled(enabled)
            self.totals[choice].setVisible(totals is not None)
            self.totals[choice].setText(f"= {totals[choice]} in all" if totals is not None else "")
        self.setToolTip("" if enabled else "Open the round to enter counts of hands")
