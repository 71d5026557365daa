"""Reading exports back, for the report tests."""

from __future__ import annotations

import csv
import re
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree


def pdf_text(path: Path) -> str:
    """The PDF's text in drawing order (pdftotext -raw)."""
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def squeeze(text: str) -> str:
    """Text without whitespace (a cell's line breaks do not matter) and with ligatures
    (ﬀ, ﬁ, drawn by the font) spelt out."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def odt_text(path: Path) -> str:
    """The text of an ODT document (its content.xml), paragraph by paragraph."""
    with zipfile.ZipFile(path) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        root = ElementTree.fromstring(archive.read("content.xml"))
    return "\n".join(
        "".join(element.itertext())
        for element in root.iter()
        if element.tag.endswith("}p") or element.tag.endswith("}h")
    )


def csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as source:
        return list(csv.DictReader(source))


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]


@dataclass
class Read:
    """A document as a reader shows it: its paragraphs outside tables in order, and its
    tables as rows of cells, each cell the list of its paragraphs (whitespace squeezed)."""

    flow: list[str] = field(default_factory=list)
    tables: list[list[list[list[str]]]] = field(default_factory=list)


class _HtmlReader(HTMLParser):
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "div", "caption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.read = Read()
        self.stack: list[list[list[list[str]]]] = []  # open tables
        self.buffer: list[str] = []
        self.in_body = False

    def _flush(self) -> None:
        line = " ".join("".join(self.buffer).split())
        self.buffer = []
        if not line:
            return
        if self.stack and self.stack[-1] and self.stack[-1][-1]:
            self.stack[-1][-1][-1].append(line)
        else:
            self.read.flow.append(line)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.in_body = self.in_body or tag == "body"
        if tag in self.BLOCKS or tag == "br":
            self._flush()
        if tag == "table":
            self.stack.append([])
        elif tag == "tr" and self.stack:
            self.stack[-1].append([])
        elif tag in ("td", "th") and self.stack and self.stack[-1]:
            self.stack[-1][-1].append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS or tag == "table":
            self._flush()
        if tag == "table" and self.stack:
            self.read.tables.append(self.stack.pop())

    def handle_data(self, data: str) -> None:
        if self.in_body:  # not the head's title and styles
            self.buffer.append(data)


def read_html(path: Path) -> Read:
    reader = _HtmlReader()
    reader.feed(path.read_text("utf-8", errors="replace"))
    reader.close()
    return reader.read


def libreoffice(paths: list[Path], work: Path) -> dict[Path, Read]:
    """Each document as LibreOffice reads it: opened headless and saved as HTML (one
    LibreOffice run per kind of document, each kind in its own folder)."""
    found: dict[Path, Read] = {}
    for suffix in sorted({p.suffix for p in paths}):
        batch = [p for p in paths if p.suffix == suffix]
        out = work / f"as-read{suffix.replace('.', '-')}"
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{work / 'lo-profile'}",
                "--headless",
                "--convert-to",
                "html",
                "--outdir",
                str(out),
                *map(str, batch),
            ],
            capture_output=True,
            timeout=300,
            check=True,
        )
        for path in batch:
            html = out / f"{path.stem}.html"
            assert html.exists(), f"LibreOffice could not open {path.name}"
            found[path] = read_html(html)
    return found
