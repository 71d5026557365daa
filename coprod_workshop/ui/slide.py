"""What the room sees: the current step, large, with its number and the timer.

One ``SlideFrame`` fills the projector window; another, smaller, is the
console's preview. Both follow the same session.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Change, Session
from coprod_workshop.core.timer import StepTimer, format_remaining
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import SpokenLabel, refresh_style, scale_text, set_role

BASE_WIDTH, BASE_HEIGHT = 1920, 1080


def views_for(registry: Registry, kind: str):  # type: ignore[no-untyped-def]
    """The Qt views module of an exercise kind (imported on first use)."""
    return importlib.import_module(registry.get(kind).views)


def call_view(factory: Callable[..., Any], *args: Any, **extras: Any) -> Any:
    """Call an exercise's view factory with the optional keywords it accepts.

    Optional keywords: ``run`` (the room acts on the projector, e.g. votes) and
    ``workshop`` (helpers shared across views, e.g. phone voting).
    """
    accepted = inspect.signature(factory).parameters
    return factory(*args, **{k: v for k, v in extras.items() if k in accepted and v is not None})


class SlideFrame(QWidget):
    """The current step as projected, scaled to the frame's size."""

    def __init__(
        self,
        session: Session,
        timer: StepTimer,
        registry: Registry,
        *,
        object_name: str = "Projector",
        run: Callable[[Any], None] | None = None,
        workshop: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.session = session
        self.timer = timer
        self.registry = registry
        #: runs commands; passed to presenters that let the room act (vote on the ladder)
        self.run = run
        self.workshop = workshop
        self.view: StepView | None = None

        self.position = set_role(SpokenLabel(), "projector-header")
        self.clock = set_role(SpokenLabel(), "timer")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock.setAccessibleName("Time left on this step")
        header = QHBoxLayout()
        header.addWidget(self.position, 1)
        header.addWidget(self.clock)
        self._body = QVBoxLayout()
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(header)
        self._layout.addLayout(self._body, 1)

        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self.update_clock)
        self._tick.start()
        session.changed.connect(self._on_change)
        timer.changed.connect(self.update_clock)
        self.show_current()

    def detach(self) -> None:
        """Stop following the session (before the frame is discarded)."""
        self._tick.stop()
        self.session.changed.disconnect(self._on_change)
        self.timer.changed.disconnect(self.update_clock)
        if self.view is not None:
            self.view.detach()

    def _on_change(self, change: Change) -> None:
        if change.scope == "current" or (
            change.scope == "agenda" and change.detail in ("inserted", "removed")
        ):
            self.show_current()
        elif change.scope == "agenda":
            self.update_position()
            if self.view is not None and change.step_id == self.view.step_id:
                self.view.refresh(change)

    def show_current(self) -> None:
        if self.view is not None:
            self.view.detach()
            self._body.removeWidget(self.view)
            self.view.hide()
            self.view.deleteLater()
            self.view = None
        step = self.session.current_step
        if step is not None:
            views = views_for(self.registry, step.kind)
            self.view = call_view(
                views.presenter_view, self.session, step.id, run=self.run, workshop=self.workshop
            )
            self._body.addWidget(self.view, 1)
            self.view.contentChanged.connect(self.rescale_text)
        self.update_position()
        self.update_clock()
        self.rescale_text()

    def update_position(self) -> None:
        count = len(self.session.steps)
        if count:
            self.position.setText(
                f"Step {self.session.current + 1} of {count}  ·  {self.session.title}"
            )
        else:
            self.position.setText(self.session.title)

    def update_clock(self) -> None:
        step = self.session.current_step
        if step is None or not step.minutes:
            self.clock.setText("")
            return
        text, over = format_remaining(self.timer.elapsed(), step.minutes)
        self.clock.setText(f"{text} over" if over else f"{text} left")
        if self.clock.property("over") != over:
            self.clock.setProperty("over", over)
            refresh_style(self.clock)

    def scale(self) -> float:
        return min(self.width() / BASE_WIDTH, self.height() / BASE_HEIGHT)

    def rescale_text(self) -> None:
        scale = self.scale()
        scale_text(self, scale)
        margin = round(72 * scale)
        self._layout.setContentsMargins(margin, round(36 * scale), margin, round(48 * scale))
        self._layout.setSpacing(round(24 * scale))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.rescale_text()


class AspectBox(QWidget):
    """Keeps one child at 16:9, centred (the console's preview of the projector)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child: QWidget | None = None
        self.setMinimumSize(320, 180)

    def set_child(self, child: QWidget) -> None:
        if self.child is not None:
            self.child.hide()
            self.child.deleteLater()
        self.child = child
        child.setParent(self)
        child.show()
        self._place()

    def _place(self) -> None:
        if self.child is None:
            return
        width = min(self.width(), self.height() * BASE_WIDTH // BASE_HEIGHT)
        height = width * BASE_HEIGHT // BASE_WIDTH
        self.child.setGeometry(
            (self.width() - width) // 2, (self.height() - height) // 2, width, height
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place()
