"""The library of saved sessions: one TinyDB file per session.

Layout under the data folder (see docs/storage.md)::

    sessions/<id>.json         one session (TinyDB table "session", document 1)
    sessions/<id>.json.lock    held while a running app has the session open
    sessions/.summaries.index  what the session list shows, so listing is quick
    backups/<id>.<n>.json      the last few saves, rotated every few minutes
    quarantine/                files that could not be read, with a note why
    deleted/                   sessions the user deleted (can be put back)

One file per session keeps the cost of saving a session independent of how
many sessions the library holds.
"""

from __future__ import annotations

import builtins
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tinydb import TinyDB

from coprod_workshop import __version__
from coprod_workshop.core.errors import DocumentError, NewerSchemaError
from coprod_workshop.core.history import Digest
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.storage import index
from coprod_workshop.storage.atomic import (
    AtomicJSONStorage,
    NotPermitted,
    UnreadableFile,
    encode,
    fsync_folder,
    write_atomically,
)
from coprod_workshop.storage.checks import check_doc
from coprod_workshop.storage.migrations import upgrade

if TYPE_CHECKING:
    from filelock import FileLock

TABLE = "session"
BACKUPS_KEPT = 3
BACKUP_INTERVAL_S = 5 * 60
#: listing rewrites the summary index when it had to read more files than this
REREAD_KEPT = 3


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


class Snapshot(NamedTuple):
    """A session's file as it will be written, taken at one moment."""

    session_id: str
    #: the whole file, encoded
    text: str
    #: what the session list shows (see ``index.listed``)
    listed: list[Any]


class SessionInfo(NamedTuple):
    """What the session list shows without keeping whole sessions in memory."""

    id: str
    title: str
    date: str
    steps: int
    minutes: int
    modified: float
    folder: Path

    @property
    def path(self) -> Path:
        return self.folder / f"{self.id}.json"


