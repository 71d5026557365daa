"""Reading exports back, for the report tests."""

from __future__ import annotations

import csv
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path
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
