"""The ladder vote in the session report: each round's counts by source, and one chart
with the rounds side by side on every rung ("now" against "wanted")."""

from __future__ import annotations

from datetime import datetime

from coprod_workshop.core.session import Step
from coprod_workshop.exercises.ladder.model import LadderStep
from coprod_workshop.reports.blocks import Block, Chart, Para, Row, Table
from coprod_workshop.voting import VoteRound
from coprod_workshop.voting.rounds import VOTE_SOURCES

SOURCE_NAMES = {"screen": "shared screen", "hand": "hands", "phone": "phones"}


def by_source(vote_round: VoteRound, choice: int) -> tuple[int, ...]:
    """Votes for ``choice``, per source in :data:`VOTE_SOURCES` order."""
    counts = dict.fromkeys(VOTE_SOURCES, 0)
    for vote in vote_round.votes.values():
        if vote.choice == choice:
            counts[vote.source] += 1
    return tuple(counts.values())


def _cell(counts: tuple[int, ...]) -> str:
    parts = [f"{n} {SOURCE_NAMES[s]}" for s, n in zip(VOTE_SOURCES, counts, strict=True) if n]
    return f"{sum(counts)} ({', '.join(parts)})" if parts else "0"


def section(step: Step) -> list[Block]:
    state = step.state
    assert isinstance(state, LadderStep)
    ladder = state.ladder
    voted = [r for r in state.rounds if r.status != "not-started" or r.count]
    about = (
        ladder.credit
        if ladder.credit.startswith(ladder.title)
        else f"{ladder.title}. {ladder.credit}"
    )
    blocks: list[Block] = [Para(about.strip(" ."), muted=True)]
    if not voted:
        return [*blocks, Para("No round was put to the room.")]
    names = tuple(f"Round {state.round_index(r.id) + 1}: {r.question}" for r in voted)
    blocks.append(
        Para(" · ".join(f"{n} ({r.count} votes)" for n, r in zip(names, voted, strict=True)))
    )
    rungs = tuple(reversed(ladder.rungs))  # top rung first, as on the screen
    blocks.append(
        Chart(
            "Votes per rung, by source",
            tuple(f"{rung.number}. {rung.name}" for rung in rungs),
            names,
            tuple(SOURCE_NAMES[s] for s in VOTE_SOURCES),
            tuple(tuple(by_source(r, rung.number - 1) for r in voted) for rung in rungs),
        )
    )
    header = ("Rung", *(f"Round {state.round_index(r.id) + 1}" for r in voted))
    table = [
        (f"{rung.number}. {rung.name}", *(_cell(by_source(r, rung.number - 1)) for r in voted))
        for rung in rungs
    ]
    table.append(("All votes", *(str(r.count) for r in voted)))
    blocks.append(Table(header, tuple(table), (34, *((66 // len(voted),) * len(voted)))))
    return blocks


def rows(step: Step) -> list[Row]:
    """One row per vote: the rung, the round, the source and when; never who voted."""
    state = step.state
    assert isinstance(state, LadderStep)
    rungs = state.ladder.rungs
    return [
        Row(
            f"{vote.choice + 1}. {rungs[vote.choice].name}",
            f"Round {number}: {vote_round.question}",
            vote.source,
            datetime.fromtimestamp(vote.time).isoformat(timespec="seconds") if vote.time else "",
            "vote",
        )
        for number, vote_round in enumerate(state.rounds, start=1)
        for vote in sorted(vote_round.votes.values(), key=lambda v: v.time)
    ]


def contributions(step: Step) -> list[tuple[str, int, int]]:
    """For the evidence page: (what, how many, how many from phones): every vote cast."""
    state = step.state
    assert isinstance(state, LadderStep)
    votes = [v for r in state.rounds for v in r.votes.values()]
    return [("Votes on the ladder", len(votes), sum(1 for v in votes if v.source == "phone"))]
