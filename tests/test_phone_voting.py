"""Phone voting end to end: the app's server, real sockets, and a real browser."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coprod_workshop.voting.client import phone_request
from coprod_workshop.app import Windows, build
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.ladder.commands import (
    ClearRound,
    CloseRound,
    EditQuestion,
    OpenRound,
)
from coprod_workshop.participation.phone import LOOPBACK, PhoneVoting
from coprod_workshop.voting.server import VoteServer
from tests.phones import needs_browser, phone_browser, start_phones


def ladder_session() -> Session:
    state = REGISTRY.get("ladder").new_state()
    steps = [
        Step("ladder", "Where are we on the ladder?", 15, state),
        Step("info", "Break", 10, REGISTRY.get("info").new_state()),
    ]
    return Session("Phones at the carers' forum", steps, start_time="10:00")


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path):  # type: ignore[no-untyped-def]
    built = build(data_dir)
    qtbot.addWidget(built.console)
    session = ladder_session()
    built.workshop.store.save(session)
    built.workshop.open(session)
    yield built
    built.console.close()


def call(server: VoteServer, method: str, path: str, cookie: str = "", body: dict | None = None):  # type: ignore[no-untyped-def]
    """One request from a 'phone' (run on a worker thread while Qt keeps running)."""
    return phone_request(server.host, server.port, method, path, cookie, body)


def in_thread(qtbot: QtBot, function, *args):  # type: ignore[no-untyped-def]
    """Run a blocking phone request while the GUI thread keeps applying votes."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(function, *args)
        qtbot.waitUntil(future.done, timeout=10_000)
        return future.result()


def test_phone_votes_land_in_the_round_and_the_console_counts_them(
    windows: Windows, qtbot: QtBot
) -> None:
    server = start_phones(windows)
    token_path = f"/v/{server.token}"
    status, cookie, _ = in_thread(qtbot, call, server, "GET", f"{token_path}/")
    assert status == 200
    cookie = cookie.split(";")[0]
    step = windows.workshop.session.steps[0]
    round_id = step.state.rounds[0].id
    vote = {"round": round_id, "choice": 4, "request": "tap-1"}
    status, _, data = in_thread(qtbot, call, server, "POST", f"{token_path}/api/vote", cookie, vote)
    assert status == 200 and json.loads(data)["status"] == "counted"
    assert step.state.rounds[0].tally()[3] == 1
    # The same tap again (a retry) changes nothing; a new tap changes the vote.
    in_thread(qtbot, call, server, "POST", f"{token_path}/api/vote", cookie, vote)
    vote = {"round": round_id, "choice": 6, "request": "tap-2"}
    in_thread(qtbot, call, server, "POST", f"{token_path}/api/vote", cookie, vote)
    assert step.state.rounds[0].tally() == (0, 0, 0, 0, 0, 1, 0)
    controls = windows.console.body.step_panel.controls.phone_controls
    qtbot.waitUntil(lambda: "1 joined · 1 voted" in controls.status.text())
    # Shared-screen votes go into the same round.
    windows.projector.frame.view.vote(1)
    assert step.state.rounds[0].count == 2
    # A phone vote is undoable like any other.
    windows.workshop.stack.undo()
    windows.workshop.stack.undo()
    assert step.state.rounds[0].tally() == (0, 0, 0, 1, 0, 0, 0)


def test_the_projector_shows_how_to_join_while_phones_vote(windows: Windows, qtbot: QtBot) -> None:
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    server = start_phones(windows)
    join = windows.projector.frame.view.join
    assert join.isVisible()
    assert server.code in join.code.text() and server.join_url in join.address.text()
    assert not join.qr.pixmap().isNull()
    windows.console.body.step_panel.controls.phone_controls.toggle.click()
    assert not join.isVisible()


def test_closing_the_round_turns_phones_away(windows: Windows, qtbot: QtBot) -> None:
    server = start_phones(windows)
    status, cookie, _ = in_thread(qtbot, call, server, "GET", f"/v/{server.token}/")
    step = windows.workshop.session.steps[0]
    windows.workshop.run(CloseRound(step.id, step.state.rounds[0].id))
    vote = {"round": step.state.rounds[0].id, "choice": 2, "request": "late"}
    status, _, data = in_thread(
        qtbot, call, server, "POST", f"/v/{server.token}/api/vote", cookie.split(";")[0], vote
    )
    assert status == 409 and json.loads(data)["status"] == "closed"
    assert step.state.rounds[0].count == 0


