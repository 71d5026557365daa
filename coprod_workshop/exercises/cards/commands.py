"""Undoable changes to a board of cards (pure Python, no Qt).

Any exercise whose state has a ``board`` attribute (a ``cards.board.Board``)
can use these. Each command changes the board in place through its methods,
then calls ``session.state_changed(step_id, detail)`` so views redraw and the
session is saved; ``undo`` puts back exactly what ``redo`` changed (same
place, same index, same history: ``board.to_doc()`` is equal before a command
and after its undo).

Details announced: ``card-moved`` (with the places it left and reached, see
:func:`moved_places`), ``card-added``, ``card-edited``,
``card-removed``, ``card-flagged``, ``place-renamed``; a :class:`Batch`
announces those of its parts; :func:`SetPrompt` announces ``prompt``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from coprod_workshop.core.commands import MergeableCommand, SetStateField
from coprod_workshop.core.fields import clean_text
from coprod_workshop.core.session import Session, new_id
from coprod_workshop.exercises.cards.board import (
    DECK,
    MAX_CARD_TEXT,
    MAX_DESCRIPTION,
    MAX_PLACE_NAME,
    MAX_PROMPT,
    ROOM_SOURCE,
    Board,
    Card,
    Move,
    Removed,
)


def board_of(session: Session, step_id: str) -> Board:
    """The board of a step whose state has one."""
    board = getattr(session.step(step_id).state, "board", None)
    if not isinstance(board, Board):
        raise TypeError(f"step {step_id!r} has no board of cards")
    return board


def now() -> str:
    """The time recorded with a move: local time to the second."""
    return datetime.now().isoformat(timespec="seconds")


MOVED = "card-moved"


def moved_detail(*place_ids: str) -> str:
    """The detail a move announces: ``card-moved`` and the places whose cards changed."""
    return f"{MOVED}:" + "\t".join(place_ids)


def moved_places(detail: str) -> set[str] | None:
    """The places a change's ``detail`` says changed, if it is only a move (else None:
    anything on the board may have changed)."""
    if not detail.startswith(f"{MOVED}:"):
        return None
    return set(detail.removeprefix(f"{MOVED}:").split("\t"))


def _where(board: Board, place_id: str) -> str:
    return "the cards to sort" if place_id == DECK else f"“{board.place_name(place_id)}”"


class PlaceCard(MergeableCommand):
    """Move a card to ``index`` of a place (its index after the move; the end if None)."""

    def __init__(
        self,
        step_id: str,
        card_id: str,
        place_id: str,
        index: int | None = None,
        *,
        at: str | None = None,
    ) -> None:
        self.step_id = step_id
        self.card_id = card_id
        self.place_id = place_id
        self.index = index
        self.at = now() if at is None else at
        self.before: tuple[str, int, tuple[Move, ...]] | None = None
        self.text = "Move card"

    def redo(self, session: Session) -> None:
        board = board_of(session, self.step_id)
        place_id, index = board.locate(self.card_id)
        self.before = (place_id, index, board.history(self.card_id))
        board.place_card(self.card_id, self.place_id, self.index, at=self.at)
        text = board.card(self.card_id).text
        if place_id == self.place_id:
            self.text = f"Reorder “{text}” in {_where(board, place_id)}"
        elif self.place_id == DECK:
            self.text = f"Return “{text}” to the cards to sort"
        else:
            self.text = f"Move “{text}” to {_where(board, self.place_id)}"
        session.state_changed(self.step_id, moved_detail(place_id, self.place_id))

    def undo(self, session: Session) -> None:
        assert self.before is not None
        board_of(session, self.step_id).restore_position(self.card_id, *self.before)
        session.state_changed(self.step_id, moved_detail(self.before[0], self.place_id))


class AddCard(MergeableCommand):
    """Add a card the room suggests (on the deck unless ``place_id`` is given)."""

    def __init__(
        self,
        step_id: str,
        text: str,
        place_id: str = DECK,
        index: int | None = None,
        *,
        description: str = "",
        source: str = ROOM_SOURCE,
        card_id: str | None = None,
    ) -> None:
        self.step_id = step_id
        self.card = Card(
            card_id or new_id(),
            clean_text(text, MAX_CARD_TEXT),
            description=clean_text(description, MAX_DESCRIPTION),
            source=source,
        )
        if not self.card.text:
            raise ValueError("a card needs some text")
        self.place_id = place_id
        self.index = index
        self.text = f"Add card “{self.card.text}”"

    def redo(self, session: Session) -> None:
        board_of(session, self.step_id).add_card(self.card, self.place_id, self.index)
        session.state_changed(self.step_id, "card-added")

    def undo(self, session: Session) -> None:
        board_of(session, self.step_id).remove_card(self.card.id)
        session.state_changed(self.step_id, "card-removed")


class EditCard(MergeableCommand):
    """Change a card's text or description (other fields too, for prepared decks)."""

    def __init__(self, step_id: str, card_id: str, **changes: Any) -> None:
        self.step_id = step_id
        self.card_id = card_id
        if "text" in changes:
            changes["text"] = clean_text(changes["text"], MAX_CARD_TEXT)
            if not changes["text"]:
                raise ValueError("a card needs some text")
        if "description" in changes:
            changes["description"] = clean_text(changes["description"], MAX_DESCRIPTION)
        self.changes = changes
        self.old: dict[str, Any] | None = None
        self.text = f"Edit card “{changes['text']}”" if "text" in changes else "Edit card"

    def redo(self, session: Session) -> None:
        old = board_of(session, self.step_id).edit_card(self.card_id, **self.changes)
        self.old = {name: getattr(old, name) for name in self.changes}
        session.state_changed(self.step_id, "card-edited")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        board_of(session, self.step_id).edit_card(self.card_id, **self.old)
        session.state_changed(self.step_id, "card-edited")


