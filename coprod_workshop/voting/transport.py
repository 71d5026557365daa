"""Connections of the phone-voting server: asyncio streams, the h11 parser, hard limits.

One event loop on one thread serves every connection, so an idle or slow
connection costs a little memory, never a thread. Each connection carries one
request (every answer says ``Connection: close``) and lives under deadlines:
the whole request head must arrive within ``head_s`` (not per read: a byte
every two seconds does not keep a connection alive), the body within
``body_s``. The head is at most ``max_head`` bytes and ``max_headers``
fields; the body at most ``max_body`` bytes, with a Content-Length that h11
checks strictly (digits only; ``+60``, ``6_0`` and conflicting values are
refused). Connections are capped in total and per address; more are closed at
once. Every request the parser refuses gets a short JSON error with a status
line, or, when the deadline passes first, ``408`` and a close.

Nothing here knows about votes: :class:`VoteServer` passes a handler that
turns a :class:`Request` into a :class:`Response`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import h11

READ_CHUNK = 4096
STREAM_LIMIT = 8192  # a connection's read buffer pauses the socket beyond twice this
#: fields a request may carry once only (a second copy is a 400, not a guess)
SINGLE = frozenset({"host", "origin", "cookie", "content-type", "content-length", "x-coprod-vote"})


@dataclass(frozen=True)
class Limits:
    head_s: float = 5.0
    body_s: float = 5.0
    close_s: float = 1.0
    max_head: int = 8 * 1024
    max_headers: int = 40
    max_body: int = 2048
    connections: int = 512
    connections_per_address: int = 16


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    headers: dict[str, str]  # lower-case name -> value
    body: bytes
    address: str  # the client's address (an IPv6 client counts by its /64)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class HttpError(Exception):
    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(message or HTTPStatus(status).phrase.lower())
        self.status = status


def json_response(
    status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
) -> Response:
    return Response(status, json.dumps(payload).encode(), headers=dict(headers or {}))


def error_response(status: int, message: str = "") -> Response:
    if status >= 500:  # the parser's hints (505...) are the client's fault: never a 5xx
        status = HTTPStatus.BAD_REQUEST
    return json_response(status, {"error": message or HTTPStatus(status).phrase.lower()})


def encode(response: Response, extra: dict[str, str], head_only: bool = False) -> bytes:
    """The bytes of ``response``: status line, headers, body."""
    status = HTTPStatus(response.status)
    headers = {
        "Content-Type": response.content_type,
        "Content-Length": str(len(response.body)),
        "Connection": "close",
        **extra,
        **response.headers,
    }
    head = f"HTTP/1.1 {status.value} {status.phrase}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items()
    )
    return (head + "\r\n").encode("latin-1") + (b"" if head_only else response.body)


def address_key(host: str) -> str:
    """Who a connection counts against: its IPv4 address, or its IPv6 /64."""
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return host
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class Gate:
    """Open connections in total and per address (event-loop thread only)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.per_address = limits.connections_per_address
        self.total = 0
        self.by_address: Counter[str] = Counter()
        self.refused = 0

    def enter(self, address: str) -> bool:
        if self.total >= self.limits.connections or self.by_address[address] >= self.per_address:
            self.refused += 1
            return False
        self.total += 1
        self.by_address[address] += 1
        return True

    def leave(self, address: str) -> None:
        self.total -= 1
        self.by_address[address] -= 1
        if self.by_address[address] <= 0:
            del self.by_address[address]


Handler = Callable[[Request], Awaitable[Response]]


class Connection:
    """Serves one connection: read a request under the limits, answer, close."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        limits: Limits,
        extra_headers: dict[str, str],
    ) -> None:
        self.reader, self.writer, self.limits = reader, writer, limits
        self.extra = extra_headers
        self.parser = h11.Connection(h11.SERVER, max_incomplete_event_size=limits.max_head)

    async def serve(self, address: str, handler: Handler) -> None:
        head_only = False
        try:
            try:
                async with asyncio.timeout(self.limits.head_s):
                    event = await self._next_event()
                if isinstance(event, h11.ConnectionClosed):
                    return
                assert isinstance(event, h11.Request)
                method = event.method.decode("ascii")
                head_only = method == "HEAD"
                headers = self._headers(event)
                async with asyncio.timeout(self.limits.body_s):
                    body = await self._body(headers)
                request = Request(method, event.target.decode("ascii"), headers, body, address)
            except h11.RemoteProtocolError as err:
                response = error_response(err.error_status_hint)
            except HttpError as err:
                response = error_response(err.status, str(err))
            except TimeoutError:
                response = error_response(HTTPStatus.REQUEST_TIMEOUT)
            else:
                response = await handler(request)
            self.writer.write(encode(response, self.extra, head_only))
            await self._close()
        finally:
            self.writer.transport.abort()  # no-op once closed; drops an unread remainder

    async def _next_event(self) -> Any:
        while True:
            event = self.parser.next_event()
            if event is not h11.NEED_DATA:
                return event
            self.parser.receive_data(await self.reader.read(READ_CHUNK))

    def _headers(self, event: h11.Request) -> dict[str, str]:
        if len(event.headers) > self.limits.max_headers:
            raise HttpError(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too many headers")
        headers: dict[str, str] = {}
        for raw_name, raw_value in event.headers:
            name = raw_name.decode("ascii")  # h11 lower-cases names and checks they are tokens
            if name in headers:
                if name in SINGLE:
                    raise HttpError(HTTPStatus.BAD_REQUEST, f"{name} sent twice")
                continue
            headers[name] = raw_value.decode("latin-1")
        return headers

    async def _body(self, headers: dict[str, str]) -> bytes:
        length = headers.get("content-length")
        if length is not None and int(length) > self.limits.max_body:  # h11 checked the digits
            raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too large")
        body = bytearray()
        while True:
            event = await self._next_event()
            if isinstance(event, h11.EndOfMessage):
                return bytes(body)
            if isinstance(event, h11.Data):
                body += event.data
                if len(body) > self.limits.max_body:
                    raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too large")

    async def _close(self) -> None:
        """Flush the answer and close; a peer that will not take it is cut off."""
        try:
            async with asyncio.timeout(self.limits.close_s):
                await self.writer.drain()
                self.writer.close()
                await self.writer.wait_closed()
        except (TimeoutError, ConnectionError):
            pass
