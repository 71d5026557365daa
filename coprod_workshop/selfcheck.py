"""``coprod-workshop --phone-check``: phone voting, tried for real on this computer.

Hidden from ``--help``: it is for CI and for whoever checks a build (the
self-contained one has no Python to run the tests with). Offscreen, with no
data folder, it opens a one-step ladder session, turns phone voting on over
loopback (127.0.0.1) with the console's own controls, and then, as a phone
would, opens the voting page, reads the ballot and casts a vote over HTTP
(docs/voting-api.md). It prints what happened and the round's tally, turns
phone voting off and checks the port is closed. Exit status 0 when the vote
was counted in the round, else 1.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, cast

from coprod_workshop import APP_NAME

CHOICE = 4  # the rung the "phone" taps


def _phone(host: str, port: int, token: str, round_id: str) -> dict[str, Any]:
    """What a phone does: open the voting page (gets the cookie), its script, the ballot, vote."""
    from coprod_workshop.voting.client import phone_request

    def call(method: str, path: str, cookie: str = "", body: Any = None) -> Any:
        return phone_request(host, port, method, path, cookie, body)

    base = f"/v/{token}"
    status, cookie, page = call("GET", f"{base}/")
    script_status, _, script = call("GET", f"{base}/app.js")
    cookie = cookie.split(";")[0]
    _, _, ballot = call("GET", f"{base}/api/ballot", cookie)
    vote = {"round": round_id, "choice": CHOICE, "request": "phone-check-1"}
    vote_status, _, answer = call("POST", f"{base}/api/vote", cookie, vote)
    return {
        "page": (status, b"<html" in page.lower()),
        "script": (script_status, len(script)),
        "ballot": json.loads(ballot),
        "vote": (vote_status, json.loads(answer)),
    }


def _port_closed(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) != 0


def phone_check() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from coprod_workshop.app import build, make_application
    from coprod_workshop.core.session import Session, Step
    from coprod_workshop.exercises import REGISTRY
    from coprod_workshop.participation.phone import LOOPBACK, PhoneVoting
    from coprod_workshop.ui.display import quiet_about_size_hints
    from coprod_workshop.voting.commands import OpenRound, Poll

    def fail(text: str) -> int:
        print(f"{APP_NAME} --phone-check: {text}", file=sys.stderr)
        return 1

    make_application(sys.argv[:1])
    quiet_about_size_hints()
    windows = build(None)  # nothing is saved
    state = REGISTRY.get("ladder").new_state()
    poll = cast(Poll, state)
    step = Step("ladder", "Where are we on the ladder?", 15, state)
    session = Session("Phone voting check", [step])
    windows.workshop.open(session)
    windows.workshop.run(OpenRound(step.id, poll.rounds[0].id))
    body = windows.console.body
    if body is None:
        return fail("the console shows no step")
    controls: Any = cast(Any, body.step_panel.controls).phone_controls
    controls.network.setCurrentIndex(controls.network.findData(LOOPBACK))
    controls.toggle.click()
    server = PhoneVoting.of(windows.workshop).server
    if server is None:
        return fail("phone voting did not start on 127.0.0.1")
    host, port = server.host, server.port
    round_id = poll.rounds[0].id
    print(f"phone voting started on http://{host}:{port}/")
    with ThreadPoolExecutor(1) as pool:
        future: Future[dict[str, Any]] = pool.submit(_phone, host, port, server.token, round_id)
        deadline = time.monotonic() + 30
        while not future.done() and time.monotonic() < deadline:
            QApplication.processEvents()  # the GUI thread applies the vote
            time.sleep(0.005)
        if not future.done():
            return fail("the phone got no answer within 30 s")
        seen = future.result()
    QApplication.processEvents()
    tally = poll.rounds[0].tally()
    print(f"voting page: HTTP {seen['page'][0]}; its script: HTTP {seen['script'][0]}")
    print(
        f"ballot: {seen['ballot'].get('question')!r}, {len(seen['ballot'].get('choices', []))} "
        "choices"
    )
    print(f"vote for choice {CHOICE}: HTTP {seen['vote'][0]} {seen['vote'][1]}")
    print(f"tally: {' '.join(str(n) for n in tally)}")
    controls.toggle.click()  # phone voting off: the port closes
    closed = _port_closed(host, port)
    print("phone voting stopped, port closed" if closed else "phone voting stopped, PORT OPEN")
    windows.console.close()
    expected = tuple(1 if n == CHOICE else 0 for n in range(1, len(tally) + 1))
    if seen["page"] != (200, True) or seen["script"][0] != 200:
        return fail("the voting page or its script was not served")
    if seen["vote"][0] != 200 or seen["vote"][1].get("status") != "counted":
        return fail("the vote was not counted")
    if tally != expected:
        return fail(f"the round's tally is {tally}, not {expected}")
    if not closed:
        return fail("the port stayed open after phone voting stopped")
    return 0
