"""Notes and actions from phones on the GUI thread: filed in the step's inbox as commands.

The phone server (``voting.contributions``) hands each note or action over from its
own thread; a queued signal brings it here, where it becomes an ordinary undoable
:class:`~coprod_workshop.voting.inbox.Receive` command (followed by the exercise's
accept command when the step shows what arrives), so the inbox is saved with the
session and survives a crash. It is filed only in the step and round it names, and
only while that step is open to phones; anything else is refused and the phone is
told so. What phones see (:func:`board_for`) follows the room's current step.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from coprod_workshop.core.commands import ReplaceState
from coprod_workshop.core.session import Session, new_id
from coprod_workshop.exercises.actions.commands import AcceptAction
from coprod_workshop.exercises.attendance.model import Attendance
from coprod_workshop.exercises.feedback.commands import GiveFeedback
from coprod_workshop.exercises.feedback.model import Response
from coprod_workshop.participation.inbox import BUDGET_MS
from coprod_workshop.exercises.relationship.commands import AcceptNote
from coprod_workshop.voting.contributions import Board, ContributionReceipt, PhoneContribution
from coprod_workshop.voting.dots import PlaceDot
from coprod_workshop.voting.inbox import (
    PER_PARTICIPANT,
    PER_STEP,
    Accept,
    Collects,
    Receive,
    new_contribution,
)

ACCEPTS: dict[str, type[Accept]] = {"note": AcceptNote, "action": AcceptAction}


def accept_command(state: Collects, step_id: str, item_id: str) -> Accept:
    """The command that puts a waiting note or action on its step's board."""
    return ACCEPTS[state.contribution_kind](step_id, item_id)


def board_for(session: Session | None) -> Board | None:
    """What phones see of the room's current step, if it takes notes or actions."""
    step = session.current_step if session is not None else None
    if step is None or not isinstance(step.state, Collects):
        return None
    state, collection = step.state, step.state.collection
    dots = collection.dots
    if dots is not None and (dots.open or not collection.open):
        return Board(
            step.id,
            dots.id,
            "dot",
            dots.open,
            step.title,
            "",
            tuple(words for _, words in dots.items),
            0,
            {},
            dots.per_person,
            dots.by_participant(),
        )
    if not collection.round_id:
        return None  # never opened to phones
    return Board(
        step.id,
        collection.round_id,
        state.contribution_kind,
        collection.open,
        step.title,
        state.contribution_task(),
        state.contribution_places(),
        state.contribution_limit(),
        collection.statuses(),
        1 if state.contribution_kind == "feedback" else PER_PARTICIPANT,
    )



class CountRole(ReplaceState):
    """Count one phone's role: the step's counts change (saved, undoable) and so does the
    memory of what each phone said (kept only while phones are on, never saved), so an
    undone answer is forgotten and the phone's next answer counts once, from the right
    role."""

    def __init__(
        self,
        step_id: str,
        state: Attendance,
        said: dict[tuple[str, str], str],
        key: tuple[str, str],
        role: str,
    ) -> None:
        super().__init__(step_id, state, "Role from a phone")
        self.said, self.phone, self.role = said, key, role
        self.before = said.get(key)

    def redo(self, session: Session) -> None:
        super().redo(session)
        self.said[self.phone] = self.role

    def undo(self, session: Session) -> None:
        super().undo(session)
        if self.before is None:
            self.said.pop(self.phone, None)
        else:
            self.said[self.phone] = self.before

