"""Undoable changes to a feedback step (pure Python, no Qt)."""

from __future__ import annotations

from coprod_workshop.core.commands import MergeableCommand
from coprod_workshop.core.session import Session
from coprod_workshop.exercises.feedback.model import Feedback, Response


def _state(session: Session, step_id: str) -> Feedback:
    return session.state_as(step_id, Feedback)


class GiveFeedback(MergeableCommand):
    """One person's answers (from a phone, or given by hand); a request id seen before
    changes nothing."""

    def __init__(self, step_id: str, response: Response) -> None:
        self.step_id = step_id
        self.response = response
        self.taken = False
        self.text = "Feedback from a phone" if response.source == "phone" else "Add feedback"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        request = self.response.request_id
        if request and request in state.collection.requests:
            self.taken = False
            return
        state.responses.append(self.response)
        if request:
            state.collection.requests[request] = self.response.id
        self.taken = True
        session.state_changed(self.step_id, "feedback")

    def undo(self, session: Session) -> None:
        if not self.taken:
            return
        state = _state(session, self.step_id)
        state.responses = [r for r in state.responses if r.id != self.response.id]
        state.collection.requests.pop(self.response.request_id, None)
        session.state_changed(self.step_id, "feedback")


class RevealFeedback(MergeableCommand):
    """Show (or hide again) the counts on every screen."""

    def __init__(self, step_id: str, value: bool) -> None:
        self.step_id = step_id
        self.value = value
        self.old: bool | None = None
        self.text = "Reveal feedback" if value else "Hide feedback"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        if self.old is None:
            self.old = state.revealed
        state.revealed = self.value
        session.state_changed(self.step_id, "reveal")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        _state(session, self.step_id).revealed = self.old
        session.state_changed(self.step_id, "reveal")
