"""Rating the six elements from phones, through the app's real server and real sockets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.elements.model import SelfAssessment
from coprod_workshop.participation.phone import LOOPBACK, PhoneVoting
from coprod_workshop.voting.server import VoteServer
from tests.phones import needs_browser, phone_browser
from tests.test_phone_voting import call, in_thread


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path):  # type: ignore[no-untyped-def]
    built = build(data_dir)
    qtbot.addWidget(built.console)
    qtbot.addWidget(built.projector)
    session = Session("Phones rate the elements", [Step("elements", "Six", 15, SelfAssessment())])
    built.workshop.store.save(session)
    built.workshop.open(session)
    yield built
    built.console.close()


def start_phones(windows: Windows) -> VoteServer:
    controls = windows.console.body.step_panel.controls
    controls.next_button.click()  # the first element opens
    phone = controls.phone_controls
    phone.network.setCurrentIndex(phone.network.findData(LOOPBACK))
    phone.toggle.click()
    server = PhoneVoting.of(windows.workshop).server
    assert server is not None
    return server


def ballot(qtbot: QtBot, server: VoteServer, cookie: str) -> dict:  # type: ignore[type-arg]
    status, _, data = in_thread(qtbot, call, server, "GET", f"/v/{server.token}/api/ballot", cookie)
    assert status == 200
    return json.loads(data)  # type: ignore[no-any-return]


def test_phones_rate_each_element_in_turn_and_the_ratings_stay_hidden(
    windows: Windows, qtbot: QtBot
) -> None:
    server = start_phones(windows)
    state = windows.workshop.session.steps[0].state
    status, cookie, _ = in_thread(qtbot, call, server, "GET", f"/v/{server.token}/")
    assert status == 200
    cookie = cookie.split(";")[0]
    seen = ballot(qtbot, server, cookie)
    assert seen["question"].startswith("Assets: ")
    assert [c["name"] for c in seen["choices"]] == [p.name for p in state.scale]
    assert seen["open"] and "nef" in seen["credit"]
    assert "tally" not in json.dumps(seen) and "count" not in json.dumps(seen)
    vote = {"round": state.rounds[0].id, "choice": 4, "request": "assets-1"}
    path = f"/v/{server.token}/api/vote"
    status, _, data = in_thread(qtbot, call, server, "POST", path, cookie, vote)
    assert status == 200 and json.loads(data)["status"] == "counted"
    assert state.rounds[0].tally() == (0, 0, 0, 1, 0)
    in_thread(qtbot, call, server, "POST", path, cookie, vote)  # a retry counts once
    assert state.rounds[0].count == 1
    assert ballot(qtbot, server, cookie)["yourChoice"] == 4
    # The facilitator moves on: phones now see the second element, with no rating yet.
    windows.console.body.step_panel.controls.next_button.click()
    seen = ballot(qtbot, server, cookie)
    assert seen["question"].startswith("Capacity: ") and seen["yourChoice"] is None
    late = {"round": state.rounds[0].id, "choice": 1, "request": "assets-late"}
    status, _, _ = in_thread(qtbot, call, server, "POST", path, cookie, late)
    assert status != 200 and state.rounds[0].tally() == (0, 0, 0, 1, 0)
    vote = {"round": state.rounds[1].id, "choice": 2, "request": "capacity-1"}
    status, _, _ = in_thread(qtbot, call, server, "POST", path, cookie, vote)
    assert status == 200 and state.rounds[1].tally() == (0, 1, 0, 0, 0)
    windows.workshop.stack.undo()  # a phone's rating is undoable like any other
    assert state.rounds[1].count == 0
    assert state.rounds[0].count == 1


@needs_browser
def test_the_phone_page_asks_for_a_rating_of_the_element_not_a_rung(
    windows: Windows, qtbot: QtBot
) -> None:
    from selenium.webdriver.common.by import By

    server = start_phones(windows)
    driver = phone_browser(windows.workshop.store.root / "chromium")
    try:
        driver.get(server.url)
        qtbot.waitUntil(lambda: bool(driver.find_elements(By.CSS_SELECTOR, "#choices button")),
                        timeout=10_000)  # fmt: skip
        help_text = driver.find_element(By.ID, "help").text
    finally:
        driver.quit()
    assert "Tap the number that fits how the group works on this element" in help_text
    assert "rung" not in help_text
