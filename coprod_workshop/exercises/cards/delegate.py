"""How one card looks: a rounded card with its text wrapped, and words for its marks.

A flagged card gets a coloured bar down its left side and the words
"⚑ discuss"; a contested card a thicker, dashed border and "⇄ moved back and
forth" (shortened to "⇄ contested" in narrow places): every mark is a word as
well as a colour. The selected card (one per board) gets a thick dark border
and a tinted background.

While suggestions are shown a card carries a badge at the end of its first
line: "✓" where its deck suggests, "≠ 5" when the room put it elsewhere (cell
5 suggested; the card also gets a thick border in the "differs" colour),
"→ 5" while it is still on the deck. When the text needs the card's whole
width, the badge gets a line of its own under it.

``descriptions`` (on by default) draws each card's description under its
text; a crowded board (the matrix) turns it off and shows the selected card's
description elsewhere. ``compact`` cards have tighter padding.

The text size comes from :attr:`CardDelegate.px`, which the place view sets
(it shrinks crowded places down to a floor); the colours come from the view's
``qproperty-`` values in the stylesheet.

Speed: everything a card shows comes from one ``boardmodel.LOOK_ROLE`` call (a
hashable ``CardLook``); sizes are cached by look, text size and width, and
each card is drawn once into a pixmap, cached by look, size and state, so
repainting a board only copies pixmaps (benchmarks/matrix_repaint.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from coprod_workshop.exercises.cards.board import AGREES, DIFFERS
from coprod_workshop.exercises.cards.boardmodel import (
    CONTESTED_ROLE,
    DESCRIPTION_ROLE,
    FLAGGED_ROLE,
    LOOK_ROLE,
    ORDER_ROLE,
    SUGGESTION_ROLE,
    CardLook,
)
from coprod_workshop.ui import theme

Index = QModelIndex | QPersistentModelIndex
TEXT_FLAGS = int(Qt.TextFlag.TextWordWrap) | int(
    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
)
RIGHT_FLAGS = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
FLAG_MARK = "⚑ discuss"
CONTESTED_MARK = "⇄ moved back and forth"
CONTESTED_SHORT = "⇄ contested"
#: the view's colour properties and their defaults (``PlaceView`` sets them from the stylesheet)
COLOURS = {
    "cardColor": theme.CARD,
    "cardBorder": theme.CARD_BORDER,
    "textColor": theme.TEXT,
    "mutedColor": theme.MUTED,
    "selectedColor": theme.CARD_SELECTED,
    "focusBorder": theme.TITLE,
    "flagColor": theme.CARD_FLAGGED,
    "contestedColor": theme.CARD_CONTESTED,
    "agreeColor": theme.MATRIX_AGREES,
    "differColor": theme.MATRIX_DIFFERS,
}
_BADGE_COLOURS = {AGREES: "agreeColor", DIFFERS: "differColor"}
#: cached sizes and pictures per delegate, dropped whole when full
CACHE_LIMIT = 600


def font_px(font: QFont) -> int:
    """A font's size in pixels, whether it was set in pixels or points."""
    return font.pixelSize() if font.pixelSize() > 0 else QFontInfo(font).pixelSize()


def card_text(index: Index) -> str:
    """The card's text, numbered on an ordered place ("3. Mum")."""
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    order = index.data(ORDER_ROLE)
    return f"{order}. {text}" if order else text


def look_of(index: Index) -> CardLook:
    """Everything a card shows, from ``LOOK_ROLE`` (or from the single roles of another model)."""
    look = index.data(LOOK_ROLE)
    if isinstance(look, CardLook):
        return look
    suggestion = index.data(SUGGESTION_ROLE)
    return CardLook(
        card_text(index),
        str(index.data(DESCRIPTION_ROLE) or ""),
        bool(index.data(FLAGGED_ROLE)),
        bool(index.data(CONTESTED_ROLE)),
        suggestion.badge() if suggestion else "",
        suggestion.state if suggestion else "",
    )


@dataclass(frozen=True)
class Metrics:
    font: QFont
    bold: QFont
    pad_x: int
    pad_y: int
    stripe: int
    gap: int


def metrics(base: QFont, px: int, compact: bool = False) -> Metrics:
    """Fonts and paddings for cards at ``px``; ``compact`` cards have tighter padding."""
    font = QFont(base)
    font.setPixelSize(max(6, px))
    bold = QFont(font)
    bold.setBold(True)
    return Metrics(
        font,
        bold,
        max(4, round(px * (0.35 if compact else 0.45))),
        max(2, round(px * (0.15 if compact else 0.25))),
        max(3, round(px * 0.3)),
        max(1, round(px * 0.1)),
    )


