"""What the app loads while it starts: only what the first screen needs.

Each check runs in a fresh interpreter, since this test process has long since
imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest

from coprod_workshop.core.session import parse_clock

LOADED = """
import json, sys
from pathlib import Path
from coprod_workshop.app import Windows, make_application

make_application()
windows = Windows()
windows.assemble(Path(sys.argv[1]))
before = sorted(sys.modules)
if len(sys.argv) > 2:
    assert windows.workshop.open_saved(sys.argv[2])
print(json.dumps({"before": before, "after": sorted(sys.modules)}))
windows.console.close()
"""

EXERCISES = ("info", "relationship", "ladder", "cardsort", "matrix")


def loaded(data_dir: Path, session_id: str | None = None) -> dict[str, list[str]]:
    args = [str(data_dir)] + ([session_id] if session_id else [])
    out = subprocess.run(
        [sys.executable, "-c", LOADED, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    modules: dict[str, list[str]] = json.loads(out)
    return modules


def test_no_exercise_model_view_or_slow_library_is_imported_before_a_session_opens(
    data_dir: Path,
) -> None:
    before = set(loaded(data_dir)["before"])
    for kind in EXERCISES:
        assert f"coprod_workshop.exercises.{kind}.model" not in before
        assert f"coprod_workshop.exercises.{kind}.views" not in before
    # filelock (about 40 ms), the hashing behind secrets, strptime's regular
    # expressions and matplotlib are all left until something needs them.
    for slow in ("filelock", "secrets", "_strptime", "matplotlib"):
        assert slow not in before


def test_opening_a_session_loads_only_the_exercises_it_holds(data_dir: Path) -> None:
    from coprod_workshop.exercises import REGISTRY
    from coprod_workshop.storage import SessionStore
    from tests.helpers import small_session

    session = small_session()  # information steps only
    store = SessionStore(data_dir, REGISTRY)
    store.save(session)
    store.unlock(session.id)
    after = set(loaded(data_dir, session.id)["after"])
    assert "coprod_workshop.exercises.info.model" in after
    assert "coprod_workshop.exercises.info.views" in after
    for kind in EXERCISES[1:]:
        assert f"coprod_workshop.exercises.{kind}.model" not in after
        assert f"coprod_workshop.exercises.{kind}.views" not in after
    assert "filelock" in after  # the open session is locked against a second copy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:30", time(9, 30)),
        ("9:05", time(9, 5)),
        ("23:59", time(23, 59)),
        ("24:00", None),
        ("9:60", None),
        ("", None),
        ("930", None),
        ("9:30 ", None),
        ("١٢:٠٠", None),
        ("-1:30", None),
    ],
)
def test_a_start_time_is_read_as_the_facilitator_typed_it(text: str, expected: time | None) -> None:
    assert parse_clock(text) == expected
