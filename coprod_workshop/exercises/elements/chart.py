"""Charts of a self-assessment: a radar of the room's median per element with the
spread, and per-element bars of how many chose each point of the scale.

matplotlib is heavy, so this module is imported only when results are shown
(never at start-up). It uses ``Figure`` and ``FigureCanvasQTAgg`` (the
ladder's :class:`~coprod_workshop.exercises.ladder.chart.ChartCanvas`, which
follows the projector's text size), never pyplot. Artists are made once; new
ratings only move them (``set_data``, ``set_xy``, ``set_width``), then
``draw_idle``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.colors import to_rgba as with_alpha
from matplotlib.patches import Polygon, Rectangle
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text

from coprod_workshop.exercises.elements.model import SCALE_POINTS, Summary
from coprod_workshop.exercises.ladder.chart import ChartCanvas
from coprod_workshop.ui import theme

#: colours of the points of the scale in the bars, 1 (light) to 5 (dark)
POINT_COLOURS = theme.SCALE_POINT_COLOURS
POINT_TEXT = (theme.TEXT, theme.ON_DARK, theme.ON_DARK, theme.ON_DARK, theme.ON_DARK)


def series_colour(index: int) -> str:
    return theme.ROUND_COLOURS[index % len(theme.ROUND_COLOURS)]


class Radar:
    """On a polar axes: one spoke per element, 0 to 5 outwards; per series a median
    line with dots, and a shaded band for the middle half of the room's ratings."""

    def __init__(self, axes: PolarAxes, names: Sequence[str], series: int, text_size: int) -> None:
        self.axes = axes
        self.names = list(names)
        self.angles = [2 * math.pi * i / len(names) for i in range(len(names))]
        axes.set_theta_offset(math.pi / 2)  # the first element at the top, then clockwise
        axes.set_theta_direction(-1)
        axes.set_facecolor(theme.BACKGROUND)
        axes.set_ylim(0, SCALE_POINTS)
        axes.set_yticks(range(1, SCALE_POINTS + 1))
        axes.set_yticklabels([str(n) for n in range(1, SCALE_POINTS + 1)], color=theme.MUTED)
        axes.set_rlabel_position(180 / len(names))
        axes.set_xticks(self.angles)
        axes.set_xticklabels(self.names, color=theme.TEXT)
        axes.set_xlim(0, 2 * math.pi)
        axes.grid(color=theme.GRID_LINE, linewidth=1.2)
        axes.spines["polar"].set_color(theme.CARD_BORDER)
        self.medians: list[Line2D] = []
        self.bands: list[Polygon] = []
        for index in range(series):
            colour = series_colour(index)
            dashes = "-" if index == series - 1 else "--"
            (line,) = axes.plot(
                [], [], dashes, color=colour, linewidth=4, marker="o", markersize=12, zorder=4
            )
            # The spread of the room's ratings: a light tint, outlined in the series
            # colour so the shape stands out (3:1) from the chart behind it.
            band = Polygon(
                [[0, 0]],
                closed=True,
                facecolor=with_alpha(colour, 0.18),
                edgecolor=colour,
                linewidth=1.5,
                linestyle=":",
                zorder=2,
            )
            axes.add_patch(band)
            self.medians.append(line)
            self.bands.append(band)
        self.set_text_size(text_size)

    def set_text_size(self, pixels: int) -> None:
        self.axes.tick_params(axis="x", labelsize=pixels, pad=pixels * 0.5)
        self.axes.tick_params(axis="y", labelsize=round(pixels * 0.75))

    def set_series(self, index: int, summaries: Sequence[Summary | None]) -> None:
        """Show series ``index``; an element without ratings breaks its line."""
        thetas, medians, lows, highs = [], [], [], []
        for angle, summary in zip(self.angles, summaries, strict=False):
            if summary is None or summary.median is None:
                thetas.append(angle)
                medians.append(math.nan)
                lows.append(0.0)
                highs.append(0.0)
                continue
            thetas.append(angle)
            medians.append(summary.median)
            lows.append(summary.low or 0.0)
            highs.append(summary.high or 0.0)
        if thetas:
            thetas.append(thetas[0])
            medians.append(medians[0])
        self.medians[index].set_data(thetas, medians)
        outer = list(zip(self.angles, highs, strict=False))
        inner = list(zip(self.angles, lows, strict=False))
        ring = [*outer, outer[0], inner[0], *reversed(inner)] if outer else [[0, 0]]
        self.bands[index].set_xy(ring)


