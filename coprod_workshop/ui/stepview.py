"""Base class of every exercise view: follows one step of a session."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from coprod_workshop.core.session import Change, Session


class StepView(QWidget):
    """A view of one step. Redraws when the model announces a change to it.

    The window that shows the view calls :meth:`detach` before discarding it,
    so a closed view never receives the model's announcements.

    Signals:
        contentChanged(): the view rebuilt its widgets (the slide frame then
            re-applies its text sizes).
    """

    contentChanged = Signal()

    def __init__(self, session: Session, step_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.step_id = step_id
        session.changed.connect(self._on_change)

    def detach(self) -> None:
        self.session.changed.disconnect(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.scope == "step" and change.step_id == self.step_id and change.detail != "notes":
            self.refresh(change)

    @property
    def step(self):  # type: ignore[no-untyped-def]
        return self.session.step(self.step_id)

    def refresh(self, change: Change | None = None) -> None:
        """Redraw from the model."""
        raise NotImplementedError


def fill_with_tabs(view: QWidget, name: str, pages: list[tuple[QWidget, str]]) -> QTabWidget:
    """Fill ``view`` with tabs (``name`` for a screen reader), one per ``(page, title)``."""
    tabs = QTabWidget()
    tabs.setAccessibleName(name)
    for page, title in pages:
        tabs.addTab(page, title)
    layout = QVBoxLayout(view)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(tabs)
    return tabs
