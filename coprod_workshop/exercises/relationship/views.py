"""Qt views of a "Sue and Mick" step: the projected grid, and the console's capture grid."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.session import Change, Session
from coprod_workshop.participation.dotsview import DotsOrder
from coprod_workshop.participation.joinstrip import JoinStrip
from coprod_workshop.participation.screendots import ScreenDotsSlot
from coprod_workshop.voting.dots import DOTS
from coprod_workshop.voting.inbox import INBOX
from coprod_workshop.exercises.relationship.canvas import CanvasGroup, Item, NotesCanvas
from coprod_workshop.exercises.relationship.console import RelationshipConsole
from coprod_workshop.exercises.relationship.model import (
    PERSONAS,
    ROWS,
    Cell,
    Relationship,
    all_cells,
    cell_number,
)
from coprod_workshop.ui.pages import PAGE_ROLE, Pages, page_text
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import PROJECTOR_SIZES, point_label, role_label


class _PersonaHeader(QFrame):
    """A persona's name; its description, or once the debrief is revealed, what it stands for."""

    def __init__(self, persona: int) -> None:
        super().__init__()
        self.setObjectName("RelationshipPersona")
        self.setProperty("persona", persona)
        self.name = role_label("", "relationship-persona")
        self.description = role_label("", "relationship-persona-note")
        self.stands_for = role_label("", "relationship-stands-for")
        self.stands_for.setWordWrap(False)
        self.stands_for.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        second.addWidget(self.stands_for, 0, Qt.AlignmentFlag.AlignLeft)
        second.addWidget(self.description, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.name)
        layout.addLayout(second)


