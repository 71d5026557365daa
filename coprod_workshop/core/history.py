"""A group's earlier workshops: what storage offers the exercises that look back (the
journey; a review of last time's actions), so that none of them opens the store itself.

``storage.SessionStore`` is a :class:`GroupHistory`; the workshop hands it on as
``Workshop.history`` (None when nothing is stored, as for a screenshot of a plan).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, Protocol

from coprod_workshop.core.session import Session


class Digest(NamedTuple):
    """What a kind keeps of one stored session (``ExerciseKind.digest``), with the
    session's id, title and date."""

    session_id: str
    title: str
    date: str
    data: Any


class GroupHistory(Protocol):
    def sessions_of_group(self, group: str, same: Callable[[str, str], bool]) -> Iterator[Session]:
        """Every readable session whose group ``same(group, its group)`` holds."""
        ...

    def digests_of_group(
        self, group: str, same: Callable[[str, str], bool], kind: str
    ) -> list[Digest]:
        """The ``kind`` digest of every readable session of the group, read from the
        summary index (only files changed since it was written are opened)."""
        ...


def same_group(a: str, b: str) -> bool:
    """Group names match whatever their case and spacing ("Carers' Forum " = "carers' forum")."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
