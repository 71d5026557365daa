"""Undoable changes to the vote rounds of any step that puts questions to the room.

A step that lets the room vote (the ladder, the six elements self-assessment)
holds a list of :class:`~coprod_workshop.voting.rounds.VoteRound`: each a
question with N choices. Its state offers the small :class:`Poll` protocol
and these commands work on it, whatever the exercise. Each command changes the
state in place, then announces it with ``session.state_changed(step_id,
detail)``; ``undo`` puts back exactly what ``redo`` changed. Details announced:

``vote-cast:<source>``  a vote was cast (``screen``, ``hand`` or ``phone``)
``vote-undone``         a cast vote was taken back by undo
``hand-count``          the facilitator changed a count of hands
``round``               a round opened, closed or was cleared
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from coprod_workshop.core.commands import MergeableCommand
from coprod_workshop.core.session import Session, new_id
from coprod_workshop.voting.rounds import CastResult, Snapshot, Vote, VoteRound


@runtime_checkable
class Poll(Protocol):
    """What an exercise state offers the round commands and phone voting."""

    rounds: list[VoteRound]
    #: "hidden", "live" or "revealed": how the step shows its results
    results: str
    #: what the phone page asks a participant to do, in plain words
    phone_task: str

    def round(self, round_id: str) -> VoteRound: ...

    @property
    def open_round(self) -> VoteRound | None: ...

    @property
    def current_round(self) -> VoteRound | None: ...

    def round_name(self, round_id: str) -> str:
        """How undo names a round ("round 2", "Assets")."""
        ...

    def choice_name(self, round_id: str, choice: int) -> str: ...

    def ballot_text(self, round_id: str) -> tuple[str, tuple[tuple[str, str], ...], str, str]:
        """What phones see: question, (name, hint) per choice from 0, title, credit."""
        ...


class HeldRounds:
    """Finding rounds in ``self.rounds``: shared by the states that put questions to the room."""

    rounds: list[VoteRound]

    def round(self, round_id: str) -> VoteRound:
        for vote_round in self.rounds:
            if vote_round.id == round_id:
                return vote_round
        raise KeyError(round_id)

    def round_index(self, round_id: str) -> int:
        return self.rounds.index(self.round(round_id))

    @property
    def open_round(self) -> VoteRound | None:
        return next((r for r in self.rounds if r.is_open), None)

    @property
    def current_round(self) -> VoteRound | None:
        """The round the room is on: the open one, else the last one that has been opened."""
        opened = [r for r in self.rounds if r.status != "not-started"]
        return self.open_round or (opened[-1] if opened else None)

    @property
    def vote_count(self) -> int:
        return sum(r.count for r in self.rounds)


def poll_of(session: Session, step_id: str) -> Poll:
    state = session.step(step_id).state
    if not isinstance(state, Poll):
        raise TypeError(f"step {step_id!r} has no vote rounds")
    return state


def anonymous_participant() -> str:
    """A fresh id for one person's turn on the shared screen."""
    return f"screen:{new_id()}"


class OpenRound(MergeableCommand):
    """Open a round for votes (or reopen a closed one); any other open round closes.

    A reveal belongs to the round it was made for: results revealed earlier are
    hidden again, so the room votes without seeing the bars move. (Results shown
    "live" stay live: that is how the facilitator chose to run the step.)
    """

    def __init__(self, step_id: str, round_id: str) -> None:
        self.step_id = step_id
        self.round_id = round_id
        self.before: dict[str, str] = {}
        self.results_before = "hidden"
        self.text = "Open round"

    def redo(self, session: Session) -> None:
        state = poll_of(session, self.step_id)
        self.before = {r.id: r.status for r in state.rounds}
        self.results_before = state.results
        if state.results == "revealed":
            state.results = "hidden"
        verb = "Reopen" if self.before[self.round_id] == "closed" else "Open"
        self.text = f"{verb} {state.round_name(self.round_id)}"
        for vote_round in state.rounds:
            if vote_round.is_open and vote_round.id != self.round_id:
                vote_round.close()
        state.round(self.round_id).open()
        session.state_changed(self.step_id, "round")

    def undo(self, session: Session) -> None:
        state = poll_of(session, self.step_id)
        for vote_round in state.rounds:
            vote_round.set_status(self.before.get(vote_round.id, vote_round.status))
        state.results = self.results_before
        session.state_changed(self.step_id, "round")


