"""Qt views of who took part: the counts on the projector, and a number box per role,
the roles and the organisations in the console (with the counts phones gave beside the
facilitator's, when phones may say their role). Every edit is an undoable command."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.commands import ReplaceState
from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.attendance.model import (
    MAX_COUNT,
    MAX_ROLE,
    Attendance,
    RoleCount,
)
from coprod_workshop.participation.joinstrip import JoinStrip
from coprod_workshop.participation.phone import PhoneControls, PhoneVoting, phone_step_views
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import SpokenLabel, explain, point_label, role_label
from coprod_workshop.voting.inbox import OpenToPhones


def role_line(role: RoleCount) -> str:
    """"Carers: 4 (2 from phones)": everyone counted in the role, and the phones' share."""
    if not role.phones:
        text = QCoreApplication.translate("AttendanceControls", "{role}: {people}")
    else:
        text = QCoreApplication.translate(
            "AttendanceControls", "{role}: {people} ({phones} from phones)"
        )
    return text.format(role=role.role, people=role.people, phones=role.phones)


class AttendancePresenter(StepView):
    """How many took part, in each role, and how many organisations: counts, never names."""

    def __init__(self, session: Session, step_id: str, phone: PhoneVoting | None = None) -> None:
        super().__init__(session, step_id)
        self.title = role_label("", "slide-title")
        self.total = role_label("", "slide-prompt")
        self.list: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.total)
        self._layout.addStretch(1)
        #: how to join, while phones may say their role here
        self.join = JoinStrip(session, step_id, phone) if phone is not None else None
        if self.join is not None:
            self._layout.addWidget(self.join)
            self.join.phone.changed.connect(self._phone_changed)
        self.refresh()

    def detach(self) -> None:
        super().detach()
        if self.join is not None:
            self.join.phone.changed.disconnect(self._phone_changed)

    def _phone_changed(self) -> None:
        if self.join is not None and self.join.refresh():
            self.contentChanged.emit()

    def refresh(self, change: Change | None = None) -> None:
        state: Attendance = self.step.state
        self.title.setText(self.step.title)
        people = "person" if state.total == 1 else "people"
        self.total.setText(f"{state.total} {people} took part" if state.total else state.summary())
        if self.list is not None:
            self._layout.removeWidget(self.list)
            self.list.hide()
            self.list.deleteLater()
        self.list = QWidget()
        grid = QGridLayout(self.list)
        grid.setContentsMargins(0, 12, 0, 0)
        lines = [(str(r.people), r.role) for r in state.roles if r.people]
        if state.organisations:
            number = len(state.organisations)
            lines.append((str(number), "Organisation" if number == 1 else "Organisations"))
        for row, (count, text) in enumerate(lines):
            grid.addWidget(point_label(count, text, "slide-point"), row, 0)
        self._layout.insertWidget(2, self.list)
        self.setAccessibleName(f"{self.step.title}: {state.summary()}")
        if self.join is not None:
            self.join.refresh()
        self.contentChanged.emit()


