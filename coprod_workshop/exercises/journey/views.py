"""Qt views of the journey so far: the charts the room sees, the group and the list of
workshops in the console.

A group's earlier sessions are read from the store the first time a journey
is shown for the open session (``JourneyReader``), and kept until the session
closes: start-up and saving never read them. The open session's own results
are taken live, so a journey step at the end of a plan shows what changed
today.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from coprod_workshop.core.commands import SetDetail
from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.journey.model import Visit, in_order, read_journey, visit_of
from coprod_workshop.exercises.review.model import STATUS_WORDS, Record, read_records, record_of
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import explain, role_label

if TYPE_CHECKING:
    from coprod_workshop.exercises.journey.chart import JourneyChart

NO_GROUP = (
    "Say which team, service or partnership this session is for (Session group, Ctrl+G) "
    "to see its earlier workshops."
)


class JourneyReader:
    """The earlier sessions of the open session's group, read once and kept until it closes."""

    def __init__(self, workshop: Any = None) -> None:
        self.workshop = workshop
        self._earlier: dict[tuple[str, str], list[Visit]] = {}
        self._records: dict[tuple[str, str], dict[str, Record]] = {}
        self.reads = 0

    @classmethod
    def of(cls, workshop: Any) -> JourneyReader:
        return workshop.service("journey", cls)  # type: ignore[no-any-return]

    def visits(self, session: Session) -> list[Visit]:
        """The group's workshops in date order, the open session's taken as it is now."""
        key = (session.id, " ".join(session.group.split()).casefold())
        if key not in self._earlier:
            known = getattr(self.workshop, "journey", None)  # a record: read by its export
            history = getattr(self.workshop, "history", None)  # the group's, from storage
            self.reads += 1
            visits = list(known) if known is not None else read_journey(history, session)
            self._earlier[key] = [v for v in visits if v.session_id != session.id]
        return in_order([*self._earlier[key], visit_of(session)])

    def records(self, session: Session) -> dict[str, Record]:
        """What each workshop of the group did with actions (agreed, and said of earlier
        ones), by session id, the open session's taken as it is now."""
        key = (session.id, " ".join(session.group.split()).casefold())
        if key not in self._records:
            history = getattr(self.workshop, "history", None)
            self._records[key] = {r.session_id: r for r in read_records(history, session)}
        return {**self._records[key], session.id: record_of(session)}

    def forget(self) -> None:
        self._earlier.clear()
        self._records.clear()

    def stop(self) -> None:
        """The session closed: nothing read is kept."""
        self.forget()


def _reader(workshop: Any) -> JourneyReader:
    return JourneyReader.of(workshop) if workshop is not None else JourneyReader()


class JourneyStepView(StepView):
    """Redraws when anything in the session changes that the journey shows."""

    def _on_change(self, change: Change) -> None:
        if change.scope == "meta" or (change.scope == "step" and change.detail != "notes"):
            self.refresh(change)


class JourneyPresenter(JourneyStepView):
    """Where the group stood at each workshop: the radar of last time over this time,
    and the ladder's "now" and "wanted" over time."""

    def __init__(self, session: Session, step_id: str, reader: JourneyReader) -> None:
        super().__init__(session, step_id)
        from coprod_workshop.exercises.journey.chart import JourneyChart

        self.reader = reader
        self.setAccessibleName("The journey so far")
        self.title = role_label("", "ladder-question")
        self.hint = role_label("", "ladder-hint")
        self.chart: JourneyChart = JourneyChart()
        self.chart.canvas.setProperty("role", "chart-text")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.chart.canvas, 1)
        self.refresh()

    def detach(self) -> None:
        super().detach()
        self.chart.close()

    def refresh(self, change: Change | None = None) -> None:
        group = self.session.group
        visits = self.reader.visits(self.session)
        self.title.setText(f"Our journey so far: {group}" if group else "Our journey so far")
        earlier = len(visits) - 1
        if not group:
            self.hint.setText(NO_GROUP)
        elif earlier == 0:
            self.hint.setText(
                "This is the group's first workshop: today is where the journey starts."
            )
        else:
            from coprod_workshop.exercises.journey.chart import short_date

            since = short_date(visits[0].date)
            workshops = "workshop" if earlier == 1 else "workshops"
            self.hint.setText(f"{earlier} earlier {workshops}, since {since}, and today.")
        self.chart.update(visits)
        self.chart.canvas.setAccessibleDescription(self.chart.describe())


