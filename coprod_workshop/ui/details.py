"""The session's details in one short dialog: its title, the group it is for and who
facilitates it. Asked once on the first session (every field can be skipped) and
at any time from File → Session details… (Ctrl+D). The facilitator's name is kept in
``settings.ini`` in the data folder and given to every new session.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.session import Session

FACILITATOR_KEY = "facilitator/name"
#: the longest title, group or name a field takes (the report and projector fit them)
MAX_DETAIL = 200


def app_settings(root: Path | None) -> QSettings | None:
    """The app's own settings beside the sessions (None: nothing is stored)."""
    if root is None:
        return None
    return QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)


def remembered_facilitator(settings: QSettings | None) -> str:
    if settings is None:
        return ""
    value = settings.value(FACILITATOR_KEY, "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def remember_facilitator(settings: QSettings | None, name: str) -> None:
    if settings is not None:
        settings.setValue(FACILITATOR_KEY, " ".join(name.split()))
        settings.sync()


class DetailsDialog(QDialog):
    """Title, group and facilitator of ``session``.

    Signals:
        chosen(str, str, str, bool): title, group, facilitator, and whether the
            facilitator's name is kept for the next sessions.
    """

    chosen = Signal(str, str, str, bool)

    def __init__(self, session: Session, parent: QWidget | None, *, first: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Session details")
        intro = QLabel(
            "A few details for this session. Each can be left empty and changed later "
            "(File → Session details…, Ctrl+D)."
            if first
            else "The session's title, the group it is for, and who facilitates it."
        )
        intro.setWordWrap(True)
        self.title = self._field(session.title, "Session title")
        self.group = self._field(session.group, "Group: the team, service or partnership")
        self.group.setPlaceholderText("e.g. Riverside carers' forum")
        self.facilitator = self._field(session.facilitator, "Facilitator")
        self.facilitator.setPlaceholderText("Your name, as the report should give it")
        self.remember = QCheckBox("&Use this name for my next sessions")
        self.remember.setChecked(True)
        self.remember.setAccessibleName("Use this facilitator's name for my next sessions")
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Group:", self.group)
        group_hint = QLabel("Sessions of one group make its journey, workshop after workshop.")
        group_hint.setWordWrap(True)
        form.addRow("", group_hint)
        form.addRow("&Facilitator:", self.facilitator)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        self.save_button = buttons.addButton("&Save details", role.AcceptRole)
        self.skip_button = buttons.addButton(
            "S&kip" if first else "&Cancel", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        # The keyboard starts where something is missing; typing never runs on into a
        # field already filled (the title the plan gave).
        fields = (self.title, self.group, self.facilitator)
        start = next((field for field in fields if not field.text()), self.title)
        start.setFocus()
        if start.text():
            start.selectAll()

    @staticmethod
    def _field(value: str, name: str) -> QLineEdit:
        field = QLineEdit(value)
        field.setMaxLength(MAX_DETAIL)
        field.setAccessibleName(name)
        return field

    def accept(self) -> None:
        self.chosen.emit(
            self.title.text(),
            self.group.text(),
            self.facilitator.text(),
            self.remember.isChecked(),
        )
        super().accept()
