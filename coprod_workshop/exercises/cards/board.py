"""Cards on a board (pure Python, no Qt): a deck, some places, and where each card is.

Shared by every exercise where the room moves cards around: the roles and
labels card sort (piles), the Bovaird matrix (the nine cells of a grid).

A :class:`Board` has ordered *places*, each an ordered list of card ids. The
deck is the place :data:`DECK`; it is always there and always first. Every
card is in exactly one place. Each time a card moves the board records a
:class:`Move` (where from, where to, a sequence number over the whole board
and, if given, the time), so a later export can replay how the room sorted.

**Contested cards.** The room often disagrees, and a card then goes back and
forth. A card is *contested* when either

* it is put back on a place (other than the deck) that it had left before,
  for example "more value" -> "less value" -> "more value", or deck -> pile ->
  deck -> the same pile; or
* it has moved :data:`CONTESTED_MOVES` (3) times or more.

Moves that change a card's place count; a move within one place (a new order)
counts only on an *ordered* place, where the order is the room's answer (a
line from less to more). Undoing a move removes it from the history, so an
undone move is never counted.

The mutating methods are called by the undoable commands in
``cards.commands``; views only read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import clean_text, field

DECK = "deck"
DEFAULT_DECK_NAME = "Cards to sort"
#: a card that has moved this many times is contested
CONTESTED_MOVES = 3
MAX_CARDS = 60
#: places besides the deck; each has a number key (1-9) that sends the selected card there
MAX_PLACES = 9
#: long enough for a whole sentence quoted from a source (the From/To cards reach 120)
MAX_CARD_TEXT = 120
MAX_DESCRIPTION = 300
#: long enough for the Bovaird matrix's longest cell name (87 characters)
MAX_PLACE_NAME = 120
#: the question a card exercise shows with its board
MAX_PROMPT = 240
MAX_HISTORY = 500
#: the source recorded for a card the facilitator types in during a session
ROOM_SOURCE = "added by the room"
#: how the room's place for a card compares with the place suggested for it
AGREES, DIFFERS, UNPLACED = "agrees", "differs", "unplaced"

_CARD_FIELDS = ("text", "description", "source", "suggested", "reason")


@dataclass(frozen=True)
class Card:
    """One card.

    ``source`` says where the card comes from (a seed, or the room);
    ``suggested`` is the id of a place the app suggests for it and ``reason``
    why (the Bovaird matrix reveals these); ``flagged`` marks a card the
    facilitator wants the room to come back to.
    """

    id: str
    text: str
    description: str = ""
    source: str = ""
    suggested: str = ""
    reason: str = ""
    flagged: bool = False


@dataclass(frozen=True)
class Place:
    """A pile or a cell. On an ``ordered`` place the order of the cards is an answer."""

    id: str
    name: str
    description: str = ""
    ordered: bool = False


@dataclass(frozen=True)
class Move:
    """One move of one card: ``seq`` counts moves over the whole board, from 1."""

    seq: int
    source: str
    target: str
    at: str = ""

    def to_doc(self) -> dict[str, Any]:
        return {"seq": self.seq, "from": self.source, "to": self.target, "at": self.at}


@dataclass(frozen=True)
class Removed:
    """Everything needed to put a removed card back exactly where it was."""

    card: Card
    position: int  # in the board's list of cards
    place: str
    index: int
    history: tuple[Move, ...]


class Board:
    """Cards, places and the history of moves; see the module docstring."""

    def __init__(
        self,
        places: Sequence[Place] = (),
        cards: Sequence[Card] = (),
        *,
        deck_name: str = DEFAULT_DECK_NAME,
    ) -> None:
        ids = [place.id for place in places]
        if len(ids) > MAX_PLACES:
            raise ValueError(f"a board has at most {MAX_PLACES} places besides the deck")
        if DECK in ids or len(set(ids)) != len(ids) or not all(ids):
            raise ValueError(f"place ids must be unique, non-empty and not {DECK!r}: {ids}")
        if len({card.id for card in cards}) != len(cards):
            raise ValueError("two cards share one id")
        self.places: list[Place] = list(places)
        self.deck_name = deck_name
        self._cards: dict[str, Card] = {card.id: card for card in cards}
        self._lists: dict[str, list[str]] = {DECK: [card.id for card in cards]}
        self._lists.update({place.id: [] for place in places})
        self._history: dict[str, list[Move]] = {card.id: [] for card in cards}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Board) and other.to_doc() == self.to_doc()

    def __repr__(self) -> str:
        counts = ", ".join(f"{place}={len(ids)}" for place, ids in self._lists.items())
        return f"Board({counts})"

    # -- reading -----------------------------------------------------------------
    def place_ids(self) -> list[str]:
        """The deck, then every place, in order."""
        return [DECK, *(place.id for place in self.places)]

    def place(self, place_id: str) -> Place:
        if place_id == DECK:
            return Place(DECK, self.deck_name)
        for place in self.places:
            if place.id == place_id:
                return place
        raise KeyError(place_id)

    def place_name(self, place_id: str) -> str:
        return self.place(place_id).name

    def number_of(self, place_id: str) -> int:
        """0 for the deck, 1..N for the places (the keys that send a card there)."""
        return self.place_ids().index(place_id)

    def cards(self) -> list[Card]:
        """Every card, in the order they were dealt or added."""
        return list(self._cards.values())

    def card(self, card_id: str) -> Card:
        return self._cards[card_id]

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._cards

    def __len__(self) -> int:
        return len(self._cards)

    def ids_in(self, place_id: str) -> list[str]:
        return list(self._lists[place_id])

    def cards_in(self, place_id: str) -> list[Card]:
        return [self._cards[card_id] for card_id in self._lists[place_id]]

    def counts(self) -> dict[str, int]:
        return {place_id: len(ids) for place_id, ids in self._lists.items()}

    def locate(self, card_id: str) -> tuple[str, int]:
        """The place a card is on and its index there."""
        for place_id, ids in self._lists.items():
            if card_id in ids:
                return place_id, ids.index(card_id)
        raise KeyError(card_id)

    def history(self, card_id: str) -> tuple[Move, ...]:
        return tuple(self._history[card_id])

    def last_seq(self) -> int:
        return max((moves[-1].seq for moves in self._history.values() if moves), default=0)

    def move_count(self, card_id: str) -> int:
        """Moves that count towards :data:`CONTESTED_MOVES` (see the module docstring)."""
        ordered = {place.id for place in self.places if place.ordered}
        return sum(
            1
            for move in self._history[card_id]
            if move.source != move.target or move.target in ordered
        )

    def is_contested(self, card_id: str) -> bool:
        left: set[str] = set()
        for move in self._history[card_id]:
            if move.source == move.target:
                continue
            if move.target != DECK and move.target in left:
                return True
            left.add(move.source)
        return self.move_count(card_id) >= CONTESTED_MOVES

    def contested(self) -> list[Card]:
        return [card for card in self._cards.values() if self.is_contested(card.id)]

    def flagged(self) -> list[Card]:
        return [card for card in self._cards.values() if card.flagged]

    def suggestion_state(self, card_id: str) -> str:
        """:data:`AGREES` or :data:`DIFFERS` for a card the room has placed, by the
        place suggested for it; :data:`UNPLACED` while it is on the deck; "" when it
        has no suggestion (or suggests a place this board does not have)."""
        suggested = self._cards[card_id].suggested
        if not suggested or suggested == DECK or suggested not in self._lists:
            return ""
        place_id, _ = self.locate(card_id)
        if place_id == DECK:
            return UNPLACED
        return AGREES if place_id == suggested else DIFFERS

    # -- changing (called by commands) ------------------------------------------
    def place_card(
        self, card_id: str, place_id: str, index: int | None = None, *, at: str = ""
    ) -> Move | None:
        """Put a card at ``index`` of ``place_id`` (its index after the move; clamped).

        Returns the move recorded, or None if the card was already there.
        """
        if place_id not in self._lists:
            raise KeyError(place_id)
        source, old_index = self.locate(card_id)
        ids = self._lists[place_id]
        room = len(ids) - (1 if source == place_id else 0)
        index = room if index is None else max(0, min(index, room))
        if source == place_id and index == old_index:
            return None
        if len(self._history[card_id]) >= MAX_HISTORY:
            raise ValueError(f"“{self._cards[card_id].text}” has moved too often to record")
        self._lists[source].remove(card_id)
        ids.insert(index, card_id)
        move = Move(self.last_seq() + 1, source, place_id, at)
        self._history[card_id].append(move)
        return move

    def restore_position(
        self, card_id: str, place_id: str, index: int, history: Iterable[Move]
    ) -> None:
        """Put a card back at ``index`` of ``place_id`` with exactly this history (undo)."""
        source, _ = self.locate(card_id)
        self._lists[source].remove(card_id)
        self._lists[place_id].insert(index, card_id)
        self._history[card_id] = list(history)

    def add_card(self, card: Card, place_id: str = DECK, index: int | None = None) -> int:
        """Add a new card on ``place_id`` (the deck unless given); return its index there."""
        if card.id in self._cards:
            raise ValueError(f"there is already a card {card.id!r}")
        if not card.text:
            raise ValueError("a card needs some text")
        if len(self._cards) >= MAX_CARDS:
            raise ValueError(f"a board holds at most {MAX_CARDS} cards")
        ids = self._lists[place_id]
        index = len(ids) if index is None else max(0, min(index, len(ids)))
        self._cards[card.id] = card
        ids.insert(index, card.id)
        self._history[card.id] = []
        return index

    def edit_card(self, card_id: str, **changes: Any) -> Card:
        """Change a card's ``text``, ``description``, ``source``, ``suggested``, ``reason``
        or ``flagged``; return the card as it was."""
        old = self._cards[card_id]
        unknown = set(changes) - {*_CARD_FIELDS, "flagged"}
        if unknown:
            raise AttributeError(", ".join(sorted(unknown)))
        if "text" in changes and not changes["text"]:
            raise ValueError("a card needs some text")
        self._cards[card_id] = replace(old, **changes)
        return old

    def remove_card(self, card_id: str) -> Removed:
        position = list(self._cards).index(card_id)
        place_id, index = self.locate(card_id)
        removed = Removed(
            self._cards[card_id], position, place_id, index, tuple(self._history[card_id])
        )
        del self._cards[card_id]
        del self._history[card_id]
        self._lists[place_id].remove(card_id)
        return removed

    def restore_card(self, removed: Removed) -> None:
        """Put back a card exactly as :meth:`remove_card` took it (undo)."""
        card = removed.card
        items = list(self._cards.items())
        items.insert(removed.position, (card.id, card))
        self._cards = dict(items)
        self._lists[removed.place].insert(removed.index, card.id)
        self._history[card.id] = list(removed.history)

    def rename_place(self, place_id: str, name: str) -> str:
        """Rename a place (or the deck); return the old name."""
        if not name:
            raise ValueError("a place needs a name")
        if place_id == DECK:
            old, self.deck_name = self.deck_name, name
            return old
        number = self.number_of(place_id) - 1
        old = self.places[number].name
        self.places[number] = replace(self.places[number], name=name)
        return old

    # -- storing -------------------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        """A plain record: the places, then every card with its place, order and history."""
        cards = []
        for card in self._cards.values():
            place_id, order = self.locate(card.id)
            cards.append(
                {
                    "id": card.id,
                    "text": card.text,
                    "description": card.description,
                    "source": card.source,
                    "suggested": card.suggested,
                    "reason": card.reason,
                    "flagged": card.flagged,
                    "place": place_id,
                    "order": order,
                    "history": [move.to_doc() for move in self._history[card.id]],
                }
            )
        return {
            "deck_name": self.deck_name,
            "places": [
                {"id": p.id, "name": p.name, "description": p.description, "ordered": p.ordered}
                for p in self.places
            ],
            "cards": cards,
        }

    @classmethod
    def from_doc(cls, doc: Any, where: str = "the board") -> Board:
        """Build a board from :meth:`to_doc`'s record; raise DocumentError if unusable."""
        places = _places_from_doc(doc, where)
        card_docs = field(doc, "cards", list, where)
        if len(card_docs) > MAX_CARDS:
            raise DocumentError(f"{where} has {len(card_docs)} cards; at most {MAX_CARDS} fit")
        known = {DECK} | {place.id for place in places}
        cards: list[Card] = []
        spots: dict[str, list[tuple[int, str]]] = {place_id: [] for place_id in known}
        histories: dict[str, list[Move]] = {}
        for number, card_doc in enumerate(card_docs, start=1):
            at = f"{where}, card {number}"
            card = _card_from_doc(card_doc, at)
            if card.id in histories:
                raise DocumentError(f"{at}: the id {card.id!r} is used by another card")
            place_id = field(card_doc, "place", str, at, DECK)
            if place_id not in known:
                raise DocumentError(
                    f"{at} (“{card.text}”) is on {place_id!r}, which {where} does not have"
                )
            order = field(card_doc, "order", int, at, len(spots[place_id]))
            cards.append(card)
            spots[place_id].append((order, card.id))
            histories[card.id] = _history_from_doc(card_doc, f"{at} (“{card.text}”)")
        board = cls(places, cards, deck_name=_name(doc, "deck_name", where, DEFAULT_DECK_NAME))
        for place_id, entries in spots.items():
            orders = [order for order, _ in entries]
            if len(set(orders)) != len(orders):
                raise DocumentError(
                    f"{where}: two cards share one place in “{board.place_name(place_id)}”"
                )
            board._lists[place_id] = [card_id for _, card_id in sorted(entries)]
        board._history = histories
        seqs = [move.seq for moves in histories.values() for move in moves]
        if len(set(seqs)) != len(seqs):
            raise DocumentError(f"{where}: two moves share one sequence number")
        return board

    def copy(self) -> Board:
        return Board.from_doc(self.to_doc())

    def without_results(self) -> Board:
        """The same places and cards (those the room added too), every card back on the
        deck in the order they were dealt, no history and no flags."""
        cards = [replace(card, flagged=False) for card in self._cards.values()]
        return Board(self.places, cards, deck_name=self.deck_name)


