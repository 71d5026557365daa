"""The self-assessment on the shared screen: the element being rated, its scale, the results.

Turn-taking is the ladder's: one person at a time taps a point of the scale or
presses its number (1-5), the screen thanks them without showing anything of
how they rated, and clears for the next person. Once the facilitator reveals
the results, the radar and the bars replace the scale.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.elements.model import SCALE_POINTS, SelfAssessment
from coprod_workshop.exercises.ladder.ladderwidget import LadderWidget
from coprod_workshop.exercises.ladder.model import Band, Ladder, Rung
from coprod_workshop.participation.phone import PhoneVoting
from coprod_workshop.participation.turns import TurnsView, votes_so_far
from coprod_workshop.ui.theme import role_label

if TYPE_CHECKING:
    from coprod_workshop.exercises.elements.chart import ElementsChart


def scale_as_ladder(state: SelfAssessment) -> Ladder:
    """The scale drawn as the ladder's rungs: 1 at the bottom, 5 at the top."""
    source = state.source
    rungs = tuple(
        Rung(number, point.name, point.description, 0)
        for number, point in enumerate(state.scale, start=1)
    )
    bands = (Band("", "", 0, SCALE_POINTS - 1),)
    return Ladder(
        "scale", "Scale of 1 to 5", source.credit, source.link, source.link_text, rungs, bands
    )


class ElementsPresenter(TurnsView):
    """The element being rated and its scale; the radar and bars once revealed."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None] | None = None,
        phone: PhoneVoting | None = None,
    ) -> None:
        super().__init__(session, step_id, run, phone, "Ratings so far of this element")
        self.chart: ElementsChart | None = None
        self.scale: LadderWidget | None = None
        self._scale_key: tuple[Any, ...] = ()
        self._chart_key: tuple[str, ...] = ()
        self.setAccessibleName("Self-assessment")
        self.description = role_label("", "ladder-hint")
        self.summary = role_label("", "chart-legend")
        self._vote_layout = QVBoxLayout(self._vote_page)
        self._vote_layout.setContentsMargins(0, 0, 0, 0)
        for page in (self._vote_page, self.thanks, self._results):
            self.pages.addWidget(page)
        self.lay_out(self.description)
        #: keys 1 to 5 rate anywhere in this window where no text field takes them, as on
        #: the ladder (a press while "thank you" shows is the next person's rating)
        self.make_keys(SCALE_POINTS)
        self.start()

    @property
    def state(self) -> SelfAssessment:
        return self.step.state  # type: ignore[no-any-return]

    # -- building --------------------------------------------------------------
    def _build_scale(self) -> None:
        if self.scale is not None:
            self._vote_layout.removeWidget(self.scale)
            self.scale.hide()
            self.scale.deleteLater()
        self.scale = LadderWidget(scale_as_ladder(self.state))
        self.scale.setAccessibleName("Scale of 1 to 5")
        for label in self.scale.band_labels:
            label.hide()
        for button in self.scale.buttons:
            button.setAccessibleName(f"{button.rung.number}: {button.rung.name}")
        self.scale.rungChosen.connect(self.vote)
        self._vote_layout.addWidget(self.scale)
        self.contentChanged.emit()

    def _ensure_chart(self) -> ElementsChart:
        names = tuple(e.name for e in self.state.elements)
        if self.chart is not None and names != self._chart_key:
            self.drop_chart()
        if self.chart is None:
            from coprod_workshop.exercises.elements.chart import ElementsChart

            self.chart = ElementsChart(names, [p.name for p in self.state.scale])
            self._chart_key = names
            self.chart.canvas.setProperty("role", "chart-text")
            self._results_layout.addWidget(self.chart.canvas, 1)
            self._results_layout.addWidget(self.summary)
            self.contentChanged.emit()  # the frame sizes the chart's text
        return self.chart

    # -- showing ---------------------------------------------------------------
    def phone_welcome(self) -> bool:
        return super().phone_welcome() and not self.state.results_shown

    def results_shown(self) -> bool:
        return bool(self.state.results_shown)

    def page_after_thanks(self) -> QWidget:
        return self._results if self.state.results_shown else self._vote_page

    def redraw(self, change: Change | None = None) -> None:
        state = self.state
        key = (state.scale,)
        if key != self._scale_key:
            self._scale_key = key
            self._build_scale()
        assert self.scale is not None
        current = state.current_round
        shown = state.results_shown
        if shown:
            self.question.setText("Where are we now?")
            self.description.setText(
                f"{state.source.title}: the line is the room's median rating, "
                "the shading the middle half of the room."
            )
        else:
            element = state.element(current.id) if current else state.elements[0]
            self.question.setText(element.name)
            self.description.setText(element.description)
        self.hint.setText(self._hint_text())
        self.setAccessibleDescription(f"{self.question.text()} {self.hint.text()}")
        self.hint.setVisible(not shown)
        open_round = state.open_round
        self.counter.setVisible(open_round is not None and not shown)
        self.counter.setText(votes_so_far(open_round.count) if open_round is not None else "")
        self.scale.set_voting(state.open_round is not None and self._run is not None)
        source = state.source
        where = source.link_text
        self.credit.setText(f"{source.credit}\n{where}" if where else source.credit)
        self.credit.setToolTip(source.link)
        if shown:
            chart = self._ensure_chart()
            chart.update(state.summaries())
            words = chart.describe()
            chart.canvas.setAccessibleDescription(words)
            counted = max((s.count for s in state.summaries()), default=0)
            self.summary.setText(
                f"Bars: how many chose each point, 1 = {state.scale[0].name} (lightest) to "
                f"5 = {state.scale[-1].name} (darkest). Up to {counted} ratings per element."
            )
            self.pages.setCurrentWidget(self._results)
            self._thanks_timer.stop()
        elif self.pages.currentWidget() is self._results or (
            self.thanking and state.open_round is None
        ):
            self.next_person()
        if self.join is not None:
            self._phone_changed()

    def _hint_text(self) -> str:
        state = self.state
        current = state.current_round
        position = ""
        if current is not None:
            position = f"Element {state.round_index(current.id) + 1} of {len(state.rounds)}. "
        invitation = f"Tap a number from 1 to {SCALE_POINTS}, or press its key."
        return self.turn_hint(position, invitation, "Rating")

    def choices(self) -> int:
        return SCALE_POINTS
