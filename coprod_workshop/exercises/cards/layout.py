"""Where each place of a board sits on screen, as rows of place ids (pure Python).

A layout is a list of rows, each a list of place ids (``"deck"`` included),
like CSS grid areas: a place written in several neighbouring cells spans
them, and must fill a rectangle. ``""`` leaves a cell empty. For example the
card sort's ``[["deck", "more", "less"]]`` puts three columns side by side,
and ``[["deck"], ["line"]]`` puts the deck above a line of cards.

A layout may also name *headers*: ids that are not places (axis titles,
column and row labels), laid out the same way; the view puts a label there.
The Bovaird matrix writes its column labels above the cells and its row
labels to their left this way.

Rows and columns share the room left by headers: a row (or column) that
some place lies wholly within stretches, one that holds only headers and the
edges of spanning places keeps its natural size (:func:`stretches`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

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


def check_layout(
    layout: Sequence[Sequence[str]],
    place_ids: Iterable[str],
    where: str,
    headers: Iterable[str] = (),
) -> Layout:
    """``layout`` if it shows every place exactly once (and otherwise only the
    given ``headers``); DocumentError otherwise."""
    try:
        placed = spans(layout)
    except ValueError as err:
        raise DocumentError(f"{where}: {err}") from None
    wanted = set(place_ids)
    shown = set(placed) - (set(headers) - wanted)
    if shown != wanted:
        missing = ", ".join(sorted(wanted - shown)) or "none"
        extra = ", ".join(sorted(shown - wanted)) or "none"
        raise DocumentError(
            f"{where}: the layout must show every place once (missing: {missing}; unknown: {extra})"
        )
    return as_layout(layout)


def stretches(
    layout: Sequence[Sequence[str]], place_ids: Iterable[str]
) -> tuple[list[int], list[int]]:
    """Stretch factors of each row and each column: 1 where some place lies wholly
    within that row (column), else 0 (rows of headers keep their natural size)."""
    wanted = set(place_ids)
    placed = {key: span for key, span in spans(layout).items() if key in wanted}
    rows = [0] * len(layout)
    columns = [0] * (len(layout[0]) if layout else 0)
    for row, column, height, width in placed.values():
        if height == 1:
            rows[row] = 1
        if width == 1:
            columns[column] = 1
    # a layout of spanning places only: every row (column) shares the room alike
    return rows if any(rows) else [1] * len(rows), columns if any(columns) else [1] * len(columns)


def neighbour(spans: Mapping[str, Span], place_id: str, dx: int, dy: int) -> str | None:
    """The nearest place from ``place_id`` in the direction (dx, dy), among places that
    overlap it across that direction; None at the edge of the board."""
    row, column, height, width = spans[place_id]
    best: tuple[int, str] | None = None
    for other, (r, c, h, w) in spans.items():
        if other == place_id:
            continue
        if dx:
            overlaps = r < row + height and row < r + h
            distance = c - (column + width - 1) if dx > 0 else column - (c + w - 1)
        else:
            overlaps = c < column + width and column < c + w
            distance = r - (row + height - 1) if dy > 0 else row - (r + h - 1)
        if overlaps and distance > 0 and (best is None or distance < best[0]):
            best = (distance, other)
    return None if best is None else best[1]
