"""Where each place of a board sits on screen, as rows of place ids (pure Python).

A layout is a list of rows, each a list of place ids (``"deck"`` included),
like CSS grid areas: a place written in several neighbouring cells spans
them, and must fill a rectangle. ``""`` leaves a cell empty. For example the
card sort's ``[["deck", "more", "less"]]`` puts three columns side by side,
and ``[["deck"], ["line"]]`` puts the deck above a line of cards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coprod_workshop.core.errors import DocumentError

Layout = tuple[tuple[str, ...], ...]
#: row, column, row span, column span
Span = tuple[int, int, int, int]


def as_layout(rows: Iterable[Iterable[str]]) -> Layout:
    return tuple(tuple(row) for row in rows)


def spans(layout: Sequence[Sequence[str]]) -> dict[str, Span]:
    """Each place's cell and spans; ValueError if a place does not fill a rectangle."""
    widths = {len(row) for row in layout}
    if len(widths) != 1 or 0 in widths:
        raise ValueError("every row of a layout needs the same, non-zero number of cells")
    cells: dict[str, list[tuple[int, int]]] = {}
    for r, row in enumerate(layout):
        for c, place_id in enumerate(row):
            if place_id:
                cells.setdefault(place_id, []).append((r, c))
    result: dict[str, Span] = {}
    for place_id, where in cells.items():
        rows = [r for r, _ in where]
        columns = [c for _, c in where]
        top, left = min(rows), min(columns)
        height, width = max(rows) - top + 1, max(columns) - left + 1
        if height * width != len(where):
            raise ValueError(f"{place_id!r} does not fill a rectangle of the layout")
        result[place_id] = (top, left, height, width)
    return result


def default_layout(place_ids: Sequence[str]) -> Layout:
    """The deck and every place side by side, in one row."""
    return (tuple(place_ids),)


def check_layout(layout: Sequence[Sequence[str]], place_ids: Iterable[str], where: str) -> Layout:
    """``layout`` if it shows every place exactly once; DocumentError otherwise."""
    try:
        placed = spans(layout)
    except ValueError as err:
        raise DocumentError(f"{where}: {err}") from None
    wanted = set(place_ids)
    if set(placed) != wanted:
        missing = ", ".join(sorted(wanted - set(placed))) or "none"
        extra = ", ".join(sorted(set(placed) - wanted)) or "none"
        raise DocumentError(
            f"{where}: the layout must show every place once (missing: {missing}; unknown: {extra})"
        )
    return as_layout(layout)
