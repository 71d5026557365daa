"""Qt views of last time's actions: "You said, we did" on the projector, and the list of
open actions in the console, where the room's word on each is recorded.

The group's earlier workshops are read through its history the first time the step is
shown for the open session (``ReviewReader``) and kept until the session closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.commands import ReplaceState
from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.review.model import (
    MAX_NOTE,
    STATUS_SENTENCES,
    STATUS_WORDS,
    STATUSES,
    ActionReview,
    OpenAction,
    Record,
    open_actions,
    read_records,
    reviewed,
)
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import SpokenLabel, explain, role_label

#: more actions than this are shown smaller on the projector, a page at a time
LARGE = 5
#: actions on a projected page when they are shown smaller
PAGE = 8
NO_GROUP = (
    "Say which team, service or partnership this session is for (Session group, Ctrl+G) "
    "to see the actions of its earlier workshops."
)
BUTTONS = {"done": "&Done", "going": "Goi&ng", "stuck": "&Stuck", "dropped": "D&ropped"}


class ReviewReader:
    """The records of the open session's group's other workshops, read once per session."""

    def __init__(self, workshop: Any = None) -> None:
        self.workshop = workshop
        self._records: dict[tuple[str, str], list[Record]] = {}
        self.reads = 0

    @classmethod
    def of(cls, workshop: Any) -> ReviewReader:
        return workshop.service("review", cls)  # type: ignore[no-any-return]

    def open_actions(self, session: Session, state: ActionReview) -> list[OpenAction]:
        known = getattr(self.workshop, "review", None)  # a record: as its export read it
        if known is not None:
            return reviewed(state, list(known))
        key = (session.id, " ".join(session.group.split()).casefold())
        if key not in self._records:
            self.reads += 1
            history = getattr(self.workshop, "history", None)
            self._records[key] = read_records(history, session)
        return reviewed(state, open_actions(self._records[key], session))

    def forget(self) -> None:
        self._records.clear()

    def stop(self) -> None:
        self.forget()


def _reader(workshop: Any) -> ReviewReader:
    """The workshop's reader; for a record of the day (no live services), one that reads
    nothing, so the board shows what the room said of each action."""
    found = ReviewReader.of(workshop) if workshop is not None else None
    return found if found is not None else ReviewReader()


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


class ReviewStepView(StepView):
    """Redraws when the step or the session's group changes."""

    def __init__(self, session: Session, step_id: str, reader: ReviewReader) -> None:
        super().__init__(session, step_id)
        self.reader = reader

    def _on_change(self, change: Change) -> None:
        if change.scope == "meta" or (
            change.scope == "step" and change.step_id == self.step_id and change.detail != "notes"
        ):
            self.refresh(change)

    @property
    def state(self) -> ActionReview:
        return self.step.state  # type: ignore[no-any-return]

    def found(self) -> list[OpenAction]:
        return self.reader.open_actions(self.session, self.state)


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


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(text)
    return item


