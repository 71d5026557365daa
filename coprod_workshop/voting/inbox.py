"""What participants send from their phones for the facilitator to moderate (pure Python).

A step that takes notes or actions from phones (the Sue and Mick grid, "Our next
steps") holds a :class:`Collection`: whether phones may send now, the round they
send in (a new id each time the facilitator opens the step to phones, so a page
left open from an earlier opening is refused, not misfiled), whether the step
shows what arrives at once ("show as they arrive", for trusted groups), and the
inbox: contributions waiting for the facilitator, and those set aside.

Nothing in the inbox is on the projector: a contribution reaches the step's own
results only when the facilitator accepts it (an exercise's accept command).
Contributions are anonymous: the request id the phone chose is kept so that a
retried request is taken once, never who sent it.

Every change is an undoable command here or in the exercise's ``commands`` module,
announced with ``session.state_changed(step_id, "inbox")``; the collection is saved
with the step's state, so the inbox survives a crash like any other change.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any, Protocol, runtime_checkable

from coprod_workshop.core.commands import MergeableCommand
from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field
from coprod_workshop.core.session import Session, new_id
from coprod_workshop.voting.dots import DotRound

#: what a phone may send at one step: notes (a cell and a text), actions, feedback
KINDS = ("note", "action", "feedback")
#: the longest note or action text a phone may send (refused beyond, never cut)
MAX_PHONE_TEXT = 280
MAX_PHONE_WHO = 80
MAX_PHONE_WHEN = 40
#: contributions one phone may send to one step
PER_PARTICIPANT = 10
#: contributions a step's inbox takes from phones in all (waiting, set aside and accepted)
PER_STEP = 600
#: where a contribution came from, as the report says it
SOURCES = ("phone", "facilitator")
INBOX = "inbox"


@dataclass(frozen=True)
class Contribution:
    """One note or action from a phone. ``place`` is the cell of a note (0-5), -1 for an
    action; ``who`` and ``when`` are an action's (either may be empty)."""

    id: str
    text: str
    place: int = -1
    who: str = ""
    when: str = ""
    request_id: str = ""
    time: float = 0.0

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "place": self.place,
            "who": self.who,
            "when": self.when,
            "request_id": self.request_id,
            "time": self.time,
        }

    @classmethod
    def from_doc(cls, doc: Any, where: str) -> Contribution:
        when = doc.get("time", 0.0) if isinstance(doc, dict) else 0.0
        if not isinstance(when, int | float) or isinstance(when, bool):
            raise DocumentError(f"{where}: 'time' should be a number")
        item = cls(
            field(doc, "id", str, where),
            field(doc, "text", str, where),
            field(doc, "place", int, where, -1),
            field(doc, "who", str, where, ""),
            field(doc, "when", str, where, ""),
            field(doc, "request_id", str, where, ""),
            float(when),
        )
        if not item.id or not item.text.strip():
            raise DocumentError(f"{where}: a contribution needs an id and some text")
        return item


class Collection:
    """A step's openness to phones and its inbox (changed by commands only)."""

    def __init__(
        self,
        *,
        open: bool = False,
        round_id: str = "",
        live: bool = False,
        pending: list[Contribution] | None = None,
        aside: list[Contribution] | None = None,
        requests: dict[str, str] | None = None,
        dots: DotRound | None = None,
    ) -> None:
        self.open = open
        #: the step's dot round, if the facilitator has opened one (``voting.dots``)
        self.dots = dots
        self.round_id = round_id
        self.live = live
        self.pending: list[Contribution] = list(pending or [])
        self.aside: list[Contribution] = list(aside or [])
        #: request id -> contribution id, for every contribution taken at this step
        self.requests: dict[str, str] = dict(requests or {})

    def find(self, item_id: str) -> tuple[list[Contribution], int]:
        """The list holding ``item_id`` (pending or aside) and its index there."""
        for held in (self.pending, self.aside):
            for index, item in enumerate(held):
                if item.id == item_id:
                    return held, index
        raise KeyError(item_id)

    def status(self, request_id: str) -> str:
        """What became of a phone's request: "waiting", "set aside", "accepted" or ""."""
        item_id = self.requests.get(request_id)
        if item_id is None:
            return ""
        if any(i.id == item_id for i in self.pending):
            return "waiting"
        if any(i.id == item_id for i in self.aside):
            return "set aside"
        return "accepted"

    def statuses(self) -> dict[str, str]:
        """What became of every request (as :meth:`status`), in one pass."""
        waiting = {i.id for i in self.pending}
        aside = {i.id for i in self.aside}
        return {
            request: "waiting" if item in waiting else "set aside" if item in aside else "accepted"
            for request, item in self.requests.items()
        }

    @property
    def taken(self) -> int:
        """Contributions this step has taken from phones (any outcome)."""
        return len(self.requests)

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "open": self.open,
            "round": self.round_id,
            "live": self.live,
            "pending": [item.to_doc() for item in self.pending],
            "aside": [item.to_doc() for item in self.aside],
            "requests": dict(self.requests),
        }
        if self.dots is not None:
            doc["dots"] = self.dots.to_doc()
        return doc

    @classmethod
    def from_doc(cls, doc: Any, where: str) -> Collection:
        if doc is None:
            return cls()
        where = f"{where}, phone inbox"
        held: dict[str, list[Contribution]] = {}
        for name in ("pending", "aside"):
            held[name] = [
                Contribution.from_doc(item, f"{where}, {name} {number}")
                for number, item in enumerate(field(doc, name, list, where, []), start=1)
            ]
        requests = field(doc, "requests", dict, where, {})
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in requests.items()):
            raise DocumentError(f"{where}: 'requests' should map request ids to contributions")
        return cls(
            open=field(doc, "open", bool, where, False),
            round_id=field(doc, "round", str, where, ""),
            live=field(doc, "live", bool, where, False),
            pending=held["pending"],
            aside=held["aside"],
            requests=requests,
            dots=DotRound.from_doc(doc["dots"], where) if doc.get("dots") else None,
        )

    def fresh(self) -> Collection:
        """The same setting ("show as they arrive"), closed, with an empty inbox."""
        return Collection(live=self.live)

    def saved_doc(self) -> dict[str, Any] | None:
        """:meth:`to_doc`, or None for a step never opened to phones (saved without it);
        worked out once, for an autosave of a room's hundreds of notes and dots."""
        doc = self.to_doc()
        return None if doc == _UNUSED else doc

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Collection):
            return NotImplemented
        return self.to_doc() == other.to_doc()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Collection(open={self.open}, {len(self.pending)} waiting)"


