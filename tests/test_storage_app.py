"""Saved work in the running app when the disk is full or read-only, or a second copy runs."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build, open_at_start
from coprod_workshop.core.commands import SetDetail
from coprod_workshop.storage import atomic
from coprod_workshop.storage.appstate import AppState
from coprod_workshop.ui.dialogs import ChooserDialog


def started(qtbot: QtBot, data_dir: Path, problems: list[str] | None = None) -> Windows:
    """The app as launched: built, then the start-up session opened."""
    windows = build(data_dir)
    qtbot.addWidget(windows.console)
    qtbot.addWidget(windows.projector)
    if problems is not None:
        windows.workshop.problem.connect(problems.append)
    open_at_start(windows, data_dir, None)
    return windows


def full_disk(patch: pytest.MonkeyPatch) -> None:
    """Every write fails as on a full disk (the data is written, then fsync fails)."""

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    patch.setattr(atomic.os, "fsync", no_space)


@contextmanager
def read_only(*folders: Path) -> Iterator[None]:
    """Make ``folders`` read-only for everyone, root included (chattr +i)."""
    done = []
    try:
        for folder in folders:
            result = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
            if result.returncode != 0:
                pytest.skip(f"cannot make a folder read-only here: {result.stderr!r}")
            done.append(folder)
        yield
    finally:
        for folder in done:
            subprocess.run(["chattr", "-i", str(folder)], check=True)


def saved_title(data_dir: Path, session_id: str) -> str:
    doc = json.loads((data_dir / "sessions" / f"{session_id}.json").read_text())
    return str(doc["session"]["1"]["title"])


def message_box(windows: Windows) -> QMessageBox:
    box = windows.console.menus.dialog
    assert isinstance(box, QMessageBox)
    return box


def click(box: QMessageBox, text: str) -> None:
    next(b for b in box.buttons() if b.text() == text).click()


# -- a full disk -----------------------------------------------------------------
def test_a_full_disk_at_first_start_still_opens_the_plan_and_says_so(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems: list[str] = []
    with monkeypatch.context() as patch:
        full_disk(patch)
        windows = started(qtbot, data_dir, problems)
        session = windows.workshop.session
        assert session is not None and session.title == "Introduction to co-production"
        assert windows.workshop.saver is not None and windows.workshop.saver.dirty
        assert [p for p in problems if "No space left" in p] == problems  # one message
        assert len(problems) == 1 and "cannot be saved" in problems[0]
        assert windows.console.menus.save_state.text() == "Not saved (No space left on device)"
        assert windows.workshop.store.ids() == []
    # space is freed: the next change saves everything
    windows.workshop.run(SetDetail("title", "Room 2"))
    qtbot.waitUntil(lambda: not windows.workshop.saver.dirty, timeout=3000)
    assert saved_title(data_dir, session.id) == "Room 2"
    windows.console.close()


def test_a_full_disk_for_app_json_alone_is_said_once(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = started(qtbot, data_dir)
    first.console.close()
    problems: list[str] = []
    real_write = atomic.AtomicJSONStorage.write

    def app_json_fails(self: Any, data: Any) -> None:
        if self.path.name == "app.json":
            raise OSError(28, "No space left on device")
        real_write(self, data)

    monkeypatch.setattr(atomic.AtomicJSONStorage, "write", app_json_fails)
    windows = started(qtbot, data_dir, problems)
    assert windows.workshop.session is not None
    assert len(problems) == 1 and "recent sessions is not kept" in problems[0]
    windows.console.close()


def test_quitting_with_unsaved_work_asks_and_saves_elsewhere(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows = started(qtbot, data_dir)
    session = windows.workshop.session
    with monkeypatch.context() as patch:
        full_disk(patch)
        windows.workshop.run(SetDetail("title", "Written on a full disk"))
        windows.console.close()
        assert windows.console.workshop is not None  # not quit: the change is not on disk
        box = message_box(windows)
        assert "could not be saved (No space left on device)" in box.text()
        assert "If you quit now they are lost" in box.text()
        click(box, "Save elsewhere…")
    chooser = windows.console.menus.dialog
    assert isinstance(chooser, QFileDialog)
    target = tmp_path / "usb" / "rescued.json"
    target.parent.mkdir()
    chooser.selectFile(str(target))
    chooser.accept()
    assert windows.console.workshop is None  # saved elsewhere, then quit
    rescued = json.loads(target.read_text())
    assert rescued["session"]["1"]["title"] == "Written on a full disk"
    # copied into the sessions folder, it opens again
    (data_dir / "sessions" / f"{session.id}.json").write_bytes(target.read_bytes())
    again = started(qtbot, data_dir)
    assert again.workshop.session.title == "Written on a full disk"
    again.console.close()


def test_quitting_with_unsaved_work_can_try_again_or_give_up(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows = started(qtbot, data_dir)
    session_id = windows.workshop.session.id
    with monkeypatch.context() as patch:
        full_disk(patch)
        windows.workshop.run(SetDetail("title", "Second try"))
        windows.console.close()
        click(message_box(windows), "Try again")  # still full: asks again
        box = message_box(windows)
        assert "could not be saved" in box.text()
    click(box, "Try again")  # space was freed meanwhile
    assert windows.console.workshop is None
    assert saved_title(data_dir, session_id) == "Second try"

    windows = started(qtbot, data_dir)
    with monkeypatch.context() as patch:
        full_disk(patch)
        windows.workshop.run(SetDetail("title", "Given up"))
        windows.console.close()
        click(message_box(windows), "Quit without saving")
        assert windows.console.workshop is None
    assert saved_title(data_dir, session_id) == "Second try"


@contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A real file system of ``size`` at ``folder`` (tmpfs, which needs root): it
    fills up for real, with whatever the kernel does then."""
    folder.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {result.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(disk: Path) -> Path:
    """Write a file until the disk is full; return it (delete it to free the space)."""
    filler = disk / "filler"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(b"x" * 65536)
                out.flush()
        except OSError:
            pass
    return filler


def test_a_disk_that_fills_while_the_room_works_loses_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A real full disk, not a stand-in: the room goes on, one message says saving
    fails, the last saved file stays whole, and once space is freed the latest
    work is saved, with no half-written file left behind."""
    with small_disk(tmp_path / "disk") as disk:
        problems: list[str] = []
        windows = started(qtbot, disk / "data", problems)
        workshop, session = windows.workshop, windows.workshop.session
        assert session is not None and workshop.saver is not None
        workshop.run(SetDetail("title", "Before the disk filled"))
        qtbot.waitUntil(lambda: not workshop.saver.dirty, timeout=3000)
        filler = fill(disk)
        for n in range(10):  # the room keeps typing while nothing can be written
            workshop.run(SetDetail("title", f"While full {n}"))
            qtbot.wait(60)
        qtbot.waitUntil(lambda: bool(problems), timeout=3000)
        qtbot.wait(600)
        assert len(problems) == 1 and "could not be saved (No space left on device)" in problems[0]
        assert workshop.saver.dirty
        assert windows.console.menus.save_state.text() == "Not saved (No space left on device)"
        assert session.title == "While full 9"  # nothing the room did is undone
        assert saved_title(disk / "data", session.id) == "Before the disk filled"  # whole
        filler.unlink()
        workshop.run(SetDetail("title", "After space was freed"))
        qtbot.waitUntil(lambda: not workshop.saver.dirty, timeout=3000)
        assert saved_title(disk / "data", session.id) == "After space was freed"
        leftovers = [p.name for p in (disk / "data").rglob("*.tmp")]
        assert leftovers == []
        windows.console.close()


# -- a read-only disk --------------------------------------------------------------
def test_a_read_only_data_folder_opens_the_last_session_and_says_so(
    qtbot: QtBot, data_dir: Path
) -> None:
    first = started(qtbot, data_dir)
    session_id = first.workshop.session.id
    first.workshop.run(SetDetail("title", "Saved before"))
    first.console.close()
    for lock in (data_dir / "sessions").glob("*.lock"):
        lock.unlink()

    problems: list[str] = []
    with read_only(data_dir, data_dir / "sessions"):
        windows = started(qtbot, data_dir, problems)
        assert windows.workshop.session is not None
        assert windows.workshop.session.id == session_id
        assert len(problems) == 1
        assert "cannot be saved" in problems[0] and "data folder" in problems[0]
        windows.workshop.run(SetDetail("title", "Changed on a read-only disk"))
        windows.console.close()
        box = message_box(windows)
        assert "could not be saved" in box.text()
        click(box, "Quit without saving")
    assert saved_title(data_dir, session_id) == "Saved before"


# -- a second copy -------------------------------------------------------------------
def test_a_second_copy_says_the_session_is_open_and_creates_nothing(
    qtbot: QtBot, data_dir: Path
) -> None:
    first = started(qtbot, data_dir)
    first_id = first.workshop.session.id
    problems: list[str] = []
    second = started(qtbot, data_dir, problems)

    assert second.workshop.session is None
    assert problems == []
    box = message_box(second)
    assert "is already open in another copy" in box.text()
    assert second.workshop.store.ids() == [first_id]

    click(box, "Open another session…")
    chooser = second.console.menus.dialog
    assert isinstance(chooser, ChooserDialog)
    chooser.reject()
    second.console.close()
    first.console.close()


def test_two_copies_keep_each_others_recent_sessions(qtbot: QtBot, data_dir: Path) -> None:
    from tests.helpers import small_session

    first = started(qtbot, data_dir)
    first_id = first.workshop.session.id
    second = started(qtbot, data_dir)
    other = small_session("Opened in the second copy")
    second.workshop.store.save(other)
    assert second.workshop.open(other)

    first.console.close()  # quitting the first copy must not undo what the second wrote
    state = AppState(data_dir)
    assert [r["id"] for r in state.recent()] == [other.id, first_id]
    assert state.unclean_exit() == other.id  # the second copy is still running
    second.console.close()
    assert AppState(data_dir).unclean_exit() is None


def test_ten_racing_starts_leave_no_stray_sessions(qtbot: QtBot, data_dir: Path) -> None:
    first = started(qtbot, data_dir)
    copies: list[Any] = [started(qtbot, data_dir) for _ in range(9)]
    assert all(copy.workshop.session is None for copy in copies)
    assert len(first.workshop.store.ids()) == 1
    for copy in copies:
        copy.console.close()
    first.console.close()


# -- a session file with a broken character ----------------------------------------
@pytest.mark.parametrize("with_backup", [False, True])
def test_a_broken_character_in_the_last_session_is_said_and_nothing_else_is_hidden(
    qtbot: QtBot, data_dir: Path, registry: Any, with_backup: bool
) -> None:
    """A note holding ``"\\ud800"`` (half a character) in the session the app
    resumes: set aside (restored from its backup if it has one), said in words,
    and every other session still listed."""
    from coprod_workshop.storage import SessionStore
    from tests.helpers import small_session

    store = SessionStore(data_dir, registry)
    other, last = small_session("Another workshop"), small_session("Last week's forum")
    store.save(other)
    if with_backup:
        last.steps[0].notes = "before"
        store.save(last)
        store.close()
        store = SessionStore(data_dir, registry)
    last.steps[0].notes = "MARK"
    store.save(last)  # with a backup of the first save, if there was one
    store.close()
    assert bool(list((data_dir / "backups").glob(f"{last.id}.*"))) == with_backup
    AppState(data_dir).note_opened(last.id, last.title)
    path = data_dir / "sessions" / f"{last.id}.json"
    path.write_text(path.read_text(encoding="utf-8").replace("MARK", "\\ud800"), encoding="utf-8")

    problems: list[str] = []
    windows = started(qtbot, data_dir, problems)
    session = windows.workshop.session
    assert session is not None
    assert any("could not be opened: the file holds a broken character" in p for p in problems)
    assert list((data_dir / "quarantine").glob(f"{last.id}.*.json"))
    if with_backup:
        assert session.id == last.id and session.steps[0].notes == "before"
        assert any("restored from the backup" in p for p in problems)
    else:
        assert session.id != last.id  # the ready-made plan instead, and it was said why
    windows.console.menus.choose_session()
    chooser = windows.console.menus.dialog
    assert isinstance(chooser, ChooserDialog)
    titles = [chooser.list.item(i).text() for i in range(chooser.list.count())]
    assert any(t.startswith("Another workshop") for t in titles)
    chooser.reject()
    windows.console.close()
