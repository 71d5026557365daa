"""The report laid out with Qt's rich text: an A4 PDF (headings, tables, vector charts,
page numbers). The documents to edit (ODT, DOCX) are written by ``odt.py`` and
``word.py`` from the same blocks.

Every text is inserted as plain text (never parsed as HTML or Qt rich text), so
what the room typed is shown as typed; invisible direction controls are shown
as their code (``[U+202E]``) so they cannot reorder the text around them.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPyTextObject,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextLength,
    QTextListFormat,
    QTextOption,
    QTextTableFormat,
)

from coprod_workshop.reports import chart as chart_painter
from coprod_workshop.reports.blocks import (
    REPORT_SIZES,
    Block,
    Bullets,
    Chart,
    Heading,
    Para,
    Picture,
    Sizes,
    Table,
)
from coprod_workshop.core import palette

FONT_FAMILY = "DejaVu Sans"
BODY_PT = 10.0
HEADING_PT = {1: 20.0, 2: 15.0, 3: 12.0}
SMALL_PT = 9.0
MARGIN_MM = 18.0
RESOLUTION = 300  # PDF device units per inch (layout only: text and charts stay vector)
CHART_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
CHART_PROPERTY = QTextFormat.Property.UserProperty + 1
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with direction overrides and isolates shown as their code point."""
    return _CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def font_files() -> list[Path]:
    """DejaVu Sans as matplotlib ships it (regular, bold, oblique), for a computer
    without it (Windows, macOS): the self-contained build carries matplotlib's data."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return sorted(folder.glob("DejaVuSans*.ttf"))


_font_checked = False


def ensure_font() -> None:
    """Make the report's font available to Qt: the system's, else matplotlib's copy."""
    global _font_checked
    if _font_checked:
        return
    _font_checked = True
    if FONT_FAMILY not in QFontDatabase.families():
        for path in font_files():
            QFontDatabase.addApplicationFont(str(path))


#: no ligatures: "ff" and "fi" drawn as one glyph read back as "ﬀ" and "ﬁ", which
#: breaks searching and copying the PDF's text ("offer" would not be found)
NO_LIGATURES = {QFont.Tag("liga"): 0, QFont.Tag("clig"): 0, QFont.Tag("dlig"): 0}


def base_font() -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(BODY_PT)
    for tag, value in NO_LIGATURES.items():
        font.setFeature(tag, value)
    return font


def chart_font() -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(round(SMALL_PT))  # the chart painter works in points
    for tag, value in NO_LIGATURES.items():
        font.setFeature(tag, value)
    return font


class ChartHandler(QPyTextObject):
    """Draws a chart where the document holds a chart object (vector on a PDF)."""

    def __init__(self, charts: list[Chart], unit: float) -> None:
        super().__init__()
        self.charts = charts
        self.unit = unit

    def intrinsicSize(self, doc, pos, fmt) -> QSizeF:  # type: ignore[no-untyped-def] # noqa: N802
        chart = self.charts[fmt.property(CHART_PROPERTY)]
        width = doc.pageSize().width() - 2 * doc.documentMargin() - 4
        return chart_painter.size(chart, chart_font(), width, self.unit)

    def drawObject(self, painter, rect, doc, pos, fmt) -> None:  # type: ignore[no-untyped-def] # noqa: N802
        chart = self.charts[fmt.property(CHART_PROPERTY)]
        chart_painter.paint(painter, rect, chart, chart_font(), self.unit)