class ElementsChart:
    """The radar beside per-element bars; call :meth:`update` with the summaries."""

    def __init__(self, names: Sequence[str], scale_names: Sequence[str]) -> None:
        self.names = list(names)
        self.text_size = 34
        self.figure = Figure(dpi=72, facecolor=theme.BACKGROUND)
        self.canvas = ChartCanvas(self, self.figure)  # type: ignore[arg-type]
        self.canvas.setAccessibleName("Ratings chart: median per element, with the spread")
        self.radar_axes: PolarAxes = self.figure.add_axes(
            (0.07, 0.1, 0.38, 0.8), projection="polar"
        )  # type: ignore[assignment]
        self.radar = Radar(self.radar_axes, self.names, 1, self.text_size)
        self.bar_axes = self.figure.add_axes((0.6, 0.04, 0.38, 0.92))
        axes = self.bar_axes
        axes.set_axis_off()
        count = len(self.names)
        axes.set_ylim(count - 0.5, -0.5)
        axes.set_xlim(0, 1)
        self.segments: list[list[Rectangle]] = []
        self.segment_labels: list[list[Text]] = []
        self.row_labels: list[Text] = []
        for row, name in enumerate(self.names):
            label = axes.text(
                0, row - 0.32, name, ha="left", va="center", color=theme.TEXT, fontweight="bold"
            )
            self.row_labels.append(label)
            bars, texts = [], []
            for point in range(SCALE_POINTS):
                bar = Rectangle(
                    (0, row - 0.1),
                    0,
                    0.42,
                    facecolor=POINT_COLOURS[point],
                    edgecolor=theme.BACKGROUND,
                    linewidth=1.5,
                )
                axes.add_patch(bar)
                text = axes.text(
                    0, row + 0.11, "", ha="center", va="center", color=POINT_TEXT[point]
                )
                bars.append(bar)
                texts.append(text)
            self.segments.append(bars)
            self.segment_labels.append(texts)
        self.scale_names = list(scale_names)
        self.summaries: list[Summary] = []
        self.draws = 0
        self.figure.canvas.mpl_connect("draw_event", self._drawn)
        self.set_text_size(self.text_size)

    def set_text_size(self, pixels: int) -> None:
        if pixels <= 0:
            return
        self.text_size = pixels
        self.radar.set_text_size(pixels)
        for label in self.row_labels:
            label.set_fontsize(pixels)
        for texts in self.segment_labels:
            for text in texts:
                text.set_fontsize(round(pixels * 0.8))
        self.canvas.draw_idle()

    def update(self, summaries: Sequence[Summary]) -> None:
        """Show each element's median and spread on the radar and its counts as bars."""
        summaries = list(summaries)
        if summaries == self.summaries:
            return
        self.summaries = summaries
        self.radar.set_series(0, summaries)
        for row, summary in enumerate(summaries):
            total = max(summary.count, 1)
            left = 0.0
            for point, (bar, text) in enumerate(
                zip(self.segments[row], self.segment_labels[row], strict=True)
            ):
                share = summary.counts[point] / total
                bar.set_x(left)
                bar.set_width(share)
                text.set_position((left + share / 2, row + 0.11))
                text.set_text(str(summary.counts[point]) if summary.counts[point] else "")
                left += share
            median = "no ratings yet" if summary.median is None else f"median {summary.median:g}"
            self.row_labels[row].set_text(f"{self.names[row]}: {median}")
        self.canvas.draw_idle()

    def describe(self) -> str:
        """The chart in words (for screen readers and the accessible description)."""
        parts = []
        for name, summary in zip(self.names, self.summaries, strict=False):
            if summary.median is None:
                parts.append(f"{name}: no ratings")
            else:
                parts.append(
                    f"{name}: median {summary.median:g}, middle half {summary.low:g} to "
                    f"{summary.high:g}, {summary.count} ratings"
                )
        return "; ".join(parts)

    def _drawn(self, _event: object) -> None:
        self.draws += 1

    def close(self) -> None:
        """Nothing pending to stop (``draw_idle`` coalesces redraws itself)."""
