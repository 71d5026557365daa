"""The library of saved sessions: one TinyDB file per session.

Layout under the data folder (see docs/storage.md)::

    sessions/<id>.json        one session (TinyDB table "session", document 1)
    sessions/<id>.json.lock   held while a running app has the session open
    backups/<id>.<n>.json     the last few saves, rotated every few minutes
    quarantine/               files that could not be read, with a note why
    deleted/                  sessions the user deleted (can be put back)

One file per session keeps the cost of saving a session independent of how
many sessions the library holds.
"""

from __future__ import annotations

import builtins
import os
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import TinyDB

from coprod_workshop import __version__
from coprod_workshop.core.errors import DocumentError, NewerSchemaError
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.storage.atomic import (
    AtomicJSONStorage,
    UnreadableFile,
    fsync_folder,
    write_atomically,
)
from coprod_workshop.storage.migrations import upgrade

if TYPE_CHECKING:
    from filelock import FileLock

TABLE = "session"
BACKUPS_KEPT = 3
BACKUP_INTERVAL_S = 5 * 60


class SessionUnreadable(Exception):
    """A session file could not be opened; ``problem`` says why and what was done."""

    def __init__(self, problem: StoreProblem) -> None:
        super().__init__(problem.message())
        self.problem = problem


class SessionLocked(Exception):
    """Another running copy of the app has this session open."""


@dataclass(frozen=True)
class StoreProblem:
    """A file the store could not use, in words for the facilitator."""

    path: Path
    reason: str
    title: str = ""
    moved_to: Path | None = None
    restored_from: Path | None = None
    #: when the backup that replaced the damaged file was saved
    restored_saved_at: datetime | None = None

    def message(self) -> str:
        name = f"“{self.title}”" if self.title else f"The file {self.path.name}"
        text = f"{name} could not be opened: {self.reason}."
        if self.restored_saved_at is not None:
            saved = self.restored_saved_at
            text += f" It was restored from the backup saved at {saved:%H:%M on %d %b}."
        if self.moved_to is not None:
            text += f" The damaged file was kept, untouched, in {self.moved_to.parent}."
        else:
            text += " The file was left as it is."
        return text


@dataclass(frozen=True)
class SessionInfo:
    """What the session list shows without keeping whole sessions in memory."""

    id: str
    title: str
    date: str
    steps: int
    minutes: int
    modified: float
    path: Path


def read_session_file(path: Path, registry: Registry) -> Session:
    """Read one session file; raise UnreadableFile or DocumentError if unusable."""
    if not path.exists():
        raise FileNotFoundError(path)
    db = TinyDB(path, storage=AtomicJSONStorage)
    try:
        doc = db.table(TABLE, cache_size=0).get(doc_id=1)
        if doc is None:
            raise DocumentError("the file holds no session")
        return Session.from_doc(upgrade(doc), registry)
    finally:
        db.close()


