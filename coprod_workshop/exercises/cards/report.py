"""What the session report shares between the boards of cards (card sort, matrix):
the CSV rows of every card's moves and final place."""

from __future__ import annotations

from coprod_workshop.exercises.cards.board import Board
from coprod_workshop.reports.blocks import Row


def board_rows(board: Board, comparison: dict[str, str] | None = None) -> list[Row]:
    """One ``placement`` row per card the room placed (where it ended up; ``comparison``
    adds how that compares with its suggestion), then one ``move`` row per move, in the
    room's order. Cards still on the deck were not placed: they have no row."""
    rows = []
    for place_id in board.place_ids()[1:]:
        name = board.place_name(place_id)
        for card in board.cards_in(place_id):
            source = (comparison or {}).get(card.id, "")
            rows.append(Row(card.text, name, source, "", "placement"))
    moves = sorted(
        ((move, card) for card in board.cards() for move in board.history(card.id)),
        key=lambda pair: pair[0].seq,
    )
    for move, card in moves:
        where = f"{board.place_name(move.source)} -> {board.place_name(move.target)}"
        rows.append(Row(card.text, where, "", move.at, "move"))
    return rows
