"""The console's inbox of notes or actions sent from phones, moderated by the facilitator.

Nothing here is on the projector: a note reaches the room only when accepted
(Enter, or the Accept button), as it is or after editing its words or moving it to
another cell; Delete sets it aside (kept, never shown; it can be brought back).
Every change is an undoable command (``voting.inbox``), saved with the session.
The step may instead show what arrives at once ("Show as they arrive"), for
trusted groups. Text from phones is always shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.session import Change, Session
from coprod_workshop.participation.dotsview import DotsPanel
from coprod_workshop.participation.phonenotes import accept_command
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.theme import SpokenLabel, explain
from coprod_workshop.voting.dots import DOTS
from coprod_workshop.voting.inbox import (
    Collects,
    Contribution,
    EditPending,
    OpenToPhones,
    SetAside,
    ShowAsTheyArrive,
)

if TYPE_CHECKING:
    from coprod_workshop.participation.phone import PhoneVoting

ID_ROLE = Qt.ItemDataRole.UserRole


class PhoneInbox(QWidget):
    """Open the step to phones, choose whether what arrives waits, and moderate the inbox."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        phone: PhoneVoting | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from coprod_workshop.participation.phone import PhoneControls

        self.session, self.step_id, self.run = session, step_id, run
        kind = self.state.contribution_kind
        self.kind = kind
        self.phone_controls = PhoneControls(phone, session, step_id, run) if phone else None
        self.open_button = QPushButton()
        self.open_button.setCheckable(True)
        explain(self.open_button, self.tr("Let phones send to this step, or stop them"))
        self.open_button.clicked.connect(lambda on: run(OpenToPhones(step_id, on)))
        self.live = QCheckBox(self.tr("Show as they arrive (no inbox, for a trusted group)"))
        self.live.setToolTip(
            self.tr("What phones send goes straight on the big screen, unread by you")
        )
        self.live.clicked.connect(lambda on: run(ShowAsTheyArrive(step_id, on)))
        self.heading = SpokenLabel()
        self.heading.setAccessibleName(self.tr("Inbox from phones"))
        self.list = leave_on_tab(QListWidget())
        self.list.setAccessibleName(
            self.tr("Waiting for you: Enter accepts, Delete sets aside")
        )
        self.list.currentItemChanged.connect(lambda *_: self._selected())
        self.edit = QLineEdit()
        self.edit.setAccessibleName(self.tr("Words of the selected one: Enter saves an edit"))
        self.edit.returnPressed.connect(self.save_edit)
        self._editing: str | None = None
        self._places: tuple[str, ...] = ()
        #: the cells' names the rows were last described with
        self._described: tuple[str, ...] = ()
        #: the contributions each list's rows show (by the id of the list)
        self._rows: dict[int, list[Contribution]] = {}
        self.place = QComboBox()
        self.place.setAccessibleName(self.tr("Cell the selected note goes to"))
        self.place.view().setAccessibleName(self.tr("Cells"))
        self.place.activated.connect(self.move_to)
        self.accept_button = QPushButton(self.tr("&Accept"))
        explain(self.accept_button, self.tr("Put the selected one on the big screen (Enter)"))
        self.accept_button.clicked.connect(self.accept)
        self.aside_button = QPushButton(self.tr("Set a&side"))
        explain(self.aside_button, self.tr("Keep the selected one off the screen (Delete)"))
        self.aside_button.clicked.connect(self.set_aside)
        self.aside = leave_on_tab(QListWidget())
        self.aside.setAccessibleName(self.tr("Set aside"))
        self.aside.setMaximumHeight(90)
        self.back_button = QPushButton(self.tr("Bring &back"))
        explain(self.back_button, self.tr("Put the selected one back in the inbox"))
        self.back_button.clicked.connect(self.bring_back)
        self.problem = SpokenLabel()
        self.problem.setAccessibleName(self.tr("Why it was not accepted"))
        self.problem.setWordWrap(True)
        self.list.installEventFilter(self)  # Enter accepts, Delete sets aside

        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.live, 1)
        edits = QHBoxLayout()
        edits.addWidget(self.edit, 1)
        edits.addWidget(self.place)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.aside_button)
        buttons.addStretch(1)
        aside_label = QLabel(self.tr("Set aside (never shown)"))
        aside_label.setBuddy(self.aside)
        back = QHBoxLayout()
        back.addWidget(aside_label, 1)
        back.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.phone_controls is not None:
            layout.addWidget(self.phone_controls)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 2)
        layout.addLayout(edits)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        layout.addLayout(back)
        layout.addWidget(self.aside, 1)
        self.dots = DotsPanel(session, step_id, run)
        layout.addWidget(self.dots)
        self.place.setVisible(kind == "note")  # (once in the layout: never a window)
        # Notes by the hundred (a room of phones): one redraw per turn of the event loop.
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self._redraw)
        #: a change to the inbox is due (not only to the dots): the lists are redrawn
        self._lists_due = False
        session.changed.connect(self._on_change)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            # A key held down is one press: the rest of the inbox never goes onto the
            # big screen, or aside, unread.
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if not event.isAutoRepeat():
                    self.accept()
                return True
            if event.key() == Qt.Key.Key_Delete:
                if not event.isAutoRepeat():
                    self.set_aside()
                return True
        return super().eventFilter(watched, event)

    @property
    def state(self) -> Collects:
        # Built for a step that takes things from phones (a Protocol's isinstance is slow,
        # and this is read on every redraw).
        return cast(Collects, self.session.step(self.step_id).state)

    def detach(self) -> None:
        self._pending.stop()
        self.session.changed.disconnect(self._on_change)
        if self.phone_controls is not None:
            self.phone_controls.detach()

    def _on_change(self, change: Change) -> None:
        if change.step_id == self.step_id:
            if change.detail != DOTS:  # a dot placed changes nothing in the inbox
                self._lists_due = True
            self._pending.start()

    def _redraw(self) -> None:
        if self._lists_due:
            self.refresh()
        else:
            self.dots.refresh()

    # -- showing -------------------------------------------------------------------
    def describe(self, item: Contribution) -> str:
        places = self._places
        if self.kind == "note" and 0 <= item.place < len(places):
            return f"{places[item.place]} — {item.text}"
        details = ", ".join(
            p for p in (item.who, self.tr("by %1").replace("%1", item.when) if item.when else "")
            if p
        )  # fmt: skip
        return item.text + (f" ({details})" if details else "")

    def refresh(self) -> None:
        self._pending.stop()
        self._lists_due = False
        self._places = self.state.contribution_places()
        collection = self.state.collection
        names = self.tr("notes") if self.kind == "note" else self.tr("actions")
        self.open_button.setChecked(collection.open)
        self.open_button.setText(
            (self.tr("Stop taking %1 from phones") if collection.open
             else self.tr("Take %1 from phones")).replace("%1", names)
        )  # fmt: skip
        self.live.setChecked(collection.live)
        waiting = len(collection.pending)
        self.heading.setText(
            self.tr("%1 waiting for you · %2 set aside · nothing here is on the big screen")
            .replace("%1", str(waiting)).replace("%2", str(len(collection.aside)))
        )  # fmt: skip
        current = self.current_id()
        self.dots.refresh()
        self._fill(self.list, collection.pending, current)
        self._fill(self.aside, collection.aside, None)
        self._described = places = self._places
        if [self.place.itemText(i) for i in range(self.place.count())] != list(places):
            self.place.clear()
            self.place.addItems(list(places))
        self._selected()

    def _fill(self, widget: QListWidget, items: list[Contribution], keep: str | None) -> None:
        """Show ``items`` (plain text, never markup), changing only the rows that differ,
        so an inbox of hundreds redraws in a moment: a row showing the very contribution
        it showed last time (they never change, an edit makes a new one) is left as it is,
        unless the cells' names changed."""
        row = widget.currentRow()
        widget.blockSignals(True)
        shown = self._rows.get(id(widget), [])
        if len(shown) != widget.count():  # (never, but the rows are what counts)
            widget.clear()
            shown = []
        ids = [item.id for item in items]
        wanted = set(ids)
        for n in reversed(range(len(shown))):
            if shown[n].id not in wanted:
                widget.takeItem(n)
                del shown[n]
        if [item.id for item in shown] != ids[: len(shown)]:
            widget.clear()
            shown = []
        renamed = self._places != self._described
        for n, item in enumerate(items):
            if n < len(shown):
                if shown[n] is not item or renamed:
                    text = self.describe(item)
                    if widget.item(n).text() != text:
                        widget.item(n).setText(text)
                    shown[n] = item
                continue
            entry = QListWidgetItem(self.describe(item))
            entry.setData(ID_ROLE, item.id)
            widget.addItem(entry)
            shown.append(item)
        self._rows[id(widget)] = shown
        if keep in wanted:
            widget.setCurrentRow(ids.index(keep))
        elif items:
            widget.setCurrentRow(max(0, min(row, len(items) - 1)))
        widget.blockSignals(False)

    def current_id(self) -> str | None:
        entry = self.list.currentItem()
        return None if entry is None else str(entry.data(ID_ROLE))

    def current(self) -> Contribution | None:
        if self._pending.isActive():  # a redraw is due: the list first
            self._pending.stop()
            self.refresh()
        item_id = self.current_id()
        return next((i for i in self.state.collection.pending if i.id == item_id), None)

    def _selected(self) -> None:
        item = self.current()
        has = item is not None
        for widget in (self.edit, self.place, self.accept_button, self.aside_button):
            widget.setEnabled(has)
        self.back_button.setEnabled(self.aside.count() > 0)
        # Words being edited stay while the same one is selected (a move keeps them).
        if item is None or item.id != self._editing or not self.edit.isModified():
            self.edit.setText(item.text if item else "")
        self._editing = item.id if item else None
        if item is not None and item.place >= 0:
            self.place.setCurrentIndex(item.place)

    # -- moderating ----------------------------------------------------------------
    def save_edit(self) -> None:
        item = self.current()
        text = " ".join(self.edit.text().split())
        if item is not None and text and text != item.text:
            self.run(EditPending(self.step_id, item.id, text=text))
            self.refresh()

    def move_to(self, place: int) -> None:
        item = self.current()
        if item is not None and place != item.place:
            self.run(EditPending(self.step_id, item.id, place=place))
            self.refresh()

    def take_focus(self) -> None:
        """The keyboard to what comes next: the first waiting note, or else starting
        phones or opening the step to them."""
        if self.list.count():
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
            target: QWidget = self.list
        elif self.phone_controls is not None and not self.phone_controls.on_here():
            target = self.phone_controls.toggle
        else:
            target = self.open_button
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def accept(self) -> None:
        item = self.current()
        if item is None:
            return
        self.save_edit()  # words edited and not yet saved go on as edited
        command = accept_command(self.state, self.step_id, item.id)
        problem = command.problem(self.session)
        self.problem.setText(problem)
        if not problem:
            self.run(command)
            self.refresh()  # the facilitator's own change shows at once
            self.list.setFocus()

    def set_aside(self) -> None:
        item = self.current()
        if item is not None:
            self.run(SetAside(self.step_id, item.id))
            self.refresh()
            self.list.setFocus()

    def bring_back(self) -> None:
        entry = self.aside.currentItem()
        if entry is not None:
            self.run(SetAside(self.step_id, str(entry.data(ID_ROLE)), aside=False))
            self.refresh()
