"""The ladder vote's results chart: one horizontal bar per rung per round.

matplotlib is heavy, so this module is imported only when results are shown
(never at start-up). It uses ``Figure`` and ``FigureCanvasQTAgg``, never
pyplot. The artists (band shading, bars, count labels) are created once;
a new vote only changes bar widths and label texts, then asks for a redraw
with ``draw_idle``. Redraws are throttled to one per ``THROTTLE_MS`` so that a
burst of votes (a room of phones) never stalls the event loop.

The chart's vertical axis is in the canvas's own pixels: :meth:`LadderChart.align`
places each rung's bars level with that rung's button on the ladder beside it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation
from matplotlib.transforms import blended_transform_factory
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QSizePolicy, QWidget

from coprod_workshop.exercises.ladder.model import Ladder
from coprod_workshop.ui import theme

THROTTLE_MS = 40
HATCHES = ("", "//", "", "\\\\", "..", "xx")
#: part of the space between two rung centres the bars of one rung fill
GROUP_FILL = 0.78


def round_colour(index: int) -> str:
    return theme.ROUND_COLOURS[index % len(theme.ROUND_COLOURS)]


def round_hatch(index: int) -> str:
    return HATCHES[index % len(HATCHES)]


class ChartCanvas(FigureCanvasQTAgg):
    """The canvas; follows its font (set by the projector's text scaling)."""

    def __init__(self, chart: LadderChart, figure: Figure) -> None:
        super().__init__(figure)
        self.chart = chart
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(80, 80)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.chart.set_text_size(self.font().pixelSize())


class LadderChart:
    """Bars for ``rounds`` rounds on ``ladder``; call :meth:`update` with the tallies."""

    def __init__(self, ladder: Ladder, rounds: int, parent: QWidget | None = None) -> None:
        self.ladder = ladder
        self.figure = Figure(dpi=72, facecolor=theme.BACKGROUND)
        self.canvas = ChartCanvas(self, self.figure)
        self.canvas.setAccessibleName("Results chart")
        if parent is not None:
            self.canvas.setParent(parent)
        self.axes = self.figure.add_axes((0.01, 0.0, 0.98, 1.0))
        self.axes.set_axis_off()
        self.axes.set_xlim(0, 1)
        self.axes.set_ylim(100, 0)
        span = blended_transform_factory(self.axes.transAxes, self.axes.transData)
        self.band_patches = [
            Rectangle(
                (0, 0),
                1,
                0,
                transform=span,
                facecolor=theme.BAND_COLOURS[band % len(theme.BAND_COLOURS)],
                edgecolor="none",
                zorder=0,
                gid="ground",  # a tint the bars and counts lie on, not a mark of its own
            )
            for band in range(len(ladder.bands))
        ]
        for patch in self.band_patches:
            self.axes.add_patch(patch)
        self.axes.axvline(0, color=theme.TEXT, linewidth=3, zorder=3)
        self.bars: list[list[Rectangle]] = []
        self.labels: list[list[Annotation]] = []
        self.text_size = 24
        self.rung_spans: list[tuple[float, float]] = []
        self.tallies: list[tuple[int, ...]] = []
        self.draws = 0
        self.figure.canvas.mpl_connect("draw_event", self._drawn)
        self._last_draw = 0.0
        self._throttle = QTimer(self.canvas)
        self._throttle.setSingleShot(True)
        self._throttle.timeout.connect(self._draw_now)
        self.set_rounds(rounds)

    # -- artists -------------------------------------------------------------
    def set_rounds(self, rounds: int) -> None:
        """Have one bar per rung for each of ``rounds`` rounds (artists made once per count)."""
        rounds = max(1, rounds)
        if len(self.bars) == rounds:
            return
        for artist in [a for row in self.bars + self.labels for a in row]:
            artist.remove()
        self.bars, self.labels = [], []
        for index in range(rounds):
            colour = round_colour(index)
            row: list[Rectangle] = []
            texts = []
            for _rung in self.ladder.rungs:
                bar = Rectangle(
                    (0, 0),
                    0,
                    0,
                    facecolor=colour,
                    edgecolor=theme.BACKGROUND if round_hatch(index) else colour,
                    linewidth=0,
                    hatch=round_hatch(index) or None,
                    zorder=2,
                )
                self.axes.add_patch(bar)
                row.append(bar)
                label = self.axes.annotate(
                    "",
                    xy=(0, 0),
                    xytext=(8, 0),
                    textcoords="offset points",
                    va="center",
                    ha="left",
                    color=theme.TEXT,
                    fontweight="bold",
                    fontsize=self.text_size,
                    zorder=4,
                    annotation_clip=False,
                )
                texts.append(label)
            self.bars.append(row)
            self.labels.append(texts)
        self._place_bars()
        self._refresh_all()

    def set_text_size(self, pixels: int) -> None:
        """Count labels ``pixels`` tall (the figure's 72 dpi makes a point one pixel)."""
        if pixels <= 0 or pixels == self.text_size:
            return
        self.text_size = pixels
        for label in (t for row in self.labels for t in row):
            label.set_fontsize(pixels)
        self.schedule_draw()

    # -- data ------------------------------------------------------------------
    def update(self, tallies: Sequence[tuple[int, ...]]) -> None:
        """Show ``tallies[r][i]`` votes for rung ``i`` in round ``r``: set widths, then redraw.

        Only the bars whose count changed are touched.
        """
        tallies = [tuple(t) for t in tallies]
        top = max((n for tally in tallies for n in tally), default=0)
        limit = max(top, 1) * 1.22  # room to the right of the longest bar for its count
        changed = False
        if self.axes.get_xlim()[1] != limit:
            self.axes.set_xlim(0, limit)
            changed = True
        for index, (row, texts) in enumerate(zip(self.bars, self.labels, strict=True)):
            tally = tallies[index] if index < len(tallies) else ()
            old = self.tallies[index] if index < len(self.tallies) else None
            for rung, (bar, label) in enumerate(zip(row, texts, strict=True)):
                count = tally[rung] if rung < len(tally) else 0
                text = str(count) if tally else ""
                if (
                    old is not None
                    and rung < len(old)
                    and old[rung] == count
                    and label.get_text() == text
                ):
                    continue
                bar.set_width(count)
                label.xy = (count, bar.get_y() + bar.get_height() / 2)
                label.set_text(text)
                label.set_color(theme.TEXT if count else theme.MUTED)
                changed = True
        self.tallies = tallies
        if changed:
            self.schedule_draw()

    def align(self, rung_spans: Sequence[tuple[float, float]]) -> None:
        """Level the bars with the rungs: ``rung_spans[i]`` is (top, bottom) of rung ``i``
        in the canvas's pixels (rung 0 is the bottom one)."""
        spans = [(float(a), float(b)) for a, b in rung_spans]
        height = max(self.canvas.height(), 1)
        if spans == self.rung_spans and self.axes.get_ylim() == (height, 0):
            return
        self.rung_spans = spans
        self.axes.set_ylim(height, 0)
        self._place_bars()
        self._refresh_all()

    def _refresh_all(self) -> None:
        """Re-set every bar and label (after the bars moved or were made)."""
        tallies, self.tallies = self.tallies, []
        self.update(tallies)
        self.schedule_draw()

    def _place_bars(self) -> None:
        spans = self.rung_spans
        if len(spans) != len(self.ladder.rungs):
            return
        centres = [(top + bottom) / 2 for top, bottom in spans]
        pitch = abs(centres[0] - centres[1]) if len(centres) > 1 else spans[0][1] - spans[0][0]
        gap = max(0.0, pitch - (spans[0][1] - spans[0][0]))
        group = pitch * GROUP_FILL
        thickness = group / len(self.bars)
        for index, row in enumerate(self.bars):
            for rung, bar in enumerate(row):
                # Each bar is centred in its slot, with a hairline of space around it.
                bar.set_y(centres[rung] - group / 2 + (index + 0.04) * thickness)
                bar.set_height(thickness * 0.92)
        for band, patch in zip(self.ladder.bands, self.band_patches, strict=True):
            top = spans[band.last][0] - gap / 2
            bottom = spans[band.first][1] + gap / 2
            patch.set_y(top)
            patch.set_height(bottom - top)

    # -- drawing ---------------------------------------------------------------
    def schedule_draw(self) -> None:
        """Redraw soon: at once if the last draw was long enough ago, else at most
        once per ``THROTTLE_MS`` (the last call always ends in a draw)."""
        if self._throttle.isActive():
            return
        wait = THROTTLE_MS - (time.perf_counter() - self._last_draw) * 1000
        if wait <= 0:
            self._draw_now()
        else:
            self._throttle.start(max(1, round(wait)))

    def _draw_now(self) -> None:
        self._last_draw = time.perf_counter()
        self.canvas.draw_idle()

    def _drawn(self, _event: object) -> None:
        self._last_draw = time.perf_counter()
        self.draws += 1

    def close(self) -> None:
        self._throttle.stop()