def read_session_file(path: Path, registry: Registry, *, saved: bool = False) -> Session:
    """Read one session file; raise UnreadableFile or DocumentError if unusable.

    ``saved``: the app wrote the file itself, so a room's results it lacks
    are damage, not defaults (a hand-made plan may leave them out).
    """
    if not os.path.lexists(path):
        raise FileNotFoundError(path)
    db = TinyDB(path, storage=AtomicJSONStorage)
    try:
        doc = db.table(TABLE, cache_size=0).get(doc_id=1)
        if doc is None:
            raise DocumentError("the file holds no session")
        check_doc(doc, saved=saved)
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
        # Nothing is created until something is saved (listing an empty folder
        # leaves it empty).
        self.problems: list[StoreProblem] = []
        self._locks: dict[str, FileLock] = {}
        self._dbs: dict[str, TinyDB] = {}
        self._last_backup: dict[str, float] = {}
        self._summaries: dict[str, index.Entry] = {}
        self._index_read: tuple[list[int], dict[str, index.Entry]] | None = None
        #: held while a snapshot is written (saving may happen off the window's thread)
        self._writing = threading.RLock()

    # -- paths -------------------------------------------------------------
    def path_of(self, session_id: str) -> Path:
        if not session_id or not all(c.isalnum() or c in "-_" for c in session_id):
            raise KeyError(session_id)
        return self.folder / f"{session_id}.json"

    def _backup_path(self, session_id: str, n: int) -> Path:
        return self.backups / f"{session_id}.{n}.json"

    # -- reading -------------------------------------------------------------
    def ids(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json") if not p.name.startswith("."))

    def find(self, prefix: str) -> str:
        """The id that ``prefix`` starts (an exact id always wins)."""
        if not prefix:
            raise KeyError(prefix)  # never "the only session"
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
        if not os.path.lexists(path):
            raise KeyError(session_id)
        try:
            session = read_session_file(path, self.registry, saved=True)
        except (NewerSchemaError, NotPermitted) as err:
            # Not damaged: newer work, or a file this user may not read. Left as it is.
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
                session = read_session_file(backup, self.registry, saved=True)
                saved_at = datetime.fromtimestamp(backup.stat().st_mtime)
                write_atomically(path, backup.read_text(encoding="utf-8"))
            except (OSError, UnreadableFile, DocumentError):
                continue
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

    def summaries(self) -> list[SessionInfo]:
        """Every readable session, newest first; unreadable files go to ``problems``.

        Listing changes no session file: a damaged one is reported and left
        where it is, to be set aside (and restored from a backup) when it is
        opened. Summaries come from the index (:mod:`storage.index`); only
        files changed since it was written are read.
        """
        infos = []
        for session_id, entry in self._entries().items():
            title, date, steps, minutes = entry[2:6]
            infos.append(
                SessionInfo(session_id, title, date, steps, minutes, entry[0] / 1e9, self.folder)
            )
        infos.sort(key=lambda info: info.modified, reverse=True)
        return infos

    def _entries(self) -> dict[str, index.Entry]:
        """The index entry of every readable session: from the index, or read again from
        a file changed since (the index is written again when many were)."""
        known = self._read_index()
        fresh: dict[str, index.Entry] = {}
        read = 0
        for session_id, key in index.session_files(self.folder):
            entry = known.get(session_id)
            if entry is None or entry[:2] != key:
                path = self.path_of(session_id)
                try:
                    session = read_session_file(path, self.registry, saved=True)
                except (OSError, UnreadableFile, DocumentError) as err:
                    self.problems.append(StoreProblem(path, str(err)))
                    continue
                entry = [*key, *index.listed(session, self.registry.digests(session))]
                read += 1
            fresh[session_id] = entry
        # Rewriting the index for one or two files (the sessions open right
        # now, saved again every few seconds) would cost more than reading them.
        if (read > REREAD_KEPT or len(fresh) < len(known)) and self.folder.is_dir():
            index.write_index(self.folder, fresh)
        return fresh

    def _read_index(self) -> dict[str, index.Entry]:
        """The index as last read, unless its file has changed since (a journey and a
        review shown together parse it once)."""
        key = index.file_key(self.folder / index.INDEX_NAME)
        if key is None or self._index_read is None or self._index_read[0] != key:
            self._index_read = (key, index.read_index(self.folder)) if key else None
            return self._index_read[1] if self._index_read else {}
        return self._index_read[1]

    def digests_of_group(
        self, group: str, same: Callable[[str, str], bool], kind: str
    ) -> builtins.list[Digest]:
        """The ``kind`` digest (``ExerciseKind.digest``) of every readable session whose
        group ``same(group, its group)`` holds, from the summary index: a group's
        journey and its open actions without opening every file."""
        return [
            Digest(session_id, entry[2], entry[3], entry[7].get(kind))
            for session_id, entry in self._entries().items()
            if same(group, entry[6]) and entry[7].get(kind) is not None
        ]

    def sessions_of_group(self, group: str, same: Callable[[str, str], bool]) -> Iterator[Session]:
        """Every readable session whose group ``same(group, its group)`` holds.

        Each file's group is found in its text first (:func:`stored_group`); only
        the sessions of the group are built (a damaged one is recovered as
        :meth:`load` does).
        Used when a group's journey is shown, never when saving or starting up.
        """
        for session_id in self.ids():
            theirs = stored_group(self.path_of(session_id))
            if theirs is not None and not same(group, theirs):
                continue
            try:
                session = self.load(session_id)
            except (SessionUnreadable, KeyError):
                continue
            if same(group, session.group):
                yield session

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

        lock_path = Path(f"{self.path_of(session_id)}.lock")
        if os.path.lexists(lock_path) and not lock_path.is_file():
            # A folder or a FIFO in the lock's place: set it aside, say so, go on.
            reason = "its lock file was not a file"
            moved = self._move_aside(lock_path, reason)
            self.problems.append(StoreProblem(lock_path, reason, moved_to=moved))
        self.folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path), timeout=0, is_singleton=False)
        try:
            lock.acquire()
        except Timeout:
            raise SessionLocked(
                "This session is open in another copy of coprod-workshop. "
                "Close it there first, then open it here."
            ) from None
        self._locks[session_id] = lock

    def unlock(self, session_id: str) -> None:
        self._note_summary(session_id)
        lock = self._locks.pop(session_id, None)
        if lock is not None:
            lock.release()
        with self._writing:
            db = self._dbs.pop(session_id, None)
        if db is not None:
            db.close()

    def close(self) -> None:
        for session_id in list(self._locks):
            self.unlock(session_id)

    def save(self, session: Session) -> Path:
        """Write the whole session atomically (and rotate its backups now and then)."""
        return self.write(self.snapshot(session))

    def snapshot(self, session: Session) -> Snapshot:
        """The session as it stands now, ready for :meth:`write`.

        Taken on the thread that changes the session; the snapshot shares
        nothing with it, so writing it may happen on another thread while the
        room goes on.
        """
        self.lock(session.id)
        doc = session.to_doc()
        doc["saved_at"] = datetime.now().isoformat(timespec="seconds")
        doc["app_version"] = __version__
        # One storage write replaces the whole table, so a save is one atomic
        # file replacement and never reads back a file that may be damaged.
        text = encode({TABLE: {"1": doc}})
        return Snapshot(session.id, text, index.listed(session, self.registry.digests(session)))

    def write(self, snapshot: Snapshot) -> Path:
        """Write a snapshot atomically; on any thread, one write at a time."""
        session_id = snapshot.session_id
        path = self.path_of(session_id)
        with self._writing:
            if os.path.lexists(path):
                self._maybe_backup(session_id, path)
            db = self._dbs.get(session_id)
            if db is None:
                db = self._dbs[session_id] = TinyDB(path, storage=AtomicJSONStorage)
            storage = db.storage
            assert isinstance(storage, AtomicJSONStorage)
            storage.write_encoded(snapshot.text)
            key = index.file_key(path)
            if key is not None:
                self._summaries[session_id] = [*key, *snapshot.listed]
        return path

    def _note_summary(self, session_id: str) -> None:
        """Put the last save of a session this copy is done with into the index.

        Done once when the session closes, not on every save: until then,
        listing reads that one file again, which costs about a millisecond.
        """
        entry = self._summaries.pop(session_id, None)
        if entry is None or index.file_key(self.path_of(session_id)) != entry[:2]:
            return  # changed by someone else since: listing reads it again
        entries = index.read_index(self.folder)
        entries[session_id] = entry
        index.write_index(self.folder, entries)

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
        """Move a session and its backups to ``deleted/``; return where, for :meth:`undelete`."""
        path = self.path_of(session_id)
        with self._writing:  # never while a save of it is being written
            self.deleted.mkdir(parents=True, exist_ok=True)
            stem = f"{session_id}.{int(time.time() * 1000)}"
            target = self.deleted / f"{stem}.json"
            os.replace(path, target)
            fsync_folder(self.folder)
            for n in range(1, BACKUPS_KEPT + 1):
                backup = self._backup_path(session_id, n)
                if backup.exists():
                    os.replace(backup, self.deleted / f"{stem}.backup{n}.json")
            lock_path = Path(f"{path}.lock")
            if session_id in self._locks:
                lock_path.unlink(missing_ok=True)  # still ours: nobody else can be using it
            self.unlock(session_id)
            self._summaries.pop(session_id, None)
            self._last_backup.pop(session_id, None)
            return target

    def undelete(self, deleted_path: Path) -> str:
        """Put a deleted session (and its backups) back; return its id."""
        session_id = deleted_path.name.split(".")[0]
        path = self.path_of(session_id)
        if path.exists():
            raise FileExistsError(path)
        self.folder.mkdir(parents=True, exist_ok=True)
        os.replace(deleted_path, path)
        fsync_folder(self.folder)
        stem = deleted_path.name.removesuffix(".json")
        for n in range(1, BACKUPS_KEPT + 1):
            backup = deleted_path.with_name(f"{stem}.backup{n}.json")
            if backup.exists() and not self._backup_path(session_id, n).exists():
                self.backups.mkdir(parents=True, exist_ok=True)
                os.replace(backup, self._backup_path(session_id, n))
        return session_id


