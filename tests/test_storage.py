"""The session library on disk: saving, reading, damaged files, backups, locks."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from filelock import FileLock

from coprod_workshop.core import session as session_module
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.info.model import InfoSlide
from coprod_workshop.storage import (
    SessionLocked,
    SessionStore,
    SessionUnreadable,
    atomic,
    migrations,
)
from coprod_workshop.storage import store as store_module
from coprod_workshop.storage.appstate import RECENT_KEPT, AppState

KILL_CHILD = Path(__file__).with_name("kill_child.py")


@pytest.fixture
def store(data_dir: Path, registry: Registry) -> Iterator[SessionStore]:
    opened = SessionStore(data_dir, registry)
    yield opened
    opened.close()


def make_session(title: str = "Library opening hours", steps: int = 2, **kwargs: Any) -> Session:
    return Session(
        title,
        [
            Step("info", f"Slide {n}", 10 + n, InfoSlide((f"point {n}", "café ✓"), "Why?"))
            for n in range(steps)
        ],
        facilitator="Sam",
        **kwargs,
    )


def raw(store: SessionStore, session_id: str) -> dict[str, Any]:
    return json.loads(store.path_of(session_id).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def folder_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# -- saving and reading --------------------------------------------------------
def test_a_saved_session_opens_as_it_was(data_dir: Path, store: SessionStore, registry: Registry):
    session = make_session(start_time="10:00", current=1)
    session.steps[0].notes = "Bring the map"
    path = store.save(session)
    store.close()

    assert path == data_dir / "sessions" / f"{session.id}.json"
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert list(on_disk) == ["session", "checksum"] and list(on_disk["session"]) == ["1"]
    assert on_disk["session"]["1"]["title"] == "Library opening hours"
    assert on_disk["session"]["1"]["saved_at"]
    assert on_disk["session"]["1"]["app_version"]

    again = SessionStore(data_dir, registry).load(session.id)
    assert again.to_doc() == session.to_doc()
    assert again.steps[0].notes == "Bring the map"


def test_saving_again_replaces_the_file(store: SessionStore) -> None:
    session = make_session()
    store.save(session)
    session.set_detail("title", "Renamed")
    store.save(session)
    assert raw(store, session.id)["session"]["1"]["title"] == "Renamed"
    assert store.load(session.id).title == "Renamed"
    assert store.ids() == [session.id]


def test_list_shows_every_session_newest_first(store: SessionStore) -> None:
    sessions = [make_session(f"Session {n}", steps=n + 1) for n in range(3)]
    for age, session in zip((300, 100, 200), sessions, strict=True):
        path = store.save(session)
        os.utime(path, (path.stat().st_atime, path.stat().st_mtime - age))

    infos = store.summaries()

    assert [info.title for info in infos] == ["Session 1", "Session 2", "Session 0"]
    assert [info.steps for info in infos] == [2, 3, 1]
    assert infos[0].minutes == 10 + 11
    assert infos[0].id == sessions[1].id
    assert infos[0].path == store.path_of(sessions[1].id)
    assert store.take_problems() == []


def test_an_empty_library_lists_nothing(store: SessionStore) -> None:
    assert store.summaries() == []
    assert store.ids() == []


def test_find_by_prefix(store: SessionStore) -> None:
    for session_id in ("abc", "abc12", "abd99", "f00d"):
        store.save(make_session(id=session_id))

    assert store.find("f") == "f00d"
    assert store.find("abd") == "abd99"
    assert store.find("abc1") == "abc12"
    assert store.find("abc") == "abc"  # an exact id wins over longer ones
    with pytest.raises(KeyError):
        store.find("ab")  # three sessions start so
    with pytest.raises(KeyError):
        store.find("zz")


def test_unknown_or_unsafe_ids_are_refused(store: SessionStore) -> None:
    with pytest.raises(KeyError):
        store.load("0123456789")
    for bad in ("", "../app", "a/b", "x.json"):
        with pytest.raises(KeyError):
            store.path_of(bad)


def test_delete_moves_to_deleted_and_can_be_undone(data_dir: Path, store: SessionStore) -> None:
    keep, doomed = make_session("Keep"), make_session("Doomed")
    store.save(keep)
    store.save(doomed)

    moved = store.delete(doomed.id)

    assert moved.parent == data_dir / "deleted"
    assert [info.title for info in store.summaries()] == ["Keep"]
    assert store.undelete(moved) == doomed.id
    assert store.load(doomed.id).title == "Doomed"
    assert not moved.exists()


# -- damaged files ---------------------------------------------------------------
def _saved_bytes(store: SessionStore, session: Session) -> bytes:
    return store.save(session).read_bytes()


def _edited(change: Callable[[dict[str, Any]], object]) -> Callable[[bytes], bytes]:
    def damage(good: bytes) -> bytes:
        data = json.loads(good)
        del data["checksum"]  # edited by hand: the checksum no longer applies
        change(data["session"]["1"])
        return json.dumps(data).encode()

    return damage


def _set(key: str, value: object) -> Callable[[dict[str, Any]], object]:
    return lambda doc: doc.__setitem__(key, value)


DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "empty": (lambda good: b"", "the file is empty"),
    "only spaces": (lambda good: b"  \n\n", "the file is empty"),
    "cut in half": (lambda good: good[: len(good) // 2], "the file is cut short"),
    "cut at the end": (lambda good: good[:-1], "the file is cut short"),
    "garbage": (lambda good: b"Meeting notes: bring pens", "the file is damaged"),
    "binary": (
        lambda good: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8",
        "the file is not text",
    ),
    "a list": (lambda good: b'[{"title": "x"}]', "not a coprod-workshop database"),
    "a number": (lambda good: b"42", "not a coprod-workshop database"),
    "no session": (lambda good: b'{"session": {}}', "the file holds no session"),
    "session is a list": (
        lambda good: b'{"session": {"1": ["title", "x"]}}',
        "not a coprod-workshop database",
    ),
    "session is text": (lambda good: b'{"session": {"1": "x"}}', "not a coprod-workshop database"),
    "no steps": (_edited(lambda doc: doc.pop("steps")), "the session has no 'steps'"),
    "no schema": (_edited(lambda doc: doc.pop("schema")), "the session has no 'schema'"),
    "unknown kind": (
        _edited(lambda doc: doc["steps"][1].__setitem__("kind", "poll")),
        "unknown exercise kind 'poll'",
    ),
    "minutes as text": (
        _edited(lambda doc: doc["steps"][0].__setitem__("minutes", "ten")),
        "'minutes' should be a whole number",
    ),
    "negative minutes": (
        _edited(lambda doc: doc["steps"][0].__setitem__("minutes", -5)),
        "planned minutes -5 are out of range",
    ),
    "title as number": (_edited(_set("title", 7)), "'title' should be text"),
    "schema zero": (_edited(_set("schema", 0)), "format 0 is not a coprod-workshop format"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_file_is_moved_aside_and_the_rest_still_opens(
    data_dir: Path, store: SessionStore, case: str
) -> None:
    damage, words = DAMAGE[case]
    good = make_session("Still fine")
    store.save(good)
    broken = make_session("Broken")
    path = store.path_of(broken.id)
    bad_bytes = damage(_saved_bytes(store, broken))
    store.close()  # as if the app had quit; no backup exists yet
    path.write_bytes(bad_bytes)

    store = SessionStore(data_dir, store.registry)
    with pytest.raises(SessionUnreadable) as caught:
        store.load(broken.id)

    message = str(caught.value)
    assert message.startswith(f"The file {broken.id}.json could not be opened: ")
    assert words in message
    assert "kept, untouched, in" in message and "quarantine" in message
    assert "Traceback" not in message and "Error" not in message
    problem = caught.value.problem
    assert problem.moved_to is not None and problem.restored_from is None
    assert problem.moved_to.parent == data_dir / "quarantine"
    assert problem.moved_to.read_bytes() == bad_bytes
    note = problem.moved_to.with_suffix(".txt").read_text(encoding="utf-8")
    assert words in note
    assert not path.exists()

    # the library carries on with the good session
    assert [info.title for info in store.summaries()] == ["Still fine"]
    assert store.load(good.id).title == "Still fine"
    store.save(good)
    assert [p.message() for p in store.take_problems()] == [message]
    # nothing touches the quarantined copy afterwards
    assert problem.moved_to.read_bytes() == bad_bytes
    assert len(folder_files(data_dir / "quarantine")) == 2  # the file and its note
    store.close()


def test_listing_reports_a_damaged_file_and_changes_nothing(data_dir: Path, store: SessionStore):
    good, broken = make_session("Good"), make_session("Broken")
    store.save(good)
    store.save(broken)
    store.path_of(broken.id).write_bytes(b"{")
    before = {p.name: p.read_bytes() for p in store.folder.iterdir() if p.suffix == ".json"}

    assert [info.title for info in store.summaries()] == ["Good"]
    problems = store.take_problems()
    assert len(problems) == 1
    assert "cut short" in problems[0].message()
    assert "The file was left as it is." in problems[0].message()
    assert [info.title for info in store.summaries()] == ["Good"]
    # listing repairs nothing: the damaged file is set aside only when opened
    after = {p.name: p.read_bytes() for p in store.folder.iterdir() if p.suffix == ".json"}
    assert {k: v for k, v in after.items() if k != ".summaries.index"} == {
        k: v for k, v in before.items() if k != ".summaries.index"
    }
    assert not store.quarantine.exists() and not store.backups.exists()


def test_every_cut_of_a_saved_file_reads_as_cut_short(store: SessionStore) -> None:
    session = make_session("Café ✓ “quotes”", steps=1)
    session.steps[0].notes = "naïve — déjà vu"
    good = store.save(session).read_bytes()
    target = store.folder / "cut.json"
    for length in range(1, len(good)):
        target.write_bytes(good[:length])
        with pytest.raises(atomic.UnreadableFile, match="the file is cut short"):
            atomic.read_json(target)


def test_a_session_damaged_twice_keeps_both_copies(data_dir: Path, store: SessionStore) -> None:
    session = make_session()
    path = store.save(session)
    path.write_bytes(b"first damage")
    with pytest.raises(SessionUnreadable):
        store.load(session.id)
    store.save(session)
    path.write_bytes(b"second damage")
    with pytest.raises(SessionUnreadable):
        store.load(session.id)

    kept = sorted(
        p.read_bytes() for p in (data_dir / "quarantine").iterdir() if p.suffix == ".json"
    )
    assert kept == [b"first damage", b"second damage"]


def test_a_file_from_a_newer_version_is_left_alone(data_dir: Path, store: SessionStore) -> None:
    session = make_session("From the future")
    store.save(session)
    store.save(session)
    backup = data_dir / "backups" / f"{session.id}.1.json"
    assert backup.exists()
    path = store.path_of(session.id)
    data = json.loads(path.read_bytes())
    del data["checksum"]
    data["session"]["1"]["schema"] = 99
    data["session"]["1"]["hologram"] = {"colour": "teal"}
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    backup_before = backup.read_bytes()
    store.close()

    store = SessionStore(data_dir, store.registry)
    with pytest.raises(SessionUnreadable) as caught:
        store.load(session.id)

    message = str(caught.value)
    assert "saved by a newer version of coprod-workshop (format 99" in message
    assert "The file was left as it is." in message
    assert caught.value.problem.moved_to is None
    assert caught.value.problem.restored_from is None
    assert path.read_bytes() == before  # not replaced by the older backup
    assert backup.read_bytes() == backup_before
    assert not (data_dir / "quarantine").exists()
    assert store.summaries() == []
    assert path.read_bytes() == before
    store.close()


# -- backups -------------------------------------------------------------------
def test_a_backup_exists_after_saving_twice(data_dir: Path, store: SessionStore, registry):
    session = make_session("First title")
    store.save(session)
    assert folder_files(data_dir / "backups") == []
    session.set_detail("title", "Second title")
    store.save(session)

    backup = data_dir / "backups" / f"{session.id}.1.json"
    assert store_module.read_session_file(backup, registry).title == "First title"
    assert store.load(session.id).title == "Second title"


def test_a_damaged_session_is_restored_from_its_backup(data_dir: Path, store: SessionStore):
    session = make_session("Before lunch")
    store.save(session)
    session.set_detail("title", "After lunch")
    store.save(session)
    path = store.path_of(session.id)
    damaged = path.read_bytes()[:40]
    path.write_bytes(damaged)
    store.close()

    store = SessionStore(data_dir, store.registry)
    restored = store.load(session.id)

    assert restored.title == "Before lunch"
    assert restored.id == session.id
    (problem,) = store.take_problems()
    message = problem.message()
    assert message.startswith("“Before lunch” could not be opened: the file is cut short")
    assert "It was restored from the backup saved at" in message
    assert "The damaged file was kept, untouched" in message
    assert problem.restored_from == data_dir / "backups" / f"{session.id}.1.json"
    assert problem.moved_to is not None and problem.moved_to.read_bytes() == damaged
    # the restored file is a normal session again
    assert SessionStore(data_dir, store.registry).load(session.id).title == "Before lunch"
    restored.set_detail("title", "Back on track")
    store.save(restored)
    assert store.load(session.id).title == "Back on track"
    assert store.take_problems() == []
    store.close()


def test_backups_rotate_and_never_exceed_three(
    data_dir: Path, store: SessionStore, monkeypatch: pytest.MonkeyPatch, registry: Registry
) -> None:
    monkeypatch.setattr(store_module, "BACKUP_INTERVAL_S", 0)
    other = make_session("Other")
    store.save(other)
    session = make_session()
    for n in range(10):
        session.set_detail("title", f"version {n}")
        store.save(session)
        mine = [name for name in folder_files(data_dir / "backups") if name.startswith(session.id)]
        assert len(mine) == min(n, 3)

    titles = [
        store_module.read_session_file(
            data_dir / "backups" / f"{session.id}.{k}.json", registry
        ).title
        for k in (1, 2, 3)
    ]
    assert titles == ["version 8", "version 7", "version 6"]
    assert folder_files(data_dir / "backups") == sorted(
        f"{session.id}.{k}.json" for k in (1, 2, 3)
    )  # one save of "Other" makes no backup of it

    # with the newest backup damaged too, the next one is used
    (data_dir / "backups" / f"{session.id}.1.json").write_bytes(b"")
    store.path_of(session.id).write_bytes(b"\x00\x00")
    assert store.load(session.id).title == "version 7"


def test_backups_stay_distinct_after_failed_saves(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch, registry: Registry
) -> None:
    monkeypatch.setattr(store_module, "BACKUP_INTERVAL_S", 0)
    session = make_session("Saved")
    store.save(session)

    def disk_trouble(*args: Any, **kwargs: Any) -> str:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(atomic, "json", broken_json(disk_trouble))
        for n in range(5):
            session.set_detail("title", f"unsaved {n}")
            with pytest.raises(OSError, match="No space left"):
                store.save(session)

    session.set_detail("title", "Saved again")
    store.save(session)  # the room's work is not stuck in memory for good
    assert store.load(session.id).title == "Saved again"
    backups = sorted(store.backups.iterdir())
    assert [store_module.read_session_file(b, registry).title for b in backups] == ["Saved"]


# -- atomic writes ---------------------------------------------------------------
def broken_json(dumps: Callable[..., str]) -> SimpleNamespace:
    """The json module as the atomic storage sees it, with ``dumps`` replaced."""
    return SimpleNamespace(dumps=dumps, loads=json.loads, JSONDecodeError=json.JSONDecodeError)


def test_saving_leaves_no_temporary_files(store: SessionStore) -> None:
    session = make_session()
    for n in range(20):
        session.set_detail("title", f"take {n}")
        store.save(session)
    assert folder_files(store.folder) == [f"{session.id}.json", f"{session.id}.json.lock"]


def test_a_failed_save_leaves_the_old_file_intact(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session("Good copy")
    path = store.save(session)
    before = path.read_bytes()

    def broken_dumps(*args: Any, **kwargs: Any) -> str:
        raise TypeError("Object of type set is not JSON serializable")

    session.set_detail("title", "Never written")
    with monkeypatch.context() as patch:
        patch.setattr(atomic, "json", broken_json(broken_dumps))
        with pytest.raises(TypeError):
            store.save(session)

    assert path.read_bytes() == before
    assert store.load(session.id).title == "Good copy"
    assert folder_files(store.folder) == [f"{session.id}.json", f"{session.id}.json.lock"]


def test_a_save_that_fails_while_writing_cleans_up(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session("Good copy")
    path = store.save(session)
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    session.set_detail("title", "Never written")
    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "fsync", full_disk)
        with pytest.raises(OSError, match="No space left"):
            store.save(session)

    assert path.read_bytes() == before
    assert folder_files(store.folder) == [f"{session.id}.json", f"{session.id}.json.lock"]


# -- schema migrations -----------------------------------------------------------
def test_an_older_format_is_upgraded_when_read(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch, registry: Registry
) -> None:
    # Format 1 as written by the current version, but with the facilitator
    # stored under an older name that format 2 renames.
    session = make_session("Old format")
    path = store.save(session)
    data = json.loads(path.read_bytes())
    del data["checksum"]
    doc = data["session"]["1"]
    doc["host"] = doc.pop("facilitator")
    path.write_text(json.dumps(data), encoding="utf-8")
    old_bytes = path.read_bytes()
    store.close()

    def rename_host(doc: dict[str, Any]) -> dict[str, Any]:
        doc["facilitator"] = doc.pop("host")
        return doc

    monkeypatch.setattr(session_module, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, rename_host)

    store = SessionStore(store.root, registry)
    upgraded = store.load(session.id)
    assert upgraded.facilitator == "Sam"
    assert path.read_bytes() == old_bytes  # reading never rewrites the file
    store.save(upgraded)
    saved = raw(store, session.id)["session"]["1"]
    assert saved["schema"] == 2
    assert saved["facilitator"] == "Sam" and "host" not in saved
    assert store.take_problems() == []
    store.close()


def test_a_missing_migration_is_reported(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session()
    store.save(session)
    monkeypatch.setattr(session_module, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, lambda doc: doc)
    with pytest.raises(SessionUnreadable, match="no upgrade is known from format 2"):
        store.load(session.id)


# -- locks -----------------------------------------------------------------------
def test_a_second_copy_of_the_app_cannot_save_an_open_session(
    data_dir: Path, store: SessionStore, registry: Registry
) -> None:
    session = make_session("Open in the first copy")
    store.save(session)
    second = SessionStore(data_dir, registry)
    try:
        with pytest.raises(SessionLocked, match="open in another copy of coprod-workshop"):
            second.lock(session.id)
        session.set_detail("title", "Written by the second copy")
        with pytest.raises(SessionLocked):
            second.save(session)
        assert store.load(session.id).title == "Open in the first copy"
        # the second copy can still list it
        assert [info.title for info in second.summaries()] == ["Open in the first copy"]

        store.unlock(session.id)
        second.save(session)
        assert store.load(session.id).title == "Written by the second copy"
        with pytest.raises(SessionLocked):
            store.save(session)
    finally:
        second.close()


def test_a_lock_held_by_a_killed_process_is_free(data_dir: Path, store: SessionStore) -> None:
    session = make_session()
    store.save(session)
    store.unlock(session.id)

    with subprocess.Popen(
        [sys.executable, str(KILL_CHILD), str(data_dir), "hold-lock", session.id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(SessionLocked):
            store.save(session)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=20)
    assert child.returncode == -signal.SIGKILL

    lock_file = Path(f"{store.path_of(session.id)}.lock")
    assert lock_file.exists()  # the dead process left its lock file behind...
    session.set_detail("title", "Carried on")
    store.save(session)  # ...but not the lock
    assert store.load(session.id).title == "Carried on"


# -- app state -------------------------------------------------------------------
def test_recent_sessions_newest_first_without_repeats(data_dir: Path) -> None:
    state = AppState(data_dir)
    for name in ("a", "b", "c"):
        state.note_opened(name, f"Session {name}")
    state.note_opened("a", "Session a, renamed")
    state.close()

    state = AppState(data_dir)
    assert state.recent() == [
        {"id": "a", "title": "Session a, renamed"},
        {"id": "c", "title": "Session c"},
        {"id": "b", "title": "Session b"},
    ]
    state.forget("c")
    assert [r["id"] for r in AppState(data_dir).recent()] == ["a", "b"]


def test_recent_sessions_are_capped(data_dir: Path) -> None:
    state = AppState(data_dir)
    for n in range(RECENT_KEPT + 4):
        state.note_opened(f"id{n}", f"Session {n}")
    recent = AppState(data_dir).recent()
    assert len(recent) == RECENT_KEPT
    assert recent[0]["id"] == f"id{RECENT_KEPT + 3}"
    assert recent[-1]["id"] == "id4"


def test_an_unclean_exit_is_noticed_at_the_next_start(data_dir: Path) -> None:
    assert AppState(data_dir).unclean_exit() is None  # first start ever

    AppState(data_dir).note_opened("abc", "Workshop")  # then the app is killed
    assert AppState(data_dir).unclean_exit() == "abc"

    state = AppState(data_dir)
    state.note_opened("abc", "Workshop")
    state.mark_clean_exit()
    assert AppState(data_dir).unclean_exit() is None
    assert AppState(data_dir).recent() == [{"id": "abc", "title": "Workshop"}]


@pytest.mark.parametrize(
    "content",
    [b"", b'{"state": {"1": {"recent": [', b"\xff\xfe\x00", b"[1, 2]", b'{"state": {"1": "x"}}'],
)
def test_a_damaged_app_json_is_replaced(data_dir: Path, content: bytes) -> None:
    (data_dir / "app.json").write_bytes(content)

    state = AppState(data_dir)

    assert state.recent() == []
    assert state.unclean_exit() is None
    assert (data_dir / "app.damaged.json").read_bytes() == content
    state.note_opened("abc", "Workshop")
    assert AppState(data_dir).recent() == [{"id": "abc", "title": "Workshop"}]


def test_odd_entries_in_app_json_are_ignored(data_dir: Path) -> None:
    (data_dir / "app.json").write_text(
        json.dumps(
            {
                "state": {
                    "1": {
                        "recent": [{"id": "ok", "title": "Fine"}, {"id": 3}, "junk"],
                        "running": 5,
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    state = AppState(data_dir)
    assert state.recent() == [{"id": "ok", "title": "Fine"}]
    assert state.unclean_exit() is None


def test_a_copied_session_file_is_a_session_of_its_own(store: SessionStore) -> None:
    session = make_session("Original")
    store.save(session)
    copy = store.path_of("copyofsession")
    copy.write_bytes(store.path_of(session.id).read_bytes())
    copied = store.load("copyofsession")
    assert copied.id == "copyofsession"
    assert sorted(info.id for info in store.summaries()) == sorted([session.id, "copyofsession"])


# -- autosave --------------------------------------------------------------------
def test_autosave_saves_while_the_room_keeps_typing(
    data_dir: Path, store: SessionStore, qtbot: Any
) -> None:
    from coprod_workshop.ui import autosave

    session = make_session("Busy room")
    store.save(session)
    saver = autosave.SaveManager(store, session)
    path = store.path_of(session.id)
    step_id = session.steps[0].id
    first_saved_at = None
    began = time.monotonic()
    for n in range(12):  # a key every 100 ms, never a quiet moment of DELAY_MS
        session.set_step_detail(step_id, "notes", "a" * (n + 1))
        qtbot.wait(100)
        on_disk = raw(store, session.id)["session"]["1"]["steps"][0]["notes"]
        if first_saved_at is None and on_disk:
            first_saved_at = time.monotonic() - began
    assert first_saved_at is not None and first_saved_at <= 0.65
    assert saver.saves >= 2
    assert path.exists()
    saver.stop()


def test_a_failing_disk_gives_one_message_not_a_stream(
    store: SessionStore, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coprod_workshop.ui import autosave

    session = make_session("Full disk")
    store.save(session)
    saver = autosave.SaveManager(store, session)
    failed: list[str] = []
    recovered: list[str] = []
    saver.saveFailed.connect(failed.append)
    saver.saveRecovered.connect(recovered.append)
    step_id = session.steps[0].id

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "fsync", full_disk)
        for n in range(8):
            session.set_step_detail(step_id, "notes", f"note {n}")
            qtbot.wait(120)
        assert not saver.flush()
        qtbot.wait(400)
    assert len(failed) == 1
    assert "could not be saved (No space left on device)" in failed[0]
    assert saver.dirty and saver.failure
    session.set_step_detail(step_id, "notes", "after")
    qtbot.waitUntil(lambda: not saver.dirty, timeout=2000)
    assert recovered == ["“Full disk” is saved again."]
    assert store.load(session.id).steps[0].notes == "after"
    saver.stop()


class SlowDisk:
    """Holds every fsync until released, noting the thread it came on."""

    def __init__(self, patch: pytest.MonkeyPatch) -> None:
        import threading

        self.released = threading.Event()
        self.threads: list[str] = []
        real = atomic.os.fsync

        def fsync(fd: int) -> None:
            self.threads.append(threading.current_thread().name)
            assert self.released.wait(10), "the test never let the disk go on"
            real(fd)

        patch.setattr(atomic.os, "fsync", fsync)


def stuck_save(
    store: SessionStore, qtbot: Any, patch: pytest.MonkeyPatch, note: str
) -> tuple[Session, Any, SlowDisk]:
    """A session with its autosave, the disk stuck in the write of ``note``."""
    from coprod_workshop.ui import autosave

    session = make_session("Stuck")
    store.save(session)
    saver = autosave.SaveManager(store, session)
    disk = SlowDisk(patch)
    session.set_step_detail(session.steps[0].id, "notes", note)
    qtbot.waitUntil(lambda: bool(disk.threads), timeout=2000)
    return session, saver, disk


def test_a_slow_disk_never_holds_up_the_room(
    store: SessionStore, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The autosave writes on a thread of its own: while the disk is stuck, the
    window goes on, and a change made meanwhile is saved once the disk is back."""
    import threading

    from coprod_workshop.ui import autosave

    session, saver, disk = stuck_save(store, qtbot, monkeypatch, "first")
    step_id = session.steps[0].id
    assert threading.current_thread().name not in disk.threads  # not the window's thread
    ticks: list[int] = []
    tick = autosave.QTimer()
    tick.timeout.connect(lambda: ticks.append(1))
    tick.start(10)
    qtbot.wait(300)  # the disk still stuck: the window keeps its beat
    tick.stop()
    assert len(ticks) >= 10
    session.set_step_detail(step_id, "notes", "second")  # during the write
    qtbot.wait(600)
    assert saver.dirty  # nothing claims to be saved while the write is stuck
    disk.released.set()
    qtbot.waitUntil(lambda: not saver.dirty, timeout=3000)
    assert raw(store, session.id)["session"]["1"]["steps"][0]["notes"] == "second"
    assert saver.saves == 2
    saver.stop()