def chart_image(chart: Chart, width_pt: float = 480, dpi: int = 200) -> QImage:
    """The chart as an image (for the documents to edit, which hold pictures)."""
    unit = dpi / 72
    ensure_font()
    size = chart_painter.size(chart, chart_font(), width_pt * unit, unit)
    image = QImage(size.toSize(), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    chart_painter.paint(
        painter, QRectF(0, 0, size.width(), size.height()), chart, chart_font(), unit
    )
    painter.end()
    return image


class Builder:
    """Fills a QTextDocument from report blocks."""

    def __init__(self, doc: QTextDocument, sizes: Sizes = REPORT_SIZES) -> None:
        self.doc = doc
        self.sizes = sizes
        #: the width pictures are drawn at (device units; set once the page is known)
        self.picture_width = 0.0
        self.pictures: list[Picture] = []
        self.charts: list[Chart] = []
        self.cursor = QTextCursor(doc)
        self.first = True

    def _block(
        self, fmt: QTextBlockFormat | None = None, char: QTextCharFormat | None = None
    ) -> None:
        fmt = fmt or QTextBlockFormat()
        char = char or self._char()
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            self.first = False
        else:
            self.cursor.insertBlock(fmt, char)

    def _char(
        self, size: float | None = None, bold: bool = False, muted: bool = False
    ) -> QTextCharFormat:
        size = self.sizes.body if size is None else size
        char = QTextCharFormat()
        char.setFontFamilies([FONT_FAMILY])
        char.setFontPointSize(size)
        char.setFontFeatures(NO_LIGATURES)
        char.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        char.setForeground(QColor(palette.MUTED if muted else palette.TEXT))
        return char

    def add(self, block: Block) -> None:
        if isinstance(block, Heading):
            fmt = QTextBlockFormat()
            fmt.setHeadingLevel(block.level)
            fmt.setTopMargin({1: 0, 2: 14, 3: 8}[block.level])
            fmt.setBottomMargin(4)
            if block.new_page:
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            char = self._char(self.sizes.heading(block.level), bold=True)
            char.setForeground(QColor(palette.TITLE))
            self._block(fmt, char)
            self.cursor.insertText(visible(block.text), char)
        elif isinstance(block, Para):
            fmt = QTextBlockFormat()
            fmt.setBottomMargin(4)
            char = self._char(self.sizes.small if block.muted else None, muted=block.muted)
            self._block(fmt, char)
            self.cursor.insertText(visible(block.text), char)
        elif isinstance(block, Bullets):
            self._bullets(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Chart):
            self._chart(block)
        elif isinstance(block, Picture):
            self._picture(block)

    def _picture(self, block: Picture) -> None:
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(6)
        self._block(fmt)
        name = f"picture-{len(self.pictures)}.png"
        image = QImage.fromData(block.png)
        self.doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        picture = QTextImageFormat()
        picture.setName(name)
        picture.setToolTip(block.alt)
        picture.setProperty(QTextFormat.Property.ImageAltText, block.alt)
        if self.picture_width:
            picture.setWidth(self.picture_width)
            picture.setHeight(self.picture_width * block.ratio)
        self.pictures.append(block)
        self.cursor.insertImage(picture)

    def _bullets(self, block: Bullets) -> None:
        char = self._char()
        self._block(QTextBlockFormat(), char)
        style = QTextListFormat()
        style.setStyle(QTextListFormat.Style.ListDisc)
        text_list = self.cursor.createList(style)
        for number, item in enumerate(block.items):
            if number:
                self.cursor.insertBlock(QTextBlockFormat(), char)
                text_list.add(self.cursor.block())
            self.cursor.insertText(visible(item), char)
        self._block()  # out of the list

    def _table(self, block: Table) -> None:
        self._block()
        columns = len(block.header)
        fmt = QTextTableFormat()
        fmt.setHeaderRowCount(1)
        fmt.setCellPadding(3)
        fmt.setCellSpacing(0)
        fmt.setBorder(0.5)
        fmt.setBorderBrush(QColor(palette.GRID_LINE))
        fmt.setBorderCollapse(True)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        widths = block.widths or (100 / columns,) * columns
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, width) for width in widths]
        )
        table = self.cursor.insertTable(len(block.rows) + 1, columns, fmt)
        for row, cells in enumerate((block.header, *block.rows)):
            for column, text in enumerate(cells):
                cell = table.cellAt(row, column)
                if row == 0:
                    cell_fmt = cell.format()
                    cell_fmt.setBackground(QColor(palette.CARD_PLACE))
                    cell.setFormat(cell_fmt)
                char = self._char(self.sizes.small, bold=row == 0)
                cursor = cell.firstCursorPosition()
                listed = block.lists and row > 0 and column > 0 and bool(text)
                item = QTextBlockFormat()
                item.setBottomMargin(2 if listed else 0)
                cursor.setBlockFormat(item)
                cursor.setBlockCharFormat(char)  # the list's bullet takes the block's size
                for number, line in enumerate(text.split("\n")):
                    if number:
                        cursor.insertBlock(item, char)
                    cursor.insertText(visible(line), char)
                if listed:  # every line of the cell one item of a list
                    span = cell.firstCursorPosition()
                    span.setPosition(
                        cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor
                    )
                    span.createList(self._cell_list())
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    @staticmethod
    def _cell_list() -> QTextListFormat:
        items = QTextListFormat()
        items.setStyle(QTextListFormat.Style.ListDisc)
        items.setIndent(1)
        items.setProperty(QTextFormat.Property.ListIndent, 1)
        return items

    def _chart(self, block: Chart) -> None:
        self._block()
        chart = QTextCharFormat()
        chart.setObjectType(CHART_OBJECT)
        chart.setProperty(CHART_PROPERTY, len(self.charts))
        self.cursor.insertText("\ufffc", chart)
        self.charts.append(block)


def build(
    blocks: list[Block], sizes: Sizes = REPORT_SIZES, picture_width: float = 0.0
) -> tuple[QTextDocument, Builder]:
    ensure_font()
    doc = QTextDocument()
    font = base_font()
    font.setPointSizeF(sizes.body)
    doc.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setDocumentMargin(0)
    builder = Builder(doc, sizes)
    builder.picture_width = picture_width
    for block in blocks:
        builder.add(block)
    return doc, builder


def write_pdf(
    blocks: list[Block], path: Path, title: str, sizes: Sizes = REPORT_SIZES
) -> int:
    """Write the PDF (type ``sizes``: the report's, or easy read's); return its page count."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("coprod-workshop")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM + 6),
            QPageLayout.Unit.Millimeter,
        )
    )
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    # An image's size is in 1/96 inch; the layout scales it to the device's resolution.
    doc, builder = build(blocks, sizes, (page.width() - 4) * 96 / RESOLUTION)
    unit = RESOLUTION / 72
    handler = ChartHandler(builder.charts, unit)
    doc.documentLayout().setPaintDevice(writer)
    doc.documentLayout().registerHandler(CHART_OBJECT, handler)
    doc.setPageSize(QSizeF(page.width(), page.height()))
    doc.documentLayout().documentSize()  # lay out everything before counting pages
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("the PDF could not be started")
    footer = QFont(FONT_FAMILY)
    footer.setPointSizeF(sizes.small)
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * page.height())
            doc.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
            painter.restore()
            painter.setFont(footer)
            painter.setPen(QColor(palette.MUTED))
            below = QRectF(0, page.height() + 4 * unit, page.width(), 14 * unit)
            painter.drawText(below, Qt.AlignmentFlag.AlignRight, f"Page {index + 1} of {pages}")
    finally:
        painter.end()
    return pages
