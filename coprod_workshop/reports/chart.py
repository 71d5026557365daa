"""A report chart drawn with QPainter: vector in the PDF, an image in the ODT.

Horizontal bars, one group per category (a rung, a pile), one bar per series
(a round) side by side, each bar stacked by segment (a vote's source), with
the total at the end of every bar and a legend above.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from coprod_workshop.reports.blocks import Chart
from coprod_workshop.core import palette

#: sizes in points
BAR = 11.0
GAP = 7.0
LABEL_SHARE = 0.36
STYLES = (Qt.BrushStyle.SolidPattern, Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.Dense5Pattern)


def series_colour(index: int) -> QColor:
    return QColor(palette.ROUND_COLOURS[index % len(palette.ROUND_COLOURS)])


def segment_brush(series: int, segment: int) -> QBrush:
    return QBrush(series_colour(series), STYLES[segment % len(STYLES)])


def _line(font: QFont, unit: float) -> float:
    return QFontMetricsF(font).height() * unit


def _legend(chart: Chart) -> list[tuple[str, int, int]]:
    """(text, series, segment) for each legend entry."""
    entries = (
        [(name, index, 0) for index, name in enumerate(chart.series)]
        if len(chart.series) > 1
        else []
    )
    if len(chart.segments) > 1:
        entries += [(name, -1, index) for index, name in enumerate(chart.segments)]
    return entries


def size(chart: Chart, font: QFont, width: float, unit: float) -> QSizeF:
    """The chart's size in device units (``unit`` device units per point)."""
    line = _line(font, 1.0)
    legend_lines = len(_legend(chart))
    group = len(chart.series) * BAR + GAP
    height = (
        line * (1.6 + legend_lines * 1.2) + len(chart.categories) * max(group, line + GAP) + GAP
    )
    return QSizeF(width, height * unit)


def paint(painter: QPainter, rect: QRectF, chart: Chart, font: QFont, unit: float) -> None:
    """Draw ``chart`` in ``rect`` (device units; ``unit`` device units per point)."""
    painter.save()
    painter.translate(rect.topLeft())
    painter.scale(unit, unit)
    width = rect.width() / unit
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetricsF(font)
    line = metrics.height()
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(QColor(palette.TEXT))
    painter.drawText(QPointF(0, metrics.ascent()), chart.title)
    painter.setFont(font)
    y = line * 1.6
    for text, series, segment in _legend(chart):
        swatch = QRectF(0, y + line * 0.15, line * 1.4, line * 0.7)
        painter.setPen(QPen(QColor(palette.TEXT), 0.4))
        painter.setBrush(series_colour(series) if series >= 0 else segment_brush(-1, segment))
        if series < 0:
            painter.setBrush(QBrush(QColor(palette.MUTED), STYLES[segment % len(STYLES)]))
        painter.drawRect(swatch)
        painter.drawText(QPointF(line * 1.8, y + metrics.ascent()), text)
        y += line * 1.2
    label_width = width * LABEL_SHARE
    plot = width - label_width - metrics.horizontalAdvance("0000") - 6
    largest = max(chart.largest, 1)
    group = max(len(chart.series) * BAR + GAP, line + GAP)
    painter.setPen(QPen(QColor(palette.GRID_LINE), 0.5))
    painter.drawLine(
        QPointF(label_width, y), QPointF(label_width, y + group * len(chart.categories))
    )
    for index, category in enumerate(chart.categories):
        top = y + index * group
        bars = len(chart.series) * BAR
        label = metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_width - 6)
        painter.setPen(QColor(palette.TEXT))
        painter.drawText(
            QRectF(0, top, label_width - 6, max(bars, line)),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
        for series in range(len(chart.series)):
            x = label_width
            bar_top = top + series * BAR + 1
            for segment, count in enumerate(chart.values[index][series]):
                length = plot * count / largest
                if length:
                    painter.setPen(QPen(series_colour(series), 0.6))
                    painter.setBrush(segment_brush(series, segment))
                    painter.drawRect(QRectF(x, bar_top, length, BAR - 2))
                x += length
            painter.setPen(QColor(palette.TEXT))
            painter.drawText(
                QRectF(x + 3, bar_top - 2, 60, BAR + 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(chart.total(index, series)),
            )
    painter.restore()