_UNUSED = Collection().to_doc()


@runtime_checkable
class Collects(Protocol):
    """What a step's state offers phones that send it notes or actions."""

    collection: Collection
    #: "note", "action" or "feedback"
    contribution_kind: str

    def contribution_places(self) -> tuple[str, ...]:
        """The names of the places a note may go ("Sue: conversations"...); () for actions."""
        ...

    def contribution_limit(self) -> int:
        """The longest text a phone may send here (refused beyond, never cut)."""
        ...

    def contribution_task(self) -> str:
        """What the phone page asks a participant to do, in plain words."""
        ...

    def dot_items(self) -> tuple[tuple[str, str], ...]:
        """(id, words) of each item a dot round may offer; () where there are none."""
        ...


def collection_of(session: Session, step_id: str) -> Collection:
    state = session.step(step_id).state
    if not isinstance(state, Collects):
        raise TypeError(f"step {step_id!r} takes nothing from phones")
    return state.collection


def check_text(text: str, limit: int, what: str) -> str:
    """``text`` made one line, or raise ValueError saying plainly why it cannot be taken."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError(f"Please write the {what} first.")
    if len(cleaned) > limit:
        raise ValueError(
            f"Your {what} is {len(cleaned)} characters long; at most {limit} fit. "
            "Please shorten it and send it again."
        )
    return cleaned


class OpenToPhones(MergeableCommand):
    """Let phones send to the step (a new round), or stop them."""

    def __init__(self, step_id: str, value: bool) -> None:
        self.step_id = step_id
        self.value = value
        self.before: tuple[bool, str] | None = None
        self.round_id = new_id()
        self.text = "Take notes from phones" if value else "Stop taking notes from phones"

    def redo(self, session: Session) -> None:
        collection = collection_of(session, self.step_id)
        if self.before is None:
            self.before = (collection.open, collection.round_id)
        collection.open = self.value
        if self.value:
            collection.round_id = self.round_id
        session.state_changed(self.step_id, INBOX)

    def undo(self, session: Session) -> None:
        assert self.before is not None
        collection = collection_of(session, self.step_id)
        collection.open, collection.round_id = self.before
        session.state_changed(self.step_id, INBOX)


class ShowAsTheyArrive(MergeableCommand):
    """The step's setting: what phones send goes straight on (no inbox), or waits."""

    def __init__(self, step_id: str, value: bool) -> None:
        self.step_id = step_id
        self.value = value
        self.old: bool | None = None
        self.text = "Show what phones send as it arrives" if value else "Moderate what phones send"

    def redo(self, session: Session) -> None:
        collection = collection_of(session, self.step_id)
        if self.old is None:
            self.old = collection.live
        collection.live = self.value
        session.state_changed(self.step_id, INBOX)

    def undo(self, session: Session) -> None:
        assert self.old is not None
        collection_of(session, self.step_id).live = self.old
        session.state_changed(self.step_id, INBOX)


