"""Keeping the data folder from growing without limit (run once at start-up).

- temporary files a killed save left behind (``.*.tmp``, older than a minute,
  so a save in progress in another copy is never touched);
- lock files of sessions that no longer exist, if no running app holds them;
- ``deleted/``: a deleted session (with its backups) is kept for
  ``DELETED_DAYS`` days, and only the newest ``DELETED_KEPT``;
- ``quarantine/``: only the newest ``QUARANTINE_KEPT`` damaged files (each
  with its note) are kept;
- ``backups/``: backups of sessions that exist nowhere any more (deleted by
  an older version) go after ``DELETED_DAYS`` days.

Nothing here may stop the app from starting: a folder that cannot be read or
changed (read-only disk) is left as it is.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from pathlib import Path

TEMP_AGE_S = 60
DELETED_DAYS = 30
DELETED_KEPT = 50
QUARANTINE_KEPT = 20
SESSION_FOLDERS = ("sessions", "templates")


def tidy(root: Path, now: float | None = None) -> int:
    """Tidy the data folder ``root``; return how many files were removed."""
    now = time.time() if now is None else now
    removed = 0
    for folder in (root, *(root / name for name in SESSION_FOLDERS)):
        removed += _old_temporary_files(folder, now)
    for name in SESSION_FOLDERS:
        removed += _orphan_locks(root / name)
    removed += _keep_newest(root / "deleted", DELETED_KEPT, now - DELETED_DAYS * 86400)
    removed += _keep_newest(root / "quarantine", QUARANTINE_KEPT, None)
    removed += _orphan_backups(root, now - DELETED_DAYS * 86400)
    return removed


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as scan:
            return list(scan)
    except OSError:
        return []


def _remove(path: str | Path) -> int:
    try:
        os.unlink(path)
    except OSError:
        return 0
    return 1


def _mtime(entry: os.DirEntry[str]) -> float:
    try:
        return entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return 0.0


def _old_temporary_files(folder: Path, now: float) -> int:
    return sum(
        _remove(entry.path)
        for entry in _entries(folder)
        if entry.name.startswith(".")
        and entry.name.endswith(".tmp")
        and now - _mtime(entry) > TEMP_AGE_S
    )


def _orphan_locks(folder: Path) -> int:
    removed = 0
    for entry in _entries(folder):
        if not entry.name.endswith(".json.lock") or not entry.is_file(follow_symlinks=False):
            continue
        if os.path.lexists(entry.path.removesuffix(".lock")):
            continue  # its session exists: the lock file is reused
        from filelock import FileLock, Timeout  # slow to import: only when there is work

        lock = FileLock(entry.path, timeout=0, is_singleton=False)
        try:
            lock.acquire()
        except (Timeout, OSError):
            continue  # a running app still holds it
        try:
            removed += _remove(entry.path)
        finally:
            lock.release()
    return removed


def _keep_newest(folder: Path, kept: int, older_than: float | None) -> int:
    """Keep the newest ``kept`` groups of files (``<id>.<stamp>.*``), none older than given."""
    groups: dict[str, list[os.DirEntry[str]]] = defaultdict(list)
    for entry in _entries(folder):
        parts = entry.name.split(".")
        if len(parts) >= 3 and (entry.is_file(follow_symlinks=False) or entry.is_symlink()):
            groups[".".join(parts[:2])].append(entry)
    newest_first = sorted(groups.values(), key=lambda g: max(map(_mtime, g)), reverse=True)
    removed = 0
    for rank, group in enumerate(newest_first):
        if rank >= kept or (older_than is not None and max(map(_mtime, group)) < older_than):
            removed += sum(_remove(entry.path) for entry in group)
    return removed


def _orphan_backups(root: Path, older_than: float) -> int:
    removed = 0
    for entry in _entries(root / "backups"):
        session_id = entry.name.split(".")[0]
        alive = any(os.path.lexists(root / name / f"{session_id}.json") for name in SESSION_FOLDERS)
        if not alive and _mtime(entry) < older_than:
            removed += _remove(entry.path)
    return removed
