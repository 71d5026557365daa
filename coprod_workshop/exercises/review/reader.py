"""What the views of last time's actions share: the reader of the group's earlier
workshops (read through its history the first time the step is shown for the open session,
kept until the session closes) and the base view that redraws when the group changes."""

from __future__ import annotations

from typing import Any

from coprod_workshop.core.session import Change, Session
from coprod_workshop.exercises.review.model import (
    ActionReview,
    OpenAction,
    Record,
    open_actions,
    read_records,
    reviewed,
)
from coprod_workshop.ui.stepview import StepView

NO_GROUP = (
    "Say which team, service or partnership this session is for (Session group, Ctrl+G) "
    "to see the actions of its earlier workshops."
)


class ReviewReader:
    """The records of the open session's group's other workshops, read once per session."""

    def __init__(self, workshop: Any = None) -> None:
        self.workshop = workshop
        self._records: dict[tuple[str, str], list[Record]] = {}
        self.reads = 0

    @classmethod
    def of(cls, workshop: Any) -> ReviewReader:
        return workshop.service("review", cls)  # type: ignore[no-any-return]

    def open_actions(self, session: Session, state: ActionReview) -> list[OpenAction]:
        known = getattr(self.workshop, "review", None)  # a record: as its export read it
        if known is not None:
            return reviewed(state, list(known))
        key = (session.id, " ".join(session.group.split()).casefold())
        if key not in self._records:
            self.reads += 1
            history = getattr(self.workshop, "history", None)
            self._records[key] = read_records(history, session)
        return reviewed(state, open_actions(self._records[key], session))

    def forget(self) -> None:
        self._records.clear()

    def stop(self) -> None:
        self.forget()


def reader_of(workshop: Any) -> ReviewReader:
    """The workshop's reader; for a record of the day (no live services), one that reads
    nothing, so the board shows what the room said of each action."""
    found = ReviewReader.of(workshop) if workshop is not None else None
    return found if found is not None else ReviewReader()



class ReviewStepView(StepView):
    """Redraws when the step or the session's group changes."""

    def __init__(self, session: Session, step_id: str, reader: ReviewReader) -> None:
        super().__init__(session, step_id)
        self.reader = reader

    def _on_change(self, change: Change) -> None:
        if change.scope == "meta" or (
            change.scope == "step" and change.step_id == self.step_id and change.detail != "notes"
        ):
            self.refresh(change)

    @property
    def state(self) -> ActionReview:
        return self.step.state  # type: ignore[no-any-return]

    def found(self) -> list[OpenAction]:
        return self.reader.open_actions(self.session, self.state)
