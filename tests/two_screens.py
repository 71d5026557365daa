"""A laptop and a projector: run by tests/test_windows.py in a subprocess on an
offscreen platform with two screens (LAPTOP 1280x800 at 0,0 and BEAMER
1920x1080 to its right), so F5 and Esc can be seen never touching the
console's screen.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, launch
from tests.helpers import skip_first_details

LAPTOP = QRect(0, 0, 1280, 800)
BEAMER = QRect(1280, 0, 1920, 1080)


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path):  # type: ignore[no-untyped-def]
    names = sorted(screen.name() for screen in QGuiApplication.screens())
    assert names == ["BEAMER", "LAPTOP"], names
    started = launch(argparse.Namespace(data_dir=str(data_dir), session=None))
    qtbot.addWidget(started.console)
    assert started.console.isMaximized()  # the first run: the whole laptop screen
    started.console.showNormal()
    started.console.setGeometry(QRect(40, 40, 1200, 700))  # on the laptop
    qtbot.waitUntil(lambda: getattr(started, "workshop", None) is not None, timeout=10_000)
    qtbot.waitUntil(lambda: started.workshop.session is not None, timeout=10_000)
    skip_first_details(started)
    qtbot.addWidget(started.projector)
    yield started
    if started.workshop.session is not None:
        started.console.close()


def test_the_projector_opens_full_screen_on_the_second_screen(
    windows: Windows, qtbot: QtBot
) -> None:
    projector = windows.projector
    qtbot.waitUntil(lambda: projector.isVisible())
    assert projector.isFullScreen() and projector.screen().name() == "BEAMER"
    assert projector.geometry() == BEAMER
    assert windows.console.geometry() == QRect(40, 40, 1200, 700)


def test_f5_and_esc_never_touch_the_consoles_screen(windows: Windows, qtbot: QtBot) -> None:
    console, projector, menus = windows.console, windows.projector, windows.console.menus
    projector.stop_presenting()  # the first start put it on the beamer: back to a window
    projector.hide()
    console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is console)
    qtbot.keyClick(console, Qt.Key.Key_F5)
    assert projector.isFullScreen() and projector.geometry() == BEAMER
    assert console.geometry() == QRect(40, 40, 1200, 700)
    # The facilitator keeps the console (the offscreen platform activates every
    # window it shows, so this also checks the console takes the keyboard back).
    qtbot.waitUntil(lambda: QApplication.activeWindow() is console, timeout=3000)
    qtbot.wait(300)
    assert QApplication.activeWindow() is console
    qtbot.keyClick(console, Qt.Key.Key_Escape)
    assert not projector.isVisible()
    assert console.geometry() == QRect(40, 40, 1200, 700)
    # Ctrl+Shift+P now: back where it was before F5, a window on the beamer.
    menus.show_projector()
    assert projector.isVisible() and BEAMER.contains(projector.geometry())
    assert console.geometry() == QRect(40, 40, 1200, 700)


def test_with_the_projector_hidden_the_preview_is_the_screen_f5_fills(
    windows: Windows, qtbot: QtBot
) -> None:
    """Hidden, the projector gives the preview the size of the screen F5 will fill: the
    beamer; choosing the laptop's screen for the projector (View menu) changes it."""
    projector, menus = windows.projector, windows.console.menus
    preview = windows.console.body.preview
    qtbot.waitUntil(lambda: projector.isVisible())
    projector.stop_presenting()
    projector.hide()
    qtbot.waitUntil(lambda: preview.size() == BEAMER.size())
    menus.choose_projector_screen("LAPTOP")
    qtbot.waitUntil(lambda: preview.size() == LAPTOP.size())
    menus.present()  # F5: the projector fills the laptop's screen, as the preview said
    assert projector.isFullScreen() and projector.geometry() == LAPTOP
    assert projector.frame.size() == preview.size()
    menus.stop_presenting()
    menus.choose_projector_screen(None)
    qtbot.waitUntil(lambda: preview.size() == BEAMER.size())
    # A screen plugged in or out: the preview follows where F5 will go then (here the
    # laptop's, as if the beamer had been unplugged).
    menus.projector_screen = "LAPTOP"
    QGuiApplication.instance().screenRemoved.emit(QGuiApplication.primaryScreen())
    qtbot.waitUntil(lambda: preview.size() == LAPTOP.size())
    menus.choose_projector_screen(None)
