"""One grid cell on the projector: notes as cards, as large as the cell allows.

Cards flow left to right, top to bottom, each as wide as its text (a long
note wraps over several lines); every full line is stretched to the cell's
width so the cards line up. The cell first tries its full text size, then
smaller text down to a floor (24 px on a 1080p projector); the cells of one
grid share the smallest size any of them needs, so the grid reads evenly.
If the notes still do not fit, the grid is projected a page at a time (see
``views.RelationshipPresenter``): each cell then shows one chunk of its lines
of cards (``show_chunk``), whole, and nothing is cut. Outside pages (the
console's own small copies), a cell that cannot show every note shows as many
whole lines as fit, with a line saying how many more there are above and
below; the mouse wheel scrolls it, and a note just added is scrolled into view.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from coprod_workshop.ui import theme
from coprod_workshop.ui.theme import PROJECTOR_SIZES, colour_property

ROLE = "relationship-note"
#: smallest note text on a 1080p projector, in pixels
FLOOR_PX = 24
#: the smallest a single card too long for a whole projected page is ever drawn
MIN_PX = 12
#: columns of cards are tried (besides flowing lines) while each is this many ems wide
MIN_COLUMN_EMS = 8
MAX_COLUMNS = 3
WORD_WRAP = int(Qt.TextFlag.TextWordWrap) | int(
    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
)
#: for a word too long for its card: break it anywhere rather than cut it off
ANY_WRAP = WORD_WRAP | int(Qt.TextFlag.TextWrapAnywhere)


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    card: bool = False


@dataclass
class _Layout:
    px: int
    rects: list[QRect]  # one per item, in content coordinates (top of first line is 0)
    flags: list[int]  # text flags of each item
    rows: list[tuple[int, int]]  # (top, height) of each line of cards
    row_of: list[int]  # the line each item is on
    height: int


class NotesCanvas(QWidget):
    """Paints one cell's notes; see the module docstring for how it fits them."""

    # what it paints with (theme tokens until the stylesheet sets them: qproperty-chipColor...)
    chipColor = colour_property("chipColor", theme.CARD)  # noqa: N815
    chipBorder = colour_property("chipBorder", theme.CARD_BORDER)  # noqa: N815
    cardColor = colour_property("cardColor", theme.CARD_SELECTED)  # noqa: N815
    cardBorder = colour_property("cardBorder", theme.TITLE)  # noqa: N815
    textColor = colour_property("textColor", theme.TEXT)  # noqa: N815
    moreColor = colour_property("moreColor", theme.MUTED)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", ROLE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(40, 40)
        self.items: list[Item] = []
        self.first_row = 0
        #: on a projected page: which chunk of lines this cell shows (None: not paged)
        self.chunk: int | None = None
        self.group: CanvasGroup | None = None
        self._layout: _Layout | None = None
        self._best: int | None = None
        #: text measurements by (pixel size, room, text); kept until the font changes
        self._measured: dict[tuple[int, int, str], tuple[int, int, int]] = {}
        #: layouts found by (starting size, width, height, chunk); kept until the notes or
        #: the font change, so working out the pages or the shared size again after a note
        #: joins another cell measures nothing here
        self._found: dict[tuple[int, int, int, int | None], _Layout] = {}
        #: after notes were added at the end: the size each search may start from (see
        #: :meth:`set_items`)
        self._resume: dict[tuple[int, int, int, int | None], int] = {}

    # -- contents --------------------------------------------------------------------
    def set_items(self, items: list[Item]) -> None:
        if items == self.items:
            return
        old_ids = {item.id for item in self.items}
        appended = len(items) > len(self.items) and items[: len(self.items)] == self.items
        self.items = list(items)
        # Notes added at the end only make every layout as tall or taller, so a size that
        # did not fit before does not fit now: each search may start where it ended.
        self._resume = {key: found.px for key, found in self._found.items()} if appended else {}
        self._found.clear()
        self.invalidate()
        added = [i for i, item in enumerate(items) if item.id not in old_ids]
        if added and old_ids:
            self.ensure_visible(added[-1])
        self._clamp()
        self.update()

    # -- sizes -------------------------------------------------------------------------
    def full_px(self) -> int:
        return self.font().pixelSize() if self.font().pixelSize() > 0 else PROJECTOR_SIZES[ROLE]

    def floor_px(self) -> int:
        return max(6, round(self.full_px() * FLOOR_PX / PROJECTOR_SIZES[ROLE]))

    def _metrics(self, px: int) -> tuple[QFont, int, int, int]:
        font = QFont(self.font())
        font.setPixelSize(px)
        return font, max(2, round(px * 0.45)), max(1, round(px * 0.22)), max(2, round(px * 0.3))

    @staticmethod
    def _measure(metrics: QFontMetrics, room: int, text: str) -> tuple[int, int, int]:
        """Width on one line, height when wrapped to ``room``, and the flags that wrap it."""
        natural = metrics.horizontalAdvance(text)
        if natural <= room:
            return natural, metrics.height(), WORD_WRAP
        longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
        flag = ANY_WRAP if longest > room else WORD_WRAP
        return natural, metrics.boundingRect(QRect(0, 0, room, 10**6), flag, text).height(), flag

    def _try(self, px: int, width: int, columns: int = 0) -> _Layout:
        """Cards in flowing lines (``columns`` 0) or in that many equal columns."""
        font, pad_x, pad_y, gap = self._metrics(px)
        metrics = QFontMetrics(font)
        box = (width - gap * (columns - 1)) // columns if columns else width
        room = max(1, box - 2 * pad_x - 2)
        sizes: list[tuple[int, int]] = []
        flags: list[int] = []
        if len(self._measured) > 5000:  # (sizes seen while a window was being resized)
            self._measured.clear()
        for item in self.items:
            key = (px, room, item.text)
            if key not in self._measured:
                self._measured[key] = self._measure(metrics, room, item.text)
            natural, height, flag = self._measured[key]
            flags.append(flag)
            if natural <= room:
                sizes.append((natural + 2 * pad_x + 2, height + 2 * pad_y))
            else:
                sizes.append((box, height + 2 * pad_y))
        if columns:
            sizes = [(box, h) for _, h in sizes]
            lines = [
                list(range(i, min(i + columns, len(sizes)))) for i in range(0, len(sizes), columns)
            ]
        else:
            lines = []
            x = 0
            for index, (w, _) in enumerate(sizes):
                if lines and x + gap + w <= width:
                    lines[-1].append(index)
                    x += gap + w
                else:
                    lines.append([index])
                    x = w
        rects = [QRect() for _ in self.items]
        rows: list[tuple[int, int]] = []
        row_of = [0] * len(self.items)
        top = 0
        for number, line in enumerate(lines):
            height = max(sizes[i][1] for i in line)
            used = sum(sizes[i][0] for i in line) + gap * (len(line) - 1)
            last = number == len(lines) - 1
            spare = 0 if columns or last else max(0, width - used)
            x = 0
            for k, index in enumerate(line):
                w = sizes[index][0] + spare // len(line) + (1 if k < spare % len(line) else 0)
                rects[index] = QRect(x, top, min(w, width - x), height)
                row_of[index] = number
                x += w + gap
            rows.append((top, height))
            top += height + gap
        return _Layout(px, rects, flags, rows, row_of, max(0, top - gap))

    def _shown(self, layout: _Layout, height: int | None = None) -> int:
        """How many cards a layout shows whole from its first line, with the overflow line."""
        room = (self.height() if height is None else height) - self._strip_height()
        lines = sum(1 for top, height in layout.rows if top + height <= room)
        return sum(1 for row in layout.row_of if row < lines)

    def _search(self, px: int, height: int | None = None) -> _Layout:
        """The largest text, from ``px`` down to the floor, that fits ``height`` (the
        cell's own if None) in flowing lines or columns; if nothing fits at the floor,
        the layout that shows the most cards. On a page, a single card taller than the
        whole cell even at the floor is the one case drawn smaller than the floor."""
        width = max(1, self.width())
        height = max(1, self.height() if height is None else height)
        key = (px, width, height, self.chunk)
        found = self._found.get(key)
        if found is None:
            if len(self._found) > 64:  # (sizes seen while a window was being resized)
                self._found.clear()
            found = self._found[key] = self._search_anew(px, width, height, self._resume.get(key))
        return found

    def _search_anew(self, px: int, width: int, height: int, resume: int | None) -> _Layout:
        floor = self.floor_px()
        px = max(px, floor)
        if resume is not None:  # every size above it was tried with fewer notes and failed
            px = max(floor, min(px, resume))
        while True:
            widest = max(0, min(MAX_COLUMNS, width // max(1, MIN_COLUMN_EMS * px)))
            attempts = [self._try(px, width)]
            attempts += [self._try(px, width, n) for n in range(2, widest + 1)]
            for attempt in attempts:
                if attempt.height <= height:
                    return attempt
            if px <= floor:
                best = max(attempts, key=lambda a: self._shown(a, height))
                tallest = max((h for _, h in best.rows), default=0)
                least = max(6, round(self.floor_px() * MIN_PX / FLOOR_PX))
                if self.chunk is None or tallest <= height or px <= least:
                    return best
            px = max(floor, px - 2) if px > floor else px - 1

    def best_px(self) -> int:
        """The text size this cell would use on its own."""
        if self._best is None:
            self._best = self._search(self.full_px()).px
        return self._best

    def fit(self) -> _Layout:
        """Text size and card positions, no larger than the other cells of the group need."""
        if self._layout is None:
            shared = self.group is not None and self.chunk is None  # a page: its own size
            cap = self.group.cap() if shared and self.group is not None else self.full_px()
            self._layout = self._search(min(cap, self.full_px()))
        return self._layout

    def invalidate(self) -> None:
        """Forget this cell's layout (its contents, size or font changed) and the group's."""
        self._best = None
        if self.group is not None:
            self.group.invalidate()
        else:
            self._forget()

    def _forget(self) -> None:
        self._layout = None
        self.update()

    def overflows(self) -> bool:
        """Whether some note is out of view (never on a page: a page shows its chunk whole)."""
        return self.chunk is None and self.fit().height > self.height()

    # -- pages -----------------------------------------------------------------------
    def fits_at(self, height: int) -> bool:
        """Whether every note would show whole, at the floor or larger, in ``height``."""
        return self._search(self.full_px(), height).height <= height

    @staticmethod
    def chunks_of(layout: _Layout, height: int) -> list[int]:
        """The first line of each chunk of ``layout`` that fits ``height`` whole."""
        starts = [0]
        for index, (top, row_height) in enumerate(layout.rows):
            if index > starts[-1] and top + row_height - layout.rows[starts[-1]][0] > height:
                starts.append(index)
        return starts

    def chunks_at(self, height: int) -> int:
        """How many chunks this cell's notes need in a cell ``height`` tall."""
        return len(self.chunks_of(self._search(self.full_px(), height), height))

    def show_chunk(self, chunk: int | None) -> None:
        if chunk != self.chunk:
            self.chunk = chunk
            self.first_row = 0
            self.invalidate()

    def chunk_count(self) -> int:
        return len(self.chunks_of(self.fit(), max(1, self.height())))

    def _strip_height(self) -> int:
        return round(self.floor_px() * 1.4)

    def _visible_rows(self) -> range:
        """The rows of cards shown whole (all of them unless the cell overflows)."""
        rows = self.fit().rows
        if self.chunk is not None:
            starts = self.chunks_of(self.fit(), max(1, self.height()))
            if self.chunk >= len(starts):
                return range(0)
            end = starts[self.chunk + 1] if self.chunk + 1 < len(starts) else len(rows)
            return range(starts[self.chunk], end)
        if not self.overflows():
            return range(len(rows))
        room = self.height() - self._strip_height()
        first = min(self.first_row, max(0, len(rows) - 1))
        last = first
        while last < len(rows) and rows[last][0] + rows[last][1] - rows[first][0] <= room:
            last += 1
        return range(first, last)

    def visible_ids(self) -> list[str]:
        row_of = self.fit().row_of
        shown = self._visible_rows()
        return [item.id for index, item in enumerate(self.items) if row_of[index] in shown]

    def hidden_counts(self) -> tuple[int, int]:
        """How many notes are out of view (above, below)."""
        layout = self.fit()
        visible = set(self.visible_ids())
        above = sum(
            1
            for index, item in enumerate(self.items)
            if item.id not in visible and layout.row_of[index] < self.first_row
        )
        return above, len(self.items) - len(visible) - above

    def more_text(self) -> str:
        """What the cell's overflow line says (nothing on a page: the page says it)."""
        if self.chunk is not None:
            return ""
        above, below = self.hidden_counts()
        parts = []
        if below:
            parts.append(f"+{below} more ▼")
        if above:
            parts.append(f"▲ {above} above")
        return "  ·  ".join(parts)

    # -- scrolling -------------------------------------------------------------------
    def _max_first_row(self) -> int:
        layout = self.fit()
        if not self.overflows():
            return 0
        room = self.height() - self._strip_height()
        bottom = layout.height
        for row, (top, _) in enumerate(layout.rows):
            if bottom - top <= room:
                return row
        return len(layout.rows) - 1

    def _clamp(self) -> None:
        self.first_row = max(0, min(self.first_row, self._max_first_row()))

    def scroll_rows(self, delta: int) -> None:
        self.first_row += delta
        self._clamp()
        self.update()

    def ensure_visible(self, index: int) -> None:
        row = self.fit().row_of[index]
        if row < self.first_row:
            self.first_row = row
        elif self.chunk is not None:  # a page shows its chunk, wherever the first row is
            if row not in self._visible_rows():
                self.first_row = row
        else:
            while row not in self._visible_rows() and self.first_row < row:
                self.first_row += 1
        self._clamp()

    # -- Qt events -------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self._measured.clear()
            self._found.clear()
            self._resume.clear()
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.Resize):
            self.invalidate()
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() // 120
        if steps and self.overflows():
            self.scroll_rows(-steps)
            event.accept()
        else:
            event.ignore()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self._clamp()
        layout = self.fit()
        rows = self._visible_rows()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font, pad_x, pad_y, _ = self._metrics(layout.px)
        painter.setFont(font)
        offset = layout.rows[rows.start][0] if rows else 0
        visible = set(self.visible_ids())
        radius = max(2.0, layout.px * 0.25)
        for index, item in enumerate(self.items):
            if item.id not in visible:
                continue
            rect = layout.rects[index].translated(0, -offset)
            box = QRectF(rect).adjusted(1, 1, -1, -1)
            painter.setPen(QPen(self.cardBorder if item.card else self.chipBorder, 2))
            painter.setBrush(self.cardColor if item.card else self.chipColor)
            painter.drawRoundedRect(box, radius, radius)
            painter.setPen(self.textColor)
            painter.drawText(
                rect.adjusted(pad_x, pad_y, -pad_x, -pad_y), layout.flags[index], item.text
            )
        if self.chunk is not None and not rows and self.items:
            said, _, _, _ = self._metrics(self.floor_px())
            painter.setFont(said)
            painter.setPen(self.moreColor)
            painter.drawText(
                self.rect(), int(Qt.AlignmentFlag.AlignCenter), "all shown on an earlier page"
            )
        if self.overflows():
            more, _, _, _ = self._metrics(self.floor_px())
            more.setBold(True)
            painter.setFont(more)
            painter.setPen(self.moreColor)
            strip = QRect(
                0, self.height() - self._strip_height(), self.width(), self._strip_height()
            )
            painter.drawText(
                strip,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                self.more_text(),
            )
        painter.end()


class CanvasGroup:
    """Cells that share one text size, so the grid reads evenly: the smallest any cell needs.

    A change to one cell makes every cell lay out again (the shared size may change);
    each cell keeps the size it would use alone until its own contents or size change.
    """

    def __init__(self) -> None:
        self.members: list[NotesCanvas] = []

    def add(self, canvas: NotesCanvas) -> NotesCanvas:
        canvas.group = self
        self.members.append(canvas)
        return canvas

    def cap(self) -> int:
        return min(member.best_px() for member in self.members)

    def invalidate(self) -> None:
        for member in self.members:
            member._forget()
