"""The facilitator's controls for a self-assessment: which element the room rates,
counts of hands, the wording of elements and scale, revealing the results.

Until the results are revealed the facilitator sees how many ratings are in,
and the counts of hands they entered themselves, never the distribution.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.elements.commands import (
    AddElement,
    ChooseSet,
    EditElement,
    EditPoint,
    RemoveElement,
    SetResults,
)
from coprod_workshop.exercises.elements.model import (
    MAX_ELEMENTS,
    MIN_ELEMENTS,
    SCALE_POINTS,
    SETS,
    SelfAssessment,
    load_set,
)
from coprod_workshop.exercises.ladder.controls import STATUS_TEXT, votes_text
from coprod_workshop.exercises.ladder.phone import PhoneControls, PhoneVoting
from coprod_workshop.exercises.ladder.turns import COALESCED
from coprod_workshop.ui.handcounts import HandCounts
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.voting import VoteRound
from coprod_workshop.voting.commands import ClearRound, CloseRound, OpenRound, SetHandCount
from coprod_workshop.ui.theme import SpokenLabel, explain

EDITABLE = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.setCornerButtonEnabled(False)
    for corner in table.findChildren(QAbstractButton):
        corner.setAccessibleName(f"{name}: corner")
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


def _set_cell(table: QTableWidget, row: int, column: int, text: str, flags: Any) -> None:
    item = table.item(row, column)
    if item is None:
        item = QTableWidgetItem(text)
        item.setFlags(flags)
        table.setItem(row, column, item)
    elif item.text() != text:
        item.setText(text)


class ElementsControls(StepView):
    """Open elements for rating in turn, count hands, reword, reveal."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        phone: PhoneVoting | None = None,
    ) -> None:
        super().__init__(session, step_id)
        self._run = run
        self._selected: str | None = None
        self._followed: str | None = None
        self._filling = False

        self.set_choice = QComboBox()
        self.set_choice.setAccessibleName("Set of elements to rate")
        for set_id in SETS:
            self.set_choice.addItem(load_set(set_id).title, set_id)
        self.set_choice.activated.connect(self._set_chosen)
        self.hide_button = QPushButton("Hi&dden")
        self.reveal_button = QPushButton("Reve&al results")
        for button, mode, name in (
            (self.hide_button, "hidden", "Hide the results from the room"),
            (self.reveal_button, "revealed", "Reveal the radar and bars to the room"),
        ):
            button.setCheckable(True)
            explain(button, name)
            button.clicked.connect(lambda _=False, m=mode: self._results_chosen(m))
        top = QHBoxLayout()
        top.addWidget(self.set_choice, 1)
        top.addWidget(QLabel("Results:"))
        top.addWidget(self.hide_button)
        top.addWidget(self.reveal_button)

        self.elements = _table(
            "Elements: select one to rate, edit to reword", ["Element", "Description", "Ratings"]
        )
        self.elements.itemSelectionChanged.connect(self._row_selected)
        self.elements.itemChanged.connect(self._element_edited)
        self.open_button = QPushButton("&Open")
        self.next_button = QPushButton("&Next element")
        self.close_button = QPushButton("Clo&se")
        self.clear_button = QPushButton("Clear &ratings")
        self.add_button = QPushButton("Add ele&ment")
        self.remove_button = QPushButton("Re&move element")
        for button, name, slot in (
            (self.open_button, "Open the selected element for rating", self._open),
            (self.next_button, "Close this element and open the next", self._next),
            (self.close_button, "Close the selected element", self._close),
            (self.clear_button, "Clear the ratings of the selected element", self._clear),
            (self.add_button, "Add an element to rate", self._add),
            (self.remove_button, "Remove the selected element", self._remove),
        ):
            explain(button, name)
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.next_button, self.close_button, self.clear_button):
            buttons.addWidget(button)
        edit_buttons = QHBoxLayout()
        edit_buttons.addWidget(self.add_button)
        edit_buttons.addWidget(self.remove_button)
        edit_buttons.addStretch(1)
        self.count = SpokenLabel()
        self.count.setAccessibleName("Ratings of the selected element")
        self.credit = SpokenLabel()
        self.credit.setWordWrap(True)
        self.credit.setProperty("role", "hint")
        self.credit.setAccessibleName("Where the elements and the scale come from")

        self.scale = _table("Scale from 1 to 5: edit to reword", ["Point", "What it means"])
        self.scale.setRowCount(SCALE_POINTS)
        self.scale.setVerticalHeaderLabels([str(n) for n in range(1, SCALE_POINTS + 1)])
        self.scale.verticalHeader().setVisible(True)
        self.scale.itemChanged.connect(self._point_edited)

        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.elements, 3)
        left.addLayout(buttons)
        left.addLayout(edit_buttons)
        left.addWidget(self.count)
        left.addWidget(self.credit)
        self.phone_controls = PhoneControls(phone, session, step_id, run) if phone else None
        if self.phone_controls is not None:
            left.addWidget(self.phone_controls)

        self.hands_box = HandCounts(SCALE_POINTS)
        self.hands_box.countChanged.connect(self._hands_edited)
        self.hands = self.hands_box.spins
        self.hand_steps = self.hands_box.steps
        self.totals = self.hands_box.totals
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(self.hands_box)
        right.addWidget(self.scale, 1)
        layout.addLayout(right, 2)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.refresh)
        self.refresh()

    @property
    def state(self) -> SelfAssessment:
        return self.step.state  # type: ignore[no-any-return]

    def detach(self) -> None:
        super().detach()
        self._pending.stop()
        if self.phone_controls is not None:
            self.phone_controls.detach()

    def selected_round(self) -> VoteRound:
        state = self.state
        open_round = state.open_round
        if open_round is not None and open_round.id != self._followed:
            self._selected = open_round.id  # an element just opened: follow the room
        self._followed = open_round.id if open_round is not None else None
        if self._selected not in [r.id for r in state.rounds]:
            self._selected = (state.current_round or state.rounds[0]).id
        return state.round(self._selected)  # type: ignore[arg-type]

    # -- showing ---------------------------------------------------------------
    def refresh(self, change: Change | None = None) -> None:
        if change is not None and change.detail.startswith(COALESCED):
            self._pending.start()  # phones: redraw once per turn of the event loop
            return
        self._pending.stop()
        state = self.state
        selected = self.selected_round()
        self._filling = True
        self.set_choice.setCurrentIndex(self.set_choice.findData(state.set_id))
        self.set_choice.setEnabled(state.vote_count == 0)
        self.set_choice.setToolTip(
            "" if state.vote_count == 0 else "Clear every rating to use another set"
        )
        self.hide_button.setChecked(not state.results_shown)
        self.reveal_button.setChecked(state.results_shown)
        self.elements.setRowCount(len(state.elements))
        for row, (element, vote_round) in enumerate(zip(state.elements, state.rounds, strict=True)):
            _set_cell(self.elements, row, 0, element.name, EDITABLE)
            _set_cell(self.elements, row, 1, element.description, EDITABLE)
            status = f"{STATUS_TEXT[vote_round.status]}, {votes_text(vote_round)}"
            _set_cell(self.elements, row, 2, status, READ_ONLY)
            if vote_round.id == selected.id and self.elements.currentRow() != row:
                self.elements.selectRow(row)
        for row, point in enumerate(state.scale):
            _set_cell(self.scale, row, 0, point.name, EDITABLE)
            _set_cell(self.scale, row, 1, point.description, EDITABLE)
        self._filling = False
        status = selected.status
        name = state.round_name(selected.id)
        self.open_button.setText("Re&open" if status == "closed" else "&Open")
        self.open_button.setEnabled(status != "open")
        self.close_button.setEnabled(status == "open")
        self.clear_button.setEnabled(selected.count > 0)
        self.add_button.setEnabled(len(state.elements) < MAX_ELEMENTS)
        self.remove_button.setEnabled(len(state.elements) > MIN_ELEMENTS)
        following = state.next_round()
        self.next_button.setEnabled(following is not None or state.open_round is not None)
        self.next_button.setText("&Next element" if following is not None else "Finish rati&ng")
        seen = "shown to the room" if state.results_shown else "hidden from the room"
        self.count.setText(
            f"{name} is {STATUS_TEXT[status]}: {votes_text(selected)}. Results {seen}."
        )
        self.hands_box.setTitle(f"Show of hands: {name}")
        self.hands_box.set_names([point.name for point in state.scale])
        totals = selected.tally() if state.results_shown else None
        self.hands_box.show_counts(selected.hand_tally(), selected.is_open, totals)
        self.credit.setText(state.source.credit)

    # -- asking for changes ------------------------------------------------------
    def _row_selected(self) -> None:
        row = self.elements.currentRow()
        if self._filling or not 0 <= row < len(self.state.rounds):
            return
        self._selected = self.state.rounds[row].id
        self.refresh()

    def _element_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() > 1:
            return
        element = self.state.elements[item.row()]
        part = "name" if item.column() == 0 else "description"
        wanted = item.text().strip()
        if (wanted or part == "description") and wanted != getattr(element, part):
            self._run(EditElement(self.step_id, element.id, part, item.text()))
        self.refresh()  # an empty name is put back

    def _point_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        point = self.state.scale[item.row()]
        part = "name" if item.column() == 0 else "description"
        wanted = item.text().strip()
        if (wanted or part == "description") and wanted != getattr(point, part):
            self._run(EditPoint(self.step_id, item.row(), part, item.text()))
        self.refresh()

    def _open(self) -> None:
        self._run(OpenRound(self.step_id, self.selected_round().id))

    def _close(self) -> None:
        self._run(CloseRound(self.step_id, self.selected_round().id))

    def _next(self) -> None:
        following = self.state.next_round()
        if following is not None:
            self._run(OpenRound(self.step_id, following.id))
        elif self.state.open_round is not None:
            self._run(CloseRound(self.step_id, self.state.open_round.id))

    def _add(self) -> None:
        command = AddElement(self.step_id, "New element")
        self._selected = command.element.id
        self._run(command)
        row = len(self.state.elements) - 1
        self.elements.setCurrentCell(row, 0)
        self.elements.setFocus()
        item = self.elements.item(row, 0)
        if item is not None:
            self.elements.editItem(item)

    def _remove(self) -> None:
        if len(self.state.elements) > MIN_ELEMENTS:
            self._run(RemoveElement(self.step_id, self.selected_round().id))

    def _clear(self) -> None:
        self._run(ClearRound(self.step_id, self.selected_round().id))

    def _hands_edited(self, choice: int, value: int) -> None:
        selected = self.selected_round()
        if selected.is_open and selected.hand_count(choice) != value:
            self._run(SetHandCount(self.step_id, selected.id, choice, value))

    def _results_chosen(self, mode: str) -> None:
        if self.state.results != mode:
            self._run(SetResults(self.step_id, mode))
        self.refresh()

    def _set_chosen(self, index: int) -> None:
        set_id = self.set_choice.itemData(index)
        if set_id != self.state.set_id and self.state.vote_count == 0:
            self._run(ChooseSet(self.step_id, set_id))
