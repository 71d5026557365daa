"""The documents to edit (ODT and DOCX) read as the report says, in LibreOffice and in
python-docx: every note, card, placement, vote count and action in its own cell."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from coprod_workshop.core.session import Session
from coprod_workshop.exercises.matrix.model import COLUMNS, ROWS
from coprod_workshop.paths import builtin_plans
from coprod_workshop.reports.blocks import Block, Bullets, Heading, Para, Table
from coprod_workshop.reports.content import DEFAULT_OPTIONS, report
from coprod_workshop.reports.editable import cell_lines, clean
from coprod_workshop.reports.export import export
from tests import played
from tests.reports import Read, libreoffice

NOW = datetime(2026, 12, 5, 16, 30)
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (libreoffice-writer-nogui) is not installed",
)


def line(text: str) -> str:
    """A line as a reader shows it: whitespace runs are one space."""
    return " ".join(clean(text).split())


def expected(blocks: list[Block]) -> Read:
    want = Read()
    for block in blocks:
        if isinstance(block, Heading | Para):
            want.flow.append(line(block.text))
        elif isinstance(block, Bullets):
            want.flow += [line(item) for item in block.items]
        elif isinstance(block, Table):
            want.tables.append(
                [
                    [[line(part) for part in cell_lines(text) if line(part)] for text in cells]
                    for cells in (block.header, *block.rows)
                ]
            )
    want.flow = [text for text in want.flow if text]
    return want


def of_kind(session: Session, kind: str) -> list[Any]:
    return [step for step in session.steps if step.kind == kind]


def table_with(read: Read, header_part: str) -> list[list[list[str]]]:
    return next(t for t in read.tables if any(header_part in " ".join(c) for c in t[0]))


def check_in_place(session: Session, read: Read, name: str) -> None:
    """The room's own words sit in the cells it gave them (not just somewhere)."""
    for grid in of_kind(session, "relationship"):
        s = grid.state.settings
        table = table_with(read, s.personas[1].name)
        for result in grid.state.results():
            row = 1 + list(s.rows).index(result["row"])
            column = 1 + [p.name for p in s.personas].index(result["persona"])
            assert line(result["text"]) in table[row][column], (name, result)
        assert sum(len(cell) for row in table[1:] for cell in row[1:]) == len(
            grid.state.results()
        ), name
    for matrix in of_kind(session, "matrix"):
        table = next(t for t in read.tables if len(t) == 1 + len(ROWS) and len(t[0]) == 4)
        for result in matrix.state.results():
            if result.cell in {r + c for r in ROWS for c in COLUMNS}:
                row, column = 1 + ROWS.index(result.cell[:2]), 1 + COLUMNS.index(result.cell[2:])
                assert any(
                    entry.startswith(line(result.text)) for entry in table[row][column]
                ), (name, result.text, result.cell)


@needs_libreoffice
def test_every_ready_made_plan_reads_in_libreoffice_as_the_report_says(
    qapp: Any, registry: Any, tmp_path: Path
) -> None:
    documents: list[tuple[Session, list[Block], Path]] = []
    for plan in builtin_plans():
        session = played.played_plan(plan, registry)
        blocks = report(session, registry, DEFAULT_OPTIONS, NOW)
        for path in export(session, registry, tmp_path / plan.stem, ["odt", "docx"], now=NOW):
            documents.append((session, blocks, path))
    read = libreoffice([path for _, _, path in documents], tmp_path)
    for session, blocks, path in documents:
        want, got = expected(blocks), read[path]
        name = f"{path.parent.name}{path.suffix}"
        assert len(got.tables) == len(want.tables), name
        for number, (table, wanted) in enumerate(zip(got.tables, want.tables, strict=True)):
            for row, wanted_row in zip(table, wanted, strict=True):
                assert len(row) == len(wanted_row), (name, number, row)  # no cell split
            assert table == wanted, (name, number)
        assert got.flow == want.flow, name
        check_in_place(session, got, name)


def played_introduction(registry: Any) -> Session:
    plan = next(p for p in builtin_plans() if p.name.startswith("introduction"))
    return played.played_plan(plan, registry)


