"""State of a roles-and-labels card sort (pure Python, no Qt).

"The power of language... and of roles" (seed 002): the room sorts the labels
people carry, and the roles of the people who support us, into piles, and
talks about which labels hold more value and who sees us as someone with
something to offer. The cards, piles and moves live on a shared
``cards.board.Board``; this module adds the prompt, the round the step was
built from, where the piles sit on screen, and whether the summary is shown.

Built-in rounds and decks are data in ``resources/cardsort/`` (one file per
deck, with the rounds that use it; ``both.json`` sorts both decks together).
"From or to?" (``from-to.json``) sorts what services say into how they talk now
and how they talk once they co-produce; each of its cards carries the pile the
source puts it on and the principle it comes under, which the summary reveals.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import clean_text, field
from coprod_workshop.exercises.cards.board import (
    DECK,
    MAX_PROMPT,
    Board,
    Card,
    Place,
)
from coprod_workshop.exercises.cards.layout import Layout, as_layout, check_layout, default_layout
from coprod_workshop.paths import resource_json

RESOURCE_FILES = (
    "labels.json", "supporters.json", "both.json", "from-to.json", "from-to-more.json"
)
DEFAULT_ROUND = "labels-value"
WHERE = "the card sort"


@dataclass(frozen=True)
class Round:
    """A ready-made way to run the sort: which decks, which piles, what to ask."""

    id: str
    label: str
    decks: tuple[str, ...]
    prompt: str
    places: tuple[Place, ...]
    layout: Layout
    note: str
    #: who the cards come from, shown to the room under the board and the summary
    credit: str = ""


@cache
def _content() -> tuple[dict[str, tuple[Card, ...]], dict[str, Round], dict[str, str]]:
    decks: dict[str, tuple[Card, ...]] = {}
    deck_names: dict[str, str] = {}
    credits: dict[str, str] = {}
    notes: dict[str, str] = {}
    rounds: dict[str, Round] = {}
    raw_rounds: list[tuple[dict[str, Any], str]] = []
    for name in RESOURCE_FILES:
        data = resource_json("cardsort", name)
        note = data.get("facilitator_note", {}).get("text", "")
        if "deck" in data:
            deck_id = data["deck"]["id"]
            decks[deck_id] = tuple(
                Card(
                    c["id"],
                    c["text"],
                    description=c.get("description", ""),
                    source=c.get("source", data["deck"].get("source", "")),
                    suggested=c.get("suggestion", {}).get("place", ""),
                    reason=c.get("suggestion", {}).get("reason", ""),
                )
                for c in data["cards"]
            )
            notes[deck_id] = note
            deck_names[deck_id] = data["deck"]["name"]
            credits[deck_id] = data["deck"].get("credit", "")
        raw_rounds.extend((r, note) for r in data.get("rounds", []))
    for raw, note in raw_rounds:
        places = tuple(
            Place(p["id"], p["name"], p.get("description", ""), p.get("ordered", False))
            for p in raw["places"]
        )
        rounds[raw["id"]] = Round(
            raw["id"],
            raw["label"],
            tuple(raw["decks"]),
            raw["prompt"]["text"],
            places,
            as_layout(raw["layout"]),
            "\n\n".join(dict.fromkeys([notes.get(raw["decks"][0], ""), note]).keys()).strip(),
            "; ".join(dict.fromkeys(credits[d] for d in raw["decks"] if credits.get(d))),
        )
    return decks, rounds, deck_names


def _deal(deck_ids: tuple[str, ...]) -> list[Card]:
    """The cards of these decks; a text found in two decks ("Friend") says which deck
    each card comes from, so the room can tell them apart."""
    cards = [card for deck_id in deck_ids for card in deck(deck_id)]
    texts = [card.text.casefold() for card in cards]
    names = _content()[2]
    return [
        replace(card, description=card.description or names[deck_id].lower())
        if texts.count(card.text.casefold()) > 1
        else card
        for deck_id in deck_ids
        for card in deck(deck_id)
    ]


def rounds() -> dict[str, Round]:
    """The built-in rounds, by id, in the order the resource files list them."""
    return dict(_content()[1])


def deck(deck_id: str) -> tuple[Card, ...]:
    """The seed cards of one deck (``labels`` or ``supporters``)."""
    return _content()[0][deck_id]


class CardSort:
    """The board of one card-sort step, its prompt, layout and summary switch."""

    def __init__(
        self,
        board: Board | None = None,
        *,
        round_id: str = DEFAULT_ROUND,
        prompt: str | None = None,
        layout: Layout | None = None,
        summary_shown: bool = False,
    ) -> None:
        known = rounds().get(round_id)
        if board is None:
            if known is None:
                raise DocumentError(f"{WHERE}: there is no built-in round {round_id!r}")
            board = Board(known.places, _deal(known.decks))
        self.board = board
        self.round_id = round_id
        self.prompt = known.prompt if prompt is None and known else (prompt or "")
        if layout is None:
            layout = (
                known.layout
                if known and board.place_ids() == [DECK, *(p.id for p in known.places)]
                else default_layout(board.place_ids())
            )
        self.layout = check_layout(layout, board.place_ids(), WHERE)
        self.summary_shown = summary_shown

    @classmethod
    def for_round(cls, round_id: str) -> CardSort:
        """A fresh step for one of the built-in rounds."""
        return cls(round_id=round_id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CardSort) and other.to_doc() == self.to_doc()

    def __repr__(self) -> str:
        return f"CardSort({self.round_id!r}, {self.board!r})"

    @property
    def round(self) -> Round | None:
        return rounds().get(self.round_id)

    @property
    def note(self) -> str:
        """The app's note for the facilitator on this round (never projected)."""
        known = self.round
        return known.note if known else ""

    @property
    def credit(self) -> str:
        """Where the round's cards come from, as the room sees it ("" if unknown)."""
        known = self.round
        return known.credit if known else ""

    # -- storing -----------------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        return {
            "round": self.round_id,
            "prompt": self.prompt,
            "layout": [list(row) for row in self.layout],
            "summary_shown": self.summary_shown,
            "board": self.board.to_doc(),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> CardSort:
        """Build from a stored record; a plan may give only ``round`` (and ``prompt``)."""
        round_id = field(doc, "round", str, WHERE, DEFAULT_ROUND)
        board_doc = field(doc, "board", dict, WHERE, None)
        board = Board.from_doc(board_doc, f"{WHERE}'s board") if board_doc is not None else None
        prompt = field(doc, "prompt", str, WHERE, None)
        layout_doc = field(doc, "layout", list, WHERE, None)
        if layout_doc is not None and not all(
            isinstance(row, list) and all(isinstance(cell, str) for cell in row)
            for row in layout_doc
        ):
            raise DocumentError(f"{WHERE}: the layout should be rows of place ids")
        return cls(
            board,
            round_id=round_id,
            prompt=None if prompt is None else clean_text(prompt, MAX_PROMPT),
            layout=None if layout_doc is None else as_layout(layout_doc),
            summary_shown=field(doc, "summary_shown", bool, WHERE, False),
        )

    def without_results(self) -> CardSort:
        """The same round, prompt, piles and cards; every card back on the deck."""
        return CardSort(
            self.board.without_results(),
            round_id=self.round_id,
            prompt=self.prompt,
            layout=self.layout,
        )

    # -- summary -------------------------------------------------------------------
    def summary(self) -> Summary:
        board = self.board
        piles = tuple(
            (place.name, tuple(card.text for card in board.cards_in(place.id)))
            for place in board.places
        )
        return Summary(
            piles=piles,
            unsorted=tuple(card.text for card in board.cards_in(DECK)),
            contested=tuple(
                (card.text, board.move_count(card.id), board.place_name(board.locate(card.id)[0]))
                for card in board.contested()
            ),
            flagged=tuple(card.text for card in board.flagged()),
            answers=tuple(
                Answer(
                    card.text,
                    board.place_name(card.suggested),
                    card.reason,
                    board.suggestion_state(card.id),
                    board.place_name(board.locate(card.id)[0]),
                )
                for card in board.cards()
                if board.suggestion_state(card.id)
            ),
        )


@dataclass(frozen=True)
class Answer:
    """Where the source puts one card, and why (e.g. the principle it comes under)."""

    text: str
    place: str
    reason: str
    #: how the room's pile compares: ``board.AGREES``, ``DIFFERS`` or ``UNPLACED``
    comparison: str
    #: where the room put it (the deck's name if nowhere yet)
    placed: str = ""


@dataclass(frozen=True)
class Summary:
    """What the room decided: each pile's cards, what is left, what was argued over."""

    piles: tuple[tuple[str, tuple[str, ...]], ...]
    unsorted: tuple[str, ...]
    #: (card, moves, where it ended up)
    contested: tuple[tuple[str, int, str], ...]
    flagged: tuple[str, ...]
    #: for decks that say where each card belongs ("From or to?"), what they say
    answers: tuple[Answer, ...] = ()

    def counts(self) -> list[tuple[str, int]]:
        return [(name, len(cards)) for name, cards in self.piles]


def new_card_sort() -> CardSort:
    return CardSort.for_round(DEFAULT_ROUND)
