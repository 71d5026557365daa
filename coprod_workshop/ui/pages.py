"""Projected pages: when a step's board holds more than one screen can show at the
smallest readable size, the projector shows it a page at a time, never cutting
anything silently. The facilitator turns the pages with the step keys (Page
Down, Space, → and a clicker): the next key shows the next page, and after the
last page moves on to the next step, as a slide show's builds do.

One ``Pages`` per workshop (``Pages.of(workshop)``), shared by the projector and
the console's preview, so both show the same page. One of the two boards lays the
pages out and the other follows it: the projector's while its window is on a
screen, else the preview's, which is laid out at the size F5 will give the
projector, so the pages the facilitator sees before presenting are the room's.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


#: the text role of the line that says which page the room sees
PAGE_ROLE = "board-page"


def page_text(page: int, count: int) -> str:
    """What the projector says of its pages: "Page 1 of 3  ·  more: Page Down"."""
    more = "  ·  more: Page Down" if page + 1 < count else ""
    return f"Page {page + 1} of {count}{more}"


def is_projected(widget: QWidget) -> bool:
    """Whether ``widget`` is on the projector (not on the console's preview of it)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "Projector":
            return True
        parent = parent.parentWidget()
    return False


class Pages(QObject):
    """The page each step's board shows, and how many it has.

    Signals:
        changed(str): the page or the page count of that step changed.
        leaderChanged(): the projector window was shown or hidden: the other board
            lays the pages out now.
    """

    changed = Signal(str)
    leaderChanged = Signal()

    def __init__(self, workshop: Any = None) -> None:
        super().__init__()
        self._page: dict[str, int] = {}
        self._count: dict[str, int] = {}
        #: each step's pages as the projector lays them out (the preview follows them)
        self.plans: dict[str, list[Any]] = {}
        #: whether the projector window is on a screen (then its boards lay out the pages)
        self.projector_shown = False

    @classmethod
    def of(cls, workshop: Any) -> Pages | None:
        if workshop is None:
            return None
        return workshop.service("pages", cls)  # type: ignore[no-any-return]

    def leads(self, board: QWidget) -> bool:
        """Whether ``board`` lays out the pages (the other board follows them)."""
        return is_projected(board) == self.projector_shown

    def set_projector_shown(self, shown: bool) -> None:
        if shown != self.projector_shown:
            self.projector_shown = shown
            self.leaderChanged.emit()

    def page(self, step_id: str) -> int:
        return min(self._page.get(step_id, 0), self.count(step_id) - 1)

    def count(self, step_id: str) -> int:
        return max(1, self._count.get(step_id, 1))

    def set_plan(self, step_id: str, plan: list[Any]) -> None:
        """The projector's board says what its pages hold (one page if ``plan`` is empty)."""
        if self.plans.get(step_id, []) != plan:
            self.plans[step_id] = list(plan)
            self._count[step_id] = max(1, len(plan))
            self.changed.emit(step_id)

    def turn(self, step_id: str, delta: int) -> bool:
        """Show the next (``delta`` 1) or previous page; False at either end (the step
        keys then move between steps)."""
        page = self.page(step_id) + delta
        if not 0 <= page < self.count(step_id):
            return False
        self._page[step_id] = page
        self.changed.emit(step_id)
        return True

    def show_page(self, step_id: str, page: int) -> None:
        """Show page ``page`` (a card chosen on another page is shown where it is)."""
        page = max(0, min(page, self.count(step_id) - 1))
        if self.page(step_id) != page:
            self._page[step_id] = page
            self.changed.emit(step_id)

    def show_first(self, step_id: str) -> None:
        if self._page.pop(step_id, 0):
            self.changed.emit(step_id)

    def stop(self) -> None:
        """The session closed."""
        self._page.clear()
        self._count.clear()
        self.plans.clear()
