"""The agenda in the console: steps, planned minutes, start times, running total."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.session import Change, Session
from coprod_workshop.core.timer import StepTimer
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.theme import SpokenLabel

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("#", "Step", "Min", "Starts")
STEP_MIME = "application/x-coprod-step-id"


def format_minutes(total: int) -> str:
    hours, minutes = divmod(total, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


class AgendaModel(QAbstractTableModel):
    """One row per step, forwarding the session's announcements to the view.

    With ``on_move`` (the agenda editor) rows can be dragged to reorder the
    agenda: the MIME payload is the step's id and a drop only calls
    ``on_move(step_id, new_index)``, which pushes an undoable command.
    """

    def __init__(
        self,
        session: Session,
        parent: Any = None,
        on_move: Callable[[str, int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.on_move = on_move
        session.changed.connect(self._on_change)

    def detach(self) -> None:
        self.session.changed.disconnect(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.scope == "agenda" and change.detail in ("inserted", "removed", "moved"):
            self.beginResetModel()
            self.endResetModel()
        elif change.scope in ("agenda", "current", "meta"):
            last = self.index(self.rowCount() - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.session.steps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.on_move is None:
            return flags
        if index.isValid():
            return flags | Qt.ItemFlag.ItemIsDragEnabled
        return flags | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [STEP_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(STEP_MIME, QByteArray(self.session.steps[rows[0]].id.encode()))
        return data

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if self.on_move is None or not data.hasFormat(STEP_MIME):
            return False
        step_id = bytes(data.data(STEP_MIME).data()).decode()
        try:
            old = self.session.index_of(step_id)
        except KeyError:
            return False
        if row < 0:  # dropped onto a row: take its place
            row = parent.row() if parent.isValid() else len(self.session.steps)
        new = row - 1 if row > old else row
        if new != old:
            self.on_move(step_id, new)
        # The command already moved the step; Qt must not remove the source row.
        return False

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802, E501
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.session.steps):
            return None
        row, column = index.row(), index.column()
        step = self.session.steps[row]
        current = row == self.session.current
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return (
                    f"▶ {row + 1}"
                    if current and role == Qt.ItemDataRole.DisplayRole
                    else str(row + 1)
                )
            if column == 1:
                return step.title
            if column == 2:
                return str(step.minutes)
            start = self.session.start_datetime()
            if start is None:
                return ""
            return (start + timedelta(minutes=self.session.minutes_before(row))).strftime("%H:%M")
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and step.notes:
            return step.notes
        return None


NOT_STARTED = "Not started: the pace counts from the first timer start or F5"


def pace_text(
    session: Session, timer: StepTimer, now: datetime, started: datetime | None = None
) -> str:
    """Planned total and end, and, once the room has ``started``, whether it is
    ahead or behind the plan counted from that moment, in words."""
    total = f"Planned: {format_minutes(session.planned_minutes)}"
    planned_end = session.planned_end()
    text = f"{total}, {session.start_time}–{planned_end:%H:%M}" if planned_end else total
    step = session.current_step
    if started is None:
        return f"{text}\n{NOT_STARTED}" if step is not None else text
    end = started + timedelta(minutes=session.planned_minutes)
    if step is None or now > end + timedelta(hours=4):
        return text
    left_on_step = max(0.0, step.minutes * 60 - timer.elapsed())
    remaining = left_on_step + 60 * sum(s.minutes for s in session.steps[session.current + 1 :])
    expected = now + timedelta(seconds=remaining)
    drift = round((expected - end).total_seconds() / 60)
    if drift > 0:
        pace = f"{drift} min behind"
    elif drift < 0:
        pace = f"{-drift} min ahead"
    else:
        pace = "on time"
    return f"{text}\nStarted {started:%H:%M}; at this pace: ends {expected:%H:%M} ({pace})"


class AgendaPanel(QWidget):
    """The agenda table; clicking a step makes it the current one.

    Signals:
        stepChosen(int): the facilitator picked a step in the table.
    """

    stepChosen = Signal(int)

    def __init__(
        self,
        session: Session,
        timer: StepTimer,
        parent: QWidget | None = None,
        started: Callable[[], datetime | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.timer = timer
        self.started = started
        self.model = AgendaModel(session, self)
        self.table = leave_on_tab(QTableView())
        self.table.setModel(self.model)
        self.table.setAccessibleName("Agenda")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setAccessibleName("Agenda columns")
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self.stepChosen.emit(index.row()))
        self.table.clicked.connect(lambda index: self.stepChosen.emit(index.row()))
        self.totals = SpokenLabel()
        self.totals.setObjectName("AgendaTotals")
        self.totals.setWordWrap(True)
        self.totals.setAccessibleName("Planned total and pace")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("Agenda")
        title.setProperty("role", "panel-title")
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        self._pace = QTimer(self)
        self._pace.setInterval(15_000)
        self._pace.timeout.connect(self.update_totals)
        self._pace.start()
        session.changed.connect(self._on_change)
        timer.changed.connect(self.update_totals)
        self._select_current()
        self.update_totals()

    def detach(self) -> None:
        self._pace.stop()
        self.model.detach()
        self.session.changed.disconnect(self._on_change)
        self.timer.changed.disconnect(self.update_totals)

    def _on_change(self, change: Change) -> None:
        if change.scope in ("current", "agenda"):
            self._select_current()
        if change.scope in ("current", "agenda", "meta"):
            self.update_totals()

    def _select_current(self) -> None:
        if self.session.steps:
            self.table.selectRow(self.session.current)
            self.table.scrollTo(self.model.index(self.session.current, 1))

    def update_totals(self) -> None:
        self.totals.setText(pace_text(self.session, self.timer, datetime.now(), self.started()))
