"""The facilitator's side of a vote taken in turns on the shared screen: which round is
selected, its Open/Close/Clear buttons, the results buttons, hands counted in the room,
and the line that says how many votes are in.

The ladder's controls (rounds with questions) and the self-assessment's (one round per
element) are both :class:`RoundControls`; each adds only what its step has of its own.
Until the room sees the results, the facilitator sees how many votes are in and the
hands they counted, never the distribution.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton

from coprod_workshop.core.session import Change, Session
from coprod_workshop.participation.phone import PhoneControls, PhoneVoting
from coprod_workshop.participation.turns import COALESCED
from coprod_workshop.ui.handcounts import HandCounts
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import SpokenLabel, explain
from coprod_workshop.voting import VoteRound
from coprod_workshop.voting.commands import ClearRound, CloseRound, OpenRound, SetHandCount

STATUS_TEXT = {"not-started": "not started", "open": "open", "closed": "closed"}


def votes_text(vote_round: VoteRound, noun: str = "vote") -> str:
    hands = vote_round.count_by_source()["hand"]
    text = f"{vote_round.count} {noun}{'' if vote_round.count == 1 else 's'}"
    return f"{text} ({hands} by show of hands)" if hands else text


class RoundControls(StepView):
    """Select a round, open, close and clear it, count hands, choose what the room sees.

    ``noun`` names a round to the facilitator ("round", "element"); ``votes`` what is
    cast in it ("vote", "rating"); ``set_results(step_id, mode)`` makes the command that
    hides or shows the results. A subclass lays the widgets out, fills in what is its
    own in :meth:`redraw`, and may pick another round to show first
    (:meth:`first_round`).
    """

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        phone: PhoneVoting | None,
        *,
        noun: str,
        votes: str,
        clear_text: str,
        set_results: Callable[[str, str], Any],
        result_modes: tuple[tuple[str, str, str], ...],
    ) -> None:
        super().__init__(session, step_id)
        self._run = run
        self._noun = noun
        self._votes = votes
        self._set_results = set_results
        self._selected: str | None = None
        self._followed: str | None = None  # the open round last seen

        self.result_group = QButtonGroup(self)
        self.result_buttons: dict[str, QPushButton] = {}
        self.results_row = QHBoxLayout()
        self.results_row.addWidget(QLabel("Results:"))
        for mode, text, name in result_modes:
            button = QPushButton(text)
            button.setCheckable(True)
            explain(button, name)
            self.result_group.addButton(button)
            self.result_buttons[mode] = button
            button.clicked.connect(lambda _=False, m=mode: self._results_chosen(m))
            self.results_row.addWidget(button)

        self.open_button = QPushButton("&Open")
        self.close_button = QPushButton("Clo&se")
        self.clear_button = QPushButton(clear_text)
        for button, name, slot in (
            (self.open_button, f"Open the selected {noun} for {votes}s", self._open),
            (self.close_button, f"Close the selected {noun}", self._close),
            (self.clear_button, f"Clear the {votes}s of the selected {noun}", self._clear),
        ):
            explain(button, name)
            button.clicked.connect(slot)
        self.count = SpokenLabel()
        self.count.setProperty("role", "vote-count")
        self.count.setAccessibleName(f"{votes.capitalize()}s of the selected {noun}")
        self.phone_controls = PhoneControls(phone, session, step_id, run) if phone else None
        self.hands_box = HandCounts(0)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.refresh)

    def use_hands(self, box: HandCounts) -> None:
        """Count hands in ``box`` (one row per choice) from now on."""
        box.countChanged.connect(self._hands_edited)
        self.hands_box = box
        self.hands, self.totals, self.hand_steps = box.spins, box.totals, box.steps

    @property
    def state(self) -> Any:
        return self.step.state

    def detach(self) -> None:
        super().detach()
        self._pending.stop()
        if self.phone_controls is not None:
            self.phone_controls.detach()

    # -- which round -------------------------------------------------------------------
    def first_round(self) -> VoteRound:
        """The round to select when none is: the room's current one, else the first."""
        state = self.state
        return state.current_round or state.rounds[0]  # type: ignore[no-any-return]

    def selected_round(self) -> VoteRound:
        state = self.state
        open_round = state.open_round
        if open_round is not None and open_round.id != self._followed:
            self._selected = open_round.id  # a round just opened: follow the room
        self._followed = open_round.id if open_round is not None else None
        if self._selected not in [r.id for r in state.rounds]:
            self._selected = self.first_round().id
        return state.round(self._selected)  # type: ignore[no-any-return]

    def select(self, round_id: str) -> None:
        self._selected = round_id
        self.refresh()

    # -- showing -----------------------------------------------------------------------
    def refresh(self, change: Change | None = None) -> None:
        if change is not None and change.detail.startswith(COALESCED):
            self._pending.start()  # votes by the hundred (phones): one redraw per turn
            return
        self._pending.stop()
        self.redraw(self.selected_round())

    def redraw(self, selected: VoteRound) -> None:
        raise NotImplementedError

    def show_round(self, selected: VoteRound, name: str, seen: str, chosen: str | None) -> None:
        """What every vote's controls show of the ``selected`` round, called ``name``:
        its buttons, how many votes are in, where the results are (``seen``), the hands,
        and which results mode is chosen (``chosen``; None: none yet)."""
        status = selected.status
        self.result_group.setExclusive(False)
        for mode, button in self.result_buttons.items():
            button.setChecked(mode == chosen)
        self.result_group.setExclusive(True)
        self.open_button.setText("Re&open" if status == "closed" else "&Open")
        self.open_button.setEnabled(status != "open")
        self.close_button.setEnabled(status == "open")
        self.clear_button.setEnabled(selected.count > 0)
        votes = votes_text(selected, self._votes)
        self.count.setText(f"{name} is {STATUS_TEXT[status]}: {votes}. Results {seen}.")
        shown = self.state.results_shown and status != "not-started"
        self.hands_box.show_counts(
            selected.hand_tally(), selected.is_open, selected.tally() if shown else None
        )

    # -- asking for changes ------------------------------------------------------------
    def _open(self) -> None:
        self._run(OpenRound(self.step_id, self.selected_round().id))

    def _close(self) -> None:
        self._run(CloseRound(self.step_id, self.selected_round().id))

    def _clear(self) -> None:
        self._run(ClearRound(self.step_id, self.selected_round().id))

    def _hands_edited(self, choice: int, value: int) -> None:
        selected = self.selected_round()
        if selected.is_open and selected.hand_count(choice) != value:
            self._run(SetHandCount(self.step_id, selected.id, choice, value))

    def _results_chosen(self, mode: str) -> None:
        if self.state.results != mode:
            self._run(self._set_results(self.step_id, mode))
        self.refresh()
