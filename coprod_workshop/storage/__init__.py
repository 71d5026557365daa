"""Where sessions, templates and app state live on disk (TinyDB, no Qt)."""

from coprod_workshop.storage.atomic import AtomicJSONStorage
from coprod_workshop.storage.store import (
    SessionInfo,
    SessionLocked,
    SessionStore,
    SessionUnreadable,
    StoreProblem,
)

__all__ = [
    "AtomicJSONStorage",
    "SessionInfo",
    "SessionLocked",
    "SessionStore",
    "SessionUnreadable",
    "StoreProblem",
]
