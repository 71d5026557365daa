"""Last time's actions (pure Python, no Qt): the group's open actions from its earlier
workshops, and what the room says became of each (done, going, stuck, dropped, with a note).

An action is open until a workshop marks it done or dropped; one marked going or stuck
stays open, with what each workshop said of it (its trail). The marks are kept in this
session's review step, each with a copy of the action it is about, so the record stands
on its own in the report and tells the next workshop what happened.

Earlier workshops are read through the group's history (``core.history``), as their
records (:class:`Record`): the actions each agreed and the marks each made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field as doc_field
from coprod_workshop.core.history import GroupHistory, same_group
from coprod_workshop.core.session import Session
from coprod_workshop.exercises.actions.model import MAX_TEXT, MAX_WHEN, MAX_WHO, ActionList
from coprod_workshop.exercises.cards.board import clean_text as clean

#: what the room can say of an action, in the order the console offers them
STATUSES = ("done", "going", "stuck", "dropped")
STATUS_WORDS = {"done": "Done", "going": "Going", "stuck": "Stuck", "dropped": "Dropped"}
#: an action marked so is no longer open at the next workshop
CLOSED = ("done", "dropped")
#: what the projector says beside each, "You said, we did"
STATUS_SENTENCES = {
    "done": "Done",
    "going": "Under way",
    "stuck": "Stuck",
    "dropped": "Dropped",
    "": "Not talked about yet",
}
MAX_NOTE = 200
MAX_WORKSHOP = 120
DEFAULT_PROMPT = "What happened to what we agreed last time?"
WHERE = "the review of last time's actions"


@dataclass(frozen=True)
class Agreed:
    """An action a workshop of the group agreed. ``key`` names it for good:
    ``<session id>/<step id>/<action id>``."""

    key: str
    what: str
    who: str = ""
    when: str = ""
    workshop: str = ""
    date: str = ""

    def to_doc(self) -> dict[str, str]:
        return {
            "key": self.key,
            "what": self.what,
            "who": self.who,
            "when": self.when,
            "workshop": self.workshop,
            "date": self.date,
        }

    @classmethod
    def from_doc(cls, doc: Any, where: str) -> Agreed:
        key = doc_field(doc, "key", str, where)
        what = clean(doc_field(doc, "what", str, where), MAX_TEXT)
        if not key or not what:
            raise DocumentError(f"{where} does not say which action it is")
        return cls(
            key[:200],
            what,
            clean(doc_field(doc, "who", str, where, ""), MAX_WHO),
            clean(doc_field(doc, "when", str, where, ""), MAX_WHEN),
            clean(doc_field(doc, "workshop", str, where, ""), MAX_WORKSHOP),
            clean(doc_field(doc, "date", str, where, ""), 10),
        )


@dataclass(frozen=True)
class Mark:
    """What the room said of one earlier action at this workshop."""

    action: Agreed
    status: str
    note: str = ""

    def to_doc(self) -> dict[str, str]:
        return {**self.action.to_doc(), "status": self.status, "note": self.note}

    @classmethod
    def from_doc(cls, doc: Any, where: str) -> Mark:
        status = doc_field(doc, "status", str, where)
        if status not in STATUSES:
            raise DocumentError(f"{where}: unknown status {status!r}")
        note = clean(doc_field(doc, "note", str, where, ""), MAX_NOTE)
        return cls(Agreed.from_doc(doc, where), status, note)


@dataclass(frozen=True)
class Said:
    """What one earlier workshop said of an action."""

    date: str
    workshop: str
    status: str
    note: str


@dataclass(frozen=True)
class OpenAction:
    """An action still open before this workshop, with what earlier workshops said of it."""

    action: Agreed
    trail: tuple[Said, ...] = ()

    @property
    def last_status(self) -> str:
        return self.trail[-1].status if self.trail else ""


@dataclass(frozen=True)
class Record:
    """What one workshop did with actions: those it agreed, and its marks on earlier ones
    (``(key, status, note)``)."""

    session_id: str
    title: str
    date: str
    agreed: tuple[Agreed, ...] = ()
    marks: tuple[tuple[str, str, str], ...] = ()

    def to_doc(self) -> dict[str, Any]:
        return {
            "agreed": [a.to_doc() for a in self.agreed],
            "marks": [list(m) for m in self.marks],
        }

    @classmethod
    def from_doc(cls, session_id: str, title: str, date: str, doc: Any) -> Record:
        """A record kept in the summary index; raises DocumentError if it is not one."""
        agreed = tuple(
            Agreed.from_doc(item, "an indexed action")
            for item in doc_field(doc, "agreed", list, "an index record")
        )
        marks = []
        for item in doc_field(doc, "marks", list, "an index record"):
            if not (isinstance(item, list) and len(item) == 3):
                raise DocumentError("an indexed mark is not a (key, status, note)")
            if not all(isinstance(part, str) for part in item):
                raise DocumentError("an indexed mark is not a (key, status, note)")
            marks.append((item[0], item[1], item[2]))
        return cls(session_id, title, date, agreed, tuple(marks))


@dataclass(frozen=True)
class ActionReview:
    """The question put to the room and its marks, in the order made."""

    prompt: str = DEFAULT_PROMPT
    marks: tuple[Mark, ...] = field(default_factory=tuple)

    def to_doc(self) -> dict[str, Any]:
        return {"prompt": self.prompt, "marks": [m.to_doc() for m in self.marks]}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> ActionReview:
        marks = tuple(
            Mark.from_doc(item, f"{WHERE}, mark {number}")
            for number, item in enumerate(doc_field(doc, "marks", list, WHERE, []), start=1)
        )
        if len({m.action.key for m in marks}) != len(marks):
            raise DocumentError(f"{WHERE} marks one action twice")
        prompt = clean(doc_field(doc, "prompt", str, WHERE, DEFAULT_PROMPT), MAX_TEXT)
        return cls(prompt or DEFAULT_PROMPT, marks)

    def without_results(self) -> ActionReview:
        return replace(self, marks=())

    def mark_of(self, key: str) -> Mark | None:
        return next((m for m in self.marks if m.action.key == key), None)

    # -- edited copies (the views run them as ReplaceState commands) -----------
    def with_mark(self, action: Agreed, status: str, note: str | None = None) -> ActionReview:
        """A copy saying ``status`` of ``action`` (a note of None keeps the one given)."""
        if status not in STATUSES:
            raise ValueError(f"choose one of {', '.join(STATUSES)}")
        old = self.mark_of(action.key)
        kept = old.note if old is not None and note is None else clean(note or "", MAX_NOTE)
        mark = Mark(action, status, kept)
        if old is None:
            return replace(self, marks=(*self.marks, mark))
        return replace(self, marks=tuple(mark if m is old else m for m in self.marks))

    def with_note(self, key: str, note: str) -> ActionReview:
        """A copy with ``note`` on the mark of ``key``; raises ValueError if it has none."""
        old = self.mark_of(key)
        if old is None:
            raise ValueError("say first what became of the action (done, going, stuck, dropped)")
        mark = replace(old, note=clean(note, MAX_NOTE))
        return replace(self, marks=tuple(mark if m is old else m for m in self.marks))

    def without_mark(self, key: str) -> ActionReview:
        return replace(self, marks=tuple(m for m in self.marks if m.action.key != key))

    # -- results ---------------------------------------------------------------
    def results(self) -> list[dict[str, Any]]:
        """Every mark for a report: its number (from 1), the action and what became of it."""
        return [
            {"number": number, **mark.to_doc()}
            for number, mark in enumerate(self.marks, start=1)
        ]

    def counts(self) -> dict[str, int]:
        """How many actions the room marked with each status."""
        return {s: sum(1 for m in self.marks if m.status == s) for s in STATUSES}


# -- reading the group's history -----------------------------------------------
def record_of(session: Session) -> Record:
    """The actions ``session`` agreed and its marks on earlier ones."""
    agreed: list[Agreed] = []
    marks: list[tuple[str, str, str]] = []
    for step in session.steps:
        state = step.state
        if isinstance(state, ActionList):
            for action in state.actions:
                key = f"{session.id}/{step.id}/{action.id}"
                agreed.append(
                    Agreed(key, action.what, action.who, action.when, session.title, session.date)
                )
        elif isinstance(state, ActionReview):
            marks += [(m.action.key, m.status, m.note) for m in state.marks]
    return Record(session.id, session.title, session.date, tuple(agreed), tuple(marks))


def open_actions(records: Iterable[Record], session: Session) -> list[OpenAction]:
    """The actions open before ``session``: agreed at an earlier workshop of its group and not
    marked done or dropped since, oldest first, each with what workshops said of it.

    Workshops dated after ``session`` (and ``session`` itself) are left out.
    """
    earlier = sorted(
        (r for r in records if r.session_id != session.id and _before(r.date, session.date)),
        key=lambda r: (r.date, r.title, r.session_id),
    )
    actions: dict[str, Agreed] = {}
    trails: dict[str, list[Said]] = {}
    for record in earlier:
        for agreed in record.agreed:
            actions[agreed.key] = agreed
            trails.setdefault(agreed.key, [])
        for key, status, note in record.marks:
            trails.setdefault(key, []).append(Said(record.date, record.title, status, note))
    found = [OpenAction(a, tuple(trails[k])) for k, a in actions.items()]
    return [item for item in found if item.last_status not in CLOSED]


def _before(date: str, today: str) -> bool:
    return not date or not today or date <= today


def digest(session: Session) -> dict[str, Any]:
    """What the summary index keeps of ``session`` for its group's later reviews (JSON)."""
    return record_of(session).to_doc()


def read_records(history: GroupHistory | None, session: Session) -> list[Record]:
    """The records of ``session``'s group's other workshops (none without a group), from
    the digests the summary index keeps (:func:`digest`)."""
    if history is None or not session.group.strip():
        return []
    records = []
    for found in history.digests_of_group(session.group, same_group, "review"):
        if found.session_id == session.id:
            continue
        try:
            records.append(Record.from_doc(*found))
        except DocumentError:
            continue  # a damaged index entry: the index is rebuilt when it is found so
    return records


def read_open_actions(history: GroupHistory | None, session: Session) -> list[OpenAction]:
    """The open actions ``session``'s review step shows, read from the group's history."""
    return open_actions(read_records(history, session), session)


def reviewed(state: ActionReview, found: list[OpenAction]) -> list[OpenAction]:
    """``found`` and any action this session marked that ``found`` lacks (an earlier
    workshop deleted since, or a record read from a copy): nothing marked goes missing."""
    known = {item.action.key for item in found}
    return found + [OpenAction(m.action) for m in state.marks if m.action.key not in known]
