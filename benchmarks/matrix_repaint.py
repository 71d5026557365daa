"""How long the projected Bovaird matrix takes to repaint. Prints figures; never fails.

    python benchmarks/matrix_repaint.py [--cards 200] [--samples 100] [--runs 3]

The app is built as in the room: console (1600x1000) and projector
(1920x1080) both shown, a saved session with a matrix step. Its board holds
``--cards`` cards (the 23 of the default deck and numbered extras; a stress
test: a session holds at most ``cards.board.MAX_CARDS``, so the board is
built directly), spread over the deck and the nine cells, with the deck's
suggestions revealed so every card carries its badge.

Measured on the projector's board (``MatrixPresenter.board``):

(a) ``repaint()``: a synchronous paint of the board, its ten places and every
    card in view. Goal: median <= 8 ms.
(b) ``grab()``: the same board rendered into a pixmap (what a screenshot costs).
(c) a card moved between two cells, until the projector has painted it: the
    command, every view's refresh (console, preview, projector) and the paint.
    Goal: median <= 16.7 ms (one frame at 60 Hz). Also printed: the same moves'
    CPU time, and the time until the console and the preview have painted too.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from coprod_workshop.app import build, make_application  # noqa: E402
from coprod_workshop.core.session import Session, Step  # noqa: E402
from coprod_workshop.exercises.cards.board import DECK, Board, Card  # noqa: E402
from coprod_workshop.exercises.cards.commands import PlaceCard  # noqa: E402
from coprod_workshop.exercises.matrix.commands import RevealSuggestions  # noqa: E402
from coprod_workshop.exercises.matrix.model import CELL_IDS, BovairdMatrix, content  # noqa: E402
from coprod_workshop.exercises.matrix.views import MatrixPresenter  # noqa: E402

GOAL_MS = 8.0


def settle() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def big_board(cards: int) -> Board:
    known = content()
    deck = list(known.cards)
    for n in range(len(deck) + 1, cards + 1):
        cell = CELL_IDS[n % len(CELL_IDS)]
        deck.append(Card(f"extra-{n}", f"Activity {n}", suggested=cell, reason="For the test."))
    board = Board(known.cells, deck[:cards], deck_name=known.deck_name)
    places = [DECK, *CELL_IDS]
    for n, card in enumerate(board.cards()):
        board.place_card(card.id, places[n % len(places)], at="09:00")
    return board


def set_up(folder: Path, cards: int):  # type: ignore[no-untyped-def]
    windows = build(folder)
    step = Step("matrix", "Who plans, who delivers?", 25, BovairdMatrix(big_board(cards)))
    session = Session("Benchmark: Bovaird matrix", [step])
    windows.workshop.store.save(session)
    windows.workshop.open(session)
    windows.workshop.run(RevealSuggestions(step.id))
    windows.console.resize(1600, 1000)
    windows.projector.resize(1920, 1080)
    windows.console.show()
    windows.projector.show()
    settle()
    view = windows.projector.frame.view
    assert isinstance(view, MatrixPresenter)
    return windows, step, view


def timed(action, samples: int) -> list[float]:  # type: ignore[no-untyped-def]
    action()  # warm up caches
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure_move(windows, step, view, samples: int):  # type: ignore[no-untyped-def]
    """(c): wall-clock times, the same moves' CPU time of the app's thread (which other
    work on a shared machine does not inflate), and the time until every view has painted
    (the console's board and the preview paint in the same turn of the event loop)."""
    board = step.state.board
    card_id = board.ids_in("D1P1")[0]
    times, cpu, everything = [], [], []
    for n in range(samples):
        target = ("D2P2", "D1P1")[n % 2]
        started, started_cpu = time.perf_counter(), time.thread_time()
        windows.workshop.run(PlaceCard(step.id, card_id, target))
        view.board.repaint()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        QApplication.processEvents()
        everything.append((time.perf_counter() - started) * 1000)
    return times, cpu, everything


def run_once(cards: int, samples: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix="coprod-matrix-") as folder:
        windows, step, view = set_up(Path(folder), cards)
        placed = len(step.state.board)
        shown = sum(
            1
            for panel in view.board.panels.values()
            for row in range(panel.view.model().rowCount())
            if panel.view.viewport()
            .rect()
            .intersects(panel.view.visualRect(panel.view.model().index(row)))
        )
        result = {
            "repaint": timed(view.board.repaint, samples),
            "grab": timed(view.board.grab, max(10, samples // 4)),
            **dict(
                zip(
                    ("move", "move-cpu", "move-all"),
                    measure_move(windows, step, view, max(10, samples // 4)),
                    strict=True,
                )
            ),
            "cards": [placed, shown, view.board.view(DECK).text_px()],
        }
        windows.console.close()
    return result


def describe(times: list[float]) -> str:
    p90 = statistics.quantiles(times, n=10, method="inclusive")[8]
    return f"median {statistics.median(times):.2f} ms, p90 {p90:.2f} ms, max {max(times):.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    app = make_application(sys.argv[:1])
    runs = [run_once(options.cards, options.samples) for _ in range(options.runs)]
    del app
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"PySide6 {metadata.version('PySide6-Essentials')}, "
        f"platform {os.environ.get('QT_QPA_PLATFORM')}"
    )
    placed, shown, px = runs[0]["cards"]
    print(
        f"board of {placed} cards (suggestions revealed), projector 1920x1080: {shown} cards in "
        f"view at {px} px, the rest scrolled"
    )
    medians = [statistics.median(run["repaint"]) for run in runs]
    middle = sorted(range(len(runs)), key=lambda i: medians[i])[len(runs) // 2]
    print(
        f"(a) board.repaint(), {options.samples} samples x {options.runs} runs: "
        f"{describe(runs[middle]['repaint'])} (middle run; medians across runs "
        f"{min(medians):.2f}-{max(medians):.2f} ms; goal median <= {GOAL_MS:.0f} ms)"
    )
    print(f"(b) board.grab(): {describe(runs[middle]['grab'])}")
    moves = describe(runs[middle]["move"])
    print(f"(c) move a card between cells, refresh every view, repaint: {moves} (goal <= 16.7)")
    print(f"    the same, CPU time of the app's thread: {describe(runs[middle]['move-cpu'])}")
    print(f"    until the console's board and the preview have painted too: "
          f"{describe(runs[middle]['move-all'])}")


if __name__ == "__main__":
    main()
