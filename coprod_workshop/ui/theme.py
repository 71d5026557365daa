"""Theme tokens, the stylesheet and projector type sizes."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from coprod_workshop.paths import resource

BACKGROUND = "#FBFAF6"
TEXT = "#15202B"
TITLE = "#0B3C5D"
MUTED = "#4A5560"
PROMPT_BACKGROUND = "#FFF1C9"
PROMPT_BORDER = "#8A5A00"
OVER_TIME = "#9B1C1C"

#: pixel size of each text role on a 1920x1080 projector; smallest is 28 px
PROJECTOR_SIZES = {
    "slide-title": 72,
    "slide-point": 44,
    "slide-prompt": 42,
    "slide-source": 28,
    "projector-header": 30,
    "timer": 40,
}


def install_stylesheet(app: QApplication) -> None:
    app.setStyleSheet(resource("style.qss").read_text(encoding="utf-8"))


def set_role(widget: QWidget, role: str) -> QWidget:
    """Tag a widget with a text role; the stylesheet and :func:`scale_text` use it."""
    widget.setProperty("role", role)
    return widget


def scale_text(root: QWidget, scale: float) -> None:
    """Size every role-tagged text under ``root`` for a view ``scale`` times 1080p."""
    for widget in [root, *root.findChildren(QWidget)]:
        role = widget.property("role")
        if role in PROJECTOR_SIZES:
            font = QFont(widget.font())
            font.setPixelSize(max(8, round(PROJECTOR_SIZES[role] * scale)))
            widget.setFont(font)


def refresh_style(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
