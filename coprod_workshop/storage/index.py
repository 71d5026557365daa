"""A small index of session summaries, so listing never opens every file.

``<folder>/.summaries.index`` maps each session id to the modification time
(ns) and size of the file it was read from, what the session list shows, the
session's group and what later workshops need of it (``Registry.digests``: the
journey's ratings and ladder, the actions agreed and reviewed):
``[mtime_ns, size, title, date, steps, minutes, group, digests]``. An entry whose file has changed since is read
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
from coprod_workshop.storage.atomic import UnreadableFile, read_json

INDEX_NAME = ".summaries.index"

Entry = list[Any]


def file_key(path: Path) -> list[int] | None:
    """What tells a changed file from the one an entry was made from."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size]


def session_files(folder: Path) -> list[tuple[str, list[int]]]:
    """``(id, file key)`` of every session file in ``folder`` (one directory scan)."""
    found = []
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                name = entry.name
                if name.endswith(".json") and not name.startswith("."):
                    try:
                        info = entry.stat()
                    except OSError:
                        continue
                    found.append((name[:-5], [info.st_mtime_ns, info.st_size]))
    except OSError:
        return []
    return found


def listed(session: Session, digests: dict[str, Any]) -> list[Any]:
    """What the session list shows of ``session`` (an entry without its file key)."""
    return [
        session.title,
        session.date,
        len(session.steps),
        session.planned_minutes,
        session.group,
        digests,
    ]


def read_index(folder: Path) -> dict[str, Entry]:
    try:
        data = read_json(folder / INDEX_NAME)
    except (OSError, UnreadableFile):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if type(v) is list and list(map(type, v)) == SHAPE}


SHAPE = [int, int, str, str, int, int, str, dict]


def write_index(folder: Path, entries: dict[str, Entry]) -> None:
    """Write the index; a failure (disk full, read-only) only costs speed later.

    Replaced in one step like a session file, but not flushed to the disk
    (no fsync): after a power cut an index that is lost or cut short is
    simply rebuilt.
    """
    tmp = folder / f"{INDEX_NAME}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / INDEX_NAME)
    except OSError:
        tmp.unlink(missing_ok=True)
