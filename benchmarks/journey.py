"""How long showing a group's review of last time's actions and its journey takes, with many
sessions stored. Prints figures; never fails.

    python benchmarks/journey.py [--dir FOLDER] [--stored 1000] [--group 20] [--runs 9]

A data folder holds ``--stored`` sessions, each the size of a real workshop (ten
information steps, a self-assessment and a ladder vote with ratings, a review of earlier
actions, three actions agreed), ``--group`` of them of the group whose journey is read.
Today's workshop of the group is opened as the app opens it, and each run times, from a
store freshly opened (nothing kept from the run before):

* read: ``read_open_actions`` and ``read_journey`` (the data the two steps show, from the
  summary index);
* show: the review step's and the journey step's projector views built and laid out
  offscreen at 1920x1080 with the journey chart drawn, as when the room reaches them
  (the data read as above, once, shared by both as in the app).

Also the same read with the index lost (every file read once, the index written again)
and with 1 session stored. Nothing here runs when the app starts or saves: these are read
only when a review or journey step is shown, once per open session.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from coprod_workshop.core.commands import ReplaceState  # noqa: E402
from coprod_workshop.core.session import Session, Step  # noqa: E402
from coprod_workshop.exercises import REGISTRY  # noqa: E402
from coprod_workshop.exercises.actions.model import ActionList  # noqa: E402
from coprod_workshop.exercises.elements.model import SelfAssessment  # noqa: E402
from coprod_workshop.exercises.info.model import InfoSlide  # noqa: E402
from coprod_workshop.exercises.journey.model import JourneyStep, read_journey  # noqa: E402
from coprod_workshop.exercises.ladder.model import LadderStep  # noqa: E402
from coprod_workshop.exercises.review.model import (  # noqa: E402
    STATUSES,
    ActionReview,
    read_open_actions,
)
from coprod_workshop.storage.index import INDEX_NAME  # noqa: E402
from coprod_workshop.storage.store import SessionStore  # noqa: E402
from coprod_workshop.voting.commands import CastVote, OpenRound  # noqa: E402

GROUP = "Riverside carers"


def workshop(number: int, group: str) -> Session:
    steps = [
        Step("info", f"Theme {n}", 5, InfoSlide(tuple(f"Point {p}" for p in range(6))))
        for n in range(10)
    ]
    steps += [
        Step("review", "Last time's actions", 10, ActionReview()),
        Step("journey", "The journey so far", 10, JourneyStep()),
        Step("elements", "Six", 15, SelfAssessment()),
        Step("ladder", "Ladder", 15, LadderStep()),
        Step("actions", "Our next steps", 5, ActionList()),
    ]
    when = f"{2020 + number // 12:04d}-{1 + number % 12:02d}-01"
    session = Session(f"Workshop {number}", steps, date_=when)
    session.group = group
    for step in steps[-3:-1]:
        for vote_round in step.state.rounds:  # type: ignore[attr-defined]
            OpenRound(step.id, vote_round.id).redo(session)
            for voter in range(12):
                CastVote(step.id, (voter + number) % 5).redo(session)
    actions = ActionList()
    for n in range(3):
        actions = actions.with_action(f"Action {n} of workshop {number}", "Sam", "next month")
    ReplaceState(steps[-1].id, actions, "Add actions").redo(session)
    return session


def fill(root: Path, stored: int, of_group: int) -> tuple[SessionStore, Session]:
    """``stored`` sessions, ``of_group`` of them the group's (each reviewing the open
    actions of the ones before it: one done, one going, one stuck); then today's."""
    store = SessionStore(root, REGISTRY)
    every = max(1, stored // max(1, of_group))
    for number in range(stored):
        mine = number % every == 0 and number // every < of_group
        session = workshop(number, GROUP if mine else f"Other group {number}")
        if mine:
            review = session.steps[10]
            state: ActionReview = review.state
            for n, item in enumerate(read_open_actions(store, session)[:3]):
                state = state.with_mark(item.action, STATUSES[n % 3], "as the room said")
            ReplaceState(review.id, state, "Mark").redo(session)
        store.save(session)
        store.unlock(session.id)
    today = workshop(stored, GROUP)
    today.date = "2099-01-01"
    return store, today


class Workshop:
    """What the views ask of the app's workshop: the group's history and shared readers."""

    def __init__(self, store: SessionStore) -> None:
        self.history = store
        self._services: dict[str, Any] = {}

    def service(self, name: str, factory: Any) -> Any:
        if name not in self._services:
            self._services[name] = factory(self)
        return self._services[name]


def read(root: Path, today: Session) -> tuple[int, int]:
    store = SessionStore(root, REGISTRY)
    return len(read_open_actions(store, today)), len(read_journey(store, today)) - 1


def show(root: Path, today: Session) -> None:
    from PySide6.QtWidgets import QApplication

    from coprod_workshop.exercises.journey.views import presenter_view as journey_view
    from coprod_workshop.exercises.review.views import presenter_view as review_view

    workshop = Workshop(SessionStore(root, REGISTRY))
    for view in (
        review_view(today, today.steps[10].id, workshop),
        journey_view(today, today.steps[11].id, workshop),
    ):
        view.resize(1920, 1080)
        view.show()
        QApplication.processEvents()
        view.repaint()  # painted now (the chart's canvas draws its figure when painted)
        view.detach()
        view.close()
        view.deleteLater()
    QApplication.processEvents()


def timed(action: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--stored", type=int, default=1000)
    parser.add_argument("--group", type=int, default=20)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from coprod_workshop.ui.theme import install_stylesheet

    app = QApplication.instance() or QApplication([])
    install_stylesheet(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        root = Path(folder)
        began = time.perf_counter()
        many, today = fill(root / "many", args.stored, args.group)
        filled = time.perf_counter() - began
        one, today_one = fill(root / "one", 1, 1)
        files = list(many.folder.glob("*.json"))
        size = sum(p.stat().st_size for p in files) / len(files) / 1024
        index_size = (many.folder / INDEX_NAME).stat().st_size / 1024
        actions, earlier = read(many.root, today)
        show(many.root, today)  # once before timing: matplotlib's first figure
        read_ms = timed(lambda: read(many.root, today), args.runs)
        show_ms = timed(lambda: show(many.root, today), args.runs)
        one_ms = timed(lambda: read(one.root, today_one), args.runs)
        show_one_ms = timed(lambda: show(one.root, today_one), args.runs)
        index = many.folder / INDEX_NAME

        def lost() -> None:
            index.unlink()
            read(many.root, today)

        lost_ms = timed(lost, 3)
        print(
            f"sessions stored: {args.stored} (about {size:.0f} KiB each; index {index_size:.0f}"
            f" KiB; filled in {filled:.0f} s), of the group: {earlier} earlier + today"
        )
        print(f"open actions shown: {actions}")
        print(f"read review + journey, {args.stored} stored: median {read_ms:.1f} ms "
              f"({args.runs} runs)")
        print(f"show review + journey steps (read, build, lay out, draw): median {show_ms:.1f} ms")
        print(f"read review + journey, 1 stored:  median {one_ms:.2f} ms")
        print(f"show review + journey steps, 1 stored: median {show_one_ms:.1f} ms")
        print(f"read with the index lost (every file read, index rewritten): median "
              f"{lost_ms:.0f} ms (3 runs)")
    del app


if __name__ == "__main__":
    main()
