"""A card board projected a page at a time: when its cards do not all fit at the
smallest readable size, each place shows one page-full of whole lines of cards
and the board says "Page 1 of 2"; the step keys turn the pages (``ui.pages``).
The console's preview shows the page the projector shows; one of the two boards
lays the pages out and the other follows (``Pages.leads``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel

from coprod_workshop.exercises.cards.placeview import PlaceView
from coprod_workshop.exercises.cards.boardview import BoardWidget
from coprod_workshop.exercises.cards.selection import SharedSelection
from coprod_workshop.core.session import Session
from coprod_workshop.ui.pages import PAGE_ROLE, Pages, page_text
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import role_label


#: a place whose size its board's pages follow
WATCHED = "pagesFollowSize"


class BoardPages(QObject):
    """Pages for ``board`` (step ``step_id``) of ``view``, which lays them out or
    follows them (``Pages.leads``)."""

    def __init__(self, board: BoardWidget, pages: Pages, view: StepView) -> None:
        super().__init__(board)
        self.board = board
        self.pages = pages
        self.step_id = view.step_id
        self.view = view
        self.label: QLabel = role_label("", PAGE_ROLE)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.label.setWordWrap(False)
        self.label.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.repage)
        board.changed.connect(self.schedule)
        pages.changed.connect(self._page_changed)
        pages.leaderChanged.connect(self.schedule)
        shared = board.shared_selection()
        if shared is not None:
            shared.changed.connect(self._card_chosen)

    def leads(self) -> bool:
        """Whether this board lays out the pages (``Pages.leads``) or follows them."""
        return self.pages.leads(self.view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.schedule()  # a place of another size holds other page-fulls
        return False

    def stop(self) -> None:
        self._timer.stop()
        self.pages.changed.disconnect(self._page_changed)
        self.pages.leaderChanged.disconnect(self.schedule)

    def schedule(self) -> None:
        self._timer.start(0)

    def _page_changed(self, step_id: str) -> None:
        if step_id == self.step_id:
            self.repage()  # at once: a card chosen on that page is then selected

    def _card_chosen(self, step_id: str, card_id: str) -> None:
        """A card chosen on another page: the projector turns to the page that shows it."""
        if step_id != self.step_id or not card_id or not self.leads():
            return
        for view in self.board.views():
            rows = view.model().ids()
            if card_id in rows:
                row = rows.index(card_id)
                chunks = view.chunks()
                page = next((n for n, chunk in enumerate(chunks) if row in chunk), 0)
                if len(chunks) > 1 and page != self.pages.page(self.step_id):
                    self.pages.show_page(self.step_id, page)
                return

    def repage(self) -> None:
        """Leading: work out the pages, publish which cards each page shows in each
        place, and show the page the room is on. Following: show exactly the cards the
        leading board's page shows (one layout: the same cards, whatever this board's
        own widgets would fit)."""
        views = self.board.views()
        for view in views:
            if not view.property(WATCHED):  # (places are rebuilt with the board)
                view.setProperty(WATCHED, True)
                view.installEventFilter(self)
                # Projected, a place never scrolls: what does not fit goes on the next page.
                view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if self.leads():
            chunks = {view.model().place_id: view.chunks() for view in views}
            count = max((len(found) for found in chunks.values()), default=1)
            plan = [
                {
                    place: view_ids(view, found[page] if page < len(found) else [])
                    for view, (place, found) in zip(views, chunks.items(), strict=True)
                }
                for page in range(count)
            ]
            self.pages.set_plan(self.step_id, plan if count > 1 else [])
            page = self.pages.page(self.step_id) if count > 1 else None
            for view in views:
                view.show_chunk(page)
            total = count
        else:
            plan = self.pages.plans.get(self.step_id, [])
            total = len(plan)
            page = self.pages.page(self.step_id) if total > 1 else None
            for view in views:
                shown = plan[page].get(view.model().place_id, []) if page is not None else None
                view.show_cards(None if shown is None else set(shown))
        self.board.follow_shared()  # the chosen card, if it is on this page
        self.label.setVisible(page is not None)
        if page is not None:
            self.label.setText(page_text(page, total))


def view_ids(view: PlaceView, rows: list[int]) -> list[str]:
    """The ids of the cards in ``rows`` of ``view``."""
    ids = view.model().ids()
    return [ids[row] for row in rows if row < len(ids)]


def projected_board(
    view: StepView, board: BoardWidget, shared: SharedSelection | None, pages: Pages | None
) -> BoardPages | None:
    """What a board the room sees needs of its step ``view``: the frame sizes the text
    again when the board is rebuilt, the facilitator's selected card shows, and, with
    ``pages``, the cards go a page at a time when they do not all fit."""
    board.rebuilt.connect(view.contentChanged)
    board.share_selection(shared)  # the room sees which card the facilitator moves
    return BoardPages(board, pages, view) if pages else None


def board_step_views(presenter: type, console: type) -> tuple[Callable[..., Any], ...]:
    """A card board step's ``presenter_view`` and ``console_view`` (see ``core.registry``):
    the room's board in pages, and the facilitator's, sharing the selected card."""

    def presenter_view(
        session: Session,
        step_id: str,
        run: Callable[[Any], None] | None = None,
        workshop: Any = None,
    ) -> Any:
        return presenter(session, step_id, run, SharedSelection.of(workshop), Pages.of(workshop))

    def console_view(
        session: Session, step_id: str, run: Callable[[Any], None], workshop: Any = None
    ) -> Any:
        return console(session, step_id, run, SharedSelection.of(workshop))

    return presenter_view, console_view
