"""How one card looks: a rounded card with its text wrapped, and words for its marks.

A flagged card gets a coloured bar down its left side and the words
"⚑ discuss"; a contested card a thicker, dashed border and "⇄ moved back and
forth" (shortened to "⇄ contested" in narrow places): every mark is a word as
well as a colour. The selected card (one per board) gets a thick dark border
and a tinted background.

The text size comes from :attr:`CardDelegate.px`, which the place view sets
(it shrinks crowded places down to a floor); the colours come from the view's
``qproperty-`` values in the stylesheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from coprod_workshop.exercises.cards.qt import (
    CONTESTED_ROLE,
    DESCRIPTION_ROLE,
    FLAGGED_ROLE,
    ORDER_ROLE,
)

Index = QModelIndex | QPersistentModelIndex
TEXT_FLAGS = int(Qt.TextFlag.TextWordWrap) | int(
    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
)
FLAG_MARK = "⚑ discuss"
CONTESTED_MARK = "⇄ moved back and forth"
CONTESTED_SHORT = "⇄ contested"


def font_px(font: QFont) -> int:
    """A font's size in pixels, whether it was set in pixels or points."""
    return font.pixelSize() if font.pixelSize() > 0 else QFontInfo(font).pixelSize()


def card_text(index: Index) -> str:
    """The card's text, numbered on an ordered place ("3. Mum")."""
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    order = index.data(ORDER_ROLE)
    return f"{order}. {text}" if order else text


@dataclass(frozen=True)
class Metrics:
    font: QFont
    bold: QFont
    pad_x: int
    pad_y: int
    stripe: int
    gap: int


def metrics(base: QFont, px: int) -> Metrics:
    font = QFont(base)
    font.setPixelSize(max(6, px))
    bold = QFont(font)
    bold.setBold(True)
    return Metrics(
        font,
        bold,
        max(4, round(px * 0.45)),
        max(2, round(px * 0.25)),
        max(3, round(px * 0.3)),
        max(1, round(px * 0.1)),
    )


class CardDelegate(QStyledItemDelegate):
    """Paints and sizes cards for one place view."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        #: text size in pixels (0: the view's font)
        self.px = 0

    def text_px(self) -> int:
        return self.px or font_px(self.view.font())

    def colour(self, name: str, fallback: str) -> QColor:
        value = self.view.property(name)
        return QColor(value) if isinstance(value, QColor) and value.isValid() else QColor(fallback)

    def marks(self, index: Index, width: int, m: Metrics) -> str:
        words = []
        if index.data(FLAGGED_ROLE):
            words.append(FLAG_MARK)
        if index.data(CONTESTED_ROLE):
            words.append(CONTESTED_MARK)
        text = "  ".join(words)
        if words and QFontMetrics(m.bold).horizontalAdvance(text) > width:
            text = "  ".join(w if w == FLAG_MARK else CONTESTED_SHORT for w in words)
        return text

    # -- size --------------------------------------------------------------------------
    def max_width(self) -> int:
        """The widest a card may be: the place's width, less a scroll bar and spacing."""
        view = self.view
        scroll = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        spacing = view.spacing() if hasattr(view, "spacing") else 0
        return max(40, view.contentsRect().width() - scroll - 2 * spacing - 2)

    def card_size(self, index: Index, px: int, max_width: int) -> QSize:
        m = metrics(self.view.font(), px)
        regular, bold = QFontMetrics(m.font), QFontMetrics(m.bold)
        text = card_text(index)
        description = str(index.data(DESCRIPTION_ROLE) or "")
        inner_max = max(10, max_width - 2 * m.pad_x - m.stripe)
        natural = max(
            regular.horizontalAdvance(text),
            regular.horizontalAdvance(description) if description else 0,
        )
        inner = min(inner_max, natural + 2)
        marks = self.marks(index, inner_max, m)
        if marks:
            inner = min(inner_max, max(inner, bold.horizontalAdvance(marks) + 2))
        height = regular.boundingRect(QRect(0, 0, inner, 10**6), TEXT_FLAGS, text).height()
        if description:
            height += regular.boundingRect(
                QRect(0, 0, inner, 10**6), TEXT_FLAGS, description
            ).height()
        if marks:
            height += (
                m.gap + bold.boundingRect(QRect(0, 0, inner, 10**6), TEXT_FLAGS, marks).height()
            )
        return QSize(inner + 2 * m.pad_x + m.stripe, height + 2 * m.pad_y)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        return self.card_size(index, self.text_px(), self.max_width())

    # -- painting ------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        px = self.text_px()
        m = metrics(self.view.font(), px)
        rect = QRect(option.rect)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        flagged = bool(index.data(FLAGGED_ROLE))
        contested = bool(index.data(CONTESTED_ROLE))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = max(3.0, px * 0.3)
        box = QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5)
        fill = self.colour("selectedColor" if selected else "cardColor", "#FFFFFF")
        if selected:
            pen = QPen(self.colour("focusBorder", "#0B3C5D"), max(3.0, px * 0.14))
        elif contested:
            pen = QPen(self.colour("contestedColor", "#8A5A00"), max(2.0, px * 0.1))
            pen.setStyle(Qt.PenStyle.DashLine)
        else:
            pen = QPen(self.colour("cardBorder", "#5B6B7A"), max(1.0, px * 0.05))
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, radius, radius)
        if flagged:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colour("flagColor", "#9B1C1C"))
            bar = QRectF(box.left(), box.top(), m.stripe, box.height())
            painter.drawRoundedRect(bar, radius / 2, radius / 2)
        inner = rect.adjusted(m.pad_x + m.stripe, m.pad_y, -m.pad_x, -m.pad_y)
        text = card_text(index)
        painter.setFont(m.font)
        painter.setPen(self.colour("textColor", "#15202B"))
        used = painter.boundingRect(inner, TEXT_FLAGS, text)
        painter.drawText(inner, TEXT_FLAGS, text)
        top = used.bottom() + 1
        description = str(index.data(DESCRIPTION_ROLE) or "")
        if description:
            painter.setPen(self.colour("mutedColor", "#4A5560"))
            area = QRect(inner.left(), top, inner.width(), inner.bottom() - top + 1)
            top = painter.boundingRect(area, TEXT_FLAGS, description).bottom() + 1
            painter.drawText(area, TEXT_FLAGS, description)
        marks = self.marks(index, inner.width(), m)
        if marks:
            painter.setFont(m.bold)
            painter.setPen(self.colour("flagColor" if flagged else "contestedColor", "#8A5A00"))
            area = QRect(inner.left(), top + m.gap, inner.width(), inner.bottom() - top - m.gap + 1)
            painter.drawText(area, TEXT_FLAGS, marks)
        painter.restore()

    # -- editing (console) ---------------------------------------------------------------------
    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAccessibleName("Card text")
        font = QFont(self.view.font())
        font.setPixelSize(self.text_px())
        editor.setFont(font)
        editor.setMaxLength(80)
        return editor

    def updateEditorGeometry(  # noqa: N802
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = QRect(option.rect)  # type: ignore[attr-defined]
        rect.setWidth(max(rect.width(), min(self.max_width(), 14 * self.text_px())))
        editor.setGeometry(rect)
