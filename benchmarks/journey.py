"""How long showing a group's journey takes, with many sessions stored. Prints figures; never fails.

    python benchmarks/journey.py [--dir FOLDER] [--stored 1000] [--runs 7]

A data folder holds ``--stored`` sessions, each the size of a real workshop
(a self-assessment with ratings, a ladder vote, ten information steps), four
of them of the group whose journey is read. The figure is the median time of
``read_journey`` (every file's group read from its JSON, the four of the group
built in full), and the same with 1 session stored, for the ratio. Nothing
here runs when the app starts or saves: a journey is read only when a journey
step is shown, once per open session.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.elements.model import SelfAssessment
from coprod_workshop.exercises.info.model import InfoSlide
from coprod_workshop.exercises.journey.model import read_journey
from coprod_workshop.exercises.ladder.model import LadderStep
from coprod_workshop.storage.store import SessionStore
from coprod_workshop.voting.commands import CastVote, OpenRound

GROUP = "Riverside carers"


def workshop(number: int, group: str) -> Session:
    steps = [
        Step("info", f"Theme {n}", 5, InfoSlide(tuple(f"Point {p}" for p in range(6))))
        for n in range(10)
    ]
    steps += [
        Step("elements", "Six", 15, SelfAssessment()),
        Step("ladder", "Ladder", 15, LadderStep()),
    ]
    session = Session(f"Workshop {number}", steps, date_=f"2026-{1 + number % 12:02d}-01")
    session.group = group
    for step in steps[-2:]:
        for vote_round in step.state.rounds:  # type: ignore[attr-defined]
            OpenRound(step.id, vote_round.id).redo(session)
            for voter in range(12):
                CastVote(step.id, (voter + number) % 5).redo(session)
    return session


def fill(root: Path, stored: int) -> SessionStore:
    store = SessionStore(root, REGISTRY)
    for number in range(stored):
        group = GROUP if number % max(1, stored // 4) == 0 else f"Other group {number}"
        session = workshop(number, group)
        store.save(session)
        store.unlock(session.id)
    return store


def timed(store: SessionStore, runs: int) -> tuple[float, int]:
    today = workshop(999_999, GROUP)
    times, found = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        found = len(read_journey(store, today)) - 1
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--stored", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        root = Path(folder)
        one = fill(root / "one", 1)
        many = fill(root / "many", args.stored)
        size = sum(p.stat().st_size for p in many.folder.glob("*.json")) / args.stored / 1024
        small, found_small = timed(one, args.runs)
        large, found = timed(many, args.runs)
        print(f"sessions stored: {args.stored} (about {size:.0f} KiB each), of the group: {found}")
        print(f"read the journey, {args.stored} stored: median {large:.1f} ms ({args.runs} runs)")
        print(f"read the journey, 1 stored:      median {small:.2f} ms (found {found_small})")
        print(f"per stored session: {large / args.stored * 1000:.0f} µs")


if __name__ == "__main__":
    main()
