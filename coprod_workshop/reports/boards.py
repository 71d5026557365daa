"""Each exercise's board as the room last saw it, rendered as the projector shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.core.timer import StepTimer

SIZE = (1920, 1080)
#: steps of these kinds are slides, not boards: no image
SLIDES = frozenset({"info"})


def board_steps(session: Session) -> list[int]:
    """Indexes of the steps that get an image."""
    return [index for index, step in enumerate(session.steps) if step.kind not in SLIDES]


def board_images(session: Session, registry: Registry) -> list[tuple[int, QImage]]:
    """(step index, image) for every board, from a copy of the session (the open one
    and its room are left alone)."""
    from coprod_workshop.ui.slide import SlideFrame
    from coprod_workshop.ui.theme import install_stylesheet

    app = QApplication.instance()
    assert isinstance(app, QApplication), "board images need a QApplication"
    if not app.styleSheet():
        install_stylesheet(app)
    copy = Session.from_doc(session.to_doc(), registry)
    indexes = board_steps(copy)
    if not indexes:
        return []
    copy.current = indexes[0]
    frame = SlideFrame(copy, StepTimer(), registry, object_name="Projector")
    frame.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    frame.clock.hide()  # the step timer means nothing in a record of the day
    frame.resize(*SIZE)
    frame.show()
    images = []
    try:
        for index in indexes:
            copy.go_to(index)
            QApplication.processEvents()  # layouts, and views that settle on a zero timer
            QApplication.processEvents()
            images.append((index, frame.grab().toImage()))
    finally:
        # Deleted when the event loop next runs: never flush deferred deletions here,
        # the export may run inside a slot of a dialog that is itself about to be deleted.
        frame.detach()
        frame.close()
        frame.deleteLater()
    return images
