"""The report as a Word document (DOCX), written with python-docx from the same
blocks as the PDF: A4, headings as Word headings, tables with a repeating header
row and one paragraph per line in each cell, charts as pictures."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

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


def write(
    blocks: list[Block], path: Path, title: str = "", sizes: Sizes = REPORT_SIZES
) -> None:
    document = Document()
    document.core_properties.title = clean(title)
    document.core_properties.author = "coprod-workshop"
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    margin = Mm(MARGIN_MM)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    normal = document.styles["Normal"]
    normal.font.name = FONT_FAMILY  # type: ignore[attr-defined]
    normal.font.size = Pt(sizes.body)  # type: ignore[attr-defined]
    text_colour = RGBColor.from_string(palette.TEXT[1:])
    normal.font.color.rgb = text_colour  # type: ignore[attr-defined]
    for level, size in sizes.headings.items():
        style = document.styles[f"Heading {level}"]
        style.font.name = FONT_FAMILY  # type: ignore[attr-defined]
        style.font.size = Pt(size)  # type: ignore[attr-defined]
        style.font.color.rgb = RGBColor.from_string(palette.TITLE[1:])  # type: ignore[attr-defined]
    usable = Mm(210) - 2 * margin
    if sizes != REPORT_SIZES:  # every style a text may take: none below the smallest size
        for name in ("List Bullet", "Title"):
            font = document.styles[name].font  # type: ignore[attr-defined]
            font.size = Pt(max(sizes.body, sizes.small))

    for block in blocks:
        if isinstance(block, Heading):
            heading = document.add_heading(clean(block.text), block.level)
            heading.paragraph_format.page_break_before = block.new_page
        elif isinstance(block, Para):
            para = document.add_paragraph()
            run = para.add_run(clean(block.text))
            if block.muted:
                run.font.size = Pt(sizes.small)
                run.font.color.rgb = RGBColor.from_string(palette.MUTED[1:])
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(clean(item), style="List Bullet")
        elif isinstance(block, Table):
            _table(document, block, usable, sizes)
            document.add_paragraph()
        elif isinstance(block, Chart):
            png, _ratio = chart_png(block)
            picture = document.add_picture(BytesIO(png), width=Mm(CHART_WIDTH_CM * 10))
            picture._inline.docPr.set("descr", clean(block.title))  # the picture's alt text
        elif isinstance(block, Picture):
            picture = document.add_picture(BytesIO(block.png), width=usable)
            picture._inline.docPr.set("descr", clean(block.alt))
    document.save(str(path))


def _table(document: DocxDocument, block: Table, usable: int, sizes: Sizes) -> None:
    columns = len(block.header)
    table = document.add_table(rows=1 + len(block.rows), cols=columns)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    widths = [int(usable * w / 100) for w in block.widths or (100 / columns,) * columns]
    for column, width in enumerate(widths):  # LibreOffice reads the grid, Word the cells
        table.columns[column].width = width
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for index, (row, texts) in enumerate(zip(table.rows, (block.header, *block.rows), strict=True)):
        for column, (cell, width, text) in enumerate(zip(row.cells, widths, texts, strict=True)):
            cell.width = width
            listed = block.lists and index > 0 and column > 0 and bool(text)
            for number, line in enumerate(cell_lines(text)):
                para = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
                if listed:  # one list item a note or card
                    para.style = document.styles["List Bullet"]
                run = para.add_run(clean(line))
                run.font.size = Pt(sizes.small)
                run.bold = index == 0
