"""The step timer's controls in the console."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from coprod_workshop.core.session import Session
from coprod_workshop.core.timer import StepTimer, format_remaining
from coprod_workshop.ui.theme import SpokenLabel, refresh_style


class TimerBar(QWidget):
    """Time left on the current step, with start/pause and reset buttons."""

    def __init__(
        self,
        session: Session,
        timer: StepTimer,
        parent: QWidget | None = None,
        *,
        reset: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.timer = timer
        self.display = SpokenLabel()
        self.display.setObjectName("Timer")
        self.display.setAccessibleName("Time left on this step")
        self.start_pause = QPushButton()
        self.start_pause.setAccessibleName("Start or pause the step timer")
        self.start_pause.clicked.connect(timer.toggle)
        self.reset = QPushButton("Reset")
        self.reset.setAccessibleName("Reset the step timer")
        self.reset.clicked.connect(reset or timer.reset)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.display)
        layout.addWidget(self.start_pause)
        layout.addWidget(self.reset)
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self.update_display)
        self._tick.start()
        timer.changed.connect(self.update_display)
        self.update_display()

    def detach(self) -> None:
        """Stop following the workshop's timer (the console is closing)."""
        self._tick.stop()
        self.timer.changed.disconnect(self.update_display)

    def set_session(self, session: Session) -> None:
        self.session = session
        self.update_display()

    def update_display(self) -> None:
        step = self.session.current_step
        minutes = step.minutes if step else 0
        text, over = format_remaining(self.timer.elapsed(), minutes)
        self.display.setText(f"{text} over" if over else f"{text} left")
        if self.display.property("over") != over:
            self.display.setProperty("over", over)
            refresh_style(self.display)
        self.start_pause.setText("Pause" if self.timer.running else "Start")
