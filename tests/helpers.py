"""Builders shared by the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any
from pathlib import Path

from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.cards.board import Board
from coprod_workshop.exercises.info.model import InfoSlide


def small_session(title: str = "Tuesday workshop", steps: int = 3) -> Session:
    return Session(
        title,
        [
            Step(
                "info", f"Step {n}", 10, InfoSlide((f"point {n}a", f"point {n}b"), f"question {n}?")
            )
            for n in range(1, steps + 1)
        ],
        start_time="09:30",
    )


def has_results(board: Board) -> bool:
    """Has the room done anything on ``board`` (moved or flagged a card)?"""
    return bool(board.flagged()) or any(board.history(card.id) for card in board.cards())


def plan_path() -> Path:
    from coprod_workshop.paths import builtin_plans

    return builtin_plans()[0]


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def shots_folder(tmp_path: Path) -> Path:
    """Where a screenshot test saves: the test's own folder, or $COPROD_SCREENSHOTS
    (the README's images are made with ``COPROD_SCREENSHOTS=docs/screenshots``)."""
    folder = Path(os.environ.get("COPROD_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_cli(
    *args: str, data_dir: Path, display: bool = True
) -> subprocess.CompletedProcess[str]:
    """``coprod-workshop ARGS`` in a child process on the test's data folder: offscreen,
    or (``display=False``) as on a server with no display at all."""
    hidden = () if display else ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    if display:
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["COPROD_WORKSHOP_DATA"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "coprod_workshop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )


def skip_first_details(windows: Any) -> None:
    """The first session asks its details (title, group, facilitator): skip them, as a
    facilitator in a hurry would (the keyboard goes back to the console)."""
    from coprod_workshop.ui.details import DetailsDialog

    dialog = windows.console.menus.dialog
    if isinstance(dialog, DetailsDialog) and dialog.isVisible():
        dialog.skip_button.click()


def spoken_name(widget: Any) -> str:
    """The name a screen reader gets for ``widget``: its accessible name, or for a
    control that keeps its visible label as its name, that label."""
    from PySide6.QtGui import QAccessible

    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def open_on(windows: Any, session: Session, step: int = 0) -> Any:
    """``windows`` (the conftest's fixture) with ``session`` saved, opened, at ``step``."""
    windows.workshop.store.save(session)
    assert windows.workshop.open(session)
    windows.workshop.go_to(step)
    return windows


def unnamed_controls_in_tabs(tabs: Any) -> list[Any]:
    """The visible controls on every page of ``tabs`` that a screen reader gets no name
    for (each page is shown in turn; a combo box's own line edit is its box's)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QLabel,
        QLineEdit,
        QWidget,
    )

    unnamed = []
    for page in range(tabs.count()):
        tabs.setCurrentIndex(page)
        for widget in tabs.currentWidget().findChildren(QWidget):
            if not widget.isVisible() or isinstance(widget, QLabel):
                continue
            if isinstance(widget, QLineEdit) and widget.parent().inherits("QComboBox"):
                continue
            controls = (QAbstractButton, QLineEdit, QAbstractItemView, QComboBox)
            if isinstance(widget, controls) and not spoken_name(widget):
                unnamed.append(widget)
    return unnamed


def press(key: Any, text: str = "", held: bool = False) -> None:
    """A key press as the keyboard sends it, to the widget with the keyboard;
    ``held``: one of the repeats of a held key."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget = QApplication.focusWidget()
    assert widget is not None
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text, held)
    QApplication.sendEvent(widget, event)
    if not held:
        release = QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier, text)
        QApplication.sendEvent(widget, release)
