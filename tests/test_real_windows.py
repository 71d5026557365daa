"""The console and projector in real X windows under a window manager.

The offscreen platform has no window manager: it cannot show a title bar off
the top of the screen, a window the manager refuses to give back, or the
keyboard going to the wrong window. These tests start Xvfb (one 1920x1080
screen) and openbox themselves, run ``coprod-workshop`` as a facilitator
would, press its keys with xdotool and read the windows back from the X
server. Debian: ``apt-get install xvfb openbox xdotool x11-utils`` (.ci/run
does this).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop", "xwininfo")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"{', '.join(MISSING)} not installed "
    "(Debian: apt-get install xvfb openbox xdotool x11-utils)",
)

SCREEN = (1920, 1080)
CONSOLE = "— coprod-workshop"
PROJECTOR = "coprod-workshop: projector"


def wait_for(check: Callable[[], Any], what: str, timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def display() -> Iterator[dict[str, str]]:
    """A fresh X server with a window manager; the environment to reach it."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{SCREEN[0]}x{SCREEN[1]}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=[write],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    env = {**os.environ, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    wm = subprocess.Popen(
        ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(
            lambda: "window id" in x(env, "xprop", "-root", "_NET_SUPPORTING_WM_CHECK"),
            "openbox to start",
        )
        yield env
    finally:
        for process in (wm, xvfb):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def x(env: dict[str, str], *command: str) -> str:
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=20)
    return result.stdout