class Receive(MergeableCommand):
    """A contribution from a phone joins the inbox (the exercise's accept follows at once
    when the step shows what arrives). A request id seen before changes nothing."""

    def __init__(self, step_id: str, item: Contribution) -> None:
        self.step_id = step_id
        self.item = item
        self.taken = False
        self.text = f"Receive “{item.text}” from a phone"

    def redo(self, session: Session) -> None:
        collection = collection_of(session, self.step_id)
        if self.item.request_id in collection.requests:
            self.taken = False
            return
        collection.pending.append(self.item)
        collection.requests[self.item.request_id] = self.item.id
        self.taken = True
        session.state_changed(self.step_id, INBOX)

    def undo(self, session: Session) -> None:
        if not self.taken:
            return
        collection = collection_of(session, self.step_id)
        held, index = collection.find(self.item.id)
        del held[index]
        collection.requests.pop(self.item.request_id, None)
        session.state_changed(self.step_id, INBOX)


class EditPending(MergeableCommand):
    """Change a waiting contribution's words or place before accepting it."""

    def __init__(
        self, step_id: str, item_id: str, text: str | None = None, place: int | None = None
    ) -> None:
        self.step_id = step_id
        self.item_id = item_id
        self.new_text = text
        self.new_place = place
        self.old: Contribution | None = None
        self.text = "Edit a note from a phone" if text is not None else "Move a note from a phone"

    def redo(self, session: Session) -> None:
        collection = collection_of(session, self.step_id)
        held, index = collection.find(self.item_id)
        self.old = held[index]
        changes: dict[str, Any] = {}
        if self.new_text is not None:
            changes["text"] = " ".join(self.new_text.split()) or self.old.text
        if self.new_place is not None:
            changes["place"] = self.new_place
        held[index] = replace(self.old, **changes)
        session.state_changed(self.step_id, INBOX)

    def undo(self, session: Session) -> None:
        assert self.old is not None
        collection = collection_of(session, self.step_id)
        held, index = collection.find(self.item_id)
        held[index] = self.old
        session.state_changed(self.step_id, INBOX)


class SetAside(MergeableCommand):
    """Take a waiting contribution out of the way (kept, never shown), or bring it back."""

    def __init__(self, step_id: str, item_id: str, aside: bool = True) -> None:
        self.step_id = step_id
        self.item_id = item_id
        self.aside = aside
        self.came_from: tuple[bool, int] | None = None
        self.text = "Set aside a note from a phone" if aside else "Bring back a note from a phone"

    def _move(self, collection: Collection, to_aside: bool, index: int | None) -> int:
        source, target = (
            (collection.pending, collection.aside)
            if to_aside
            else (collection.aside, collection.pending)
        )
        found = next(i for i, item in enumerate(source) if item.id == self.item_id)
        item = source.pop(found)
        target.insert(len(target) if index is None else index, item)
        return found

    def redo(self, session: Session) -> None:
        collection = collection_of(session, self.step_id)
        found = self._move(collection, self.aside, None)
        if self.came_from is None:
            self.came_from = (self.aside, found)
        session.state_changed(self.step_id, INBOX)

    def undo(self, session: Session) -> None:
        assert self.came_from is not None
        self._move(collection_of(session, self.step_id), not self.aside, self.came_from[1])
        session.state_changed(self.step_id, INBOX)


class Accept(MergeableCommand):
    """Put a waiting contribution on the step's board, as it is or as edited.

    An exercise subclasses it with :meth:`place` (add ``item`` to its results, marked as
    from a phone), :meth:`unplace` (take it back off) and :meth:`problem` (why the board
    cannot take one more, asked before the command runs).
    """

    def __init__(self, step_id: str, item_id: str) -> None:
        self.step_id = step_id
        self.item_id = item_id
        self.item: Contribution | None = None
        self.index = 0
        self.text = "Accept a note from a phone"

    def problem(self, session: Session) -> str:
        """Why the step cannot take one more now ("" if it can): ask before running."""
        return ""

    def place(self, session: Session, item: Contribution) -> None:
        raise NotImplementedError

    def unplace(self, session: Session, item: Contribution) -> None:
        raise NotImplementedError

    def redo(self, session: Session) -> None:
        collection = collection_of(session, self.step_id)
        self.index = next(i for i, x in enumerate(collection.pending) if x.id == self.item_id)
        self.item = collection.pending[self.index]
        self.place(session, self.item)  # may raise: then the inbox is as it was
        del collection.pending[self.index]
        self.text = f"Accept “{self.item.text}”"
        session.state_changed(self.step_id, INBOX)

    def undo(self, session: Session) -> None:
        assert self.item is not None
        self.unplace(session, self.item)
        collection_of(session, self.step_id).pending.insert(self.index, self.item)
        session.state_changed(self.step_id, INBOX)


def new_contribution(
    text: str, place: int = -1, who: str = "", when: str = "", request_id: str = ""
) -> Contribution:
    return Contribution(new_id(), text, place, who, when, request_id or new_id(), time.time())
