"""Feedback at the close: two ratings and a sentence from phones (or given by hand),
hidden until the facilitator reveals the counts, in the report as counts and sentences."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.feedback.commands import GiveFeedback
from coprod_workshop.exercises.feedback.model import Feedback, Response
from coprod_workshop.exercises.feedback.report import rows, section
from coprod_workshop.participation.phone import LOOPBACK, PhoneVoting
from coprod_workshop.voting.server import VoteServer
from tests.helpers import shots_folder
from tests.phones import axe_violations, needs_axe, needs_browser, phone_browser
from tests.test_phone_notes import phone, projected_text


def test_counts_and_sentences_are_recounted_and_saved_and_a_retry_counts_once() -> None:
    session = Session("F", [Step("feedback", "How was it?", 5, Feedback())])
    step = session.steps[0]
    give = GiveFeedback(step.id, Response("a", (4, 5), "I was heard", "phone", "r1"))
    give.redo(session)
    GiveFeedback(step.id, Response("b", (4, 5), "I was heard", "phone", "r1")).redo(session)
    GiveFeedback(step.id, Response("c", (2, 0), "", "facilitator")).redo(session)
    state = step.state
    assert state.counts(0) == (0, 1, 0, 1, 0) and state.counts(1) == (0, 0, 0, 0, 1)
    assert Feedback.from_doc(json.loads(json.dumps(state.to_doc()))) == state
    text = " ".join(getattr(b, "text", "") for b in section(step))
    assert "2 people gave feedback: 1 from their phones, 1 by hand" in text
    table = next(b for b in section(step) if hasattr(b, "rows"))
    assert table.rows[0][1:] == ("0", "1", "0", "1", "0")
    bullets = next(b for b in section(step) if hasattr(b, "items"))
    assert bullets.items == ("I was heard",)
    assert [r.source for r in rows(step)] == ["phone", "facilitator"]
    give.undo(session)
    assert [r.id for r in state.responses] == ["c"] and "r1" not in state.collection.requests


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path) -> Iterator[Windows]:
    built = build(data_dir)
    qtbot.addWidget(built.console)
    session = Session("Close", [Step("feedback", "Before you go", 5, Feedback())])
    built.workshop.store.save(session)
    built.workshop.open(session)
    yield built
    built.console.close()


def start_feedback(windows: Windows) -> VoteServer:
    controls = windows.console.body.step_panel.controls
    phones = controls.phone_controls
    phones.network.setCurrentIndex(phones.network.findData(LOOPBACK))
    phones.toggle.click()
    controls.open_button.click()
    server = PhoneVoting.of(windows.workshop).server
    assert server is not None
    return server


def test_phones_give_feedback_once_and_nobody_sees_counts_until_revealed(
    windows: Windows, qtbot: QtBot
) -> None:
    server = start_feedback(windows)
    step = windows.workshop.session.steps[0]
    _, cookie, _ = phone(qtbot, server, "GET", "")
    board = phone(qtbot, server, "GET", "api/ballot", cookie)[2]["board"]
    assert board["kind"] == "feedback" and board["perPhone"] == 1
    assert "count" not in json.dumps(board).replace("perPhone", "")
    body: dict[str, Any] = {"step": step.id, "round": board["round"], "request": "f1",
                            "ratings": [5, 4], "text": "Thank you for <listening>"}  # fmt: skip
    status, _, answer = phone(qtbot, server, "POST", "api/feedback", cookie, body)
    assert (status, answer["status"]) == (200, "received")
    again = {**body, "request": "f2", "ratings": [1, 1]}
    status, _, answer = phone(qtbot, server, "POST", "api/feedback", cookie, again)
    assert status == 429 and answer["status"] == "limit"  # one answer per phone
    _, other, _ = phone(qtbot, server, "GET", "")
    none = {**body, "request": "f3", "ratings": [0, 0]}
    status, _, answer = phone(qtbot, server, "POST", "api/feedback", other, none)
    assert status == 422 and "at least one question" in answer["message"]
    assert step.state.counts(0) == (0, 0, 0, 0, 1)
    shown = projected_text(windows)
    assert "1 person has answered" in shown and "5: 1" not in shown
    assert "listening" not in shown  # sentences go to the report, never the projector
    controls = windows.console.body.step_panel.controls
    controls.ratings[0].setValue(3)
    controls.sentence.setText("Said by hand")
    controls.add_button.click()  # someone without a phone
    controls.reveal.click()
    shown = projected_text(windows)
    assert "2 people have answered" in shown and "3: 1" in shown and "5: 1" in shown
    assert "listening" not in shown
    windows.workshop.stack.undo()
    assert "5: 1" not in projected_text(windows)


@needs_browser
@needs_axe
def test_the_feedback_page_in_a_real_browser_passes_axe(
    windows: Windows, qtbot: QtBot, tmp_path: Path
) -> None:

    server = start_feedback(windows)
    step = windows.workshop.session.steps[0]
    shots = shots_folder(tmp_path)
    found: dict[str, list[str]] = {}
    wait = lambda f: qtbot.waitUntil(lambda: bool(f()), timeout=10_000)  # noqa: E731
    for width, size in ((412, 100), (320, 200)):
        answer_in_browser(windows, server, shots, found, width, size, wait)
    assert not any(found.values()), found
    assert [r.ratings for r in step.state.responses] == [(4, 0), (4, 0)]
    assert step.state.sentences() == ["A good day", "A good day"]


def answer_in_browser(  # type: ignore[no-untyped-def]
    windows: Windows, server: VoteServer, shots: Path, found: dict[str, list[str]],
    width: int, size: int, wait,
) -> None:  # fmt: skip
    """One phone answers the feedback; each state is checked with axe-core."""
    from selenium.webdriver.common.by import By

    driver = phone_browser(
        windows.workshop.store.root / f"chromium-{width}", width, 800, text_size=size
    )

    def status() -> str:
        return driver.find_element(By.ID, "status").text  # type: ignore[no-any-return]

    def check(state: str) -> None:
        driver.save_screenshot(shots / f"phone-{state}-{width}px.png")
        found[f"{state} {width}"] = axe_violations(driver)
        if driver.execute_script("return document.documentElement.scrollWidth"
                                 " - document.documentElement.clientWidth") > 0:  # fmt: skip
            found[f"{state} {width}"].append("scrolls sideways")

    try:
        driver.get(server.url)
        wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#ratings input"))
        assert driver.title == "Your feedback: Before you go"
        check("feedback-open")
        driver.find_element(By.ID, "send-button").click()
        wait(lambda: "at least one question" in status())
        check("feedback-no-rating")
        driver.find_element(By.CSS_SELECTOR, 'label[for="rating-1-4"]').click()
        driver.find_element(By.ID, "text").send_keys("A good day")
        driver.find_element(By.ID, "send-button").click()
        wait(lambda: "your feedback is in" in status())
        check("feedback-sent")
    finally:
        driver.quit()


def test_the_evidence_page_counts_feedback_and_notes_from_phones() -> None:
    from coprod_workshop.exercises import REGISTRY
    from coprod_workshop.exercises.relationship.commands import AcceptNote
    from coprod_workshop.exercises.relationship.model import Relationship
    from coprod_workshop.reports.evidence import contributions
    from coprod_workshop.voting.inbox import Receive, new_contribution

    session = Session(
        "E",
        [
            Step("relationship", "Sue and Mick", 20, Relationship()),
            Step("feedback", "Before you go", 5, Feedback()),
        ],
    )
    notes, feedback = session.steps
    Receive(notes.id, new_contribution("From a phone", 0, request_id="a")).redo(session)
    AcceptNote(notes.id, notes.state.collection.pending[0].id).redo(session)
    GiveFeedback(feedback.id, Response("x", (4, 4), "", "phone", "r")).redo(session)
    GiveFeedback(feedback.id, Response("y", (3, 0), "", "facilitator")).redo(session)
    figures = {f.what: f.figure for f in contributions(session, REGISTRY)}
    assert figures["Notes"] == "1 (1 from phones)"
    assert figures["Feedback answers"] == "2 (1 from phones)"
