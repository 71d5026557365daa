"""Composition root: builds the application, the stores and the windows."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from coprod_workshop import APP_NAME, __version__
from coprod_workshop.paths import data_dir
from coprod_workshop.ui.mainwindow import MainWindow

# Only what the first painted frame needs is imported here; the rest follows
# in launch() once the console is on screen (benchmarks/startup.py).

CONSOLE_SIZE = (1600, 1000)
PROJECTOR_SIZE = (1920, 1080)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    if not getattr(app, "translation_installed", False):
        from coprod_workshop.ui.language import install_translation

        install_translation(app)
        app.translation_installed = True  # type: ignore[attr-defined]
    return app


class Windows:
    """The console and projector of one workshop.

    ``console`` may be shown before :meth:`assemble` gives it a workshop.
    """

    def __init__(self, console: MainWindow | None = None) -> None:
        self.console = console or MainWindow()
        self.first_paint: QObject | None = None

    def assemble(self, root: Path | None) -> None:
        """Create the workshop (on the data folder ``root``, or none) and the projector."""
        from coprod_workshop.exercises import REGISTRY
        from coprod_workshop.ui.projector import ProjectorWindow
        from coprod_workshop.ui.theme import install_stylesheet
        from coprod_workshop.ui.workshop import Workshop

        install_stylesheet(QApplication.instance())  # type: ignore[arg-type]
        self.workshop = Workshop(REGISTRY)
        if root is not None:
            from coprod_workshop.storage import SessionStore
            from coprod_workshop.storage.appstate import AppState
            from coprod_workshop.storage.tidy import tidy

            tidy(root)
            self.workshop.attach(SessionStore(root, REGISTRY), AppState(root))
        self.projector = ProjectorWindow(self.workshop)
        self.console.assemble(self.workshop, self.projector)


def build(root: Path | None) -> Windows:
    """The app on the data folder ``root`` (None: nothing is stored), no session open yet."""
    windows = Windows()
    windows.assemble(root)
    return windows


def settle() -> None:
    """Leave what lives as long as the open session out of the garbage collector's
    full sweeps; done once the first screen is up, and again each time another
    session opens (what the one before left behind is collected first).

    The modules, windows and the open session are most of the objects a
    full sweep goes through; swept with the room's own, each sweep paused the
    windows for 20-40 ms under a busy phone server (docs/performance.md).
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class _AfterFirstPaint(QObject):
    """Calls ``then()`` once, after the watched window has painted for the first time."""

    def __init__(self, then) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.then is not None:
            then, self.then = self.then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, then)
        return False


def offer_resume(windows: Windows) -> None:
    """After a crash, say where the room was and offer to start the plan over."""
    from PySide6.QtWidgets import QMessageBox

    workshop = windows.workshop
    session = workshop.session
    if session is None or session.current_step is None:
        return
    step = session.current_step
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Resume the session",
        f"{APP_NAME} closed unexpectedly while “{session.title}” was open.\n\n"
        f"Everything up to the last change was saved. The session is open again at "
        f"step {session.current + 1}, “{step.title}”, where the room was.",
        QMessageBox.StandardButton.NoButton,
        windows.console,
    )
    box.addButton("Resume here", QMessageBox.ButtonRole.AcceptRole)
    first = box.addButton("Go to the first step", QMessageBox.ButtonRole.RejectRole)
    box.finished.connect(lambda _r: workshop.go_to(0) if box.clickedButton() is first else None)
    menus = windows.console.menus
    if menus is not None:  # whatever was answered, the console has the keyboard after
        box.finished.connect(lambda _r: menus.focus_console())
    windows.console.menus.dialog = box  # type: ignore[union-attr]
    box.open()


