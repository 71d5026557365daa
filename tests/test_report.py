"""The session report and its exports: what a facilitator sends after the workshop."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from coprod_workshop.core.session import Session
from coprod_workshop.exercises.cards.board import DECK, DIFFERS
from coprod_workshop.paths import builtin_plans
from coprod_workshop.reports import markdown
from coprod_workshop.reports.content import Options
from coprod_workshop.reports.export import ExportError, ExportExists, export, file_names
from coprod_workshop.voting.rounds import VOTE_SOURCES
from tests import played
from tests.reports import csv_rows, odt_text, pdf_pages, pdf_text, squeeze


def introduction() -> Path:
    return next(p for p in builtin_plans() if p.name.startswith("introduction"))


@pytest.fixture
def session(registry: Any) -> Session:
    return played.played_plan(introduction(), registry)


def of_kind(session: Session, kind: str) -> list[Any]:
    return [step for step in session.steps if step.kind == kind]


def written(paths: list[Path], suffix: str) -> Path:
    return next(p for p in paths if p.name.endswith(suffix))


def test_pdf_holds_every_note_card_pile_placement_and_vote_count(
    qapp: Any, registry: Any, session: Session, tmp_path: Path
) -> None:
    paths = export(session, registry, tmp_path, ["pdf"])
    text = pdf_text(written(paths, ".pdf"))
    flat = squeeze(text)
    assert pdf_pages(written(paths, ".pdf")) >= 3
    assert squeeze(session.title) in flat and "Page1of" in flat
    pdf = str(written(paths, ".pdf"))
    images = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True).stdout
    assert len(images.splitlines()) == 2, images  # the charts are drawn as vector graphics
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    assert {line.split()[0] for line in fonts.splitlines()[2:]} == {"DejaVuSans", "DejaVuSans-Bold"}
    (grid,) = of_kind(session, "relationship")
    notes = grid.state.results()
    assert len(notes) == 13
    for note in notes:
        assert squeeze(note["text"]) in flat, note
    sorts = of_kind(session, "cardsort")
    assert len(sorts) == 3  # the labels, the people who support us, From or to?
    for sort in sorts:
        heading = flat.index(squeeze(sort.title))
        for name, cards in sort.state.summary().piles:
            pile = flat.index(squeeze(f"{name} ({len(cards)})"), heading)
            for card in cards:  # each card listed under its own pile
                assert squeeze(card) in flat[pile:], (name, card)
        for card, moves, where in sort.state.summary().contested:
            assert squeeze(f"{card}{moves}{where}") in flat
        credit = squeeze("Source: Lawrence Clark, Getting to the heart of co-production")
        assert credit in flat[heading:], sort.title  # each sort names where its cards come from
    (matrix,) = of_kind(session, "matrix")
    for placement in matrix.state.results():
        assert squeeze(placement.text) in flat
        if placement.cell != DECK:
            assert squeeze(placement.cell_name) in flat
    differing = [row for row in matrix.state.results() if row.comparison == DIFFERS]
    assert differing  # the played session places some cards away from their suggestion
    for row in differing:  # where the room differs from the deck
        card = matrix.state.board.card(row.card)
        assert squeeze(card.text) in flat
        assert squeeze(card.reason) in flat
    (assessment,) = of_kind(session, "elements")
    for element, summary in zip(
        assessment.state.elements, assessment.state.summaries(), strict=True
    ):  # each element with its median, spread and how many rated each point
        assert summary.count and summary.median is not None
        assert squeeze(
            f"{element.name}{summary.median:g}{summary.low:g}to{summary.high:g}{summary.count}"
            + "".join(str(n) for n in summary.counts)
        ) in flat, element.name
    (ladder,) = of_kind(session, "ladder")
    for vote_round in ladder.state.rounds:
        assert squeeze(f"{vote_round.question} ({vote_round.count} votes)") in flat
        for choice, total in enumerate(vote_round.tally()):
            if total:
                rung = ladder.state.ladder.rungs[choice]
                assert squeeze(f"{rung.number}. {rung.name}") in flat
                assert squeeze(f"{total} (") in flat
    for action in of_kind(session, "actions")[0].state.actions:
        assert squeeze(action.what) in flat


def test_the_csv_read_back_equals_each_exercise_results(
    registry: Any, session: Session, tmp_path: Path
) -> None:
    rows = csv_rows(written(export(session, registry, tmp_path, ["csv"]), ".csv"))
    assert {row["session"] for row in rows} == {session.id}
    assert {row["date"] for row in rows} == {session.date}

    def of(step: Any, kind: str) -> list[dict[str, str]]:
        number = session.steps.index(step) + 1
        return [r for r in rows if r["step"] == f"{number}. {step.title}" and r["type"] == kind]

    (grid,) = of_kind(session, "relationship")
    assert [(r["what"], r["where"]) for r in of(grid, "note")] == [
        (n["text"], f"{n['persona']} / {n['row']}") for n in grid.state.results()
    ]
    (matrix,) = of_kind(session, "matrix")
    placed = {(r["what"], r["where"], r["source"]) for r in of(matrix, "placement")}
    assert placed == {
        (p.text, p.cell_name, p.comparison) for p in matrix.state.results() if p.cell != DECK
    }
    for sort in of_kind(session, "cardsort"):
        summary = sort.state.summary()
        piles = {(card, name) for name, cards in summary.piles for card in cards}
        assert {(r["what"], r["where"]) for r in of(sort, "placement")} == piles
        history = sum(len(sort.state.board.history(c.id)) for c in sort.state.board.cards())
        assert len(of(sort, "move")) == history and all(r["time"] for r in of(sort, "move"))
    (ladder,) = of_kind(session, "ladder")
    votes = of(ladder, "vote")
    assert len(votes) == ladder.state.vote_count
    for number, vote_round in enumerate(ladder.state.rounds, start=1):
        mine = [r for r in votes if r["where"] == f"Round {number}: {vote_round.question}"]
        for source in VOTE_SOURCES:
            assert sum(r["source"] == source for r in mine) == vote_round.count_by_source()[source]
    (actions,) = of_kind(session, "actions")
    assert [r["what"] for r in of(actions, "action")] == [
        a["what"] for a in actions.state.results()
    ]


def test_the_odt_opens_and_holds_the_report(
    registry: Any, session: Session, tmp_path: Path, qapp: Any
) -> None:
    text = squeeze(odt_text(written(export(session, registry, tmp_path, ["odt"]), ".odt")))
    for note in of_kind(session, "relationship")[0].state.results():
        assert squeeze(note["text"]) in text
    for action in of_kind(session, "actions")[0].state.actions:
        assert squeeze(action.what) in text
    assert squeeze("Agenda as planned and as run") in text


def test_nothing_identifies_a_participant_and_notes_only_when_asked(
    qapp: Any, registry: Any, session: Session, tmp_path: Path
) -> None:
    paths = export(session, registry, tmp_path / "plain", ["pdf", "csv", "json", "md", "odt"])
    everything = "".join(
        pdf_text(p)
        if p.suffix == ".pdf"
        else odt_text(p)
        if p.suffix == ".odt"
        else p.read_text("utf-8-sig")
        for p in paths
    )
    (actions,) = of_kind(session, "actions")
    held = actions.state.collection.dots
    # every turn at the shared screen, and the person there now
    turns = {dot.participant for dot in held.dots if dot.source == "screen"} | {held.turn}
    assert len(turns) == 2
    for secret in (played.PHONE_COOKIE, played.PHONE_REQUEST, played.SCREEN_VOTER, "hand:",
                   *turns, "screen:"):  # fmt: skip
        assert secret not in everything
    notes = session.steps[0].notes
    assert squeeze(notes[:60]) not in squeeze(everything)
    json_doc = json.loads(written(paths, ".json").read_text("utf-8"))
    assert json_doc["title"] == session.title and len(json_doc["steps"]) == len(session.steps)
    with_notes = export(session, registry, tmp_path / "notes", ["pdf"], options=Options(notes=True))
    assert squeeze(notes[:60]) in squeeze(pdf_text(with_notes[0]))


HOSTILE = [
    "<b>not bold</b> & <i>not italic</i>",
    "<qt><font color='red'>Qt rich text</font></qt>",
    "<img src='x' onerror='alert(1)'>",
    "[link](http://example.org) **stars** | pipe",
    "abc\u202edcba reversed?",
    "Party 🎉 thumbs 👍🏽 done",
]


def test_hostile_and_heavy_content_is_shown_literally_and_nothing_is_lost(
    qapp: Any, registry: Any, session: Session, tmp_path: Path
) -> None:
    from coprod_workshop.exercises.relationship.commands import AddNote
    from coprod_workshop.exercises.relationship.model import all_cells

    session.title = "T" + "itle of a very long workshop " * 7 + "end"[:200]
    session.title = session.title[:200]
    (grid,) = of_kind(session, "relationship")
    cells = all_cells()
    for number, text in enumerate(HOSTILE):
        AddNote(grid.id, cells[number % 6], text).redo(session)
    for number in range(500 - len(HOSTILE) - 13):
        AddNote(grid.id, cells[number % 6], f"heavy note number {number:03d}").redo(session)
    assert grid.state.note_count() == 500
    paths = export(session, registry, tmp_path, ["pdf", "odt", "csv", "md"])
    pdf = squeeze(pdf_text(written(paths, ".pdf")))
    odt = squeeze(odt_text(written(paths, ".odt")))
    for note in grid.state.results():
        shown = note["text"].replace("\u202e", "[U+202E]")
        if "🎉" in shown:  # drawn from an emoji font (below), but pdftotext cannot read them back
            shown = "Party thumbs done"
        assert squeeze(shown) in pdf, note["text"]
        assert squeeze(note["text"].replace("\u202e", "[U+202E]")) in odt, note["text"]
    assert squeeze(session.title) in pdf  # the whole title, wrapped, never cut
    fonts = subprocess.run(
        ["pdffonts", str(written(paths, ".pdf"))], capture_output=True, text=True, check=True
    ).stdout
    emoji_font = any(
        QFontMetrics(QFont(family)).inFontUcs4(0x1F389) for family in QFontDatabase.families()
    )
    if emoji_font:  # CI installs one (fonts-symbola); the emoji are drawn with it
        assert [line for line in fonts.splitlines()[2:] if "DejaVu" not in line], fonts
    csv_text = [r["what"] for r in csv_rows(written(paths, ".csv")) if r["type"] == "note"]
    assert csv_text == [n["text"] for n in grid.state.results()]
    md = written(paths, "-summary.md").read_text("utf-8")
    for text in HOSTILE:
        assert markdown.escape(text) in md
    assert "<b>" not in md and "\\<b\\>not bold\\</b\\>" in md


def test_every_ready_made_plan_exports_untouched_and_fully_played(
    qapp: Any, registry: Any, tmp_path: Path
) -> None:
    from coprod_workshop.storage.store import read_plan

    for plan in builtin_plans():
        for label, session in (
            ("untouched", read_plan(plan, registry)),
            ("played", played.played_plan(plan, registry)),
        ):
            folder = tmp_path / plan.stem / label
            paths = export(session, registry, folder, ["pdf", "odt", "csv", "json", "md", "png"])
            assert sorted(p.name for p in paths) == sorted(
                file_names(session, ["pdf", "odt", "csv", "json", "md", "png"])
            )
            assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
            assert pdf_pages(written(paths, ".pdf")) >= 1
            for png in (p for p in paths if p.suffix == ".png"):
                from PySide6.QtGui import QImage

                image = QImage(str(png))
                # the projector's size; a board in pages, every page one under another
                assert image.width() == 1920 and image.height() % 1080 == 0, png.name
            rows = csv_rows(written(paths, ".csv"))
            assert bool(rows) == (label == "played")


def test_an_earlier_export_is_never_replaced_without_force(
    registry: Any, session: Session, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    first = export(session, registry, tmp_path, ["csv", "md"])
    before = {p: p.read_bytes() for p in first}
    with pytest.raises(ExportExists) as caught:
        export(session, registry, tmp_path, ["csv", "md", "json"])
    assert "earlier export" in str(caught.value)
    assert {p: p.read_bytes() for p in first} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in first)
    export(session, registry, tmp_path, ["csv", "md", "json"], force=True)
    assert len(list(tmp_path.iterdir())) == 3


def test_a_failing_export_says_why_and_leaves_nothing_half_written(
    registry: Any, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = tmp_path / "out"
    earlier = export(session, registry, tmp_path, ["csv"])
    kept = earlier[0].read_bytes()

    def broken(blocks: Any) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(markdown, "render", broken)
    with pytest.raises(ExportError, match="nothing was written: No space left on device"):
        export(session, registry, tmp_path, ["csv", "json", "md"], force=True)
    assert [p.name for p in tmp_path.iterdir()] == [earlier[0].name]  # no temp folder either
    assert earlier[0].read_bytes() == kept


def test_an_unwritable_folder_is_reported(registry: Any, session: Session, tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError, match="cannot be written"):
        export(session, registry, blocker / "inside", ["csv"])


def test_the_csv_columns_and_values_are_as_documented(
    registry: Any, session: Session, tmp_path: Path
) -> None:
    path = written(export(session, registry, tmp_path / "out", ["csv"]), ".csv")
    header = path.read_text("utf-8-sig").splitlines()[0]
    assert header == "session,date,step,type,what,where,source,time"
    assert (
        header.replace(",", ", ") in (Path(__file__).parent.parent / "docs/reports.md").read_text()
    )
    rows = csv_rows(path)
    assert {r["type"] for r in rows} == {"note", "placement", "move", "vote", "action"}
    assert {r["source"] for r in rows if r["type"] == "vote"} == set(VOTE_SOURCES)
    assert {r["source"] for r in rows if r["type"] == "note"} == {"room", "statement card"}
    matrix = session.steps.index(of_kind(session, "matrix")[0]) + 1
    placed = {
        r["source"] for r in rows if r["type"] == "placement" and r["step"].startswith(f"{matrix}.")
    }
    assert placed == {"agrees", "differs"}


def test_a_kind_without_a_report_module_still_shows_what_it_holds(
    qapp: Any, registry: Any, tmp_path: Path
) -> None:
    from dataclasses import replace

    from coprod_workshop.core.registry import Registry
    from coprod_workshop.core.session import Step
    from coprod_workshop.exercises.actions.model import ActionList

    kinds = [replace(kind, report="") if kind.kind == "actions" else kind for kind in registry]
    bare = Registry(kinds)
    state = ActionList().with_action("Book the hall for June", "Lee")
    session = Session("Bare kinds", [Step("actions", "Next steps", 5, state)])
    text = squeeze(pdf_text(export(session, bare, tmp_path / "out", ["pdf"])[0]))
    assert squeeze("1. Next steps") in text and squeeze("Book the hall for June") in text


def test_a_move_that_fails_halfway_puts_the_earlier_export_back(
    registry: Any, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from coprod_workshop.reports import export as export_module

    out = tmp_path / "out"
    earlier = {p: p.read_bytes() for p in export(session, registry, out, ["csv", "json"])}
    actions = of_kind(session, "actions")[0]
    actions.state = actions.state.with_action("Something the earlier files do not hold")
    real_replace = os.replace
    moves: list[str] = []

    def flaky(source: Any, target: Any) -> None:
        moves.append(str(target))
        # every earlier file keeps its name at every moment of the export
        assert all(p.is_file() for p in earlier)
        if len(moves) == 3:  # new csv in, new json in, then the disk fails
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(export_module.os, "replace", flaky)
    with pytest.raises(ExportError, match="nothing was written: Input/output error"):
        export(session, registry, out, ["csv", "json", "md"], force=True)
    monkeypatch.setattr(export_module.os, "replace", real_replace)
    assert {p: p.read_bytes() for p in out.iterdir()} == earlier


def test_the_from_or_to_comparison_with_the_source_is_in_every_report(
    qapp: Any, registry: Any, session: Session, tmp_path: Path
) -> None:
    from coprod_workshop.exercises.cards.board import AGREES, DIFFERS

    (fromto,) = [s for s in of_kind(session, "cardsort") if s.state.summary().answers]
    answers = fromto.state.summary().answers
    differing = [a for a in answers if a.comparison == DIFFERS]
    assert differing and any(a.comparison == AGREES for a in answers)
    paths = export(session, registry, tmp_path, ["pdf", "odt", "md"])
    texts = {
        ".pdf": squeeze(pdf_text(written(paths, ".pdf"))),
        ".odt": squeeze(odt_text(written(paths, ".odt"))),
        ".md": squeeze(written(paths, "-summary.md").read_text("utf-8").replace("\\", "")),
    }
    for suffix, text in texts.items():
        assert squeeze("Where the room and the source differ (for discussion)") in text, suffix
        for answer in differing:  # the card, where the room put it, where the source does
            for part in (answer.text, answer.placed, answer.place, answer.reason):
                assert squeeze(part) in text, (suffix, part)
            if suffix != ".pdf":  # a PDF's text runs across a table's wrapped cells
                row = squeeze(answer.text + answer.placed + answer.place + answer.reason)
                assert row in text.replace("|", ""), (suffix, answer)
        for reason in dict.fromkeys(a.reason for a in answers):
            assert squeeze(reason) in text, (suffix, reason)


def test_the_pdf_text_reads_as_typed_and_notes_in_a_cell_are_told_apart(
    qapp: Any, registry: Any, session: Session, tmp_path: Path
) -> None:
    from PySide6.QtGui import QTextTable

    from coprod_workshop.reports.content import DEFAULT_OPTIONS, report
    from coprod_workshop.reports.document import build

    text = pdf_text(written(export(session, registry, tmp_path, ["pdf"]), ".pdf"))
    assert not [c for c in text if "\ufb00" <= c <= "\ufb06"]  # no ligature glyphs: ﬀ ﬁ ﬂ
    assert "Where the room and the source differ (for discussion)" in text  # found by search, copied as typed
    doc, _ = build(report(session, registry, DEFAULT_OPTIONS))
    frame = doc.rootFrame()
    grids = [f for f in frame.childFrames() if isinstance(f, QTextTable)]
    (grid,) = [t for t in grids if "Sue" in t.cellAt(0, 1).firstCursorPosition().block().text()]
    cell = grid.cellAt(1, 1)  # Sue's conversations: two notes in the played session
    block = cell.firstCursorPosition().block()
    items = 0
    while block.isValid() and block.position() <= cell.lastPosition():
        assert block.textList() is not None, block.text()  # each note a list item of its own
        items += 1
        block = block.next()
    assert items >= 2
