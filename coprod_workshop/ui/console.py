"""The body of the facilitator console: agenda | preview of the projector over the step.

The preview is the projector's picture (``ui.preview``): a slide frame laid out at the
projector's size, drawn smaller."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

from coprod_workshop.core.session import Session
from coprod_workshop.ui.agenda import AgendaPanel
from coprod_workshop.ui.preview import ProjectorPreview
from coprod_workshop.ui.slide import SlideFrame
from coprod_workshop.ui.steppanel import StepPanel
from coprod_workshop.ui.workshop import Workshop


class ConsoleBody(QSplitter):
    """Everything the console shows of one session; rebuilt when another opens."""

    def __init__(self, workshop: Workshop, session: Session) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        registry = workshop.registry
        self.workshop = workshop
        self.agenda = AgendaPanel(session, workshop.timer, started=lambda: workshop.started_at)
        self.agenda.stepChosen.connect(workshop.go_to)
        workshop.started.connect(self.agenda.update_totals)
        self.preview_view = ProjectorPreview(
            lambda holder: SlideFrame(
                session,
                workshop.timer,
                registry,
                object_name="ProjectorPreview",
                run=workshop.run,
                workshop=workshop,
                parent=holder,
            ),
            workshop.projected_size,
        )
        self.preview = self.preview_view.frame
        self.preview.setAccessibleName("Preview of the projector")
        self.preview_view.setAccessibleName("Preview of the projector")
        workshop.projectedSizeChanged.connect(self.preview_view.set_projected_size)
        self.step_panel = StepPanel(session, registry, workshop.run, workshop=workshop)
        # The step's controls keep at least the size they need: when the console is too
        # small for them, they scroll rather than being squeezed until their text is cut.
        self.step_scroll = QScrollArea()
        self.step_scroll.setWidget(self.step_panel)
        self.step_scroll.setWidgetResizable(True)
        self.step_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.step_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.preview_view)
        right.addWidget(self.step_scroll)
        right.setSizes([480, 420])
        self.addWidget(self.agenda)
        self.addWidget(right)
        self.setSizes([460, 940])

    def regions(self) -> list[QWidget]:
        """The console's regions, in reading order, for F6 and Shift+F6."""
        return [self.agenda, self.preview_view, self.step_panel]

    def detach(self) -> None:
        """Stop following the session."""
        self.workshop.started.disconnect(self.agenda.update_totals)
        self.workshop.projectedSizeChanged.disconnect(self.preview_view.set_projected_size)
        for view in (self.agenda, self.preview, self.step_panel):
            view.detach()
