"""The phone-voting server: participants vote from their phones on the venue network.

A small HTTP server on the facilitator's laptop: no internet, no accounts. It
serves a :class:`Ballot` (a question, its choices, a round id) and hands each
vote to the app through ``deliver``; it knows nothing of ladders or steps, so
any exercise that puts one question with a few choices to the room can use it.

One asyncio event loop on its own thread serves every connection
(``voting.transport``: the h11 parser, deadlines, size and connection limits).
Everything the server remembers (the ballot, participants, the choices phones
are shown, rate buckets, the error count) is owned by that thread: the GUI
thread changes it only by scheduling a call there (:meth:`publish`,
:meth:`set_choices`, :meth:`set_participants_per_address`), and reads nothing
but plain counters. ``deliver(vote)`` is called on the loop thread and returns
a ``concurrent.futures.Future`` that the app resolves, on its own thread, with
a :class:`VoteReceipt`: the outcome and the choice stored once the vote was
applied. The phone is told exactly that.

Routes (``docs/voting-api.md``)::

    GET  /                          the join page (type the room code)
    GET  /j?code=ABCD               room code -> redirect to the voting page
    GET  /v/<token>/                the voting page (sets the participant cookie)
    GET  /v/<token>/app.js|app.css  its script and style
    GET  /v/<token>/api/ballot      the open round: question, choices, your vote
    POST /v/<token>/api/vote        {"round": id, "choice": n (1 = first), "request": id}
    POST /v/<token>/api/note|action a note or an action (``voting.contributions``)
"""

from __future__ import annotations

import asyncio
import html
import json
import math
import secrets
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

from coprod_workshop.paths import resource
from coprod_workshop.voting.client import HEADER
from coprod_workshop.voting.contributions import KINDS as CONTRIBUTION_KINDS
from coprod_workshop.voting.contributions import (
    Board,
    ContributionDesk,
    ContributionReceipt,
    PhoneContribution,
)
from coprod_workshop.voting.transport import (
    Connection,
    Gate,
    Limits,
    Request,
    Response,
    address_key,
    json_response,
)

MAX_BODY = 2048
BACKLOG = 256  # a room of phones arriving at once
DELIVERY_TIMEOUT_S = 3.0
MAX_CONNECTIONS = 512
CONNECTIONS_PER_ADDRESS = 16
MAX_PARTICIPANTS = 500
PARTICIPANTS_PER_ADDRESS = 4
RATE_PER_S = 4.0
RATE_BURST = 12
#: wrong room codes a minute: from one address (a room on a guest network may share
#: one address, and people mistype), and from everyone together (guessing 1 in
#: 32**4 codes at 60 a minute takes months)
CODE_TRIES_PER_MINUTE = 30
WRONG_CODES_PER_MINUTE = 60
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
COOKIE = "coprod_participant"
PAGES = ("join.html", "vote.html", "full.html", "crowded.html", "stale.html")
STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
HTML = "text/html; charset=utf-8"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Server": "coprod-workshop",
}


@dataclass(frozen=True)
class Ballot:
    """What a phone may see of the round being voted on (never the tally)."""

    round_id: str
    question: str
    choices: tuple[tuple[str, str], ...]  # (name, short description), first choice first
    open: bool
    title: str = ""
    credit: str = ""
    task: str = ""  # what the participant is asked to do
    kind: str = ""  # the step's kind ("ladder", "elements"): the page words its task itself

    def to_json(self, your_choice: int | None) -> dict[str, Any]:
        return {
            "round": self.round_id,
            "question": self.question,
            "title": self.title,
            "credit": self.credit,
            "task": self.task,
            "kind": self.kind,
            "open": self.open,
            "choices": [
                {"number": n + 1, "name": c[0], "hint": c[1]} for n, c in enumerate(self.choices)
            ],
            "yourChoice": None if your_choice is None else your_choice + 1,
        }


@dataclass(frozen=True)
class PhoneVote:
    """A vote as it arrives from a phone, for the app to apply to ``round_id`` only.

    ``choice`` counts from 0; the API's ``choice`` counts from 1.
    """

    participant: str
    round_id: str
    choice: int
    request_id: str


@dataclass(frozen=True)
class VoteReceipt:
    """What the app did with a vote: the outcome, and the participant's choice
    stored in the named round right after (None: no vote there)."""

    outcome: str
    choice: int | None


