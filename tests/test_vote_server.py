"""The phone-voting server's protocol and defences, over real sockets on loopback."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod_workshop.voting.rounds import VoteRejected, VoteRound
from coprod_workshop.voting.server import HEADER, Ballot, PhoneVote, VoteReceipt, VoteServer

CHOICES = tuple((f"Rung {n}", f"what rung {n} means") for n in range(1, 8))


class Desk:
    """Stands in for the GUI: applies phone votes to a real round, one at a time."""

    def __init__(self) -> None:
        self.round = VoteRound("r1", "Where are we now?", 7)
        self.round.open()
        self.lock = threading.Lock()
        self.delivered = 0

    def deliver(self, vote: PhoneVote) -> Future[VoteReceipt]:
        future: Future[VoteReceipt] = Future()
        with self.lock:
            self.delivered += 1
            if vote.round_id != self.round.id:
                outcome = "stale"
            else:
                try:
                    result = self.round.cast_vote(
                        vote.participant, vote.choice, "phone", vote.request_id
                    )
                    outcome = "duplicate" if result.duplicate else "counted"
                except VoteRejected:
                    outcome = "closed"
            held = self.round.votes.get(vote.participant)
        future.set_result(VoteReceipt(outcome, held.choice if held else None))
        return future


@pytest.fixture
def desk() -> Desk:
    return Desk()


@pytest.fixture
def server(desk: Desk) -> Iterator[VoteServer]:
    srv = VoteServer("127.0.0.1", desk.deliver)
    srv.publish(Ballot("r1", "Where are we now?", CHOICES, True, "Ladder", "Credit"))
    srv.start()
    yield srv
    srv.stop()


class Phone:
    """A participant's browser, reduced to what the protocol needs."""

    def __init__(self, server: VoteServer, source: str = "") -> None:
        self.server = server
        self.source = source  # a loopback address of its own (127.0.0.x), or any
        self.cookie = ""

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        drop: tuple[str, ...] = (),
    ):  # type: ignore[no-untyped-def]
        connection = http.client.HTTPConnection(
            self.server.host,
            self.server.port,
            timeout=10,
            source_address=(self.source, 0) if self.source else None,
        )
        sent = {"Host": f"{self.server.host}:{self.server.port}"}
        if self.cookie:
            sent["Cookie"] = self.cookie
        if body is not None and not isinstance(body, bytes):
            body = json.dumps(body).encode()
            sent.update(
                {"Content-Type": "application/json", "Origin": self.server.origin, HEADER: "1"}
            )
        sent.update(headers or {})
        for name in drop:
            sent.pop(name, None)
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in sent.items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response, data

    def join(self) -> None:
        response, _ = self.request("GET", f"/v/{self.server.token}/")
        assert response.status == 200
        cookie = response.getheader("Set-Cookie")
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        self.cookie = cookie.split(";")[0]

    def ballot(self) -> dict[str, Any]:
        response, data = self.request(
            "GET", f"/v/{self.server.token}/api/ballot", headers={HEADER: "1"}
        )
        assert response.status == 200
        return json.loads(data)

    def vote(self, choice: int, request: str = "req-1", round_id: str = "r1", **kw: Any):  # type: ignore[no-untyped-def]
        body = {"round": round_id, "choice": choice, "request": request}
        return self.request("POST", f"/v/{self.server.token}/api/vote", body, **kw)


def test_a_phone_joins_votes_and_changes_its_vote(server: VoteServer, desk: Desk) -> None:
    phone = Phone(server)
    phone.join()
    ballot = phone.ballot()
    assert ballot["question"] == "Where are we now?" and len(ballot["choices"]) == 7
    assert ballot["yourChoice"] is None and "tally" not in json.dumps(ballot)
    response, data = phone.vote(4)
    assert response.status == 200 and json.loads(data) == {"status": "counted", "yourChoice": 4}
    response, data = phone.vote(6, request="req-2")
    assert json.loads(data)["yourChoice"] == 6
    assert desk.round.tally() == (0, 0, 0, 0, 0, 1, 0)
    assert phone.ballot()["yourChoice"] == 6
    assert server.joined == 1


def test_fifty_identical_submissions_at_once_count_once(server: VoteServer, desk: Desk) -> None:
    phone = Phone(server)
    phone.join()
    with ThreadPoolExecutor(max_workers=12) as pool:  # within one address's connections
        results = list(pool.map(lambda _n: phone.vote(3, request="same")[0].status, range(50)))
    assert set(results) <= {200, 429}
    assert results.count(200) >= 2  # several reached the round...
    assert desk.delivered == results.count(200)
    assert desk.round.count == 1 and desk.round.tally()[2] == 1  # ...and it counted one


