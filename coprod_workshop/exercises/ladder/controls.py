"""The facilitator's controls for a ladder vote: rounds, questions, hand counts, results.

The distribution of votes appears here only once the results are shown to
the room; until then the facilitator sees how many votes are in, and the
counts of hands they entered themselves.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
)

from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.ladder.commands import (
    AddRound,
    ChooseLadder,
    ClearRound,
    CloseRound,
    EditQuestion,
    OpenRound,
    SetHandCount,
    SetResults,
)
from coprod_workshop.exercises.ladder.model import LADDERS, MAX_ROUNDS, LadderStep, load_ladder
from coprod_workshop.exercises.ladder.phone import PhoneControls, PhoneVoting
from coprod_workshop.exercises.ladder.turns import COALESCED
from coprod_workshop.ui.handcounts import HandCounts
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.voting import VoteRound
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.theme import SpokenLabel, explain

STATUS_TEXT = {"not-started": "not started", "open": "open", "closed": "closed"}
RESULT_BUTTONS = (
    ("hidden", "Hi&dden", "Hide the results from the room"),
    ("live", "&Live", "Show the results live as votes come in"),
    ("revealed", "Reve&al now", "Reveal the results to the room now"),
)


def votes_text(vote_round: VoteRound) -> str:
    hands = vote_round.count_by_source()["hand"]
    text = f"{vote_round.count} vote{'' if vote_round.count == 1 else 's'}"
    return f"{text} ({hands} by show of hands)" if hands else text


class LadderControls(StepView):
    """Open and close rounds, word their questions, count hands, reveal the results."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        phone: PhoneVoting | None = None,
    ) -> None:
        super().__init__(session, step_id)
        self._run = run
        self._selected: str | None = None
        self._followed: str | None = None  # the open round last seen
        self._ladder_id = ""

        self.ladder_choice = QComboBox()
        self.ladder_choice.setAccessibleName("Ladder to vote on")
        for ladder_id in LADDERS:
            self.ladder_choice.addItem(load_ladder(ladder_id).title, ladder_id)
        self.ladder_choice.activated.connect(self._ladder_chosen)
        self.result_group = QButtonGroup(self)
        self.result_buttons: dict[str, QPushButton] = {}
        results_row = QHBoxLayout()
        results_row.addWidget(QLabel("Results:"))
        for mode, text, name in RESULT_BUTTONS:
            button = QPushButton(text)
            button.setCheckable(True)
            explain(button, name)
            self.result_group.addButton(button)
            self.result_buttons[mode] = button
            button.clicked.connect(lambda _=False, m=mode: self._results_chosen(m))
            results_row.addWidget(button)
        results_row.addStretch(1)

        self.rounds = leave_on_tab(QListWidget())
        self.rounds.setAccessibleName("Vote rounds")
        self.rounds.setMaximumHeight(84)
        self.rounds.currentItemChanged.connect(self._round_selected)
        self.open_button = QPushButton("&Open")
        self.close_button = QPushButton("Clo&se")
        self.clear_button = QPushButton("Clear vo&tes")
        self.add_button = QPushButton("&Add round")
        for button, name in (
            (self.open_button, "Open the selected round for votes"),
            (self.close_button, "Close the selected round"),
            (self.clear_button, "Clear the votes of the selected round"),
            (self.add_button, "Add a vote round"),
        ):
            explain(button, name)
        self.open_button.clicked.connect(self._open)
        self.close_button.clicked.connect(self._close)
        self.clear_button.clicked.connect(self._clear)
        self.add_button.clicked.connect(self._add)
        round_buttons = QHBoxLayout()
        for button in (self.open_button, self.close_button, self.clear_button, self.add_button):
            round_buttons.addWidget(button)
        self.question = QLineEdit()
        self.question.setAccessibleName("Question of the selected round")
        self.question.setPlaceholderText("Question the room answers in this round")
        self.question.textEdited.connect(self._question_edited)
        self.count = SpokenLabel()
        self.count.setProperty("role", "vote-count")
        self.count.setAccessibleName("Votes in the selected round")

        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel("Ladder:"))
        top.addWidget(self.ladder_choice, 1)
        left.addLayout(top)
        left.addLayout(results_row)
        left.addWidget(self.rounds)
        left.addLayout(round_buttons)
        left.addWidget(self.question)
        left.addWidget(self.count)
        self.credit = QLabel()
        self.credit.setProperty("role", "hint")
        self.credit.setWordWrap(True)
        self.credit.setOpenExternalLinks(True)
        self.credit.setTextFormat(Qt.TextFormat.RichText)
        left.addWidget(self.credit)
        self.phone_controls = PhoneControls(phone, session, step_id, run) if phone else None
        if self.phone_controls is not None:
            left.addWidget(self.phone_controls)
        left.addStretch(1)

        self.hands_box = HandCounts(0)  # one row per rung, once the ladder is known
        self.hands: list[QSpinBox] = []
        self.totals: list[QLabel] = []
        self.hand_steps: list[tuple[QToolButton, QToolButton]] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(left, 3)
        self._layout.addWidget(self.hands_box, 2)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.refresh)
        self.refresh()

    @property
    def state(self) -> LadderStep:
        return self.step.state  # type: ignore[no-any-return]

    def detach(self) -> None:
        super().detach()
        self._pending.stop()
        if self.phone_controls is not None:
            self.phone_controls.detach()

    def selected_round(self) -> VoteRound:
        state = self.state
        ids = [r.id for r in state.rounds]
        open_round = state.open_round
        if open_round is not None and open_round.id != self._followed:
            self._selected = open_round.id  # a round just opened: follow the room
        self._followed = open_round.id if open_round is not None else None
        if self._selected not in ids:
            current = state.current_round
            fresh = next((r for r in state.rounds if r.status == "not-started"), None)
            self._selected = (current or fresh or state.rounds[0]).id
        return state.round(self._selected)  # type: ignore[arg-type]

    # -- showing ---------------------------------------------------------------
    def _build_hands(self) -> None:
        """One row of hands per rung of the ladder being voted on (``ui.handcounts``)."""
        ladder = self.state.ladder
        box = HandCounts(len(ladder.rungs))
        box.set_names([rung.name for rung in ladder.rungs], noun="rung")
        box.countChanged.connect(self._hands_edited)
        self._layout.replaceWidget(self.hands_box, box)
        self.hands_box.hide()
        self.hands_box.deleteLater()
        self.hands_box = box
        self.hands, self.totals, self.hand_steps = box.spins, box.totals, box.steps
        self._ladder_id = self.state.ladder_id

    def refresh(self, change: Change | None = None) -> None:
        if change is not None and change.detail.startswith(COALESCED):
            # Votes may arrive by the hundred (phones): redraw once per turn of the event loop.
            self._pending.start()
            return
        self._pending.stop()
        state = self.state
        if state.ladder_id != self._ladder_id:
            self._build_hands()
        selected = self.selected_round()
        index = self.ladder_choice.findData(state.ladder_id)
        self.ladder_choice.setCurrentIndex(index)
        self.ladder_choice.setEnabled(state.vote_count == 0)
        self.ladder_choice.setToolTip(
            "" if state.vote_count == 0 else "Clear the votes of every round to change ladder"
        )
        status = selected.status
        # A reveal belongs to the round it was made for (opening a round hides
        # it): a round not yet started shows no results mode as chosen.
        unopened = status == "not-started"
        self.result_group.setExclusive(False)
        for mode, result_button in self.result_buttons.items():
            result_button.setChecked(mode == state.results and not unopened)
        self.result_group.setExclusive(True)
        self._fill_rounds(state, selected)
        self.open_button.setText("Re&open" if status == "closed" else "&Open")
        self.open_button.setEnabled(status != "open")
        self.close_button.setEnabled(status == "open")
        self.clear_button.setEnabled(selected.count > 0)
        self.add_button.setEnabled(len(state.rounds) < MAX_ROUNDS)
        if self.question.text().strip() != selected.question:
            self.question.setText(selected.question)
        number = state.round_index(selected.id) + 1
        if unopened:
            seen = "shown live once it opens" if state.results == "live" else "hidden until then"
        else:
            seen = "shown to the room" if state.results_shown else "hidden from the room"
        self.count.setText(
            f"Round {number} is {STATUS_TEXT[status]}: {votes_text(selected)}. Results {seen}."
        )
        self.hands_box.setTitle(f"Show of hands, round {number}")
        tally = selected.tally() if state.results_shown and not unopened else None
        self.hands_box.show_counts(selected.hand_tally(), selected.is_open, tally)
        ladder = state.ladder
        self.credit.setText(
            f'{html.escape(ladder.credit)}. <a href="{html.escape(ladder.link)}">'
            f"{html.escape(ladder.title)}</a>"
        )

    def _fill_rounds(self, state: LadderStep, selected: VoteRound) -> None:
        self.rounds.blockSignals(True)
        while self.rounds.count() > len(state.rounds):
            self.rounds.takeItem(self.rounds.count() - 1)
        for number, vote_round in enumerate(state.rounds, start=1):
            text = (
                f"{number}. {vote_round.question or '(no question)'}  —  "
                f"{STATUS_TEXT[vote_round.status]}, {votes_text(vote_round)}"
            )
            item = self.rounds.item(number - 1)
            if item is None:
                item = QListWidgetItem(text)
                self.rounds.addItem(item)
            elif item.text() != text:
                item.setText(text)
            item.setData(Qt.ItemDataRole.UserRole, vote_round.id)
            if vote_round.id == selected.id and self.rounds.currentRow() != number - 1:
                self.rounds.setCurrentRow(number - 1)
        self.rounds.blockSignals(False)

    # -- asking for changes ------------------------------------------------------
    def _round_selected(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self._selected = item.data(Qt.ItemDataRole.UserRole)
            self.refresh()

    def _open(self) -> None:
        self._run(OpenRound(self.step_id, self.selected_round().id))

    def _close(self) -> None:
        self._run(CloseRound(self.step_id, self.selected_round().id))

    def _clear(self) -> None:
        self._run(ClearRound(self.step_id, self.selected_round().id))

    def _add(self) -> None:
        command = AddRound(self.step_id, "Where do we want to be next?")
        self._selected = command.round_id
        self._run(command)
        self.question.setFocus()
        self.question.selectAll()

    def _question_edited(self, text: str) -> None:
        selected = self.selected_round()
        if text.strip() != selected.question:
            self._run(EditQuestion(self.step_id, selected.id, text))

    def _hands_edited(self, choice: int, value: int) -> None:
        selected = self.selected_round()
        if selected.is_open and selected.hand_count(choice) != value:
            self._run(SetHandCount(self.step_id, selected.id, choice, value))

    def _results_chosen(self, mode: str) -> None:
        if self.state.results != mode:
            self._run(SetResults(self.step_id, mode))

    def _ladder_chosen(self, index: int) -> None:
        ladder_id = self.ladder_choice.itemData(index)
        if ladder_id != self.state.ladder_id and self.state.vote_count == 0:
            self._run(ChooseLadder(self.step_id, ladder_id))
