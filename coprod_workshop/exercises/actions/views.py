"""Qt views of an actions step: the list on the projector, and the form to capture
each action (what, who, by when) in the console."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.commands import ReplaceState
from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.actions.model import MAX_TEXT, MAX_WHEN, MAX_WHO, Action, ActionList
from coprod_workshop.participation.dotsview import DotsOrder
from coprod_workshop.participation.joinstrip import JoinStrip
from coprod_workshop.participation.screendots import ScreenDotsSlot
from coprod_workshop.voting.dots import DOTS
from coprod_workshop.voting.inbox import INBOX
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import SpokenLabel, explain, point_label, role_label

#: more actions than this go into two columns on the projector
ONE_COLUMN = 8


def action_text(number: int, action: Action) -> str:
    details = ", ".join(
        part for part in (action.who, f"by {action.when}" if action.when else "") if part
    )
    return f"{number}.  {action.what}" + (f"  ({details})" if details else "")


class ActionsPresenter(StepView):
    """The room's actions, numbered, with who and by when."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        phone: Any = None,
        run: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(session, step_id)
        self.title = role_label("", "slide-title")
        self.prompt = role_label("", "slide-prompt")
        self.empty = role_label(
            self.tr("The room's steps appear here as they are agreed."), "slide-source"
        )
        self.list: QWidget | None = None
        self.dots = DotsOrder()  # the revealed order of a dot round, nothing before
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.prompt, self.empty):
            self._layout.addWidget(widget)
        self._layout.addWidget(self.dots)
        #: a dot round taken on the shared screen, in the list's place (with ``run`` only)
        self.screen_dots = ScreenDotsSlot(
            self, run, self._layout, lambda: self._layout.indexOf(self.dots) + 1, stretch=10
        )
        self._layout.addStretch(1)
        #: how to join, while the step takes actions or dots from phones
        self.join = JoinStrip(session, step_id, phone) if phone is not None else None
        if self.join is not None:
            self._layout.addWidget(self.join)
            phone.changed.connect(self._phone_changed)
        self.refresh()

    def detach(self) -> None:
        super().detach()
        if self.join is not None:
            self.join.phone.changed.disconnect(self._phone_changed)
            self.join.detach()
        self.screen_dots.stop()

    def _phone_changed(self) -> None:
        if self.join is not None and self.join.refresh():
            self.contentChanged.emit()

    def _show_screen_dots(self, state: ActionList) -> bool:
        """The dots in the list's place while the shared screen takes them; whether
        that changed."""
        changed = self.screen_dots.follow(state.collection.dots)
        taking = self.screen_dots.taking
        for widget in (self.prompt, self.list):
            if widget is not None:
                widget.setVisible(not taking)
        self.empty.setVisible(not taking and not state.actions)
        return changed

    def refresh(self, change: Change | None = None) -> None:
        state: ActionList = self.step.state
        if change is not None and change.detail in (INBOX, DOTS):
            # Nothing from the inbox is on the projector; dots show only once revealed.
            if change.detail == DOTS:
                taking = self._show_screen_dots(state)
                if self.dots.update_from(state.collection.dots) or taking:
                    self.contentChanged.emit()
            return
        self.title.setText(self.step.title)
        self.prompt.setText(state.prompt)
        self.empty.setVisible(not state.actions)
        if self.list is not None:
            self._layout.removeWidget(self.list)
            self.list.hide()
            self.list.deleteLater()
        self.list = QWidget()
        grid = QGridLayout(self.list)
        grid.setContentsMargins(0, 12, 0, 0)
        columns = 1 if len(state.actions) <= ONE_COLUMN else 2
        rows = max(1, -(-len(state.actions) // columns))
        role = "slide-point" if columns == 1 else "cardsort-summary-text"
        for index, action in enumerate(state.actions):
            number, _, rest = action_text(index + 1, action).partition("  ")
            label = point_label(number, rest, role)  # a wrapped line hangs under its text
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, index % rows, index // rows)
        self._layout.insertWidget(3, self.list)
        self._show_screen_dots(state)
        self.dots.update_from(state.collection.dots)
        if self.join is not None:
            self.join.refresh()
        self.setAccessibleName(f"{self.step.title}: {len(state.actions)} actions")
        self.contentChanged.emit()


class ActionsEditor(StepView):
    """Capture an action (Enter adds it), remove one, edit the question; all undoable."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        workshop: Any = None,
    ) -> None:
        super().__init__(session, step_id)
        self._run = run
        self.prompt = QLineEdit()
        self.prompt.setAccessibleName("Question for the room")
        self.what = QLineEdit()
        self.what.setMaxLength(MAX_TEXT)
        self.what.setAccessibleName("What the action is")
        self.what.setPlaceholderText("What will be done")
        self.who = QLineEdit()
        self.who.setMaxLength(MAX_WHO)
        self.who.setAccessibleName("Who will do it")
        self.who.setPlaceholderText("Who (optional)")
        self.when = QLineEdit()
        self.when.setMaxLength(MAX_WHEN)
        self.when.setAccessibleName("By when")
        self.when.setPlaceholderText("By when (optional)")
        self.add_button = QPushButton("&Add action")
        explain(self.add_button, "Add the action to the list")
        self.problem = SpokenLabel()
        self.problem.setAccessibleName("Why the action was not added")
        self.list = leave_on_tab(QListWidget())
        self.list.setAccessibleName("Actions agreed")
        self.remove_button = QPushButton("&Remove action")
        explain(self.remove_button, "Remove the selected action")
        from coprod_workshop.participation.inboxview import PhoneInbox
        from coprod_workshop.participation.phone import PhoneVoting

        phone = PhoneVoting.of(workshop) if workshop is not None else None
        self.inbox = PhoneInbox(session, step_id, run, phone)
        self.export_button = QPushButton("E&xport report…")
        explain(self.export_button, "Export the report of this session")
        exporter = getattr(workshop, "exportRequested", None)  # the console's File > Export
        self.export_button.setVisible(exporter is not None)
        if exporter is not None:
            self.export_button.clicked.connect(lambda: exporter.emit())

        form = QFormLayout()
        form.addRow("&Question", self.prompt)
        form.addRow("&What", self.what)
        form.addRow("Wh&o", self.who)
        form.addRow("&By when", self.when)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.inbox, 1)

        for field in (self.what, self.who, self.when):
            field.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self.remove)
        self.prompt.textEdited.connect(self._prompt_edited)
        self.refresh()

    @property
    def state(self) -> ActionList:
        return self.step.state  # type: ignore[no-any-return]

    def refresh(self, change: Change | None = None) -> None:
        if change is not None and change.detail in (INBOX, DOTS):
            return  # the inbox and the dots redraw themselves
        state = self.state
        if self.prompt.text().strip() != state.prompt:
            self.prompt.setText(state.prompt)
        row = self.list.currentRow()
        self.list.clear()
        self.list.addItems([action_text(n, a) for n, a in enumerate(state.actions, start=1)])
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.remove_button.setEnabled(bool(state.actions))

    def detach(self) -> None:
        super().detach()
        self.inbox.detach()

    def add(self) -> None:
        try:
            edited = self.state.with_action(self.what.text(), self.who.text(), self.when.text())
        except ValueError as err:
            self.problem.setText(f"Not added: {err}.")
            return
        self.problem.clear()
        self._run(ReplaceState(self.step_id, edited, "Add action"))
        for field in (self.what, self.who, self.when):
            field.clear()
        self.what.setFocus()

    def remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.state.actions):
            self._run(ReplaceState(self.step_id, self.state.without_action(row), "Remove action"))

    def _prompt_edited(self, text: str) -> None:
        edited = self.state.with_prompt(text)
        if edited != self.state:
            self._run(ReplaceState(self.step_id, edited, "Edit question", key="prompt"))


def presenter_view(
    session: Session, step_id: str, run: Callable[[Any], None] | None = None, workshop: Any = None
) -> QWidget:
    from coprod_workshop.participation.phone import PhoneVoting

    phone = PhoneVoting.of(workshop) if workshop is not None else None
    return ActionsPresenter(session, step_id, phone, run)


def console_view(
    session: Session, step_id: str, run: Callable[[Any], None], workshop: Any = None
) -> QWidget:
    return ActionsEditor(session, step_id, run, workshop)
