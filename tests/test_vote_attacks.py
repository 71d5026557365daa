"""One hostile or broken device on the venue network must not take voting from the room.

Each test plays an attacker from one loopback address (127.0.0.1) against a
real server, while an honest phone votes from another (127.0.0.2, which Linux
routes to the same loopback interface). Counts and times are bounded.
"""

from __future__ import annotations

import json
import select
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coprod_workshop.voting.server import HEADER, Ballot, VoteServer
from coprod_workshop.voting.transport import Limits
from tests.test_vote_server import CHOICES, Desk, Phone

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="uses 127.0.0.2 and /proc (Linux)"
)

ATTACKER = "127.0.0.1"
HONEST = "127.0.0.2"


@pytest.fixture
def desk() -> Desk:
    return Desk()


def serve(desk: Desk, **kw) -> VoteServer:  # type: ignore[no-untyped-def]
    srv = VoteServer("127.0.0.1", desk.deliver, **kw)
    srv.publish(Ballot("r1", "Where are we now?", CHOICES, True, "Ladder", "Credit"))
    srv.start()
    return srv


@pytest.fixture
def server(desk: Desk) -> Iterator[VoteServer]:
    srv = serve(desk)
    yield srv
    srv.stop()


def connect(server: VoteServer, source: str = ATTACKER, timeout: float = 5.0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.bind((source, 0))
        sock.connect((server.host, server.port))
    except OSError:
        sock.close()
        raise
    return sock


def exchange(server: VoteServer, raw: bytes, source: str = ATTACKER) -> bytes:
    """Send ``raw``, half-close, read the whole answer (b"" if the server just closed)."""
    with connect(server, source) as sock:
        try:
            sock.sendall(raw)
            sock.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := sock.recv(65536):
                reply += chunk
        except ConnectionResetError:
            return b""
    return reply


def status_of(reply: bytes) -> int:
    assert reply.startswith(b"HTTP/1.1 "), reply[:80]
    return int(reply.split(b" ", 2)[1])


def head(server: VoteServer, line: str, *headers: str) -> bytes:
    fields = [f"Host: {server.host}:{server.port}", *headers]
    return (line + "\r\n" + "".join(f"{h}\r\n" for h in fields) + "\r\n").encode("latin-1")


def honest_votes(server: VoteServer, taps: int) -> list[float]:
    """An honest phone (its own address) joins and taps ``taps`` times; round trips in s."""
    phone = Phone(server, source=HONEST)
    phone.join()
    times = []
    for n in range(taps):
        started = time.perf_counter()
        response, data = phone.vote(1 + n % 7, request=f"honest-{n}")
        times.append(time.perf_counter() - started)
        assert response.status == 200, data
        assert json.loads(data) == {"status": "counted", "yourChoice": 1 + n % 7}
    return times


def rss_bytes() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096


def test_idle_connections_from_one_address_do_not_slow_an_honest_phone(
    server: VoteServer,
) -> None:
    idle = []
    try:
        for _ in range(300):
            try:
                idle.append(connect(server))
            except OSError:
                pass
        time.sleep(0.2)  # the server has accepted (and mostly closed) them
        times = honest_votes(server, 8)
        assert max(times) < 1.0, times
        assert server.refused_connections >= 300 - 16  # one address holds 16 at most
    finally:
        for sock in idle:
            sock.close()


def test_a_slowloris_never_blocks_voting_and_every_drip_is_cut_off(desk: Desk) -> None:
    server = serve(desk, limits=Limits(head_s=1.0))
    drip: list[socket.socket] = []
    cut: set[int] = set()
    stop = threading.Event()
    try:
        for _ in range(220):
            try:
                drip.append(connect(server))
            except OSError:
                pass

        def dribble() -> None:  # a byte every 0.2 s on every connection
            request = head(server, "GET / HTTP/1.1", *[f"X-Pad-{n}: x" for n in range(30)])
            for byte in request:
                for n, sock in enumerate(drip):
                    if stop.is_set():
                        return
                    if n not in cut:
                        try:
                            sock.send(bytes([byte]))
                        except OSError:
                            cut.add(n)
                time.sleep(0.2)

        worker = threading.Thread(target=dribble)
        worker.start()
        times = honest_votes(server, 6)
        assert max(times) < 1.0, times
        deadline = time.monotonic() + 5
        while len(cut) < len(drip) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(cut) == len(drip)  # every one closed, the 16 let in at the deadline
    finally:
        stop.set()
        for sock in drip:
            sock.close()
        server.stop()


def test_the_head_deadline_is_for_the_whole_head_not_each_read(desk: Desk) -> None:
    server = serve(desk, limits=Limits(head_s=1.0))
    try:
        with connect(server) as sock:
            started = time.monotonic()
            request = head(server, "GET / HTTP/1.1", *[f"X-Pad-{n}: x" for n in range(20)])
            reply = b""
            for byte in request:
                sock.send(bytes([byte]))
                readable, _, _ = select.select([sock], [], [], 0.25)
                if readable:
                    reply = sock.recv(4096)
                    break
            assert status_of(reply) == 408
            assert time.monotonic() - started < 1.5
    finally:
        server.stop()


def test_huge_headers_are_refused_and_memory_stays_bounded(server: VoteServer) -> None:
    before = rss_bytes()
    line = b"X-Big-%d: " + b"a" * 65536 + b"\r\n"
    request = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(line % n for n in range(98)) + b"\r\n"
    statuses: list[int] = []

    def send() -> None:
        with connect(server) as sock:
            try:
                sock.sendall(request)
                reply = sock.recv(4096)
            except (ConnectionResetError, BrokenPipeError):
                return
            if reply:
                statuses.append(status_of(reply))

    senders = [threading.Thread(target=send) for _ in range(64)]
    for sender in senders:
        sender.start()
    times = honest_votes(server, 4)
    for sender in senders:
        sender.join(timeout=20)
    assert set(statuses) <= {431}
    assert max(times) < 1.0, times
    assert rss_bytes() - before < 64 * 2**20
    # Too many fields is refused the same way, however short they are.
    many = head(server, "GET / HTTP/1.1", *[f"X-{n}: 1" for n in range(60)])
    assert status_of(exchange(server, many)) == 431


def test_one_address_cannot_flood_the_room_with_participants(
    server: VoteServer, desk: Desk
) -> None:
    joined = []
    for _ in range(20):  # a script opening the page without keeping cookies
        response, _ = Phone(server).request("GET", f"/v/{server.token}/")
        joined.append(response.status)
        if response.status == 200:
            assert response.getheader("Set-Cookie")
    assert joined.count(200) == 4 and set(joined[4:]) == {429}
    assert server.joined == 4
    honest_votes(server, 1)  # another address still joins
    # Raised for a room where every phone shares one address.
    server.set_participants_per_address(10)
    time.sleep(0.05)
    assert Phone(server).request("GET", f"/v/{server.token}/")[0].status == 200


def test_a_forged_participant_cookie_cannot_vote(server: VoteServer, desk: Desk) -> None:
    phone = Phone(server)
    phone.cookie = "coprod_participant=made-up-by-a-script"
    response, _ = phone.vote(3)
    assert response.status == 401
    response, _ = phone.request("GET", f"/v/{server.token}/api/ballot", headers={HEADER: "1"})
    assert response.status == 401
    assert desk.round.count == 0 and desk.delivered == 0


def test_a_post_without_an_origin_cannot_vote(server: VoteServer, desk: Desk) -> None:
    phone = Phone(server)
    phone.join()
    response, data = phone.vote(3, drop=("Origin",))
    assert response.status == 403 and b"origin" in data
    assert desk.round.count == 0


@pytest.mark.parametrize("length", ["+60", "6_0", "0x3c", "6 0", "60, 61", "-1", "1e2"])
def test_only_a_plain_content_length_is_accepted(
    server: VoteServer, desk: Desk, length: str
) -> None:
    body = b'{"round": "r1", "choice": 1, "request": "x"}'.ljust(60)
    raw = head(server, "POST / HTTP/1.1", f"Content-Length: {length}")
    assert status_of(exchange(server, raw + body)) == 400
    assert desk.delivered == 0


@pytest.mark.parametrize(
    "raw",
    [
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n",  # TLS hello
        b"GET /\xe9t\xe9 HTTP/1.1\r\nHost: h\r\n\r\n",
        b"GET http://[::1 HTTP/1.1\r\nHost: h\r\n\r\n",
        b"HELLO\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: {host}\r\nCookie: a=1\r\nCookie: a=2\r\n\r\n",
    ],
    ids=["tls", "non-ascii target", "broken url", "no version", "two cookies"],
)
def test_every_bad_request_gets_a_status_line_at_once(server: VoteServer, raw: bytes) -> None:
    started = time.monotonic()
    reply = exchange(server, raw.replace(b"{host}", f"{server.host}:{server.port}".encode()))
    assert 400 <= status_of(reply) < 500
    assert time.monotonic() - started < 1.0
    assert server.errors == 0


def test_a_connection_over_the_address_cap_is_closed_and_others_still_served(
    server: VoteServer,
) -> None:
    held = [connect(server) for _ in range(16)]
    try:
        time.sleep(0.1)
        extra = connect(server)
        extra.settimeout(2.0)
        try:
            assert extra.recv(1) == b""  # closed at once, before any request
        except ConnectionResetError:
            pass
        extra.close()
        honest_votes(server, 1)
    finally:
        for sock in held:
            sock.close()


def test_stopping_ends_open_connections(desk: Desk) -> None:
    server = serve(desk)
    idle = connect(server)
    time.sleep(0.1)
    started = time.monotonic()
    server.stop()
    idle.settimeout(2.0)
    try:
        assert idle.recv(1) == b""
    except ConnectionResetError:
        pass
    assert time.monotonic() - started < 1.0
    idle.close()


def test_guessing_the_room_code_from_many_addresses_is_capped(server: VoteServer) -> None:
    statuses = []
    for n in range(7):  # 10 wrong codes from each of 7 addresses: 70 in a minute
        phone = Phone(server, source=f"127.0.0.{10 + n}")
        statuses += [phone.request("GET", "/j?code=NOPE")[0].status for _ in range(10)]
    assert statuses[:60] == [403] * 60 and set(statuses[60:]) == {429}
