"""A ready-made plan played through to the end, as a room would, through the same
commands the views run (every note, card move, placement, vote and action)."""

from __future__ import annotations

from pathlib import Path

from coprod_workshop.core.commands import ReplaceState
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.exercises.actions.model import ActionList
from coprod_workshop.exercises.cards.board import DECK
from coprod_workshop.exercises.cards.commands import FlagCard, PlaceCard
from coprod_workshop.exercises.elements.commands import SetResults as SetRatingsShown
from coprod_workshop.exercises.elements.model import SelfAssessment
from coprod_workshop.exercises.ladder.commands import (
    CastVote,
    CloseRound,
    OpenRound,
    SetHandCount,
    SetResults,
)
from coprod_workshop.exercises.ladder.model import LadderStep
from coprod_workshop.exercises.matrix.commands import RevealSuggestions
from coprod_workshop.exercises.matrix.model import CELL_IDS
from coprod_workshop.exercises.relationship.commands import AddNote, PlaceStatement
from coprod_workshop.exercises.relationship.model import Relationship, all_cells
from coprod_workshop.storage.store import read_plan

PHONE_COOKIE = "cookie-5f2a9c77d1"
PHONE_REQUEST = "request-0b1e"
SCREEN_VOTER = "screen-participant-42"


def board_of(session: Session, step_id: str):  # type: ignore[no-untyped-def]
    return session.step(step_id).state.board


def play_relationship(session: Session, step_id: str, notes_per_cell: int = 2) -> None:
    state: Relationship = session.step(step_id).state
    for persona, row in all_cells():
        for n in range(notes_per_cell):
            AddNote(step_id, (persona, row), f"note {persona}{row}{n} from table {n + 1}").redo(
                session
            )
    card = state.settings.deck[0]
    PlaceStatement(step_id, card.id, (1, card.row), card.text).redo(session)


def play_cards(session: Session, step_id: str, targets: list[str]) -> None:
    board = board_of(session, step_id)
    cards = board.cards()
    for index, card in enumerate(cards[:-1]):  # one card stays on the deck
        PlaceCard(step_id, card.id, targets[index % len(targets)]).redo(session)
    argued = cards[0].id
    for place in (targets[-1], targets[0], targets[-1], targets[0]):  # contested
        PlaceCard(step_id, argued, place).redo(session)
    FlagCard(step_id, cards[1].id).redo(session)


def play_ladder(session: Session, step_id: str) -> None:
    state: LadderStep = session.step(step_id).state
    for number, vote_round in enumerate(state.rounds):
        OpenRound(step_id, vote_round.id).redo(session)
        CastVote(step_id, 1 + number, participant=SCREEN_VOTER).redo(session)
        CastVote(
            step_id,
            2 + number,
            source="phone",
            participant=PHONE_COOKIE,
            request_id=f"{PHONE_REQUEST}-{number}",
        ).redo(session)
        SetHandCount(step_id, vote_round.id, 3 + number, 4 + number).redo(session)
        CloseRound(step_id, vote_round.id).redo(session)
    SetResults(step_id, "revealed").redo(session)


def play_elements(session: Session, step_id: str) -> None:
    """Each element opened in turn: one rating on the screen, one from a phone, hands."""
    state: SelfAssessment = session.step(step_id).state
    for number, vote_round in enumerate(state.rounds):
        OpenRound(step_id, vote_round.id).redo(session)
        CastVote(step_id, number % 5, participant=SCREEN_VOTER).redo(session)
        CastVote(
            step_id,
            (number + 2) % 5,
            source="phone",
            participant=PHONE_COOKIE,
            request_id=f"{PHONE_REQUEST}-element-{number}",
        ).redo(session)
        SetHandCount(step_id, vote_round.id, 4, 3 + number).redo(session)
        CloseRound(step_id, vote_round.id).redo(session)
    SetRatingsShown(step_id, "revealed").redo(session)


def play_actions(session: Session, step_id: str) -> None:
    state: ActionList = session.step(step_id).state
    state = state.with_action("Invite two carers onto the steering group", "Sam", "March")
    state = state.with_action("Rewrite the referral letter together", "", "next month")
    ReplaceState(step_id, state, "Add action").redo(session)
    from coprod_workshop.voting.dots import NextDotTurn, OpenDots, PlaceDot, SetDotHands
    from coprod_workshop.voting.dots import SetDotsFlag

    OpenDots(step_id, state.dot_items(), 3).redo(session)
    held = session.step(step_id).state.collection.dots
    first, second = (item for item, _ in held.items)
    PlaceDot(step_id, held.id, PHONE_COOKIE, first, request_id=f"{PHONE_REQUEST}-dot").redo(
        session
    )
    SetDotsFlag(step_id, "screen", True).redo(session)
    PlaceDot(step_id, held.id, held.turn, second, source="screen").redo(session)
    NextDotTurn(step_id).redo(session)
    SetDotHands(step_id, second, 2).redo(session)
    SetDotsFlag(step_id, "open", False).redo(session)  # the screen shows the actions again
    SetDotsFlag(step_id, "revealed", True).redo(session)


#: who took part, counted by the facilitator (people who use services, carers, staff...)
COUNTS = (5, 3, 4, 1, 1, 0)
ORGANISATIONS = "Riverside Carers Centre, County Council"


def play_attendance(session: Session, step_id: str) -> None:
    from coprod_workshop.exercises.attendance.model import Attendance

    state: Attendance = session.step(step_id).state
    for index, count in enumerate(COUNTS[: len(state.roles)]):
        state = state.with_count(index, count)
    ReplaceState(step_id, state.with_organisations(ORGANISATIONS), "Count").redo(session)


def play(session: Session) -> Session:
    """Play every step of ``session`` (moving through the agenda as the room would)."""
    for index, step in enumerate(session.steps):
        session.go_to(index, timer_seconds=60)
        if step.kind == "relationship":
            play_relationship(session, step.id)
        elif step.kind == "cardsort":
            board = board_of(session, step.id)
            play_cards(session, step.id, [p for p in board.place_ids() if p != DECK])
        elif step.kind == "matrix":
            play_cards(session, step.id, list(CELL_IDS))
            RevealSuggestions(step.id).redo(session)
        elif step.kind == "ladder":
            play_ladder(session, step.id)
        elif step.kind == "elements":
            play_elements(session, step.id)
        elif step.kind == "actions":
            play_actions(session, step.id)
        elif step.kind == "attendance":
            play_attendance(session, step.id)
    return session


def played_plan(path: Path, registry: Registry) -> Session:
    session = read_plan(path, registry).copy_as_new(registry)
    session.facilitator = "Ana Example"
    return play(session)
