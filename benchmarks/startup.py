"""Start-up as the user sees it: the whole app process against a bare PySide6 one.

Headline: seconds from launching ``coprod-workshop --screenshot`` (a saved
session opened from a prepared data folder, the console and the projector
filled, rendered and written to PNG, the process ended) against a bare
PySide6 process that renders two empty windows of the same sizes to PNG.
Both are fresh processes, started alternately in the same run; the figures
are medians over the runs, and the peak memory (maximum resident set) of each.

Then where the time goes: the same steps as ``app.screenshot``, timed phase by
phase in a third process, beside the bare process's own phases. Last line: the
time to the console's first paint when the app starts normally
(``app.launch``), against a bare window's first paint.

Children run with bytecode caching on (as an installed copy does), whatever
PYTHONDONTWRITEBYTECODE says here.

Prints figures; never fails.

    python benchmarks/startup.py [--runs 9]

``--bundle PATH`` instead compares the self-contained build (PATH is its
``coprod-workshop`` executable, packaging/build.py) with the installed
``coprod-workshop`` beside this Python, measured the same way: the same saved
session's ``--screenshot``, fresh processes started alternately, medians.

    python benchmarks/startup.py --bundle dist/coprod-workshop/coprod-workshop
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

CONSOLE_SIZE = (1600, 1000)  # app.CONSOLE_SIZE, app.PROJECTOR_SIZE
PROJECTOR_SIZE = (1920, 1080)

PAINT_PROBE = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                print(f"{time.time():.6f}", flush=True)
                import os
                os._exit(0)
            return False
    """
)

BARE_PAINT = PAINT_PROBE + textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1400, 900)
    probe = FirstPaint()
    window.installEventFilter(probe)
    window.show()
    app.exec()
    """
)

APP_PAINT = textwrap.dedent(
    """
    import argparse, os, sys, time
    from PySide6.QtCore import QEvent, QObject
    from coprod_workshop.app import launch, make_application
    from coprod_workshop.ui.mainwindow import MainWindow

    class ConsolePainted(QObject):
        # Prints when the console first paints; exits once the session is in it.
        first = True

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and isinstance(obj, MainWindow):
                if self.first:
                    print(f"{time.time():.6f}", flush=True)
                    self.first = False
                elif obj.body is not None:
                    print(f"{time.time():.6f}", flush=True)
                    os._exit(0)
            return False

    app = make_application(sys.argv)
    probe = ConsolePainted()
    app.installEventFilter(probe)
    options = argparse.Namespace(data_dir=sys.argv[1], session=None, screenshot=None, step=None)
    windows = launch(options)
    app.exec()
    """
)


PHASES = textwrap.dedent(
    """
    # Where the time of a --screenshot run goes, phase by phase (the steps of
    # app.screenshot, timed one by one). Prints one line of JSON: phase -> ms.
    import json, sys, time
    marks = [("start", time.perf_counter())]
    def mark(name):
        marks.append((name, time.perf_counter()))
    from PySide6.QtWidgets import QApplication
    mark("import PySide6 widgets")
    from PySide6.QtCore import QEvent, Qt
    Qt.AlignmentFlag.AlignLeft
    mark("PySide6: the Qt namespace's enums")
    import coprod_workshop.app as app
    from coprod_workshop.paths import data_dir
    mark("import the app's start modules")
    app.make_application(sys.argv[:1])
    mark("QApplication")
    windows = app.build(data_dir(sys.argv[1]))
    mark("build console and projector (storage, menus, stylesheet)")
    assert windows.workshop.open_saved(sys.argv[2])
    mark("open the saved session: read, models, three views")
    windows.console.resize(*app.CONSOLE_SIZE)
    windows.projector.resize(*app.PROJECTOR_SIZE)
    windows.console.show()
    windows.projector.show()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    mark("show and lay out")
    shots = windows.console.grab(), windows.projector.grab()
    mark("render (grab)")
    shots[0].save(sys.argv[3] + "/phases.png")
    shots[1].save(sys.argv[3] + "/phases-projector.png")
    mark("encode two PNGs")
    print(json.dumps({b[0]: (b[1] - a[1]) * 1000 for a, b in zip(marks, marks[1:])}))
    windows.console.close()
    """
)

# The bare process: two empty windows of the app's sizes, rendered to PNG; it
# prints its phases as PHASES does.
BARE = textwrap.dedent(
    f"""
    import json, sys, time
    marks = [("start", time.perf_counter())]
    def mark(name):
        marks.append((name, time.perf_counter()))
    from PySide6.QtWidgets import QApplication, QMainWindow
    mark("import PySide6 widgets")
    app = QApplication(sys.argv[:1])
    mark("QApplication")
    console, projector = QMainWindow(), QMainWindow()
    console.resize(*{CONSOLE_SIZE})
    projector.resize(*{PROJECTOR_SIZE})
    console.show()
    projector.show()
    app.processEvents()
    mark("show and lay out")
    shots = console.grab(), projector.grab()
    mark("render (grab)")
    shots[0].save(sys.argv[1] + "/bare-phases.png")
    shots[1].save(sys.argv[1] + "/bare-phases-projector.png")
    mark("encode two PNGs")
    print(json.dumps({{b[0]: (b[1] - a[1]) * 1000 for a, b in zip(marks, marks[1:])}}))
    """
)


def environment() -> dict[str, str]:
    """Offscreen unless told otherwise; bytecode cached, as in a user's installed copy."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(command: list[str]) -> tuple[float, float, str]:
    """(seconds from launch to exit, peak resident MiB, stdout) of one process."""
    out = tempfile.TemporaryFile(mode="w+")
    started = time.perf_counter()
    child = subprocess.Popen(command, env=environment(), stdout=out, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    text = out.read()
    if child.returncode != 0:
        raise SystemExit(f"{command[:3]} failed ({child.returncode})")
    return elapsed, usage.ru_maxrss / 1024, text  # ru_maxrss is in KiB on Linux


def app_command() -> list[str]:
    """The installed ``coprod-workshop`` script beside this Python, else ``-m``."""
    script = Path(sys.executable).with_name("coprod-workshop")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "coprod_workshop"]


