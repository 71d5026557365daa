"""Qt views of last time's actions: "You said, we did" on the projector; the console's
list of open actions, where the room's word on each is recorded, is ``console.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.review.console import ReviewControls
from coprod_workshop.exercises.review.model import STATUS_SENTENCES, ActionReview, OpenAction
from coprod_workshop.exercises.review.reader import (
    NO_GROUP,
    ReviewReader,
    ReviewStepView,
    reader_of,
)
from coprod_workshop.ui.theme import role_label

#: more actions than this are shown smaller on the projector, a page at a time
LARGE = 5
#: actions on a projected page when they are shown smaller
PAGE = 8
def said_text(item: OpenAction) -> str:
    """"Invite two carers (Sam, by March)": what the room agreed, as the projector says it."""
    action = item.action
    details = ", ".join(p for p in (action.who, f"by {action.when}" if action.when else "") if p)
    return action.what + (f" ({details})" if details else "")


def did_text(state: ActionReview, item: OpenAction) -> str:
    """What became of it: today's mark and note, else what was said last time."""
    mark = state.mark_of(item.action.key)
    if mark is not None:
        return STATUS_SENTENCES[mark.status] + (f": {mark.note}" if mark.note else "")
    if item.trail:
        last = item.trail[-1]
        return f"Last time: {STATUS_SENTENCES[last.status].lower()}" + (
            f" ({last.note})" if last.note else ""
        )
    return STATUS_SENTENCES[""]


class ReviewPresenter(ReviewStepView):
    """You said, we did: each open action beside what became of it, in large text."""

    def __init__(self, session: Session, step_id: str, reader: ReviewReader) -> None:
        super().__init__(session, step_id, reader)
        self.title = role_label("", "slide-title")
        self.prompt = role_label("", "slide-prompt")
        self.empty = role_label("", "slide-source")
        self.page = role_label("", "slide-source")
        self.grid: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.prompt, self.empty):
            self._layout.addWidget(widget)
        self._layout.addStretch(1)
        self._layout.addWidget(self.page)
        self.refresh()

    @staticmethod
    def page_of(state: ActionReview, found: list[OpenAction]) -> tuple[int, int, int]:
        """(page, pages, per page): the page shown is the one holding the action marked
        last, so the room sees what the facilitator has just recorded (else the first)."""
        per_page = LARGE if len(found) <= LARGE else PAGE
        pages = max(1, -(-len(found) // per_page))
        keys = [item.action.key for item in found]
        last = state.marks[-1].action.key if state.marks else None
        page = keys.index(last) // per_page if last in keys else 0
        return page, pages, per_page

    def refresh(self, change: Change | None = None) -> None:
        state = self.state
        everything = self.found()
        page, pages, per_page = self.page_of(state, everything)
        found = everything[page * per_page : (page + 1) * per_page]
        self.page.setText(
            f"Page {page + 1} of {pages} · {len(everything)} actions" if pages > 1 else ""
        )
        self.page.setVisible(pages > 1)
        self.title.setText(self.step.title)
        self.prompt.setText(state.prompt)
        if not self.session.group:
            self.empty.setText(NO_GROUP)
        else:
            self.empty.setText("No actions are open from the group's earlier workshops.")
        self.empty.setVisible(not everything)
        if self.grid is not None:
            self._layout.removeWidget(self.grid)
            self.grid.hide()
            self.grid.deleteLater()
        self.grid = QWidget()
        grid = QGridLayout(self.grid)
        grid.setContentsMargins(0, 12, 0, 0)
        grid.setHorizontalSpacing(48)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        role, head = ("slide-point", "slide-prompt") if len(found) <= LARGE else (
            "cardsort-summary-text",
            "cardsort-summary-heading",
        )
        if found:
            grid.addWidget(role_label("You said", head), 0, 0)
            grid.addWidget(role_label("We did", head), 0, 1)
        for row, item in enumerate(found, start=1):
            said = role_label(said_text(item), role)
            did = role_label(did_text(state, item), role)
            did.setProperty("status", (m.status if (m := state.mark_of(item.action.key)) else ""))
            for column, label in enumerate((said, did)):
                label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                grid.addWidget(label, row, column)
        self._layout.insertWidget(3, self.grid)
        self.setAccessibleName(
            f"{self.step.title}: {len(everything)} actions from earlier workshops"
        )
        self.contentChanged.emit()


def presenter_view(session: Session, step_id: str, workshop: Any = None) -> QWidget:
    return ReviewPresenter(session, step_id, reader_of(workshop))


def console_view(
    session: Session, step_id: str, run: Callable[[Any], None], workshop: Any = None
) -> QWidget:
    return ReviewControls(session, step_id, run, reader_of(workshop))
