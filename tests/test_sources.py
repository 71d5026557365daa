"""Help → Sources and the end of the report: where the workshop's content comes from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from coprod_workshop.app import Windows
from coprod_workshop.paths import builtin_plans
from coprod_workshop.reports import sources
from coprod_workshop.reports.export import export
from coprod_workshop.ui.sourcesdialog import SourcesDialog
from tests import played
from tests.content import SEEDS
from tests.reports import squeeze

#: the five documents the content is drawn from, as a facilitator would cite them
DOCUMENTS = (
    ("Lucie Stephens and Julia Slay", "Co-producing civil society"),
    ("", "What is co-production and why is it important?"),
    ("Lawrence Clark", "Getting to the heart of co-production"),
    ("European Network on Independent Living", "Fact sheet: Co-production"),
    ("New Economics Foundation", "Co-production: theory and practice"),
)


def test_every_source_document_is_listed_with_author_year_and_link() -> None:
    listed = sources.documents()
    assert len(listed) == len(DOCUMENTS)
    for (author, title), source in zip(DOCUMENTS, listed, strict=True):
        assert author in source.author and title in source.title
        assert source.used_for
    lines = [s.line() for s in (*listed, *sources.cited())]
    assert "Lawrence Clark, Getting to the heart" in lines[2] and "lawrenceclark.co.uk" in lines[2]
    assert lines[4].endswith(", 2014")
    cited = " ".join(lines)
    for work in ("Edgar Cahn", "Needham and Carr", "Tony Bovaird", "National Co-production"):
        assert work in cited
    assert any("no date" in line for line in lines)  # no year where a document gives none


def test_links_and_years_are_as_the_documents_give_them() -> None:
    if not SEEDS.is_dir():
        return
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    for source in (*sources.documents(), *sources.cited()):
        outside = ("thinklocalactpersonal", "doi.org")  # from the ladders' own credits
        if source.link and not any(name in source.link for name in outside):
            host = source.link.split("//")[1].split("/")[0].removeprefix("www.")
            assert host in seeds, source.link


def test_help_sources_lists_every_document_and_every_exercise_s_credit(
    windows: Windows, qtbot: Any
) -> None:
    menus = windows.console.menus
    help_menu = next(
        a.menu() for a in windows.console.menuBar().actions() if a.text() == "&Help"
    )
    assert menus.sources_action in help_menu.actions()
    windows.console.show()
    menus.sources_action.trigger()
    dialog = menus.dialog
    assert isinstance(dialog, SourcesDialog)
    qtbot.waitExposed(dialog)
    shown = dialog.text.toPlainText()
    for author, title in DOCUMENTS:
        assert author in shown and title in shown
    for what, credit in sources.exercise_credits():
        assert f"{what}: {credit}" in shown
    assert "Card sort: From or to? What services say: Lawrence Clark" in shown
    assert "Needham and Carr" in shown and "2009" in shown
    links = dialog.text.document().toHtml()
    assert 'href="http://www.lawrenceclark.co.uk"' in links
    dialog.close()
    QApplication.processEvents()


def test_the_report_ends_with_the_same_sources(registry: Any, tmp_path: Path) -> None:
    plan = next(p for p in builtin_plans() if p.name.startswith("introduction"))
    session = played.played_plan(plan, registry)
    paths = export(session, registry, tmp_path, ["md"])
    text = next(p for p in paths if p.name.endswith("-summary.md")).read_text("utf-8")
    flat = squeeze(text.replace("\\", ""))
    start = flat.index(squeeze(sources.HEADING))
    assert start > flat.index(squeeze(session.steps[-1].title))  # after the last step
    for source in (*sources.documents(), *sources.cited()):
        assert squeeze(source.line()) in flat[start:], source.title
    for what, credit in sources.exercise_credits():
        assert squeeze(f"{what}: {credit}") in flat[start:]


GLOSSARY = (
    "Core economy", "Asset-based", "Reciprocity", "Timebank", "Personalisation",
    "Self-directed support", "Experts by experience", "Independent Living",
)  # fmt: skip


def test_f3_opens_the_glossary_on_any_step(windows: Windows, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    from coprod_workshop.storage.library import BUILTIN
    from coprod_workshop.ui.sourcesdialog import GlossaryDialog

    plan = next(p for p in builtin_plans() if p.name.startswith("introduction"))
    assert windows.workshop.start_from_template(BUILTIN + plan.name)
    console = windows.console
    console.show()
    kinds = {step.kind: index for index, step in enumerate(windows.workshop.session.steps)}
    for kind in ("info", "cardsort", "elements", "ladder", "matrix", "actions"):
        windows.workshop.go_to(kinds[kind])
        console.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is console)
        qtbot.keyClick(console, Qt.Key.Key_F3)
        dialog = console.menus.dialog
        assert isinstance(dialog, GlossaryDialog), kind
        shown = dialog.text.toPlainText()
        for term in GLOSSARY:
            assert term in shown, (kind, term)
        places = [shown.index(term) for term in sorted(GLOSSARY, key=str.lower)]
        assert places == sorted(places)  # A to Z
        dialog.close()
        QApplication.processEvents()