def port_closed(port: int) -> bool:
    try:
        socket.create_connection((LOOPBACK, port), timeout=0.2).close()
    except OSError:
        return True
    return False


def test_the_port_closes_when_voting_stops_the_session_changes_or_the_app_quits(
    windows: Windows, qtbot: QtBot, data_dir: Path
) -> None:
    server = start_phones(windows)
    started = time.monotonic()
    windows.console.body.step_panel.controls.phone_controls.toggle.click()
    assert port_closed(server.port) and time.monotonic() - started < 1.0

    server = start_phones(windows)
    other = ladder_session()
    windows.workshop.store.save(other)
    windows.workshop.open(other)
    assert port_closed(server.port)

    server = start_phones(windows)
    windows.console.close()
    assert port_closed(server.port)


def test_moving_to_another_step_makes_phones_wait(windows: Windows, qtbot: QtBot) -> None:
    server = start_phones(windows)
    status, cookie, _ = in_thread(qtbot, call, server, "GET", f"/v/{server.token}/")
    windows.workshop.go_to(1)
    status, _, data = in_thread(
        qtbot, call, server, "GET", f"/v/{server.token}/api/ballot", cookie.split(";")[0]
    )
    assert json.loads(data) == {"round": None, "open": False}


@needs_browser
def test_a_real_phone_browser_joins_votes_changes_and_sees_closed(
    windows: Windows, qtbot: QtBot
) -> None:
    from selenium.webdriver.common.by import By

    server = start_phones(windows)
    step = windows.workshop.session.steps[0]
    hostile = "Where are we <img src=x onerror=alert(1)> <b>now</b>?"
    windows.workshop.run(EditQuestion(step.id, step.state.rounds[0].id, hostile))
    driver = phone_browser(windows.workshop.store.root / "chromium")
    try:
        driver.get(server.url)  # the address the QR code carries
        buttons = lambda: driver.find_elements(By.CSS_SELECTOR, "#choices button")  # noqa: E731
        qtbot.waitUntil(lambda: len(buttons()) == 7, timeout=10_000)
        status = lambda: driver.find_element(By.ID, "status").text  # noqa: E731
        driver.find_element(By.CSS_SELECTOR, 'button[data-number="4"]').click()
        qtbot.waitUntil(lambda: "your vote is in: 4. Consultation" in status(), timeout=10_000)
        driver.find_element(By.CSS_SELECTOR, 'button[data-number="6"]').click()
        qtbot.waitUntil(lambda: "your vote is in: 6. Co-design" in status(), timeout=10_000)
        pressed = driver.find_element(By.CSS_SELECTOR, 'button[aria-pressed="true"]')
        assert pressed.get_attribute("data-number") == "6"
        # The console's tally matches what the phone said.
        assert step.state.rounds[0].tally() == (0, 0, 0, 0, 0, 1, 0)
        controls = windows.console.body.step_panel.controls
        qtbot.waitUntil(lambda: "1 voted" in controls.phone_controls.status.text())
        windows.workshop.run(CloseRound(step.id, step.state.rounds[0].id))
        qtbot.waitUntil(lambda: "Voting is closed" in status(), timeout=10_000)
        assert all(not b.is_enabled() for b in buttons())
        # The question arrives as text, never as markup.
        assert driver.find_element(By.ID, "question").text == hostile
        assert not driver.find_elements(By.CSS_SELECTOR, "#question img, #question b")
        windows.console.body.step_panel.controls.phone_controls.toggle.click()
        qtbot.waitUntil(
            lambda: "expired" in driver.find_element(By.ID, "question").text or "reach" in status(),
            timeout=10_000,
        )
    finally:
        driver.quit()


def every_kind_session() -> Session:
    steps = [Step(kind.kind, kind.label, 5, kind.new_state()) for kind in REGISTRY]
    return Session("Every exercise", steps)


def test_closing_views_and_stopping_phone_voting_leave_no_listener_behind(
    windows: Windows, qtbot: QtBot
) -> None:
    session = every_kind_session()
    windows.workshop.store.save(session)
    windows.workshop.open(session)
    timer = windows.workshop.timer
    phone = PhoneVoting.of(windows.workshop)
    for index, step in enumerate(session.steps):  # every view is built once
        windows.workshop.go_to(index)
        if step.kind == "ladder":
            before = session.changed.listeners()
            assert not phone.start(session, step.id, windows.workshop.run, LOOPBACK)
            assert len(session.changed) == len(before) + 1
            phone.stop()
            assert session.changed.listeners() == before
            assert not phone.start(session, step.id, windows.workshop.run, LOOPBACK)
    timer_listeners = timer.changed.listeners()
    other = ladder_session()
    windows.workshop.store.save(other)
    windows.workshop.open(other)  # stops phone voting, closes every view of the old session
    assert session.changed.listeners() == []
    assert timer.changed.listeners() == timer_listeners
    windows.console.close()
    assert other.changed.listeners() == [] and timer.changed.listeners() == []


