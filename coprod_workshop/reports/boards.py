"""Each exercise's board as the room last saw it, rendered as the projector shows it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.core.timer import StepTimer

SIZE = (1920, 1080)
#: steps of these kinds are slides, not boards: no image
SLIDES = frozenset({"info"})


def board_steps(session: Session) -> list[int]:
    """Indexes of the steps that get an image."""
    return [index for index, step in enumerate(session.steps) if step.kind not in SLIDES]


class Record:
    """Stands in for the workshop when the boards of a session are drawn for its record:
    it offers the views the group's earlier workshops as the export read them
    (``journey``) and projected pages (``pages``: a board in pages is drawn page by
    page, each saying "Page 2 of N"), and no live service (no phone voting, no
    store)."""

    LIVE_FREE = frozenset({"journey", "pages", "review"})

    def __init__(self, journey: tuple[Any, ...] = (), review: tuple[Any, ...] = ()) -> None:
        self.journey = journey
        #: the group's open actions before the workshop, as its review step showed them
        self.review = review
        from coprod_workshop.ui.pages import Pages

        #: the record's frame is a projector of its own, on screen: it lays its pages out
        self.pages = Pages()
        self.pages.set_projector_shown(True)
        self._services: dict[str, Any] = {"pages": self.pages}

    def service(self, name: str, factory: Callable[[Any], Any]) -> Any:
        if name not in self.LIVE_FREE:
            return None
        if name not in self._services:
            self._services[name] = factory(self)
        return self._services[name]


def settle(frame: QWidget) -> None:
    """Let a board finish as the room would see it a moment later: layouts done, and
    every chart drawn now at its final size (charts otherwise draw on a timer)."""
    for _ in range(12):  # layouts, then views that lay out again on a zero timer (pages)
        QApplication.processEvents()
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    for canvas in frame.findChildren(FigureCanvasQTAgg):
        canvas.draw()
    QApplication.processEvents()


def board_images(
    session: Session,
    registry: Registry,
    journey: tuple[Any, ...] = (),
    wanted: Callable[[Any], bool] | None = None,
    review: tuple[Any, ...] = (),
) -> Iterator[tuple[int, list[QImage]]]:
    """(step index, its pages' images) for every board (every one ``wanted(step)`` holds
    of), one board at a time (only one board's pictures are held at once), from a copy
    of the session (the open one and its room are left alone): one image a projected
    page, so a board the room saw a page at a time is kept whole. ``journey``: the
    group's workshops, as the report has them (see ``Options.journey``)."""
    from coprod_workshop.ui.slide import SlideFrame
    from coprod_workshop.ui.theme import install_stylesheet

    app = QApplication.instance()
    assert isinstance(app, QApplication), "board images need a QApplication"
    if not app.styleSheet():
        install_stylesheet(app)
    copy = Session.from_doc(session.to_doc(), registry)
    indexes = [i for i in board_steps(copy) if wanted is None or wanted(copy.steps[i])]
    if not indexes:
        return
    copy.current = indexes[0]
    record = Record(journey, review)
    frame = SlideFrame(copy, StepTimer(), registry, object_name="Projector", workshop=record)
    frame.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    frame.clock.hide()  # the step timer means nothing in a record of the day
    frame.resize(*SIZE)
    frame.show()
    pages = record.pages
    try:
        for index in indexes:
            copy.go_to(index)
            settle(frame)
            shots = [frame.grab().toImage()]
            step_id = copy.steps[index].id
            while pages.turn(step_id, 1):  # the next page, as the step keys turn it
                settle(frame)
                shots.append(frame.grab().toImage())
            yield index, shots
    finally:
        # Deleted when the event loop next runs: never flush deferred deletions here,
        # the export may run inside a slot of a dialog that is itself about to be deleted.
        frame.detach()
        frame.close()
        frame.deleteLater()


def stacked(images: list[QImage]) -> QImage:
    """A board's pages one under another, in one picture (one page: that page)."""
    if len(images) == 1:
        return images[0]
    from PySide6.QtGui import QPainter

    width = max(image.width() for image in images)
    whole = QImage(width, sum(image.height() for image in images), QImage.Format.Format_RGB32)
    whole.fill(Qt.GlobalColor.white)
    painter = QPainter(whole)
    top = 0
    for image in images:
        painter.drawImage(0, top, image)
        top += image.height()
    painter.end()
    return whole


def png_bytes(image: QImage) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt takes str
    buffer.close()
    return bytes(data.data())


def key_pictures(
    session: Session,
    registry: Registry,
    kinds: tuple[str, ...],
    journey: tuple[Any, ...] = (),
    review: tuple[Any, ...] = (),
) -> dict[str, list[bytes]]:
    """The boards of the steps of ``kinds``, each page as PNG bytes, by step id (for the
    summary)."""
    images = board_images(session, registry, journey, lambda step: step.kind in kinds, review)
    return {session.steps[index].id: [png_bytes(page) for page in pages] for index, pages in images}
