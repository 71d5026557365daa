"""The participants' summary (easy read) beside the full report: in PDF, DOCX and ODT, with
sentences of at most 15 words, one idea a line, 14 pt or larger (read back from each
file), the key pictures, every special word explained, a few pages."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from coprod_workshop.core.session import Session
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.reports.blocks import Bullets, Heading, Para, Picture
from coprod_workshop.reports.content import Options, group_journey
from coprod_workshop.reports.easyread import MAX_WORDS, PICTURED, summary
from coprod_workshop.reports.export import FORMATS, export, file_names
from tests.played import played_plan
from tests.reports import odt_text, pdf_pages, pdf_text
from tests.test_evidence import third_workshop
from tests.test_review import plan

#: DejaVu Sans draws a word's box 1.164 times its type size high (ascent + descent);
#: pdftotext rounds the box, so a size read back may be a quarter point under
BOX_PER_POINT = 1.164
READ_BACK = 0.25
SMALLEST_PT = 14.0


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def words(sentence: str) -> int:
    return len(sentence.split())


def too_long(lines: list[str]) -> list[str]:
    return [s for line in lines for s in sentences(line) if words(s) > MAX_WORDS]


def introduction() -> Session:
    session = played_plan(plan("introduction-to-co-production"), REGISTRY)
    session.group = "Riverside carers"
    return session


def test_every_sentence_is_short_and_every_line_one_idea(data_dir: Path) -> None:
    _store, _first, third = third_workshop(data_dir)
    for session in (introduction(), third):
        blocks = summary(session)
        lines = [b.text for b in blocks if isinstance(b, (Para, Heading))]
        lines += [item for b in blocks if isinstance(b, Bullets) for item in b.items]
        assert len(lines) > 15
        assert too_long(lines) == []
        assert all("\n" not in line and len(sentences(line)) <= 2 for line in lines)
        # Special words are explained where they first appear.
        said = " ".join(lines)
        assert "Co-production means" in said
        if any(s.kind == "ladder" for s in session.steps):
            assert "We call them rungs." in said
            assert re.search(r"We said we are now on rung \d(\.5)?: (\w|-)+\.", said)
            assert re.search(r"\b(Consultation|Engagement|Informing|Educating) means", said)
        assert "We call them elements." in said
        assert "1 means we hardly do it. 5 means we do it very well." in said


def test_the_summary_of_the_played_introduction_tells_the_room_s_results() -> None:
    session = introduction()
    blocks = summary(session, {step.id: [b"png"] for step in session.steps})
    text = " ".join(b.text for b in blocks if isinstance(b, Para))
    notes = len(next(s for s in session.steps if s.kind == "relationship").state.results())
    assert f"We wrote {notes} notes on a grid about them." in text
    assert "We agreed 2 things to do next." in text
    items = [i for b in blocks if isinstance(b, Bullets) for i in b.items]
    assert "Invite two carers onto the steering group. Sam will do this by March." in items
    pictured = [b for b in blocks if isinstance(b, Picture)]
    kinds = [s.kind for s in session.steps if s.kind in PICTURED]
    assert len(pictured) == len(kinds) == 4  # the grid, the radar, the ladder, the actions


def docx_sizes(path: Path) -> list[float]:
    """The type size (pt) of every run of text in the document, as Word resolves it: the
    run's own, else its paragraph style's (and the styles it is based on)."""
    from docx import Document

    document = Document(str(path))

    def style_size(style: Any) -> float | None:
        while style is not None:
            if style.font.size is not None:
                return float(style.font.size.pt)
            style = style.base_style
        return None

    paragraphs = list(document.paragraphs)
    for table in document.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    sizes = []
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if run.text.strip():
                size = run.font.size.pt if run.font.size else style_size(paragraph.style)
                assert size is not None, run.text
                sizes.append(float(size))
    return sizes


def odt_sizes(path: Path) -> list[float]:
    """The type size (pt) of every paragraph and heading style the ODT uses."""
    with zipfile.ZipFile(path) as archive:
        content = ElementTree.fromstring(archive.read("content.xml"))
        styles = ElementTree.fromstring(archive.read("styles.xml"))
    ns = {
        "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }
    size_of = {}
    for root in (content, styles):
        for found in root.iter(f"{{{ns['style']}}}style"):
            props = found.find("style:text-properties", ns)
            if props is not None and props.get(f"{{{ns['fo']}}}font-size"):
                size = props.get(f"{{{ns['fo']}}}font-size")
                size_of[found.get(f"{{{ns['style']}}}name")] = float(size.removesuffix("pt"))
    used = set()
    for element in content.iter():
        if element.tag in (f"{{{ns['text']}}}p", f"{{{ns['text']}}}h"):
            if "".join(element.itertext()).strip():
                used.add(element.get(f"{{{ns['text']}}}style-name"))
    assert used and used <= set(size_of), used - set(size_of)
    return [size_of[name] for name in used]


def pdf_sizes(path: Path) -> list[float]:
    """The type size (pt) of every word of the PDF, from the height of its box."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    heights = [
        float(y_max) - float(y_min)
        for y_min, y_max in re.findall(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"', boxes)
    ]
    return [round(h / BOX_PER_POINT, 1) for h in heights]


