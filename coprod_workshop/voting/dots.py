"""Dot voting (pure Python): each person puts N dots on the items they favour.

The facilitator opens a dot round on a step's items (the Sue and Mick grid's
notes, or the actions): each participant may place up to ``per_person`` dots,
several on one item if they like, and take them off again while the round is
open. Dots come from phones, from a show of hands the facilitator counts
(each hand a dot of its own, ``hand:<item>:<n>``, as for votes), or from turns
on the shared screen: while the facilitator lets the screen take dots
(``screen``), one person at a time places their dots there, as ``turn`` (a
``screen:<id>`` of its own), and :class:`NextDotTurn` hands the screen to the next
person. A round stores dots, never counts: :meth:`DotRound.counts` recounts them.
Nobody sees a count until the facilitator reveals the round; then the items show in
order, most dots first.

The round lives in the step's :class:`~coprod_workshop.voting.inbox.Collection`
(saved with the session); commands here change it and announce ``"dots"``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coprod_workshop.core.commands import MergeableCommand
from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field
from coprod_workshop.core.session import Session, new_id
from coprod_workshop.voting.rounds import HAND_PREFIX

DEFAULT_DOTS = 3
MAX_DOTS = 10
MAX_ITEMS = 600
DOTS = "dots"
#: the participant of a turn on the shared screen: ``screen:<id>``
SCREEN_PREFIX = "screen:"


def new_turn() -> str:
    return SCREEN_PREFIX + new_id()


class DotRefused(ValueError):
    """A dot that cannot be placed or taken off; ``outcome`` says why for the phone."""

    def __init__(self, outcome: str, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome


@dataclass(frozen=True)
class Dot:
    participant: str
    item: str
    source: str  # "phone", "hand" or "screen"
    request_id: str = ""

    def to_doc(self) -> dict[str, str]:
        return {
            "participant": self.participant,
            "item": self.item,
            "source": self.source,
            "request_id": self.request_id,
        }


class DotRound:
    """The items on offer (id and words, as they were when the round opened), the dots.

    The dots are the truth (saved, recounted for the report); beside them the round keeps
    each participant's dots per item and the hands per item, brought up to date with every
    dot placed or taken off, so that a phone's dot is checked, and what phones hold is
    published, without going through every dot in the room."""

    def __init__(
        self,
        id: str,
        items: tuple[tuple[str, str], ...],
        per_person: int = DEFAULT_DOTS,
        *,
        open: bool = True,
        revealed: bool = False,
        dots: list[Dot] | None = None,
        requests: set[str] | None = None,
        screen: bool = False,
        turn: str = "",
    ) -> None:
        self.id = id
        self.items = items
        self.per_person = per_person
        self.open = open
        self.revealed = revealed
        #: whether the shared screen takes dots, one person at a time
        self.screen = screen
        #: the person whose turn it is on the shared screen
        self.turn = turn or new_turn()
        #: request ids taken, so a retried request changes nothing
        self.requests: set[str] = set(requests or ())
        #: item id -> its place in ``items`` (the items never change)
        self.index = {item: n for n, (item, _) in enumerate(items)}
        self.dots = list(dots or [])

    # -- the dots and what is kept beside them --------------------------------------
    @property
    def dots(self) -> Sequence[Dot]:
        """Every dot, oldest first (read only: change them through the round)."""
        return self._dots

    @dots.setter
    def dots(self, dots: list[Dot]) -> None:
        self._dots = list(dots)
        #: participant -> item's place -> dots; an inner dict is replaced, never changed,
        #: once handed out (:meth:`by_participant`), so a copy published to the server's
        #: thread stays as it was
        self._held: dict[str, dict[int, int]] = {}
        self._placed: dict[str, int] = {}
        #: source ("phone", "screen") -> participants with dots from it -> how many
        self._people: dict[str, dict[str, int]] = {}
        self._hands = [0] * len(self.items)
        for dot in self._dots:
            self._count(dot, 1)

    def _count(self, dot: Dot, step: int) -> None:
        place = self.index.get(dot.item)
        who = dot.participant
        placed = self._placed.get(who, 0) + step
        if placed:
            self._placed[who] = placed
        else:
            self._placed.pop(who, None)
        if dot.source == "hand":
            if place is not None:
                self._hands[place] += step
        else:
            people = self._people.setdefault(dot.source, {})
            held = people.get(who, 0) + step
            if held:
                people[who] = held
            else:
                people.pop(who, None)
        if place is None:
            return  # (a saved dot on an item the round does not have: kept, never counted)
        mine = dict(self._held.get(who, {}))
        here = mine.get(place, 0) + step
        if here:
            mine[place] = here
        else:
            del mine[place]
        if mine:
            self._held[who] = mine
        else:
            self._held.pop(who, None)

    def _add(self, dot: Dot) -> None:
        self._dots.append(dot)
        self._count(dot, 1)

    def _remove_at(self, index: int) -> Dot:
        dot = self._dots.pop(index)
        self._count(dot, -1)
        return dot

    def remove_last(self, dot: Dot) -> bool:
        """Take off the latest dot equal to ``dot`` (an undone placing); whether one was."""
        for index in range(len(self._dots) - 1, -1, -1):
            if self._dots[index] == dot:
                self._remove_at(index)
                return True
        return False

    def put_back(self, dot: Dot, index: int) -> None:
        """Put back a dot taken off from ``index`` (an undone taking off)."""
        self._dots.insert(index, dot)
        self._count(dot, 1)

    # -- reading -------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Dots per item (every item, 0 for none), recounted from the stored dots."""
        held = Counter(dot.item for dot in self._dots)
        return {item: held[item] for item, _ in self.items}

    def order(self) -> list[tuple[str, int]]:
        """(words, dots) of every item, most dots first (ties keep the items' order)."""
        counts = self.counts()
        ranked = sorted(enumerate(self.items), key=lambda e: (-counts[e[1][0]], e[0]))
        return [(words, counts[item]) for _, (item, words) in ranked]

    def mine(self, participant: str) -> tuple[int, ...]:
        """The participant's dots on each item, in the items' order."""
        held = self._held.get(participant, {})
        return tuple(held.get(n, 0) for n in range(len(self.items)))

    def placed_by(self, participant: str) -> int:
        return self._placed.get(participant, 0)

    def on_item(self, participant: str, item: str) -> int:
        """The participant's dots on ``item``."""
        place = self.index.get(item)
        return 0 if place is None else self._held.get(participant, {}).get(place, 0)

    def phones(self) -> int:
        """How many phones have dots placed."""
        return len(self._people.get("phone", {}))

    def at_screen(self) -> int:
        """How many people have placed dots at the shared screen."""
        return len(self._people.get("screen", {}))

    def hands(self, item: str) -> list[Dot]:
        return [d for d in self._dots if d.source == "hand" and d.item == item]

    def hand_counts(self) -> list[int]:
        """Hands counted for each item, in the items' order."""
        return list(self._hands)

    def by_participant(self) -> dict[str, dict[int, int]]:
        """Each participant's dots, item's place -> count (sparse). The inner dicts are
        shared and never change afterwards: read them, never write to them."""
        return dict(self._held)

    # -- changing (by commands) ----------------------------------------------------
    def place(self, dot: Dot) -> None:
        if not self.open:
            raise DotRefused("closed", "The dot round is closed.")
        if dot.item not in self.index:
            raise DotRefused("invalid", "There is no such item.")
        if self.placed_by(dot.participant) >= self.per_person:
            raise DotRefused("limit", f"All {self.per_person} of your dots are placed.")
        self._add(dot)
        if dot.request_id:
            self.requests.add(dot.request_id)

    def take_off(self, participant: str, item: str, request_id: str = "") -> tuple[int, Dot]:
        """Take off the participant's latest dot on ``item``; where it was, and the dot."""
        if not self.open:
            raise DotRefused("closed", "The dot round is closed.")
        for index in range(len(self._dots) - 1, -1, -1):
            dot = self._dots[index]
            if dot.participant == participant and dot.item == item:
                self._remove_at(index)
                if request_id:
                    self.requests.add(request_id)
                return index, dot
        raise DotRefused("invalid", "You have no dot there to take off.")

    def set_hands(self, item: str, count: int) -> None:
        """Make the hands counted for ``item`` number ``count`` (the latest go first)."""
        held = self.hands(item)
        for dot in held[count:]:
            self._remove_at(self._dots.index(dot))
        used = set(self._placed)
        serial = 0
        have = min(count, len(held))
        while have < count:
            serial += 1
            name = f"{HAND_PREFIX}{item}:{serial}"
            if name not in used:
                self._add(Dot(name, item, "hand"))
                have += 1

    # -- storing -------------------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "items": [{"id": i, "text": t} for i, t in self.items],
            "per_person": self.per_person,
            "open": self.open,
            "revealed": self.revealed,
            "screen": self.screen,
            "turn": self.turn,
            "dots": [d.to_doc() for d in self._dots],
            "requests": sorted(self.requests),
        }

    @classmethod
    def from_doc(cls, doc: Any, where: str) -> DotRound:
        where = f"{where}, dot round"
        items = tuple(
            (field(i, "id", str, where), field(i, "text", str, where))
            for i in field(doc, "items", list, where)
        )
        if len(items) > MAX_ITEMS:
            raise DocumentError(f"{where} has {len(items)} items; at most {MAX_ITEMS}")
        dots = []
        for number, d in enumerate(field(doc, "dots", list, where, []), start=1):
            at = f"{where}, dot {number}"
            dots.append(
                Dot(
                    field(d, "participant", str, at),
                    field(d, "item", str, at),
                    field(d, "source", str, at),
                    field(d, "request_id", str, at, ""),
                )
            )
        per_person = field(doc, "per_person", int, where, DEFAULT_DOTS)
        if not 1 <= per_person <= MAX_DOTS:
            raise DocumentError(f"{where}: {per_person} dots each is not 1 to {MAX_DOTS}")
        return cls(
            field(doc, "id", str, where),
            items,
            per_person,
            open=field(doc, "open", bool, where, False),
            revealed=field(doc, "revealed", bool, where, False),
            dots=dots,
            requests=set(field(doc, "requests", list, where, [])),
            screen=field(doc, "screen", bool, where, False),
            turn=field(doc, "turn", str, where, ""),
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DotRound) and other.to_doc() == self.to_doc()

    __hash__ = None  # type: ignore[assignment]


