"""Render every exercise of the Introduction plan, with a full room, to docs/screenshots/.

A full room: 20 notes a side in Sue and Mick, the card sort's deck sorted, two
ladder rounds voted and revealed, the matrix's dealt cards placed across the
cell. Everything is done through the app's commands, as a facilitator would,
on a session saved in a temporary folder (the user's data is never touched).
The projector is grabbed at 1920x1080, the console at 1400x900.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [folder]
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from coprod_workshop.app import Windows, build, make_application  # noqa: E402
from coprod_workshop.core.session import Step  # noqa: E402
from coprod_workshop.exercises.cards.board import DECK  # noqa: E402
from coprod_workshop.exercises.cards.commands import FlagCard, PlaceCard  # noqa: E402
from coprod_workshop.exercises.ladder.commands import (  # noqa: E402
    CastVote,
    CloseRound,
    OpenRound,
    SetResults,
)
from coprod_workshop.exercises.relationship.commands import (  # noqa: E402
    AddNote,
    PlaceStatement,
    RevealDebrief,
    ShowDeck,
)
from coprod_workshop.exercises.matrix.commands import RevealSuggestions  # noqa: E402
from coprod_workshop.paths import builtin_plans  # noqa: E402

HERE = Path(__file__).resolve().parent / "screenshots"
PROJECTOR = (1920, 1080)
CONSOLE = (1400, 900)
#: what a room says about Sue (one-night stand) and Mick (long-term), row by row
SUE = [
    "Talks at you, not with you", "Only calls when she wants something",
    "We asked the receptionist twice and nobody called back, please keep your comments short",
    "Uses words nobody understands", "In a hurry", "Has already decided",
    "Leaves before the tea", "Never says what happened next", "Sends a survey",
    "Forgets your name", "Ticks a box", "Meets at 10 am on a weekday",
    "Doesn't come back", "Counts heads", "Takes the credit",
    "Knows best", "Polite but distant", "Wants a quick yes", "Busy", "Cold",
]  # fmt: skip
MICK = [
    "Listens first", "Remembers what you said last time", "Shares the tea and the work",
    "Plain words", "Comes back and tells you what changed", "Asks what you are good at",
    "Honest about money", "Meets where you are", "Takes time", "Shares decisions",
    "Says sorry when it goes wrong", "Knows your family", "Patient", "Trusts you",
    "Both sides give and get", "Keeps in touch between meetings", "Laughs with you",
    "Brings food", "Owns mistakes", "Warm",
]  # fmt: skip
#: the room's ladder votes: round 1 (now) and round 2 (where we want to be), rung index
LADDER_NOW = [1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 2, 4, 1, 3, 2, 0, 3, 2]
LADDER_WANTED = [5, 6, 6, 5, 4, 6, 5, 6, 5, 4, 6, 6, 5, 5, 3, 6, 5]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def step_of(windows: Windows, kind: str) -> Step:
    session = windows.workshop.session
    assert session is not None
    return next(s for s in session.steps if s.kind == kind)


def show_step(windows: Windows, step: Step) -> None:
    session = windows.workshop.session
    assert session is not None
    windows.workshop.go_to(session.index_of(step.id))
    settle()


def grab(windows: Windows, folder: Path, name: str, *, console: bool = False) -> Path:
    settle()
    widget = windows.console if console else windows.projector
    target = folder / f"{name}.png"
    widget.grab().save(str(target))
    print(target)
    return target


def fill_relationship(windows: Windows) -> Step:
    step = step_of(windows, "relationship")
    run = windows.workshop.run
    for persona, notes in enumerate((SUE, MICK)):
        for number, text in enumerate(notes):
            run(AddNote(step.id, (persona, number % 3), text))
    for card in step.state.settings.deck[:4]:
        run(PlaceStatement(step.id, card.id, (len(card.text) % 2, card.row), card.text))
    return step


def fill_cardsort(windows: Windows) -> Step:
    step = step_of(windows, "cardsort")
    board = step.state.board
    piles = [p for p in board.place_ids() if p != DECK]
    for number, card_id in enumerate(board.ids_in(DECK)[:-3]):
        windows.workshop.run(PlaceCard(step.id, card_id, piles[number % len(piles)]))
    for card_id in board.ids_in(piles[0])[1:3]:  # the room changes its mind, twice
        for pile in (piles[1], piles[0], piles[1]):
            windows.workshop.run(PlaceCard(step.id, card_id, pile))
    windows.workshop.run(FlagCard(step.id, board.ids_in(piles[1])[0], True))
    return step


def vote_ladder(windows: Windows, round_number: int, votes: list[int], close: bool) -> Step:
    step = step_of(windows, "ladder")
    run = windows.workshop.run
    vote_round = step.state.rounds[round_number]
    if not vote_round.is_open:
        run(OpenRound(step.id, vote_round.id))
    for rung in votes:
        run(CastVote(step.id, rung, source="screen"))
    if close:
        run(CloseRound(step.id, vote_round.id))
    return step


def fill_matrix(windows: Windows) -> Step:
    """Each card in its suggested cell, but no cell past three: the rest go to the emptiest."""
    step = step_of(windows, "matrix")
    board = step.state.board
    cells = [p for p in board.place_ids() if p != DECK]
    counts = dict.fromkeys(cells, 0)
    for card_id in board.ids_in(DECK):
        suggested = board.card(card_id).suggested
        cell = suggested if counts.get(suggested, 3) < 3 else min(cells, key=counts.__getitem__)
        counts[cell] += 1
        windows.workshop.run(PlaceCard(step.id, card_id, cell))
    return step


@contextmanager
def full_room(data: Path) -> Iterator[Windows]:
    windows = build(data)
    plan = next(p for p in builtin_plans() if p.name == "introduction-to-co-production.json")
    assert windows.workshop.new_from_plan(plan)
    windows.console.resize(*CONSOLE)
    windows.projector.resize(*PROJECTOR)
    windows.console.show()
    windows.projector.show()
    try:
        yield windows
    finally:
        windows.console.close()


def main(folder: Path = HERE) -> list[Path]:
    make_application(sys.argv[:1])
    folder.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as data, full_room(Path(data)) as windows:
        run = windows.workshop.run
        relationship = fill_relationship(windows)
        show_step(windows, relationship)
        shots += [
            grab(windows, folder, "relationship-projector-crowded"),
            grab(windows, folder, "relationship-console", console=True),
        ]
        run(ShowDeck(relationship.id, True))
        shots.append(grab(windows, folder, "relationship-projector"))
        run(ShowDeck(relationship.id, False))
        run(RevealDebrief(relationship.id, True))
        shots.append(grab(windows, folder, "relationship-projector-debrief"))

        cardsort = fill_cardsort(windows)
        show_step(windows, cardsort)
        console = windows.console.body.step_panel.controls  # type: ignore[union-attr]
        console.board.select(cardsort.state.board.ids_in("more-value")[0])
        shots += [
            grab(windows, folder, "cardsort-projector"),
            grab(windows, folder, "cardsort-console", console=True),
        ]
        console.summary_button.click()
        shots += [
            grab(windows, folder, "cardsort-summary"),
            grab(windows, folder, "cardsort-summary-console", console=True),
        ]

        ladder = vote_ladder(windows, 0, LADDER_NOW, close=True)
        show_step(windows, ladder)
        vote_ladder(windows, 1, LADDER_WANTED[:7], close=False)
        windows.projector.frame.view.next_person()  # type: ignore[union-attr]
        shots.append(grab(windows, folder, "ladder-projector"))  # round 2, still voting
        vote_ladder(windows, 1, LADDER_WANTED[7:], close=True)
        run(SetResults(ladder.id, "revealed"))
        shots += [
            grab(windows, folder, "ladder-results"),
            grab(windows, folder, "ladder-console", console=True),
        ]

        matrix = fill_matrix(windows)
        show_step(windows, matrix)
        shots += [
            grab(windows, folder, "matrix-projector"),
            grab(windows, folder, "matrix-console", console=True),
        ]
        run(RevealSuggestions(matrix.id, True))
        console = windows.console.body.step_panel.controls  # type: ignore[union-attr]
        console.board.select(matrix.state.board.ids_in("D2P1")[0], focus=False)
        shots.append(grab(windows, folder, "matrix-revealed"))
    return shots


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
