"""The current step in the console: planned minutes, facilitator notes, its controls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.commands import SetStepDetail
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import MAX_STEP_MINUTES, Change, Session
from coprod_workshop.ui.slide import views_for
from coprod_workshop.ui.stepview import StepView


class StepPanel(QWidget):
    """Facilitator's side of the current step; rebuilt when the room moves on."""

    def __init__(
        self,
        session: Session,
        registry: Registry,
        run: Callable[[Any], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.registry = registry
        self.run = run
        self.controls: StepView | None = None
        self.heading = QLabel()
        self.heading.setProperty("role", "panel-title")
        self.heading.setWordWrap(True)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, MAX_STEP_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Planned minutes for this step")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Facilitator notes (not shown to the room)")
        self.notes.setPlaceholderText("Notes for the facilitator; the room does not see them")
        self.notes.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("Planned &time", self.minutes)
        form.addRow("Facilitator &notes", self.notes)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.heading)
        self._layout.addLayout(form)
        self.minutes.valueChanged.connect(self._minutes_edited)
        self.notes.textChanged.connect(self._notes_edited)
        session.changed.connect(self._on_change)
        self.show_current()

    def detach(self) -> None:
        self.session.changed.disconnect(self._on_change)
        if self.controls is not None:
            self.controls.detach()

    def _on_change(self, change: Change) -> None:
        if change.scope == "current" or change.detail in ("inserted", "removed"):
            self.show_current()
        elif change.scope == "agenda" or change.step_id == self._step_id():
            self._load_fields()

    def _step_id(self) -> str | None:
        step = self.session.current_step
        return step.id if step else None

    def show_current(self) -> None:
        if self.controls is not None:
            self.controls.detach()
            self._layout.removeWidget(self.controls)
            self.controls.hide()
            self.controls.deleteLater()
            self.controls = None
        step = self.session.current_step
        self.setEnabled(step is not None)
        if step is not None:
            views = views_for(self.registry, step.kind)
            self.controls = views.console_view(self.session, step.id, self.run)
            self._layout.addWidget(self.controls, 1)
        self._load_fields()

    def _load_fields(self) -> None:
        step = self.session.current_step
        if step is None:
            self.heading.setText("This session has no steps yet")
            return
        kind = self.registry.get(step.kind).label
        self.heading.setText(
            f"Step {self.session.current + 1} of {len(self.session.steps)}: {step.title}  ({kind})"
        )
        if self.minutes.value() != step.minutes:
            self.minutes.blockSignals(True)
            self.minutes.setValue(step.minutes)
            self.minutes.blockSignals(False)
        if self.notes.toPlainText() != step.notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(step.notes)
            self.notes.blockSignals(False)

    def _minutes_edited(self, value: int) -> None:
        step_id = self._step_id()
        if step_id is not None and self.session.step(step_id).minutes != value:
            self.run(SetStepDetail(step_id, "minutes", value))

    def _notes_edited(self) -> None:
        step_id = self._step_id()
        text = self.notes.toPlainText()
        if step_id is not None and self.session.step(step_id).notes != text:
            self.run(SetStepDetail(step_id, "notes", text))