def odt_rows(path: Path) -> list[tuple[int, int]]:
    """(declared columns, cells) for every row of every table in an ODT's content.xml."""
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0"}
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    found = []
    for table in root.iter(f"{{{ns['table']}}}table"):
        columns = len(table.findall("table:table-column", ns))
        for row in table.iter(f"{{{ns['table']}}}table-row"):
            found.append((columns, len(row.findall("table:table-cell", ns))))
    return found


def test_a_cell_of_many_notes_is_one_cell_in_the_odt_and_the_docx(
    qapp: Any, registry: Any, tmp_path: Path
) -> None:
    from docx import Document

    session = played_introduction(registry)
    (grid,) = of_kind(session, "relationship")
    odt, docx = export(session, registry, tmp_path, ["odt", "docx"], now=NOW)
    rows = odt_rows(odt)
    assert rows and all(columns == cells for columns, cells in rows), rows
    tables = Document(str(docx)).tables
    s = grid.state.settings
    table = next(t for t in tables if s.personas[1].name in t.rows[0].cells[2].text)
    for result in grid.state.results():
        row = 1 + list(s.rows).index(result["row"])
        column = 1 + [p.name for p in s.personas].index(result["persona"])
        cell = table.rows[row].cells[column]
        assert result["text"] in [p.text for p in cell.paragraphs]
    for docx_table in tables:
        assert {len(r.cells) for r in docx_table.rows} == {len(docx_table.columns)}


HOSTILE = [
    "two  spaces",
    "<b>not bold</b> & <text:p>not ODF</text:p> <w:t>not Word</w:t>",
    "abc\u202edcba reversed?",
    "bell \x07 and escape \x1b inside",
    "Party 🎉 thumbs 👍🏽 done",
    "=HYPERLINK(\"http://example.org\")",
]


def test_what_the_room_typed_is_kept_as_typed_in_both_documents(
    qapp: Any, registry: Any, tmp_path: Path
) -> None:
    from docx import Document
    from odf import opendocument, table, teletype
    from odf import text as odf_text

    from coprod_workshop.exercises.relationship.commands import AddNote
    from coprod_workshop.exercises.relationship.model import all_cells

    session = played_introduction(registry)
    (grid,) = of_kind(session, "relationship")
    before = {r["text"] for r in grid.state.results()}
    for number, text in enumerate(HOSTILE):
        AddNote(grid.id, all_cells()[number % 6], text).redo(session)
    odt, docx = export(session, registry, tmp_path, ["odt", "docx"], now=NOW)
    stored = [r["text"] for r in grid.state.results()]
    shown = [clean(text) for text in stored if text not in before]
    assert len(shown) == len(HOSTILE)
    assert "[U+202E]" in shown[2] and "[U+0007]" in shown[3] and "[U+001B]" in shown[3]
    odt_cells = [
        teletype.extractText(p)
        for cell in opendocument.load(str(odt)).getElementsByType(table.TableCell)
        for p in cell.getElementsByType(odf_text.P)
    ]
    docx_cells = [
        p.text
        for t in Document(str(docx)).tables
        for r in t.rows
        for c in r.cells
        for p in c.paragraphs
    ]
    for text in shown:
        assert text in odt_cells, text  # spaces, tabs, markup and emoji exactly as typed
        assert text in docx_cells, text


def test_the_charts_are_pictures_with_their_title_as_alternative_text(
    qapp: Any, registry: Any, tmp_path: Path
) -> None:
    session = played_introduction(registry)
    odt, docx = export(session, registry, tmp_path, ["odt", "docx"], now=NOW)
    with zipfile.ZipFile(odt) as archive:
        pictures = [n for n in archive.namelist() if n.startswith("Pictures/")]
        content = archive.read("content.xml").decode()
    with zipfile.ZipFile(docx) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        body = archive.read("word/document.xml").decode()
    charts = len(re.findall("<svg:title>", content))
    assert charts >= 4 and len(pictures) == charts
    assert len(media) == charts and len(re.findall(r'descr="[^"]+"', body)) == charts
