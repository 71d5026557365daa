"""How quickly the ladder vote's results chart follows the votes. Prints figures; never fails.

    python benchmarks/ladder_chart.py [--samples 60] [--burst 1000] [--batch 20]

The app is built as in the room: console (1600x1000) and projector
(1920x1080) both shown, a saved session with a ladder vote step whose results
are shown live, autosave on.

(a) Chart update after one vote: from ``run(CastVote)`` to the projector's
    chart having painted the new bars, one vote at a time with a pause
    between (so the redraw throttle never delays it). Goal: median <= 30 ms.
(b) Event-loop stall during a burst: 1,000 votes arrive from a worker thread
    the way the phone server hands them over (queued signals carrying batches
    of ``--batch`` votes, a batch every 2 ms), while a 5 ms heartbeat timer
    records the longest gap between its ticks. Goal: longest gap <= 50 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from coprod_workshop.app import build, make_application  # noqa: E402
from coprod_workshop.core.session import Session, Step  # noqa: E402
from coprod_workshop.exercises.ladder.commands import CastVote, OpenRound, SetResults  # noqa: E402
from coprod_workshop.participation.inbox import IncomingVote, VoteInbox  # noqa: E402
from coprod_workshop.exercises.ladder.model import LadderStep  # noqa: E402
from coprod_workshop.exercises.ladder.presenter import LadderPresenter  # noqa: E402
from coprod_workshop.voting.server import VoteReceipt  # noqa: E402

UPDATE_GOAL_MS = 30.0
STALL_GOAL_MS = 50.0
HEARTBEAT_MS = 5


class PaintCounter(QObject):
    """Counts paint events of one widget."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def process_for(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.001)


def set_up(folder: Path):  # type: ignore[no-untyped-def]
    windows = build(folder)
    session = Session("Benchmark: ladder vote", [Step("ladder", "Ladder", 20, LadderStep())])
    windows.workshop.store.save(session)
    windows.workshop.open(session)
    step = session.steps[0]
    windows.workshop.run(OpenRound(step.id, step.state.rounds[0].id))
    windows.workshop.run(SetResults(step.id, "live"))
    windows.console.resize(1600, 1000)
    windows.projector.resize(1920, 1080)
    windows.console.show()
    windows.projector.show()
    process_for(0.5)
    return windows, step


def measure_update(windows, step, samples: int) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Per vote: time to the command's return, to the chart's redraw, to the projector's paint."""
    view = windows.projector.frame.view
    assert isinstance(view, LadderPresenter) and view.chart is not None
    chart = view.chart
    counter = PaintCounter()
    chart.canvas.installEventFilter(counter)
    times: dict[str, list[float]] = {"command": [], "drawn": [], "painted": []}
    drawn_at = [0.0]
    chart.figure.canvas.mpl_connect(
        "draw_event", lambda _event: drawn_at.__setitem__(0, time.perf_counter())
    )
    for n in range(samples):
        process_for(0.08)  # longer than the redraw throttle
        painted, drawn = counter.paints, chart.draws
        started = time.perf_counter()
        windows.workshop.run(
            CastVote(step.id, n % 7, participant=f"phone:single:{n}", source="phone")
        )
        times["command"].append((time.perf_counter() - started) * 1000)
        while chart.draws == drawn or counter.paints == painted:
            QApplication.processEvents()
        times["drawn"].append((drawn_at[0] - started) * 1000)
        times["painted"].append((time.perf_counter() - started) * 1000)
    chart.canvas.removeEventFilter(counter)
    return times


def measure_burst(windows, step, votes: int, batch: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    view = windows.projector.frame.view
    chart = view.chart
    draws_before = chart.draws
    inbox = VoteInbox(windows.workshop.session, windows.workshop.run)
    outcomes: Counter[str] = Counter()
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    heartbeat.start()
    process_for(0.2)

    def server() -> None:
        # Handler threads hand each batch over with a queued signal (inbox.deliver).
        for start in range(0, votes, batch):
            inbox.deliver(
                IncomingVote(step.id, (n * 3) % 7, f"phone:burst:{n}", f"req-{n}", reply=count)
                for n in range(start, start + batch)
            )
            time.sleep(0.002)

    def count(receipt: VoteReceipt) -> None:
        outcomes[receipt.outcome] += 1

    worker = threading.Thread(target=server)
    began = time.perf_counter()
    ticks.append(began)
    worker.start()
    while outcomes.total() < votes:
        QApplication.processEvents()
    worker.join()
    done = time.perf_counter()
    process_for(0.3)  # the last redraw
    heartbeat.stop()
    gaps = [(b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False) if b >= began]
    return {
        "longest": max(gaps),
        "p99": statistics.quantiles(gaps, n=100, method="inclusive")[98],
        "burst_ms": (done - began) * 1000,
        "draws": chart.draws - draws_before,
        "tally": sum(step.state.rounds[0].tally()),
        "counted": outcomes["counted"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=20)
    options = parser.parse_args()
    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="coprod-ladder-") as folder:
        windows, step = set_up(Path(folder))
        times = measure_update(windows, step, options.samples)
        burst = measure_burst(windows, step, options.burst, options.batch)
        windows.console.close()
    del app
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"PySide6 {metadata.version('PySide6-Essentials')}, "
        f"matplotlib {metadata.version('matplotlib')}, "
        f"platform {os.environ.get('QT_QPA_PLATFORM')}"
    )
    painted = times["painted"]
    print(
        f"(a) chart update after one vote, {len(painted)} votes, until the projector has painted "
        f"the new bars: median {statistics.median(painted):.1f} ms, "
        f"p90 {statistics.quantiles(painted, n=10, method='inclusive')[8]:.1f} ms, "
        f"max {max(painted):.1f} ms (goal median <= {UPDATE_GOAL_MS:.0f} ms)"
    )
    print(
        f"    medians: command and every view's refresh {statistics.median(times['command']):.2f}"
        f" ms; chart redrawn {statistics.median(times['drawn']):.1f} ms; the rest is waiting for"
        " the window's next paint"
    )
    print(
        f"(b) {options.burst} votes in batches of {options.batch}: longest event-loop stall "
        f"{burst['longest']:.1f} ms, p99 gap {burst['p99']:.1f} ms "
        f"(heartbeat every {HEARTBEAT_MS} ms; goal <= {STALL_GOAL_MS:.0f} ms)"
    )
    print(
        f"    {burst['counted']} counted in {burst['burst_ms']:.0f} ms with {burst['draws']} "
        f"chart redraws; votes in the round afterwards: {burst['tally']}"
    )


if __name__ == "__main__":
    main()