class AttendanceControls(StepView):
    """A number box per role (typing or arrow keys), a role added or removed, the
    organisations on one line (commas between them)."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        phone: PhoneVoting | None = None,
    ) -> None:
        super().__init__(session, step_id)
        self._run = run
        self._roles: tuple[str, ...] = ()
        self.phone_controls = PhoneControls(phone, session, step_id, run) if phone else None
        self.open_button = QPushButton()
        self.open_button.setCheckable(True)
        explain(self.open_button, self.tr("Let phones say their role now, or stop them"))
        self.open_button.clicked.connect(lambda on: run(OpenToPhones(step_id, on)))
        self.boxes: list[QSpinBox] = []
        self.lines: list[QLabel] = []
        self.removers: list[QPushButton] = []
        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.new_role = QLineEdit()
        self.new_role.setMaxLength(MAX_ROLE)
        self.new_role.setAccessibleName("Role to add")
        self.new_role.setPlaceholderText("Another role, e.g. Volunteers")
        self.new_role.returnPressed.connect(self.add_role)
        self.add_button = QPushButton("Add r&ole")
        explain(self.add_button, "Add the role to the list")
        self.add_button.clicked.connect(self.add_role)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_role, 1)
        add_row.addWidget(self.add_button)
        self.organisations = QLineEdit()
        self.organisations.setAccessibleName("Organisations that took part")
        self.organisations.setPlaceholderText("Organisations, with commas between them")
        self.organisations.editingFinished.connect(self._organisations_edited)
        organisations_label = QLabel("Organisatio&ns:")
        organisations_label.setBuddy(self.organisations)
        organisations_row = QHBoxLayout()
        organisations_row.addWidget(organisations_label)
        organisations_row.addWidget(self.organisations, 1)
        self.problem = SpokenLabel()
        self.problem.setAccessibleName("Why the change was not made")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.phone_controls is not None:
            layout.addWidget(self.phone_controls)
        phones_row = QHBoxLayout()
        phones_row.addWidget(self.open_button)
        phones_row.addStretch(1)
        layout.addLayout(phones_row)
        layout.addWidget(self.grid_widget)
        layout.addLayout(add_row)
        layout.addLayout(organisations_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.refresh()

    @property
    def state(self) -> Attendance:
        return self.step.state  # type: ignore[no-any-return]

    def refresh(self, change: Change | None = None) -> None:
        state = self.state
        roles = tuple(r.role for r in state.roles)
        if roles != self._roles:
            self._rebuild(roles)
        for box, role in zip(self.boxes, state.roles, strict=True):
            if box.value() != role.count:
                box.blockSignals(True)
                box.setValue(role.count)
                box.blockSignals(False)
        text = ", ".join(state.organisations)
        if not self.organisations.hasFocus() and self.organisations.text() != text:
            self.organisations.setText(text)
        asked = bool(state.collection.round_id or state.from_phones)  # phones in play
        for line, role in zip(self.lines, state.roles, strict=True):
            line.setText(role_line(role) if asked else "")
        note = self.tr("Counts only: nobody's name is recorded.")
        if asked:
            note += " " + self.tr(
                "Phones' answers are added to your counts: count by hand only the people "
                "who have not answered on a phone."
            )
        self.note.setText(note)
        self.open_button.setChecked(state.collection.open)
        self.open_button.setText(
            self.tr("Stop phones saying their role") if state.collection.open
            else self.tr("Let phones say their role (optional, anonymous)")
        )  # fmt: skip
        self.summary.setText(state.summary())

    def detach(self) -> None:
        super().detach()
        if self.phone_controls is not None:
            self.phone_controls.detach()

    def _rebuild(self, roles: tuple[str, ...]) -> None:
        self._roles = roles
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.boxes, self.removers, self.lines = [], [], []
        for index, role in enumerate(roles):
            label = QLabel(role)
            box = QSpinBox()
            box.setRange(0, MAX_COUNT)
            box.setAccessibleName(f"Number of {role.lower()}")
            label.setBuddy(box)
            box.valueChanged.connect(lambda value, i=index: self._count_edited(i, value))
            remove = QPushButton("Remove")
            explain(remove, f"Remove the role {role} from the list")
            remove.clicked.connect(lambda _=False, i=index: self.remove_role(i))
            self.grid.addWidget(label, index, 0)
            self.grid.addWidget(box, index, 1)
            line = SpokenLabel()
            line.setAccessibleName(f"{role}: everyone counted")
            self.grid.addWidget(line, index, 2)
            self.grid.addWidget(remove, index, 3)
            self.lines.append(line)
            self.boxes.append(box)
            self.removers.append(remove)
        self.grid.setColumnStretch(0, 1)

    def _count_edited(self, index: int, value: int) -> None:
        if index < len(self.state.roles) and self.state.roles[index].count != value:
            edited = self.state.with_count(index, value)
            self._run(ReplaceState(self.step_id, edited, "Count who took part", f"count-{index}"))

    def add_role(self) -> None:
        try:
            edited = self.state.with_role(self.new_role.text())
        except ValueError as err:
            self.problem.setText(f"Not added: {err}.")
            return
        self.problem.clear()
        self._run(ReplaceState(self.step_id, edited, "Add role"))
        self.new_role.clear()

    def remove_role(self, index: int) -> None:
        if index < len(self.state.roles):
            self._run(ReplaceState(self.step_id, self.state.without_role(index), "Remove role"))

    def _organisations_edited(self) -> None:
        try:
            edited = self.state.with_organisations(self.organisations.text())
        except ValueError as err:
            self.problem.setText(f"Not kept: {err}. What you typed is still in the box.")
            return
        self.problem.clear()
        if edited != self.state:
            self._run(ReplaceState(self.step_id, edited, "Change organisations", "organisations"))


presenter_view, console_view = phone_step_views(AttendancePresenter, AttendanceControls)
