"""The journey's charts: the radar of last time over this time, and the ladder's
"now" and "wanted" at each workshop over time.

Imported only when a journey is shown; ``Figure`` and ``FigureCanvasQTAgg``
(the ladder's ``ChartCanvas``), never pyplot. Artists are made once and
moved when the journey changes, then ``draw_idle``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes

from coprod_workshop.exercises.elements.chart import Radar, series_colour
from coprod_workshop.exercises.elements.model import Summary
from coprod_workshop.exercises.journey.model import Visit, last_two_ratings
from coprod_workshop.exercises.ladder.chart import ChartCanvas
from coprod_workshop.ui import theme

MAX_SPOKES = 10


def short_date(iso: str) -> str:
    """ "2026-03-02" -> "2 Mar 2026" (the text itself if it is not a date)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso or "no date"
    return f"{day.day} {day:%b %Y}"


def matched(names: Sequence[str], visit: Visit | None) -> list[Summary | None]:
    """``visit``'s summaries for ``names`` (matched whatever the case), None where missing."""
    if visit is None:
        return [None] * len(names)
    found = {name.casefold(): summary for name, summary in visit.ratings}
    return [found.get(name.casefold()) for name in names]


class JourneyChart:
    """Radar (left) and ladder over time (right); call :meth:`update` with the visits."""

    def __init__(self) -> None:
        self.text_size = 34
        self.figure = Figure(dpi=72, facecolor=theme.BACKGROUND)
        self.canvas = ChartCanvas(self, self.figure)  # type: ignore[arg-type]
        self.canvas.setAccessibleName("The journey: last time and this time, and the ladder")
        self.radar_axes: PolarAxes | None = None
        self.radar: Radar | None = None
        self._names: tuple[str, ...] = ()
        self.ladder_axes = self.figure.add_axes((0.64, 0.18, 0.34, 0.7))
        axes = self.ladder_axes
        axes.set_facecolor(theme.BACKGROUND)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        (self.now_line,) = axes.plot(
            [], [], "-o", color=theme.ROUND_NOW, linewidth=4, markersize=12, label="now"
        )
        (self.wanted_line,) = axes.plot(
            [], [], "--s", color=theme.ROUND_WANTED, linewidth=4, markersize=12, label="wanted"
        )
        self.ladder_title = axes.set_title("", loc="left", color=theme.TEXT, fontweight="bold")
        self.radar_title = self.figure.text(0.02, 0.95, "", color=theme.TEXT, fontweight="bold")
        self.empty = self.figure.text(0.25, 0.5, "", ha="center", va="center", color=theme.MUTED)
        self.visits: list[Visit] = []
        self.draws = 0
        self.figure.canvas.mpl_connect("draw_event", self._drawn)
        self.set_text_size(self.text_size)

    def set_text_size(self, pixels: int) -> None:
        if pixels <= 0:
            return
        self.text_size = pixels
        if self.radar is not None:
            self.radar.set_text_size(pixels)
        self.ladder_axes.tick_params(labelsize=round(pixels * 0.75))
        for text in (self.ladder_title, self.radar_title, self.empty):
            text.set_fontsize(pixels)
        legend = self.ladder_axes.get_legend()
        if legend is not None:
            for text in legend.get_texts():
                text.set_fontsize(round(pixels * 0.75))
        self.canvas.draw_idle()

    def _ensure_radar(self, names: tuple[str, ...]) -> Radar | None:
        if names == self._names and (self.radar is not None or not names):
            return self.radar
        if self.radar_axes is not None:
            self.radar_axes.remove()
            self.radar_axes, self.radar = None, None
        self._names = names
        if len(names) >= 3:
            self.radar_axes = self.figure.add_axes((0.1, 0.1, 0.38, 0.74), projection="polar")  # type: ignore[assignment]
            assert self.radar_axes is not None
            self.radar = Radar(self.radar_axes, names[:MAX_SPOKES], 2, self.text_size)
        return self.radar

    def update(self, visits: Sequence[Visit]) -> None:
        visits = list(visits)
        if visits == self.visits:
            return
        self.visits = visits
        last, this = last_two_ratings(visits)
        names = tuple(name for name, _ in this.ratings) if this is not None else ()
        radar = self._ensure_radar(names)
        if radar is not None and this is not None:
            radar.set_series(0, matched(names, last))
            radar.set_series(1, matched(names, this))
            before = f"{short_date(last.date)} (dashed)" if last else "no earlier ratings"
            self.radar_title.set_text(
                f"Self-assessment: {before} → {short_date(this.date)} (solid)"
            )
            self.empty.set_text("")
        else:
            self.radar_title.set_text("Self-assessment")
            self.empty.set_text("No ratings yet")
        self._update_ladder([v for v in visits if v.ladder is not None])
        self.canvas.draw_idle()

    def _update_ladder(self, voted: list[Visit]) -> None:
        axes = self.ladder_axes
        xs = list(range(len(voted)))
        nows = [v.ladder.now if v.ladder.now is not None else math.nan for v in voted]  # type: ignore[union-attr]
        wanteds = [
            v.ladder.wanted if v.ladder.wanted is not None else math.nan  # type: ignore[union-attr]
            for v in voted
        ]
        self.now_line.set_data(xs, nows)
        self.wanted_line.set_data(xs, wanteds)
        if not voted:
            self.ladder_title.set_text("The ladder: no votes yet")
            axes.set_xticks([])
            axes.set_yticks([])
            return
        rungs = voted[-1].ladder.rungs  # type: ignore[union-attr]
        axes.set_xlim(-0.4, max(len(voted) - 0.6, 0.4))
        axes.set_ylim(0.6, len(rungs) + 0.4)
        axes.set_xticks(xs, [short_date(v.date) for v in voted])
        axes.set_yticks(range(1, len(rungs) + 1), [f"{n} {r}" for n, r in enumerate(rungs, 1)])
        axes.grid(axis="y", color=theme.GRID_LINE, linewidth=1)
        self.ladder_title.set_text("The ladder: median rung")
        if axes.get_legend() is None:
            axes.legend(loc="lower right", frameon=False, labelcolor=theme.TEXT)
        self.set_text_size(self.text_size)

    def describe(self) -> str:
        """The journey in words, for screen readers."""
        parts = []
        for visit in self.visits:
            words = [short_date(visit.date)]
            if visit.ratings:
                words.append(
                    ", ".join(
                        f"{name} {summary.median:g}"
                        for name, summary in visit.ratings
                        if summary.median is not None
                    )
                    or "no ratings"
                )
            if visit.ladder is not None:
                now = visit.ladder.now
                wanted = visit.ladder.wanted
                words.append(f"ladder now {now:g}" if now is not None else "ladder now: no votes")
                if wanted is not None:
                    words.append(f"wanted {wanted:g}")
            parts.append(": ".join(words[:1]) + (": " + "; ".join(words[1:]) if words[1:] else ""))
        return ". ".join(parts)

    def _drawn(self, _event: object) -> None:
        self.draws += 1

    def close(self) -> None:
        """Nothing pending to stop."""


__all__ = ["JourneyChart", "series_colour", "short_date"]
