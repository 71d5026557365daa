"""Exporting never harms the user's files, and the CSV is safe to open in a spreadsheet."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from coprod_workshop.core.session import Session
from coprod_workshop.paths import builtin_plans
from coprod_workshop.reports import data
from coprod_workshop.reports.csvguard import guard, unguard
from coprod_workshop.reports.export import ExportError, ExportExists, export, file_names
from tests import played
from tests.reports import csv_rows


@pytest.fixture
def session(registry: Any) -> Session:
    plan = next(p for p in builtin_plans() if p.name.startswith("introduction"))
    return played.played_plan(plan, registry)


def csv_name(session: Session) -> str:
    return file_names(session, ["csv"])[0]


# -- only the export's own regular files are ever replaced -------------------------
def test_force_never_replaces_a_folder_named_like_an_output(
    registry: Any, session: Session, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    precious = out / csv_name(session) / "precious.txt"
    precious.parent.mkdir(parents=True)
    precious.write_text("a year of minutes")
    for force in (False, True):
        with pytest.raises(ExportError) as caught:
            export(session, registry, out, ["csv", "md"], force=force)
        assert not isinstance(caught.value, ExportExists)  # no "Replace?" to offer
        message = str(caught.value)
        assert f"{csv_name(session)} in {out} is a folder" in message
        assert "left untouched" in message
        assert precious.read_text() == "a year of minutes"
        assert sorted(p.name for p in out.iterdir()) == [csv_name(session)]  # md not written


def test_a_link_named_like_an_output_is_never_followed_or_replaced(
    registry: Any, session: Session, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "budget.csv"
    elsewhere.write_text("the real budget")
    link = out / csv_name(session)
    link.symlink_to(elsewhere)
    with pytest.raises(ExportError, match="is a link, not a file of an earlier export"):
        export(session, registry, out, ["csv"], force=True)
    assert link.is_symlink() and elsewhere.read_text() == "the real budget"


def test_a_dangling_link_counts_as_there_and_is_refused(
    registry: Any, session: Session, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    link = out / csv_name(session)
    link.symlink_to(tmp_path / "nowhere.csv")
    for force in (False, True):
        with pytest.raises(ExportError, match="is a link"):
            export(session, registry, out, ["csv"], force=force)
        assert link.is_symlink() and os.readlink(link) == str(tmp_path / "nowhere.csv")
    assert not (tmp_path / "nowhere.csv").exists()


def test_a_pipe_named_like_an_output_is_refused(
    registry: Any, session: Session, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / csv_name(session))
    with pytest.raises(ExportError, match="is not a regular file"):
        export(session, registry, out, ["csv"], force=True)
    assert (out / csv_name(session)).is_fifo()


def test_force_replaces_the_earlier_files_in_one_rename_each(
    registry: Any, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coprod_workshop.reports import export as export_module

    out = tmp_path / "out"
    earlier = export(session, registry, out, ["csv", "json", "md"])
    inodes = {p: p.stat().st_ino for p in earlier}
    real_replace = os.replace
    seen_missing: list[str] = []

    def watching(source: Any, target: Any) -> None:
        seen_missing.extend(p.name for p in earlier if not p.is_file())
        real_replace(source, target)
        seen_missing.extend(p.name for p in earlier if not p.is_file())

    monkeypatch.setattr(export_module.os, "replace", watching)
    written = export(session, registry, out, ["csv", "json", "md"], force=True)
    assert written == earlier
    assert seen_missing == []  # no name was ever missing
    assert all(p.stat().st_ino != inodes[p] for p in written)  # each a new file
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in earlier)


# -- the CSV guard against formulas ---------------------------------------------------
FORMULAS = [
    "=6*7",
    '=HYPERLINK("http://example.org/?leak","Click")',
    "+44 7700 900123",
    "-2 degrees outside",
    "@SUM(A1:A9)",
    "'already quoted",
    "plain note, café",
]


def test_cells_a_spreadsheet_would_run_are_guarded_and_read_back_exactly(
    registry: Any, session: Session, tmp_path: Path
) -> None:
    from coprod_workshop.exercises.relationship.commands import AddNote
    from coprod_workshop.exercises.relationship.model import all_cells

    (grid,) = [step for step in session.steps if step.kind == "relationship"]
    for text in FORMULAS:
        AddNote(grid.id, all_cells()[0], text).redo(session)
    path = next(p for p in export(session, registry, tmp_path, ["csv"]) if p.suffix == ".csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets read accents right
    notes = [r["what"] for r in csv_rows(path) if r["type"] == "note"]
    for text in FORMULAS[:-1]:
        assert "'" + text in notes  # shown as text, never run
        assert text not in notes
    assert FORMULAS[-1] in notes  # anything else is written as it is
    # the rule in docs/reports.md gives back exactly what the room wrote
    assert [unguard(n) for n in notes] == [n["text"] for n in grid.state.results()]
    every_row = [{k: unguard(v) for k, v in r.items()} for r in csv_rows(path)]
    assert every_row == data.rows(session, registry)


@pytest.mark.parametrize("text", ["\t=1+1", "\r=1+1", "=", "-", "'", "''x", "a=b", ""])
def test_the_guard_is_undone_exactly(text: str) -> None:
    guarded = guard(text)
    assert unguard(guarded) == text
    assert guarded.startswith("'") == (text[:1] in ("=", "+", "-", "@", "\t", "\r", "'"))


def test_the_guard_is_documented_with_its_rule_for_analysts() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "reports.md").read_text(encoding="utf-8")
    assert "formula" in doc and "if a cell begins with a single quote, remove that one quote" in doc
