"""Undoable changes to an actions step from its phone inbox (pure Python, no Qt)."""

from __future__ import annotations

from coprod_workshop.core.session import Session
from coprod_workshop.exercises.actions.model import MAX_ACTIONS, ActionList
from coprod_workshop.voting.inbox import Accept, Contribution


class AcceptAction(Accept):
    """An action from a phone joins the list, at its end, marked as from a phone.

    The list is replaced by an edited copy; undo puts the list from before back (the
    inbox is one object shared by both, so only the action goes)."""

    def __init__(self, step_id: str, item_id: str) -> None:
        super().__init__(step_id, item_id)
        self.before: ActionList | None = None

    def problem(self, session: Session) -> str:
        if len(session.state_as(self.step_id, ActionList).actions) >= MAX_ACTIONS:
            return f"The list holds at most {MAX_ACTIONS} actions."
        return ""

    def place(self, session: Session, item: Contribution) -> None:
        state = session.state_as(self.step_id, ActionList)
        edited = state.with_action(item.text, item.who, item.when, "phone")  # may raise
        self.before = state
        session.set_state(self.step_id, edited, "actions")

    def unplace(self, session: Session, item: Contribution) -> None:
        assert self.before is not None
        session.set_state(self.step_id, self.before, "actions")
