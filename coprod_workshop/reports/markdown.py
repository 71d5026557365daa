"""The report as Markdown, for pasting into an email or a wiki.

Everything the room typed is escaped, so markup in a note shows as typed.
Charts are left out: the table beside each chart holds the same counts.
"""

from __future__ import annotations

import re

from coprod_workshop.reports.blocks import Block, Bullets, Chart, Heading, Para, Table, Picture

# Characters that are markup wherever they stand: emphasis, code, links,
# HTML, table cells, strikethrough and the escape itself.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~])")
# Markup only where a line starts: headings, block quotes, list items,
# thematic breaks and setext underlines, and ordered lists ("1." or "1)").
_LINE_START = re.compile(r"^(?:([#>+=-])|(\d{1,9})([.)]))")
# "&" only where it would start a character reference (&amp; &#38;).
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape(text: str) -> str:
    """Plain text that Markdown shows literally (one line).

    Only what Markdown would read as markup is escaped, so a note reads as
    typed in an email: "co-production", "2026-12-04" and "(min)" stay as they
    are, while "# Title", "- item", "<b>" or "[link](…)" show literally.
    """
    text = _ANYWHERE.sub(r"\\\1", " ".join(text.split()))
    text = _ENTITY.sub(r"\\&", text)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _cell(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n")) if text else " "


def render(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {escape(block.text)}")
        elif isinstance(block, Para):
            out.append(f"*{escape(block.text)}*" if block.muted else escape(block.text))
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {escape(item)}" for item in block.items))
        elif isinstance(block, Table):
            lines = [
                "| " + " | ".join(_cell(h) for h in block.header) + " |",
                "|" + "---|" * len(block.header),
                *("| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows),
            ]
            out.append("\n".join(lines))
        elif isinstance(block, Chart):
            continue
        elif isinstance(block, Picture):
            out.append(f"*(Picture: {escape(block.alt)})*")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