class App:
    """``coprod-workshop`` running on the test display, seen from the X server."""

    def __init__(self, env: dict[str, str], data: Path) -> None:
        self.env = env
        self.log = data.parent / "app.log"
        first_run = not data.exists() or not any(data.rglob("*.json"))
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "coprod_workshop", "--data-dir", str(data)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        self.console = wait_for(lambda: self.find(CONSOLE), "the console window", 30)
        wait_for(lambda: self.active(), "a window to have the keyboard")
        time.sleep(0.5)  # the session's panels are built just after the first paint
        if first_run:  # the first session asks its details, with the keyboard: skip them
            details = wait_for(lambda: self.find("Session details"), "the details dialog", 10)
            wait_for(lambda: self.active() == details, "the details dialog to have the keys")
            self.key("Escape")
            wait_for(lambda: self.active() == self.console, "the console to have the keys back")

    def find(self, title: str, visible: bool = True) -> str:
        args = ["--onlyvisible"] if visible else []
        found = x(self.env, "xdotool", "search", *args, "--name", title).split()
        return found[0] if found else ""

    def active(self) -> str:
        return x(self.env, "xdotool", "getactivewindow").strip()

    def key(self, *keys: str) -> None:
        for key in keys:
            x(self.env, "xdotool", "key", "--clearmodifiers", key)
            time.sleep(0.3)

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        """Where the window's contents are, in screen pixels."""
        info = x(self.env, "xwininfo", "-id", window)
        values = {
            name: int(re.search(rf"{name}:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]
            for name in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
        }
        return tuple(values.values())  # type: ignore[return-value]

    def frame(self, window: str) -> tuple[int, int, int, int]:
        """The window with the manager's frame (title bar, borders) around it."""
        left, top, width, height = self.geometry(window)
        extents = x(self.env, "xprop", "-id", window, "_NET_FRAME_EXTENTS")
        numbers = [int(n) for n in re.findall(r"\d+", extents.split("=")[-1])] or [0, 0, 0, 0]
        fl, fr, ft, fb = numbers
        return (left - fl, top - ft, width + fl + fr, height + ft + fb)

    def states(self, window: str) -> str:
        return x(self.env, "xprop", "-id", window, "_NET_WM_STATE")

    def settle(self, check: Callable[[], Any], what: str) -> Any:
        return wait_for(check, what, 10)

    def screenshot(self, path: Path) -> None:
        script = (
            "import sys\nfrom PySide6.QtGui import QGuiApplication\n"
            "app = QGuiApplication(['grab'])\n"
            "app.primaryScreen().grabWindow(0).save(sys.argv[1])\n"
        )
        subprocess.run(
            [sys.executable, "-c", script, str(path)], env=self.env, timeout=60, check=True
        )

    def quit(self) -> str:
        """Ctrl+Q in the console; while the room is watching, answer "Quit" when asked."""
        x(self.env, "xdotool", "windowactivate", "--sync", self.console)
        self.key("ctrl+q")
        try:
            code = self.process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            asked = self.settle(lambda: self.find("room is watching"), "the quit question")
            assert self.active() == asked  # the question has the keyboard
            self.key("alt+q")
            code = self.process.wait(timeout=30)
        errors = self.log.read_text()
        assert code == 0, errors
        return errors

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def start(display: dict[str, str], data_dir: Path) -> Iterator[Callable[[], App]]:
    running: list[App] = []

    def started() -> App:
        app = App(display, data_dir)
        running.append(app)
        return app

    yield started
    for app in running:
        app.kill()


def fully_on_screen(rect: tuple[int, int, int, int]) -> bool:
    left, top, width, height = rect
    return left >= 0 and top >= 0 and left + width <= SCREEN[0] and top + height <= SCREEN[1]


def test_the_projector_opens_large_16_9_and_fully_on_the_screen(
    start: Callable[[], App], tmp_path: Path
) -> None:
    app = start()
    app.key("ctrl+shift+p")
    projector = app.settle(lambda: app.find(PROJECTOR), "the projector window")
    time.sleep(0.5)
    left, top, width, height = app.geometry(projector)
    assert width >= SCREEN[0] * 0.6 and abs(width / height - 16 / 9) < 0.02
    assert fully_on_screen(app.frame(projector)), app.frame(projector)
    app.screenshot(tmp_path / "projector-opened.png")
    app.quit()


def test_esc_after_f5_restores_the_layout_before_f5(
    start: Callable[[], App], tmp_path: Path
) -> None:
    app = start()
    console_before = app.geometry(app.console)
    # A hidden projector: F5 fills the screen with it, Esc hides it again.
    app.key("F5")
    projector = app.settle(lambda: app.find(PROJECTOR), "the projector window")
    app.settle(lambda: "FULLSCREEN" in app.states(projector), "full screen")
    assert app.geometry(projector) == (0, 0, *SCREEN)
    app.key("Escape")
    app.settle(lambda: not app.find(PROJECTOR), "the projector to go away")
    app.settle(lambda: app.active() == app.console, "the console to have the keyboard")
    assert app.geometry(app.console) == console_before

    # A projector window: Esc puts it back where it was, the console on top.
    app.key("ctrl+shift+p")
    app.settle(lambda: app.find(PROJECTOR), "the projector window")
    time.sleep(0.5)
    before = app.geometry(projector)
    app.key("F5")
    app.settle(lambda: "FULLSCREEN" in app.states(projector), "full screen")
    app.screenshot(tmp_path / "presenting.png")
    app.key("Escape")
    app.settle(lambda: "FULLSCREEN" not in app.states(projector), "the end of full screen")
    app.settle(lambda: app.geometry(projector) == before, f"the projector back at {before}")
    app.settle(lambda: app.active() == app.console, "the console to have the keyboard")
    assert fully_on_screen(app.frame(projector))
    app.screenshot(tmp_path / "after-esc.png")
    app.quit()


def test_a_restart_brings_back_the_windows_as_they_were(start: Callable[[], App]) -> None:
    app = start()
    # The first run opens the console maximised, so every step's board has room.
    app.settle(lambda: "MAXIMIZED_HORZ" in app.states(app.console), "the console maximised")
    app.key("ctrl+shift+p")
    projector = app.settle(lambda: app.find(PROJECTOR), "the projector window")
    time.sleep(0.5)
    x(app.env, "xdotool", "windowmove", projector, "300", "200")
    x(app.env, "xdotool", "windowsize", projector, "1280", "720")
    time.sleep(0.5)
    placed = app.geometry(projector)
    app.quit()

    again = start()
    assert "MAXIMIZED_HORZ" in again.states(again.console)
    projector = again.settle(lambda: again.find(PROJECTOR), "the projector back")
    again.settle(lambda: again.geometry(projector) == placed, f"the projector at {placed}")
    # The facilitator has the keyboard, not the room's screen.
    again.settle(lambda: again.active() == again.console, "the console to have the keyboard")
    again.key("F5")
    again.settle(lambda: "FULLSCREEN" in again.states(projector), "full screen")
    again.quit()

    third = start()
    projector = third.settle(lambda: third.find(PROJECTOR), "the projector back")
    third.settle(lambda: "FULLSCREEN" in third.states(projector), "full screen again")
    # One screen: it covers the console, so it has the keys, and Esc ends it.
    third.settle(lambda: third.active() == projector, "the projector to have the keyboard")
    third.key("Escape")
    third.settle(lambda: third.active() == third.console, "the console to have the keyboard")
    third.settle(lambda: third.geometry(projector) == placed, f"the projector at {placed}")
    third.quit()


def test_every_window_answers_esc_ctrl_q_and_the_step_keys(
    start: Callable[[], App], tmp_path: Path
) -> None:
    app = start()
    app.key("ctrl+shift+p")  # one screen: a large projector window over the console
    projector = app.settle(lambda: app.find(PROJECTOR), "the projector window")
    app.settle(lambda: app.active() == projector, "the projector to have the keyboard")
    app.key("Escape")  # back to the console; the projector stays where it is
    app.settle(lambda: app.active() == app.console, "the console to have the keyboard")
    assert app.find(PROJECTOR) == projector
    x(app.env, "xdotool", "windowactivate", "--sync", projector)
    app.key("ctrl+shift+p")  # the same key that opened it gives the keyboard back
    app.settle(lambda: app.active() == app.console, "the console to have the keyboard again")
    x(app.env, "xdotool", "windowactivate", "--sync", projector)
    app.key("ctrl+q")  # Ctrl+Q from the projector window: the app asks or quits
    try:
        code = app.process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        asked = app.settle(lambda: app.find("room is watching"), "the quit question")
        assert app.active() == asked
        app.key("alt+q")
        code = app.process.wait(timeout=30)
    assert code == 0, app.log.read_text()
