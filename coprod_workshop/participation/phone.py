"""Phone voting for a vote step: the server's life, the join panel, the console controls.

Any step whose state is a :class:`~coprod_workshop.voting.commands.Poll` (the
ladder, the six elements self-assessment) can be served: phones see its
current round, a question with N choices.

:class:`PhoneVoting` belongs to the workshop (one per app): it starts the
server (``voting.server``) when the facilitator turns phone voting on, keeps
what phones see in step with the ladder step, hands arriving votes to the
GUI thread through a :class:`~coprod_workshop.participation.inbox.VoteInbox`
(so they become ordinary undoable votes), and stops the server, closing its
port, when voting is turned off, another session opens or the app quits.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QNetworkInterface
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coprod_workshop.core.session import Change, Session
from coprod_workshop.participation.inbox import IncomingVote, VoteInbox
from coprod_workshop.participation.phonenotes import ContributionInbox, board_for
from coprod_workshop.ui.theme import CARD, TEXT, SpokenLabel, explain, set_role
from coprod_workshop.voting.commands import Poll
from coprod_workshop.voting.contributions import (
    Board,
    ContributionReceipt,
    PhoneContribution,
)
from coprod_workshop.voting.inbox import Collects
from coprod_workshop.voting.server import (
    MAX_PARTICIPANTS,
    PARTICIPANTS_PER_ADDRESS,
    Ballot,
    PhoneVote,
    VoteReceipt,
    VoteServer,
)

PREFERRED_PORT = 8765
LOOPBACK = "127.0.0.1"


def network_addresses() -> list[tuple[str, str]]:
    """``(address, label)`` for each IPv4 address phones could reach, LAN first, loopback last."""
    found: list[tuple[str, str]] = []
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if not (
            flags & QNetworkInterface.InterfaceFlag.IsUp
            and flags & QNetworkInterface.InterfaceFlag.IsRunning
        ):
            continue
        for entry in interface.addressEntries():
            ip = entry.ip()
            if (
                ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol
                or ip.isLoopback()
            ):
                continue
            found.append((ip.toString(), f"{ip.toString()} ({interface.humanReadableName()})"))
    found.sort(key=lambda item: not QHostAddress(item[0]).isPrivateUse())  # venue Wi-Fi first
    found.append((LOOPBACK, f"{LOOPBACK} (this computer only)"))
    return found


def qr_pixmap(text: str, scale: int = 8) -> QPixmap:
    """A QR code of ``text`` (segno), dark on white with a quiet zone."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(
        buffer, kind="png", scale=scale, border=3, dark=TEXT, light=CARD
    )
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class PhoneVoting(QObject):
    """The phone-voting server of one workshop, and what it is serving.

    Signals:
        changed(): voting started or stopped, or the counts changed.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server: VoteServer | None = None
        self.session: Session | None = None
        self.step_id: str | None = None
        self.inbox: VoteInbox | None = None
        self.notes: ContributionInbox | None = None
        #: phones that may join from one network address (raise it where a guest
        #: network puts every phone behind one address)
        self.per_address = PARTICIPANTS_PER_ADDRESS
        self._published: Ballot | None = None
        self._board: Board | None = None
        # Guards ``inbox`` between the GUI thread and the server's thread, so that
        # no vote is handed to an inbox that stop() has let go of.
        self._handover = threading.Lock()
        self._counts = QTimer(self)
        self._counts.setInterval(1000)
        self._counts.timeout.connect(self.changed)
        # What phones hold is sent to the server once per turn of the event loop,
        # however many votes changed in it.
        self._sync = QTimer(self)
        self._sync.setSingleShot(True)
        self._sync.setInterval(0)
        self._sync.timeout.connect(self._send_choices)

    @classmethod
    def of(cls, workshop: Any) -> PhoneVoting:
        """The workshop's phone voting (created on first use; stopped with the session)."""
        return workshop.service("phone-voting", cls)  # type: ignore[no-any-return]

    @property
    def active(self) -> bool:
        return self.server is not None

    def serving(self, step_id: str) -> bool:
        return self.server is not None and self.step_id == step_id

    def start(self, session: Session, step_id: str, run: Callable[[Any], None], host: str) -> str:
        """Start serving ``step_id`` on ``host``; return "" or a message saying why not."""
        self.stop()
        try:
            server = VoteServer(
                host,
                self._deliver,
                port=PREFERRED_PORT,
                participants_per_address=self.per_address,
                contribute=self._contribute,
            )
        except OSError:
            try:  # the usual port is taken: any free one
                server = VoteServer(
                    host,
                    self._deliver,
                    participants_per_address=self.per_address,
                    contribute=self._contribute,
                )
            except OSError as err:
                return f"Phone voting could not start on {host}: {err.strerror or err}."
        self.server, self.session, self.step_id = server, session, step_id
        with self._handover:
            self.inbox = VoteInbox(session, run, self)
            self.notes = ContributionInbox(session, run, self)
        session.changed.connect(self._on_change)
        self._publish()
        server.start()
        self._counts.start()
        self.changed.emit()
        return ""

    def stop(self) -> None:
        """Close the port (within a second), stop taking votes, let go of the session."""
        if self.server is None:
            return
        server, self.server = self.server, None
        server.stop()
        self._counts.stop()
        self._sync.stop()
        with self._handover:
            inbox, self.inbox = self.inbox, None
            notes, self.notes = self.notes, None
        if inbox is not None:
            inbox.stop()
            inbox.deleteLater()
        if notes is not None:
            notes.stop()
            notes.deleteLater()
        if self.session is not None:
            self.session.changed.disconnect(self._on_change)
        self.session = self.step_id = None
        self._published = self._board = None
        self.changed.emit()

    # -- what phones see -------------------------------------------------------
    def _state(self) -> Poll | None:
        if self.session is None or self.step_id is None:
            return None
        try:
            state = self.session.step(self.step_id).state
        except KeyError:
            return None
        return state if isinstance(state, Poll) else None

    def ballot(self) -> Ballot | None:
        """The round phones may vote in: the step's open round, or its latest one."""
        state = self._state()
        if state is None or self.session is None or self.session.current_step is None:
            return None
        if self.session.current_step.id != self.step_id:
            return None  # the room has moved on: phones wait for the next vote
        current = state.current_round
        if current is None:
            return None
        question, choices, title, credit = state.ballot_text(current.id)
        kind = self.session.step(self.step_id).kind
        return Ballot(
            current.id, question, choices, current.is_open, title, credit, state.phone_task, kind
        )

    def set_per_address(self, count: int) -> None:
        """How many phones may join from one network address (now and next time)."""
        self.per_address = max(1, count)
        if self.server is not None:
            self.server.set_participants_per_address(self.per_address)

    def _on_change(self, change: Change) -> None:
        if change.scope in ("step", "current", "agenda"):
            self._publish()
        if change.scope == "step" and change.step_id == self.step_id:
            self._sync.start()  # votes changed (an undo, a redo, a clear...)
        current = self.session.current_step if self.session is not None else None
        if change.scope == "step" and current is not None and change.step_id == current.id:
            self._sync.start()  # the inbox changed: phones see what became of theirs (once)

    def _publish(self) -> None:
        if self.server is None:
            return
        self._sync.start()  # the board: once per turn of the event loop, however many changes
        ballot = self.ballot()
        if ballot != self._published:
            self._published = ballot
            self.server.publish(ballot)
            self._send_choices()
            self.changed.emit()

    def _publish_board(self) -> None:
        """Show phones the current step if it takes notes or actions (and what became of
        each request: sent on every change, however many)."""
        if self.server is None:
            return
        board = board_for(self.session)
        def seen(b: Board | None) -> Any:
            return None if b is None else (b, b.statuses, b.holdings)

        if seen(board) != seen(self._board):
            # What became of each request and what each phone holds go to the server only:
            # nothing in the app shows them, so a dot or a note does not redraw the views
            # that follow the phones (the join strip, the counts).
            shown = board != self._board
            self._board = board
            self.server.publish_board(board)
            if shown:
                self.changed.emit()

    def _send_choices(self) -> None:
        """Tell the server what each phone has stored in the round on show."""
        self._publish_board()
        if self.server is None or self._published is None:
            return
        state = self._state()
        round_id = self._published.round_id
        vote_round = next((r for r in state.rounds if r.id == round_id), None) if state else None
        stored = vote_round.votes.values() if vote_round else ()
        self.server.set_choices(round_id, {v.participant: v.choice for v in stored})

    def _deliver(self, vote: PhoneVote) -> Future[VoteReceipt]:
        """Called on the server's thread: queue the vote for the GUI thread."""
        future: Future[VoteReceipt] = Future()
        with self._handover:
            if self.inbox is None or self.step_id is None:
                future.set_result(VoteReceipt("stale", None))
                return future
            incoming = IncomingVote(
                self.step_id,
                vote.choice,
                vote.participant,
                vote.request_id,
                "phone",
                future.set_result,
                round_id=vote.round_id,
            )
            self.inbox.deliver([incoming])
        return future

    def _contribute(self, item: PhoneContribution) -> Future[ContributionReceipt]:
        """Called on the server's thread: queue a note or action for the GUI thread."""
        with self._handover:
            if self.notes is None:
                future: Future[ContributionReceipt] = Future()
                future.set_result(ContributionReceipt("stale"))
                return future
            return self.notes.deliver(item)

    @property
    def board(self) -> Board | None:
        """What phones see of the step taking notes or actions (None: no such step)."""
        return self._board

    # -- counts ----------------------------------------------------------------
    def counts(self) -> tuple[int, int]:
        """Phones joined, and phone votes in the round on show."""
        if self.server is None:
            return 0, 0
        state = self._state()
        current = state.current_round if state else None
        voted = current.count_by_source().get("phone", 0) if current else 0
        return self.server.joined, voted


