"""Undoable changes to a ladder vote step (pure Python, no Qt).

Each command changes the step's :class:`LadderStep` in place, then announces
it with ``session.state_changed(step_id, detail)``; ``undo`` puts back exactly
what ``redo`` changed. Details announced:

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
from coprod_workshop.voting import CastResult, Vote, VoteRound
from coprod_workshop.voting.rounds import Snapshot


def _state(session: Session, step_id: str) -> LadderStep:
    return session.state_as(step_id, LadderStep)


def anonymous_participant() -> str:
    """A fresh id for one person's turn on the shared screen."""
    return f"screen:{new_id()}"


def _round_name(state: LadderStep, round_id: str) -> str:
    return f"round {state.round_index(round_id) + 1}"


class OpenRound(MergeableCommand):
    """Open a round for votes (or reopen a closed one); any other open round closes."""

    def __init__(self, step_id: str, round_id: str) -> None:
        self.step_id = step_id
        self.round_id = round_id
        self.before: dict[str, str] = {}
        self.text = "Open round"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        self.before = {r.id: r.status for r in state.rounds}
        verb = "Reopen" if self.before[self.round_id] == "closed" else "Open"
        self.text = f"{verb} {_round_name(state, self.round_id)}"
        for vote_round in state.rounds:
            if vote_round.is_open and vote_round.id != self.round_id:
                vote_round.close()
        state.round(self.round_id).open()
        session.state_changed(self.step_id, "round")

    def undo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        for vote_round in state.rounds:
            vote_round.set_status(self.before.get(vote_round.id, vote_round.status))
        session.state_changed(self.step_id, "round")


class CloseRound(MergeableCommand):
    def __init__(self, step_id: str, round_id: str) -> None:
        self.step_id = step_id
        self.round_id = round_id
        self.before = "open"
        self.text = "Close round"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        vote_round = state.round(self.round_id)
        self.before = vote_round.status
        self.text = f"Close {_round_name(state, self.round_id)}"
        vote_round.close()
        session.state_changed(self.step_id, "round")

    def undo(self, session: Session) -> None:
        _state(session, self.step_id).round(self.round_id).set_status(self.before)
        session.state_changed(self.step_id, "round")


class ClearRound(MergeableCommand):
    """Remove every vote of a round (its status stays)."""

    def __init__(self, step_id: str, round_id: str) -> None:
        self.step_id = step_id
        self.round_id = round_id
        self.snapshot: Snapshot | None = None
        self.text = "Clear round"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        self.text = f"Clear the votes of {_round_name(state, self.round_id)}"
        self.snapshot = state.round(self.round_id).clear()
        session.state_changed(self.step_id, "round")

    def undo(self, session: Session) -> None:
        assert self.snapshot is not None
        _state(session, self.step_id).round(self.round_id).restore(self.snapshot)
        session.state_changed(self.step_id, "round")


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


class CastVote(MergeableCommand):
    """One participant's vote in the open round (or in ``round_id``).

    Views only offer voting while a round is open; if the round closed in the
    meantime the command changes nothing. ``request_id`` makes a repeated
    request from a phone harmless (see ``voting.rounds``).
    """

    def __init__(
        self,
        step_id: str,
        choice: int,
        *,
        participant: str | None = None,
        source: str = "screen",
        request_id: str | None = None,
        round_id: str | None = None,
        now: float | None = None,
    ) -> None:
        self.step_id = step_id
        self.choice = choice
        self.participant = participant or anonymous_participant()
        self.source = source
        self.request_id = request_id
        self.round_id = round_id
        self.now = now
        self.result: CastResult | None = None
        self.text = "Vote"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        if self.round_id is None:
            open_round = state.open_round
            if open_round is None:
                self.result = None
                return
            self.round_id = open_round.id
        vote_round = state.round(self.round_id)
        if self.result is not None and not self.result.duplicate:
            # Redo after undo: put back the very same vote.
            assert self.result.vote is not None
            vote_round.restore_vote(self.participant, self.result.vote)
            if self.request_id is not None:
                vote_round.requests[self.request_id] = self.participant
        elif vote_round.is_open:
            self.result = vote_round.cast_vote(
                self.participant, self.choice, self.source, self.request_id, now=self.now
            )
        else:
            self.result = None
            return
        rung = state.ladder.rungs[self.choice].name
        self.text = f"Vote for {rung} ({_round_name(state, self.round_id)})"
        if self.result.changed:
            session.state_changed(self.step_id, f"vote-cast:{self.source}")

    def undo(self, session: Session) -> None:
        if self.result is None or not self.result.changed or self.round_id is None:
            return
        _state(session, self.step_id).round(self.round_id).undo_cast(self.result)
        session.state_changed(self.step_id, "vote-undone")


class SetHandCount(MergeableCommand):
    """The facilitator's count of hands for one rung of an open round.

    Successive changes to the same rung (pressing + three times, typing "12")
    merge into one undo step. If the round is not open, nothing changes.
    """

    def __init__(self, step_id: str, round_id: str, choice: int, count: int) -> None:
        self.step_id = step_id
        self.round_id = round_id
        self.choice = choice
        self.count = max(0, count)
        self.before: list[Vote] | None = None
        self.after: list[Vote] | None = None
        self.text = "Count hands"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        vote_round = state.round(self.round_id)
        if self.after is None:
            if not vote_round.is_open:
                return
            self.before = vote_round.hand_votes(self.choice)
            vote_round.set_hand_count(self.choice, self.count)
            self.after = vote_round.hand_votes(self.choice)
        else:
            vote_round.replace_hand_votes(self.choice, self.after)
        rung = state.ladder.rungs[self.choice].name
        self.text = f"Count {self.count} hands for {rung} ({_round_name(state, self.round_id)})"
        session.state_changed(self.step_id, "hand-count")

    def undo(self, session: Session) -> None:
        if self.before is None:
            return
        vote_round = _state(session, self.step_id).round(self.round_id)
        vote_round.replace_hand_votes(self.choice, self.before)
        session.state_changed(self.step_id, "hand-count")

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("ladder-hands", self.step_id, self.round_id, self.choice)

    def merge(self, other: Any) -> bool:
        if not isinstance(other, SetHandCount) or other.merge_key != self.merge_key:
            return False
        if self.after is None or other.after is None:
            return False
        # ``other`` has already run: undoing the merged step goes back to ``self.before``.
        self.after = other.after
        self.count = other.count
        self.text = other.text
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
