"""Vote rounds and tallies (pure Python, no Qt).

Used by exercises that let the room vote (the ladder vote) and, later, by the
local-network server that takes votes from phones. The model is mutated only
on the GUI thread: a server running elsewhere hands each vote over through a
queued signal, so nothing here needs a lock.
"""

from coprod_workshop.voting.rounds import (
    HAND_PREFIX,
    ROUND_STATUSES,
    VOTE_SOURCES,
    CastResult,
    Vote,
    VoteRejected,
    VoteRound,
)

__all__ = [
    "HAND_PREFIX",
    "ROUND_STATUSES",
    "VOTE_SOURCES",
    "CastResult",
    "Vote",
    "VoteRejected",
    "VoteRound",
]