class ReviewControls(ReviewStepView):
    """The open actions (what, who, by when, from which workshop, what became of it): pick
    one (arrow keys), then Done, Going, Stuck or Dropped (Alt+letter) and a note (Enter
    keeps it). Every mark is a ReplaceState command: undoable and saved."""

    COLUMNS = ("What", "Who", "By when", "From", "Status", "Note")

    def __init__(
        self, session: Session, step_id: str, run: Callable[[Any], None], reader: ReviewReader
    ) -> None:
        super().__init__(session, step_id, reader)
        self._run = run
        self._items: list[OpenAction] = []
        self.table = leave_on_tab(QTableWidget(0, len(self.COLUMNS)))
        self.table.setAccessibleName("Open actions from the group's earlier workshops")
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._selected())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for status in STATUSES:
            button = QPushButton(BUTTONS[status])
            explain(button, f"Mark the selected action {STATUS_WORDS[status].lower()}")
            button.clicked.connect(lambda _=False, s=status: self.mark(s))
            # in the list, the letter alone marks the action picked (D, N, S, R)
            letter = BUTTONS[status].split("&")[1][0].upper()
            QShortcut(QKeySequence(letter), self.table, lambda s=status: self.mark(s))
            self.buttons[status] = button
            row.addWidget(button)
        self.unmark_button = QPushButton("&Unmark")
        explain(self.unmark_button, "Take back what was said of the selected action")
        self.unmark_button.clicked.connect(self.unmark)
        row.addWidget(self.unmark_button)
        row.addStretch(1)
        self.reread = QPushButton("Re&ad again")
        explain(self.reread, "Read the group's earlier sessions again")
        self.reread.clicked.connect(self._read_again)
        row.addWidget(self.reread)
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setAccessibleName("Note on the selected action")
        self.note.setPlaceholderText("What happened (Enter keeps the note)")
        self.note.returnPressed.connect(self.keep_note)
        note_label = QLabel("No&te:")
        note_label.setBuddy(self.note)
        note_row = QHBoxLayout()
        note_row.addWidget(note_label)
        note_row.addWidget(self.note, 1)
        self.problem = SpokenLabel()
        self.problem.setAccessibleName("Why nothing was recorded")
        self.trail = QLabel()
        self.trail.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(note_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.trail)
        layout.addWidget(self.hint)
        self.refresh()

    def current(self) -> OpenAction | None:
        row = self.table.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def refresh(self, change: Change | None = None) -> None:
        state = self.state
        self._items = self.found()
        row = self.table.currentRow()
        self.table.setRowCount(len(self._items))
        for number, item in enumerate(self._items):
            mark = state.mark_of(item.action.key)
            action = item.action
            status = STATUS_WORDS[mark.status] if mark else ""
            if not mark and item.trail:
                status = f"({STATUS_WORDS[item.last_status].lower()} last time)"
            cells = (
                action.what,
                action.who or "–",
                action.when or "–",
                f"{action.workshop} ({action.date})" if action.date else action.workshop,
                status,
                mark.note if mark else "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(number, column, _cell(text))
        if self._items:
            self.table.setCurrentCell(max(0, min(row, len(self._items) - 1)), 0)
        if not self.session.group:
            self.hint.setText(NO_GROUP)
        elif not self._items:
            self.hint.setText("No actions are open from the group's earlier workshops.")
        else:
            self.hint.setText(
                f"{len(self._items)} open actions. Pick one, then Done, Going, Stuck or Dropped "
                "(in the list: D, N, S or R); going and stuck stay open for next time."
            )
        self._selected()

    def _selected(self) -> None:
        item = self.current()
        for button in (*self.buttons.values(), self.unmark_button):
            button.setEnabled(item is not None)
        self.note.setEnabled(item is not None)
        mark = self.state.mark_of(item.action.key) if item is not None else None
        if not self.note.hasFocus():
            self.note.setText(mark.note if mark else "")
        self.unmark_button.setEnabled(mark is not None)
        trail = "; ".join(
            f"{said.date} {said.workshop}: {STATUS_WORDS[said.status].lower()}"
            + (f" ({said.note})" if said.note else "")
            for said in (item.trail if item is not None else ())
        )
        self.trail.setText(f"Said before: {trail}" if trail else "")

    def mark(self, status: str) -> None:
        item = self.current()
        if item is None:
            self.problem.setText("Not recorded: pick an action first.")
            return
        self.problem.clear()
        note = self.note.text()
        edited = self.state.with_mark(item.action, status, note)
        label = f"Mark action {STATUS_WORDS[status].lower()}"
        self._run(ReplaceState(self.step_id, edited, label))

    def keep_note(self) -> None:
        item = self.current()
        if item is None:
            return
        try:
            edited = self.state.with_note(item.action.key, self.note.text())
        except ValueError as err:
            self.problem.setText(f"Not kept: {err}.")
            return
        self.problem.clear()
        if edited != self.state:
            self._run(ReplaceState(self.step_id, edited, "Note on action"))

    def unmark(self) -> None:
        item = self.current()
        if item is not None and self.state.mark_of(item.action.key) is not None:
            edited = self.state.without_mark(item.action.key)
            self._run(ReplaceState(self.step_id, edited, "Unmark action"))

    def _read_again(self) -> None:
        self.reader.forget()
        self.refresh()


def presenter_view(session: Session, step_id: str, workshop: Any = None) -> QWidget:
    return ReviewPresenter(session, step_id, _reader(workshop))


def console_view(
    session: Session, step_id: str, run: Callable[[Any], None], workshop: Any = None
) -> QWidget:
    return ReviewControls(session, step_id, run, _reader(workshop))
