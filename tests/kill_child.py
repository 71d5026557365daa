"""Child process for the crash tests: saves a session in a tight loop, or types.

Usage::

    python kill_child.py DATA_DIR save-loop [SESSION_ID]
    python kill_child.py DATA_DIR hold-lock SESSION_ID
    python kill_child.py DATA_DIR type INTERVAL_MS

``save-loop`` creates a session (or continues ``SESSION_ID``) and saves it
over and over, printing ``ready <id>`` once the first save is on disk. Every
save is self-consistent, so a reader can tell a complete save from a mix of
two: save number ``n`` has the title ``save n``, ``n % 13`` points each
starting ``n.``, a prompt ``prompt n`` and notes made of ``n % 300`` copies
of ``n``. The parent kills it with SIGKILL at a random moment.

``hold-lock`` claims the session's lock, prints ``locked`` and waits.

``type`` runs the real app (offscreen, autosave on) on the built-in plan and
types one letter every INTERVAL_MS into the facilitator notes, as a person
would, without a pause. It prints ``ready <id> <notes length>`` once the
session is open, then ``key <n> <time.time()>`` after the n-th key has
changed the session, so the parent can tell which changes a kill lost.
Only this mode imports Qt.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.info.model import MAX_POINTS, InfoSlide
from coprod_workshop.storage import store as store_module
from coprod_workshop.storage.store import SessionStore


def save_number(n: int) -> dict[str, object]:
    """What save number ``n`` holds (the parent checks a loaded session against it)."""
    return {
        "title": f"save {n}",
        "points": tuple(f"{n}.{i} café ✓" for i in range(n % (MAX_POINTS + 1))),
        "prompt": f"prompt {n}",
        "notes": " ".join([str(n)] * (n % 300)),
    }


def save_loop(store: SessionStore, session_id: str | None) -> None:
    # Rotate backups on every save, so a kill can also land in the middle of it.
    store_module.BACKUP_INTERVAL_S = 0
    if session_id is None:
        session = Session("save 0", [Step("info", "Slide", 5, InfoSlide())])
        n = 0
    else:
        session = store.load(session_id)
        n = int(session.title.split()[1]) + 1
    step_id = session.steps[0].id
    first = True
    while True:
        expected = save_number(n)
        session.set_detail("title", str(expected["title"]))
        slide = InfoSlide(points=expected["points"], prompt=str(expected["prompt"]))  # type: ignore[arg-type]
        session.set_state(step_id, slide)
        session.set_step_detail(step_id, "notes", expected["notes"])
        store.save(session)
        if first:
            print("ready", session.id, flush=True)
            first = False
        n += 1


def hold_lock(store: SessionStore, session_id: str) -> None:
    store.lock(session_id)
    print("locked", flush=True)
    while True:
        time.sleep(1)


def type_continuously(root: Path, interval_ms: int) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from coprod_workshop.app import build, make_application

    app = make_application(["kill-child"])
    windows = build(root)
    windows.workshop.open_default()
    session = windows.workshop.session
    assert session is not None and windows.console.body is not None
    notes = windows.console.body.step_panel.notes
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    start = len(notes.toPlainText())
    print("ready", session.id, start, flush=True)
    typed = 0

    def press() -> None:
        nonlocal typed
        QTest.keyClick(notes, Qt.Key.Key_A)
        typed += 1
        print("key", typed, repr(time.time()), flush=True)

    keys = QTimer()
    keys.timeout.connect(press)
    keys.start(interval_ms)
    app.exec()


def kill_while_typing(root: Path, interval_ms: int, typing_s: float) -> tuple[float, int]:
    """Start ``type``, SIGKILL it after ``typing_s`` of typing; return what was lost.

    Returns the age at the kill of the oldest change not on disk (0.0 when
    nothing was lost) and how many changes were lost.
    """
    import json
    import selectors
    import signal
    import subprocess

    with subprocess.Popen(
        [sys.executable, __file__, str(root), "type", str(interval_ms)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            if not selector.select(60):
                proc.kill()
                raise RuntimeError("the app did not start typing in time")
        word, session_id, start = proc.stdout.readline().split()
        if word != "ready":
            raise RuntimeError(f"unexpected output {word!r}: {proc.stderr.read()}")
        time.sleep(typing_s)
        killed_at = time.time()
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=20)
    if proc.returncode != -signal.SIGKILL:
        raise RuntimeError(f"the app stopped by itself: {err}")
    typed = {}
    for line in out.splitlines():
        _, n, at = line.split()
        typed[int(n)] = float(at)
    doc = json.loads((root / "sessions" / f"{session_id}.json").read_text(encoding="utf-8"))
    saved = len(doc["session"]["1"]["steps"][0]["notes"]) - int(start)
    lost = [at for n, at in typed.items() if n > saved]
    return (killed_at - min(lost) if lost else 0.0), len(lost)


def main() -> None:
    root, mode, *rest = sys.argv[1:]
    if mode == "type":
        type_continuously(Path(root), int(rest[0]))
        return
    store = SessionStore(Path(root), REGISTRY)
    if mode == "save-loop":
        save_loop(store, rest[0] if rest else None)
    elif mode == "hold-lock":
        hold_lock(store, rest[0])
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
