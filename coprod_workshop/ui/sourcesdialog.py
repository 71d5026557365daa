"""Help → Sources: every document the workshop's content comes from (author, title,
year, link), the works they cite that the app credits, and each exercise's credit.
The same list ends the exported report (``reports.sources``). Help → Glossary: the
words a room may meet, explained, reachable (F3) from any step."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from coprod_workshop.reports import sources
from coprod_workshop.reports.sources import Source


def _item(source: Source) -> str:
    """One source as an HTML list item: every text escaped, the link clickable."""
    text = html.escape(f"{source.author}, {source.title}, {source.year or 'no date'}")
    if source.link:
        link = html.escape(source.link, quote=True)
        text += f', <a href="{link}">{html.escape(source.link)}</a>'
    return f"<li>{text}<br>Used for: {html.escape(source.used_for)}</li>"


def sources_html() -> str:
    parts = ["<h3>Source documents</h3><ul>", *map(_item, sources.documents()), "</ul>"]
    parts += ["<h3>Works they cite, credited in the app</h3><ul>"]
    parts += [*map(_item, sources.cited()), "</ul>"]
    parts += ["<h3>What each exercise credits on screen</h3><ul>"]
    parts += [
        f"<li><b>{html.escape(what)}</b>: {html.escape(credit)}</li>"
        for what, credit in sources.exercise_credits()
    ]
    parts.append("</ul>")
    return "".join(parts)


class ReadingDialog(QDialog):
    """Read-only text with a Close button (links open in the browser)."""

    def __init__(
        self, title: str, name: str, text: str, size: tuple[int, int], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setAccessibleName(name)
        self.text.setHtml(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(*size)


class SourcesDialog(ReadingDialog):
    """The list of sources, read-only, with links that open in the browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            sources.HEADING, "Sources of the workshop's content", sources_html(), (760, 640), parent
        )


def glossary_html() -> str:
    items = [
        f"<dt><b>{html.escape(term)}</b></dt><dd>{html.escape(meaning)}"
        f"<br><i>Where it comes up: {html.escape(where)}</i></dd>"
        for term, meaning, where in sources.glossary()
    ]
    return "<dl>" + "".join(items) + "</dl>"


class GlossaryDialog(ReadingDialog):
    """Words a room may meet, A to Z, each in the app's own words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Glossary", "Glossary of co-production words", glossary_html(), (640, 560), parent
        )
