"""The ladder as the room sees it: rungs as large buttons between two rails, bands beside them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from coprod_workshop.exercises.ladder.model import Ladder, Rung
from coprod_workshop.ui import theme
from coprod_workshop.ui.theme import role_label, set_role


class RungButton(QPushButton):
    """One rung: its number (the key that votes for it), name and description."""

    def __init__(self, rung: Rung, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rung = rung
        set_role(self, "rung")
        self.setProperty("band", rung.band % len(theme.BAND_COLOURS))
        self.setAccessibleName(f"Rung {rung.number}: {rung.name}")
        self.setAccessibleDescription(rung.description)
        self.setToolTip(rung.description)
        # Keyboard users reach rungs with Tab; a click does not leave focus on a
        # rung, so Space afterwards still moves the room on, not votes again.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAutoDefault(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.number = role_label(str(rung.number), "rung-number", wrap=False)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = role_label(rung.name, "rung-name", wrap=False)
        self.description = role_label(rung.description, "rung-description", wrap=False)
        self.description.setWordWrap(True)
        self.row = QHBoxLayout(self)
        self.row.addWidget(self.number)
        self.row.addWidget(self.name)
        self.row.addWidget(self.description, 1)
        self.row.addStretch(0)  # keeps number and name on the left when the description hides
        self.fit(16)
        for label in (self.number, self.name, self.description):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def fit(self, text_height: int) -> None:
        """Space the parts in proportion to the text (the projector and the preview differ)."""
        self.row.setContentsMargins(text_height // 4, 2, text_height // 2, 2)
        self.row.setSpacing(text_height // 2)


class LadderWidget(QWidget):
    """The rungs of ``ladder`` top to bottom, each band named to their left.

    Signals:
        rungChosen(int): a rung was pressed (0 is the bottom rung).
    """

    rungChosen = Signal(int)

    def __init__(self, ladder: Ladder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ladder = ladder
        self.setAccessibleName(ladder.title)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 12, 36, 12)  # room for the right-hand rail
        grid.setHorizontalSpacing(36)
        grid.setVerticalSpacing(12)
        count = len(ladder.rungs)
        self.buttons: list[RungButton] = []
        for rung in ladder.rungs:
            button = RungButton(rung)
            button.clicked.connect(lambda _=False, i=rung.number - 1: self.rungChosen.emit(i))
            grid.addWidget(button, count - rung.number, 1)
            self.buttons.append(button)
        self.band_labels: list[QLabel] = []
        for index, band in enumerate(ladder.bands):
            label = role_label(band.name, "band-label", wrap=False)
            label.setProperty("band", index % len(theme.BAND_COLOURS))
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setToolTip(band.summary)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            grid.addWidget(label, count - 1 - band.last, 0, band.last - band.first + 1, 1)
            self.band_labels.append(label)
        for row in range(count):
            grid.setRowStretch(row, 1)
        grid.setColumnStretch(1, 1)
        # Rung names line up: they take the width of the longest once fonts are set.
        self._equalise = QTimer(self)
        self._equalise.setSingleShot(True)
        self._equalise.setInterval(0)
        self._equalise.timeout.connect(self.equalise_names)
        self.buttons[0].name.installEventFilter(self)

    def button(self, index: int) -> RungButton:
        return self.buttons[index]

    def set_descriptions_shown(self, shown: bool) -> None:
        for button in self.buttons:
            button.description.setVisible(shown)

    def set_voting(self, enabled: bool) -> None:
        for button in self.buttons:
            button.setEnabled(enabled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self._equalise.start()
        return False

    def equalise_names(self) -> None:
        """Line up the rung names, and space everything in proportion to the text size."""
        height = self.buttons[0].name.fontMetrics().height()
        grid: QGridLayout = self.layout()  # type: ignore[assignment]
        grid.setHorizontalSpacing(max(8, height))
        grid.setVerticalSpacing(max(3, height // 4))
        grid.setContentsMargins(0, height // 4, max(8, height), height // 4)
        for part in ("number", "name"):
            labels = [getattr(b, part) for b in self.buttons]
            widest = max(label.fontMetrics().horizontalAdvance(label.text()) for label in labels)
            pad = labels[0].fontMetrics().height() // 2 if part == "number" else 0
            for label in labels:
                label.setFixedWidth(widest + pad + 2)
        for button in self.buttons:
            button.fit(height)
            # Laid out now: a rung whose layout never ran yet would not ask for it again.
            button.row.invalidate()
            button.row.activate()

    def rails(self) -> tuple[QRect, QRect] | None:
        """Where the two rails are drawn, either side of the rungs."""
        if not self.buttons:
            return None
        top = self.buttons[-1].geometry()
        bottom = self.buttons[0].geometry()
        width = max(4, round(top.height() * 0.12))
        overhang = round(top.height() * 0.25)
        grid: QGridLayout = self.layout()  # type: ignore[assignment]
        gap = grid.horizontalSpacing() // 2
        y0 = max(0, top.top() - overhang)
        y1 = min(self.height(), bottom.bottom() + overhang)
        left = QRect(top.left() - gap - width // 2, y0, width, y1 - y0)
        right = QRect(top.right() + gap - width // 2, y0, width, y1 - y0)
        return left, right

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        rails = self.rails()
        if rails is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.TITLE))
        for rail in rails:
            painter.drawRoundedRect(rail, rail.width() / 2, rail.width() / 2)
        painter.end()
