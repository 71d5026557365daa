"""Theme tokens, the stylesheet and projector type sizes."""

from __future__ import annotations

import html
from typing import Any, TypeVar

from PySide6.QtCore import Property, Qt
from PySide6.QtGui import QColor, QFont, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from coprod_workshop.core.palette import (  # the colour tokens, read here by the views
    BACKGROUND,
    TEXT,
    TITLE,
    MUTED,
    PROMPT_BACKGROUND,
    PROMPT_BORDER,
    OVER_TIME,
    BAND_TO,
    BAND_FOR,
    BAND_WITH,
    BAND_WITH_BORDER,
    RUNG_PRESSED,
    ON_DARK,
    ROUND_NOW,
    ROUND_WANTED,
    ROUND_THIRD,
    ROUND_FOURTH,
    ROUND_COLOURS,
    BAND_COLOURS,
    CARD,
    CARD_BORDER,
    CARD_SELECTED,
    CARD_PLACE,
    CARD_PLACE_BORDER,
    GRID_LINE,
    CARD_DECK,
    CARD_DROP,
    CARD_CONTESTED,
    CARD_FLAGGED,
    MATRIX_AGREES,
    MATRIX_DIFFERS,
    MATRIX_MIDDLE,
    MATRIX_MIDDLE_BORDER,
    SCALE_POINT_COLOURS,
)
from coprod_workshop.paths import resource

#: pixel size of each text role on a 1920x1080 projector; none below 24 px (tested)
PROJECTOR_SIZES = {
    "slide-title": 72,
    "slide-point": 44,
    "slide-prompt": 42,
    "slide-source": 28,
    "projector-header": 30,
    "timer": 40,
    # ladder vote
    "ladder-question": 60,
    "ladder-hint": 32,
    "chart-legend": 32,
    "band-label": 32,
    "rung-number": 44,
    "rung-name": 40,
    "rung-description": 30,
    "chart-text": 34,
    "thanks-title": 84,
    "thanks-detail": 52,
    "thanks-button": 40,
    # Sue and Mick grid (exercises/relationship); crowded notes shrink, never below 24 px
    "relationship-opening": 36,
    "relationship-credit": 26,
    "relationship-prompt": 30,
    "relationship-persona": 38,
    "relationship-persona-note": 26,
    "relationship-stands-for": 28,
    "relationship-row": 30,
    "relationship-note": 32,
    "relationship-deck-heading": 30,
    "relationship-question": 30,
    # cards on a board (exercises/cards); crowded places shrink cards, never below 24 px
    "card": 32,
    "card-place-title": 30,
    "card-place-more": 26,
    "board-page": 28,
    "card-place-key": 28,
    # card sort (exercises/cardsort)
    "cardsort-title": 44,
    "cardsort-prompt": 34,
    "cardsort-summary-heading": 34,
    "cardsort-summary-text": 30,
    # Bovaird matrix (exercises/matrix): cell names are long, so they sit at 24 px
    "matrix-title": 40,
    "matrix-axis": 26,
    "matrix-column": 26,
    "matrix-row": 26,
    "matrix-cell-title": 24,
    "matrix-legend": 24,
    "matrix-detail": 28,
    "matrix-credit": 24,
    # phone voting: how to join, beside the ladder
    "join-heading": 36,
    "join-text": 28,
    "join-code": 44,
    # dots at the shared screen (participation/screendots)
    "dots-item": 36,
    "dots-button": 34,
}


def colours() -> dict[str, str]:
    """Every colour token of the theme: name -> ``#RRGGBB``."""
    return {
        name: value
        for name, value in globals().items()
        if name.isupper() and isinstance(value, str) and value.startswith("#")
    }


def stylesheet(base_points: float = 9.0) -> str:
    """``resources/style.qss`` with each ``@NAME`` replaced by the theme's colour ``NAME``
    and each ``font-size: Nrem`` by N times ``base_points`` (the system's text size), so
    the console's text grows with the text size a person chose for their desktop."""
    import re  # here, not at import: the app's start does without it

    tokens = colours()

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in tokens:
            raise KeyError(f"resources/style.qss names @{name}, which core/palette.py does not define")
        return tokens[name]

    def size(match: re.Match[str]) -> str:
        return f"font-size: {float(match.group(1)) * base_points:.1f}pt"

    text = resource("style.qss").read_text(encoding="utf-8")
    text = re.sub(r"font-size:\s*([0-9.]+)rem", size, text)
    return re.sub(r"@([A-Z][A-Z0-9_]*)", fill, text)


def install_stylesheet(app: QApplication) -> None:
    points = app.font().pointSizeF()
    app.setStyleSheet(stylesheet(points if points > 0 else 9.0))


def colour_property(name: str, default: str) -> Any:  # a Qt Property: reads as a QColor
    """A colour a widget paints with, settable from the stylesheet (``qproperty-<name>``);
    ``default`` (a theme token) until then. Setting it calls the widget's
    ``colours_changed()`` if it has one, else ``update()``."""
    attribute = f"_{name}"

    def getter(widget: QWidget) -> QColor:
        value = getattr(widget, attribute, None)
        return QColor(default) if value is None else QColor(value)

    def setter(widget: QWidget, value: QColor) -> None:
        setattr(widget, attribute, QColor(value))
        changed = getattr(widget, "colours_changed", None)
        if changed is not None:
            changed()
        else:
            widget.update()

    return Property(QColor, getter, setter)


W = TypeVar("W", bound=QWidget)


def set_role(widget: W, role: str) -> W:
    """Tag a widget with a text role; the stylesheet and :func:`scale_text` use it."""
    widget.setProperty("role", role)
    return widget


class SpokenLabel(QLabel):
    """A label whose text a screen reader gets even when it has a name of its own
    ("Time left on this step" and then "10:00 left"): the text is its accessible
    description, kept up to date."""

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self._speak()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self._speak()

    def _speak(self) -> None:
        if self.accessibleName():
            text = " ".join(self.text().split())
            if self.textFormat() == Qt.TextFormat.RichText or "<" in text:
                text = QTextDocumentFragment.fromHtml(self.text()).toPlainText()
            if self.accessibleDescription() != text:
                self.setAccessibleDescription(text)


def explain(control: QWidget, what_it_does: str) -> None:
    """A control keeps its visible label as its accessible name, so what someone sees
    is what they say (WCAG 2.5.3: "Reveal now" reaches the "Reveal now" button); what
    it does is its description and tooltip."""
    control.setAccessibleName("")
    control.setAccessibleDescription(what_it_does)
    control.setToolTip(what_it_does)


def point_label(marker: str, text: str, role: str) -> QLabel:
    """A projected point ("•", "3.") whose wrapped lines hang under its text, not under
    the marker. What it shows stays plain text (escaped, never markup); its accessible
    name is the point itself."""
    cells = (
        '<table cellspacing="0" cellpadding="0"><tr>'
        f"<td>{html.escape(marker)}&nbsp;&nbsp;</td>"
        f"<td>{html.escape(text)}</td></tr></table>"
    )
    label = SpokenLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setText(cells)
    label.setAccessibleName(text)
    set_role(label, role)
    return label


def role_label(text: str, role: str, *, wrap: bool = True) -> QLabel:
    """A label for projected text: plain text only (what it shows may come from a
    file or from the room, never markup), tagged with a text ``role``."""
    label = SpokenLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    set_role(label, role)
    return label


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
