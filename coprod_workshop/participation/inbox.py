"""Votes handed over from another thread (the phone server), applied without stalling the screen.

A server thread calls :meth:`VoteInbox.deliver` with a batch of votes; a
queued signal carries the batch to the GUI thread, where it only joins a
queue. The queue is then applied as ordinary undoable ``CastVote`` commands,
a few milliseconds' worth per turn of the event loop, so that a burst of a
thousand votes never freezes the projector (benchmarks/ladder_chart.py).
The model is only ever changed here, on the GUI thread.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from coprod_workshop.core.session import Session
from coprod_workshop.voting import VoteRound
from coprod_workshop.voting.commands import CastVote, Poll
from coprod_workshop.voting.server import VoteReceipt

#: time spent applying queued votes per turn of the event loop
BUDGET_MS = 8.0


@dataclass(frozen=True)
class IncomingVote:
    """One vote from a phone, for ``round_id`` only (None: whichever round is open).

    ``reply`` (called on the GUI thread) gets a :class:`VoteReceipt`: the outcome,
    ``counted``, ``duplicate`` (the request id was seen before), ``closed`` (the
    round is not open) or ``stale`` (the step or round is gone, or another round
    is on show), and the participant's choice stored in that round afterwards.
    A vote is never moved to another round than the one it names.
    """

    step_id: str
    choice: int
    participant: str
    request_id: str | None = None
    source: str = "phone"
    reply: Callable[[VoteReceipt], None] | None = None
    round_id: str | None = None


class VoteInbox(QObject):
    """Queues votes from any thread and applies them on the GUI thread in small slices.

    Signals:
        arrived(object): a list of :class:`IncomingVote` (emitted by :meth:`deliver`;
            connected with a queued connection, so any thread may emit it).
    """

    arrived = Signal(object)

    def __init__(
        self,
        session: Session,
        run: Callable[[Any], None],
        parent: QObject | None = None,
        *,
        budget_ms: float = BUDGET_MS,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.run = run
        self.budget = budget_ms / 1000
        self._queue: deque[IncomingVote] = deque()
        self._drain_timer = QTimer(self)
        self._drain_timer.setSingleShot(True)
        self._drain_timer.setInterval(0)
        self._drain_timer.timeout.connect(self._drain)
        self.arrived.connect(self._take, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return len(self._queue)

    def deliver(self, votes: Iterable[IncomingVote]) -> None:
        """Hand votes over (thread-safe)."""
        self.arrived.emit(list(votes))

    def _take(self, votes: list[IncomingVote]) -> None:
        self._queue.extend(votes)
        if not self._drain_timer.isActive():
            self._drain_timer.start()

    def _drain(self) -> None:
        deadline = time.perf_counter() + self.budget
        while self._queue and time.perf_counter() < deadline:
            vote = self._queue.popleft()
            outcome, vote_round = self._apply(vote)
            if vote.reply is not None:
                held = vote_round.votes.get(vote.participant) if vote_round else None
                vote.reply(VoteReceipt(outcome, None if held is None else held.choice))
        if self._queue:
            self._drain_timer.start()  # the rest on the next turn, after the screen updates

    def _apply(self, vote: IncomingVote) -> tuple[str, VoteRound | None]:
        """Apply ``vote``; return the outcome and the round it names (if there is one)."""
        try:
            state = self.session.step(vote.step_id).state
        except KeyError:
            return "stale", None
        if not isinstance(state, Poll):
            return "stale", None
        if vote.round_id is None:
            vote_round = state.open_round
            if vote_round is None:
                return "closed", None
        else:
            try:
                vote_round = state.round(vote.round_id)
            except KeyError:
                return "stale", None
        if not 0 <= vote.choice < vote_round.choices:
            return "invalid", vote_round
        if vote.request_id is not None and vote.request_id in vote_round.requests:
            return "duplicate", vote_round  # nothing to undo: no command on the stack
        if not vote_round.is_open:
            return ("closed" if vote_round is state.current_round else "stale"), vote_round
        command = CastVote(
            vote.step_id,
            vote.choice,
            participant=vote.participant,
            source=vote.source,
            request_id=vote.request_id,
            round_id=vote_round.id,
        )
        self.run(command)
        return ("counted" if command.result is not None else "closed"), vote_round

    def stop(self) -> None:
        """Drop what is queued (the session is closing)."""
        self._drain_timer.stop()
        self._queue.clear()
