"""One round of voting: a question, whether it is open, and every vote cast.

A round stores votes, never counts: :meth:`VoteRound.tally` recounts the
stored votes each time it is asked, so a tally cannot drift from the votes
behind it. Each participant has at most one vote per round (a new vote from
the same participant replaces the old one while the round is open).

Votes come from three sources:

``screen``
    a participant's turn on the shared screen (a fresh anonymous id each time);
``hand``
    a show of hands the facilitator counts: each hand is stored as a vote of
    its own, with the participant id ``hand:<choice>:<n>``;
``phone``
    a participant's own phone (a later server); a phone may send the same
    vote twice after a dropped connection, so :meth:`VoteRound.cast_vote` is
    idempotent on ``request_id``.

Thread-safety: a round is changed only on the GUI thread. The phone server
hands votes over through a queued signal; nothing here takes a lock.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field

VOTE_SOURCES = ("screen", "hand", "phone")
ROUND_STATUSES = ("not-started", "open", "closed")
HAND_PREFIX = "hand:"
MAX_CHOICES = 20


class VoteRejected(ValueError):
    """A vote that cannot be taken (round not open, choice out of range...)."""


@dataclass(frozen=True)
class Vote:
    """One participant's choice in one round."""

    participant: str
    choice: int
    source: str
    time: float
    request_id: str | None = None

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "participant": self.participant,
            "choice": self.choice,
            "source": self.source,
            "time": self.time,
        }
        if self.request_id is not None:
            doc["request_id"] = self.request_id
        return doc

    @classmethod
    def from_doc(cls, doc: Any, where: str) -> Vote:
        participant = field(doc, "participant", str, where)
        choice = field(doc, "choice", int, where)
        source = field(doc, "source", str, where)
        when = doc.get("time", 0.0)
        if not isinstance(when, int | float) or isinstance(when, bool):
            raise DocumentError(f"{where}: 'time' should be a number")
        request_id = doc.get("request_id")
        if request_id is not None and not isinstance(request_id, str):
            raise DocumentError(f"{where}: 'request_id' should be text")
        vote = cls(participant, choice, source, float(when), request_id)
        problem = vote.problem()
        if problem:
            raise DocumentError(f"{where}: {problem}")
        return vote

    def problem(self) -> str:
        """What is wrong with this vote on its own, or ``""``."""
        if not self.participant:
            return "the participant id is empty"
        if self.source not in VOTE_SOURCES:
            return f"source {self.source!r} is not one of {', '.join(VOTE_SOURCES)}"
        if (self.source == "hand") != self.participant.startswith(HAND_PREFIX):
            return f"participant {self.participant!r} does not match source {self.source!r}"
        if self.choice < 0:
            return f"choice {self.choice} is negative"
        return ""


@dataclass(frozen=True)
class CastResult:
    """What :meth:`VoteRound.cast_vote` did, with what is needed to undo it.

    ``duplicate`` means the request id was seen before and nothing changed;
    ``previous`` is the participant's earlier vote in this round, if any.
    """

    vote: Vote | None
    previous: Vote | None
    duplicate: bool = False

    @property
    def changed(self) -> bool:
        return not self.duplicate and self.vote != self.previous


@dataclass(frozen=True)
class Snapshot:
    """A round's votes and seen request ids, to put back after :meth:`VoteRound.clear`."""

    votes: tuple[Vote, ...]
    requests: tuple[tuple[str, str], ...]


