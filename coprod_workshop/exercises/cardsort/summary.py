"""The card sort's summary: cards per pile as a bar chart, and the cards argued over.

Imported only when the facilitator reveals the summary, so matplotlib is not
loaded before then. The chart is a ``matplotlib.figure.Figure`` on a
``FigureCanvasQTAgg`` (never pyplot); its bars and labels are created once
and updated (``set_width``, ``set_text``, ``draw_idle``) while the piles stay
the same. Its text takes the pixel size of the summary's text role, so it is
as legible on the projector as the words beside it.
"""

from __future__ import annotations

import textwrap

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.exercises.cards.board import AGREES, DIFFERS
from coprod_workshop.exercises.cardsort.model import Answer, Summary
from coprod_workshop.ui import theme
from coprod_workshop.ui.theme import set_role

UNSORTED = "Not sorted yet"
#: cards sorted differently from the source that the summary lists by name
MAX_DIFFERING = 3
WRAP = 22


def _label(role: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    set_role(label, role)
    return label


class PileChart(FigureCanvasQTAgg):
    """Horizontal bars: how many cards each pile holds."""

    def __init__(self) -> None:
        self.figure = Figure(figsize=(6, 4), dpi=100, facecolor=theme.BACKGROUND)
        super().__init__(self.figure)
        self.setMinimumSize(120, 80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.axes = self.figure.add_subplot()
        self.names: list[str] = []
        self.bars: BarContainer | None = None
        self.counts: list = []
        self.px = 30

    def show_counts(self, rows: list[tuple[str, int]], px: int) -> None:
        names = [name for name, _ in rows]
        values = [value for _, value in rows]
        self.px = px
        if names != self.names or self.bars is None:
            self._build(names, values)
        else:
            for bar, label, value in zip(self.bars, self.counts, values, strict=True):
                bar.set_width(value)
                label.set_x(value)
                label.set_text(f" {value}")
        self.axes.set_xlim(0, max([*values, 1]) * 1.2)
        self._fit()
        self.draw_idle()

    def _build(self, names: list[str], values: list[int]) -> None:
        axes = self.axes
        axes.clear()
        axes.set_facecolor(theme.BACKGROUND)
        colours = [theme.MUTED if name == UNSORTED else theme.TITLE for name in names]
        positions = list(range(len(names)))
        self.bars = axes.barh(positions, values, color=colours, height=0.6)
        axes.set_yticks(positions, ["\n".join(textwrap.wrap(n, WRAP)) for n in names])
        axes.invert_yaxis()
        axes.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        axes.spines["left"].set_color(theme.MUTED)
        axes.tick_params(axis="y", colors=theme.TEXT, length=0)
        self.counts = [
            axes.text(
                value, y, f" {value}", va="center", ha="left", color=theme.TEXT, weight="bold"
            )
            for y, value in zip(positions, values, strict=True)
        ]
        self.names = names

    def _fit(self) -> None:
        """Text at the summary's pixel size; room on the left for the pile names."""
        points = self.px * 72 / self.figure.dpi
        for label in self.axes.get_yticklabels():
            label.set_fontsize(points)
        for label in self.counts:
            label.set_fontsize(points)
        font = QFont(self.font())
        font.setPixelSize(max(6, self.px))
        metrics = QFontMetrics(font)
        widest = max(
            (
                metrics.horizontalAdvance(line)
                for n in self.names
                for line in textwrap.wrap(n, WRAP)
            ),
            default=0,
        )
        width = max(1, self.width())
        # the names keep the room they need (the bars take what is left, at least a fifth)
        left = min(0.8, max(0.15, (widest * 1.1 + self.px) / width))
        self.figure.subplots_adjust(left=left, right=0.95, top=0.97, bottom=0.03)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        if self.bars is not None:
            self._fit()


def answers_text(answers: tuple[Answer, ...]) -> str:
    """Each reason (a principle) with how many of its cards the room sorted as the
    source does, then the first few cards sorted differently: where the source puts
    them, and why."""
    reasons = dict.fromkeys(answer.reason for answer in answers)
    lines = [
        f"{reason or 'Other'}: {sum(a.comparison == AGREES for a in mine)} of {len(mine)}"
        for reason in reasons
        for mine in [[a for a in answers if a.reason == reason]]
    ]
    differing = [a for a in answers if a.comparison == DIFFERS]
    if differing:
        lines.append("Where the room and the source differ (worth discussing):")
        lines += [
            f"{a.text}: the source puts it in {a.place.split(':')[0]}"
            + (f" ({a.reason})" if a.reason else "")
            for a in differing[:MAX_DIFFERING]
        ]
        if len(differing) > MAX_DIFFERING:
            lines.append(f"and {len(differing) - MAX_DIFFERING} more")
    return "\n".join(lines)


class SummaryView(QWidget):
    """Cards per pile (chart), the contested and flagged cards, and what is left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Summary of the card sort")
        self.heading = _label("cardsort-summary-heading")
        self.heading.setText("Cards in each pile")
        self.chart = PileChart()
        self.chart.setAccessibleName("Chart: cards in each pile")
        self.contested_heading = _label("cardsort-summary-heading")
        self.contested_heading.setText("⇄ Moved back and forth")
        self.contested = _label("cardsort-summary-text")
        self.flagged_heading = _label("cardsort-summary-heading")
        self.flagged_heading.setText("⚑ Flagged for discussion")
        self.flagged = _label("cardsort-summary-text")
        self.answers_heading = _label("cardsort-summary-heading")
        self.answers_heading.setText("Where the source puts the cards")
        self.answers = _label("cardsort-summary-text")
        self.answers.setAccessibleName("Where the source puts each card, and why")
        #: where the cards come from, under the chart (the chart gives up the room it takes)
        self.credit = _label("slide-source")
        self.credit.setAccessibleName("Source of the cards")
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(self.chart, 1)
        left.addWidget(self.credit)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.contested_heading)
        right.addWidget(self.contested)
        self._gap = QSpacerItem(0, 24)  # a line's height, scaled with the text
        right.addItem(self._gap)
        right.addWidget(self.flagged_heading)
        right.addWidget(self.flagged)
        self._answers_gap = QSpacerItem(0, 0)  # a line's height while the answers show
        right.addItem(self._answers_gap)
        right.addWidget(self.answers_heading)
        right.addWidget(self.answers)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self._summary: Summary | None = None
        self._credit = ""
        # The frame sizes the labels' text (not this widget's): the chart follows them.
        self.contested.installEventFilter(self)

    def show_summary(self, summary: Summary, credit: str | None = None) -> None:
        """Show ``summary``; ``credit`` (who the cards come from) stays until given again."""
        self._summary = summary
        if credit is not None:
            self._credit = credit
        self.credit.setText(f"Source: {self._credit}" if self._credit else "")
        self.credit.setVisible(bool(self._credit))
        rows = summary.counts()
        if summary.unsorted:
            rows.append((UNSORTED, len(summary.unsorted)))
        px = self._px()
        self._gap.changeSize(0, px)
        self.chart.show_counts(rows, px)
        self.chart.setAccessibleDescription("; ".join(f"{name}: {count}" for name, count in rows))
        self.contested.setText(
            "\n".join(
                f"{text} ({moves} moves, now in “{place}”)"
                for text, moves, place in summary.contested
            )
            or "None: the room agreed on every card."
        )
        self.flagged.setText("\n".join(summary.flagged) or "None yet.")
        self.answers_heading.setVisible(bool(summary.answers))
        self._answers_gap.changeSize(0, px if summary.answers else 0)
        self.answers.setVisible(bool(summary.answers))
        self.answers.setText(answers_text(summary.answers))

    def _px(self) -> int:
        font = self.contested.font()
        return font.pixelSize() if font.pixelSize() > 0 else 30

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FontChange and self._summary is not None:
            self.show_summary(self._summary)
        return False
