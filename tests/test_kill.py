"""Killing the app in the middle of saving never loses or damages a session.

A child process (``kill_child.py``, no Qt) saves a session in a tight loop and
is killed with SIGKILL at a random moment. Afterwards every session file must
open normally (not restored, not quarantined) and hold one complete save.
"""

from __future__ import annotations

import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coprod_workshop.core.session import Session
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.storage.store import SessionStore, read_session_file
from tests.kill_child import kill_while_typing, save_number

CHILD = Path(__file__).with_name("kill_child.py")
ROUNDS = 10  # per seed; 5 seeds make 50 kills
OLDEST_LOST_S = 0.6  # a kill while the room types loses less than this

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def start_child(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def first_line(proc: subprocess.Popen[str], timeout: float = 20.0) -> str:
    """The child's first line of output (fails the test if it never comes)."""
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            proc.kill()
            pytest.fail("the child process did not start saving in time")
    line = proc.stdout.readline()
    if not line:
        _, err = proc.communicate()
        pytest.fail(f"the child process stopped before saving:\n{err}")
    return line.strip()


def check_complete(session: Session) -> int:
    """Assert ``session`` is one complete save of the child; return its number."""
    words = session.title.split()
    assert len(words) == 2 and words[0] == "save", session.title
    n = int(words[1])
    expected = save_number(n)
    (step,) = session.steps
    assert step.state.points == expected["points"]  # type: ignore[attr-defined]
    assert step.state.prompt == expected["prompt"]  # type: ignore[attr-defined]
    assert step.notes == expected["notes"]
    return n


def check_folder(root: Path, expected_ids: set[str]) -> dict[str, int]:
    """Open every session as the app would at start-up; return each one's save number."""
    store = SessionStore(root, REGISTRY)
    try:
        # leftovers of an interrupted save are never taken for a session
        assert set(store.ids()) == expected_ids
        for path in store.folder.iterdir():
            stem = path.name.removesuffix(".lock").removesuffix(".json")
            is_session_file = stem in expected_ids and path.name in (
                f"{stem}.json",
                f"{stem}.json.lock",
            )
            is_temp = path.name.startswith(".") and path.name.endswith(".tmp")
            is_index = path.name == ".summaries.index"
            assert is_session_file or is_temp or is_index, path.name

        numbers = {}
        for session_id in sorted(expected_ids):
            session = store.load(session_id)
            numbers[session_id] = check_complete(session)
            # the killed process's lock is gone with it
            store.lock(session_id)
            store.unlock(session_id)
        listed = {info.id for info in store.summaries()}
        assert listed == expected_ids

        problems = [problem.message() for problem in store.take_problems()]
        assert problems == []
        assert not store.quarantine.exists()
        # every backup is a complete save too
        for backup in sorted(store.backups.glob("*.json")):
            check_complete(read_session_file(backup, REGISTRY))
        return numbers
    finally:
        store.close()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_sigkill_while_saving_leaves_every_session_whole(data_dir: Path, seed: int) -> None:
    rng = random.Random(seed)
    ids: set[str] = set()
    last_id: str | None = None
    progress: dict[str, int] = {}
    for round_ in range(ROUNDS):
        # Every other round the next run of the "app" carries on with the
        # session the killed one was saving; the others start a new one.
        args = ["save-loop"]
        if last_id is not None and round_ % 2 == 1:
            args.append(last_id)
        with start_child(data_dir, *args) as proc:
            word, session_id = first_line(proc).split()
            assert word == "ready"
            proc.stdout.close()  # type: ignore[union-attr]
            time.sleep(rng.uniform(0.0, 0.060))  # the child saves all the while
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=20)
            stderr = proc.stderr.read()  # type: ignore[union-attr]
        assert proc.returncode == -signal.SIGKILL, stderr
        ids.add(session_id)
        last_id = session_id

        numbers = check_folder(data_dir, ids)
        for other, n in progress.items():
            if other == session_id:
                # a continued session carries on from where the killed run left it
                assert numbers[other] > n
            else:
                assert numbers[other] == n  # nobody else touched it
        progress = numbers

    assert len(ids) == ROUNDS // 2


def test_temporary_files_are_not_sessions(data_dir: Path) -> None:
    store = SessionStore(data_dir, REGISTRY)
    session = Session("Kept")
    store.save(session)
    # what an interrupted save leaves behind
    (store.folder / f".{session.id}.json.k3j9x.tmp").write_text('{"session": {"1": {')
    (store.folder / f".{session.id}.json.abcde.tmp").write_text("")
    store.close()

    store = SessionStore(data_dir, REGISTRY)
    assert store.ids() == [session.id]
    assert [info.title for info in store.summaries()] == ["Kept"]
    assert store.take_problems() == []
    store.close()


@pytest.mark.parametrize(("interval_ms", "typing_s"), [(50, 2.1), (150, 3.3), (200, 2.7)])
def test_sigkill_while_the_room_types_loses_at_most_half_a_second(
    data_dir: Path, interval_ms: int, typing_s: float
) -> None:
    # The real app, a key every interval_ms without a pause, killed mid-typing:
    # autosave must not wait for a quiet moment that never comes.
    oldest, lost = kill_while_typing(data_dir, interval_ms, typing_s)
    assert oldest < OLDEST_LOST_S, f"{lost} changes lost, the oldest {oldest:.2f} s old"