HEAD_BYTES = 4096
#: a session's own "group" field, written before its steps (``Session.to_doc``)
_GROUP = re.compile(r'"group":\s*("(?:[^"\\]|\\.)*")')


def stored_group(path: Path) -> str | None:
    """The group a session file names, found without reading the whole document.

    Only the text before ``"steps"`` is searched, where the session's own fields
    are; a file without a group (saved before sessions had one) gives ``""``.
    None if the file cannot be read as text: the caller loads it to find out.
    """
    try:
        with open(path, "rb") as file:
            head = file.read(HEAD_BYTES)
            text = head.decode("utf-8", errors="ignore")
            if '"steps":' not in text and len(head) == HEAD_BYTES:
                text = (head + file.read()).decode("utf-8")  # a very long title or plan
    except (OSError, UnicodeDecodeError):
        return None
    end = text.find('"steps":')
    match = _GROUP.search(text if end < 0 else text[:end])
    if match is None:
        return "" if end >= 0 else None
    try:
        value = json.loads(match.group(1))
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def read_plan(path: Path, registry: Registry) -> Session:
    """Read a ready-made plan or template file; never moves or changes it."""
    try:
        return read_session_file(Path(path), registry)
    except (UnreadableFile, DocumentError) as err:
        raise SessionUnreadable(StoreProblem(Path(path), str(err))) from None


def write_copy(session: Session, path: Path) -> Path:
    """Write ``session`` as a session file at ``path`` (saving elsewhere when the
    data folder cannot be written); copied into ``sessions/`` it opens again."""
    doc = session.to_doc()
    doc["saved_at"] = datetime.now().isoformat(timespec="seconds")
    doc["app_version"] = __version__
    AtomicJSONStorage(path).write({TABLE: {"1": doc}})
    return path
