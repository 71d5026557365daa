"""Undoable changes to a self-assessment step (pure Python, no Qt).

Opening and closing an element for rating, votes and counts of hands are the
shared vote commands (``voting.commands``); results are shown with the shared
``core.commands.SetStateField``. Here: rewording an element or a point of the
scale, and using another set of elements. Details announced:

``wording``   an element or a point of the scale was reworded
``set``       the step uses another set of elements, or an element was added or removed
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from coprod_workshop.core.commands import MergeableCommand, SetStateField
from coprod_workshop.core.session import Session, new_id
from coprod_workshop.exercises.elements.model import (
    MAX_DESCRIPTION,
    MAX_ELEMENTS,
    MAX_NAME,
    MIN_ELEMENTS,
    SCALE_POINTS,
    Element,
    Point,
    SelfAssessment,
)
from coprod_workshop.voting import VoteRound


def _state(session: Session, step_id: str) -> SelfAssessment:
    return session.state_as(step_id, SelfAssessment)


def SetResults(step_id: str, mode: str) -> SetStateField:  # noqa: N802 (reads as a command)
    """Hide the ratings from the room, or reveal them."""
    text = "Reveal the ratings" if mode == "revealed" else "Hide the ratings"
    return SetStateField(step_id, "results", mode, text)


class EditElement(MergeableCommand):
    """Reword an element's name or description; typing into one field is one undo step."""

    def __init__(self, step_id: str, element_id: str, part: str, text: str) -> None:
        if part not in ("name", "description"):
            raise ValueError(part)
        self.step_id = step_id
        self.element_id = element_id
        self.part = part
        limit = MAX_NAME if part == "name" else MAX_DESCRIPTION
        self.value = " ".join(text.split())[:limit]
        self.old: Element | None = None
        self.text = f"Reword an element's {part}"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        index = [e.id for e in state.elements].index(self.element_id)
        if self.old is None:
            self.old = state.elements[index]
        new = replace(self.old, **{self.part: self.value})
        if self.part == "name" and not self.value:
            new = replace(new, name=self.old.name)  # an element keeps a name
        state.elements[index] = new
        state.round(self.element_id).question = new.name
        session.state_changed(self.step_id, "wording")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        state = _state(session, self.step_id)
        index = [e.id for e in state.elements].index(self.element_id)
        state.elements[index] = self.old
        state.round(self.element_id).question = self.old.name
        session.state_changed(self.step_id, "wording")

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("element-wording", self.step_id, self.element_id, self.part)

    def merge(self, other: Any) -> bool:
        if not isinstance(other, EditElement) or other.merge_key != self.merge_key:
            return False
        self.value = other.value
        return True


class EditPoint(MergeableCommand):
    """Reword one point of the scale (0 is point 1)."""

    def __init__(self, step_id: str, index: int, part: str, text: str) -> None:
        if part not in ("name", "description"):
            raise ValueError(part)
        self.step_id = step_id
        self.index = index
        self.part = part
        limit = MAX_NAME if part == "name" else MAX_DESCRIPTION
        self.value = " ".join(text.split())[:limit]
        self.old: tuple[Point, ...] | None = None
        self.text = f"Reword point {index + 1} of the scale"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        if self.old is None:
            self.old = state.scale
        point = replace(self.old[self.index], **{self.part: self.value})
        if not point.name:
            point = replace(point, name=self.old[self.index].name)
        state.scale = (*self.old[: self.index], point, *self.old[self.index + 1 :])
        session.state_changed(self.step_id, "wording")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        _state(session, self.step_id).scale = self.old
        session.state_changed(self.step_id, "wording")

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("scale-wording", self.step_id, self.index, self.part)

    def merge(self, other: Any) -> bool:
        if not isinstance(other, EditPoint) or other.merge_key != self.merge_key:
            return False
        self.value = other.value
        return True


class ChooseSet(MergeableCommand):
    """Use another set of elements and its scale (only while nothing has been rated)."""

    def __init__(self, step_id: str, set_id: str) -> None:
        self.step_id = step_id
        self.set_id = set_id
        self.old: tuple[str, list[Element], tuple[Point, ...], list[VoteRound]] | None = None
        self.text = "Use another set of elements"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        if state.vote_count:
            raise ValueError("clear the ratings before choosing another set of elements")
        self.old = (state.set_id, state.elements, state.scale, state.rounds)
        fresh = SelfAssessment(self.set_id)
        state.set_id, state.elements, state.scale, state.rounds = (
            fresh.set_id,
            fresh.elements,
            fresh.scale,
            fresh.rounds,
        )
        self.text = f"Use {fresh.source.title.lower()}"
        session.state_changed(self.step_id, "set")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        state = _state(session, self.step_id)
        state.set_id, state.elements, state.scale, state.rounds = self.old
        session.state_changed(self.step_id, "set")


class AddElement(MergeableCommand):
    """Add an element at the end, with its own round (at most ``MAX_ELEMENTS``)."""

    def __init__(self, step_id: str, name: str, description: str = "") -> None:
        self.step_id = step_id
        self.element = Element(
            f"element-{new_id()}",
            " ".join(name.split())[:MAX_NAME] or "New element",
            " ".join(description.split())[:MAX_DESCRIPTION],
        )
        self.text = f"Add the element {self.element.name!r}"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        if len(state.elements) >= MAX_ELEMENTS:
            raise ValueError(f"a self-assessment has at most {MAX_ELEMENTS} elements")
        state.elements.append(self.element)
        state.rounds.append(VoteRound(self.element.id, self.element.name, SCALE_POINTS))
        session.state_changed(self.step_id, "set")

    def undo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        state.elements.remove(self.element)
        state.rounds.remove(state.round(self.element.id))
        session.state_changed(self.step_id, "set")


class RemoveElement(MergeableCommand):
    """Remove an element and its ratings (at least ``MIN_ELEMENTS`` stay); undo puts both back."""

    def __init__(self, step_id: str, element_id: str) -> None:
        self.step_id = step_id
        self.element_id = element_id
        self.removed: tuple[int, Element, VoteRound] | None = None
        self.text = "Remove an element"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        if len(state.elements) <= MIN_ELEMENTS:
            raise ValueError(f"a self-assessment needs at least {MIN_ELEMENTS} elements")
        index = [e.id for e in state.elements].index(self.element_id)
        self.removed = (index, state.elements.pop(index), state.rounds.pop(index))
        self.text = f"Remove the element {self.removed[1].name!r}"
        session.state_changed(self.step_id, "set")

    def undo(self, session: Session) -> None:
        assert self.removed is not None
        index, element, vote_round = self.removed
        state = _state(session, self.step_id)
        state.elements.insert(index, element)
        state.rounds.insert(index, vote_round)
        session.state_changed(self.step_id, "set")
