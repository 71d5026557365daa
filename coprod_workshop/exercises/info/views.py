"""Qt views of an information step: the slide, and its editor in the console."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.commands import ReplaceState
from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.info.model import MAX_POINTS, InfoSlide
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import point_label, role_label


class InfoPresenter(StepView):
    """The slide as the room sees it: title, points, prompt, source."""

    def __init__(self, session: Session, step_id: str) -> None:
        super().__init__(session, step_id)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.refresh()

    def refresh(self, change: Change | None = None) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            if widget := item.widget():
                widget.hide()
                widget.deleteLater()
        step = self.step
        slide: InfoSlide = step.state
        self._layout.addWidget(role_label(step.title, "slide-title"))
        for point in slide.points:
            self._layout.addWidget(point_label("•", point, "slide-point"))
        if slide.prompt:
            self._layout.addSpacing(12)
            self._layout.addWidget(role_label(slide.prompt, "slide-prompt"))
        self._layout.addStretch(1)
        if slide.source:
            self._layout.addWidget(role_label(f"Source: {slide.source}", "slide-source"))
        self.setAccessibleName(step.title)
        self.contentChanged.emit()


class InfoEditor(StepView):
    """Edit the slide's points and prompt during the session (undoable)."""

    def __init__(self, session: Session, step_id: str, run: Callable[[Any], None]) -> None:
        super().__init__(session, step_id)
        self._run = run
        self.points = QPlainTextEdit()
        self.points.setAccessibleName("Slide points, one per line")
        self.points.setPlaceholderText(f"One point per line (up to {MAX_POINTS})")
        self.points.setTabChangesFocus(True)
        self.prompt = QLineEdit()
        self.prompt.setAccessibleName("Question for the room")
        self.prompt.setPlaceholderText("Optional question for discussion")
        form = QFormLayout(self)
        form.addRow("&Points", self.points)
        form.addRow("&Question", self.prompt)
        self.refresh()
        self.points.textChanged.connect(self._points_edited)
        self.prompt.textEdited.connect(self._prompt_edited)

    def refresh(self, change: Change | None = None) -> None:
        slide: InfoSlide = self.step.state
        text = "\n".join(slide.points)
        current = self.points.toPlainText()
        if [s.strip() for s in current.splitlines() if s.strip()] != list(slide.points):
            self.points.blockSignals(True)
            self.points.setPlainText(text)
            self.points.blockSignals(False)
        if self.prompt.text().strip() != slide.prompt:
            self.prompt.setText(slide.prompt)

    def _points_edited(self) -> None:
        slide: InfoSlide = self.step.state
        edited = slide.with_points_text(self.points.toPlainText())
        if edited != slide:
            self._run(ReplaceState(self.step_id, edited, "Edit slide points", key="points"))

    def _prompt_edited(self, text: str) -> None:
        slide: InfoSlide = self.step.state
        edited = slide.with_prompt(text)
        if edited != slide:
            self._run(ReplaceState(self.step_id, edited, "Edit question", key="prompt"))


def presenter_view(session: Session, step_id: str) -> QWidget:
    return InfoPresenter(session, step_id)


def console_view(session: Session, step_id: str, run: Callable[[Any], None]) -> QWidget:
    return InfoEditor(session, step_id, run)
