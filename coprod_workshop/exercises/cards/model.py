"""The pure part of cards on a board, in one import (no Qt).

Every exercise folder has a ``model`` module that never imports Qt
(tests/test_model.py checks it); for this shared folder that is the board,
its layouts and its commands, re-exported here.
"""

from coprod_workshop.exercises.cards.board import (
    AGREES,
    CONTESTED_MOVES,
    DECK,
    DIFFERS,
    ROOM_SOURCE,
    UNPLACED,
    Board,
    Card,
    Move,
    Place,
    Removed,
    board_from_spec,
)
from coprod_workshop.exercises.cards.commands import (
    AddCard,
    Batch,
    EditCard,
    FlagCard,
    PlaceCard,
    RemoveCard,
    RenamePlace,
    board_of,
)
from coprod_workshop.exercises.cards.layout import (
    Layout,
    check_layout,
    default_layout,
    spans,
    stretches,
)

__all__ = [
    "AGREES",
    "CONTESTED_MOVES",
    "DECK",
    "DIFFERS",
    "ROOM_SOURCE",
    "UNPLACED",
    "AddCard",
    "Batch",
    "Board",
    "Card",
    "EditCard",
    "FlagCard",
    "Layout",
    "Move",
    "Place",
    "PlaceCard",
    "Removed",
    "RemoveCard",
    "RenamePlace",
    "board_from_spec",
    "board_of",
    "check_layout",
    "default_layout",
    "spans",
    "stretches",
]
