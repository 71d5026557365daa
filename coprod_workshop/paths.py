"""Where the app keeps a user's sessions, and where its own files are."""

from __future__ import annotations

import json
import os
import sys
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from coprod_workshop import APP_NAME

DATA_ENV = "COPROD_WORKSHOP_DATA"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: ``--data-dir``, else $COPROD_WORKSHOP_DATA, else the platform's.

    The platform folder comes from QStandardPaths.AppDataLocation (for example
    ``~/.local/share/coprod-workshop`` on Linux).
    """
    chosen = override or os.environ.get(DATA_ENV)
    if chosen:
        path = Path(chosen).expanduser()
    else:
        from PySide6.QtCore import QCoreApplication, QStandardPaths

        if not QCoreApplication.applicationName():
            QCoreApplication.setApplicationName(APP_NAME)
        path = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        )
    path.mkdir(parents=True, exist_ok=True)
    return path


def shipped(package: str) -> Traversable:
    """The folder of the app's own files ``resources`` or ``sessions``.

    Installed or editable: inside the package, where importlib.resources finds
    it. In the self-contained build (PyInstaller, ``sys.frozen``): the same
    folders unpacked beside the executable, under ``sys._MEIPASS``.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle, "coprod_workshop", package)
    return resources.files(f"coprod_workshop.{package}")


def resource(*parts: str) -> Traversable:
    """A file shipped in ``resources/``."""
    return shipped("resources").joinpath(*parts)


def resource_json(*parts: str) -> Any:
    """A JSON file shipped in ``resources/``, read."""
    return json.loads(resource(*parts).read_text(encoding="utf-8"))


DEFAULT_PLAN = "introduction-to-co-production.json"


def builtin_plans() -> list[Path]:
    """The ready-made session plans shipped in ``sessions/``; the default one first."""
    folder = shipped("sessions")
    plans = [Path(str(p)) for p in folder.iterdir() if p.name.endswith(".json")]
    return sorted(plans, key=lambda path: (path.name != DEFAULT_PLAN, path.name))