def report_rows(held: DotRound | None) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """For a report: a sentence about the dot round, and (place, words, dots) per item,
    most dots first ("" and () without a round)."""
    if held is None:
        return "", ()
    sources = Counter(d.source for d in held.dots)
    sentence = (
        f"Dots, most first: {held.per_person} each; {sources['phone']} placed from phones, "
        f"{sources['hand']} by a show of hands, {sources['screen']} on the shared screen."
    )
    return sentence, tuple(
        (str(n), words, str(count)) for n, (words, count) in enumerate(held.order(), start=1)
    )


def _collection(session: Session, step_id: str) -> Any:
    """The step's phone collection (``voting.inbox.Collection``), which holds its dots."""
    collection = getattr(session.step(step_id).state, "collection", None)
    if collection is None:
        raise TypeError(f"step {step_id!r} has no dot rounds")
    return collection


def dots_of(session: Session, step_id: str) -> DotRound:
    held = _collection(session, step_id).dots
    if held is None:
        raise KeyError(f"step {step_id!r} has no dot round")
    assert isinstance(held, DotRound)
    return held


class OpenDots(MergeableCommand):
    """A new dot round on ``items`` (the one before, if any, is replaced; undo brings it
    back), ``per_person`` dots each."""

    def __init__(self, step_id: str, items: tuple[tuple[str, str], ...], per_person: int) -> None:
        self.step_id = step_id
        self.round = DotRound(new_id(), items, max(1, min(MAX_DOTS, per_person)))
        self.before: DotRound | None = None
        self.text = f"Open a dot round ({self.round.per_person} dots each)"

    def redo(self, session: Session) -> None:
        collection = _collection(session, self.step_id)
        self.before = collection.dots
        collection.dots = self.round
        session.state_changed(self.step_id, DOTS)

    def undo(self, session: Session) -> None:
        _collection(session, self.step_id).dots = self.before
        session.state_changed(self.step_id, DOTS)