class SessionStore:
    """Saved sessions (or templates) in one folder of the data folder."""

    def __init__(self, root: Path, registry: Registry, folder: str = "sessions") -> None:
        self.root = Path(root)
        self.registry = registry
        self.folder = self.root / folder
        self.backups = self.root / "backups"
        self.quarantine = self.root / "quarantine"
        self.deleted = self.root / "deleted"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.problems: list[StoreProblem] = []
        self._locks: dict[str, FileLock] = {}
        self._dbs: dict[str, TinyDB] = {}
        self._last_backup: dict[str, float] = {}

    # -- paths -------------------------------------------------------------
    def path_of(self, session_id: str) -> Path:
        if not session_id or not all(c.isalnum() or c in "-_" for c in session_id):
            raise KeyError(session_id)
        return self.folder / f"{session_id}.json"

    def _backup_path(self, session_id: str, n: int) -> Path:
        return self.backups / f"{session_id}.{n}.json"

    # -- reading -------------------------------------------------------------
    def ids(self) -> list[str]:
        return sorted(p.stem for p in self.folder.glob("*.json") if not p.name.startswith("."))

    def find(self, prefix: str) -> str:
        """The id that ``prefix`` starts (an exact id always wins)."""
        ids = self.ids()
        if prefix in ids:
            return prefix
        matches = [i for i in ids if i.startswith(prefix)]
        if len(matches) != 1:
            raise KeyError(prefix)
        return matches[0]

    def load(self, session_id: str) -> Session:
        """Open a saved session.

        A damaged file is moved to ``quarantine/`` and, if a backup of it can
        be read, the backup takes its place (recorded in ``problems``); if
        not, :class:`SessionUnreadable` is raised. A file from a newer version
        of the app is left where it is.
        """
        path = self.path_of(session_id)
        if not path.exists():
            raise KeyError(session_id)
        try:
            session = read_session_file(path, self.registry)
        except NewerSchemaError as err:
            problem = StoreProblem(path, str(err))
            self.problems.append(problem)
            raise SessionUnreadable(problem) from None
        except (UnreadableFile, DocumentError) as err:
            session = self._recover(session_id, path, str(err))
        # The file name is the id: a copied file keeps its own name and identity.
        session.id = session_id
        return session

    def _recover(self, session_id: str, path: Path, reason: str) -> Session:
        moved = self._move_aside(path, reason)
        for n in range(1, BACKUPS_KEPT + 1):
            backup = self._backup_path(session_id, n)
            try:
                session = read_session_file(backup, self.registry)
            except (OSError, UnreadableFile, DocumentError):
                continue
            saved_at = datetime.fromtimestamp(backup.stat().st_mtime)
            write_atomically(path, backup.read_text(encoding="utf-8"))
            self.problems.append(StoreProblem(path, reason, session.title, moved, backup, saved_at))
            return session
        problem = StoreProblem(path, reason, moved_to=moved)
        self.problems.append(problem)
        raise SessionUnreadable(problem)

    def _move_aside(self, path: Path, reason: str) -> Path:
        self.quarantine.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.quarantine / f"{path.stem}.{stamp}{path.suffix}"
        os.replace(path, target)
        target.with_suffix(".txt").write_text(
            f"{path.name} was moved here on {datetime.now():%Y-%m-%d %H:%M} because {reason}.\n",
            encoding="utf-8",
        )
        fsync_folder(self.folder)
        return target

    def list(self) -> list[SessionInfo]:
        """Every readable session, newest first; damaged files go to ``problems``."""
        infos = []
        for session_id in self.ids():
            try:
                session = self.load(session_id)
            except (SessionUnreadable, KeyError):
                continue
            path = self.path_of(session_id)
            infos.append(
                SessionInfo(
                    session.id,
                    session.title,
                    session.date,
                    len(session.steps),
                    session.planned_minutes,
                    path.stat().st_mtime,
                    path,
                )
            )
        infos.sort(key=lambda info: info.modified, reverse=True)
        return infos

    def take_problems(self) -> builtins.list[StoreProblem]:  # `list` is a method here
        problems, self.problems = self.problems, []
        return problems

    # -- writing -------------------------------------------------------------
    def lock(self, session_id: str) -> None:
        """Claim the session for this process; raise SessionLocked if another has it.

        The lock is an OS file lock: it ends with the process that holds it,
        so a crashed app never leaves a session locked.
        """
        if session_id in self._locks:
            return
        from filelock import FileLock, Timeout  # slow to import: only once a session opens

        lock = FileLock(f"{self.path_of(session_id)}.lock", timeout=0, is_singleton=False)
        try:
            lock.acquire()
        except Timeout:
            raise SessionLocked(
                "This session is open in another copy of coprod-workshop. "
                "Close it there first, then open it here."
            ) from None
        self._locks[session_id] = lock

    def unlock(self, session_id: str) -> None:
        lock = self._locks.pop(session_id, None)
        if lock is not None:
            lock.release()
        db = self._dbs.pop(session_id, None)
        if db is not None:
            db.close()

    def close(self) -> None:
        for session_id in list(self._locks):
            self.unlock(session_id)

    def save(self, session: Session) -> Path:
        """Write the whole session atomically (and rotate its backups now and then)."""
        self.lock(session.id)
        path = self.path_of(session.id)
        if path.exists():
            self._maybe_backup(session.id, path)
        doc = session.to_doc()
        doc["saved_at"] = datetime.now().isoformat(timespec="seconds")
        doc["app_version"] = __version__
        db = self._dbs.get(session.id)
        if db is None:
            db = self._dbs[session.id] = TinyDB(path, storage=AtomicJSONStorage)
        # One storage write replaces the whole table, so a save is one atomic
        # file replacement and never reads back a file that may be damaged.
        db.storage.write({TABLE: {"1": doc}})
        db.clear_cache()
        return path

    def _maybe_backup(self, session_id: str, path: Path) -> None:
        now = time.monotonic()
        last = self._last_backup.get(session_id)
        if last is not None and now - last < BACKUP_INTERVAL_S:
            return
        self._last_backup[session_id] = now
        self.backups.mkdir(parents=True, exist_ok=True)
        newest = self._backup_path(session_id, 1)
        if newest.exists() and os.path.samefile(newest, path):
            # Already backed up (the save after the last backup failed). Linking
            # it again would fill every slot with one file, and renaming a link
            # onto another link of the same file does nothing, so saves would fail.
            return
        for n in range(BACKUPS_KEPT - 1, 0, -1):
            older = self._backup_path(session_id, n)
            if older.exists():
                os.replace(older, self._backup_path(session_id, n + 1))
        try:
            os.link(path, newest)  # the live file is only ever replaced, so a link is a copy
        except OSError:
            shutil.copy2(path, newest)

    def delete(self, session_id: str) -> Path:
        """Move a session to ``deleted/``; return where, for :meth:`undelete`."""
        self.unlock(session_id)
        path = self.path_of(session_id)
        self.deleted.mkdir(parents=True, exist_ok=True)
        target = self.deleted / f"{session_id}.{int(time.time() * 1000)}.json"
        os.replace(path, target)
        fsync_folder(self.folder)
        return target

    def undelete(self, deleted_path: Path) -> str:
        """Put a deleted session back; return its id."""
        session_id = deleted_path.name.split(".")[0]
        path = self.path_of(session_id)
        if path.exists():
            raise FileExistsError(path)
        os.replace(deleted_path, path)
        fsync_folder(self.folder)
        return session_id


def read_plan(path: Path, registry: Registry) -> Session:
    """Read a ready-made plan or template file; never moves or changes it."""
    try:
        return read_session_file(Path(path), registry)
    except (UnreadableFile, DocumentError) as err:
        raise SessionUnreadable(StoreProblem(Path(path), str(err))) from None