class CloseRound(MergeableCommand):
    def __init__(self, step_id: str, round_id: str) -> None:
        self.step_id = step_id
        self.round_id = round_id
        self.before = "open"
        self.text = "Close round"

    def redo(self, session: Session) -> None:
        state = poll_of(session, self.step_id)
        vote_round = state.round(self.round_id)
        self.before = vote_round.status
        self.text = f"Close {state.round_name(self.round_id)}"
        vote_round.close()
        session.state_changed(self.step_id, "round")

    def undo(self, session: Session) -> None:
        poll_of(session, self.step_id).round(self.round_id).set_status(self.before)
        session.state_changed(self.step_id, "round")


class ClearRound(MergeableCommand):
    """Remove every vote of a round (its status stays)."""

    def __init__(self, step_id: str, round_id: str) -> None:
        self.step_id = step_id
        self.round_id = round_id
        self.snapshot: Snapshot | None = None
        self.text = "Clear round"

    def redo(self, session: Session) -> None:
        state = poll_of(session, self.step_id)
        self.text = f"Clear the votes of {state.round_name(self.round_id)}"
        self.snapshot = state.round(self.round_id).clear()
        session.state_changed(self.step_id, "round")

    def undo(self, session: Session) -> None:
        assert self.snapshot is not None
        poll_of(session, self.step_id).round(self.round_id).restore(self.snapshot)
        session.state_changed(self.step_id, "round")


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
        state = poll_of(session, self.step_id)
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
        choice = state.choice_name(self.round_id, self.choice)
        self.text = f"Vote for {choice} ({state.round_name(self.round_id)})"
        if self.result.changed:
            session.state_changed(self.step_id, f"vote-cast:{self.source}")

    def undo(self, session: Session) -> None:
        if self.result is None or not self.result.changed or self.round_id is None:
            return
        poll_of(session, self.step_id).round(self.round_id).undo_cast(self.result)
        session.state_changed(self.step_id, "vote-undone")


class SetHandCount(MergeableCommand):
    """The facilitator's count of hands for one choice of an open round.

    Successive changes to the same choice (pressing + three times, typing "12")
    merge into one undo step. If the round is not open, nothing changes.
    """

    def __init__(self, step_id: str, round_id: str, choice: int, count: int) -> None:
        self.step_id = step_id
        self.round_id = round_id
        self.choice = choice
        self.count = max(0, count)
        #: the whole round before and after (undo puts back exactly, the order of votes too)
        self.before: Snapshot | None = None
        self.after: Snapshot | None = None
        self.text = "Count hands"

    def redo(self, session: Session) -> None:
        state = poll_of(session, self.step_id)
        vote_round = state.round(self.round_id)
        if self.after is None:
            if not vote_round.is_open:
                return
            self.before = vote_round.snapshot()
            vote_round.set_hand_count(self.choice, self.count)
            self.after = vote_round.snapshot()
        else:
            vote_round.restore(self.after)
        choice = state.choice_name(self.round_id, self.choice)
        self.text = f"Count {self.count} hands for {choice} ({state.round_name(self.round_id)})"
        session.state_changed(self.step_id, "hand-count")

    def undo(self, session: Session) -> None:
        if self.before is None:
            return
        vote_round = poll_of(session, self.step_id).round(self.round_id)
        vote_round.restore(self.before)
        session.state_changed(self.step_id, "hand-count")

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("vote-hands", self.step_id, self.round_id, self.choice)

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
