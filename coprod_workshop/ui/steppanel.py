"""One step's facilitator side: title, planned minutes, notes and the exercise's controls.

In the console it follows the step the room is on; in the agenda editor it
shows whichever step is selected.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.commands import SetStepDetail
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import MAX_STEP_MINUTES, Change, Session
from coprod_workshop.ui.slide import call_view, views_for
from coprod_workshop.ui.stepview import StepView


class StepPanel(QWidget):
    """Edits one step through commands; rebuilt when it shows another step."""

    def __init__(
        self,
        session: Session,
        registry: Registry,
        run: Callable[[Any], None],
        *,
        follow_current: bool = True,
        workshop: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.registry = registry
        self.run = run
        self.follow_current = follow_current
        self.workshop = workshop
        self._chosen: str | None = None
        self._shown: str | None = None
        self.controls: StepView | None = None
        self.heading = QLabel()
        self.heading.setProperty("role", "panel-title")
        self.heading.setWordWrap(True)
        self.title = QLineEdit()
        self.title.setAccessibleName("Step title")
        self.minutes = QSpinBox()
        self.minutes.setRange(0, MAX_STEP_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Planned minutes for this step")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Facilitator notes (not shown to the room)")
        self.notes.setPlaceholderText("Notes for the facilitator; the room does not see them")
        self.notes.setTabChangesFocus(True)
        # three to six lines: the step's controls come first on a small console, and the
        # notes scroll inside their box
        lines = self.notes.fontMetrics().lineSpacing()
        self.notes.setMinimumHeight(lines * 3 + 12)
        self.notes.setMaximumHeight(lines * 6 + 12)
        form = QFormLayout()
        form.addRow("Step t&itle", self.title)
        form.addRow("Planned &time", self.minutes)
        form.addRow("Facilitator &notes", self.notes)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.heading)
        self._layout.addLayout(form)
        self.title.textEdited.connect(self._title_edited)
        self.minutes.valueChanged.connect(self._minutes_edited)
        self.notes.textChanged.connect(self._notes_edited)
        session.changed.connect(self._on_change)
        self.show_step()

    def detach(self) -> None:
        self.session.changed.disconnect(self._on_change)
        if self.controls is not None:
            self.controls.detach()

    def step_id(self) -> str | None:
        """The step shown: the room's current one, or the one chosen in the editor."""
        if self.follow_current or self._chosen is None:
            step = self.session.current_step
            return step.id if step else None
        return self._chosen

    def choose(self, step_id: str | None) -> None:
        """Show ``step_id`` (agenda editor)."""
        self._chosen = step_id
        self.show_step()

    def _on_change(self, change: Change) -> None:
        if (
            self._chosen is not None
            and change.detail == "removed"
            and change.step_id == self._chosen
        ):
            self._chosen = None
        if self.step_id() != self._shown:
            self.show_step()
        elif change.scope == "agenda" or change.step_id == self._shown:
            self._load_fields()

    def show_step(self) -> None:
        if self.controls is not None:
            self.controls.detach()
            self._layout.removeWidget(self.controls)
            self.controls.hide()
            self.controls.deleteLater()
            self.controls = None
        step_id = self.step_id()
        self._shown = step_id
        self.setEnabled(step_id is not None)
        if step_id is not None:
            step = self.session.step(step_id)
            views = views_for(self.registry, step.kind)
            self.controls = call_view(
                views.console_view, self.session, step.id, self.run, workshop=self.workshop
            )
            self._layout.addWidget(self.controls, 1)
        self._load_fields()

    def _load_fields(self) -> None:
        step_id = self._shown
        if step_id is None:
            self.heading.setText("This session has no steps yet")
            return
        step = self.session.step(step_id)
        number = self.session.index_of(step_id) + 1
        kind = self.registry.get(step.kind).label
        self.heading.setText(f"Step {number} of {len(self.session.steps)}: {step.title}  ({kind})")
        if self.title.text().strip() != step.title:
            self.title.setText(step.title)
        if self.minutes.value() != step.minutes:
            self.minutes.blockSignals(True)
            self.minutes.setValue(step.minutes)
            self.minutes.blockSignals(False)
        if self.notes.toPlainText() != step.notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(step.notes)
            self.notes.blockSignals(False)

    def _edit(self, name: str, value: Any) -> None:
        step_id = self._shown
        if step_id is not None and getattr(self.session.step(step_id), name) != value:
            self.run(SetStepDetail(step_id, name, value))

    def _title_edited(self, text: str) -> None:
        if text.strip():
            self._edit("title", text.strip())

    def _minutes_edited(self, value: int) -> None:
        self._edit("minutes", value)

    def _notes_edited(self) -> None:
        self._edit("notes", self.notes.toPlainText())
