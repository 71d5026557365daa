"""How long the Open dialog takes with 1,000 saved sessions. Prints figures; never fails.

    python benchmarks/session_list.py [--dir FOLDER] [--sessions N] [--runs N]

(a) ``SessionStore.summaries()`` with the summary index up to date, with the
    open session changed since (the usual case), and without any index (a
    data folder written by an older version: every file is read once);
(b) File -> Open in the real console (offscreen, a session open, autosave
    on): from the menu action until the dialog has painted, listing every
    session; goal: <= 100 ms. The CPU time the app used meanwhile is printed
    too: on a shared machine it shows how much of the wait was other work.

Everything is written to a new temporary folder (under ``--dir`` if given);
it is removed afterwards. Medians of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.autosave import big_session, machine_info  # noqa: E402
from coprod_workshop.exercises import REGISTRY  # noqa: E402
from coprod_workshop.storage import SessionStore  # noqa: E402
from coprod_workshop.storage.index import INDEX_NAME  # noqa: E402

DIALOG_GOAL_MS = 100.0


def fill(root: Path, count: int) -> None:
    store = SessionStore(root, REGISTRY)
    template = big_session()
    for n in range(count):
        copy = template.copy_as_new(REGISTRY)
        copy.title = f"Workshop {n + 1}"
        store.save(copy)
        store.unlock(copy.id)
    store.close()


def timed(action, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return times


def listing(root: Path, runs: int) -> None:
    store = SessionStore(root, REGISTRY)
    store.summaries()
    fresh = timed(store.summaries, runs)
    # the usual case: the open session has been saved since the index was written
    session = store.load(store.ids()[0])

    def after_a_save() -> None:
        session.set_detail("facilitator", f"F {time.perf_counter()}")
        store.save(session)
        store.summaries()

    changed = timed(after_a_save, runs)

    def without_index() -> None:
        (store.folder / INDEX_NAME).unlink(missing_ok=True)
        store.summaries()

    rebuilt = timed(without_index, max(1, runs // 3))
    count = len(store.ids())
    print(f"(a) listing {count} sessions:")
    print(f"    index up to date:             median {statistics.median(fresh):6.1f} ms")
    print(f"    one session saved since:      median {statistics.median(changed):6.1f} ms")
    print(f"    no index (read every file):   median {statistics.median(rebuilt):6.1f} ms")
    store.close()


def open_dialog(root: Path, runs: int) -> None:
    from PySide6.QtCore import QEvent, QObject

    from coprod_workshop.app import build, make_application

    app = make_application(["bench"])
    windows = build(root)
    windows.workshop.open_saved(windows.workshop.store.ids()[0])
    windows.console.resize(1600, 1000)
    windows.console.show()
    app.processEvents()
    menus = windows.console.menus

    class Painted(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                self.done = True
            return False

    times, cpu = [], []
    shown = 0
    for _ in range(runs):
        painted = Painted()
        began, began_cpu = time.perf_counter(), time.process_time()
        menus.open_action.trigger()
        dialog = menus.dialog
        dialog.installEventFilter(painted)
        while not painted.done:
            app.processEvents()
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        shown = dialog.list.count()
        dialog.reject()
        app.processEvents()
    median = statistics.median(times)
    print(f"(b) File -> Open until painted, {shown} sessions listed:")
    print(f"    median {median:.1f} ms, max {max(times):.1f} ms ({runs} runs)")
    print(f"    CPU time of the app meanwhile: median {statistics.median(cpu):.1f} ms")
    verdict = "met" if median <= DIALOG_GOAL_MS else "MISSED"
    print(f"    goal <= {DIALOG_GOAL_MS:.0f} ms: {verdict}")
    windows.console.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, help="where to make the temporary folder")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    try:
        with tempfile.TemporaryDirectory(prefix="coprod-bench-", dir=args.dir) as tmp:
            root = Path(tmp)
            machine_info(root)
            print(f"filling a folder with {args.sessions} sessions...", end=" ", flush=True)
            began = time.perf_counter()
            fill(root, args.sessions)
            print(f"{time.perf_counter() - began:.1f} s\n")
            listing(root, args.runs)
            open_dialog(root, args.runs)
    except Exception as err:  # a benchmark reports; it does not fail a build
        print(f"\nbenchmark stopped: {type(err).__name__}: {err}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