class SetDotsFlag(MergeableCommand):
    """Close or reopen the dot round (``open``), reveal or hide its counts
    (``revealed``), or let the shared screen take dots or not (``screen``)."""

    def __init__(self, step_id: str, name: str, value: bool) -> None:
        if name not in ("open", "revealed", "screen"):
            raise AttributeError(name)
        self.step_id, self.name, self.value = step_id, name, value
        self.old: bool | None = None
        self.text = {
            ("open", True): "Reopen the dot round",
            ("open", False): "Close the dot round",
            ("revealed", True): "Reveal the dots",
            ("revealed", False): "Hide the dots",
            ("screen", True): "Take dots on the shared screen",
            ("screen", False): "Stop taking dots on the shared screen",
        }[(name, value)]

    def redo(self, session: Session) -> None:
        held = dots_of(session, self.step_id)
        if self.old is None:
            self.old = bool(getattr(held, self.name))
        setattr(held, self.name, self.value)
        session.state_changed(self.step_id, DOTS)

    def undo(self, session: Session) -> None:
        assert self.old is not None
        setattr(dots_of(session, self.step_id), self.name, self.old)
        session.state_changed(self.step_id, DOTS)


class NextDotTurn(MergeableCommand):
    """The shared screen's next person: a new turn (undo gives the screen back to the
    person before, their dots as they left them)."""

    def __init__(self, step_id: str) -> None:
        self.step_id = step_id
        self.turn = new_turn()
        self.before = ""
        self.text = "Next person's dots"

    def redo(self, session: Session) -> None:
        held = dots_of(session, self.step_id)
        self.before = held.turn
        held.turn = self.turn
        session.state_changed(self.step_id, DOTS)

    def undo(self, session: Session) -> None:
        dots_of(session, self.step_id).turn = self.before
        session.state_changed(self.step_id, DOTS)


