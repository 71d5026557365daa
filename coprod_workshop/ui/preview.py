"""The console's preview of the projector: the projected picture, scaled.

Its slide frame is laid out at the projector's own size (``Workshop.projected_size``)
and drawn scaled down into the console, so every line break, every page and every
card sits where it sits on the projector: one layout, two sizes. It stays live: the
room can vote on it, and the number keys reach it as they reach the projector.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.ui.slide import SlideFrame


class ProjectorPreview(QGraphicsView):
    """Shows the frame ``make_frame(holder)`` builds at ``size`` (the projector's), scaled
    to fit, centred. (The frame is built inside a holder already in the scene: a whole
    frame put into a scene costs ten times what it costs to build it there.)"""

    def __init__(
        self,
        make_frame: Callable[[QWidget], SlideFrame],
        size: QSize,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ProjectorPreviewView")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setMinimumSize(320, 180)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # keys reach the drawn frame's controls
        self.setScene(QGraphicsScene(self))
        # Embedded, the holder is a window of its own: a layout would hold it at least at
        # the frame's minimum size, and the projector's own frame may be smaller than that.
        self.holder = QWidget()
        holding = QVBoxLayout(self.holder)
        holding.setContentsMargins(0, 0, 0, 0)
        holding.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.proxy = self.scene().addWidget(self.holder)
        self.proxy.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.frame = make_frame(self.holder)
        layout = self.frame.layout()
        if layout is not None:
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        holding.addWidget(self.frame)
        self.set_projected_size(size)
        self.frame.installEventFilter(self)

    def set_projected_size(self, size: QSize) -> None:
        """Lay the frame out at the projector's size (never smaller than a small screen)."""
        size = size.expandedTo(QSize(640, 360))
        if self.holder.size() != size:
            self.holder.resize(size)
        if self.frame.size() != size:
            self.frame.resize(size)
        self.scene().setSceneRect(QRectF(0, 0, size.width(), size.height()))
        self._fit()

    def point_of(self, widget: QWidget) -> QPoint:
        """Where the centre of ``widget`` (a part of the frame) is drawn in the preview."""
        centre = widget.mapTo(self.frame, widget.rect().center())
        return self.mapFromScene(self.proxy.mapToScene(QPointF(centre)))

    def scale_factor(self) -> float:
        """How much smaller than the projector the preview draws."""
        return self.transform().m11()

    def _fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QEvent) -> bool:
        # Tab and Shift+Tab move on to the console's next control: the preview is one Tab
        # stop (its keys reach the frame's own), never a loop of the frame's controls.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                return self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # The frame's controls get the key; one they leave goes on to the console (Space,
        # the arrows: the step keys), never to scrolling the preview.
        QCoreApplication.sendEvent(self.scene(), event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.frame and event.type() == QEvent.Type.Resize:
            self._fit()
        return False