def painted(code: str, *args: str) -> list[float]:
    """Seconds from process launch to each time the child printed."""
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=environment(), capture_output=True, text=True
    ).stdout
    return [float(line) - started for line in out.split()]


def spread(values: list[float], unit: float = 1000) -> str:
    low, mid, high = (
        f"{value * unit:.0f}" for value in (min(values), statistics.median(values), max(values))
    )
    return f"median {mid} (min {low}, max {high})"


def first_start_folder() -> tuple[str, str]:
    """A data folder holding the session a first start saves, and its id (the app is
    started as a facilitator starts it and stopped once the session is saved: a first
    start also asks for the session's details, so it is never left to run to the end)."""
    folder = tempfile.mkdtemp(prefix="coprod-startup-")
    app = subprocess.Popen(
        [*app_command(), "--data-dir", folder],
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not list(Path(folder, "sessions").glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)
    app.terminate()
    app.wait()
    listing = subprocess.run(
        [*app_command(), "--data-dir", folder, "--list"],
        env=environment(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return folder, listing.split()[0]


def compare_bundle(bundle: str, runs: int) -> None:
    """The self-contained build against the installed package, whole process, as above."""
    folder, session = first_start_folder()
    shots = tempfile.mkdtemp(prefix="coprod-startup-png-")
    commands = {
        "installed": [*app_command(), "--data-dir", folder, session, "--screenshot"],
        "bundle": [str(Path(bundle).resolve()), "--data-dir", folder, session, "--screenshot"],
    }
    for name, command in commands.items():  # warm the file cache for both
        run([*command, f"{shots}/{name}.png"])
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            elapsed, mib, _ = run([*command, f"{shots}/{name}.png"])
            seconds[name].append(elapsed)
            memory[name].append(mib)
    shutil.rmtree(shots, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, platform {environment()['QT_QPA_PLATFORM']}; "
        f"{runs} runs each, interleaved"
    )
    for name in commands:
        print(
            f"{name} coprod-workshop --screenshot, saved session: {spread(seconds[name])} ms, "
            f"peak memory {statistics.median(memory[name]):.0f} MiB"
        )
    ratio = statistics.median(seconds["bundle"]) / statistics.median(seconds["installed"])
    print(f"whole-process ratio bundle / installed: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--bundle", metavar="PATH", help="compare this self-contained build")
    arguments = parser.parse_args()
    runs = arguments.runs
    if arguments.bundle:
        compare_bundle(arguments.bundle, runs)
        return
    folder, session = first_start_folder()
    shots = tempfile.mkdtemp(prefix="coprod-startup-png-")
    bare_cmd = [sys.executable, "-c", BARE, shots]
    app_cmd = [*app_command(), "--data-dir", folder, session, "--screenshot", f"{shots}/app.png"]
    run(bare_cmd)  # warm the file cache for both
    run(app_cmd)
    bare_s, bare_mem, app_s, app_mem = [], [], [], []
    bare_paint, app_paint, app_ready = [], [], []
    phases: dict[str, list[float]] = {}
    bare_phases: dict[str, list[float]] = {}
    for _ in range(runs):
        seconds, mib, out = run(bare_cmd)
        bare_s.append(seconds)
        bare_mem.append(mib)
        for name, ms in json.loads(out).items():
            bare_phases.setdefault(name, []).append(ms)
        seconds, mib, _ = run(app_cmd)
        app_s.append(seconds)
        app_mem.append(mib)
        bare_paint.append(painted(BARE_PAINT)[0])
        first, shown = painted(APP_PAINT, folder)
        app_paint.append(first)
        app_ready.append(shown)
        _, _, out = run([sys.executable, "-c", PHASES, folder, session, shots])
        for name, ms in json.loads(out).items():
            phases.setdefault(name, []).append(ms)
    shutil.rmtree(shots, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    ratio = statistics.median(app_s) / statistics.median(bare_s)
    memory = statistics.median(app_mem) / statistics.median(bare_mem)
    paint_ratio = statistics.median(app_paint) / statistics.median(bare_paint)
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, platform {environment()['QT_QPA_PLATFORM']}; "
        f"{runs} runs each, interleaved"
    )
    print(f"bare PySide6, two windows rendered to PNG: {spread(bare_s)} ms")
    print(f"coprod-workshop --screenshot, saved session: {spread(app_s)} ms")
    print(
        f"peak memory: bare {statistics.median(bare_mem):.0f} MiB, "
        f"app {statistics.median(app_mem):.0f} MiB"
    )
    print(f"whole-process ratio app / bare: {ratio:.2f} (goal <= 1.3)")
    print(f"peak memory ratio app / bare: {memory:.2f} (goal <= 1.5)")
    print("where the time goes, median ms (app / bare; the app's run without exiting):")
    for name, values in phases.items():
        bare_ms = statistics.median(bare_phases[name]) if name in bare_phases else 0.0
        print(f"  {name}: {statistics.median(values):.0f} / {bare_ms:.0f}")
    print(
        f"first paint of the console: {spread(app_paint)} ms against a bare window's "
        f"{spread(bare_paint)} ms, ratio {paint_ratio:.2f}; "
        f"session on screen: {spread(app_ready)} ms"
    )


if __name__ == "__main__":
    main()