class RemoveCard(MergeableCommand):
    """Take a card off the board; undo puts it back in its place with its history."""

    def __init__(self, step_id: str, card_id: str) -> None:
        self.step_id = step_id
        self.card_id = card_id
        self.removed: Removed | None = None
        self.text = "Remove card"

    def redo(self, session: Session) -> None:
        self.removed = board_of(session, self.step_id).remove_card(self.card_id)
        self.text = f"Remove card “{self.removed.card.text}”"
        session.state_changed(self.step_id, "card-removed")

    def undo(self, session: Session) -> None:
        assert self.removed is not None
        board_of(session, self.step_id).restore_card(self.removed)
        session.state_changed(self.step_id, "card-added")


class FlagCard(MergeableCommand):
    """Flag a card for discussion (or clear the flag)."""

    def __init__(self, step_id: str, card_id: str, flagged: bool = True) -> None:
        self.step_id = step_id
        self.card_id = card_id
        self.flagged = flagged
        self.old: bool | None = None
        self.text = "Flag card for discussion" if flagged else "Clear discussion flag"

    def redo(self, session: Session) -> None:
        board = board_of(session, self.step_id)
        self.old = board.edit_card(self.card_id, flagged=self.flagged).flagged
        verb = "Flag" if self.flagged else "Clear the flag on"
        self.text = f"{verb} “{board.card(self.card_id).text}”"
        session.state_changed(self.step_id, "card-flagged")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        board_of(session, self.step_id).edit_card(self.card_id, flagged=self.old)
        session.state_changed(self.step_id, "card-flagged")


class RenamePlace(MergeableCommand):
    """Rename a pile, a cell or the deck; typing into one name makes one undo step."""

    def __init__(self, step_id: str, place_id: str, name: str) -> None:
        self.step_id = step_id
        self.place_id = place_id
        self.name = clean_text(name, MAX_PLACE_NAME)
        if not self.name:
            raise ValueError("a place needs a name")
        self.old: str | None = None
        self.text = f"Rename to “{self.name}”"

    def redo(self, session: Session) -> None:
        old = board_of(session, self.step_id).rename_place(self.place_id, self.name)
        if self.old is None:
            self.old = old
        session.state_changed(self.step_id, "place-renamed")

    def undo(self, session: Session) -> None:
        assert self.old is not None
        board_of(session, self.step_id).rename_place(self.place_id, self.old)
        session.state_changed(self.step_id, "place-renamed")

    @property
    def merge_key(self) -> tuple[Any, ...]:
        return ("rename-place", self.step_id, self.place_id)

    def merge(self, other: Any) -> bool:
        if not isinstance(other, RenamePlace) or other.merge_key != self.merge_key:
            return False
        self.name = other.name
        self.text = other.text
        return True


class Batch(MergeableCommand):
    """Several commands as one undo step (a drag of several cards)."""

    def __init__(self, commands: Sequence[Any], text: str = "") -> None:
        self.commands = list(commands)
        self.explicit = text
        self.text = text or "Move cards"

    def redo(self, session: Session) -> None:
        for command in self.commands:
            command.redo(session)
        if not self.explicit and self.commands:
            more = len(self.commands) - 1
            self.text = self.commands[0].text + (f" and {more} more" if more else "")

    def undo(self, session: Session) -> None:
        for command in reversed(self.commands):
            command.undo(session)


def SetPrompt(step_id: str, prompt: str, exercise: str) -> SetStateField:  # noqa: N802
    """Change the question shown with the board; typing makes one undo step.

    ``exercise`` names it in the undo text ("card sort": "Edit the card sort's question").
    """
    text = clean_text(prompt, MAX_PROMPT)
    return SetStateField(step_id, "prompt", text, f"Edit the {exercise}'s question", merge=True)