#: outcomes a :class:`VoteReceipt` may carry, and the status each gets
OUTCOMES = {
    "counted": HTTPStatus.OK,
    "duplicate": HTTPStatus.OK,
    "closed": HTTPStatus.CONFLICT,
    "stale": HTTPStatus.GONE,
    "invalid": HTTPStatus.UNPROCESSABLE_ENTITY,
}


class _Bucket:
    """A token bucket: ``rate`` a second, up to ``burst`` at once."""

    def __init__(self, now: float) -> None:
        self.tokens, self.stamp = float(RATE_BURST), now

    def take(self, now: float) -> bool:
        self.tokens = min(RATE_BURST, self.tokens + (now - self.stamp) * RATE_PER_S)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class VoteServer:
    """Serves the phone page and takes votes from :meth:`start` until :meth:`stop`.

    ``deliver(vote)`` is called on the server's thread and must return a future
    that the app resolves with a :class:`VoteReceipt`.
    """

    def __init__(
        self,
        host: str,
        deliver: Callable[[PhoneVote], Future[VoteReceipt]],
        *,
        port: int = 0,
        max_participants: int = MAX_PARTICIPANTS,
        participants_per_address: int = PARTICIPANTS_PER_ADDRESS,
        limits: Limits | None = None,
        contribute: Callable[[PhoneContribution], Future[ContributionReceipt]] | None = None,
    ) -> None:
        self.deliver = deliver
        self.max_participants = max_participants
        self.limits = limits or Limits(
            max_body=MAX_BODY,
            connections=min(MAX_CONNECTIONS, _open_files() - 128),
            connections_per_address=CONNECTIONS_PER_ADDRESS,
        )
        self.token = secrets.token_urlsafe(16)  # 128 bits
        self.code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4))
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._sock = socket.create_server((host, port), family=family, backlog=BACKLOG)
        self.host, self.port = self._sock.getsockname()[:2]
        self.origin = f"http://{_host_port(self.host, self.port)}"
        self._files = {name: resource("phone", name).read_bytes() for name in (*PAGES, *STATIC)}
        self._loop = asyncio.new_event_loop()
        self._thread: threading.Thread | None = None
        self._stopping: asyncio.Event | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        # Owned by the loop thread from here on.
        self._gate = Gate(self.limits)
        self._per_address = participants_per_address
        self._ballot: Ballot | None = None
        self._participants: set[str] = set()
        self._joined_from: Counter[str] = Counter()
        self._choices: dict[str, dict[str, int]] = {}  # round -> participant -> choice
        self._buckets: dict[str, _Bucket] = {}
        self._code_tries: dict[str, list[float]] = {}
        self._wrong_codes: list[float] = []
        self._gate.per_address = _connections_for(participants_per_address, self.limits)
        self._desk = ContributionDesk(contribute, lambda: self._per_address)
        #: plain counters, written by the loop thread only (readable anywhere)
        self.joined = 0
        self.errors = 0

    @property
    def url(self) -> str:
        """The voting page (carries the token); the QR code encodes this."""
        return f"{self.origin}/v/{self.token}/"

    @property
    def join_url(self) -> str:
        """Where a latecomer types the room code."""
        return f"{self.origin}/"

    @property
    def refused_connections(self) -> int:
        return self._gate.refused

    # -- life ------------------------------------------------------------------
    def start(self) -> None:
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._loop.run_until_complete,
            args=(self._serve(ready),),
            name="vote-server",
            daemon=True,
        )
        self._thread.start()
        ready.wait(timeout=5.0)

    def stop(self) -> None:
        """Close the port (well within a second), end every connection, forget everyone."""
        if self._thread is not None and self._stopping is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)
            self._thread.join(timeout=2.0)
        self._sock.close()
        if not self._thread or not self._thread.is_alive():
            self._loop.close()

    async def _serve(self, ready: threading.Event) -> None:
        self._stopping = asyncio.Event()
        server = await asyncio.start_server(
            self._connection, sock=self._sock, limit=self.limits.max_head, backlog=BACKLOG
        )
        ready.set()
        await self._stopping.wait()
        server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        address = address_key(peer[0]) if peer else "?"
        if not self._gate.enter(address):
            writer.transport.abort()  # over the cap: closed at once, never queued
            return
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await Connection(reader, writer, self.limits, SECURITY_HEADERS).serve(
                address, self._handle
            )
        except (ConnectionError, asyncio.CancelledError):
            pass
        except Exception:
            self.errors += 1  # never printed, never raised into the app
        finally:
            self._gate.leave(address)
            self._tasks.discard(task)
            writer.transport.abort()

    def _call(self, function: Callable[..., None], *args: Any) -> None:
        """Run ``function`` on the loop thread (from the GUI thread)."""
        if not self._loop.is_closed():
            self._loop.call_soon_threadsafe(function, *args)

    # -- the app's side (GUI thread) -------------------------------------------
    def publish(self, ballot: Ballot | None) -> None:
        """Show phones this round (or none); called by the app on every change."""
        self._call(setattr, self, "_ballot", ballot)

    def publish_board(self, board: Board | None) -> None:
        """Show phones the step taking notes or actions (or none), with what became of
        each request; called by the app on every change."""
        self._call(self._desk.publish, board)

    def set_choices(self, round_id: str, choices: dict[str, int]) -> None:
        """What each participant has stored in ``round_id`` (after an undo or a clear)."""
        self._call(self._choices.__setitem__, round_id, dict(choices))

    def set_participants_per_address(self, count: int) -> None:
        """For a room where many phones share one address (a guest network behind NAT)."""
        self._call(self._set_per_address, max(1, count))

    def _set_per_address(self, count: int) -> None:
        self._per_address = count
        self._gate.per_address = _connections_for(count, self.limits)

    # -- routes (loop thread) --------------------------------------------------
    async def _handle(self, request: Request) -> Response:
        try:
            response = await self._route(request)
        except ValueError:  # a target urlsplit cannot read ("http://[::1")
            response = json_response(HTTPStatus.BAD_REQUEST, {"error": "bad request"})
        return response

    async def _route(self, request: Request) -> Response:
        if request.headers.get("host", "") != _host_port(self.host, self.port):
            return json_response(HTTPStatus.MISDIRECTED_REQUEST, {"error": "wrong host"})
        if request.method == "POST":
            return await self._post(request)
        if request.method not in ("GET", "HEAD"):
            return json_response(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "method not allowed"})
        url = urlsplit(request.target)
        parts = url.path.split("/")
        if url.path == "/":
            return self._page("join.html")
        if url.path == "/app.css":
            return Response(HTTPStatus.OK, self._files["app.css"], STATIC["app.css"])
        if url.path == "/j":
            return self._join(request, parse_qs(url.query).get("code", [""])[0])
        if len(parts) < 4 or parts[1] != "v" or not secrets.compare_digest(parts[2], self.token):
            if len(parts) >= 3 and parts[1] == "v":
                return self._page("stale.html", HTTPStatus.NOT_FOUND)
            return json_response(HTTPStatus.NOT_FOUND, {"error": "not found"})
        rest = "/".join(parts[3:])
        if rest == "":
            return self._voting_page(request)
        if rest in STATIC:
            return Response(HTTPStatus.OK, self._files[rest], STATIC[rest])
        if rest == "api/ballot":
            return self._ballot_for(request)
        return json_response(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def _page(
        self, name: str, status: int = 200, headers: dict[str, str] | None = None
    ) -> Response:
        return Response(status, self._files[name], HTML, dict(headers or {}))

    def _join(self, request: Request, code: str) -> Response:
        """The right code goes on to the voting page; a wrong one, or one over the
        limit, comes back to the join page saying what went wrong and what to do."""
        now = time.monotonic()
        if len(self._code_tries) > 1000:  # forget addresses quiet for a minute
            self._code_tries = {a: t for a, t in self._code_tries.items() if now - t[-1] < 60}
        tries = [t for t in self._code_tries.get(request.address, []) if now - t < 60]
        self._wrong_codes = [t for t in self._wrong_codes if now - t < 60]
        if len(tries) >= CODE_TRIES_PER_MINUTE or len(self._wrong_codes) >= WRONG_CODES_PER_MINUTE:
            # Over the limit even the right code is refused, or guessing would go on.
            oldest = min(tries[:1] + self._wrong_codes[:1])
            wait = max(1, math.ceil(60 - (now - oldest)))
            message = (
                "Too many wrong room codes were tried from this network in the last minute. "
                f"Please wait {_seconds(wait)}, then type the code again."
            )
            return self._join_page(
                message, code, HTTPStatus.TOO_MANY_REQUESTS, {"Retry-After": str(wait)}
            )
        if secrets.compare_digest(code.strip().upper().encode(), self.code.encode()):
            return Response(
                HTTPStatus.SEE_OTHER, b"", "text/plain", {"Location": f"/v/{self.token}/"}
            )
        tries.append(now)
        self._code_tries[request.address] = tries
        self._wrong_codes.append(now)
        message = (
            "That room code is not right. Check the 4 characters on the big screen "
            "and type them again, or scan the QR code there."
        )
        return self._join_page(message, code, HTTPStatus.FORBIDDEN)

    def _join_page(
        self, message: str, code: str, status: int, headers: dict[str, str] | None = None
    ) -> Response:
        """The join page with ``message`` announced and the code field marked wrong."""
        typed = html.escape(code.strip()[:8], quote=True)
        page = self._files["join.html"].decode()
        page = page.replace("<title>", "<title>Room code not accepted: ", 1)
        page = page.replace(
            "<!--problem-->",
            f'<p id="code-problem" class="problem" role="alert">{html.escape(message)}</p>',
            1,
        )
        page = page.replace(
            '<input id="code" name="code"',
            f'<input id="code" name="code" value="{typed}" aria-invalid="true" '
            'aria-describedby="code-problem" autofocus',
            1,
        )
        return Response(status, page.encode(), HTML, dict(headers or {}))

    def _participant(self, request: Request) -> str | None:
        """The participant named by the cookie, if the server gave out that id."""
        try:
            morsel = SimpleCookie(request.headers.get("cookie", "")).get(COOKIE)
        except CookieError:
            return None
        if morsel is None or morsel.value not in self._participants:
            return None
        return morsel.value

    def _voting_page(self, request: Request) -> Response:
        if self._participant(request) is not None:
            return self._page("vote.html")
        if len(self._participants) >= self.max_participants:
            return self._page("full.html", HTTPStatus.SERVICE_UNAVAILABLE)
        if self._joined_from[request.address] >= self._per_address:
            return self._page("crowded.html", HTTPStatus.TOO_MANY_REQUESTS)
        participant = secrets.token_urlsafe(16)
        self._participants.add(participant)
        self._joined_from[request.address] += 1
        self.joined = len(self._participants)
        cookie = f"{COOKIE}={participant}; HttpOnly; SameSite=Strict; Path=/v/{self.token}/"
        return self._page("vote.html", headers={"Set-Cookie": cookie})

    def _api_checks(self, request: Request) -> str | Response:
        """The participant making an API call, or the error to answer."""
        if request.headers.get(HEADER.lower()) != "1":
            return json_response(HTTPStatus.FORBIDDEN, {"error": f"missing {HEADER} header"})
        origin = request.headers.get("origin")
        if origin is not None and origin != self.origin:
            return json_response(HTTPStatus.FORBIDDEN, {"error": "foreign origin"})
        participant = self._participant(request)
        if participant is None:
            return json_response(HTTPStatus.UNAUTHORIZED, {"error": "open the voting page first"})
        now = time.monotonic()
        if not self._buckets.setdefault(participant, _Bucket(now)).take(now):
            return json_response(
                HTTPStatus.TOO_MANY_REQUESTS, {"error": "too many requests"}, {"Retry-After": "1"}
            )
        return participant

    def _ballot_for(self, request: Request) -> Response:
        participant = self._api_checks(request)
        if isinstance(participant, Response):
            return participant
        ballot = self._ballot
        board = self._desk.board_json(participant)
        extra = {} if board is None else {"board": board}  # a step taking notes or actions
        if ballot is None:
            return json_response(HTTPStatus.OK, {"round": None, "open": False, **extra})
        mine = self._choices.get(ballot.round_id, {}).get(participant)
        return json_response(HTTPStatus.OK, {**ballot.to_json(mine), **extra})

    async def _post(self, request: Request) -> Response:
        path = urlsplit(request.target).path
        kind = path.removeprefix(f"/v/{self.token}/api/")
        if path == kind or kind not in ("vote", *CONTRIBUTION_KINDS):
            return json_response(HTTPStatus.NOT_FOUND, {"error": "not found"})
        if request.headers.get("origin") != self.origin:
            return json_response(HTTPStatus.FORBIDDEN, {"error": "foreign or missing origin"})
        participant = self._api_checks(request)
        if isinstance(participant, Response):
            return participant
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type != "application/json":
            return json_response(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send JSON"})
        if "content-length" not in request.headers:
            return json_response(HTTPStatus.LENGTH_REQUIRED, {"error": "length required"})
        if kind != "vote":
            return await self._desk.post(
                kind, request.body, participant, request.address, self._wait
            )
        vote = _parse_vote(request.body, participant)
        if vote is None:
            return json_response(HTTPStatus.BAD_REQUEST, {"error": "malformed vote"})
        ballot = self._ballot
        outcome = ""
        if ballot is None or ballot.round_id != vote.round_id:
            outcome = "stale"
        elif not ballot.open:
            outcome = "closed"
        elif not 0 <= vote.choice < len(ballot.choices):
            outcome = "invalid"
        if outcome:
            stored = self._choices.get(vote.round_id, {}).get(participant)
            return _vote_reply(VoteReceipt(outcome, stored))
        receipt = await self._deliver(vote)
        if receipt is None:
            return json_response(
                HTTPStatus.SERVICE_UNAVAILABLE, {"status": "busy"}, {"Retry-After": "1"}
            )
        return _vote_reply(receipt)

    async def _deliver(self, vote: PhoneVote) -> VoteReceipt | None:
        """Hand ``vote`` to the app and wait for its receipt (None after the timeout).

        The receipt is recorded on this thread in the order the app resolved the
        futures, so what the ballot shows a phone is the last vote applied.
        """
        loop = asyncio.get_running_loop()
        settled: asyncio.Future[VoteReceipt] = loop.create_future()

        def record(future: Future[VoteReceipt]) -> None:  # loop thread
            try:
                receipt = future.result()
            except Exception:
                self.errors += 1
                return
            mine = self._choices.setdefault(vote.round_id, {})
            if receipt.choice is None:
                mine.pop(vote.participant, None)
            else:
                mine[vote.participant] = receipt.choice
            if not settled.done():
                settled.set_result(receipt)

        def done(future: Future[VoteReceipt]) -> None:  # the app's thread
            try:
                loop.call_soon_threadsafe(record, future)
            except RuntimeError:
                pass  # the server has stopped

        self.deliver(vote).add_done_callback(done)
        try:
            async with asyncio.timeout(DELIVERY_TIMEOUT_S):
                return await settled
        except TimeoutError:
            return None


    async def _wait(self, future: Future[Any]) -> Any:
        """The app's answer to a handed-over request (None after the timeout)."""
        try:
            # shielded: the app may still answer after the timeout, harmlessly
            return await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(future)), DELIVERY_TIMEOUT_S
            )
        except TimeoutError:
            return None


