"""The phone-voting server: participants vote from their phones on the venue network.

A small HTTP server on the facilitator's laptop, from the standard library
(``ThreadingHTTPServer``): no extra dependency, no internet, no accounts. Each
request runs on a worker thread; the model is never touched there. The app
publishes what phones may see (:class:`Ballot`) and receives votes through
``deliver``, which hands them to the GUI thread and returns a future the
handler waits on (see ``ui/phonevoting.py``).

Defences: the Host header must name the address the server is bound to (DNS
rebinding), a POST must come from the page's own origin and carry the custom
``X-Coprod-Vote`` header (cross-site posts), bodies are small JSON only,
sockets time out, connections, participants and request rates are capped,
only the routes below exist, and every failure is a plain status code: no
handler error reaches the GUI or stops the server.

Routes (``docs/voting-api.md``)::

    GET  /                          the join page (type the room code)
    GET  /j?code=ABCD               room code -> redirect to the voting page
    GET  /v/<token>/                the voting page (sets the participant cookie)
    GET  /v/<token>/app.js|app.css  its script and style
    GET  /v/<token>/api/ballot      the open round: question, choices, your vote
    POST /v/<token>/api/vote        {"round": id, "choice": n (1 = bottom), "request": id}
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from coprod_workshop.paths import resource

MAX_BODY = 2048
SOCKET_TIMEOUT_S = 5.0
DELIVERY_TIMEOUT_S = 3.0
MAX_CONNECTIONS = 64
MAX_PARTICIPANTS = 500
RATE_PER_S = 4.0
RATE_BURST = 12
CODE_TRIES_PER_MINUTE = 10
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
COOKIE = "coprod_participant"
HEADER = "X-Coprod-Vote"
STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Ballot:
    """What a phone may see of the round being voted on (never the tally)."""

    round_id: str
    question: str
    choices: tuple[tuple[str, str], ...]  # (name, short description), bottom rung first
    open: bool
    title: str = ""
    credit: str = ""

    def to_json(self, your_choice: int | None) -> dict[str, Any]:
        return {
            "round": self.round_id,
            "question": self.question,
            "title": self.title,
            "credit": self.credit,
            "open": self.open,
            "choices": [
                {"number": n + 1, "name": c[0], "hint": c[1]} for n, c in enumerate(self.choices)
            ],
            "yourChoice": None if your_choice is None else your_choice + 1,
        }


@dataclass(frozen=True)
class PhoneVote:
    """A vote as it arrives from a phone, for the GUI thread to apply.

    ``choice`` counts from 0 (the bottom rung); the API's ``choice`` counts from 1.
    """

    participant: str
    round_id: str
    choice: int
    request_id: str


#: outcomes ``deliver``'s future resolves to, and the status each gets
OUTCOMES = {
    "counted": HTTPStatus.OK,
    "duplicate": HTTPStatus.OK,
    "closed": HTTPStatus.CONFLICT,
    "stale": HTTPStatus.GONE,
    "invalid": HTTPStatus.UNPROCESSABLE_ENTITY,
}


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class _State:
    """Shared between handler threads; guarded by ``lock``."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    ballot: Ballot | None = None
    participants: set[str] = field(default_factory=set)
    choices: dict[tuple[str, str], int] = field(
        default_factory=dict
    )  # (participant, round) -> choice
    buckets: dict[str, _Bucket] = field(default_factory=dict)
    code_tries: dict[str, list[float]] = field(default_factory=dict)


