"""A small index of session summaries, so listing never opens every file.

``<folder>/.summaries.json`` maps each session id to what the session list
shows (title, date, steps, minutes) and to the size and modification time of
the file it was read from. An entry whose file has changed since is read
again from the file; one whose file is gone is dropped. The index is only a
cache: it may be missing, damaged or out of date without harm, and it is
rebuilt from the session files whenever it is.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from coprod_workshop.core.session import Session
from coprod_workshop.storage.atomic import UnreadableFile, read_json, write_atomically

INDEX_NAME = ".summaries.json"

Entry = dict[str, Any]


def file_key(path: Path) -> list[int] | None:
    """What tells a changed file from the one an entry was made from."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size]


def summary(session: Session, key: list[int]) -> Entry:
    return {
        "title": session.title,
        "date": session.date,
        "steps": len(session.steps),
        "minutes": session.planned_minutes,
        "file": key,
    }


def read_index(folder: Path) -> dict[str, Entry]:
    try:
        data = read_json(folder / INDEX_NAME)
    except (OSError, UnreadableFile):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if _usable(v)}


def _usable(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("title"), str)
        and isinstance(entry.get("date"), str)
        and isinstance(entry.get("steps"), int)
        and isinstance(entry.get("minutes"), int)
        and isinstance(entry.get("file"), list)
    )


def write_index(folder: Path, entries: dict[str, Entry]) -> None:
    """Write the index; a failure (disk full, read-only) only costs speed later."""
    try:
        write_atomically(folder / INDEX_NAME, json.dumps(entries, ensure_ascii=False))
    except OSError:
        pass