def test_several_different_votes_at_once_are_each_told_what_is_stored(
    server: VoteServer, desk: Desk
) -> None:
    phone = Phone(server)
    phone.join()
    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(lambda n: (n, phone.vote(n, request=f"tab-{n}")), range(1, 8)))
    for choice, (response, data) in replies:
        assert response.status == 200 and json.loads(data) == {
            "status": "counted",
            "yourChoice": choice,
        }
    stored = desk.round.votes[phone.cookie.split("=", 1)[1]].choice
    assert phone.ballot()["yourChoice"] == stored + 1


def test_a_vote_after_the_round_closes_is_refused(server: VoteServer, desk: Desk) -> None:
    phone = Phone(server)
    phone.join()
    desk.round.close()
    server.publish(Ballot("r1", "Where are we now?", CHOICES, False))
    response, data = phone.vote(2)
    assert response.status == 409 and json.loads(data)["status"] == "closed"
    assert desk.round.count == 0 and desk.delivered == 0


def test_a_vote_for_an_old_round_is_stale(server: VoteServer, desk: Desk) -> None:
    phone = Phone(server)
    phone.join()
    response, _ = phone.vote(2, round_id="an-old-round")
    assert response.status == 410
    assert desk.round.count == 0


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"headers": {"Host": "evil.example:80"}}, 421),
        ({"headers": {"Origin": "http://evil.example"}}, 403),
        ({"headers": {HEADER: "0"}}, 403),
        ({"headers": {"Content-Type": "text/plain"}}, 415),
    ],
    ids=["wrong host", "foreign origin", "missing header", "not json"],
)
def test_cross_site_and_rebinding_requests_are_refused(
    server: VoteServer, desk: Desk, change: dict[str, Any], status: int
) -> None:
    phone = Phone(server)
    phone.join()
    response, _ = phone.vote(5, **change)
    assert response.status == status
    assert desk.round.count == 0


def test_oversized_and_malformed_bodies_are_refused(server: VoteServer, desk: Desk) -> None:
    phone = Phone(server)
    phone.join()
    path = f"/v/{server.token}/api/vote"
    headers = {"Content-Type": "application/json", "Origin": server.origin, HEADER: "1"}
    response, _ = phone.request("POST", path, b"{" + b" " * 5000 + b"}", headers)
    assert response.status == 413
    for body in (
        b"{not json",
        b"[1,2]",
        b'{"round": "r1", "choice": "4", "request": "x"}',
        b"\xff\xfe",
    ):
        response, _ = phone.request("POST", path, body, headers)
        assert response.status == 400, body
    response, _ = phone.vote(99)
    assert response.status == 422
    assert desk.round.count == 0


def test_wrong_token_unknown_route_and_no_cookie(server: VoteServer) -> None:
    phone = Phone(server)
    response, data = phone.request("GET", "/v/not-the-token/")
    assert response.status == 404 and b"expired" in data
    response, _ = phone.request("GET", "/etc/passwd")
    assert response.status == 404
    response, _ = phone.request("GET", f"/v/{server.token}/../../pyproject.toml")
    assert response.status == 404
    response, _ = phone.request("GET", f"/v/{server.token}/api/ballot", headers={HEADER: "1"})
    assert response.status == 401  # the voting page was never opened
    response, _ = phone.request("DELETE", "/")
    assert response.status == 405


def test_the_room_code_redirects_and_is_rate_limited(server: VoteServer) -> None:
    phone = Phone(server)
    response, _ = phone.request("GET", f"/j?code={server.code.lower()}")
    assert response.status == 303
    assert response.getheader("Location") == f"/v/{server.token}/"
    # A room sharing one address (a guest network) may mistype many times...
    statuses = [phone.request("GET", "/j?code=NOPE")[0].status for _ in range(29)]
    assert set(statuses) == {403}
    # ...and the right code still joins: only wrong codes count.
    assert phone.request("GET", f"/j?code={server.code}")[0].status == 303
    assert phone.request("GET", "/j?code=NOPE")[0].status == 403  # the 30th wrong code
    assert phone.request("GET", "/j?code=NOPE")[0].status == 429
    # Over the limit even the right code is refused, with the reason and the wait.
    response, page = phone.request("GET", f"/j?code={server.code}")
    assert response.status == 429
    wait = int(response.getheader("Retry-After"))
    assert 1 <= wait <= 60
    text = page.decode()
    assert 'role="alert"' in text and "Too many wrong room codes" in text
    assert f"wait {wait} second" in text and 'aria-invalid="true"' in text


def test_a_wrong_code_says_what_went_wrong_and_what_to_do(server: VoteServer) -> None:
    phone = Phone(server)
    response, page = phone.request("GET", "/j?code=%3Cb%3EX")
    assert response.status == 403
    text = page.decode()
    assert '<p id="code-problem" class="problem" role="alert">' in text
    assert "That room code is not right" in text and "big screen" in text
    assert 'aria-invalid="true" aria-describedby="code-problem" autofocus' in text
    assert 'value="&lt;b&gt;X"' in text and "<b>" not in text  # kept, never as markup
    assert "<title>Room code not accepted" in text
    response, page = phone.request("GET", "/")  # the plain join page says nothing wrong
    assert b"aria-invalid" not in page and b'role="alert"' not in page


