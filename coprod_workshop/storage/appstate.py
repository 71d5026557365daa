"""What the app remembers between runs: recent sessions and whether it closed cleanly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from coprod_workshop.storage.atomic import AtomicJSONStorage, UnreadableFile

RECENT_KEPT = 8

Doc = dict[str, Any]


class AppState:
    """``app.json`` in the data folder (TinyDB table ``state``, document 1).

    ``running`` holds the id of the session a running app has open; it is
    cleared on a clean quit, so finding it set at start-up means the app
    stopped unexpectedly (crash, power cut, laptop lid closed for good).

    Two copies of the app may run at once: every change is applied to what
    is on disk at that moment (read, change, write), so one copy never
    overwrites what the other wrote. Only convenience data lives here, so a
    write that fails (disk full, read-only folder) is remembered in
    ``write_error`` and the app carries on.
    """

    def __init__(self, root: Path) -> None:
        self.path = Path(root) / "app.json"
        self.write_error = ""
        self._db = TinyDB(self.path, storage=AtomicJSONStorage)
        self._table = self._db.table("state", cache_size=0)
        self._running: str | None = None  # what this copy put in "running"
        self._doc = self._read()

    def _read(self) -> Doc:
        try:
            doc = dict(self._table.get(doc_id=1) or {})
        except UnreadableFile:
            # Keep the damaged file for inspection and start afresh.
            try:
                self.path.replace(self.path.with_suffix(".damaged.json"))
            except OSError:
                pass
            doc = {}
        except OSError:
            doc = {}
        if not isinstance(doc.get("recent"), list):
            doc["recent"] = []
        return doc

    def _update(self, change: Callable[[Doc], None]) -> None:
        """Apply ``change`` to the latest state on disk, then write it."""
        doc = self._read() if self.path.exists() else self._doc
        change(doc)
        self._doc = doc
        try:
            self._table.upsert(Document(doc, doc_id=1))
        except OSError as err:
            self.write_error = err.strerror or str(err)
        else:
            self.write_error = ""

    def recent(self) -> list[dict[str, str]]:
        """Recently opened sessions, newest first: ``{"id", "title"}``."""
        return _recent(self._doc)

    def note_opened(self, session_id: str, title: str) -> None:
        def change(doc: Doc) -> None:
            recent = [r for r in _recent(doc) if r["id"] != session_id]
            doc["recent"] = [{"id": session_id, "title": title}, *recent][:RECENT_KEPT]
            doc["running"] = session_id

        self._running = session_id
        self._update(change)

    def forget(self, session_id: str) -> None:
        def change(doc: Doc) -> None:
            doc["recent"] = [r for r in _recent(doc) if r["id"] != session_id]
            if doc.get("running") == session_id:
                doc["running"] = None

        self._update(change)

    def unclean_exit(self) -> str | None:
        """The session that was open when the app last stopped without quitting."""
        running = self._doc.get("running")
        return running if isinstance(running, str) else None

    def mark_clean_exit(self) -> None:
        """Clear ``running``, unless another copy has put its own session there since."""
        mine = self._running

        def change(doc: Doc) -> None:
            if mine is None or doc.get("running") in (mine, None):
                doc["running"] = None

        self._update(change)

    def template_used(self, key: str) -> str:
        """When a template or plan last started a session (ISO time), or ``""``."""
        used = self._doc.get("templates_used")
        value = used.get(key) if isinstance(used, dict) else None
        return value if isinstance(value, str) else ""

    def note_template_used(self, key: str) -> None:
        def change(doc: Doc) -> None:
            used = doc.get("templates_used")
            if not isinstance(used, dict):
                used = doc["templates_used"] = {}
            used[key] = datetime.now().isoformat(timespec="minutes")

        self._update(change)

    def close(self) -> None:
        self._db.close()


def _recent(doc: Doc) -> list[dict[str, str]]:
    return [
        r
        for r in doc["recent"]
        if isinstance(r, dict) and isinstance(r.get("id"), str) and isinstance(r.get("title"), str)
    ]
