"""The report as Markdown, for pasting into an email or a wiki.

Everything the room typed is escaped, so markup in a note shows as typed.
Charts are left out: the table beside each chart holds the same counts.
"""

from __future__ import annotations

import re

from coprod_workshop.reports.blocks import Block, Bullets, Chart, Heading, Para, Table

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def escape(text: str) -> str:
    """Plain text that Markdown shows literally (one line)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


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
        out.append("")
    return "\n".join(out).rstrip() + "\n"