class VoteRound:
    """A question put to the room, its status and the votes cast.

    ``choices`` is how many options there are (rungs of a ladder); a choice is
    an index from 0 (the bottom rung).
    """

    def __init__(
        self,
        id: str,
        question: str,
        choices: int,
        *,
        status: str = "not-started",
        votes: list[Vote] | None = None,
        requests: dict[str, str] | None = None,
    ) -> None:
        if not 1 <= choices <= MAX_CHOICES:
            raise ValueError(f"a round needs 1 to {MAX_CHOICES} choices, not {choices}")
        if status not in ROUND_STATUSES:
            raise ValueError(f"unknown round status {status!r}")
        self.id = id
        self.question = question
        self.choices = choices
        self.status = status
        self.votes: dict[str, Vote] = {}
        #: request id -> participant, for every request taken in this round
        self.requests: dict[str, str] = dict(requests or {})
        for vote in votes or []:
            self._check(vote)
            if vote.participant in self.votes:
                raise ValueError(f"participant {vote.participant!r} voted twice")
            self.votes[vote.participant] = vote

    # -- reading ---------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def count(self) -> int:
        """How many votes are stored (one per participant)."""
        return len(self.votes)

    def tally(self) -> tuple[int, ...]:
        """Votes per choice, recounted from the stored votes."""
        counts = [0] * self.choices
        for vote in self.votes.values():
            counts[vote.choice] += 1
        return tuple(counts)

    def count_by_source(self) -> Counter[str]:
        return Counter(vote.source for vote in self.votes.values())

    def hand_tally(self) -> tuple[int, ...]:
        """Hands counted per choice, recounted from the stored votes."""
        counts = [0] * self.choices
        for vote in self.votes.values():
            if vote.source == "hand":
                counts[vote.choice] += 1
        return tuple(counts)

    def hand_votes(self, choice: int) -> list[Vote]:
        """The hands counted for ``choice``, oldest first."""
        return [v for v in self.votes.values() if v.source == "hand" and v.choice == choice]

    def hand_count(self, choice: int) -> int:
        return len(self.hand_votes(choice))

    # -- opening and closing ---------------------------------------------
    def open(self) -> None:
        """Start taking votes (or take them again after closing)."""
        self.status = "open"

    def close(self) -> None:
        self.status = "closed"

    def set_status(self, status: str) -> None:
        if status not in ROUND_STATUSES:
            raise ValueError(f"unknown round status {status!r}")
        self.status = status

    # -- voting ------------------------------------------------------------
    def cast_vote(
        self,
        participant: str,
        choice: int,
        source: str,
        request_id: str | None = None,
        *,
        now: float | None = None,
    ) -> CastResult:
        """Store ``participant``'s vote for ``choice``, replacing any earlier one.

        A request id seen before in this round changes nothing and returns a
        result with ``duplicate`` set (a phone retrying after a dropped
        connection). Raises :class:`VoteRejected` if the round is not open or
        the vote is malformed.
        """
        if request_id is not None and request_id in self.requests:
            held = self.votes.get(self.requests[request_id])
            return CastResult(held, held, duplicate=True)
        if not self.is_open:
            raise VoteRejected("this round is not open for votes")
        vote = Vote(participant, choice, source, time.time() if now is None else now, request_id)
        self._check(vote)
        previous = self.votes.get(participant)
        self.votes[participant] = vote
        if request_id is not None:
            self.requests[request_id] = participant
        return CastResult(vote, previous)

    def undo_cast(self, result: CastResult) -> None:
        """Put back what :meth:`cast_vote` changed (nothing, for a duplicate)."""
        if result.duplicate or result.vote is None:
            return
        self.restore_vote(result.vote.participant, result.previous)
        if result.vote.request_id is not None:
            self.requests.pop(result.vote.request_id, None)

    def restore_vote(self, participant: str, vote: Vote | None) -> None:
        """Make ``participant``'s stored vote exactly ``vote`` (None: no vote)."""
        if vote is None:
            self.votes.pop(participant, None)
        else:
            self._check(vote)
            self.votes[participant] = vote

    def withdraw(self, participant: str) -> Vote | None:
        """Remove a participant's vote while the round is open; return it."""
        if not self.is_open:
            raise VoteRejected("this round is not open for votes")
        return self.votes.pop(participant, None)

    def set_hand_count(
        self, choice: int, count: int, *, now: float | None = None
    ) -> tuple[list[Vote], list[Vote]]:
        """Make the hands counted for ``choice`` number ``count``; return (removed, added).

        Hands are stored as votes; lowering the count removes the latest ones.
        """
        if not self.is_open:
            raise VoteRejected("this round is not open for votes")
        if count < 0:
            raise VoteRejected("a count of hands cannot be negative")
        if not 0 <= choice < self.choices:
            raise VoteRejected(f"choice {choice} is not between 0 and {self.choices - 1}")
        held = self.hand_votes(choice)
        removed = held[count:]
        for vote in removed:
            del self.votes[vote.participant]
        added: list[Vote] = []
        used = {v.participant for v in held}
        when = time.time() if now is None else now
        serial = 0
        while len(held) + len(added) < count:
            serial += 1
            participant = f"{HAND_PREFIX}{choice}:{serial}"
            if participant in used or participant in self.votes:
                continue
            vote = Vote(participant, choice, "hand", when)
            self.votes[participant] = vote
            added.append(vote)
        return removed, added

    def replace_hand_votes(self, choice: int, votes: list[Vote]) -> None:
        """Make the hands counted for ``choice`` exactly ``votes`` (used by undo and redo)."""
        for vote in self.hand_votes(choice):
            del self.votes[vote.participant]
        for vote in votes:
            if vote.source != "hand" or vote.choice != choice:
                raise VoteRejected(f"{vote.participant!r} is not a hand counted for {choice}")
            self._check(vote)
            self.votes[vote.participant] = vote

    def clear(self) -> Snapshot:
        """Remove every vote (the status stays); return what was there."""
        snapshot = self.snapshot()
        self.votes.clear()
        self.requests.clear()
        return snapshot

    def snapshot(self) -> Snapshot:
        return Snapshot(tuple(self.votes.values()), tuple(self.requests.items()))

    def restore(self, snapshot: Snapshot) -> None:
        """Put back the votes and request ids of ``snapshot``."""
        self.votes = {vote.participant: vote for vote in snapshot.votes}
        self.requests = dict(snapshot.requests)

    def _check(self, vote: Vote) -> None:
        problem = vote.problem()
        if not problem and vote.choice >= self.choices:
            problem = f"choice {vote.choice} is not between 0 and {self.choices - 1}"
        if problem:
            raise VoteRejected(problem)

    # -- storing -----------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "status": self.status,
            "votes": [vote.to_doc() for vote in self.votes.values()],
            "requests": dict(self.requests),
        }

    @classmethod
    def from_doc(cls, doc: Any, where: str, choices: int) -> VoteRound:
        """Read a stored round whose choices run from 0 to ``choices - 1``."""
        round_id = field(doc, "id", str, where)
        question = field(doc, "question", str, where, "")
        status = field(doc, "status", str, where, "not-started")
        if status not in ROUND_STATUSES:
            raise DocumentError(
                f"{where}: status {status!r} is not one of {', '.join(ROUND_STATUSES)}"
            )
        votes = []
        seen: set[str] = set()
        for number, vote_doc in enumerate(field(doc, "votes", list, where, []), start=1):
            vote = Vote.from_doc(vote_doc, f"{where}, vote {number}")
            if vote.choice >= choices:
                raise DocumentError(
                    f"{where}, vote {number}: choice {vote.choice} is not on the ladder "
                    f"(it has {choices} rungs)"
                )
            if vote.participant in seen:
                raise DocumentError(f"{where}: participant {vote.participant!r} voted twice")
            seen.add(vote.participant)
            votes.append(vote)
        requests = field(doc, "requests", dict, where, {})
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in requests.items()):
            raise DocumentError(f"{where}: 'requests' should map request ids to participants")
        return cls(round_id, question, choices, status=status, votes=votes, requests=requests)

    def without_votes(self) -> VoteRound:
        """The same question, not started, with no votes."""
        return VoteRound(self.id, self.question, self.choices)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, VoteRound):
            return NotImplemented
        # Votes and request ids compare as mappings: their order carries no meaning.
        return (self.id, self.question, self.status, self.choices, self.votes, self.requests) == (
            other.id,
            other.question,
            other.status,
            other.choices,
            other.votes,
            other.requests,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"VoteRound({self.id!r}, {self.question!r}, {self.status}, {self.count} votes)"
