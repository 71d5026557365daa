"""One request as a phone's page sends it (``docs/voting-api.md``): the vote header, the
page's origin, the participant's cookie, a JSON body. Used by ``--phone-check`` and by
the tests and benchmarks that play phones; the app's own pages send the same in
JavaScript (``resources/phone/app.js``)."""

from __future__ import annotations

import http.client
import json
from typing import Any

#: the header every API call carries (a page of another site cannot send it)
HEADER = "X-Coprod-Vote"


def phone_request(
    host: str,
    port: int,
    method: str,
    path: str,
    cookie: str = "",
    body: Any = None,
    *,
    source: str | None = None,
    timeout: float = 10,
    origin: str | None = None,
) -> tuple[int, str, bytes]:
    """(status, the Set-Cookie header or "", the body) of one request from a phone (from
    the address ``source``, when given; ``origin``: the page's, the server's own if None)."""
    connection = http.client.HTTPConnection(
        host, port, timeout=timeout, source_address=(source, 0) if source else None
    )
    where = f"[{host}]" if ":" in host else host
    headers = {HEADER: "1", "Origin": origin or f"http://{where}:{port}"}
    if cookie:
        headers["Cookie"] = cookie
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, path, payload, headers)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    return response.status, response.getheader("Set-Cookie") or "", data
