"""The ladder vote on the shared screen: the question, the ladder, and (when shown) the results.

One person at a time taps or clicks a rung, or presses its number
(``participation.turns``: the thank-you, the next person, the number keys, the join
panel, shared with the self-assessment); the vote counter above the ladder goes up
with every vote. The chart (matplotlib) is imported only when the results are shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.ladder.ladderwidget import LadderWidget
from coprod_workshop.exercises.ladder.model import LadderStep
from coprod_workshop.participation.phone import PhoneVoting
from coprod_workshop.participation.turns import TurnsView, votes_so_far
from coprod_workshop.ui.theme import set_role

if TYPE_CHECKING:
    from coprod_workshop.exercises.ladder.chart import LadderChart

def shown_rounds(state: LadderStep) -> list[int]:
    """Indexes of the rounds the chart shows: those opened so far (at least the first)."""
    shown = [i for i, r in enumerate(state.rounds) if r.status != "not-started" or r.count]
    return shown or [0]



def describe(ladder: Any, rounds: list[Any]) -> str:
    """The chart in words: each round's votes for each rung, top rung first."""
    parts = []
    for vote_round in rounds:
        tally = vote_round.tally()
        counts = ", ".join(
            f"{rung.number} {rung.name}: {tally[index] if index < len(tally) else 0}"
            for index, rung in reversed(list(enumerate(ladder.rungs)))
        )
        parts.append(f"{vote_round.question} {counts}.")
    return " ".join(parts) or "No votes yet."

class LadderPresenter(TurnsView):
    """The question, the ladder to vote on, and the results chart when they are shown.

    With ``run`` the room can vote here (projector or console preview); without
    it the view only shows.
    """

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None] | None = None,
        phone: PhoneVoting | None = None,
    ) -> None:
        super().__init__(session, step_id, run, phone, "Votes so far in this round")
        self.chart: LadderChart | None = None
        self.ladder: LadderWidget | None = None
        self._ladder_id = ""
        self.setAccessibleName("Ladder of co-production vote")
        self.hint.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        set_role(self.legend, "chart-legend")
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(24)
        self._results.hide()
        page = QVBoxLayout(self._vote_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addLayout(self._row, 1)
        page.addWidget(self.legend)
        self.pages.addWidget(self._vote_page)
        self.pages.addWidget(self.thanks)
        self.lay_out()
        self._align_timer = QTimer(self)
        self._align_timer.setSingleShot(True)
        self._align_timer.setInterval(0)
        self._align_timer.timeout.connect(self.align_chart)
        self.start()

    # -- building --------------------------------------------------------------
    @property
    def state(self) -> LadderStep:
        return self.step.state  # type: ignore[no-any-return]

    def _build_ladder(self) -> None:
        state = self.state
        if self.ladder is not None:
            self._row.removeWidget(self.ladder)
            self.ladder.hide()
            self.ladder.deleteLater()
        self.drop_chart()
        self._ladder_id = state.ladder_id
        self.ladder = LadderWidget(state.ladder)
        self.ladder.rungChosen.connect(self.vote)
        for watched in (self.ladder, *self.ladder.buttons):
            watched.installEventFilter(self)  # the chart follows where the rungs are
        self._row.insertWidget(0, self.ladder, 11)
        self.make_keys(len(state.ladder))
        self._row.addWidget(self._results, 9)
        ladder = state.ladder
        where = ladder.link_text or urlparse(ladder.link).netloc.removeprefix("www.")
        self.credit.setText(f"{ladder.credit}\n{where}" if where else ladder.credit)
        self.credit.setToolTip(ladder.link)
        self.contentChanged.emit()

    def _ensure_chart(self) -> LadderChart:
        if self.chart is None:
            from coprod_workshop.exercises.ladder.chart import LadderChart

            self.chart = LadderChart(self.state.ladder, len(shown_rounds(self.state)))
            self._results_layout.addWidget(self.chart.canvas)
            self.chart.canvas.installEventFilter(self)
            set_role(self.chart.canvas, "chart-text")
            self.contentChanged.emit()  # the frame sizes the chart's text
        return self.chart

    def detach(self) -> None:
        super().detach()
        self._align_timer.stop()

    # -- showing ---------------------------------------------------------------
    def redraw(self, change: Change | None = None) -> None:
        state = self.state
        if state.ladder_id != self._ladder_id:
            self._build_ladder()
        assert self.ladder is not None
        current = state.current_round
        self.question.setText(current.question if current else state.rounds[0].question)
        self.hint.setText(self._hint_text())
        self.setAccessibleDescription(f"{self.question.text()} {self.hint.text()}")
        open_round = state.open_round
        self.counter.setVisible(open_round is not None)
        self.counter.setText(votes_so_far(open_round.count) if open_round is not None else "")
        voting = state.open_round is not None and self._run is not None
        self.ladder.set_voting(voting)
        self._show_results(state.results_shown)
        if self.thanking and (
            state.open_round is None or (change is not None and change.detail == "results")
        ):
            self.next_person()  # voting closed or results revealed: the room looks at the ladder

    def _hint_text(self) -> str:
        state = self.state
        position = ""
        if len(state.rounds) > 1 and state.current_round is not None:
            number = state.round_index(state.current_round.id) + 1
            position = f"Round {number} of {len(state.rounds)}. "
        invitation = f"Tap your rung, or press its number (1–{len(state.ladder)})."
        return self.turn_hint(position, invitation, "Voting")

    def _show_results(self, shown: bool) -> None:
        assert self.ladder is not None
        self.ladder.set_descriptions_shown(not shown)
        if not shown:
            self._results.hide()
            self.legend.hide()
            return
        state = self.state
        rounds = shown_rounds(state)
        chart = self._ensure_chart()
        chart.set_rounds(len(rounds))
        chart.update([state.rounds[i].tally() for i in rounds])
        chart.canvas.setAccessibleDescription(  # what the bars show, for a screen reader
            describe(state.ladder, [state.rounds[i] for i in rounds])
        )
        self.legend.setText(self._legend_html(rounds))
        self.legend.show()
        if self._results.isHidden():
            self._results.show()
            self._align_timer.start()

    def _legend_html(self, rounds: list[int]) -> str:
        from coprod_workshop.exercises.ladder.chart import round_colour

        state = self.state
        parts = []
        for place, index in enumerate(rounds):
            vote_round = state.rounds[index]
            votes = "vote" if vote_round.count == 1 else "votes"
            parts.append(
                f'<span style="color:{round_colour(place)}">■</span>&nbsp;'
                f"{html.escape(vote_round.question)} ({vote_round.count}&nbsp;{votes})"
            )
        return "&nbsp;&nbsp;&nbsp; ".join(parts)

    def align_chart(self) -> None:
        """Level each rung's bars with the rung's button."""
        if self.chart is None or self.ladder is None or self._results.isHidden():
            return
        origin = self.chart.canvas.mapTo(self, QPoint(0, 0)).y()
        spans = []
        for button in self.ladder.buttons:
            top = button.mapTo(self, QPoint(0, 0)).y() - origin
            spans.append((top, top + button.height()))
        self.chart.align(spans)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self._align_timer.start()
        return False

    # -- voting ------------------------------------------------------------------
    def choices(self) -> int:
        return len(self.state.ladder)

    def page_after_thanks(self) -> QWidget:
        return self._vote_page

    def after_next_person(self) -> None:
        self._align_timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._align_timer.start()
