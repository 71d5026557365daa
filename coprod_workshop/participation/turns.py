"""Taking turns on the shared screen: a vote cast one person at a time, by tap, click or
number key, on the projector or the console's preview of it.

One person chooses; the screen thanks them ("your vote is in", never the tally) and
clears for the next person after ``THANKS_MS``, at a tap, at any key, or at "Next
person". A number pressed while the thank-you shows is the next person's vote: it
counts, so no press is lost. While phones may vote on the step, a join panel says how.

The ladder and the six-elements self-assessment (which shares the ladder's phone
voting too) are both :class:`TurnsView`; a new rating on the shared screen is one
more, not a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from coprod_workshop.core.session import Change, Session
from coprod_workshop.ui.focus import keyboard_in
from coprod_workshop.ui.pages import is_projected
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import role_label, set_role
from coprod_workshop.voting.commands import CastVote

if TYPE_CHECKING:
    from coprod_workshop.participation.phone import PhoneVoting

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
    workshop = None
    holder: QWidget | None = view
    while holder is not None and workshop is None:  # the console, or the preview's frame
        workshop = getattr(holder, "workshop", None)
        holder = holder.parentWidget()
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


def take_keyboard_on_projector(view: QWidget) -> None:
    """On the projector nothing else takes the keyboard: the view does (not so in the
    console, where the facilitator's fields keep it)."""
    window = view.window()
    focus = window.focusWidget()
    if not window.inherits("QMainWindow") and (focus is None or not focus.isVisible()):
        view.setFocus(Qt.FocusReason.OtherFocusReason)


def key_while_thanking(event: QKeyEvent, thanking: bool, next_person: Callable[[], None]) -> bool:
    """A key pressed while a thank-you shows clears it for the next person; the keys that
    move between steps still reach the window. Return whether the key was taken so."""
    if not thanking:
        return False
    next_person()
    if Qt.Key(event.key()) in PASS_KEYS:
        event.ignore()
    else:
        event.accept()
    return True


def votes_so_far(count: int) -> str:
    return f"{count} vote{'' if count == 1 else 's'} so far"


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
        self.setAccessibleName(self.tr("Thank you: your vote is in"))
        self.title = role_label(self.tr("Thank you — your vote is in."), "thanks-title")
        self.detail = role_label(self.tr("Next person, please."), "thanks-detail")
        self.next_button = QPushButton(self.tr("Next person"))
        set_role(self.next_button, "thanks-button")
        self.next_button.setAccessibleName(self.tr("Next person"))
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


class TurnsView(StepView):
    """A step's vote on the shared screen, one person at a time.

    Every such view has a question, a hint with the counter beside it, the ``pages``
    (the vote page, ``thanks``, maybe the results), the join panel beside them and a
    credit (:meth:`lay_out`). A subclass fills the vote and results pages, says which
    page follows a thank-you (:meth:`page_after_thanks`) and how many choices there are
    (:meth:`choices`), and redraws in :meth:`redraw` (votes that arrive together are
    drawn once). With ``run`` the room votes here; without it the view only shows.
    """

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None] | None,
        phone: PhoneVoting | None,
        counter_name: str,
    ) -> None:
        super().__init__(session, step_id)
        from coprod_workshop.participation.phone import JoinPanel

        self._run = run
        self.phone = phone
        self.join = JoinPanel(phone) if phone is not None else None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: how many votes the open round has: goes up with every vote, on every screen
        self.counter = role_label("", "ladder-hint")
        self.counter.setAccessibleName(counter_name)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.thanks = ThanksPanel()
        self.thanks.done.connect(self.next_person)
        self.pages = QStackedWidget()
        self.question = role_label("", "ladder-question")
        self.hint = role_label("", "ladder-hint")
        self.credit = role_label("", "slide-source")
        self.chart: Any = None  # the results chart, made when first shown
        self._vote_page = QWidget()
        self._results = QWidget()
        self._results.setAccessibleName("Results")
        self._results_layout = QVBoxLayout(self._results)
        self._results_layout.setContentsMargins(0, 0, 0, 0)
        self.keys: list[QShortcut] = []
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(THANKS_MS)
        self._thanks_timer.timeout.connect(self.next_person)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.redraw)
        if phone is not None:
            phone.changed.connect(self._phone_changed)

    # -- for subclasses ----------------------------------------------------------------
    def page_after_thanks(self) -> QWidget:
        raise NotImplementedError

    def choices(self) -> int:
        """How many choices a vote has (rungs, points of the scale)."""
        raise NotImplementedError

    def redraw(self, change: Change | None = None) -> None:
        raise NotImplementedError

    def results_shown(self) -> bool:
        """While the results show, a vote gets no thank-you (it is refused)."""
        return False

    def phone_welcome(self) -> bool:
        """Whether the join panel shows: phones may vote on this step now."""
        return self.phone is not None and self.phone.serving(self.step_id)

    def after_next_person(self) -> None:
        """The vote page is back (the ladder lines its chart up again)."""

    # -- shared ------------------------------------------------------------------------
    def lay_out(self, *under_question: QWidget) -> None:
        """The question (and ``under_question``), the hint and counter, the pages with
        the join panel beside them, the credit."""
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.pages, 4)
        if self.join is not None:
            body.addWidget(self.join, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question)
        for widget in under_question:
            layout.addWidget(widget)
        hint_row = QHBoxLayout()
        hint_row.setContentsMargins(0, 0, 0, 0)
        hint_row.addWidget(self.hint, 1)
        hint_row.addWidget(self.counter)
        layout.addLayout(hint_row)
        layout.addLayout(body, 1)
        layout.addWidget(self.credit)

    def start(self) -> None:
        """Draw the step for the first time; the join panel shows if phones may vote."""
        self.refresh()
        if self.join is not None:
            self.join.hide()
            self._phone_changed()

    def turn_hint(self, position: str, invitation: str, voting: str) -> str:
        """The hint under the question: ``position`` (e.g. "Round 2 of 3. "), then how to
        vote while voting is open here (``invitation``), else whether ``voting`` (e.g.
        "Voting") is open, has closed or opens soon."""
        state = self.step.state
        if state.open_round is not None and self._run is not None:
            return f"{position}{invitation} One person at a time."
        if state.open_round is not None:
            return f"{position}{voting} is open."
        if state.current_round is not None:
            return f"{position}{voting} has closed."
        return f"{voting} opens soon."

    def vote(self, index: int) -> None:
        """One person's choice ``index`` (from 0), cast on the shared screen."""
        state = self.step.state
        if self._run is None or state.open_round is None or self.results_shown():
            return
        if 0 <= index < self.choices():
            self._run(CastVote(self.step_id, index, source="screen"))

    def drop_chart(self) -> None:
        """Take the results chart away (its choices changed); it is made again when shown."""
        if self.chart is not None:
            self.chart.close()
            self._results_layout.removeWidget(self.chart.canvas)
            self.chart.canvas.hide()
            self.chart.canvas.deleteLater()
            self.chart = None

    def make_keys(self, count: int) -> None:
        """Keys 1 to ``count`` vote anywhere in this window where no text field takes them."""
        for key in self.keys:
            key.setEnabled(False)
            key.deleteLater()
        self.keys = []
        if self._run is not None:
            self.keys = vote_keys(self, count, self.vote)

    def refresh(self, change: Change | None = None) -> None:
        if change is not None and change.detail.startswith(COALESCED):
            if change.detail == "vote-cast:screen":
                self.show_thanks()
            self._pending.start()  # votes by the hundred (phones): one redraw per turn
            return
        self._pending.stop()
        self.redraw(change)

    def detach(self) -> None:
        super().detach()
        if self.phone is not None:
            self.phone.changed.disconnect(self._phone_changed)
        self._thanks_timer.stop()
        self._pending.stop()
        for key in self.keys:
            key.setEnabled(False)
        if self.chart is not None:
            self.chart.close()

    def _phone_changed(self) -> None:
        """Show how to join while phones can vote on this step (latecomers too)."""
        if self.join is None or self.phone is None:
            return
        welcome = self.phone_welcome()
        if welcome:
            self.join.update_from(self.phone.server)
        if welcome != self.join.isVisibleTo(self):
            self.join.setVisible(welcome)
            self.contentChanged.emit()

    def show_thanks(self) -> None:
        """Thank the voter; the counter above shows the vote went in."""
        if self.results_shown():
            return
        self.pages.setCurrentWidget(self.thanks)
        self._thanks_timer.start()  # a vote while thanking starts the wait again
        open_round = getattr(self.step.state, "open_round", None)
        if open_round is not None:
            self.counter.setText(votes_so_far(open_round.count))

    def next_person(self) -> None:
        self._thanks_timer.stop()
        self.pages.setCurrentWidget(self.page_after_thanks())
        self.after_next_person()
        if self.isVisible() and self.window().isActiveWindow():
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def thanking(self) -> bool:
        return self.pages.currentWidget() is self.thanks

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # The number keys are shortcuts (``make_keys``); any other key clears the thanks,
        # and the keys that move between steps still reach the window.
        if not key_while_thanking(event, self.thanking, self.next_person):
            super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        # On the projector nothing else takes the keyboard: Return, Space and the arrows
        # reach the vote. (The number keys vote wherever the focus is, see ``make_keys``.)
        take_keyboard_on_projector(self)
