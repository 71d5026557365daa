"""What the app remembers between runs: recent sessions and whether it closed cleanly."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from coprod_workshop.storage.atomic import AtomicJSONStorage, UnreadableFile

RECENT_KEPT = 8


class AppState:
    """``app.json`` in the data folder (TinyDB table ``state``, document 1).

    ``running`` holds the id of the session a running app has open; it is
    cleared on a clean quit, so finding it set at start-up means the app
    stopped unexpectedly (crash, power cut, laptop lid closed for good).
    """

    def __init__(self, root: Path) -> None:
        self.path = Path(root) / "app.json"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = TinyDB(self.path, storage=AtomicJSONStorage)
        self._table = self._db.table("state", cache_size=0)
        try:
            self._doc: dict[str, Any] = dict(self._table.get(doc_id=1) or {})
        except UnreadableFile:
            # Only convenience data lives here; keep the damaged file for
            # inspection and start afresh.
            self.path.replace(self.path.with_suffix(".damaged.json"))
            self._doc = {}
        if not isinstance(self._doc.get("recent"), list):
            self._doc["recent"] = []

    def _write(self) -> None:
        self._table.upsert(Document(self._doc, doc_id=1))

    def recent(self) -> list[dict[str, str]]:
        """Recently opened sessions, newest first: ``{"id", "title"}``."""
        return [
            r
            for r in self._doc["recent"]
            if isinstance(r, dict)
            and isinstance(r.get("id"), str)
            and isinstance(r.get("title"), str)
        ]

    def note_opened(self, session_id: str, title: str) -> None:
        recent = [r for r in self.recent() if r["id"] != session_id]
        self._doc["recent"] = [{"id": session_id, "title": title}, *recent][:RECENT_KEPT]
        self._doc["running"] = session_id
        self._write()

    def forget(self, session_id: str) -> None:
        self._doc["recent"] = [r for r in self.recent() if r["id"] != session_id]
        if self._doc.get("running") == session_id:
            self._doc["running"] = None
        self._write()

    def unclean_exit(self) -> str | None:
        """The session that was open when the app last stopped without quitting."""
        running = self._doc.get("running")
        return running if isinstance(running, str) else None

    def mark_clean_exit(self) -> None:
        self._doc["running"] = None
        self._write()

    def template_used(self, key: str) -> str:
        """When a template or plan last started a session (ISO time), or ``""``."""
        used = self._doc.get("templates_used")
        value = used.get(key) if isinstance(used, dict) else None
        return value if isinstance(value, str) else ""

    def note_template_used(self, key: str) -> None:
        used = self._doc.get("templates_used")
        if not isinstance(used, dict):
            used = self._doc["templates_used"] = {}
        used[key] = datetime.now().isoformat(timespec="minutes")
        self._write()

    def close(self) -> None:
        self._db.close()