class RelationshipPresenter(StepView):
    """The grid as the room sees it; below it, the debrief questions or the cards to sort.

    Before the debrief the yellow line asks the room's question; once revealed it
    asks the debrief heading, each persona shows what it stands for, and the
    questions appear under the grid.
    """

    def __init__(
        self,
        session: Session,
        step_id: str,
        pages: Pages | None = None,
        phone: Any = None,
        run: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(session, step_id)
        #: the projected page, shared with the console's preview (None: one page, scrolling)
        self.pages = pages
        #: (grid row, chunk) of each page while the grid is paged; empty: all on one page
        self.plan: list[tuple[int, int]] = []
        self._cell_height = 0  # a cell's height with the three rows on screen
        self._whole = 0  # the three rows' height, which one row has on a page
        self._replan = QTimer(self)
        self._replan.setSingleShot(True)
        self._replan.timeout.connect(self.repage)
        self.page_label = role_label("", PAGE_ROLE)
        self.page_label.setWordWrap(False)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.page_label.hide()
        self.opening = role_label("", "relationship-opening")
        self.credit = role_label("", "relationship-credit")
        self.credit.setWordWrap(False)
        self.credit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.prompt = role_label("", "relationship-prompt")
        self.headers = [_PersonaHeader(p) for p in range(PERSONAS)]
        self.row_labels = [role_label("", "relationship-row") for _ in range(ROWS)]
        self.canvases: list[NotesCanvas] = []
        self.frames: list[QFrame] = []
        self.group = CanvasGroup()
        self.grid = QGridLayout()
        for persona, header in enumerate(self.headers):
            self.grid.addWidget(header, 0, persona + 1)
            self.grid.setColumnStretch(persona + 1, 1)
        for row, label in enumerate(self.row_labels):
            self.grid.addWidget(label, row + 1, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.setRowStretch(row + 1, 1)
        for cell in all_cells():
            frame = QFrame()
            frame.setObjectName("RelationshipCell")
            frame.setProperty("persona", cell[0])
            canvas = self.group.add(NotesCanvas())
            canvas.installEventFilter(self)  # a cell's new size may change the pages
            QVBoxLayout(frame).addWidget(canvas)
            self.canvases.append(canvas)
            self.frames.append(frame)
            self.grid.addWidget(frame, cell[1] + 1, cell[0] + 1)

        self.band = QFrame()
        self.band.setObjectName("RelationshipBand")
        self.band_layout = QVBoxLayout(self.band)
        self.question_box = QWidget()
        self.question_layout = QGridLayout(self.question_box)
        self.question_layout.setContentsMargins(0, 0, 0, 0)
        self.deck_heading = role_label("", "relationship-deck-heading")
        self.deck_heading.setWordWrap(False)
        self.deck_canvas = NotesCanvas()
        self.deck_canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.dots = DotsOrder()  # the revealed order of a dot round, nothing before
        #: how to join, while the step takes notes or dots from phones
        self.join = JoinStrip(session, step_id, phone) if phone is not None else None
        for widget in (self.question_box, self.deck_heading, self.deck_canvas, self.dots):
            self.band_layout.addWidget(widget)
        if self.join is not None:
            self.band_layout.addWidget(self.join)
            phone.changed.connect(self._phone_changed)
        self.questions: list[QLabel] = []
        self._band_key: tuple[Any, ...] | None = None
        #: what each cell was last given: its notes and its names (notes never change:
        #: an edit makes a new one), so a note accepted redraws its own cell only
        self._drawn: dict[Cell, tuple[Any, ...]] = {}

        second = QHBoxLayout()
        second.addWidget(self.prompt, 1)
        second.addWidget(self.page_label, 0, Qt.AlignmentFlag.AlignTop)
        second.addWidget(self.credit, 0, Qt.AlignmentFlag.AlignTop)
        self.main = QVBoxLayout(self)
        self.main.setContentsMargins(0, 0, 0, 0)
        self.main.addWidget(self.opening)
        self.main.addLayout(second)
        self.main.addLayout(self.grid, 1)
        self.main.addWidget(self.band)
        #: a dot round taken on the shared screen, in the grid's place (with ``run`` only)
        self.screen_dots = ScreenDotsSlot(
            self, run, self.main, lambda: self.main.indexOf(self.band)
        )
        if pages is not None:
            pages.changed.connect(self._page_changed)
            pages.leaderChanged.connect(self._leader_changed)
        self.refresh()

    def detach(self) -> None:
        super().detach()
        self._replan.stop()
        self.screen_dots.stop()
        if self.pages is not None:
            self.pages.changed.disconnect(self._page_changed)
            self.pages.leaderChanged.disconnect(self._leader_changed)
        if self.join is not None:
            self.join.phone.changed.disconnect(self._phone_changed)
            self.join.detach()

    def _phone_changed(self) -> None:
        if self.join is not None and self.join.refresh():
            self._show_band()
            self.contentChanged.emit()
            self.schedule_pages()

    def _show_band(self) -> None:
        state = self.state
        shown = (not self.dots.isHidden()) or (self.join is not None and not self.join.isHidden())
        self.band.setVisible(state.revealed or state.deck_shown or shown)

    # -- pages -------------------------------------------------------------------------
    def _page_changed(self, step_id: str) -> None:
        if step_id != self.step_id:
            return
        if not self.leads() and self.pages is not None:
            self.plan = list(self.pages.plans.get(self.step_id, []))  # the leading board's
        self._show_page()

    def leads(self) -> bool:
        """Whether this board lays out the pages (``Pages.leads``) or follows them."""
        return self.pages is None or self.pages.leads(self)

    def _leader_changed(self) -> None:
        if self.leads():
            self._measure_again()
        else:
            self._page_changed(self.step_id)

    def _measure_again(self) -> None:
        """Work the pages out afresh, measured with the three rows on screen."""
        if self.plan:
            self.plan = []
            self._show_page()
        self.schedule_pages()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and not self.plan:
            self.schedule_pages()  # the three rows' cells have their size: measure them
        return False

    def schedule_pages(self) -> None:
        """Work the pages out again once the layout has settled."""
        self._replan.start(0)

    def _row_gap(self) -> int:
        first, second = self.canvases[cell_number((0, 0))], self.canvases[cell_number((0, 1))]
        top = second.mapTo(self, second.rect().topLeft()).y()
        bottom = first.mapTo(self, first.rect().bottomLeft()).y()
        return max(0, top - bottom - 1)

    def repage(self) -> None:
        """All rows on one page if every note fits at the floor or larger; otherwise one
        row of the grid a page, with its whole height, and as many pages for a row as
        its notes need. The board that follows takes the pages as they are."""
        if not self.leads():
            self._page_changed(self.step_id)
            return
        if not self.plan:  # measured with the three rows on screen, kept while paged
            self._cell_height = self.canvases[0].height()
            self._whole = ROWS * self._cell_height + (ROWS - 1) * self._row_gap()
        whole = self._whole
        plan: list[tuple[int, int]] = []
        if not all(c.fits_at(self._cell_height) for c in self.canvases):
            for row in range(ROWS):
                cells = [self.canvases[cell_number((p, row))] for p in range(PERSONAS)]
                chunks = max(canvas.chunks_at(whole) for canvas in cells)
                plan += [(row, chunk) for chunk in range(chunks)]
        if plan != self.plan:
            self.plan = plan
            if self.pages is not None:
                self.pages.set_plan(self.step_id, plan)
            self._show_page()

    def page(self) -> int:
        if not self.plan:
            return 0
        page = self.pages.page(self.step_id) if self.pages is not None else 0
        return max(0, min(page, len(self.plan) - 1))

    @property
    def taking_dots(self) -> bool:
        """Whether the shared screen takes dots in the grid's place."""
        return self.screen_dots.taking

    def _show_page(self) -> None:
        if self.taking_dots:
            return  # the grid comes back as it was when the dots are done
        paged = bool(self.plan)
        row, chunk = self.plan[self.page()] if paged else (-1, 0)
        for cell in all_cells():
            canvas = self.canvases[cell_number(cell)]
            on_page = not paged or cell[1] == row
            self.frames[cell_number(cell)].setVisible(on_page)
            canvas.show_chunk(chunk if paged else None)
        for number, label in enumerate(self.row_labels):
            label.setVisible(not paged or number == row)
            # an empty row with a stretch would keep its share of the height
            self.grid.setRowStretch(number + 1, 1 if not paged or number == row else 0)
        widest = max(label.sizeHint().width() for label in self.row_labels)
        self.grid.setColumnMinimumWidth(0, widest if paged else 0)  # no shift between pages
        self.page_label.setVisible(paged and not self.taking_dots)
        if paged:
            self.page_label.setText(page_text(self.page(), len(self.plan)))

    @property
    def state(self) -> Relationship:
        return self.step.state  # type: ignore[no-any-return]

    def refresh(self, change: Change | None = None) -> None:
        if change is not None and change.detail in (INBOX, DOTS):
            # Nothing from the inbox is on the projector; dots show only once revealed.
            if change.detail == DOTS:
                self._refresh_band(self.state)
            return
        state = self.state
        settings = state.settings
        self.setAccessibleName(self.step.title)
        self.opening.setText(f"“{settings.opening}”" if settings.opening else "")
        self.opening.setVisible(bool(settings.opening))
        self.credit.setText(f"— {settings.credit}" if settings.credit else "")
        self.credit.setVisible(bool(settings.credit))
        prompt = settings.debrief_heading if state.revealed else settings.prompt
        self.prompt.setText(prompt)
        self.prompt.setVisible(bool(prompt))
        for persona, header in enumerate(self.headers):
            info = settings.personas[persona]
            show_badge = state.revealed and bool(info.stands_for)
            header.name.setText(info.name)
            header.description.setText(info.description)
            header.description.setVisible(bool(info.description) and not show_badge)
            header.stands_for.setText(f"= {info.stands_for}")
            header.stands_for.setVisible(show_badge)
        for row, label in enumerate(self.row_labels):
            label.setText(settings.rows[row])
        for cell in all_cells():
            notes = state.notes_in(cell)
            drawn = (tuple(notes), settings.personas[cell[0]].name, settings.rows[cell[1]])
            if self._drawn.get(cell) == drawn:
                continue
            self._drawn[cell] = drawn
            canvas = self.canvases[cell_number(cell)]
            canvas.set_items([Item(n.id, n.text, bool(n.card)) for n in notes])
            canvas.setAccessibleName(
                f"{settings.personas[cell[0]].name}, {settings.rows[cell[1]].lower()}: "
                f"{len(notes)} notes"
            )
            # the notes themselves, not only their count, reach a screen reader
            canvas.setAccessibleDescription("\n".join(n.text for n in notes))
        self._refresh_band(state)
        self.schedule_pages()

    def _refresh_band(self, state: Relationship) -> None:
        """The band under the grid: the debrief questions, the cards to sort, or both."""
        settings = state.settings
        key = (state.revealed, state.deck_shown, settings.questions)
        if key != self._band_key:
            self._band_key = key
            self._build_band(state.revealed, state.deck_shown, settings.questions)
        joining = self.join is not None and self.join.refresh()
        if self._show_screen_dots(state.collection.dots):
            self.contentChanged.emit()
        if self.dots.update_from(state.collection.dots) or joining:
            self._show_band()
            self.contentChanged.emit()
        if state.deck_shown:
            cards = state.unplaced_cards()
            first, second = (p.name for p in settings.personas)
            self.deck_heading.setText(
                f"{first} or {second}? Cards to sort: {len(cards)}" if cards else "All cards sorted"
            )
            self.deck_canvas.set_items([Item(c.id, c.text, True) for c in cards])

    def _show_screen_dots(self, held: Any) -> bool:
        """The dots in the board's place while the shared screen takes them; whether
        that changed."""
        if not self.screen_dots.follow(held):
            return False
        if self.taking_dots:  # the grid's widgets give way (an empty row keeps no height)
            for widget in (*self.headers, *self.row_labels, *self.frames, self.page_label):
                widget.hide()
            for row in range(ROWS):
                self.grid.setRowStretch(row + 1, 0)
        else:
            for header in self.headers:
                header.show()
            self._show_page()
        return True

    def _build_band(self, debrief: bool, deck: bool, questions: tuple[str, ...]) -> None:
        for label in self.questions:
            self.question_layout.removeWidget(label)
            label.hide()
            label.deleteLater()
        self.questions = []
        self._show_band()
        self.question_box.setVisible(debrief)
        self.deck_heading.setVisible(deck)
        self.deck_canvas.setVisible(deck)
        if debrief:
            columns = 2 if len(questions) > 2 else 1
            rows = -(-len(questions) // columns)
            for number, question in enumerate(questions):
                label = point_label("•", question, "relationship-question")
                self.questions.append(label)
                self.question_layout.addWidget(label, number % rows, number // rows)
        self.contentChanged.emit()
        self._space()

    def _space(self) -> None:
        """Spacing in proportion to the projector's size (the slide frame scales the text)."""
        px = self.opening.font().pixelSize()
        scale = px / PROJECTOR_SIZES["relationship-opening"] if px > 0 else 1.0
        gap = max(2, round(16 * scale))
        for layout in (self.main, self.grid, self.band_layout, self.question_layout):
            layout.setSpacing(gap)
        self.band_layout.setContentsMargins(gap, gap // 2, gap, gap // 2)
        self.deck_canvas.setFixedHeight(max(20, round(130 * scale)))
        for frame in self.findChildren(QFrame, "RelationshipCell"):
            cell_layout = frame.layout()
            if cell_layout is not None:
                cell_layout.setContentsMargins(gap // 2, gap // 2, gap // 2, gap // 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._space()
        self._measure_again()


def presenter_view(
    session: Session, step_id: str, run: Callable[[Any], None] | None = None, workshop: Any = None
) -> QWidget:
    from coprod_workshop.participation.phone import PhoneVoting

    phone = PhoneVoting.of(workshop) if workshop is not None else None
    return RelationshipPresenter(session, step_id, Pages.of(workshop), phone, run)


def console_view(
    session: Session, step_id: str, run: Callable[[Any], None], workshop: Any = None
) -> QWidget:
    from coprod_workshop.participation.phone import PhoneVoting

    phone = PhoneVoting.of(workshop) if workshop is not None else None
    return RelationshipConsole(session, step_id, run, phone)
