"""Keyboard focus that never traps anyone: Tab leaves every table and list (the arrow
keys move inside them), F6 / Shift+F6 move between a window's regions, and what
changes out of the focus's sight is announced to a screen reader (``announce``).

``leave_on_tab`` is applied to each item view when it is made (it also gives the view
a frame that shows when it has the keyboard); a test walks Tab through the windows and
checks that every control is reached and every view left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

View = TypeVar("View", bound=QAbstractItemView)

#: how far along a window's focus chain a region's first control is looked for
CHAIN_LIMIT = 2000


def announce(text: str) -> None:
    """Have a screen reader say ``text`` now (a change the focus does not show, such as
    a card moved to another place), from the control that has the keyboard."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    if target is not None:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(target, text))


#: the property that gives an item view a frame that shows when it has the keyboard
FOCUS_FRAME = "focusFrame"


def leave_on_tab(view: View, framed: bool = True) -> View:
    """Tab and Shift+Tab go to the next or previous control; arrows move inside.
    ``framed``: a thick frame shows when the view has the keyboard (WCAG 2.4.7); a view
    whose holder shows it already (a card place) passes False."""
    view.setTabKeyNavigation(False)
    view.setProperty(FOCUS_FRAME, framed)
    return view


def keyboard_in(widget: QWidget) -> bool:
    """Whether the keyboard is in ``widget`` or one of its children; also when ``widget``
    is drawn by the console's preview of the projector (a graphics view: the keyboard is
    then on the view, and inside it on the drawn frame's focus widget)."""
    focus = QApplication.focusWidget()
    embedded = widget.window()
    proxy = embedded.graphicsProxyWidget()
    if proxy is not None:
        scene = proxy.scene()
        if focus is None or scene is None or focus not in scene.views():
            return False
        focus = embedded.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def takes_tab(widget: QWidget) -> bool:
    """Whether Tab can stop on ``widget`` now."""
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def first_control(region: QWidget) -> QWidget | None:
    """The first control of ``region`` that Tab can stop on, in the focus chain's order."""
    widget: QWidget | None = region
    for _ in range(CHAIN_LIMIT):
        if widget is None:
            return None
        if (widget is region or region.isAncestorOf(widget)) and takes_tab(widget):
            return widget
        widget = widget.nextInFocusChain()
        if widget is region:
            return None
    return None


class RegionKeys(QObject):
    """F6 and Shift+F6 on ``window``: focus the first control of the next or previous
    region (``regions()``, in reading order; hidden or empty ones are skipped)."""

    def __init__(self, window: QWidget, regions: Callable[[], list[QWidget]]) -> None:
        super().__init__(window)
        self.window = window
        self.regions = regions
        self.next_action = QAction("Next region", window)
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.previous_action = QAction("Previous region", window)
        self.previous_action.setShortcut(QKeySequence("Shift+F6"))
        for action, step in ((self.next_action, 1), (self.previous_action, -1)):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, s=step: self.move(s))
            window.addAction(action)

    def move(self, step: int) -> None:
        regions = [r for r in self.regions() if r.isVisible() and first_control(r) is not None]
        if not regions:
            return
        focus = QApplication.focusWidget()
        current = next(
            (
                i
                for i, r in enumerate(regions)
                if focus is not None and (focus is r or r.isAncestorOf(focus))
            ),
            -1,
        )
        if current == -1 and step < 0:
            current = 0
        target = first_control(regions[(current + step) % len(regions)])
        if target is not None:
            reason = Qt.FocusReason
            target.setFocus(reason.TabFocusReason if step > 0 else reason.BacktabFocusReason)