class VoteServer:
    """Serves the phone page and takes votes until :meth:`stop`.

    ``deliver(vote)`` is called on a handler thread and must return a future
    that the GUI thread resolves with one of :data:`OUTCOMES`.
    """

    def __init__(
        self,
        host: str,
        deliver: Callable[[PhoneVote], Future[str]],
        *,
        port: int = 0,
        max_participants: int = MAX_PARTICIPANTS,
    ) -> None:
        self.deliver = deliver
        self.max_participants = max_participants
        self.token = secrets.token_urlsafe(16)  # 128 bits
        self.code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4))
        self.state = _State()
        self.errors = 0
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._httpd = _Server((host, port), _Handler, self)
        address = self._httpd.server_address[:2]
        self.host, self.port = str(address[0]), int(address[1])
        self.origin = f"http://{_host_port(self.host, self.port)}"
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The voting page (carries the token); the QR code encodes this."""
        return f"{self.origin}/v/{self.token}/"

    @property
    def join_url(self) -> str:
        """Where a latecomer types the room code."""
        return f"{self.origin}/"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.2},
            name="vote-server",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Close the port (well within a second) and forget every participant."""
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=1.0)

    def publish(self, ballot: Ballot | None) -> None:
        """Show phones this round (or none); called by the GUI on every change."""
        with self.state.lock:
            self.state.ballot = ballot

    @property
    def joined(self) -> int:
        with self.state.lock:
            return len(self.state.participants)

    def forget_choices(self, round_id: str) -> None:
        """A round was cleared: phones no longer show a vote in it."""
        with self.state.lock:
            for key in [k for k in self.state.choices if k[1] == round_id]:
                del self.state.choices[key]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # a room of phones arriving at once

    def __init__(self, address: tuple[str, int], handler: type, app: VoteServer) -> None:
        self.app = app
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        # More connections than the cap are closed at once rather than queued.
        if not self.app._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.app._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        self.app.errors += 1  # never printed to the console or raised into the app


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT_S
    server_version = "coprod-workshop"
    sys_version = ""

    # -- plumbing --------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:
        pass  # participants' requests are not logged

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Malformed request lines, headers and unknown methods end here: a short
        # JSON error, never an HTML page echoing the request, and never a 5xx.
        if code >= 500:
            code = HTTPStatus.METHOD_NOT_ALLOWED if code == 501 else HTTPStatus.BAD_REQUEST
        self._json(code, {"error": HTTPStatus(code).phrase.lower()})

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for name, value in {**SECURITY_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True

    def _json(
        self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        body = json.dumps(payload).encode()
        self._send(status, body, "application/json; charset=utf-8", headers)

    def _page(self, name: str, status: int = 200, headers: dict[str, str] | None = None) -> None:
        body = resource("phone", name).read_bytes()
        self._send(status, body, "text/html; charset=utf-8", headers)

    @property
    def app(self) -> VoteServer:
        return self.server.app

    # -- checks ----------------------------------------------------------------
    def _host_ok(self) -> bool:
        return self.headers.get("Host", "") == _host_port(self.app.host, self.app.port)

    def _participant(self) -> str | None:
        raw = self.headers.get("Cookie", "")
        try:
            cookie = SimpleCookie(raw)
        except CookieError:
            return None
        morsel = cookie.get(COOKIE)
        if morsel is None:
            return None
        with self.app.state.lock:
            return morsel.value if morsel.value in self.app.state.participants else None

    def _allowed(self, key: str) -> bool:
        """Token bucket per participant (or per address before joining)."""
        now = time.monotonic()
        with self.app.state.lock:
            bucket = self.app.state.buckets.setdefault(key, _Bucket(RATE_BURST, now))
            bucket.tokens = min(RATE_BURST, bucket.tokens + (now - bucket.stamp) * RATE_PER_S)
            bucket.stamp = now
            if bucket.tokens < 1:
                return False
            bucket.tokens -= 1
            return True

    # -- routes ----------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802
        try:
            self._get()
        except (OSError, ValueError):
            self.app.errors += 1

    def do_POST(self) -> None:  # noqa: N802
        try:
            self._post()
        except (OSError, ValueError):
            self.app.errors += 1

    def _get(self) -> None:
        if not self._host_ok():
            return self._json(HTTPStatus.MISDIRECTED_REQUEST, {"error": "wrong host"})
        url = urlsplit(self.path)
        parts = url.path.split("/")
        if url.path == "/":
            return self._page("join.html")
        if url.path == "/app.css":
            css = resource("phone", "app.css").read_bytes()
            return self._send(HTTPStatus.OK, css, STATIC["app.css"])
        if url.path == "/j":
            return self._join(parse_qs(url.query).get("code", [""])[0])
        if (
            len(parts) < 4
            or parts[1] != "v"
            or not secrets.compare_digest(parts[2], self.app.token)
        ):
            if len(parts) >= 3 and parts[1] == "v":
                return self._page("stale.html", HTTPStatus.NOT_FOUND)
            return self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
        rest = "/".join(parts[3:])
        if rest == "":
            return self._voting_page()
        if rest in STATIC:
            body = resource("phone", rest).read_bytes()
            return self._send(HTTPStatus.OK, body, STATIC[rest])
        if rest == "api/ballot":
            return self._ballot()
        return self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def _join(self, code: str) -> None:
        address = self.client_address[0]
        now = time.monotonic()
        with self.app.state.lock:
            tries = [t for t in self.app.state.code_tries.get(address, []) if now - t < 60]
            tries.append(now)
            self.app.state.code_tries[address] = tries
        if len(tries) > CODE_TRIES_PER_MINUTE:
            return self._page("join.html", HTTPStatus.TOO_MANY_REQUESTS)
        if secrets.compare_digest(code.strip().upper().encode(), self.app.code.encode()):
            return self._send(
                HTTPStatus.SEE_OTHER, b"", "text/plain", {"Location": f"/v/{self.app.token}/"}
            )
        return self._page("join.html", HTTPStatus.FORBIDDEN)

    def _voting_page(self) -> None:
        headers = {}
        if self._participant() is None:
            with self.app.state.lock:
                full = len(self.app.state.participants) >= self.app.max_participants
                if not full:
                    participant = secrets.token_urlsafe(16)
                    self.app.state.participants.add(participant)
            if full:
                return self._page("full.html", HTTPStatus.SERVICE_UNAVAILABLE)
            headers["Set-Cookie"] = (
                f"{COOKIE}={participant}; HttpOnly; SameSite=Strict; Path=/v/{self.app.token}/"
            )
        self._page("vote.html", headers=headers)

    def _api_checks(self) -> str | None:
        """The participant making an API call, or None after answering with an error."""
        if self.headers.get(HEADER) != "1":
            self._json(HTTPStatus.FORBIDDEN, {"error": f"missing {HEADER} header"})
            return None
        origin = self.headers.get("Origin")
        if origin is not None and origin != self.app.origin:
            self._json(HTTPStatus.FORBIDDEN, {"error": "foreign origin"})
            return None
        participant = self._participant()
        if participant is None:
            self._json(HTTPStatus.UNAUTHORIZED, {"error": "open the voting page first"})
            return None
        if not self._allowed(participant):
            self._json(
                HTTPStatus.TOO_MANY_REQUESTS, {"error": "too many requests"}, {"Retry-After": "1"}
            )
            return None
        return participant

    def _ballot(self) -> None:
        participant = self._api_checks()
        if participant is None:
            return
        with self.app.state.lock:
            ballot = self.app.state.ballot
            mine = self.app.state.choices.get((participant, ballot.round_id)) if ballot else None
        if ballot is None:
            return self._json(HTTPStatus.OK, {"round": None, "open": False})
        self._json(HTTPStatus.OK, ballot.to_json(mine))

    def _post(self) -> None:
        if not self._host_ok():
            return self._json(HTTPStatus.MISDIRECTED_REQUEST, {"error": "wrong host"})
        if urlsplit(self.path).path != f"/v/{self.app.token}/api/vote":
            return self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
        if self.headers.get("Origin") != self.app.origin:
            return self._json(HTTPStatus.FORBIDDEN, {"error": "foreign or missing origin"})
        participant = self._api_checks()
        if participant is None:
            return
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            return self._json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send JSON"})
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._json(HTTPStatus.LENGTH_REQUIRED, {"error": "length required"})
        if length < 0 or length > MAX_BODY:
            return self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "too large"})
        vote = self._parse_vote(self.rfile.read(length), participant)
        if vote is None:
            return self._json(HTTPStatus.BAD_REQUEST, {"error": "malformed vote"})
        with self.app.state.lock:
            ballot = self.app.state.ballot
        if ballot is None or ballot.round_id != vote.round_id:
            return self._json(HTTPStatus.GONE, {"status": "stale"})
        if not ballot.open:
            return self._json(HTTPStatus.CONFLICT, {"status": "closed"})
        if not 0 <= vote.choice < len(ballot.choices):
            return self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"status": "invalid"})
        try:
            outcome = self.app.deliver(vote).result(timeout=DELIVERY_TIMEOUT_S)
        except FutureTimeout:
            return self._json(
                HTTPStatus.SERVICE_UNAVAILABLE, {"status": "busy"}, {"Retry-After": "1"}
            )
        with self.app.state.lock:
            if outcome == "counted":
                self.app.state.choices[(participant, vote.round_id)] = vote.choice
            mine = self.app.state.choices.get((participant, vote.round_id))
        status = OUTCOMES.get(outcome, HTTPStatus.UNPROCESSABLE_ENTITY)
        self._json(status, {"status": outcome, "yourChoice": None if mine is None else mine + 1})

    @staticmethod
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
        if not isinstance(choice, int) or isinstance(choice, bool):
            return None
        return PhoneVote(participant, round_id, choice - 1, request)
