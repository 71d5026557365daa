"""Pieces both matrix views use: the labels around the grid.

The layout (``model.LAYOUT``) has header cells besides the places: the
step's title across the top; over the deck and the row names, the axes'
questions ("Who plans the service? →" pointing at the column names, "Who
delivers it? ↓" over the row names); above each column its "who plans"
level, left of each row its "who delivers" level, named as in the seeds.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from coprod_workshop.exercises.cards.board import Board
from coprod_workshop.exercises.matrix.model import AXES, CELL_IDS, KEYPAD, TITLE, content
from coprod_workshop.ui.theme import SpokenLabel, role_label

#: the middle cell's mark (with its border and tint): not colour alone
MIDDLE_MARK = "★"
#: how the deck, the row names and the three cells share the width, by cards on the deck
DECK_STRETCH = {"empty": 1, "few": 2, "many": 2}
CELL_STRETCH = 4


def column_stretch(deck_cards: int) -> list[int]:
    """The deck narrows as it empties, so the cells get the width."""
    deck = DECK_STRETCH["empty" if not deck_cards else "few" if deck_cards <= 6 else "many"]
    return [deck, 0, CELL_STRETCH, CELL_STRETCH, CELL_STRETCH]


class FitLabel(SpokenLabel):
    """A wrapped plain-text label sized by its font: ``ems`` times the text size wide,
    and at least ``lines`` lines high (so one more line does not shift the board)."""

    def __init__(self, text: str, role: str, *, ems: float = 0, lines: int = 0) -> None:
        super().__init__(text)
        self.ems = ems
        self.lines = lines
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("role", role)
        self._fit()

    def _fit(self) -> None:
        px = self.font().pixelSize() if self.font().pixelSize() > 0 else 16
        if self.ems:
            # the longest piece Qt cannot break: lines break at spaces and after a "/"
            words = re.findall(r"[^\s/]+/?", self.text())
            widest = max((self.fontMetrics().horizontalAdvance(w) for w in words), default=0)
            margins = self.contentsMargins().left() + self.contentsMargins().right()
            self.setFixedWidth(max(round(self.ems * px), widest + margins + 4))
        self.updateGeometry()

    def _least_height(self) -> int:
        """Asked at layout time, so the font and the style's padding are always the
        current ones (a height kept from an earlier font or style would differ)."""
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        return self.lines * self.fontMetrics().lineSpacing() + margins + 8 if self.lines else 0

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return hint.expandedTo(QSize(0, self._least_height()))

    def sizeHint(self) -> QSize:  # noqa: N802
        return super().sizeHint().expandedTo(QSize(0, self._least_height()))

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return max(super().heightForWidth(width), self._least_height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()


def _wrapped(text: str, role: str, align: Qt.AlignmentFlag) -> QLabel:
    label = role_label(text, role)
    label.setAlignment(align)
    # the stretch factors, not the words' preferred widths, share out the columns
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def axis_headers(
    title: QLabel | None,
    *,
    axis_role: str,
    column_role: str,
    row_role: str,
    ems: float,
    short: bool = False,
) -> dict[str, QWidget]:
    """Widgets for the layout's header cells (``title`` across the top, if given).

    ``short``: the levels' short forms (the console's small copy of the board), with
    the seeds' names in their tooltips.
    """
    known = content()
    bottom_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
    axes = _wrapped(f"{known.plans.question} →\n{known.delivers.question} ↓", axis_role, right)
    axes.setAccessibleName(
        f"Columns: {known.plans.question} Rows: {known.delivers.question}".replace("?", ".")
    )
    headers: dict[str, QWidget] = {AXES: axes}
    if title is not None:
        title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        headers[TITLE] = title
    for level in known.plans.levels:
        label = _wrapped(level.short if short else level.name, column_role, bottom_left)
        label.setAccessibleName(f"Column, who plans: {level.name}")
        label.setToolTip(level.name)
        headers[level.id] = label
    for level in known.delivers.levels:
        label = FitLabel(level.short if short else level.name, row_role, ems=ems)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        label.setAccessibleName(f"Row, who delivers: {level.name}")
        label.setToolTip(level.name)
        headers[level.id] = label
    return headers


def legend_html(board: Board) -> str:
    """Each cell's number and whole name, in the board's reading order (7 8 9, 4 5 6, 1 2 3):
    the board itself shows the short names."""
    key = {cell: number for number, cell in KEYPAD.items()}
    ordered = sorted(CELL_IDS, key=lambda cell: (-((key[cell] - 1) // 3), key[cell]))
    return " &nbsp;·&nbsp; ".join(
        f"<b>{key[cell]}</b>&nbsp;{html.escape(board.place_name(cell))}" for cell in ordered
    )


class CellLegend(QLabel):
    """The cells' whole names, numbered as on the board, wrapped under it."""

    def __init__(self, role: str) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setProperty("role", role)
        self.setAccessibleName("The cells' full names")

    def show_board(self, board: Board) -> None:
        text = legend_html(board)
        if self.text() != text:
            self.setText(text)
