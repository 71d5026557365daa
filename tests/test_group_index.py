"""A group's journey and its open actions are read from the summary index, not from every
session file: only a file changed since the index was written is opened, and what is read
equals what the files hold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coprod_workshop.core.history import same_group
from coprod_workshop.core.session import Session
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.journey.model import read_journey, visit_of
from coprod_workshop.exercises.review.model import (
    open_actions,
    read_open_actions,
    record_of,
)
from coprod_workshop.storage import store as store_module
from coprod_workshop.storage.index import INDEX_NAME
from coprod_workshop.storage.store import SessionStore, write_copy
from tests.test_review import group_of_three, mark, save, workshop, INVITE


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every session file read from now on."""
    paths: list[Path] = []
    real = store_module.read_session_file

    def counted(path, registry, *, saved=False):  # type: ignore[no-untyped-def]
        paths.append(Path(path))
        return real(path, registry, saved=saved)

    monkeypatch.setattr(store_module, "read_session_file", counted)
    return paths


def stored_group(data_dir: Path) -> tuple[SessionStore, Session]:
    store = SessionStore(data_dir, REGISTRY)
    *_, third = group_of_three(store)
    for number in range(6):  # other groups' workshops
        other = workshop("introduction-to-co-production", f"2026-0{number + 1}-02", f"G{number}")
        save(store, other)
    mark(third, store, {INVITE: ("stuck", "")})
    return store, third


def from_files(store: SessionStore, session: Session) -> tuple[list[Any], list[Any]]:
    """What the journey and the review would find by opening every file of the group."""
    others = [s for s in store.sessions_of_group(session.group, same_group) if s.id != session.id]
    visits = sorted(
        [visit_of(session), *(v for v in map(visit_of, others) if v.found_anything)],
        key=lambda v: (v.date, v.title, v.session_id),
    )
    return visits, open_actions(map(record_of, others), session)


def test_the_journey_and_the_review_open_no_session_file_once_indexed(
    data_dir: Path, opened: list[Path]
) -> None:
    store, third = stored_group(data_dir)
    assert (store.folder / INDEX_NAME).exists()
    opened.clear()
    journey = read_journey(SessionStore(data_dir, REGISTRY), third)
    found = read_open_actions(SessionStore(data_dir, REGISTRY), third)
    assert opened == []  # every stored session came from the index
    visits, actions = from_files(store, third)
    assert journey == visits
    assert [v.date for v in journey] == ["2026-01-15", "2026-07-15", "2027-01-15"]
    assert found == actions and len(found) == 3


def test_a_file_changed_since_is_read_again_and_a_lost_index_is_rebuilt(
    data_dir: Path, opened: list[Path]
) -> None:
    store, third = stored_group(data_dir)
    second = next(
        s for s in store.sessions_of_group(third.group, same_group) if s.date == "2026-07-15"
    )
    second.title = "Six months on, renamed elsewhere"
    write_copy(second, store.path_of(second.id))  # changed by another copy of the app
    opened.clear()
    journey = read_journey(SessionStore(data_dir, REGISTRY), third)
    assert opened == [store.path_of(second.id)]
    assert "Six months on, renamed elsewhere" in [v.title for v in journey]
    (store.folder / INDEX_NAME).write_bytes(b"\x00 damaged")
    opened.clear()
    again = read_journey(SessionStore(data_dir, REGISTRY), third)
    assert again == journey and len(opened) >= 3  # read from the files, the index written again
    expected = from_files(store, third)[1]
    opened.clear()
    assert read_open_actions(SessionStore(data_dir, REGISTRY), third) == expected
    assert opened == []
