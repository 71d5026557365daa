"""The ladder vote on the shared screen: the question, the ladder, and (when shown) the results.

Turn-taking: one person at a time taps or clicks a rung, or presses its number;
the screen thanks them and clears for the next person after ``THANKS_MS`` (or
at a key, a tap, or the "Next person" button). A number pressed while the
thank-you shows is the next person's vote: it counts, and the vote counter
above the ladder goes up, so no press is lost. The number keys work anywhere in
the window that shows the ladder (projector, or console when no text field has
the keyboard). The thank-you screen never shows the tally. The chart
(matplotlib) is imported only when the results are shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.ladder.commands import CastVote
from coprod_workshop.exercises.ladder.ladderwidget import LadderWidget
from coprod_workshop.exercises.ladder.model import LadderStep
from coprod_workshop.exercises.ladder.phone import JoinPanel, PhoneVoting
from coprod_workshop.ui.focus import keyboard_in
from coprod_workshop.ui.pages import is_projected
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import role_label, set_role

if TYPE_CHECKING:
    from coprod_workshop.exercises.ladder.chart import LadderChart

THANKS_MS = 2000
#: keys that still reach the window while the thank-you screen shows (moving between steps)
PASS_KEYS = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Escape,
}
#: changes that only add or take back votes: the view redraws once for many of them
COALESCED = ("vote-cast", "vote-undone")


def keys_vote_here(view: QWidget) -> bool:
    """Whether a number key pressed now votes: always on the projector; in the console
    wherever the facilitator's setting allows (View → Number keys vote anywhere in the
    console: on, anywhere no text field takes them; off, only with the keyboard in the
    preview of the projector). WCAG 2.1.4: a single-key shortcut can be turned off."""
    if is_projected(view):
        return True
    workshop = getattr(view.window(), "workshop", None)
    if getattr(workshop, "number_keys_anywhere", True):
        return True
    return keyboard_in(view)


def vote_keys(view: QWidget, count: int, vote: Callable[[int], None]) -> list[QShortcut]:
    """Keys 1 to ``count`` as shortcuts of ``view``'s window: they vote (``vote(n - 1)``)
    wherever no text field takes them, the thank-you screen included (in the console,
    as ``keys_vote_here`` allows)."""
    keys = []
    for number in range(1, count + 1):
        key = QShortcut(QKeySequence(str(number)), view)
        key.setContext(Qt.ShortcutContext.WindowShortcut)
        key.setAutoRepeat(False)  # a held key is one vote
        key.activated.connect(lambda n=number: vote(n - 1) if keys_vote_here(view) else None)
        keys.append(key)
    return keys


def key_while_thanking(event: QKeyEvent, next_person: Callable[[], None]) -> None:
    """Any other key than a number (those vote) brings the next person; the keys that
    move between steps still reach the window."""
    next_person()
    if Qt.Key(event.key()) in PASS_KEYS:
        event.ignore()
    else:
        event.accept()


def take_keyboard_on_projector(view: QWidget) -> None:
    """On the projector nothing else takes the keyboard: the view does (not so in the
    console, where the facilitator's fields keep it)."""
    window = view.window()
    focus = window.focusWidget()
    if not window.inherits("QMainWindow") and (focus is None or not focus.isVisible()):
        view.setFocus(Qt.FocusReason.OtherFocusReason)


def votes_so_far(count: int) -> str:
    return f"{count} vote{'' if count == 1 else 's'} so far"


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

class ThanksPanel(QWidget):
    """The thank-you screen after each vote; it shows nothing about how anyone voted.

    Signals:
        done(): the next person may vote (a tap here or the button).
    """

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LadderThanks")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName("Thank you: your vote is in")
        self.title = role_label("Thank you — your vote is in.", "thanks-title")
        self.detail = role_label("Next person, please.", "thanks-detail")
        self.next_button = QPushButton("Next person")
        set_role(self.next_button, "thanks-button")
        self.next_button.setAccessibleName("Next person")
        self.next_button.setAutoDefault(False)
        self.next_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.next_button.clicked.connect(self.done)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (self.title, self.detail):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addSpacing(24)
        layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.done.emit()
        event.accept()


class LadderPresenter(StepView):
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
        super().__init__(session, step_id)
        self._run = run
        self.phone = phone
        self.join = JoinPanel(phone) if phone is not None else None
        self.chart: LadderChart | None = None
        self.ladder: LadderWidget | None = None
        self._ladder_id = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Ladder of co-production vote")
        self.question = role_label("", "ladder-question")
        self.hint = role_label("", "ladder-hint")
        self.hint.setWordWrap(True)
        #: how many votes the open round has: goes up with every vote, on every screen
        self.counter = role_label("", "ladder-hint")
        self.counter.setAccessibleName("Votes so far in this round")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.keys: list[QShortcut] = []
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        set_role(self.legend, "chart-legend")
        self.credit = role_label("", "slide-source")
        self.thanks = ThanksPanel()
        self.thanks.done.connect(self.next_person)
        self._vote_page = QWidget()
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(24)
        self._results = QWidget()
        self._results.setAccessibleName("Results")
        self._results_layout = QVBoxLayout(self._results)
        self._results_layout.setContentsMargins(0, 0, 0, 0)
        self._results.hide()
        page = QVBoxLayout(self._vote_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addLayout(self._row, 1)
        page.addWidget(self.legend)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._vote_page)
        self.pages.addWidget(self.thanks)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.pages, 4)
        if self.join is not None:
            body.addWidget(self.join, 1)
            assert phone is not None
            phone.changed.connect(self._phone_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.hint, 1)
        hint_row.addWidget(self.counter)
        layout.addLayout(hint_row)
        layout.addLayout(body, 1)
        layout.addWidget(self.credit)
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(THANKS_MS)
        self._thanks_timer.timeout.connect(self.next_person)
        self._align_timer = QTimer(self)
        self._align_timer.setSingleShot(True)
        self._align_timer.setInterval(0)
        self._align_timer.timeout.connect(self.align_chart)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self._redraw)
        self.refresh()
        if self.join is not None:
            self.join.hide()
            self._phone_changed()

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
        self._drop_chart()
        self._ladder_id = state.ladder_id
        self.ladder = LadderWidget(state.ladder)
        self.ladder.rungChosen.connect(self.vote)
        for watched in (self.ladder, *self.ladder.buttons):
            watched.installEventFilter(self)  # the chart follows where the rungs are
        self._row.insertWidget(0, self.ladder, 11)
        self._make_keys(len(state.ladder))
        self._row.addWidget(self._results, 9)
        ladder = state.ladder
        where = ladder.link_text or urlparse(ladder.link).netloc.removeprefix("www.")
        self.credit.setText(f"{ladder.credit}\n{where}" if where else ladder.credit)
        self.credit.setToolTip(ladder.link)
        self.contentChanged.emit()

    def _make_keys(self, rungs: int) -> None:
        """Keys 1 to ``rungs`` vote anywhere in this window where no text field takes them."""
        for key in self.keys:
            key.setEnabled(False)
            key.deleteLater()
        self.keys = []
        if self._run is not None:
            self.keys = vote_keys(self, rungs, self.vote)

    def _ensure_chart(self) -> LadderChart:
        if self.chart is None:
            from coprod_workshop.exercises.ladder.chart import LadderChart

            self.chart = LadderChart(self.state.ladder, len(shown_rounds(self.state)))
            self._results_layout.addWidget(self.chart.canvas)
            self.chart.canvas.installEventFilter(self)
            set_role(self.chart.canvas, "chart-text")
            self.contentChanged.emit()  # the frame sizes the chart's text
        return self.chart

    def _drop_chart(self) -> None:
        if self.chart is not None:
            self.chart.close()
            self._results_layout.removeWidget(self.chart.canvas)
            self.chart.canvas.hide()
            self.chart.canvas.deleteLater()
            self.chart = None

    def detach(self) -> None:
        super().detach()
        if self.phone is not None:
            self.phone.changed.disconnect(self._phone_changed)
        self._thanks_timer.stop()
        self._align_timer.stop()
        self._pending.stop()
        if self.chart is not None:
            self.chart.close()

    # -- showing ---------------------------------------------------------------
    def _phone_changed(self) -> None:
        """Show how to join while phones can vote on this step (latecomers too)."""
        if self.join is None or self.phone is None:
            return
        serving = self.phone.serving(self.step_id)
        if serving:
            self.join.update_from(self.phone.server)
        if serving != self.join.isVisibleTo(self):
            self.join.setVisible(serving)
            self.contentChanged.emit()

    def refresh(self, change: Change | None = None) -> None:
        if change is not None and change.detail.startswith(COALESCED):
            if change.detail == "vote-cast:screen":
                self.show_thanks()
            # Votes may arrive by the hundred (phones): redraw once per turn of the event loop.
            self._pending.start()
            return
        self._redraw(change)

    def _redraw(self, change: Change | None = None) -> None:
        self._pending.stop()
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
        keys = f"1–{len(state.ladder)}"
        open_round = state.open_round
        position = ""
        if len(state.rounds) > 1 and state.current_round is not None:
            number = state.round_index(state.current_round.id) + 1
            position = f"Round {number} of {len(state.rounds)}. "
        if open_round is not None and self._run is not None:
            return f"{position}Tap your rung, or press its number ({keys}). One person at a time."
        if open_round is not None:
            return f"{position}Voting is open."
        if state.current_round is not None:
            return f"{position}Voting has closed."
        return "Voting opens soon."

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
    def vote(self, index: int) -> None:
        """One person's vote for rung ``index`` (0 is the bottom rung)."""
        state = self.state
        if self._run is None or state.open_round is None or not 0 <= index < len(state.ladder):
            return
        self._run(CastVote(self.step_id, index, source="screen"))

    def show_thanks(self) -> None:
        """Thank the voter; the counter above shows the vote went in."""
        self.pages.setCurrentWidget(self.thanks)
        self._thanks_timer.start()  # a vote while thanking starts the wait again
        open_round = self.state.open_round
        if open_round is not None:
            self.counter.setText(votes_so_far(open_round.count))

    def next_person(self) -> None:
        self._thanks_timer.stop()
        self.pages.setCurrentWidget(self._vote_page)
        self._align_timer.start()
        if self.isVisible() and self.window().isActiveWindow():
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def thanking(self) -> bool:
        return self.pages.currentWidget() is self.thanks

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # The number keys are shortcuts (see ``_make_keys``); any other key clears the thanks.
        if self.thanking:
            key_while_thanking(event, self.next_person)
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        # On the projector nothing else takes the keyboard: Return, Space and the arrows
        # reach the ladder. (The number keys vote wherever the focus is, see ``_make_keys``.)
        take_keyboard_on_projector(self)
        self._align_timer.start()
