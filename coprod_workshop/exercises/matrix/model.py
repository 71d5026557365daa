"""State of a Bovaird matrix step (pure Python, no Qt).

The room places real activities on a 3x3 grid: who plans a service (columns
P1..P3: professionals alone; professionals with users and communities; no
professional input) against who delivers it (rows D1..D3: professionals
alone; professionals, users and communities together; users and communities
alone). Each of the nine cells has its name from the seeds; the middle one
(D2P2) is full co-production.

The cards and cells live on a shared ``cards.board.Board``: the deck of
activities plus nine places with ids ``"D1P1"`` .. ``"D3P3"``. This module
adds the prompt, whether the deck's suggestions are revealed, where
everything sits on screen (:data:`LAYOUT`, D1 at the top and P1 at the left
as in the seeds' tables) and the number keys (:data:`KEYPAD`, laid out like
a numeric keypad: 7 8 9 on the top row).

Axes, cell names and the default deck are data in ``resources/matrix/``. A new
matrix deals the nine activities the source documents give (about ten minutes
of placing); the app's everyday examples wait in :func:`spare_cards` until the
facilitator adds them. A card may name a case study (``resources/cases/``)
that tells its story: :func:`case_of`.
Revealing the suggestions never moves a card: the room's placements stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import clean_text, field
from coprod_workshop.exercises.cards.board import (
    AGREES,
    DECK,
    DIFFERS,
    MAX_PROMPT,
    UNPLACED,
    Board,
    Card,
    Place,
)
from coprod_workshop.exercises.cards.layout import Layout, as_layout
from coprod_workshop.paths import resource_json

WHERE = "the Bovaird matrix"
ROWS = ("D1", "D2", "D3")  # who delivers, top to bottom
COLUMNS = ("P1", "P2", "P3")  # who plans, left to right
CELL_IDS = tuple(row + column for row in ROWS for column in COLUMNS)
MIDDLE = "D2P2"
#: number key -> place: the keys sit like the cells (D1 is the keypad's top row 7 8 9)
KEYPAD = {0: DECK} | {
    key: cell for key, cell in zip((7, 8, 9, 4, 5, 6, 1, 2, 3), CELL_IDS, strict=True)
}
#: header cells of the layout (not places): the title across the top, the axes' questions
#: over the deck and the row names, then each column's and each row's name
TITLE, AXES = "title", "axes"
HEADERS = (TITLE, AXES, *COLUMNS, *ROWS)
LAYOUT: Layout = as_layout(
    [
        [TITLE] * (2 + len(COLUMNS)),
        [AXES, AXES, *COLUMNS],
        *([DECK, row, *(row + column for column in COLUMNS)] for row in ROWS),
    ]
)


@dataclass(frozen=True)
class Level:
    """One level of an axis (a column or a row), named as the seeds name it."""

    id: str
    name: str
    short: str


@dataclass(frozen=True)
class Axis:
    question: str
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class Content:
    """Everything ``resources/matrix/`` says about the matrix and its default deck."""

    source: str
    credit: str
    plans: Axis
    delivers: Axis
    cells: tuple[Place, ...]
    deck_name: str
    prompt: str
    note: str
    #: the cards a new matrix deals
    cards: tuple[Card, ...]
    #: the other ready-made cards, added on request
    spare: tuple[Card, ...]
    #: card id -> id of the case study that tells its story
    cases: dict[str, str]


def _axis(doc: dict[str, Any]) -> Axis:
    levels = tuple(Level(lv["id"], lv["name"], lv.get("short", "")) for lv in doc["levels"])
    return Axis(doc["question"]["text"], levels)


@cache
def content() -> Content:
    matrix = resource_json("matrix", "bovaird.json")
    deck = resource_json("matrix", "activities.json")
    cells = tuple(Place(cell["id"], cell["name"]) for cell in matrix["cells"])
    if tuple(cell.id for cell in cells) != CELL_IDS:
        raise DocumentError("resources/matrix/bovaird.json must list the cells D1P1 .. D3P3")
    cards = {
        c["id"]: Card(
            c["id"],
            c["text"],
            description=c.get("description", ""),
            source=c.get("source", ""),
            suggested=c.get("suggestion", {}).get("cell", ""),
            reason=c.get("suggestion", {}).get("reason", ""),
        )
        for c in deck["cards"]
    }
    dealt = {c["id"]: c.get("dealt", True) for c in deck["cards"]}
    return Content(
        source=matrix["source"],
        credit=matrix["credit"]["text"],
        plans=_axis(matrix["axes"]["plans"]),
        delivers=_axis(matrix["axes"]["delivers"]),
        cells=cells,
        deck_name=matrix["deck_name"]["text"],
        prompt=matrix["prompt"]["text"],
        note=matrix["facilitator_note"]["text"],
        cards=tuple(card for card in cards.values() if dealt[card.id]),
        spare=tuple(card for card in cards.values() if not dealt[card.id]),
        cases={c["id"]: c["case"] for c in deck["cards"] if c.get("case")},
    )


def new_board() -> Board:
    """The nine cells and the default deck of activities, every card on the deck."""
    known = content()
    return Board(known.cells, known.cards, deck_name=known.deck_name)


def spare_cards(board: Board) -> tuple[Card, ...]:
    """The ready-made cards not on ``board`` yet (the app's everyday examples, and any
    dealt card the facilitator removed)."""
    known = content()
    return tuple(card for card in (*known.cards, *known.spare) if card.id not in board)


def case_of(card_id: str) -> str:
    """The id of the case study that tells this card's story ("" if none)."""
    return content().cases.get(card_id, "")