def offer_other_session(windows: Windows, title: str) -> None:
    """The last session is open in another copy: say so, offer another (creating nothing)."""
    from PySide6.QtWidgets import QMessageBox

    menus = windows.console.menus
    assert menus is not None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Open in another copy",
        f"“{title}” is already open in another copy of {APP_NAME} on this computer. "
        "Carry on in that window, or open another session here.",
        QMessageBox.StandardButton.NoButton,
        windows.console,
    )
    other = box.addButton("Open another session…", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("New session from a template…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Close this copy", QMessageBox.ButtonRole.RejectRole)

    def answered() -> None:
        if box.clickedButton() is other:
            menus.choose_session()
        elif box.clickedButton() is new:
            menus.show_library()
        else:
            windows.console.close()

    box.finished.connect(answered)
    menus.dialog = box
    box.open()


def open_at_start(windows: Windows, root: Path | None, session_id: str | None) -> None:
    """Open the session the app starts with, saying plainly whatever gets in the way."""
    workshop = windows.workshop
    if root is None:  # the data folder could not even be made
        from coprod_workshop.paths import builtin_plans

        plans = builtin_plans()
        if plans:
            workshop.preview_plan(plans[0])
        return
    crashed = workshop.appstate.unclean_exit() if workshop.appstate else None
    first_run = workshop.appstate is not None and not workshop.appstate.recent()
    if session_id and workshop.open_saved(session_id):
        busy = None
    else:
        busy = workshop.open_default()
    menus = windows.console.menus
    if first_run and busy is None and workshop.session is not None and menus is not None:
        menus.ask_details(first=True)  # title, group, facilitator: skippable
    elif busy is not None:
        offer_other_session(windows, busy)
    elif crashed and workshop.session is not None and workshop.session.id == crashed:
        offer_resume(windows)
    already_said = workshop.saver is not None and workshop.saver.failure
    if workshop.appstate is not None and workshop.appstate.write_error and not already_said:
        workshop.problem.emit(
            f"{APP_NAME} cannot write to its data folder ({workshop.appstate.write_error}): "
            "the list of recent sessions is not kept. Free some space on the disk, or "
            "check that the folder can be written."
        )


def launch(options: argparse.Namespace) -> Windows:
    """Show the console at once; open the session as soon as it has painted.

    The window frame (menus, toolbar) appears as fast as a bare Qt window;
    storage and the session's panels follow on the next turn of the event loop.
    """
    windows = Windows()

    from coprod_workshop.ui.windowstate import WindowMemory

    try:
        root: Path | None = data_dir(options.data_dir)
    except OSError as err:
        root, trouble = None, err.strerror or str(err)
    memory = WindowMemory(root) if root is not None else None
    if memory is not None:
        windows.console.memory = memory
        memory.restore_console(windows.console)

    def open_session() -> None:
        windows.assemble(root)
        workshop = windows.workshop
        # After the session's first paint; the next session's, likewise.
        workshop.sessionOpened.connect(lambda _session: QTimer.singleShot(0, settle))
        open_at_start(windows, root, options.session)
        if memory is not None:
            memory.restore(windows.console.menus, workshop)  # type: ignore[arg-type]
            memory.follow(workshop)
        if root is None:
            workshop.problem.emit(
                f"{APP_NAME} cannot create its data folder ({trouble}), so nothing can be "
                "saved: the built-in plan is shown as a preview. Start the app with "
                "--data-dir on a disk that can be written."
            )

    windows.first_paint = _AfterFirstPaint(open_session)
    windows.console.installEventFilter(windows.first_paint)
    windows.console.show()
    return windows


def run(options: argparse.Namespace) -> int:
    if options.screenshot:
        return screenshot(options)
    from coprod_workshop.ui.display import display_problem

    problem = display_problem()
    if problem is not None:
        print(f"{APP_NAME}: {problem}", file=sys.stderr)
        return 1
    app = make_application(sys.argv[:1])
    windows = launch(options)  # noqa: F841 (kept alive while the app runs)
    return app.exec()


def screenshot(options: argparse.Namespace) -> int:
    """Render the console and the projector to PNG files and exit."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    make_application(sys.argv[:1])
    if QApplication.platformName() == "offscreen":
        from coprod_workshop.ui.display import quiet_about_size_hints

        quiet_about_size_hints()
    target = Path(options.screenshot)
    if target.suffix.lower() != ".png":
        target.mkdir(parents=True, exist_ok=True)
        target = target / "console.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    projector_target = target.with_name(f"{target.stem}-projector.png")

    def report(text: str) -> None:
        print(f"{APP_NAME}: {text}", file=sys.stderr)

    if options.session:
        windows = build(data_dir(options.data_dir))
        windows.workshop.problem.connect(report)
        opened = windows.workshop.open_saved(options.session)
    else:
        from coprod_workshop.paths import builtin_plans

        windows = build(None)
        windows.workshop.problem.connect(report)
        plans = builtin_plans()
        if getattr(options, "plan", None):
            named = [plan for plan in plans if plan.stem == options.plan]
            if not named:
                names = ", ".join(plan.stem for plan in plans)
                report(f"there is no ready-made plan {options.plan!r}; there are: {names}")
                windows.console.close()
                return 2
            plans = named
        opened = bool(plans) and windows.workshop.preview_plan(plans[0])
    if not opened:
        report("nothing to show")
        return 1
    steps = len(windows.workshop.session.steps)  # type: ignore[union-attr]
    if options.step is not None:
        if not 1 <= options.step <= steps:
            report(f"there is no step {options.step}: this session has steps 1 to {steps}")
            windows.console.close()
            return 2
        windows.workshop.go_to(options.step - 1)
    windows.console.resize(*CONSOLE_SIZE)
    windows.projector.resize(*PROJECTOR_SIZE)
    windows.console.show()
    windows.projector.show()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    ok = windows.console.grab().save(str(target)) and windows.projector.grab().save(
        str(projector_target)
    )
    print(target)
    print(projector_target)
    windows.console.close()
    return 0 if ok else 1
