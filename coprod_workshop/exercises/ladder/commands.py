"""Undoable changes to a ladder vote step (pure Python, no Qt).

Opening, closing and clearing rounds, votes and counts of hands are the
commands every vote step shares (``voting.commands``); the ladder adds its
own rounds, questions, results and choice of ladder. Each command changes
the step's :class:`LadderStep` in place, then announces it with
``session.state_changed(step_id, detail)``; ``undo`` puts back exactly what
``redo`` changed. Details announced:

``vote-cast:<source>``  a vote was cast (``screen``, ``hand`` or ``phone``)
``vote-undone``         a cast vote was taken back by undo
``hand-count``          the facilitator changed a count of hands
``round``               a round opened, closed, was cleared, added or reworded
``results``             the results were hidden, shown live or revealed
``ladder``              the step uses another ladder
"""

from __future__ import annotations

from typing import Any

from coprod_workshop.core.commands import MergeableCommand
from coprod_workshop.core.session import Session, new_id
from coprod_workshop.exercises.ladder.model import (
    MAX_QUESTION,
    MAX_ROUNDS,
    RESULT_MODES,
    LadderStep,
    load_ladder,
)
from coprod_workshop.voting import VoteRound
from coprod_workshop.voting.commands import (
    CastVote,
    ClearRound,
    CloseRound,
    OpenRound,
    SetHandCount,
    anonymous_participant,
)

__all__ = [
    "AddRound",
    "CastVote",
    "ChooseLadder",
    "ClearRound",
    "CloseRound",
    "EditQuestion",
    "OpenRound",
    "SetHandCount",
    "SetResults",
    "anonymous_participant",
]


def _state(session: Session, step_id: str) -> LadderStep:
    return session.state_as(step_id, LadderStep)




class AddRound(MergeableCommand):
    """Add a round at the end (at most ``MAX_ROUNDS``)."""

    def __init__(self, step_id: str, question: str) -> None:
        self.step_id = step_id
        self.question = question.strip()[:MAX_QUESTION]
        self.round_id = new_id()
        self.text = "Add a vote round"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        if len(state.rounds) >= MAX_ROUNDS:
            raise ValueError(f"a ladder vote has at most {MAX_ROUNDS} rounds")
        state.rounds.append(VoteRound(self.round_id, self.question, len(state.ladder)))
        session.state_changed(self.step_id, "round")

    def undo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        state.rounds.remove(state.round(self.round_id))
        session.state_changed(self.step_id, "round")


class EditQuestion(MergeableCommand):
    """Reword a round's question; typing into one field makes one undo step."""

    def __init__(self, step_id: str, round_id: str, question: str) -> None:
        self.step_id = step_id
        self.round_id = round_id
        self.question = question.strip()[:MAX_QUESTION]
        self.old: str | None = None
        self.text = "Edit question"

    def redo(self, session: Session) -> None:
        vote_round = _state(session, self.step_id).round(self.round_id)
        if self.old is None:
            self.old = vote_round.question
        vote_round.question = self.question
        session.state_changed(self.step_id, "round")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        _state(session, self.step_id).round(self.round_id).question = self.old
        session.state_changed(self.step_id, "round")

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("ladder-question", self.step_id, self.round_id)

    def merge(self, other: Any) -> bool:
        if not isinstance(other, EditQuestion) or other.merge_key != self.merge_key:
            return False
        self.question = other.question
        return True


_RESULT_TEXT = {
    "hidden": "Hide the results",
    "live": "Show the results live",
    "revealed": "Reveal the results",
}


class SetResults(MergeableCommand):
    """Hide the results, show them live, or reveal them now."""

    def __init__(self, step_id: str, mode: str) -> None:
        if mode not in RESULT_MODES:
            raise ValueError(f"unknown results mode {mode!r}")
        self.step_id = step_id
        self.mode = mode
        self.old: str | None = None
        self.text = _RESULT_TEXT[mode]

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        if self.old is None:
            self.old = state.results
        state.results = self.mode
        session.state_changed(self.step_id, "results")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        _state(session, self.step_id).results = self.old
        session.state_changed(self.step_id, "results")


class ChooseLadder(MergeableCommand):
    """Use another ladder. Votes name rungs of the old one, so they are cleared (undoably)."""

    def __init__(self, step_id: str, ladder_id: str) -> None:
        load_ladder(ladder_id)  # fails early on an unknown ladder
        self.step_id = step_id
        self.ladder_id = ladder_id
        self.old: tuple[str, list[VoteRound]] | None = None
        self.text = f"Use the {load_ladder(ladder_id).title.lower()}"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        self.old = (state.ladder_id, state.rounds)
        choices = len(load_ladder(self.ladder_id))
        state.ladder_id = self.ladder_id
        state.rounds = [VoteRound(r.id, r.question, choices, status=r.status) for r in state.rounds]
        session.state_changed(self.step_id, "ladder")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        state = _state(session, self.step_id)
        state.ladder_id, state.rounds = self.old
        session.state_changed(self.step_id, "ladder")
