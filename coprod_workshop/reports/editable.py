"""What the two documents to edit share: the ODT (``odt.py``, written with odfpy)
and the DOCX (``word.py``, written with python-docx), both from the same blocks
as the PDF.

Every table cell holds all its lines, one paragraph per line (a note, a card, an
action), so a reader shows each of them in its own cell, in order. Charts are
pictures drawn by the report's chart painter. Text is inserted as text: markup
is never interpreted; direction controls show as their code (as in the PDF) and
characters XML cannot hold (C0 controls) as ``[U+0001]``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from coprod_workshop.reports.blocks import Chart
from coprod_workshop.reports.document import chart_image, visible

CHART_WIDTH_CM = 16.0
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` as a document can hold it, nothing dropped."""
    return _NOT_XML.sub(lambda m: f"[U+{ord(m.group()):04X}]", visible(text))


def cell_lines(text: str) -> list[str]:
    """A table cell's lines: one per note or card (an empty cell has one empty line)."""
    return text.split("\n")


def chart_png(chart: Chart) -> tuple[bytes, float]:
    """The chart as PNG bytes, and its height over its width."""
    image = chart_image(chart)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt takes str
    buffer.close()
    return bytes(data.data()), image.height() / image.width()