def _name(doc: Any, key: str, where: str, default: Any = ...) -> str:
    name = clean_text(field(doc, key, str, where, default), MAX_PLACE_NAME)
    if not name:
        raise DocumentError(f"{where}: {key!r} is empty")
    return name


def _places_from_doc(doc: Any, where: str) -> list[Place]:
    place_docs = field(doc, "places", list, where)
    if len(place_docs) > MAX_PLACES:
        raise DocumentError(f"{where} has {len(place_docs)} places; at most {MAX_PLACES} fit")
    places: list[Place] = []
    for number, place_doc in enumerate(place_docs, start=1):
        at = f"{where}, place {number}"
        place_id = field(place_doc, "id", str, at)
        if not place_id or place_id == DECK:
            raise DocumentError(f"{at}: its id may not be empty or {DECK!r}")
        if any(place.id == place_id for place in places):
            raise DocumentError(f"{at}: the id {place_id!r} is used by another place")
        places.append(
            Place(
                place_id,
                _name(place_doc, "name", at),
                clean_text(field(place_doc, "description", str, at, ""), MAX_DESCRIPTION),
                field(place_doc, "ordered", bool, at, False),
            )
        )
    return places


def _card_from_doc(doc: Any, where: str) -> Card:
    card_id = field(doc, "id", str, where)
    if not card_id:
        raise DocumentError(f"{where} has an empty id")
    text = clean_text(field(doc, "text", str, where), MAX_CARD_TEXT)
    if not text:
        raise DocumentError(f"{where} has no text")
    return Card(
        card_id,
        text,
        description=clean_text(field(doc, "description", str, where, ""), MAX_DESCRIPTION),
        source=field(doc, "source", str, where, ""),
        suggested=field(doc, "suggested", str, where, ""),
        reason=clean_text(field(doc, "reason", str, where, ""), MAX_DESCRIPTION),
        flagged=field(doc, "flagged", bool, where, False),
    )


