"""Undoable changes to a "Sue and Mick" step (pure Python, no Qt).

Each command changes the step's :class:`Relationship` in place through its
own methods, then announces the change with ``session.state_changed`` so
views redraw and the session is saved. ``undo`` puts back exactly what
``redo`` changed: the same note, the same cell, the same place.

Details announced: ``note-added``, ``note-edited``, ``note-removed``,
``note-moved``, ``deck``, ``debrief``, ``settings``.
"""

from __future__ import annotations

from typing import Any

from coprod_workshop.core.commands import MergeableCommand
from coprod_workshop.core.fields import clean_text
from coprod_workshop.core.session import Session, new_id
from coprod_workshop.exercises.relationship.model import (
    MAX_NOTE_LENGTH,
    MAX_NOTES,
    Cell,
    Note,
    Relationship,
    Settings,
    cell_at,
)
from coprod_workshop.voting.inbox import Accept, Contribution


def _state(session: Session, step_id: str) -> Relationship:
    return session.state_as(step_id, Relationship)


def _where(state: Relationship, cell: Cell) -> str:
    persona, row = cell
    return f"{state.settings.personas[persona].name}: {state.settings.rows[row].lower()}"


class AddNote(MergeableCommand):
    """Add a note the room called out to a cell (at the end unless ``index`` is given)."""

    def __init__(self, step_id: str, cell: Cell, text: str, index: int | None = None) -> None:
        self.step_id = step_id
        self.cell = cell
        self.note = Note(new_id(), clean_text(text, MAX_NOTE_LENGTH))
        self.index = index
        self.text = f"Add note “{self.note.text}”"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        index = len(state.notes_in(self.cell)) if self.index is None else self.index
        self.index = state.insert_note(self.cell, index, self.note)
        session.state_changed(self.step_id, "note-added")

    def undo(self, session: Session) -> None:
        _state(session, self.step_id).remove_note(self.note.id)
        session.state_changed(self.step_id, "note-removed")


class PlaceStatement(AddNote):
    """Place a card from the deck on the grid; it becomes a note that remembers its card."""

    def __init__(self, step_id: str, card_id: str, cell: Cell, text: str, index: int | None = None):
        super().__init__(step_id, cell, text, index)
        self.note = Note(self.note.id, self.note.text, card_id)
        self.text = f"Place card “{self.note.text}”"

    def redo(self, session: Session) -> None:
        if self.note.card in _state(session, self.step_id).placed_cards():
            raise ValueError(f"card {self.note.card!r} is already on the grid")
        super().redo(session)


class AcceptNote(Accept):
    """A note from a phone goes on the grid, at the end of its cell, marked as from a phone."""

    def problem(self, session: Session) -> str:
        if _state(session, self.step_id).note_count() >= MAX_NOTES:
            return f"The grid holds at most {MAX_NOTES} notes."
        return ""

    def place(self, session: Session, item: Contribution) -> None:
        state = _state(session, self.step_id)
        cell = cell_at(item.place)
        note = Note(item.id, clean_text(item.text, MAX_NOTE_LENGTH), source="phone")
        state.insert_note(cell, len(state.notes_in(cell)), note)
        session.state_changed(self.step_id, "note-added")

    def unplace(self, session: Session, item: Contribution) -> None:
        _state(session, self.step_id).remove_note(item.id)
        session.state_changed(self.step_id, "note-removed")


class EditNote(MergeableCommand):
    def __init__(self, step_id: str, note_id: str, text: str) -> None:
        self.step_id = step_id
        self.note_id = note_id
        self.new = clean_text(text, MAX_NOTE_LENGTH)
        self.old: str | None = None
        self.text = f"Edit note “{self.new}”"

    def redo(self, session: Session) -> None:
        old = _state(session, self.step_id).set_note_text(self.note_id, self.new)
        if self.old is None:
            self.old = old
        session.state_changed(self.step_id, "note-edited")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        _state(session, self.step_id).set_note_text(self.note_id, self.old)
        session.state_changed(self.step_id, "note-edited")


