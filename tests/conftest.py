"""Shared fixtures: every test gets its own empty data folder."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app's data folder at a temporary folder, never the user's."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("COPROD_WORKSHOP_DATA", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return folder


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


#: the phone server's usual port for this run of the tests (the app's is 8765)
RUN_PORT = _free_port()


@pytest.fixture(autouse=True)
def phone_port_of_this_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Phones on a usual port of this run's own: two test runs side by side never reach
    each other's server through a port one stopped and the other took, while within a
    run phones started again come back on the same port, as in the app."""
    monkeypatch.setattr("coprod_workshop.participation.phone.PREFERRED_PORT", RUN_PORT)


@pytest.fixture(autouse=True)
def swept_again_after_each_test() -> Iterator[None]:
    """A launched app leaves what it holds out of the collector's sweeps
    (``app.settle``); the next test's objects are swept as usual."""
    yield
    if gc.get_freeze_count():
        gc.unfreeze()


@pytest.fixture
def registry():  # type: ignore[no-untyped-def]
    from coprod_workshop.exercises import REGISTRY

    return REGISTRY


@pytest.fixture
def windows(qtbot: Any, data_dir: Path) -> Iterator[Any]:
    """The app (console and projector) on the test's data folder, no session open.

    Modules that need another set-up define their own ``windows`` fixture.
    """
    from coprod_workshop.app import build

    built = build(data_dir)
    qtbot.addWidget(built.console)
    qtbot.addWidget(built.projector)
    yield built
    if built.workshop.session is not None:
        built.console.close()
