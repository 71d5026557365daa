"""How long exporting a session's report takes, and how big the files are. Prints
figures; never fails.

    python benchmarks/export.py [--runs N]

The session is the ready-made Introduction plan played through (every step:
notes, card sort, ladder rounds with screen, hand and phone votes, matrix
placements revealed, actions), as the tests play it. Measured: the first
export in a fresh process (imports and fonts included), then the median of
``--runs`` more, per format; goals: the full report (PDF and ODT) <= 2 s,
every format with the board images <= 4 s. A second session adds 500 notes to
the Sue and Mick grid (heavy content). Everything is written to a temporary
folder, removed afterwards.

Peak memory: each export is run once more in a fresh process of its own, whose
peak resident size (``VmHWM``) is printed with the rise over the resident
size it had just before exporting (the session built, Qt started).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6 import __version__ as pyside_version  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from coprod_workshop.exercises import REGISTRY  # noqa: E402
from coprod_workshop.exercises.relationship.commands import AddNote  # noqa: E402
from coprod_workshop.exercises.relationship.model import all_cells  # noqa: E402
from coprod_workshop.reports.export import export  # noqa: E402
from tests.played import played_plan  # noqa: E402
from tests.test_report import introduction  # noqa: E402

GOAL_S = 2.0
ALL_GOAL_S = 4.0
GROUPS = {
    "everything (all formats)": ["pdf", "odt", "docx", "csv", "json", "png", "md"],
    "report (pdf + odt + docx)": ["pdf", "odt", "docx"],
    "pdf": ["pdf"],
    "odt": ["odt"],
    "docx": ["docx"],
    "data (csv + json + md)": ["csv", "json", "md"],
    "board images (png)": ["png"],
}


def timed(session, folder: Path, formats: list[str]) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    paths = export(session, REGISTRY, folder, formats, force=True)
    return time.perf_counter() - start, sum(p.stat().st_size for p in paths)


def resident_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mib() -> float:
    """This process's peak resident size (VmHWM: ``ru_maxrss`` would carry the
    parent's size over the fork that started this process)."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def sessions():  # type: ignore[no-untyped-def]
    session = played_plan(introduction(), REGISTRY)
    heavy = played_plan(introduction(), REGISTRY)
    grid = next(step for step in heavy.steps if step.kind == "relationship")
    for number in range(500 - 13):
        AddNote(grid.id, all_cells()[number % 6], f"heavy note number {number:03d}").redo(heavy)
    return session, heavy


def memory_of_one(which: str, formats: str) -> None:
    """In this fresh process: export once, print the peak and the rise before it."""
    app = QApplication([])  # noqa: F841
    session, heavy = sessions()
    subject = heavy if which == "heavy" else session
    with tempfile.TemporaryDirectory() as tmp:
        before = resident_mib()
        export(subject, REGISTRY, Path(tmp), formats.split(","), force=True)
        print(f"{peak_mib():.0f} {peak_mib() - before:.0f}")


def memory() -> None:
    print("\npeak memory, one export in a fresh process: peak resident (rise while exporting)")
    for label, which in (("played Introduction", "played"), ("with 500 notes", "heavy")):
        for name in ("report (pdf + odt + docx)", "everything (all formats)"):
            result = subprocess.run(
                [sys.executable, __file__, "--memory-of", which, ",".join(GROUPS[name])],
                capture_output=True,
                text=True,
                check=True,
            )
            peak, rise = result.stdout.split()
            print(f"  {label:20} {name:24} {peak:>5} MiB  (+{rise} MiB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--memory-of", nargs=2, metavar=("SESSION", "FORMATS"))
    options = parser.parse_args()
    if options.memory_of:
        memory_of_one(*options.memory_of)
        return
    runs = options.runs
    app = QApplication([])  # noqa: F841
    session, heavy = sessions()
    print(
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, {os.cpu_count()} cores"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first, size = timed(session, folder / "first", ["pdf", "odt", "docx"])
        print(f"first export in this process, pdf + odt + docx: {first:.2f} s")
        for label, subject in (("played Introduction", session), ("with 500 notes", heavy)):
            print(f"\n{label}: median of {runs} (min-max), size")
            for name, formats in GROUPS.items():
                times, sizes = [], []
                for run in range(runs):
                    seconds, size = timed(subject, folder / f"{label}-{name}-{run}", formats)
                    times.append(seconds)
                    sizes.append(size)
                goal = f"  (goal <= {GOAL_S:.0f} s)" if name.startswith("report") else ""
                if name.startswith("everything"):
                    goal = f"  (goal <= {ALL_GOAL_S:.0f} s)"
                print(
                    f"  {name:24} {statistics.median(times):6.2f} s "
                    f"({min(times):.2f}-{max(times):.2f})  {sizes[-1] / 1024:7.0f} KiB{goal}"
                )
    memory()


if __name__ == "__main__":
    main()
