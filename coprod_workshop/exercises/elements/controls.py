"""The facilitator's controls for a self-assessment: which element the room rates,
counts of hands, the wording of elements and scale, revealing the results.

Until the results are revealed the facilitator sees how many ratings are in,
and the counts of hands they entered themselves, never the distribution.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from coprod_workshop.core.session import Session
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
from coprod_workshop.participation.phone import PhoneVoting
from coprod_workshop.participation.roundcontrols import STATUS_TEXT, RoundControls, votes_text
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.handcounts import HandCounts
from coprod_workshop.ui.theme import SpokenLabel, explain
from coprod_workshop.voting import VoteRound
from coprod_workshop.voting.commands import CloseRound, OpenRound

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
    leave_on_tab(table)  # Tab leaves the table; arrows move inside it
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


RESULT_BUTTONS = (
    ("hidden", "Hi&dden", "Hide the results from the room"),
    ("revealed", "Reve&al results", "Reveal the radar and bars to the room"),
)


class ElementsControls(RoundControls):
    """Open elements for rating in turn, count hands, reword, reveal."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        phone: PhoneVoting | None = None,
    ) -> None:
        super().__init__(
            session,
            step_id,
            run,
            phone,
            noun="element",
            votes="rating",
            clear_text="Clear &ratings",
            set_results=SetResults,
            result_modes=RESULT_BUTTONS,
        )
        self._filling = False
        self.hide_button = self.result_buttons["hidden"]
        self.reveal_button = self.result_buttons["revealed"]
        self.set_choice = QComboBox()
        self.set_choice.setAccessibleName("Set of elements to rate")
        for set_id in SETS:
            self.set_choice.addItem(load_set(set_id).title, set_id)
        self.set_choice.activated.connect(self._set_chosen)
        self.results_row.insertWidget(0, self.set_choice, 1)

        self.elements = _table(
            "Elements: select one to rate, edit to reword", ["Element", "Description", "Ratings"]
        )
        self.elements.itemSelectionChanged.connect(self._row_selected)
        self.elements.itemChanged.connect(self._element_edited)
        self.next_button = QPushButton("&Next element")
        self.add_button = QPushButton("Add ele&ment")
        self.remove_button = QPushButton("Re&move element")
        for button, name, slot in (
            (self.next_button, "Close this element and open the next", self._next),
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
        left.addLayout(self.results_row)
        left.addWidget(self.elements, 3)
        left.addLayout(buttons)
        left.addLayout(edit_buttons)
        left.addWidget(self.count)
        left.addWidget(self.credit)
        if self.phone_controls is not None:
            left.addWidget(self.phone_controls)

        self.use_hands(HandCounts(SCALE_POINTS))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(self.hands_box)
        right.addWidget(self.scale, 1)
        layout.addLayout(right, 2)
        self.refresh()

    @property
    def state(self) -> SelfAssessment:
        return self.step.state  # type: ignore[no-any-return]

    # -- showing ---------------------------------------------------------------
    def redraw(self, selected: VoteRound) -> None:
        state = self.state
        self._filling = True
        self.set_choice.setCurrentIndex(self.set_choice.findData(state.set_id))
        self.set_choice.setEnabled(state.vote_count == 0)
        self.set_choice.setToolTip(
            "" if state.vote_count == 0 else "Clear every rating to use another set"
        )
        self.elements.setRowCount(len(state.elements))
        for row, (element, vote_round) in enumerate(zip(state.elements, state.rounds, strict=True)):
            _set_cell(self.elements, row, 0, element.name, EDITABLE)
            _set_cell(self.elements, row, 1, element.description, EDITABLE)
            status = f"{STATUS_TEXT[vote_round.status]}, {votes_text(vote_round, 'rating')}"
            _set_cell(self.elements, row, 2, status, READ_ONLY)
            if vote_round.id == selected.id and self.elements.currentRow() != row:
                self.elements.selectRow(row)
        for row, point in enumerate(state.scale):
            _set_cell(self.scale, row, 0, point.name, EDITABLE)
            _set_cell(self.scale, row, 1, point.description, EDITABLE)
        self._filling = False
        name = state.round_name(selected.id)
        self.add_button.setEnabled(len(state.elements) < MAX_ELEMENTS)
        self.remove_button.setEnabled(len(state.elements) > MIN_ELEMENTS)
        following = state.next_round()
        self.next_button.setEnabled(following is not None or state.open_round is not None)
        self.next_button.setText("&Next element" if following is not None else "Finish rati&ng")
        seen = "shown to the room" if state.results_shown else "hidden from the room"
        self.hands_box.setTitle(f"Show of hands: {name}")
        self.hands_box.set_names([point.name for point in state.scale])
        self.show_round(selected, name, seen, state.results)
        self.credit.setText(state.source.credit)

    # -- asking for changes ------------------------------------------------------
    def _row_selected(self) -> None:
        row = self.elements.currentRow()
        if self._filling or not 0 <= row < len(self.state.rounds):
            return
        self.select(self.state.rounds[row].id)

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

    def _set_chosen(self, index: int) -> None:
        set_id = self.set_choice.itemData(index)
        if set_id != self.state.set_id and self.state.vote_count == 0:
            self._run(ChooseSet(self.step_id, set_id))