def test_no_vote_reaches_the_app_after_phone_voting_stops(windows: Windows, qtbot: QtBot) -> None:
    from coprod_workshop.voting.server import PhoneVote

    start_phones(windows)
    phone = PhoneVoting.of(windows.workshop)
    inbox = phone.inbox
    assert inbox is not None
    received: list[object] = []
    inbox.arrived.connect(received.append)
    deliver = phone.server.deliver  # what the server's thread calls
    step = windows.workshop.session.steps[0]
    phone.stop()
    receipt = deliver(PhoneVote("p", step.state.rounds[0].id, 2, "late")).result(timeout=1)
    assert receipt.outcome == "stale"
    qtbot.wait(50)
    assert received == [] and step.state.rounds[0].count == 0


def test_a_vote_is_filed_in_the_round_it_names_or_refused(windows: Windows, qtbot: QtBot) -> None:
    from coprod_workshop.participation.inbox import IncomingVote

    start_phones(windows)
    step = windows.workshop.session.steps[0]
    first, second = step.state.rounds[0], step.state.rounds[1]
    replies: list[object] = []
    inbox = PhoneVoting.of(windows.workshop).inbox
    inbox.deliver([IncomingVote(step.id, 2, "p1", "a", reply=replies.append, round_id=first.id)])
    windows.workshop.run(OpenRound(step.id, second.id))  # before the vote is applied
    qtbot.waitUntil(lambda: len(replies) == 1)
    assert replies[0].outcome == "stale" and replies[0].choice is None
    assert first.count == 0 and second.count == 0


def race_once(windows: Windows, qtbot: QtBot, phones: int = 8, taps: int = 6) -> list[tuple]:
    """Phones keep voting in round A; round B opens meanwhile. Returns (choice, reply) pairs."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    step = windows.workshop.session.steps[0]
    first, second = step.state.rounds[0], step.state.rounds[1]
    server = start_phones(windows)  # opens round A
    path = f"/v/{server.token}"
    cookies = [
        in_thread(qtbot, call, server, "GET", f"{path}/")[1].split(";")[0] for _ in range(phones)
    ]
    replies: list[tuple] = []
    lock = threading.Lock()

    def tap(phone: int, n: int) -> None:
        choice = 1 + (phone + n) % 7
        body = {"round": first.id, "choice": choice, "request": f"{phone}-{n}"}
        status, _, data = call(server, "POST", f"{path}/api/vote", cookies[phone], body)
        with lock:
            replies.append((choice, json.loads(data) | {"http": status}))

    with ThreadPoolExecutor(phones) as pool:
        futures = [pool.submit(tap, p, n) for n in range(taps) for p in range(phones)]
        qtbot.waitUntil(lambda: first.count >= 2, timeout=10_000)
        time.sleep(0.05)  # votes pile up on their way to the GUI while it is busy...
        windows.workshop.run(OpenRound(step.id, second.id))  # ...then round B opens
        qtbot.waitUntil(lambda: all(f.done() for f in futures), timeout=20_000)
    windows.console.body.step_panel.controls.phone_controls.toggle.click()  # stop
    return replies


def test_the_round_switch_race_never_misfiles_a_vote(windows: Windows, qtbot: QtBot) -> None:
    """Phones keep voting in round A while the facilitator opens round B, 20 times over."""
    step = windows.workshop.session.steps[0]
    first, second = step.state.rounds[0], step.state.rounds[1]
    controls = windows.console.body.step_panel.controls.phone_controls
    controls.per_address.setValue(50)  # every test phone shares 127.0.0.1
    for run in range(20):
        windows.workshop.run(ClearRound(step.id, first.id))
        windows.workshop.run(ClearRound(step.id, second.id))
        replies = race_once(windows, qtbot)
        assert second.count == 0, f"run {run}: votes for round A were filed in round B"
        for choice, reply in replies:
            assert reply["status"] in ("counted", "stale", "closed", "duplicate"), reply
            if reply["status"] == "counted":
                assert reply["yourChoice"] == choice, reply  # the reply states what is stored
        assert first.count > 0