class PlaceDot(MergeableCommand):
    """One dot on ``item`` (or taken off it, ``add`` False) in round ``round_id`` only.

    Raises :class:`DotRefused` (nothing changes) when it cannot be taken; a request id
    seen before changes nothing."""

    def __init__(
        self,
        step_id: str,
        round_id: str,
        participant: str,
        item: str,
        *,
        add: bool = True,
        source: str = "phone",
        request_id: str = "",
    ) -> None:
        self.step_id, self.round_id = step_id, round_id
        self.dot = Dot(participant, item, source, request_id)
        self.add = add
        self.done = False
        #: the dot taken off and where it was (undo puts that very dot back there)
        self.taken: tuple[int, Dot] | None = None
        self.text = "Place a dot" if add else "Take a dot off"

    def check(self, session: Session) -> str:
        """The outcome this would have now: "" (it would be taken) or why not."""
        try:
            held = dots_of(session, self.step_id)
        except (KeyError, TypeError):
            return "stale"
        if held.id != self.round_id:
            return "stale"
        if self.dot.request_id and self.dot.request_id in held.requests:
            return "duplicate"
        if not held.open:
            return "closed"
        if self.dot.item not in held.index:
            return "invalid"
        if self.add and held.placed_by(self.dot.participant) >= held.per_person:
            return "limit"
        if not self.add and held.on_item(self.dot.participant, self.dot.item) == 0:
            return "invalid"
        return ""

    def redo(self, session: Session) -> None:
        held = dots_of(session, self.step_id)
        if self.add:
            held.place(self.dot)
        else:
            self.taken = held.take_off(self.dot.participant, self.dot.item, self.dot.request_id)
        self.done = True
        session.state_changed(self.step_id, DOTS)

    def undo(self, session: Session) -> None:
        held = dots_of(session, self.step_id)
        if self.add:
            held.remove_last(self.dot)
        else:
            assert self.taken is not None
            index, dot = self.taken
            held.put_back(dot, index)
        held.requests.discard(self.dot.request_id)
        session.state_changed(self.step_id, DOTS)


class SetDotHands(MergeableCommand):
    """The facilitator's count of hands (dots by people without a phone) for one item;
    successive changes to one item merge into one undo step."""

    def __init__(self, step_id: str, item: str, count: int) -> None:
        self.step_id, self.item, self.count = step_id, item, max(0, count)
        self.before: list[Dot] | None = None
        self.after: list[Dot] | None = None
        self.text = f"Count {self.count} hands for a dot"

    def redo(self, session: Session) -> None:
        held = dots_of(session, self.step_id)
        if self.after is None:
            self.before = list(held.dots)
            held.set_hands(self.item, self.count)
            self.after = list(held.dots)
        else:
            held.dots = list(self.after)
        session.state_changed(self.step_id, DOTS)

    def undo(self, session: Session) -> None:
        assert self.before is not None
        dots_of(session, self.step_id).dots = list(self.before)
        session.state_changed(self.step_id, DOTS)

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("dot-hands", self.step_id, self.item)

    def merge(self, other: Any) -> bool:
        if not isinstance(other, SetDotHands) or other.merge_key != self.merge_key:
            return False
        self.after, self.count, self.text = other.after, other.count, other.text
        return True
