"""Time to the first painted window: the app's console vs a bare PySide6 window.

Both are started as fresh Python processes, alternately, in the same run; the
figure is the median over several runs of (first paint) - (process launch).
The app opens a saved session from a prepared data folder, as on a normal
start. Prints figures; never fails.

    python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time

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

BARE = PAINT_PROBE + textwrap.dedent(
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

APP = textwrap.dedent(
    """
    import argparse, os, sys, time
    from PySide6.QtCore import QEvent, QObject
    from coprod_workshop.app import launch, make_application
    from coprod_workshop.ui.mainwindow import MainWindow

    class ConsolePainted(QObject):
        # Prints when the console first paints, and when it first paints with
        # the session's panels in it.
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


def launch(code: str, *args: str) -> list[float]:
    """Seconds from process launch to each time the child printed."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    ).stdout
    return [float(line) - started for line in out.split()]


def prepare_data_dir() -> str:
    """A data folder holding one saved session, so the app opens it as on a normal day."""
    folder = tempfile.mkdtemp(prefix="coprod-startup-")
    launch(APP, folder)  # the first start creates a session from the built-in plan
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    folder = prepare_data_dir()
    launch(BARE)  # warm the file cache for both
    launch(APP, folder)
    bare, app, ready = [], [], []
    for _ in range(runs):
        bare.append(launch(BARE)[0])
        first, shown = launch(APP, folder)
        app.append(first)
        ready.append(shown)
    bare_ms = statistics.median(bare) * 1000
    app_ms = statistics.median(app) * 1000
    ready_ms = statistics.median(ready) * 1000
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}"
    )
    print(f"runs: {runs} each, alternating")
    print(
        f"bare PySide6 window, first paint: median {bare_ms:.0f} ms "
        f"(min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})"
    )
    print(
        f"coprod-workshop console, first paint: median {app_ms:.0f} ms "
        f"(min {min(app) * 1000:.0f}, max {max(app) * 1000:.0f})"
    )
    print(f"ratio app / bare: {app_ms / bare_ms:.2f} (goal <= 1.3)")
    print(f"coprod-workshop session on screen (agenda, preview, step): median {ready_ms:.0f} ms")


if __name__ == "__main__":
    main()