@dataclass(frozen=True)
class Placement:
    """Where the room put one card (a row of the step's results)."""

    card: str
    text: str
    cell: str  # a cell id, or "deck" if the room has not placed it
    cell_name: str
    order: int  # from 0, within the cell
    suggested: str
    comparison: str  # board.AGREES, DIFFERS, UNPLACED, or "" (no suggestion)


class BovairdMatrix:
    """The board of one matrix step, its prompt, and whether suggestions are revealed."""

    def __init__(
        self, board: Board | None = None, *, prompt: str | None = None, revealed: bool = False
    ) -> None:
        board = new_board() if board is None else board
        if tuple(place.id for place in board.places) != CELL_IDS:
            raise DocumentError(f"{WHERE}: the board must have the nine cells D1P1 .. D3P3")
        self.board = board
        self.prompt = content().prompt if prompt is None else prompt
        self.revealed = revealed

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BovairdMatrix) and other.to_doc() == self.to_doc()

    def __repr__(self) -> str:
        return f"BovairdMatrix({self.board!r}, revealed={self.revealed})"

    @property
    def layout(self) -> Layout:
        return LAYOUT

    @property
    def note(self) -> str:
        """The app's note for the facilitator (never projected)."""
        return content().note

    # -- results -----------------------------------------------------------------
    def results(self) -> list[Placement]:
        """Every card, cell by cell (D1P1 .. D3P3, then the deck), in the room's order."""
        board = self.board
        rows = []
        for place_id in (*CELL_IDS, DECK):
            for order, card in enumerate(board.cards_in(place_id)):
                rows.append(
                    Placement(
                        card.id,
                        card.text,
                        place_id,
                        board.place_name(place_id),
                        order,
                        card.suggested,
                        board.suggestion_state(card.id),
                    )
                )
        return rows

    def agreement(self) -> dict[str, int]:
        """How many cards sit where their deck suggests, elsewhere, still on the deck,
        or have no suggestion."""
        counts = {AGREES: 0, DIFFERS: 0, UNPLACED: 0, "": 0}
        for card in self.board.cards():
            counts[self.board.suggestion_state(card.id)] += 1
        return counts

    # -- storing -----------------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        return {"prompt": self.prompt, "revealed": self.revealed, "board": self.board.to_doc()}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> BovairdMatrix:
        """Build from a stored record; a plan may give only a ``prompt`` (or nothing)."""
        board_doc = field(doc, "board", dict, WHERE, None)
        board = Board.from_doc(board_doc, f"{WHERE}'s board") if board_doc is not None else None
        prompt = field(doc, "prompt", str, WHERE, None)
        return cls(
            board,
            prompt=None if prompt is None else clean_text(prompt, MAX_PROMPT),
            revealed=field(doc, "revealed", bool, WHERE, False),
        )

    def without_results(self) -> BovairdMatrix:
        """The same cells, prompt and cards (those the room added too), every card back
        on the deck, suggestions hidden."""
        return BovairdMatrix(self.board.without_results(), prompt=self.prompt)


def new_matrix() -> BovairdMatrix:
    return BovairdMatrix()
