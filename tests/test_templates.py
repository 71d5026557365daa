"""Templates: the library, saving a session as a template, sharing plan files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.paths import builtin_plans
from coprod_workshop.storage.appstate import AppState
from coprod_workshop.storage.exchange import MAX_FILE_BYTES, PlanFileError, export_plan
from coprod_workshop.storage.library import BUILTIN, TemplateLibrary
from tests.helpers import small_session


@pytest.fixture
def library(data_dir: Path, registry: Registry):  # type: ignore[no-untyped-def]
    lib = TemplateLibrary(data_dir, registry, AppState(data_dir))
    yield lib
    lib.close()


def agenda(session: Session) -> list[dict[str, Any]]:
    """What a template keeps: every step but its id."""
    return [{k: v for k, v in step.to_doc().items() if k != "id"} for step in session.steps]


def results_free(session: Session) -> list[dict[str, Any]]:
    return [
        {**doc, "state": step.state.without_results().to_doc()}
        for doc, step in zip(agenda(session), session.steps, strict=True)
    ]


@pytest.mark.parametrize("plan", builtin_plans(), ids=lambda p: p.name)
def test_every_builtin_plan_survives_template_session_template(
    library: TemplateLibrary, plan: Path
) -> None:
    key = BUILTIN + plan.name
    template = library.load(key)
    session = library.new_session(key)
    assert session.id != template.id and session.current == 0
    assert agenda(session) == results_free(template)
    again = library.save_as_template(session, "Again")
    reread = library.load(again.id)
    assert agenda(reread) == results_free(template)
    assert reread.start_time == template.start_time


def test_builtin_plans_are_listed_first_and_are_read_only(library: TemplateLibrary) -> None:
    library.save_as_template(small_session("Aardvark plan"))
    entries = library.entries()
    assert entries[0].builtin and not entries[-1].builtin
    assert entries[-1].title == "Aardvark plan"
    with pytest.raises(PermissionError):
        library.rename(entries[0].key, "Mine now")
    with pytest.raises(PermissionError):
        library.delete(entries[0].key)


def test_starting_a_session_records_last_used(library: TemplateLibrary) -> None:
    key = library.entries()[0].key
    assert library.entries()[0].last_used == ""
    library.new_session(key)
    assert library.entries()[0].last_used != ""


def test_duplicate_rename_delete_and_undelete(library: TemplateLibrary) -> None:
    key = library.entries()[0].key
    copy = library.duplicate(key)
    assert copy.title.endswith("(copy)")
    library.rename(copy.id, "Leeds version")
    assert "Leeds version" in library.titles()
    deleted = library.delete(copy.id)
    assert "Leeds version" not in library.titles()
    library.undelete(deleted)
    assert "Leeds version" in library.titles()


def test_a_title_clash_gets_a_new_name_and_replaces_nothing(library: TemplateLibrary) -> None:
    first = library.save_as_template(small_session("Taster"))
    second = library.save_as_template(small_session("Taster"))
    assert (first.title, second.title) == ("Taster", "Taster (2)")
    assert len([e for e in library.entries() if e.title.startswith("Taster")]) == 2


def test_export_then_import_gives_the_same_agenda(library: TemplateLibrary, tmp_path: Path) -> None:
    template = library.save_as_template(small_session("For a colleague"))
    path = library.export(template.id, tmp_path / "for-colleague")
    assert path.name == "for-colleague.coprod.json"
    imported = library.import_file(path)
    assert imported.title == "For a colleague (2)"
    assert imported.id != template.id
    assert agenda(imported) == agenda(template)


def _valid_doc() -> dict[str, Any]:
    return {"session": {"1": small_session("Shared plan").to_doc()}}


def _with(change) -> bytes:  # type: ignore[no-untyped-def]
    doc = _valid_doc()
    change(doc["session"]["1"])
    return json.dumps(doc).encode()


BROKEN: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "garbage": (b"\x89PNG\r\n\x1a\n\x00\x00", "not text"),
    "truncated": (json.dumps(_valid_doc()).encode()[:150], "cut short"),
    "not json": (b"title: my plan\nsteps: 3\n", "damaged"),
    "a list": (b"[1, 2, 3]", "not a coprod-workshop database"),
    "no session": (b'{"about": {}}', "holds no session"),
    "missing steps": (_with(lambda d: d.pop("steps")), "has no 'steps'"),
    "unknown kind": (
        _with(lambda d: d["steps"][0].update(kind="karaoke")),
        "unknown exercise kind 'karaoke'",
    ),
    "newer version": (_with(lambda d: d.update(schema=99)), "newer version"),
    "minutes as text": (
        _with(lambda d: d["steps"][1].update(minutes="ten")),
        "'minutes' should be a whole number",
    ),
    "no title": (_with(lambda d: d.update(title="  ")), "it has no title"),
    "no steps": (_with(lambda d: d.update(steps=[])), "it has no steps"),
    "too many steps": (
        _with(lambda d: d.update(steps=[dict(d["steps"][0], id=f"s{n}") for n in range(120)])),
        "a plan has at most 100",
    ),
    "huge step title": (
        _with(lambda d: d["steps"][0].update(title="x" * 5000)),
        "step 1 needs a title",
    ),
    "deep nesting": (b'{"session": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
    "huge file": (b" " * (MAX_FILE_BYTES + 1), "too large"),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_plan_file_is_refused_with_a_clear_message(
    library: TemplateLibrary, tmp_path: Path, data_dir: Path, kind: str
) -> None:
    content, expected = BROKEN[kind]
    library.save_as_template(small_session("Already here"))
    before = sorted(p.name for p in (data_dir / "templates").iterdir())
    path = tmp_path / "from-a-colleague.coprod.json"
    path.write_bytes(content)
    with pytest.raises(PlanFileError) as raised:
        library.import_file(path)
    message = str(raised.value)
    assert "from-a-colleague.coprod.json" in message
    assert expected in message
    assert sorted(p.name for p in (data_dir / "templates").iterdir()) == before
    assert path.read_bytes() == content  # the colleague's file is never touched


def test_importing_a_folder_or_a_missing_file_is_refused(
    library: TemplateLibrary, tmp_path: Path
) -> None:
    with pytest.raises(PlanFileError, match="is not a file"):
        library.import_file(tmp_path)
    with pytest.raises(PlanFileError, match="could not be read"):
        library.import_file(tmp_path / "nope.coprod.json")


def test_imported_plans_get_fresh_ids_and_no_date(
    library: TemplateLibrary, tmp_path: Path, registry: Registry
) -> None:
    session = small_session("With results")
    path = export_plan(session, tmp_path / "with-results")
    imported = library.import_file(path)
    assert {s.id for s in imported.steps}.isdisjoint({s.id for s in session.steps})
    assert imported.date == ""