def _badge_inline(text_advance: int, badge_width: int, inner_width: int) -> bool:
    """Does the suggestion badge fit beside the text on its first line?"""
    return text_advance + badge_width + 2 <= inner_width


class CardDelegate(QStyledItemDelegate):
    """Paints and sizes cards for one place view."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        #: text size in pixels (0: the view's font)
        self.px = 0
        #: draw each card's description under its text
        self.descriptions = True
        #: tighter padding, for a board that must show many cards (the matrix)
        self.compact = False
        self._metrics: dict[tuple[str, int, bool], Metrics] = {}
        self._sizes: dict[tuple[object, ...], QSize] = {}
        self._pictures: dict[tuple[object, ...], QPixmap] = {}
        self._colours: dict[str, QColor] | None = None
        #: the view's font key and scroll bar width, read once per font or style
        #: (``font_or_style_changed``): sizing asks for them once per card
        self._font_key: str | None = None
        self._scroll_extent: int | None = None

    def font_or_style_changed(self) -> None:
        """The view's font or style changed: read them again."""
        self._font_key = None
        self._scroll_extent = None

    def _view_font_key(self) -> str:
        if self._font_key is None:
            self._font_key = self.view.font().key()
        return self._font_key

    def text_px(self) -> int:
        return self.px or font_px(self.view.font())

    # -- caches ---------------------------------------------------------------------------
    def forget(self) -> None:
        """Drop cached sizes, pictures and colours (the font or the stylesheet changed)."""
        self._metrics.clear()
        self.font_or_style_changed()
        self._sizes.clear()
        self._pictures.clear()
        self._colours = None

    def _m(self, px: int) -> Metrics:
        font = self.view.font()
        key = (font.key(), px, self.compact)
        found = self._metrics.get(key)
        if found is None:
            found = self._metrics[key] = metrics(font, px, self.compact)
        return found

    def colour(self, name: str, fallback: str = "") -> QColor:
        if self._colours is None:
            colours = {}
            for prop, default in COLOURS.items():
                value = self.view.property(prop)
                ok = isinstance(value, QColor) and value.isValid()
                colours[prop] = QColor(value) if ok else QColor(default)
            self._colours = colours
        return self._colours.get(name) or QColor(fallback or theme.TEXT)

    # -- what a card shows ------------------------------------------------------------------
    def badge(self, index: Index) -> tuple[str, str]:
        """The suggestion badge's text and the name of its colour ("" when none)."""
        look = look_of(index)
        return look.badge, _BADGE_COLOURS.get(look.badge_state, "mutedColor") if look.badge else ""

    def description(self, index: Index) -> str:
        return look_of(index).description if self.descriptions else ""

    def _marks(self, look: CardLook, width: int, m: Metrics) -> str:
        words = [FLAG_MARK] * look.flagged + [CONTESTED_MARK] * look.contested
        text = "  ".join(words)
        if words and QFontMetrics(m.bold).horizontalAdvance(text) > width:
            text = "  ".join(w if w == FLAG_MARK else CONTESTED_SHORT for w in words)
        return text

    def marks(self, index: Index, width: int, m: Metrics) -> str:
        return self._marks(look_of(index), width, m)

    # -- size --------------------------------------------------------------------------
    def max_width(self) -> int:
        """The widest a card may be: the place's width, less a scroll bar and spacing."""
        view = self.view
        if self._scroll_extent is None:
            self._scroll_extent = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        scroll = self._scroll_extent
        if view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            scroll = 0
        spacing = view.spacing() if hasattr(view, "spacing") else 0
        return max(40, view.contentsRect().width() - scroll - 2 * spacing - 2)

    def card_size(self, index: Index, px: int, max_width: int) -> QSize:
        return self.look_size(look_of(index), px, max_width)

    def look_size(self, look: CardLook, px: int, max_width: int) -> QSize:
        """The size of a card that looks like ``look`` at ``px``, ``max_width`` at most."""
        key = (look, px, max_width, self.compact, self.descriptions, self._view_font_key())
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > CACHE_LIMIT:
                self._sizes.clear()
            size = self._sizes[key] = self._measure(look, px, max_width)
        return size

    def _measure(self, look: CardLook, px: int, max_width: int) -> QSize:
        m = self._m(px)
        regular, bold = QFontMetrics(m.font), QFontMetrics(m.bold)
        text = look.text
        description = look.description if self.descriptions else ""
        badge_width = bold.horizontalAdvance(look.badge) + m.pad_x if look.badge else 0
        inner_max = max(10, max_width - 2 * m.pad_x - m.stripe)
        text_advance = regular.horizontalAdvance(text)
        inline = _badge_inline(text_advance, badge_width, inner_max)
        natural = max(
            text_advance + (badge_width if inline else 0),
            badge_width if look.badge and not inline else 0,
            regular.horizontalAdvance(description) if description else 0,
        )
        inner = min(inner_max, natural + 2)
        marks = self._marks(look, inner_max, m)
        if marks:
            inner = min(inner_max, max(inner, bold.horizontalAdvance(marks) + 2))
        text_width = max(10, inner - (badge_width if inline else 0))
        height = regular.boundingRect(QRect(0, 0, text_width, 10**6), TEXT_FLAGS, text).height()
        if look.badge and not inline:
            height += m.gap + bold.height()
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
        rect = QRect(option.rect)
        if rect.isEmpty():
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        look = look_of(index)
        px = self.text_px()
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        font = self._view_font_key()
        key = (
            look,
            rect.size().toTuple(),
            selected,
            px,
            self.compact,
            self.descriptions,
            ratio,
            font,
        )
        picture = self._pictures.get(key)
        if picture is None:
            if len(self._pictures) > CACHE_LIMIT:
                self._pictures.clear()
            picture = QPixmap(rect.size() * ratio)
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            drawing = QPainter(picture)
            self._draw(drawing, QRect(QPoint(0, 0), rect.size()), look, selected, px)
            drawing.end()
            self._pictures[key] = picture
        painter.drawPixmap(rect.topLeft(), picture)

    def _draw(
        self, painter: QPainter, rect: QRect, look: CardLook, selected: bool, px: int
    ) -> None:
        m = self._m(px)
        badge = look.badge
        badge_colour = _BADGE_COLOURS.get(look.badge_state, "mutedColor")
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = max(3.0, px * 0.3)
        box = QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5)
        fill = self.colour("selectedColor" if selected else "cardColor")
        if selected:
            pen = QPen(self.colour("focusBorder"), max(3.0, px * 0.14))
        elif badge and look.badge_state == DIFFERS:
            pen = QPen(self.colour("differColor"), max(3.0, px * 0.14))
        elif look.contested:
            pen = QPen(self.colour("contestedColor"), max(2.0, px * 0.1))
            pen.setStyle(Qt.PenStyle.DashLine)
        else:
            pen = QPen(self.colour("cardBorder"), max(1.0, px * 0.05))
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, radius, radius)
        if look.flagged:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colour("flagColor"))
            bar = QRectF(box.left(), box.top(), m.stripe, box.height())
            painter.drawRoundedRect(bar, radius / 2, radius / 2)
        inner = rect.adjusted(m.pad_x + m.stripe, m.pad_y, -m.pad_x, -m.pad_y)
        text_area = QRect(inner)
        bold = QFontMetrics(m.bold)
        badge_width = bold.horizontalAdvance(badge) + m.pad_x if badge else 0
        advance = QFontMetrics(m.font).horizontalAdvance(look.text)
        inline = _badge_inline(advance, badge_width, inner.width())
        if badge and inline:
            painter.setFont(m.bold)
            painter.setPen(self.colour(badge_colour))
            painter.drawText(inner, RIGHT_FLAGS, badge)
            text_area.setRight(inner.right() - badge_width)
        painter.setFont(m.font)
        painter.setPen(self.colour("textColor"))
        used = painter.boundingRect(text_area, TEXT_FLAGS, look.text)
        painter.drawText(text_area, TEXT_FLAGS, look.text)
        top = used.bottom() + 1
        if badge and not inline:  # the text needs the whole width: the badge gets a line
            painter.setFont(m.bold)
            painter.setPen(self.colour(badge_colour))
            area = QRect(inner.left(), top + m.gap, inner.width(), inner.bottom() - top - m.gap + 1)
            painter.drawText(area, RIGHT_FLAGS, badge)
            top = area.top() + bold.height()
        description = look.description if self.descriptions else ""
        if description:
            painter.setFont(m.font)
            painter.setPen(self.colour("mutedColor"))
            area = QRect(inner.left(), top, inner.width(), inner.bottom() - top + 1)
            top = painter.boundingRect(area, TEXT_FLAGS, description).bottom() + 1
            painter.drawText(area, TEXT_FLAGS, description)
        marks = self._marks(look, inner.width(), m)
        if marks:
            painter.setFont(m.bold)
            painter.setPen(self.colour("flagColor" if look.flagged else "contestedColor"))
            area = QRect(inner.left(), top + m.gap, inner.width(), inner.bottom() - top - m.gap + 1)
            painter.drawText(area, TEXT_FLAGS, marks)

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
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), min(self.max_width(), 14 * self.text_px())))
        editor.setGeometry(rect)
