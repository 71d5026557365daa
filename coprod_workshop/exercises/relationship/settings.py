"""Editors for what the facilitator prepares: names, prompt, cards, debrief questions.

Each field edit runs an ``EditSettings`` command; typing into one field makes
one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.fields import clean_text
from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.relationship.commands import EditSettings
from coprod_workshop.exercises.relationship.model import (
    MAX_CARDS,
    MAX_CARD_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_QUESTIONS,
    PERSONAS,
    ROWS,
    Settings,
)
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.voting.dots import DOTS
from coprod_workshop.voting.inbox import INBOX

Getter = Callable[[Settings], str]
Setter = Callable[[Settings, str], Settings]


def _text_field(name: str) -> tuple[Getter, Setter]:
    def get(settings: Settings) -> str:
        text: str = getattr(settings, name)
        return text

    return get, lambda settings, text: settings.with_text(name, text)


def _persona_field(index: int, name: str) -> tuple[Getter, Setter]:
    def get(settings: Settings) -> str:
        text: str = getattr(settings.personas[index], name)
        return text

    return get, lambda settings, text: settings.with_persona(index, **{name: text})


def _row_field(index: int) -> tuple[Getter, Setter]:
    return (
        lambda settings: settings.rows[index],
        lambda settings, text: settings.with_row(index, text),
    )


def _lines(text: str) -> list[str]:
    return [clean_text(line, MAX_CARD_LENGTH) for line in text.splitlines() if line.strip()]


class _SettingsView(StepView):
    """Binds text fields to the step's settings."""

    def __init__(self, session: Session, step_id: str, run: Callable[[Any], None]) -> None:
        super().__init__(session, step_id)
        self._run = run
        self._lines: list[tuple[QLineEdit, Getter]] = []
        self._texts: list[tuple[QPlainTextEdit, Callable[[Settings], list[str]]]] = []

    @property
    def settings(self) -> Settings:
        return self.step.state.settings  # type: ignore[no-any-return]

    def _edit(self, new: Settings, text: str, key: str) -> None:
        if new != self.settings:
            self._run(EditSettings(self.step_id, new, text, key))

    def line(self, name: str, get: Getter, put: Setter, key: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.textEdited.connect(
            lambda text: self._edit(put(self.settings, text), f"Edit {name.lower()}", key)
        )
        self._lines.append((edit, get))
        return edit

    def text(
        self, name: str, get: Callable[[Settings], list[str]], put: Setter, key: str
    ) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.textChanged.connect(
            lambda: self._edit(put(self.settings, edit.toPlainText()), f"Edit {name.lower()}", key)
        )
        self._texts.append((edit, get))
        return edit

    def refresh(self, change: Change | None = None) -> None:
        if change is not None and change.detail in (INBOX, DOTS):
            return  # phones' notes and dots never change what the facilitator prepared
        settings = self.settings
        neutral = getattr(self, "neutral", None)
        if neutral is not None and neutral.isChecked() != settings.neutral_names:
            neutral.blockSignals(True)
            neutral.setChecked(settings.neutral_names)
            neutral.blockSignals(False)
        for edit, get in self._lines:
            if clean_text(edit.text(), MAX_NOTE_LENGTH) != get(settings):
                edit.setText(get(settings))
        for text_edit, get_lines in self._texts:
            if _lines(text_edit.toPlainText()) != get_lines(settings):
                text_edit.blockSignals(True)
                text_edit.setPlainText("\n".join(get_lines(settings)))
                text_edit.blockSignals(False)


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


class DebriefEditor(_SettingsView):
    """The debrief heading and questions the projector shows once revealed."""

    def __init__(self, session: Session, step_id: str, run: Callable[[Any], None]) -> None:
        super().__init__(session, step_id, run)
        form = QFormLayout(self)
        form.addRow(
            _hint(
                "Shown on the projector when you press “Reveal debrief” (Ctrl+R). The questions "
                "are the app's own suggestions: change them for this group."
            )
        )
        form.addRow(
            "Head&ing",
            self.line(
                "Debrief heading",
                lambda s: s.debrief_heading,
                lambda s, t: s.with_text("debrief_heading", t),
                "debrief-heading",
            ),
        )
        self.questions = self.text(
            "Debrief questions, one per line",
            lambda s: list(s.questions),
            Settings.with_questions_text,
            "questions",
        )
        self.questions.setPlaceholderText(f"One question per line (up to {MAX_QUESTIONS})")
        form.addRow("&Questions", self.questions)
        self.refresh()


class SettingsEditor(_SettingsView):
    """Opening line, prompt, personas, row names and the card deck of this step."""

    def __init__(self, session: Session, step_id: str, run: Callable[[Any], None]) -> None:
        super().__init__(session, step_id, run)
        inner = QWidget()
        form = QFormLayout(inner)
        for label, name, key in (
            ("Opening &line", "Opening line", "opening"),
            ("C&redit", "Credit for the opening line", "credit"),
            ("&Prompt", "Question for the room", "prompt"),
        ):
            form.addRow(
                label,
                self.line(name, *_text_field(key), key),
            )
        self.neutral = QCheckBox(
            "Use the neutral names: “the quick chat” and “the long-term partner”"
        )
        self.neutral.setAccessibleName("Use neutral names for the two personas")
        self.neutral.toggled.connect(
            lambda on: self._edit(
                self.settings.with_neutral_names(on), "Switch the personas' names", "names"
            )
        )
        form.addRow(self.neutral)
        for index in range(PERSONAS):
            for part, field in (
                ("name", "name"),
                ("description", "description"),
                ("stands for", "stands_for"),
            ):
                name = f"Persona {index + 1} {part}"
                form.addRow(
                    f"{name}",
                    self.line(name, *_persona_field(index, field), f"persona-{index}-{field}"),
                )
        for index in range(ROWS):
            name = f"Row {index + 1}"
            form.addRow(
                name,
                self.line(f"{name} name", *_row_field(index), f"row-{index}"),
            )
        self.deck_text = self.text(
            "Statement cards, one per line",
            lambda s: [card.text for card in s.deck],
            Settings.with_deck_text,
            "deck",
        )
        self.deck_text.setPlaceholderText(f"One card per line (up to {MAX_CARDS})")
        form.addRow("State&ment cards", self.deck_text)
        form.addRow(
            _hint(
                "The ready-made cards are the app's own suggestions; cards you type are marked "
                "as yours. Names, prompt and cards are kept when this plan is used again."
            )
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setAccessibleName("Settings of this step")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.refresh()