def _history_from_doc(doc: Any, where: str) -> list[Move]:
    move_docs = field(doc, "history", list, where, [])
    if len(move_docs) > MAX_HISTORY:
        raise DocumentError(f"{where} has {len(move_docs)} moves; at most {MAX_HISTORY} are kept")
    moves: list[Move] = []
    for number, move_doc in enumerate(move_docs, start=1):
        at = f"{where}, move {number}"
        seq = field(move_doc, "seq", int, at)
        if seq < 1 or (moves and seq <= moves[-1].seq):
            raise DocumentError(f"{at}: its number {seq} is out of order")
        moves.append(
            Move(
                seq,
                field(move_doc, "from", str, at),
                field(move_doc, "to", str, at),
                field(move_doc, "at", str, at, ""),
            )
        )
    return moves


def board_from_spec(
    places: Iterable[Mapping[str, Any]],
    cards: Iterable[Mapping[str, Any]],
    *,
    deck_name: str = DEFAULT_DECK_NAME,
) -> Board:
    """A fresh board from resource records (``id``, ``text``/``name`` and the optional fields)."""
    return Board.from_doc(
        {
            "deck_name": deck_name,
            "places": [dict(place) for place in places],
            "cards": [{k: v for k, v in card.items() if k != "place"} for card in cards],
        },
        "the card resource",
    )
