"""Qt views of a feedback step: the counts on the projector once revealed (never before,
never the sentences), and the facilitator's controls in the console."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from coprod_workshop.core.session import Change, Session, new_id
from coprod_workshop.exercises.feedback.commands import GiveFeedback, RevealFeedback
from coprod_workshop.exercises.feedback.model import (
    ENDS,
    MAX_SENTENCE,
    QUESTIONS,
    SCALE,
    Feedback,
    Response,
)
from coprod_workshop.participation.phone import (
    JoinPanel,
    PhoneControls,
    PhoneVoting,
    phone_step_views,
)
from coprod_workshop.ui.focus import leave_on_tab
from coprod_workshop.ui.stepview import StepView
from coprod_workshop.ui.theme import SpokenLabel, explain, point_label, role_label
from coprod_workshop.voting.inbox import OpenToPhones


def said(text: str) -> str:
    """``text`` of the feedback model (a question, an end of its scale), translated."""
    return QCoreApplication.translate("feedback", text)


def answers(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("feedback", "1 person has answered")
    return QCoreApplication.translate("feedback", "{0} people have answered").format(count)


def counts_text(state: Feedback, question: int) -> str:
    return "   ".join(f"{n}: {c}" for n, c in enumerate(state.counts(question), start=1))


class FeedbackPresenter(StepView):
    """The questions; how many have answered; the counts once the facilitator reveals."""

    def __init__(self, session: Session, step_id: str, phone: PhoneVoting | None = None) -> None:
        super().__init__(session, step_id)
        self.phone = phone
        self.title = role_label("", "slide-title")
        self.lines = [point_label("•", said(q), "slide-point") for q in QUESTIONS]
        self.counts = [role_label("", "slide-prompt") for _ in QUESTIONS]
        self.answered = role_label("", "slide-source")
        self.join = JoinPanel(phone) if phone is not None else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        for line, count in zip(self.lines, self.counts, strict=True):
            layout.addWidget(line)
            layout.addWidget(count)
        layout.addWidget(self.answered)
        if self.join is not None:
            layout.addWidget(self.join, 1)
            self.join.hide()
            assert phone is not None
            phone.changed.connect(self._phone_changed)
        layout.addStretch(1)
        self.refresh()

    def detach(self) -> None:
        super().detach()
        if self.phone is not None:
            self.phone.changed.disconnect(self._phone_changed)

    def _phone_changed(self) -> None:
        if self.join is None or self.phone is None:
            return
        state: Feedback = self.step.state
        welcome = self.phone.active and state.collection.open and not state.revealed
        if welcome:
            self.join.update_from(self.phone.server)
        if welcome != self.join.isVisibleTo(self):
            self.join.setVisible(welcome)
            self.contentChanged.emit()

    def refresh(self, change: Change | None = None) -> None:
        state: Feedback = self.step.state
        self.title.setText(self.step.title)
        for question, label in enumerate(self.counts):
            # Hidden until revealed: not even a hidden label holds the counts before.
            label.setVisible(state.revealed)
            shown = counts_text(state, question) if state.revealed else ""
            label.setText(shown)
            label.setAccessibleName(
                self.tr("{0} 1 means {1}, {2} means {3}. ").format(
                    said(QUESTIONS[question]), said(ENDS[question][0]), SCALE,
                    said(ENDS[question][1]),
                ) + shown.replace("   ", ", ")
                if state.revealed
                else ""
            )  # fmt: skip
        self.answered.setText(answers(len(state.responses)))
        self.setAccessibleName(f"{self.step.title}: {answers(len(state.responses))}")
        self._phone_changed()
        self.contentChanged.emit()


class FeedbackControls(StepView):
    """Open the step to phones, take an answer given by hand, reveal the counts."""

    def __init__(
        self,
        session: Session,
        step_id: str,
        run: Callable[[Any], None],
        phone: PhoneVoting | None = None,
    ) -> None:
        super().__init__(session, step_id)
        self._run = run
        self.phone_controls = PhoneControls(phone, session, step_id, run) if phone else None
        self.open_button = QPushButton()
        self.open_button.setCheckable(True)
        explain(self.open_button, self.tr("Let phones give feedback now, or stop them"))
        self.open_button.clicked.connect(lambda on: run(OpenToPhones(step_id, on)))
        self.reveal = QPushButton()
        self.reveal.setCheckable(True)
        explain(self.reveal, self.tr("Show the counts on the big screen, or hide them"))
        self.reveal.clicked.connect(lambda on: run(RevealFeedback(step_id, on)))
        self.summary = SpokenLabel()
        self.summary.setAccessibleName(self.tr("Feedback so far"))
        self.summary.setWordWrap(True)
        self.ratings = []
        form = QFormLayout()
        for question, (low, high) in zip(QUESTIONS, ENDS, strict=True):
            spin = QSpinBox()
            spin.setRange(0, SCALE)
            spin.setSpecialValueText(self.tr("not given"))
            spin.setAccessibleName(f"{question} 1 {low} to {SCALE} {high}")
            spin.lineEdit().setAccessibleName(spin.accessibleName())
            self.ratings.append(spin)
            form.addRow(question, spin)
        self.sentence = QLineEdit()
        self.sentence.setMaxLength(MAX_SENTENCE)
        self.sentence.setAccessibleName(self.tr("Their sentence (optional)"))
        form.addRow(self.tr("Sentence"), self.sentence)
        self.add_button = QPushButton(self.tr("&Add feedback given by hand"))
        explain(self.add_button, self.tr("For someone without a phone: add their answers"))
        self.add_button.clicked.connect(self.add)
        self.problem = SpokenLabel()
        self.problem.setAccessibleName(self.tr("Why it was not added"))
        self.sentences = leave_on_tab(QListWidget())
        self.sentences.setAccessibleName(self.tr("Sentences (for the report, never projected)"))
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.reveal)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        if self.phone_controls is not None:
            layout.addWidget(self.phone_controls)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        layout.addWidget(self.problem)
        layout.addWidget(self.sentences, 1)
        self.refresh()

    def detach(self) -> None:
        super().detach()
        if self.phone_controls is not None:
            self.phone_controls.detach()

    def refresh(self, change: Change | None = None) -> None:
        state: Feedback = self.step.state
        self.open_button.setChecked(state.collection.open)
        self.open_button.setText(
            self.tr("Stop taking feedback from phones") if state.collection.open
            else self.tr("Take feedback from phones")
        )  # fmt: skip
        self.reveal.setChecked(state.revealed)
        self.reveal.setText(self.tr("Hide counts") if state.revealed else self.tr("Reveal counts"))
        lines = [answers(len(state.responses)) + (" (shown)" if state.revealed else " (hidden)")]
        lines += [f"{q} {counts_text(state, n)}" for n, q in enumerate(QUESTIONS)]
        self.summary.setText("\n".join(lines))
        self.sentences.clear()
        self.sentences.addItems(state.sentences())

    def add(self) -> None:
        ratings = tuple(spin.value() for spin in self.ratings)
        if not any(ratings):
            self.problem.setText(self.tr("Not added: choose a number for at least one question."))
            return
        self.problem.clear()
        sentence = " ".join(self.sentence.text().split())
        self._run(GiveFeedback(self.step_id, Response(new_id(), ratings, sentence, "facilitator")))
        for spin in self.ratings:
            spin.setValue(0)
        self.sentence.clear()


presenter_view, console_view = phone_step_views(FeedbackPresenter, FeedbackControls)
