"""The report as an OpenDocument text (ODT), written with odfpy from the same blocks
as the PDF: A4, headings in the outline, tables with a repeating header row and
one paragraph per line in each cell, charts as pictures."""

from __future__ import annotations

from pathlib import Path

from odf import dc, draw, style, svg, table, teletype, text
from odf.opendocument import OpenDocumentText

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
from coprod_workshop.reports.document import FONT_FAMILY, MARGIN_MM
from coprod_workshop.reports.editable import CHART_WIDTH_CM, cell_lines, chart_png, clean
from coprod_workshop.core import palette

BORDER = f"0.5pt solid {palette.GRID_LINE}"


def paragraph(chosen: style.Style, content: str = "", heading: int = 0) -> text.P | text.H:
    """A paragraph (or a heading) holding ``content`` exactly: runs of spaces and tabs
    are kept as ODF spaces and tabs, as a reader would otherwise collapse them."""
    made = text.H(outlinelevel=heading, stylename=chosen) if heading else text.P(stylename=chosen)
    teletype.addTextToElement(made, clean(content))
    return made


class Writer:
    def __init__(self, title: str, sizes: Sizes = REPORT_SIZES) -> None:
        self.doc = OpenDocumentText()
        self.pictures = 0
        if title:
            self.doc.meta.addElement(dc.Title(text=clean(title)))
        self.tables = 0
        self.charts = 0
        self._page()
        self.body = self._paragraph_style("Body", sizes.body, bottom="0.14cm")
        self.muted = self._paragraph_style(
            "Muted", sizes.small, colour=palette.MUTED, bottom="0.14cm"
        )
        self.small = self._paragraph_style("Cell", sizes.small)
        self.small_bold = self._paragraph_style("Cell heading", sizes.small, bold=True)
        self.headings = {
            level: self._paragraph_style(
                f"Heading {level}", size, bold=True, colour=palette.TITLE, outline=level
            )
            for level, size in sizes.headings.items()
        }
        self.new_page = {
            level: self._paragraph_style(
                f"Heading {level} on a new page",
                size,
                bold=True,
                colour=palette.TITLE,
                outline=level,
                automatic=True,
                page_break=True,
            )
            for level, size in sizes.headings.items()
        }
        self.bullets = text.ListStyle(name="Bullets")
        level = text.ListLevelStyleBullet(level=1, bulletchar="•")
        level.addElement(
            style.ListLevelProperties(spacebefore="0.3cm", minlabelwidth="0.4cm")
        )
        self.bullets.addElement(level)
        self.doc.automaticstyles.addElement(self.bullets)
        self.cell = style.Style(name="Cell frame", family="table-cell")
        self.cell.addElement(style.TableCellProperties(border=BORDER, padding="0.06cm"))
        self.header_cell = style.Style(name="Header cell frame", family="table-cell")
        self.header_cell.addElement(
            style.TableCellProperties(
                border=BORDER, padding="0.06cm", backgroundcolor=palette.CARD_PLACE
            )
        )
        for automatic in (self.cell, self.header_cell):
            self.doc.automaticstyles.addElement(automatic)

    def _page(self) -> None:
        layout = style.PageLayout(name="A4")
        margin = f"{MARGIN_MM / 10:.1f}cm"
        layout.addElement(
            style.PageLayoutProperties(
                pagewidth="21cm",
                pageheight="29.7cm",
                printorientation="portrait",
                margin=margin,
            )
        )
        self.doc.automaticstyles.addElement(layout)
        self.doc.masterstyles.addElement(style.MasterPage(name="Standard", pagelayoutname=layout))

    def _paragraph_style(
        self,
        name: str,
        size: float,
        *,
        bold: bool = False,
        colour: str = palette.TEXT,
        bottom: str = "0cm",
        outline: int = 0,
        automatic: bool = False,
        page_break: bool = False,
    ) -> style.Style:
        attributes = {"name": name, "family": "paragraph"}
        if outline:
            attributes["defaultoutlinelevel"] = str(outline)
        made = style.Style(**attributes)
        made.addElement(
            style.ParagraphProperties(
                marginbottom=bottom,
                margintop="0.3cm" if outline and outline > 1 else "0cm",
                **({"breakbefore": "page"} if page_break else {}),
            )
        )
        made.addElement(
            style.TextProperties(
                fontfamily=FONT_FAMILY,
                fontsize=f"{size}pt",
                fontweight="bold" if bold else "normal",
                color=colour,
            )
        )
        (self.doc.automaticstyles if automatic else self.doc.styles).addElement(made)
        return made

    def add(self, block: Block) -> None:
        body = self.doc.text
        if isinstance(block, Heading):
            chosen = (self.new_page if block.new_page else self.headings)[block.level]
            body.addElement(paragraph(chosen, block.text, heading=block.level))
        elif isinstance(block, Para):
            chosen = self.muted if block.muted else self.body
            body.addElement(paragraph(chosen, block.text))
        elif isinstance(block, Bullets):
            items = text.List(stylename=self.bullets)
            for item in block.items:
                entry = text.ListItem()
                entry.addElement(paragraph(self.body, item))
                items.addElement(entry)
            body.addElement(items)
        elif isinstance(block, Table):
            body.addElement(self._table(block))
            body.addElement(paragraph(self.body))
        elif isinstance(block, Chart):
            body.addElement(self._chart(block))
        elif isinstance(block, Picture):
            body.addElement(self._picture(block))

    def _picture(self, block: Picture) -> text.P | text.H:
        self.pictures += 1
        href = self.doc.addPicture(f"Pictures/picture-{self.pictures}.png", "image/png", block.png)
        width = 17.4
        frame = draw.Frame(
            name=f"Picture {self.pictures}",
            anchortype="as-char",
            width=f"{width}cm",
            height=f"{width * block.ratio:.2f}cm",
        )
        frame.addElement(draw.Image(href=href))
        frame.addElement(svg.Title(text=clean(block.alt)))
        holder = paragraph(self.body)
        holder.addElement(frame)
        return holder

    def _table(self, block: Table) -> table.Table:
        self.tables += 1
        name = f"Table{self.tables}"
        frame = style.Style(name=name, family="table")
        frame.addElement(style.TableProperties(width="17.4cm", align="left"))
        self.doc.automaticstyles.addElement(frame)
        made = table.Table(name=name, stylename=frame)
        columns = len(block.header)
        widths = block.widths or (100 / columns,) * columns
        for column, width in enumerate(widths):
            column_style = style.Style(name=f"{name}.{column + 1}", family="table-column")
            column_style.addElement(style.TableColumnProperties(relcolumnwidth=f"{width:.0f}*"))
            self.doc.automaticstyles.addElement(column_style)
            made.addElement(table.TableColumn(stylename=column_style))
        header = table.TableHeaderRows()
        header.addElement(self._row(block.header, self.header_cell, self.small_bold))
        made.addElement(header)
        for cells in block.rows:
            made.addElement(self._row(cells, self.cell, self.small, block.lists))
        return made

    def _row(
        self, cells: tuple[str, ...], frame: style.Style, para: style.Style, lists: bool = False
    ) -> table.TableRow:
        row = table.TableRow()
        for column, cell_text in enumerate(cells):
            cell = table.TableCell(valuetype="string", stylename=frame)
            if lists and column > 0 and cell_text:  # one list item a note or card
                items = text.List(stylename=self.bullets)
                for line in cell_lines(cell_text):
                    entry = text.ListItem()
                    entry.addElement(paragraph(para, line))
                    items.addElement(entry)
                cell.addElement(items)
            else:
                for line in cell_lines(cell_text):
                    cell.addElement(paragraph(para, line))
            row.addElement(cell)
        return row

    def _chart(self, block: Chart) -> text.P | text.H:
        self.charts += 1
        png, ratio = chart_png(block)
        href = self.doc.addPicture(f"Pictures/chart-{self.charts}.png", "image/png", png)
        frame = draw.Frame(
            name=f"Chart {self.charts}",
            anchortype="as-char",
            width=f"{CHART_WIDTH_CM}cm",
            height=f"{CHART_WIDTH_CM * ratio:.2f}cm",
        )
        frame.addElement(draw.Image(href=href))
        if block.title:
            frame.addElement(svg.Title(text=clean(block.title)))
        holder = paragraph(self.body)
        holder.addElement(frame)
        return holder


def write(
    blocks: list[Block], path: Path, title: str = "", sizes: Sizes = REPORT_SIZES
) -> None:
    writer = Writer(title, sizes)
    for block in blocks:
        writer.add(block)
    writer.doc.save(str(path))