class JoinPanel(QWidget):
    """On the projector while phones can vote: QR code, address and room code."""

    def __init__(self, phone: PhoneVoting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phone = phone
        self.setAccessibleName(self.tr("How to vote from a phone"))
        self.heading = set_role(QLabel(self.tr("Vote from your phone")), "join-heading")
        self.qr = SpokenLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._qr = QPixmap()
        self.qr.setAccessibleName(self.tr("QR code of the voting page"))
        self.address = set_role(SpokenLabel(), "join-text")
        self.address.setWordWrap(True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = set_role(SpokenLabel(), "join-code")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.qr, self.address, self.code):
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(widget)
        layout.addStretch(1)
        self._shown_url = ""

    def update_from(self, server: VoteServer | None) -> None:
        if server is None:
            return
        if server.url != self._shown_url:
            self._shown_url = server.url
            self._qr = qr_pixmap(server.url)
            self._fit_qr()
        self.address.setText(self.tr("or go to\n{0}").format(server.join_url))
        self.code.setText(self.tr("Room code {0}").format(server.code))

    def _fit_qr(self) -> None:
        """Scale the code with the panel (projector or the console's small preview)."""
        if self._qr.isNull():
            return
        side = max(60, min(self.width(), int(self.height() * 0.5)))
        self.qr.setFixedSize(side, side)
        self.qr.setPixmap(
            self._qr.scaled(
                side,
                side,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_qr()


class PhoneControls(QGroupBox):
    """In the console: choose the network, turn phone voting on and off, see counts."""

    def __init__(
        self, phone: PhoneVoting, session: Session, step_id: str, run: Callable[[Any], None]
    ) -> None:
        super().__init__("Phones")
        self.phone, self.session, self.step_id, self.run = phone, session, step_id, run
        self.network = QComboBox()
        self.network.setAccessibleName("Network the phones are on")
        self.network.view().setAccessibleName("Networks")
        for address, label in network_addresses():
            self.network.addItem(label, address)
        self.toggle = QPushButton()
        explain(self.toggle, "Start or stop phone voting")
        self.toggle.clicked.connect(self._toggle)
        self.status = SpokenLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Phone voting status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.per_address = QSpinBox()
        self.per_address.setRange(1, MAX_PARTICIPANTS)
        self.per_address.setValue(phone.per_address)
        self.per_address.setAccessibleName("Phones that may join from one network address")
        self.per_address.lineEdit().setAccessibleName(self.per_address.accessibleName())
        self.per_address.setToolTip(
            "Raise this when the venue's network shows every phone under one address."
        )
        self.per_address.valueChanged.connect(phone.set_per_address)
        per_address_label = QLabel("Phones per address")
        per_address_label.setBuddy(self.per_address)
        row = QHBoxLayout()
        row.addWidget(self.network, 1)
        row.addWidget(per_address_label)
        row.addWidget(self.per_address)
        row.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        phone.changed.connect(self.refresh)
        self.refresh()

    def detach(self) -> None:
        self.phone.changed.disconnect(self.refresh)

    def on_here(self) -> bool:
        """Whether phones are on for this step: served from it, or it takes notes or
        actions and phones are on (what they see follows the room's step)."""
        if self.phone.serving(self.step_id):
            return True
        try:
            state = self.session.step(self.step_id).state
        except KeyError:
            return False
        return self.phone.active and isinstance(state, Collects)

    def _toggle(self) -> None:
        if self.on_here():
            self.phone.stop()
            return
        problem = self.phone.start(self.session, self.step_id, self.run, self.network.currentData())
        if problem:
            self.status.setText(problem)

    def refresh(self) -> None:
        self.per_address.setValue(self.phone.per_address)
        serving = self.on_here()
        collects = isinstance(self.session.step(self.step_id).state, Collects)
        if collects:
            self.toggle.setText("Stop phones" if serving else "Start phones")
        else:
            self.toggle.setText("Stop phone voting" if serving else "Start phone voting")
        self.network.setEnabled(not serving)
        if serving and self.phone.server is not None:
            joined, voted = self.phone.counts()
            server = self.phone.server
            # A step that takes notes or actions counts them in its inbox, not as votes.
            counts = f"{joined} joined" + ("" if collects else f" · {voted} voted in this round")
            self.status.setText(f"{counts}\n{server.url}\nRoom code {server.code}")
        elif self.phone.active:
            self.status.setText(
                "Phones are on in another step."
                if collects
                else "Phones are voting in another step."
            )
        elif collects:
            self.status.setText("Off: the room's words reach the screen through you alone.")
        else:
            self.status.setText("Off: the room votes on the shared screen.")


def phone_step_views(presenter: type, console: type) -> tuple[Callable[..., Any], ...]:
    """A step's ``presenter_view`` and ``console_view`` (see ``core.registry``) for a step
    phones take part in: each view is given the workshop's phone service."""

    def phone(workshop: Any) -> PhoneVoting | None:
        return PhoneVoting.of(workshop) if workshop is not None else None

    def presenter_view(session: Session, step_id: str, workshop: Any = None) -> Any:
        return presenter(session, step_id, phone(workshop))

    def console_view(
        session: Session, step_id: str, run: Callable[[Any], None], workshop: Any = None
    ) -> Any:
        return console(session, step_id, run, phone(workshop))

    return presenter_view, console_view