def _vote_reply(receipt: VoteReceipt) -> Response:
    status = OUTCOMES.get(receipt.outcome, HTTPStatus.UNPROCESSABLE_ENTITY)
    choice = None if receipt.choice is None else receipt.choice + 1
    return json_response(status, {"status": receipt.outcome, "yourChoice": choice})


def _parse_vote(raw: bytes, participant: str) -> PhoneVote | None:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(doc, dict):
        return None
    round_id, choice, request = doc.get("round"), doc.get("choice"), doc.get("request")
    if not (isinstance(round_id, str) and isinstance(request, str) and 0 < len(request) <= 64):
        return None
    if not (request.isascii() and request.isprintable()):  # kept in the session: plain text
        return None
    if not isinstance(choice, int) or isinstance(choice, bool):
        return None
    return PhoneVote(participant, round_id, choice - 1, request)


def _connections_for(participants_per_address: int, limits: Limits) -> int:
    """Connections one address may hold: enough for its phones' page loads."""
    return min(
        limits.connections, max(limits.connections_per_address, 3 * participants_per_address)
    )


def _open_files() -> int:
    """How many files this process may open, raised towards 4096 where it is lower."""
    try:
        import resource as rlimit  # POSIX only
    except ImportError:
        return 4096
    soft, hard = rlimit.getrlimit(rlimit.RLIMIT_NOFILE)
    want = 4096 if hard == rlimit.RLIM_INFINITY else min(hard, 4096)
    if soft != rlimit.RLIM_INFINITY and soft < want:
        try:
            rlimit.setrlimit(rlimit.RLIMIT_NOFILE, (want, hard))
            soft = want
        except (ValueError, OSError):
            pass
    return 4096 if soft == rlimit.RLIM_INFINITY else soft


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _seconds(count: int) -> str:
    return "1 second" if count == 1 else f"{count} seconds"