def test_saving_now_waits_for_the_write_under_way(
    store: SessionStore, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+S or quitting during an autosave: the older write ends first, and the
    file holds the newest state, never the older one written last."""
    import threading


    session, saver, disk = stuck_save(store, qtbot, monkeypatch, "older")
    step_id = session.steps[0].id
    session.set_step_detail(step_id, "notes", "newest")
    threading.Timer(0.3, disk.released.set).start()
    assert saver.flush()
    assert not saver.dirty
    assert raw(store, session.id)["session"]["1"]["steps"][0]["notes"] == "newest"
    qtbot.wait(100)  # the older write's outcome arrives late: it changes nothing
    assert not saver.dirty and saver.saves == 2
    assert raw(store, session.id)["session"]["1"]["steps"][0]["notes"] == "newest"
    saver.stop()


# -- files that escape the usual damage ------------------------------------------
def _broken_beside_good(store: SessionStore) -> tuple[list[Session], Session]:
    goods = [make_session(f"Good {n}") for n in range(3)]
    for good in goods:
        store.save(good)
    broken = make_session("Broken")
    store.save(broken)
    store.close()
    return goods, broken


def _opens_with_message(data_dir: Path, registry: Registry, broken: Session, words: str):
    """The broken session is refused in words, set aside, and every good one lists."""
    store = SessionStore(data_dir, registry)
    try:
        titles = sorted(info.title for info in store.summaries())
        if titles != ["Broken", "Good 0", "Good 1", "Good 2"]:  # not listed from the index
            assert titles == ["Good 0", "Good 1", "Good 2"]
            assert any(words in p.message() for p in store.take_problems())
        with pytest.raises(SessionUnreadable) as caught:
            store.load(broken.id)
        assert words in str(caught.value)
        assert "Traceback" not in str(caught.value)
        return caught.value.problem
    finally:
        store.close()


def test_a_number_of_thousands_of_digits_is_damage(data_dir: Path, store: SessionStore, registry):
    goods, broken = _broken_beside_good(store)
    path = store.path_of(broken.id)
    path.write_text(path.read_text().replace('"current":0', '"current":' + "9" * 5000))
    problem = _opens_with_message(data_dir, registry, broken, "a number far too long")
    assert problem.moved_to is not None and problem.moved_to.parent.name == "quarantine"


def test_a_fifo_in_place_of_a_session_never_hangs(data_dir: Path, store: SessionStore, registry):
    goods, broken = _broken_beside_good(store)
    path = store.path_of(broken.id)
    path.unlink()
    os.mkfifo(path)
    began = time.monotonic()
    problem = _opens_with_message(data_dir, registry, broken, "it is not a regular file")
    assert time.monotonic() - began < 5
    assert problem.moved_to is not None and not os.path.lexists(path)


def test_a_link_to_dev_zero_is_refused_unread(data_dir: Path, store: SessionStore, registry):
    goods, broken = _broken_beside_good(store)
    path = store.path_of(broken.id)
    path.unlink()
    path.symlink_to("/dev/zero")
    problem = _opens_with_message(data_dir, registry, broken, "it is not a regular file")
    assert problem.moved_to is not None and problem.moved_to.is_symlink()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("notes", "fifty megabytes of notes " * 2_100_000, "the file is too large (50."),
        ("title", "T" * 3_000_000, "the session's title is longer than 32,767"),
    ],
)
def test_huge_files_and_texts_are_refused_at_once(
    data_dir: Path, store: SessionStore, registry: Registry, field: str, value: str, words: str
) -> None:
    goods, broken = _broken_beside_good(store)
    path = store.path_of(broken.id)
    data = json.loads(path.read_bytes())
    del data["checksum"]
    doc = data["session"]["1"]
    (doc["steps"][0] if field == "notes" else doc)[field] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    began = time.monotonic()
    _opens_with_message(data_dir, registry, broken, words)
    assert time.monotonic() - began < 5


def test_a_flipped_bit_is_caught_and_the_backup_opens(
    data_dir: Path, store: SessionStore, registry: Registry
) -> None:
    session = make_session("Before the break")
    store.save(session)
    session.set_detail("title", "After the break")
    store.save(session)  # the first version is now the backup
    store.close()
    path = store.path_of(session.id)
    good = path.read_bytes()
    at = good.index(b"After the break") + 1
    flipped = good[:at] + bytes([good[at] ^ 0x01]) + good[at + 1 :]  # "After" -> "Agter"
    path.write_bytes(flipped)

    store = SessionStore(data_dir, registry)
    restored = store.load(session.id)
    assert restored.title == "Before the break"
    (problem,) = store.take_problems()
    assert "does not match its checksum" in problem.message()
    assert "restored from the backup" in problem.message()
    assert problem.moved_to is not None and problem.moved_to.read_bytes() == flipped
    store.close()


@pytest.mark.parametrize(
    ("kind", "key", "words"),
    [
        ("info", "state", "step 1 has lost its exercise ('state' is missing)"),
        ("ladder", "rounds", "has lost the room's results ('rounds' is missing)"),
        ("cardsort", "board", "has lost the room's results ('board' is missing)"),
        ("matrix", "board", "has lost the room's results ('board' is missing)"),
        ("relationship", "notes", "has lost the room's results ('notes' is missing)"),
    ],
)
def test_lost_results_are_damage_not_a_fresh_exercise(
    data_dir: Path, store: SessionStore, registry: Registry, kind: str, key: str, words: str
) -> None:
    from coprod_workshop.paths import builtin_plans
    from coprod_workshop.storage.store import read_plan

    plan = read_plan(builtin_plans()[0], registry).copy_as_new(registry)
    number = next(n for n, step in enumerate(plan.steps) if step.kind == kind)
    store.save(plan)
    path = store.path_of(plan.id)
    data = json.loads(path.read_bytes())
    del data["checksum"]
    step = data["session"]["1"]["steps"][number]
    if key == "state":
        del step["state"]
        words = words.replace("step 1", f"step {number + 1}")
    else:
        del step["state"][key]
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(SessionUnreadable, match=re.escape(words)):
        store.load(plan.id)
    # a ready-made plan may leave results out: they start empty there
    plan_file = data_dir / "plan.json"
    plan_file.write_text(json.dumps(data), encoding="utf-8")
    assert read_plan(plan_file, registry).steps[number].kind == kind


def test_a_file_this_user_may_not_read_is_left_where_it_is(
    data_dir: Path, store: SessionStore, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    goods, broken = _broken_beside_good(store)
    path = store.path_of(broken.id)
    before = path.read_bytes()
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: refuse as the kernel would for a user
        real_open = atomic.os.open

        def no_permission(name: Any, flags: int, *args: Any) -> int:
            if Path(name) == path:
                raise PermissionError(13, "Permission denied")
            return real_open(name, flags, *args)

        monkeypatch.setattr(atomic.os, "open", no_permission)
    problem = _opens_with_message(
        data_dir, registry, broken, "it cannot be read (Permission denied)"
    )
    assert problem.moved_to is None and "The file was left as it is." in problem.message()
    assert "damaged" not in problem.message()
    path.chmod(0o644)
    assert path.read_bytes() == before
    assert not (data_dir / "quarantine").exists()


def test_a_folder_in_place_of_the_lock_is_set_aside(
    data_dir: Path, store: SessionStore, registry: Registry
) -> None:
    session = make_session("Locked out?")
    store.save(session)
    store.close()
    lock_path = Path(f"{store.path_of(session.id)}.lock")
    lock_path.unlink()
    lock_path.mkdir()

    store = SessionStore(data_dir, registry)
    store.lock(session.id)
    session.set_detail("title", "Saved after all")
    store.save(session)
    (problem,) = store.take_problems()
    assert "its lock file was not a file" in problem.message()
    assert problem.moved_to is not None and problem.moved_to.is_dir()
    assert lock_path.is_file()
    assert store.load(session.id).title == "Saved after all"
    store.close()


def test_listing_an_empty_folder_creates_nothing(data_dir: Path, registry: Registry, capsys):
    from coprod_workshop.__main__ import main

    empty = data_dir / "empty"
    empty.mkdir()
    assert main(["--list", "--data-dir", str(empty)]) == 0
    assert "No saved sessions" in capsys.readouterr().out
    assert list(empty.iterdir()) == []


# -- keeping the data folder small -------------------------------------------------
def test_a_deleted_session_takes_its_backups_along_and_back(
    data_dir: Path, store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BACKUP_INTERVAL_S", 0)
    session = make_session("Doomed")
    for n in range(5):
        session.set_detail("title", f"Doomed {n}")
        store.save(session)
    assert len(folder_files(data_dir / "backups")) == 3

    moved = store.delete(session.id)
    assert folder_files(data_dir / "backups") == []
    assert len(folder_files(data_dir / "deleted")) == 4  # the session and its 3 backups
    assert folder_files(store.folder) == []  # no lock file left behind

    store.undelete(moved)
    assert folder_files(data_dir / "deleted") == []
    assert len(folder_files(data_dir / "backups")) == 3
    store.path_of(session.id).write_bytes(b"damaged")
    assert store.load(session.id).title == "Doomed 3"  # its backups still work


def test_tidying_at_start_bounds_the_data_folder(
    data_dir: Path, store: SessionStore, registry: Registry
) -> None:
    from coprod_workshop.storage import tidy

    now = time.time()
    month = 31 * 86400
    keep = make_session("Kept")
    store.save(keep)
    held = make_session("Held by a running copy")
    store.save(held)
    store.delete(held.id)
    (store.folder / f"{held.id}.json.lock").touch()
    other_copy = SessionStore(data_dir, registry)
    lock = FileLock(f"{store.folder / held.id}.json.lock", timeout=0, is_singleton=False)
    lock.acquire()
    for n in range(31):  # orphan locks of sessions deleted by an older version
        (store.folder / f"gone{n}.json.lock").touch()
    old_tmp = store.folder / f".{keep.id}.json.abc.tmp"
    new_tmp = store.folder / f".{keep.id}.json.xyz.tmp"
    for tmp in (old_tmp, new_tmp, data_dir / ".app.json.q1.tmp"):
        tmp.write_text("{")
    os.utime(old_tmp, (now - 120, now - 120))
    os.utime(data_dir / ".app.json.q1.tmp", (now - 120, now - 120))
    deleted = data_dir / "deleted"
    for n in range(60):
        path = deleted / f"s{n}.{1000 + n}.json"
        path.write_text("{}")
        age = month if n < 5 else 60 - n
        os.utime(path, (now - age, now - age))
    quarantine = data_dir / "quarantine"
    quarantine.mkdir()
    for n in range(30):
        for suffix in (".json", ".txt"):
            path = quarantine / f"q.2026{n:04d}{suffix}"
            path.write_text("x")
            os.utime(path, (now - 100 + n, now - 100 + n))
    backups = data_dir / "backups"
    backups.mkdir(exist_ok=True)
    (backups / "longgone.1.json").write_text("{}")
    os.utime(backups / "longgone.1.json", (now - month, now - month))
    (backups / "recentlygone.1.json").write_text("{}")
    store.save(keep)
    store.save(keep)  # a backup of a live session

    tidy.tidy(data_dir, now)

    assert not old_tmp.exists() and not (data_dir / ".app.json.q1.tmp").exists()
    assert new_tmp.exists()  # maybe a save in progress in another copy
    assert not list(store.folder.glob("gone*.lock"))
    assert Path(f"{store.folder / held.id}.json.lock").exists()  # still held
    assert Path(f"{store.path_of(keep.id)}.lock").exists()
    kept_deleted = folder_files(deleted)
    assert len(kept_deleted) == tidy.DELETED_KEPT
    assert "s59.1059.json" in kept_deleted and "s5.1005.json" not in kept_deleted
    kept_quarantine = folder_files(quarantine)
    assert len(kept_quarantine) == 2 * tidy.QUARANTINE_KEPT
    assert "q.20260029.json" in kept_quarantine and "q.20260000.json" not in kept_quarantine
    assert not (backups / "longgone.1.json").exists()
    assert (backups / "recentlygone.1.json").exists()
    assert (backups / f"{keep.id}.1.json").exists()
    assert store.load(keep.id).title == "Kept"
    lock.release()
    other_copy.close()


# -- listing from the summary index ----------------------------------------------
def test_listing_reads_only_files_changed_since_the_index(
    data_dir: Path, store: SessionStore, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = [make_session(f"Workshop {n}", steps=1 + n % 3) for n in range(30)]
    for session in sessions:
        store.save(session)
    store.close()  # a copy of the app done with them: the index has every one
    reads: list[Path] = []
    real_read = store_module.read_session_file

    def counting(path: Path, *args: Any, **kwargs: Any) -> Session:
        reads.append(Path(path))
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(store_module, "read_session_file", counting)
    store = SessionStore(data_dir, registry)
    listed = store.summaries()
    assert reads == []
    assert sorted(info.title for info in listed) == sorted(s.title for s in sessions)
    assert {info.id: info.steps for info in listed} == {s.id: len(s.steps) for s in sessions}

    changed = store.load(sessions[4].id)
    changed.set_detail("title", "Renamed while open")
    store.save(changed)
    reads.clear()
    titles = {info.id: info.title for info in store.summaries()}
    assert reads == [store.path_of(changed.id)]
    assert titles[changed.id] == "Renamed while open"

    (store.folder / ".summaries.index").write_bytes(b"\x00 damaged")
    reads.clear()
    assert {info.id: info.title for info in store.summaries()} == titles
    assert len(reads) == 30  # a damaged index is only slower
    store.close()


@pytest.mark.parametrize("with_backup", [False, True])
def test_a_lone_surrogate_escape_is_damage_like_any_other(
    data_dir: Path, store: SessionStore, registry: Registry, with_backup: bool
) -> None:
    """``"\\ud800"`` is valid JSON but half a character: no text can show or save it."""
    goods, broken = _broken_beside_good(store)
    if with_backup:
        store = SessionStore(data_dir, registry)
        broken.steps[0].notes = "before the damage"
        store.save(broken)  # the first save is now the backup
        store.close()
    path = store.path_of(broken.id)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Broken"', '"Bro\\ud800ken"', 1), encoding="utf-8")
    store = SessionStore(data_dir, registry)
    titles = sorted(info.title for info in store.summaries())
    assert titles == ["Good 0", "Good 1", "Good 2"]
    (listed,) = store.take_problems()
    assert "holds a broken character" in listed.message() and listed.moved_to is None
    if with_backup:
        restored = store.load(broken.id)
        assert restored.title == "Broken"
        (problem,) = store.take_problems()
        assert "restored from the backup" in problem.message()
        assert problem.moved_to is not None and problem.moved_to.parent.name == "quarantine"
        assert "Broken" in [info.title for info in store.summaries()]
        store.close()
    else:
        store.close()
        problem = _opens_with_message(data_dir, registry, broken, "holds a broken character")
        assert problem.moved_to is not None and problem.moved_to.parent.name == "quarantine"
    # a pair of escapes (an emoji) is a whole character and opens
    store = SessionStore(data_dir, registry)
    good = store.path_of(goods[0].id)
    data = json.loads(good.read_text(encoding="utf-8"))
    del data["checksum"]
    data["session"]["1"]["title"] = "Good \U0001f389"
    good.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    assert "\\ud83c\\udf89" in good.read_text(encoding="utf-8")
    assert store.load(goods[0].id).title == "Good \U0001f389"
    store.close()


def test_list_goes_on_past_a_lone_surrogate(data_dir: Path, store: SessionStore) -> None:
    goods, broken = _broken_beside_good(store)
    path = store.path_of(broken.id)
    path.write_text(path.read_text(encoding="utf-8").replace('"Broken"', '"\\udfff"'))
    result = subprocess.run(
        [sys.executable, "-m", "coprod_workshop", "--list", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    assert all(good.id in result.stdout for good in goods)
    assert "holds a broken character" in result.stderr and "Traceback" not in result.stderr
