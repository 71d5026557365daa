"""The Markdown report reads as plain text in an email and shows the room's words as typed."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from coprod_workshop.reports.blocks import Bullets, Heading, Para, Table
from coprod_workshop.reports.markdown import escape, render

READER = MarkdownIt("commonmark").enable(["table", "strikethrough"])

PLAIN = [
    "What co-production means (min)",
    "Session of 2026-12-04, 10:00 to 12:30",
    "Peer support: 3.5 hours a week! Really?",
    "Co-produced {with} carers + staff = 100% better",
    "AT&T and Marks & Spencer",
]
HOSTILE = [
    "# Not a heading",
    "- not a list",
    "+ not a list either",
    "1. not numbered",
    "12) nor this",
    "> not a quote",
    "---",
    "===",
    "*not bold* and _not italic_",
    "<b>not bold</b> <script>alert(1)</script>",
    "[not a link](https://example.org) ![no image](x.png)",
    "`not code`",
    "a | b | c",
    "~~not struck~~",
    "&amp; stays as typed, &#38; too",
    "back\\slash",
]


def shown(markdown: str) -> str:
    """The text a reader sees once the Markdown is rendered."""
    return html.unescape(re.sub(r"<[^>]+>", "", READER.render(markdown))).strip()


@pytest.mark.parametrize("text", PLAIN)
def test_ordinary_text_is_written_without_escapes(text: str) -> None:
    assert escape(text) == text


@pytest.mark.parametrize("text", PLAIN + HOSTILE)
def test_a_reader_shows_the_room_s_words_exactly_as_typed(text: str) -> None:
    rendered = READER.render(escape(text))
    assert shown(escape(text)) == text
    assert rendered.startswith("<p>"), rendered  # one paragraph: no heading, list or quote
    for tag in ("<b>", "<script>", "<a ", "<img", "<em>", "<strong>", "<code>", "<s>", "<del>"):
        assert tag not in rendered


def test_hostile_words_stay_literal_in_headings_lists_and_tables() -> None:
    text = "# <b>x</b> | [y](z)"
    out = render(
        [
            Heading(text, 2),
            Bullets([text]),
            Table(["Note", "Who"], [[text, "- me"]]),
            Para(text, muted=True),
        ]
    )
    rendered = READER.render(out)
    assert rendered.count("<h2>") == 1 and rendered.count("<li>") == 1
    assert "<table>" in rendered and rendered.count("<td>") == 2  # the cell was not split
    assert "<b>" not in rendered and "<a " not in rendered
    assert shown(out).count(text) == 4