def test_the_summary_is_written_beside_the_report_in_three_formats_at_14_pt_or_more(
    qapp: Any, data_dir: Path, tmp_path: Path
) -> None:
    store, _first, third = third_workshop(data_dir)
    journey = group_journey(store, third)
    assert "easy" in FORMATS
    paths = export(third, REGISTRY, tmp_path, ["pdf", "easy"], options=Options(journey=journey))
    names = [p.name for p in paths]
    assert names == file_names(third, ["pdf", "easy"]) == [
        "six-months-on-2027-01-15.pdf",
        "six-months-on-2027-01-15-easy-read.pdf",
        "six-months-on-2027-01-15-easy-read.docx",
        "six-months-on-2027-01-15-easy-read.odt",
    ]
    pdf, docx, odt = paths[1:]
    # Type size, read back from each file.
    sizes = pdf_sizes(pdf)
    assert len(sizes) > 100 and min(sizes) >= SMALLEST_PT - READ_BACK, sorted(sizes)[:5]
    assert min(pdf_sizes(paths[0])) < 10  # the full report is smaller: the check bites
    assert min(docx_sizes(docx)) >= SMALLEST_PT
    assert min(odt_sizes(odt)) >= SMALLEST_PT
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts
    # Short sentences, read back from each file.
    pdf_lines = [line for line in pdf_text(pdf).splitlines() if line.strip()]
    assert too_long(pdf_lines) == []
    from docx import Document

    document = Document(str(docx))
    docx_lines = [p.text for p in document.paragraphs if p.text.strip()]
    assert too_long(docx_lines) == [] and "We want to be on rung 5: Engagement." in docx_lines
    assert too_long(odt_text(odt).splitlines()) == []
    # The key pictures (here: last time's actions, the radar, the ladder; no actions today).
    assert len(document.inline_shapes) == 3
    with zipfile.ZipFile(odt) as archive:
        assert len([n for n in archive.namelist() if n.startswith("Pictures/picture-")]) == 3
    assert 3 <= pdf_pages(pdf) <= 6  # a few pages


def test_the_export_dialog_and_the_command_line_offer_the_summary(
    windows: Any, qtbot: Any, data_dir: Path, tmp_path: Path
) -> None:
    from coprod_workshop.ui.exportdialog import ExportDialog
    from tests.helpers import run_cli

    store, _first, third = third_workshop(data_dir)
    store.unlock(third.id)
    dialog = ExportDialog(third, REGISTRY, tmp_path / "dialog")
    qtbot.addWidget(dialog)
    box = dialog.formats["easy"]
    assert box.isChecked() and "easy read" in box.accessibleName()
    result = run_cli(
        "export", third.id, "--to", str(tmp_path / "cli"), "--format", "easy", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert written == sorted(file_names(third, ["easy"]))
