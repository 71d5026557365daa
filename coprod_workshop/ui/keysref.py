"""The keyboard reference (F1, Help → Keyboard reference): every key of the console,
read from its actions, and the keys of the step on screen, read from the step's
own hint, so the reference can never say something the app does not do."""

from __future__ import annotations

import sys

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.ui.focus import leave_on_tab

#: keys the console's step keys also answer to (``Workshop.step_key``)
STEP_KEYS = {"Next step": "→, Space", "Previous step": "←"}


def plain(text: str) -> str:
    """An action's text as read: without its mnemonic's "&" or a trailing "…"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def keys_of(action: QAction) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    keys = [s.toString(native) for s in action.shortcuts() if not s.isEmpty()]
    extra = STEP_KEYS.get(plain(action.text()))
    return ", ".join(keys + ([extra] if extra else []))


def window_keys(window: QMainWindow) -> list[tuple[str, str]]:
    """(what, keys) of every action of ``window`` that has a key, menu by menu."""
    found: list[tuple[str, str]] = []
    seen: set[int] = set()
    actions: list[QAction] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            actions += [a for a in menu.actions() if not a.isSeparator()]
    actions += window.actions()
    for action in actions:
        if id(action) in seen or action.menu() is not None:
            continue
        seen.add(id(action))
        keys = keys_of(action)
        if keys:
            found.append((plain(action.text()), keys))
    return found


def step_keys(controls: QWidget | None) -> list[str]:
    """The keys of the step on screen, from its console's own hint (``KEYS_HINT``)."""
    if controls is None:
        return []
    hint = getattr(sys.modules.get(type(controls).__module__), "KEYS_HINT", "")
    return [part.strip() for part in hint.split("·") if part.strip()]


class KeyReference(QDialog):
    """Two lists: the whole console's keys, then the keys of the step on screen."""

    def __init__(self, window: QMainWindow, step_title: str, controls: QWidget | None) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard reference")
        self.tree = leave_on_tab(QTreeWidget())
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["What", "Keys"])
        self.tree.setAccessibleName("Keys of the console and of this step")
        console = QTreeWidgetItem(["Everywhere in the console", ""])
        for what, keys in window_keys(window):
            console.addChild(QTreeWidgetItem([what, keys]))
        self.tree.addTopLevelItem(console)
        step = QTreeWidgetItem([f"This step: {step_title}" if step_title else "This step", ""])
        self.tree.addTopLevelItem(step)
        for part in step_keys(controls) or ["Nothing of its own: the keys above work here."]:
            item = QTreeWidgetItem([part])
            step.addChild(item)
            item.setFirstColumnSpanned(True)  # the step's hint says keys and what they do
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        note = QLabel(
            "Every drag has a keyboard path; no exercise depends on speed. "
            "Esc in the projector window gives the keyboard back to the console."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(720, 640)
