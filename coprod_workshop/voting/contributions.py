"""Notes and actions from phones: the server's side (``docs/voting-api.md``).

While the room is on a step that takes notes or actions from phones (the Sue and
Mick grid, "Our next steps"), the app publishes a :class:`Board`: the step, the
round (a new id each time the facilitator opens the step to phones), what kind of
thing phones send, where a note may go, the longest text taken, and what became of
each request (waiting, accepted, set aside). A phone sends::

    POST /v/<token>/api/note    {"step": id, "round": id, "request": id,
                                 "place": n (1 = first), "text": "..."}
    POST /v/<token>/api/action  {"step": id, "round": id, "request": id,
                                 "text": "...", "who": "...", "when": "..."}
    POST /v/<token>/api/feedback {"step": id, "round": id, "request": id,
                                 "ratings": [1-5 or 0, ...], "text": "..." (may be "")}
    POST /v/<token>/api/role    {"step": id, "round": id, "request": id,
                                 "place": n (1 = first role, 0 = "I'd rather not say"),
                                 "text": the role's name ("" for 0)}

and is told the outcome with a sentence to show: ``received`` (in the facilitator's
inbox), ``shown`` (the step shows what arrives), ``duplicate`` (the request id was
taken before: nothing new), ``closed``, ``stale`` (the step or round has changed:
nothing was filed), ``too long``, ``limit`` (this phone or its address has sent as
many as one may), ``full`` (the step's inbox is full). Text is checked here and
refused whole, never cut.

Everything here is owned by the server's loop thread, like the rest of
``voting.server``: the GUI thread publishes boards through the server's ``_call``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from coprod_workshop.voting.inbox import (
    MAX_PHONE_WHEN,
    MAX_PHONE_WHO,
    PER_PARTICIPANT,
    check_text,
)
from coprod_workshop.voting.transport import Response, json_response

#: outcomes a :class:`ContributionReceipt` may carry, and the status each gets
OUTCOMES = {
    "received": HTTPStatus.OK,
    "shown": HTTPStatus.OK,
    "duplicate": HTTPStatus.OK,
    "closed": HTTPStatus.CONFLICT,
    "stale": HTTPStatus.GONE,
    "too long": HTTPStatus.UNPROCESSABLE_ENTITY,
    "invalid": HTTPStatus.UNPROCESSABLE_ENTITY,
    "limit": HTTPStatus.TOO_MANY_REQUESTS,
    "full": HTTPStatus.INSUFFICIENT_STORAGE,
}
#: the sentence a phone shows for each outcome (the page's own table may say it its way)
MESSAGES = {
    "received": "Sent. The facilitator will read it before the room sees it.",
    "shown": "Sent. It is on the big screen now.",
    "duplicate": "Already sent: it arrived once.",
    "closed": "The facilitator is not taking these just now. Your words are still here.",
    "stale": "The room has moved on, so this was not sent. Your words are still here.",
    "limit": "This phone has sent as many as one phone may here ({limit}). "
    "Please tell the facilitator if there is more to say.",
    "full": "The facilitator's inbox for this step is full. Please say it out loud instead.",
    "invalid": "That could not be taken.",
}
KIND_NAMES = {
    "note": "note", "action": "action", "feedback": "sentence", "dot": "dot", "role": "role"
}
KINDS = tuple(KIND_NAMES)
#: the highest rating of a feedback question (0: not given)
SCALE = 5


@dataclass(frozen=True)
class Board:
    """What a phone may see of the step taking notes or actions (never the inbox)."""

    step_id: str
    round_id: str
    kind: str  # "note" or "action"
    open: bool
    title: str
    task: str
    places: tuple[str, ...]
    limit: int
    #: request id -> "waiting", "accepted" or "set aside" (phones see only their own)
    statuses: dict[str, str] = field(default_factory=dict, compare=False)
    #: how many one phone may send here (a dot round: the dots each phone has)
    per_phone: int = PER_PARTICIPANT
    #: a dot round: each participant's dots, place -> count (phones see only their own)
    holdings: dict[str, dict[int, int]] = field(default_factory=dict, compare=False)

    def to_json(
        self, mine: list[tuple[str, str]], sent: int, held: dict[int, int] | None = None
    ) -> dict[str, Any]:
        dots = [(held or {}).get(n, 0) for n in range(len(self.places))]
        return {
            "step": self.step_id,
            "round": self.round_id,
            "kind": self.kind,
            "open": self.open,
            "title": self.title,
            "task": self.task,
            "places": [{"number": n + 1, "name": p} for n, p in enumerate(self.places)],
            "limit": self.limit,
            "whoLimit": MAX_PHONE_WHO,
            "whenLimit": MAX_PHONE_WHEN,
            "perPhone": self.per_phone,
            "sent": sum(dots) if self.kind == "dot" else sent,
            "yourDots": dots if self.kind == "dot" else [],
            "yours": [
                {"text": text, "status": self.statuses.get(request, "waiting")}
                for request, text in mine
            ],
        }


@dataclass(frozen=True)
class PhoneContribution:
    """A note or action as it arrives, for the app to file in ``step_id``/``round_id`` only.
    ``place`` counts from 0 (the API's from 1); -1 for an action."""

    participant: str
    step_id: str
    round_id: str
    request_id: str
    kind: str
    text: str
    place: int = -1
    who: str = ""
    when: str = ""
    ratings: tuple[int, ...] = ()
    remove: bool = False  # a dot taken off, not placed


@dataclass(frozen=True)
class ContributionReceipt:
    outcome: str


class ContributionDesk:
    """The loop thread's side of notes and actions: the board on show, what each phone
    has sent where (for its own list and the per-phone and per-address limits)."""

    def __init__(
        self,
        deliver: Callable[[PhoneContribution], Future[ContributionReceipt]] | None,
        per_address: Callable[[], int],
    ) -> None:
        self.deliver = deliver
        self.per_address = per_address
        self.board: Board | None = None
        #: (step, participant) -> [(request, text)] sent and taken, oldest first
        self.mine: dict[tuple[str, str], list[tuple[str, str]]] = {}
        #: (step, participant or address) -> sent and taken or in flight
        self.counts: Counter[tuple[str, str]] = Counter()

    def publish(self, board: Board | None) -> None:
        self.board = board

    def board_json(self, participant: str) -> dict[str, Any] | None:
        board = self.board
        if board is None:
            return None
        mine = self.mine.get((board.step_id, participant), [])
        held = board.holdings.get(participant)
        return board.to_json(mine, self.counts[(board.step_id, participant)], held)

    async def post(
        self,
        kind: str,
        body: bytes,
        participant: str,
        address: str,
        wait: Callable[[Future[ContributionReceipt]], Any],
    ) -> Response:
        parsed = _parse(body, kind, participant)
        if parsed is None:
            return json_response(HTTPStatus.BAD_REQUEST, {"error": "malformed " + kind})
        board = self.board
        if board is None or (board.step_id, board.round_id, board.kind) != (
            parsed.step_id,
            parsed.round_id,
            kind,
        ):
            return _reply("stale")
        if not board.open:
            return _reply("closed")
        if kind == "dot":
            return await self._dot(parsed, board, wait)
        if any(r == parsed.request_id for r, _ in self.mine.get((board.step_id, participant), [])):
            return _reply("duplicate")
        try:
            if kind in ("feedback", "role"):
                text = _optional(parsed.text, board.limit, KIND_NAMES[kind])
            else:
                text = check_text(parsed.text, board.limit, KIND_NAMES[kind])
            who = _optional(parsed.who, MAX_PHONE_WHO, "“who”")
            when = _optional(parsed.when, MAX_PHONE_WHEN, "“by when”")
        except ValueError as err:
            return _reply("too long" if "characters" in str(err) else "invalid", str(err))
        if kind == "role" and not -1 <= parsed.place < len(board.places):
            return _reply("invalid", "Please choose one of the answers.")
        if kind == "note" and not 0 <= parsed.place < len(board.places):
            return _reply("invalid", "Please choose where your note goes.")
        if kind == "feedback" and (
            len(parsed.ratings) != len(board.places) or not any(parsed.ratings)
        ):
            return _reply("invalid", "Please choose a number for at least one question.")
        mine_key, address_key = (board.step_id, participant), (board.step_id, "@" + address)
        if (
            self.counts[mine_key] >= board.per_phone
            or self.counts[address_key] >= board.per_phone * self.per_address()
        ):
            return _reply("limit", MESSAGES["limit"].format(limit=board.per_phone))
        if self.deliver is None:
            return _reply("closed")
        item = PhoneContribution(
            participant, board.step_id, board.round_id, parsed.request_id, kind, text,
            parsed.place, who, when, parsed.ratings,
        )  # fmt: skip
        # Counted before the app answers, so a burst cannot slip past the limit.
        self.counts[mine_key] += 1
        self.counts[address_key] += 1
        receipt: ContributionReceipt | None = await wait(self.deliver(item))
        if receipt is None or receipt.outcome not in ("received", "shown"):
            self.counts[mine_key] -= 1
            self.counts[address_key] -= 1
        if receipt is None:
            return json_response(
                HTTPStatus.SERVICE_UNAVAILABLE, {"status": "busy"}, {"Retry-After": "1"}
            )
        if receipt.outcome in ("received", "shown"):
            self.mine.setdefault(mine_key, []).append((parsed.request_id, text))
        return _reply(receipt.outcome)


    async def _dot(
        self,
        parsed: PhoneContribution,
        board: Board,
        wait: Callable[[Future[ContributionReceipt]], Any],
    ) -> Response:
        """A dot placed or taken off: the app checks the phone's dots (at most the round's
        number), the request id and the round, and answers."""
        if not 0 <= parsed.place < len(board.places):
            return _reply("invalid", "Please choose an item for your dot.")
        if self.deliver is None:
            return _reply("closed")
        receipt: ContributionReceipt | None = await wait(self.deliver(parsed))
        if receipt is None:
            return json_response(
                HTTPStatus.SERVICE_UNAVAILABLE, {"status": "busy"}, {"Retry-After": "1"}
            )
        if receipt.outcome == "limit":
            return _reply("limit", f"All {board.per_phone} of your dots are placed. "
                          "Take one off to put it somewhere else.")  # fmt: skip
        return _reply(receipt.outcome, "Your dot is in." if receipt.outcome == "received" else "")


def _optional(text: str, limit: int, what: str) -> str:
    return check_text(text, limit, what) if text.strip() else ""


def _reply(outcome: str, message: str = "") -> Response:
    status = OUTCOMES.get(outcome, HTTPStatus.UNPROCESSABLE_ENTITY)
    return json_response(status, {"status": outcome, "message": message or MESSAGES[outcome]})


def _parse(raw: bytes, kind: str, participant: str) -> PhoneContribution | None:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(doc, dict):
        return None
    step, round_id, request = doc.get("step"), doc.get("round"), doc.get("request")
    text, who, when = doc.get("text", ""), doc.get("who", ""), doc.get("when", "")
    remove = doc.get("remove", False)
    if not isinstance(remove, bool):
        return None
    if not all(isinstance(v, str) for v in (step, round_id, request, text, who, when)):
        return None
    assert isinstance(request, str) and isinstance(step, str) and isinstance(round_id, str)
    if not (0 < len(request) <= 64 and request.isascii() and request.isprintable()):
        return None
    place = -1
    if kind in ("note", "dot", "role"):
        number = doc.get("place")
        if not isinstance(number, int) or isinstance(number, bool):
            return None
        place = number - 1
    ratings: tuple[int, ...] = ()
    if kind == "feedback":
        given = doc.get("ratings")
        if not isinstance(given, list) or len(given) > 8:
            return None
        if not all(isinstance(r, int) and not isinstance(r, bool) and 0 <= r <= SCALE
                   for r in given):  # fmt: skip
            return None
        ratings = tuple(given)
    return PhoneContribution(
        participant, step, round_id, request, kind, str(text), place, str(who), str(when),
        ratings, remove,
    )  # fmt: skip
