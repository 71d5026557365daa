"""Child process for the crash tests (no Qt): saves a session in a tight loop.

Usage::

    python kill_child.py DATA_DIR save-loop [SESSION_ID]
    python kill_child.py DATA_DIR hold-lock SESSION_ID

``save-loop`` creates a session (or continues ``SESSION_ID``) and saves it
over and over, printing ``ready <id>`` once the first save is on disk. Every
save is self-consistent, so a reader can tell a complete save from a mix of
two: save number ``n`` has the title ``save n``, ``n % 13`` points each
starting ``n.``, a prompt ``prompt n`` and notes made of ``n % 300`` copies
of ``n``. The parent kills it with SIGKILL at a random moment.

``hold-lock`` claims the session's lock, prints ``locked`` and waits.
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


def main() -> None:
    root, mode, *rest = sys.argv[1:]
    store = SessionStore(Path(root), REGISTRY)
    if mode == "save-loop":
        save_loop(store, rest[0] if rest else None)
    elif mode == "hold-lock":
        hold_lock(store, rest[0])
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