def actions_text(record: Record | None) -> str:
    """"3 agreed; earlier: 1 done, 1 stuck": a workshop's actions and what it said of
    the group's earlier ones (each action's history, workshop by workshop)."""
    if record is None or not (record.agreed or record.marks):
        return "–"
    parts = [f"{len(record.agreed)} agreed"] if record.agreed else []
    said: dict[str, int] = {}
    for _key, status, _note in record.marks:
        said[status] = said.get(status, 0) + 1
    if said:
        parts.append(
            "earlier: " + ", ".join(f"{n} {STATUS_WORDS[s].lower()}" for s, n in said.items())
        )
    return "; ".join(parts)


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    return item


class JourneyControls(JourneyStepView):
    """The group this session is for, and every workshop of its journey in words."""

    def __init__(
        self, session: Session, step_id: str, run: Callable[[Any], None], reader: JourneyReader
    ) -> None:
        super().__init__(session, step_id)
        self._run = run
        self.reader = reader
        self.group = QLineEdit()
        self.group.setAccessibleName("Group this session is for")
        self.group.setPlaceholderText("The team, service or partnership (links its workshops)")
        self.group.editingFinished.connect(self._group_edited)
        label = QLabel("G&roup:")
        label.setBuddy(self.group)
        self.reread = QPushButton("&Read again")
        explain(self.reread, "Read the group's earlier sessions again")
        self.reread.clicked.connect(self._read_again)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.group, 1)
        row.addWidget(self.reread)
        self.table = leave_on_tab(QTableWidget(0, 5))
        self.table.setAccessibleName("The group's workshops, oldest first")
        self.table.setHorizontalHeaderLabels(
            ["Date", "Session", "Six elements (median)", "Ladder", "Actions"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.refresh()

    def refresh(self, change: Change | None = None) -> None:
        from coprod_workshop.exercises.journey.chart import short_date

        if not self.group.hasFocus() and self.group.text() != self.session.group:
            self.group.setText(self.session.group)
        visits = self.reader.visits(self.session)
        records = self.reader.records(self.session)
        self.table.setRowCount(len(visits))
        for row, visit in enumerate(visits):
            ratings = ", ".join(
                f"{name} {s.median:g}" for name, s in visit.ratings if s.median is not None
            )
            ladder = ""
            if visit.ladder is not None:
                now, wanted = visit.ladder.now, visit.ladder.wanted
                ladder = f"now {now:g}" if now is not None else "now –"
                ladder += f", wanted {wanted:g}" if wanted is not None else ""
            today = " (this session)" if visit.session_id == self.session.id else ""
            texts = (
                short_date(visit.date),
                visit.title + today,
                ratings or "–",
                ladder or "–",
                actions_text(records.get(visit.session_id)),
            )
            for column, text in enumerate(texts):
                self.table.setItem(row, column, _cell(text))
        self.note.setText(
            NO_GROUP
            if not self.session.group
            else "Earlier sessions of this group are read from your saved sessions when the "
            "journey is shown; the ladder column is the median rung (1 is the bottom)."
        )

    def _group_edited(self) -> None:
        group = " ".join(self.group.text().split())
        if group != self.session.group:
            self._run(SetDetail("group", group, label="group"))

    def _read_again(self) -> None:
        self.reader.forget()
        self.refresh()


def presenter_view(session: Session, step_id: str, workshop: Any = None) -> QWidget:
    return JourneyPresenter(session, step_id, _reader(workshop))


def console_view(
    session: Session, step_id: str, run: Callable[[Any], None], workshop: Any = None
) -> QWidget:
    return JourneyControls(session, step_id, run, _reader(workshop))