class DeleteNote(MergeableCommand):
    """Remove a note; a placed card goes back to the deck."""

    def __init__(self, step_id: str, note_id: str) -> None:
        self.step_id = step_id
        self.note_id = note_id
        self.removed: tuple[Cell, int, Note] | None = None
        self.text = "Delete note"

    def redo(self, session: Session) -> None:
        self.removed = _state(session, self.step_id).remove_note(self.note_id)
        self.text = f"Delete note “{self.removed[2].text}”"
        session.state_changed(self.step_id, "note-removed")

    def undo(self, session: Session) -> None:
        assert self.removed is not None
        cell, index, note = self.removed
        _state(session, self.step_id).insert_note(cell, index, note)
        session.state_changed(self.step_id, "note-added")


class MoveNote(MergeableCommand):
    """Move a note to ``index`` of ``cell`` (its place after the move; clamped)."""

    def __init__(self, step_id: str, note_id: str, cell: Cell, index: int | None = None) -> None:
        self.step_id = step_id
        self.note_id = note_id
        self.cell = cell
        self.index = index
        self.came_from: tuple[Cell, int] | None = None
        self.text = "Move note"

    def redo(self, session: Session) -> None:
        state = _state(session, self.step_id)
        index = len(state.notes_in(self.cell)) if self.index is None else self.index
        old_cell, old_index, self.index = state.move_note(self.note_id, self.cell, index)
        if self.came_from is None:
            self.came_from = (old_cell, old_index)
        self.text = f"Move note to {_where(state, self.cell)}"
        session.state_changed(self.step_id, "note-moved")

    def undo(self, session: Session) -> None:
        assert self.came_from is not None
        cell, index = self.came_from
        _state(session, self.step_id).move_note(self.note_id, cell, index)
        session.state_changed(self.step_id, "note-moved")


class _Flag(MergeableCommand):
    attribute = ""
    detail = ""
    texts = ("", "")

    def __init__(self, step_id: str, value: bool) -> None:
        self.step_id = step_id
        self.value = value
        self.old: bool | None = None
        self.text = self.texts[1] if value else self.texts[0]

    def _set(self, session: Session, value: bool) -> None:
        setattr(_state(session, self.step_id), self.attribute, value)
        session.state_changed(self.step_id, self.detail)

    def redo(self, session: Session) -> None:
        if self.old is None:
            self.old = getattr(_state(session, self.step_id), self.attribute)
        self._set(session, self.value)

    def undo(self, session: Session) -> None:
        assert self.old is not None
        self._set(session, self.old)


class RevealDebrief(_Flag):
    """Show (or hide again) the debrief on the projector."""

    attribute, detail = "revealed", "debrief"
    texts = ("Hide debrief", "Reveal debrief")


class ShowDeck(_Flag):
    """Show (or hide) the cards still to sort on the projector."""

    attribute, detail = "deck_shown", "deck"
    texts = ("Hide cards on projector", "Show cards on projector")


class EditSettings(MergeableCommand):
    """Replace the step's settings; edits of one named setting merge into one undo step."""

    def __init__(self, step_id: str, settings: Settings, text: str, key: str = "") -> None:
        self.step_id = step_id
        self.settings = settings
        self.old: Settings | None = None
        self.text = text
        self.key = key

    def _set(self, session: Session, settings: Settings) -> None:
        _state(session, self.step_id).settings = settings
        session.state_changed(self.step_id, "settings")

    def redo(self, session: Session) -> None:
        if self.old is None:
            self.old = _state(session, self.step_id).settings
        self._set(session, self.settings)

    def undo(self, session: Session) -> None:
        assert self.old is not None
        self._set(session, self.old)

    @property
    def merge_key(self) -> tuple[Any, ...] | None:
        return ("relationship-settings", self.step_id, self.key) if self.key else None

    def merge(self, other: Any) -> bool:
        if self.merge_key is None:
            return False
        if not isinstance(other, EditSettings) or other.merge_key != self.merge_key:
            return False
        self.settings = other.settings
        return True
