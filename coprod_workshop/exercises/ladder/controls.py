"""The facilitator's controls for a ladder vote: rounds, questions, hand counts, results.

The distribution of votes appears here only once the results are shown to
the room; until then the facilitator sees how many votes are in, and the
counts of hands they entered themselves.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from coprod_workshop.core.session import Session
from coprod_workshop.exercises.ladder.commands import (
    AddRound,
    ChooseLadder,
    EditQuestion,
    SetResults,
)
from coprod_workshop.exercises.ladder.model import LADDERS, MAX_ROUNDS, LadderStep, load_ladder
from coprod_workshop.participation.phone import PhoneVoting
from coprod_workshop.participation.roundcontrols import STATUS_TEXT, RoundControls, votes_text
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.handcounts import HandCounts
from coprod_workshop.ui.theme import explain
from coprod_workshop.voting import VoteRound

RESULT_BUTTONS = (
    ("hidden", "Hi&dden", "Hide the results from the room"),
    ("live", "&Live", "Show the results live as votes come in"),
    ("revealed", "Reve&al now", "Reveal the results to the room now"),
)


class LadderControls(RoundControls):
    """Open and close rounds, word their questions, count hands, reveal the results."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        phone: PhoneVoting | None = None,
    ) -> None:
        super().__init__(
            session,
            step_id,
            run,
            phone,
            noun="round",
            votes="vote",
            clear_text="Clear vo&tes",
            set_results=SetResults,
            result_modes=RESULT_BUTTONS,
        )
        self._ladder_id = ""
        self.ladder_choice = QComboBox()
        self.ladder_choice.setAccessibleName("Ladder to vote on")
        for ladder_id in LADDERS:
            self.ladder_choice.addItem(load_ladder(ladder_id).title, ladder_id)
        self.ladder_choice.activated.connect(self._ladder_chosen)
        self.results_row.addStretch(1)

        self.rounds = leave_on_tab(QListWidget())
        self.rounds.setAccessibleName("Vote rounds")
        self.rounds.setMaximumHeight(84)
        self.rounds.currentItemChanged.connect(self._round_selected)
        self.add_button = QPushButton("&Add round")
        explain(self.add_button, "Add a vote round")
        self.add_button.clicked.connect(self._add)
        round_buttons = QHBoxLayout()
        for button in (self.open_button, self.close_button, self.clear_button, self.add_button):
            round_buttons.addWidget(button)
        self.question = QLineEdit()
        self.question.setAccessibleName("Question of the selected round")
        self.question.setPlaceholderText("Question the room answers in this round")
        self.question.textEdited.connect(self._question_edited)

        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel("Ladder:"))
        top.addWidget(self.ladder_choice, 1)
        left.addLayout(top)
        left.addLayout(self.results_row)
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
        if self.phone_controls is not None:
            left.addWidget(self.phone_controls)
        left.addStretch(1)

        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(left, 3)
        self._layout.addWidget(self.hands_box, 2)  # one row per rung, once the ladder is known
        self.refresh()

    @property
    def state(self) -> LadderStep:
        return self.step.state  # type: ignore[no-any-return]

    def first_round(self) -> VoteRound:
        """The room's current round, else the first not started, else the first."""
        state = self.state
        fresh = next((r for r in state.rounds if r.status == "not-started"), None)
        return state.current_round or fresh or state.rounds[0]

    # -- showing ---------------------------------------------------------------
    def _build_hands(self) -> None:
        """One row of hands per rung of the ladder being voted on (``ui.handcounts``)."""
        ladder = self.state.ladder
        box = HandCounts(len(ladder.rungs))
        box.set_names([rung.name for rung in ladder.rungs], noun="rung")
        self._layout.replaceWidget(self.hands_box, box)
        self.hands_box.hide()
        self.hands_box.deleteLater()
        self.use_hands(box)
        self._ladder_id = self.state.ladder_id

    def redraw(self, selected: VoteRound) -> None:
        state = self.state
        if state.ladder_id != self._ladder_id:
            self._build_hands()
        index = self.ladder_choice.findData(state.ladder_id)
        self.ladder_choice.setCurrentIndex(index)
        self.ladder_choice.setEnabled(state.vote_count == 0)
        self.ladder_choice.setToolTip(
            "" if state.vote_count == 0 else "Clear the votes of every round to change ladder"
        )
        # A reveal belongs to the round it was made for (opening a round hides
        # it): a round not yet started shows no results mode as chosen.
        unopened = selected.status == "not-started"
        self._fill_rounds(state, selected)
        self.add_button.setEnabled(len(state.rounds) < MAX_ROUNDS)
        if self.question.text().strip() != selected.question:
            self.question.setText(selected.question)
        number = state.round_index(selected.id) + 1
        if unopened:
            seen = "shown live once it opens" if state.results == "live" else "hidden until then"
        else:
            seen = "shown to the room" if state.results_shown else "hidden from the room"
        self.hands_box.setTitle(f"Show of hands, round {number}")
        self.show_round(selected, f"Round {number}", seen, None if unopened else state.results)
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
            self.select(item.data(Qt.ItemDataRole.UserRole))

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

    def _ladder_chosen(self, index: int) -> None:
        ladder_id = self.ladder_choice.itemData(index)
        if ladder_id != self.state.ladder_id and self.state.vote_count == 0:
            self._run(ChooseLadder(self.step_id, ladder_id))