class ContributionInbox(QObject):
    """Takes notes and actions from the server's thread and files them on the GUI thread.

    Signals:
        arrived(object): (contribution, reply) from any thread (a queued connection).
    """

    arrived = Signal(object)

    def __init__(
        self, session: Session, run: Callable[[Any], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.run = run
        self._queue: deque[tuple[PhoneContribution, Future[ContributionReceipt]]] = deque()
        #: roles said on phones: (step, phone) -> its answer ("" for "rather not say"),
        #: and the request ids taken; kept here only, never in the session
        self.roles: dict[tuple[str, str], str] = {}
        self.role_requests: set[str] = set()
        self._drain_timer = QTimer(self)
        self._drain_timer.setSingleShot(True)
        self._drain_timer.setInterval(0)
        self._drain_timer.timeout.connect(self._drain)
        self.arrived.connect(self._take, Qt.ConnectionType.QueuedConnection)

    def deliver(self, item: PhoneContribution) -> Future[ContributionReceipt]:
        """Hand a contribution over (thread-safe); the future gets the outcome."""
        future: Future[ContributionReceipt] = Future()
        self.arrived.emit((item, future))
        return future

    def _take(self, pair: tuple[PhoneContribution, Future[ContributionReceipt]]) -> None:
        self._queue.append(pair)
        if not self._drain_timer.isActive():
            self._drain_timer.start()

    def _drain(self) -> None:
        """File what is queued, a few milliseconds' worth per turn of the event loop, so a
        burst from a room of phones never freezes the projector (as ``VoteInbox``)."""
        deadline = time.perf_counter() + BUDGET_MS / 1000
        while self._queue and time.perf_counter() < deadline:
            item, future = self._queue.popleft()
            outcome = self.file(item)
            if not future.done():
                future.set_result(ContributionReceipt(outcome))
        if self._queue:
            self._drain_timer.start()

    def file(self, item: PhoneContribution) -> str:
        """File ``item`` in its step's inbox; return the outcome for the phone."""
        current = self.session.current_step
        try:
            state = self.session.step(item.step_id).state
        except KeyError:
            return "stale"
        if not isinstance(state, Collects):
            return "stale"
        if item.kind == "dot":
            return self.dot(state, item, current is not None and current.id == item.step_id)
        if state.contribution_kind != item.kind:
            return "stale"
        collection = state.collection
        if current is None or current.id != item.step_id or collection.round_id != item.round_id:
            return "stale"
        if item.request_id in collection.requests:
            return "duplicate"
        if not collection.open:
            return "closed"
        if isinstance(state, Attendance):
            return self.role(state, item)
        if collection.taken >= PER_STEP:
            return "full"
        if item.kind == "feedback":  # anonymous answers: counted, never moderated or shown
            response = Response(new_id(), item.ratings, item.text, "phone", item.request_id)
            self.run(GiveFeedback(item.step_id, response))
            return "received"
        contribution = new_contribution(item.text, item.place, item.who, item.when, item.request_id)
        self.run(Receive(item.step_id, contribution))
        if collection.live:
            accept = accept_command(state, item.step_id, contribution.id)
            if not accept.problem(self.session):  # a full board: it waits in the inbox
                self.run(accept)
                return "shown"
        return "received"

    def role(self, state: Attendance, item: PhoneContribution) -> str:
        """Count a phone's role (place -1: "I'd rather not say"), replacing its earlier
        answer at this step; the role it names must still be that place's on the list."""
        roles = state.contribution_places()
        if not -1 <= item.place < len(roles) or (item.place >= 0 and roles[item.place] != item.text):
            return "stale"  # the list changed under the phone
        if item.request_id in self.role_requests:
            return "duplicate"
        key = (item.step_id, item.participant)
        role = roles[item.place] if item.place >= 0 else ""
        answered = state.with_phone_answer(role, self.roles.get(key))
        self.run(CountRole(item.step_id, answered, self.roles, key, role))
        self.role_requests.add(item.request_id)
        return "received"

    def dot(self, state: Collects, item: PhoneContribution, on_show: bool) -> str:
        """Place a phone's dot (or take it off) in the dot round it names, if on show."""
        held = state.collection.dots
        if not on_show or held is None or held.id != item.round_id:
            return "stale"
        if not held.open and state.collection.open:
            return "stale"  # phones are back to sending notes or actions (as ``board_for``)
        if not 0 <= item.place < len(held.items):
            return "invalid"
        command = PlaceDot(
            item.step_id, held.id, item.participant, held.items[item.place][0],
            add=not item.remove, source="phone", request_id=item.request_id,
        )  # fmt: skip
        outcome = command.check(self.session)
        if outcome:
            return outcome
        self.run(command)
        return "received"

    def stop(self) -> None:
        """Stop taking contributions; what is queued is answered "stale", never filed."""
        self.arrived.disconnect(self._take)
        self._drain_timer.stop()
        while self._queue:
            _, future = self._queue.popleft()
            if not future.done():
                future.set_result(ContributionReceipt("stale"))