def test_pages_are_served_with_a_strict_content_policy(server: VoteServer) -> None:
    phone = Phone(server)
    response, data = phone.request("GET", "/")
    assert response.status == 200 and b"Room code" in data
    assert "default-src 'self'" in response.getheader("Content-Security-Policy")
    for name in ("app.js", "app.css"):
        response, _ = phone.request("GET", f"/v/{server.token}/{name}")
        assert response.status == 200


def test_the_participant_cap_and_rate_limit(desk: Desk) -> None:
    srv = VoteServer("127.0.0.1", desk.deliver, max_participants=2)
    srv.publish(Ballot("r1", "Q", CHOICES, True))
    srv.start()
    try:
        phones = [Phone(srv) for _ in range(3)]
        phones[0].join()
        phones[1].join()
        response, data = phones[2].request("GET", f"/v/{srv.token}/")
        assert response.status == 503 and b"full" in data
        statuses = [
            phones[0].request("GET", f"/v/{srv.token}/api/ballot", headers={HEADER: "1"})[0].status
            for _ in range(20)
        ]
        assert 429 in statuses
    finally:
        srv.stop()


def test_stopping_closes_the_port_within_a_second(desk: Desk) -> None:
    import time

    srv = VoteServer("127.0.0.1", desk.deliver)
    srv.start()
    started = time.monotonic()
    srv.stop()
    assert time.monotonic() - started < 1.0
    with pytest.raises(OSError):
        socket.create_connection((srv.host, srv.port), timeout=0.5)


TOKEN = st.sampled_from(["TOKEN", "wrong", ""])
PATHS = st.one_of(
    st.builds(
        lambda t, rest: f"/v/{t}/{rest}",
        TOKEN,
        st.sampled_from(["", "api/vote", "api/ballot", "app.js", "x/../.."]),
    ),
    st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=60).map(
        lambda s: "/" + s
    ),
)
HEADER_NAMES = st.sampled_from(
    ["Host", "Origin", HEADER, "Content-Type", "Cookie", "X-Other", "Content-Length"]
)
HEADER_VALUES = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "HEAD", "OPTIONS", "PATCH", "BREW"]),
    path=PATHS,
    headers=st.dictionaries(HEADER_NAMES, HEADER_VALUES, max_size=4),
    body=st.one_of(
        st.none(),
        st.binary(max_size=300),
        st.builds(
            lambda c: json.dumps({"round": "r1", "choice": c, "request": "f"}).encode(),
            st.integers(-5, 12),
        ),
    ),
)
def test_fuzzed_requests_never_get_a_5xx_or_change_the_round(
    server: VoteServer,
    desk: Desk,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes | None,
) -> None:
    path = path.replace("TOKEN", server.token)
    before = desk.round.to_doc()
    raw = f"{method} {path} HTTP/1.1\r\n".encode("latin-1", "replace")
    sent = {"Host": f"{server.host}:{server.port}", **headers}
    if body is not None and "Content-Length" not in headers:
        sent["Content-Length"] = str(len(body))
    for name, value in sent.items():
        raw += f"{name}: {value}\r\n".encode("latin-1", "replace")
    raw += b"\r\n" + (body or b"")
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(raw)
        sock.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    if reply:  # a request the server could not even parse may just be closed
        status = int(reply.split(b" ", 2)[1])
        assert status < 500, reply[:200]
    # Nothing here carries a valid participant cookie, so no request may change the round.
    assert desk.round.to_doc() == before
    assert Phone(server).request("GET", "/")[0].status == 200  # still serving


def test_the_documented_limits_are_the_servers() -> None:
    from pathlib import Path

    from coprod_workshop.voting import server as limits
    from coprod_workshop.voting.transport import Limits

    doc = (Path(__file__).parent.parent / "docs" / "voting-api.md").read_text()
    defaults = Limits()
    for promise in (
        f"| {defaults.head_s:.0f} s, from the first byte",
        f"| request head | {defaults.max_head // 1024} KB |",
        f"| header fields | {defaults.max_headers} |",
        f"| body | {limits.MAX_BODY // 1024} KB |",
        f"| connections from one address | {limits.CONNECTIONS_PER_ADDRESS} (",
        f"| connections in all | {limits.MAX_CONNECTIONS} (",
        f"| new participants from one address | {limits.PARTICIPANTS_PER_ADDRESS} (",
        f"| participants in all | {limits.MAX_PARTICIPANTS} |",
        f"{limits.CODE_TRIES_PER_MINUTE} a minute per address, "
        f"{limits.WRONG_CODES_PER_MINUTE} wrong ones",
    ):
        assert promise in doc, promise
