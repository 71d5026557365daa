"""Notes and actions from phones, moderated in the console's inbox: the model, the
server's refusals, and the app end to end over real sockets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.actions.commands import AcceptAction
from coprod_workshop.exercises.actions.model import ActionList
from coprod_workshop.exercises.actions.report import section as actions_section
from coprod_workshop.participation.phone import LOOPBACK, PhoneVoting
from coprod_workshop.exercises.relationship.commands import AcceptNote
from coprod_workshop.exercises.relationship.model import Relationship
from coprod_workshop.exercises.relationship.report import rows as note_rows
from coprod_workshop.exercises.relationship.report import section as note_section
from coprod_workshop.voting.client import phone_request
from coprod_workshop.voting.contributions import Board, ContributionReceipt, PhoneContribution
from coprod_workshop.voting.inbox import (
    MAX_PHONE_TEXT,
    PER_PARTICIPANT,
    Collection,
    EditPending,
    OpenToPhones,
    Receive,
    SetAside,
    ShowAsTheyArrive,
    new_contribution,
)
from coprod_workshop.voting.server import VoteServer
from tests.helpers import open_on, press

# -- the model: the inbox is part of the step, and every change undoes -------------


def notes_session() -> tuple[Session, str]:
    session = Session("Phones", [Step("relationship", "Sue and Mick", 20, Relationship())])
    return session, session.steps[0].id


def test_a_received_note_waits_off_the_grid_and_accepting_it_marks_it_from_a_phone() -> None:
    session, step_id = notes_session()
    state = session.steps[0].state
    receive = Receive(step_id, new_contribution("Never calls back", 2, request_id="r1"))
    receive.redo(session)
    Receive(step_id, new_contribution("Never calls back", 2, request_id="r1")).redo(session)
    assert len(state.collection.pending) == 1  # the same request twice: taken once
    assert state.results() == []  # nothing on the grid, so nothing on the projector
    item = state.collection.pending[0]
    EditPending(step_id, item.id, text="Never ever calls back").redo(session)
    EditPending(step_id, item.id, place=4).redo(session)
    accept = AcceptNote(step_id, item.id)
    accept.redo(session)
    (result,) = state.results()
    assert result["text"] == "Never ever calls back" and result["source"] == "phone"
    assert result["persona"] == state.settings.personas[1].name  # cell 5: Mick's behaviour
    assert state.collection.status("r1") == "accepted"
    accept.undo(session)
    assert state.results() == [] and state.collection.status("r1") == "waiting"
    aside = SetAside(step_id, item.id)
    aside.redo(session)
    assert state.collection.status("r1") == "set aside" and not state.collection.pending
    aside.undo(session)
    receive.undo(session)
    assert state.collection == Collection()


def test_the_inbox_and_the_source_are_saved_with_the_step() -> None:
    session, step_id = notes_session()
    state = session.steps[0].state
    OpenToPhones(step_id, True).redo(session)
    ShowAsTheyArrive(step_id, True).redo(session)
    Receive(step_id, new_contribution("Shows up", 0, request_id="a")).redo(session)
    Receive(step_id, new_contribution("Stays", 3, request_id="b")).redo(session)
    AcceptNote(step_id, state.collection.pending[0].id).redo(session)
    again = Relationship.from_doc(json.loads(json.dumps(state.to_doc())))
    assert again == state and again.collection.pending[0].text == "Stays"
    assert again.results()[0]["source"] == "phone"
    fresh = again.without_results()
    assert fresh.collection.live and not fresh.collection.pending and not fresh.collection.open


def test_the_report_says_which_notes_and_actions_came_from_phones() -> None:
    session, step_id = notes_session()
    state = session.steps[0].state
    Receive(step_id, new_contribution("From a phone", 0, request_id="a")).redo(session)
    AcceptNote(step_id, state.collection.pending[0].id).redo(session)
    step = session.steps[0]
    text = " ".join(getattr(block, "text", "") for block in note_section(step))
    assert "1 of them sent from phones" in text
    assert [row.source for row in note_rows(step)] == ["phone"]
    actions = Session("A", [Step("actions", "Our next steps", 10, ActionList())])
    action_step = actions.steps[0]
    actions.set_state(action_step.id, action_step.state.with_action("Book the hall", "Jo"))
    Receive(action_step.id, new_contribution("Ask the council", who="Sam", request_id="x")).redo(
        actions
    )
    AcceptAction(action_step.id, action_step.state.collection.pending[0].id).redo(actions)
    results = action_step.state.results()
    assert [r["source"] for r in results] == ["facilitator", "phone"]
    assert results[1]["who"] == "Sam"
    text = " ".join(getattr(block, "text", "") for block in actions_section(action_step))
    assert "Sent from phones, read and accepted by the facilitator: action 2." in text


# -- the server: refusals a phone is told in plain words ---------------------------


class Desk:
    """Stands in for the app: files every contribution it is given."""

    def __init__(self) -> None:
        self.filed: list[PhoneContribution] = []

    def contribute(self, item: PhoneContribution) -> Future[ContributionReceipt]:
        future: Future[ContributionReceipt] = Future()
        self.filed.append(item)
        future.set_result(ContributionReceipt("received"))
        return future


PLACES = tuple(f"Cell {n}" for n in range(1, 7))


@pytest.fixture
def desk() -> Desk:
    return Desk()


@pytest.fixture
def server(desk: Desk) -> Iterator[VoteServer]:
    srv = VoteServer(
        "127.0.0.1", lambda vote: Future(), contribute=desk.contribute, participants_per_address=2
    )
    srv.publish_board(Board("s1", "r1", "note", True, "Sue and Mick", "task", PLACES, 280))
    srv.start()
    yield srv
    srv.stop()


def join(server: VoteServer, source: str = "") -> str:
    status, cookie, _ = phone_request(
        server.host, server.port, "GET", f"/v/{server.token}/", source=source
    )
    assert status == 200, status
    return cookie.split(";")[0]


def note(server: VoteServer, cookie: str, text: str, request: str, **change: Any) -> Any:
    body = {"step": "s1", "round": "r1", "request": request, "place": 2, "text": text, **change}
    status, _, data = phone_request(
        server.host, server.port, "POST", f"/v/{server.token}/api/note", cookie, body
    )
    return status, json.loads(data)


def test_a_note_is_taken_once_in_its_step_and_round_and_refused_elsewhere(
    server: VoteServer, desk: Desk
) -> None:
    cookie = join(server)
    assert note(server, cookie, "Never calls back", "q1") == (
        200,
        {"status": "received", "message": "Sent. The facilitator will read it before the "
         "room sees it."},
    )  # fmt: skip
    assert note(server, cookie, "Never calls back", "q1")[1]["status"] == "duplicate"
    assert [(i.step_id, i.round_id, i.place, i.text) for i in desk.filed] == [
        ("s1", "r1", 1, "Never calls back")
    ]
    status, answer = note(server, cookie, "Late", "q2", round="r0")
    assert status == 410 and "Your words are still here" in answer["message"]
    status, answer = note(server, cookie, "Wrong step", "q3", step="s0")
    assert status == 410
    status, answer = note(server, cookie, "Nowhere", "q4", place=7)
    assert status == 422 and "where your note goes" in answer["message"]
    assert len(desk.filed) == 1
    status, _, data = phone_request(
        server.host, server.port, "GET", f"/v/{server.token}/api/ballot", cookie
    )
    board = json.loads(data)["board"]
    assert board["sent"] == 1 and board["yours"] == [
        {"text": "Never calls back", "status": "waiting"}
    ]
    assert [p["name"] for p in board["places"]] == list(PLACES)


def test_a_long_note_is_refused_whole_with_a_plain_message_never_cut(
    server: VoteServer, desk: Desk
) -> None:
    cookie = join(server)
    status, answer = note(server, cookie, "é" * (MAX_PHONE_TEXT + 1), "long")
    assert status == 422 and answer["status"] == "too long"
    assert f"{MAX_PHONE_TEXT + 1} characters long; at most {MAX_PHONE_TEXT} fit" in (
        answer["message"]
    )
    assert desk.filed == []
    assert note(server, cookie, "é" * MAX_PHONE_TEXT, "fits")[0] == 200
    assert desk.filed[0].text == "é" * MAX_PHONE_TEXT  # whole


def test_one_phone_and_one_address_can_send_only_so_many(
    server: VoteServer, desk: Desk
) -> None:
    cookie = join(server, "127.0.0.2")
    for n in range(PER_PARTICIPANT):
        assert note(server, cookie, f"note {n}", f"n{n}")[0] == 200
    status, answer = note(server, cookie, "one more", "more")
    assert status == 429 and answer["status"] == "limit"
    assert "as many as one phone may" in answer["message"]
    # A second phone from the address may send as many; a third may not even join.
    other = join(server, "127.0.0.2")
    assert note(server, other, "mine", "o1")[0] == 200
    status, _, _ = phone_request(
        server.host, server.port, "GET", f"/v/{server.token}/", source="127.0.0.2"
    )
    assert status == 429
    assert len(desk.filed) == PER_PARTICIPANT + 1


def test_a_closed_board_refuses_and_an_action_needs_an_action_board(
    server: VoteServer, desk: Desk
) -> None:
    cookie = join(server)
    body = {"step": "s1", "round": "r1", "request": "a1", "text": "Book the hall"}
    status, _, data = phone_request(
        server.host, server.port, "POST", f"/v/{server.token}/api/action", cookie, body
    )
    assert status == 410  # the step takes notes, not actions
    server.publish_board(Board("s1", "r1", "note", False, "Sue and Mick", "task", PLACES, 280))
    status, answer = note(server, cookie, "Too late", "c1")
    assert status == 409 and answer["status"] == "closed"
    assert desk.filed == []


# -- the app: phones to the console's inbox to the projector -------------------------


def phones_session() -> Session:
    """A Sue and Mick step and an actions step, for phones to send to."""
    return Session(
        "Phones at the carers' forum",
        [
            Step("relationship", "Sue and Mick", 20, REGISTRY.get("relationship").new_state()),
            Step("actions", "Our next steps", 10, REGISTRY.get("actions").new_state()),
        ],
    )


@pytest.fixture
def windows(windows: Windows) -> Windows:
    return open_on(windows, phones_session())


def start_notes(windows: Windows) -> VoteServer:
    """Phones on (over loopback) from the step's inbox, and the step open to phones."""
    inbox = windows.console.body.step_panel.controls.inbox
    controls = inbox.phone_controls
    controls.network.setCurrentIndex(controls.network.findData(LOOPBACK))
    controls.toggle.click()
    inbox.open_button.click()
    server = PhoneVoting.of(windows.workshop).server
    assert server is not None
    return server


def in_thread(qtbot: QtBot, function: Any, *args: Any, **kwargs: Any) -> Any:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(function, *args, **kwargs)
        qtbot.waitUntil(future.done, timeout=10_000)
        return future.result()


def phone(qtbot: QtBot, server: VoteServer, method: str, path: str, cookie: str = "",
          body: Any = None) -> tuple[int, str, Any]:  # fmt: skip
    status, set_cookie, data = in_thread(
        qtbot, phone_request, server.host, server.port, method, f"/v/{server.token}/{path}",
        cookie, body,
    )  # fmt: skip
    QApplication.processEvents()  # the console's inbox redraws once per turn of the loop
    return status, set_cookie.split(";")[0], json.loads(data) if path.startswith("api") else data


def projected_text(windows: Windows) -> str:
    """Every word on the projector: labels, and the notes drawn on the grid's canvases."""
    from coprod_workshop.exercises.relationship.canvas import NotesCanvas

    QApplication.processEvents()
    view = windows.projector.frame.view
    words = [(w.text() if isinstance(w, QLabel) else "") + " " + w.accessibleName()
             for w in view.findChildren(QWidget)]  # fmt: skip
    words += [item.text for c in view.findChildren(NotesCanvas) for item in c.items]
    return " ".join(words)


def test_a_note_from_a_phone_waits_in_the_inbox_until_one_key_accepts_it(
    windows: Windows, qtbot: QtBot, data_dir: Path
) -> None:
    server = start_notes(windows)
    session = windows.workshop.session
    step = session.steps[0]
    _, cookie, _ = phone(qtbot, server, "GET", "")
    _, _, ballot = phone(qtbot, server, "GET", "api/ballot", cookie)
    board = ballot["board"]
    assert board["kind"] == "note" and board["open"] and board["step"] == step.id
    words = "<b>Never</b> calls back"
    body = {"step": step.id, "round": board["round"], "request": "n1", "place": 1,
            "text": words}  # fmt: skip
    status, _, answer = phone(qtbot, server, "POST", "api/note", cookie, body)
    assert (status, answer["status"]) == (200, "received")
    assert phone(qtbot, server, "POST", "api/note", cookie, body)[2]["status"] == "duplicate"
    assert [i.text for i in step.state.collection.pending] == [words]
    assert words not in projected_text(windows)  # nothing reaches the room unread
    inbox = windows.console.body.step_panel.controls.inbox
    assert inbox.list.count() == 1 and words in inbox.list.item(0).text()  # literally
    # Autosaved: a crash now loses nothing from the inbox.
    qtbot.waitUntil(lambda: not windows.workshop.saver.dirty, timeout=2000)
    saved = windows.workshop.store.load(session.id).steps[0].state
    assert [i.text for i in saved.collection.pending] == [words]
    # One key (Enter on the inbox list) puts it on the grid, and on the projector.
    inbox.list.setFocus()
    QTest.keyClick(inbox.list, Qt.Key.Key_Return)
    assert step.state.collection.pending == []
    (result,) = step.state.results()
    assert (result["text"], result["source"], result["row"]) == (words, "phone", "Conversations")
    assert words in projected_text(windows)
    _, _, ballot = phone(qtbot, server, "GET", "api/ballot", cookie)
    assert ballot["board"]["yours"] == [{"text": words, "status": "accepted"}]
    windows.workshop.stack.undo()
    assert step.state.results() == [] and len(step.state.collection.pending) == 1
    assert words not in projected_text(windows)


def with_keyboard(windows: Windows, qtbot: QtBot, widget: QWidget) -> None:
    """The console on screen and active, ``widget`` with the keyboard."""
    windows.console.show()
    qtbot.waitExposed(windows.console)
    windows.console.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_alt_p_takes_a_keyboard_user_from_anywhere_to_the_first_waiting_note(
    windows: Windows, qtbot: QtBot
) -> None:
    """The inbox is the Sue and Mick console's last tab: Alt+P (or a click on
    "Phones (2 waiting)") gives it the keyboard, so Enter then accepts the first
    note, with no walk through every control on the way."""
    console = windows.console.body.step_panel.controls
    inbox = console.inbox
    agenda = windows.console.body.agenda.table
    with_keyboard(windows, qtbot, agenda)
    qtbot.keyClick(agenda, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is inbox.phone_controls.toggle  # nothing yet: start
    console.tabs.setCurrentIndex(0)
    server = start_notes(windows)
    step = windows.workshop.session.steps[0]
    _, cookie, _ = phone(qtbot, server, "GET", "")
    for n, text in enumerate(("Listens well", "Comes back")):
        body = {"step": step.id, "round": step.state.collection.round_id, "request": f"k{n}",
                "place": 1, "text": text}  # fmt: skip
        phone(qtbot, server, "POST", "api/note", cookie, body)
    assert console.tabs.tabText(4) == "&Phones (2 waiting)"
    # The notes are counted in the inbox: the phones' status counts no votes.
    assert inbox.phone_controls.status.text().startswith("1 joined\nhttp://")
    agenda.setFocus()
    qtbot.waitUntil(agenda.hasFocus)
    qtbot.keyClick(agenda, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert console.tabs.currentWidget() is inbox
    assert QApplication.focusWidget() is inbox.list and inbox.list.currentRow() == 0
    qtbot.keyClick(inbox.list, Qt.Key.Key_Return)
    assert [r["text"] for r in step.state.results()] == ["Listens well"]
    assert console.tabs.tabText(4) == "&Phones (1 waiting)"
    # Walking the tabs with the arrow keys leaves the keyboard on the tabs.
    console.tabs.setCurrentIndex(3)
    console.tabs.tabBar().setFocus()
    qtbot.keyClick(console.tabs.tabBar(), Qt.Key.Key_Right)
    assert console.tabs.currentWidget() is inbox and console.tabs.tabBar().hasFocus()
    # With the Phones tab open already, Alt+P from anywhere still brings the keyboard.
    agenda.setFocus()
    qtbot.waitUntil(agenda.hasFocus)
    qtbot.keyClick(agenda, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is inbox.list)


def test_a_held_enter_or_delete_in_the_inbox_takes_one_note_not_a_stream(
    windows: Windows, qtbot: QtBot
) -> None:
    """A key held down (the keyboard repeats it 30 times a second) never waves the
    rest of the inbox onto the big screen unread, nor sets it all aside."""
    server = start_notes(windows)
    step = windows.workshop.session.steps[0]
    _, cookie, _ = phone(qtbot, server, "GET", "")
    for n, text in enumerate(("First", "Second", "Third")):
        body = {"step": step.id, "round": step.state.collection.round_id, "request": f"h{n}",
                "place": 1, "text": text}  # fmt: skip
        phone(qtbot, server, "POST", "api/note", cookie, body)
    console = windows.console.body.step_panel.controls
    inbox = console.inbox
    console.tabs.setCurrentWidget(inbox)
    inbox.list.setCurrentRow(0)
    with_keyboard(windows, qtbot, inbox.list)
    press(Qt.Key.Key_Return, "\r")
    for _ in range(10):
        press(Qt.Key.Key_Return, "\r", held=True)
    assert [r["text"] for r in step.state.results()] == ["First"]
    press(Qt.Key.Key_Delete)
    for _ in range(10):
        press(Qt.Key.Key_Delete, held=True)
    assert [i.text for i in step.state.collection.aside] == ["Second"]
    assert [i.text for i in step.state.collection.pending] == ["Third"]


def test_the_facilitator_edits_moves_or_sets_aside_before_the_room_sees(
    windows: Windows, qtbot: QtBot
) -> None:
    server = start_notes(windows)
    step = windows.workshop.session.steps[0]
    _, cookie, _ = phone(qtbot, server, "GET", "")
    round_id = step.state.collection.round_id
    for n, text in enumerate(("Rude word here", "Listens well")):
        body = {"step": step.id, "round": round_id, "request": f"r{n}", "place": 1, "text": text}
        phone(qtbot, server, "POST", "api/note", cookie, body)
    inbox = windows.console.body.step_panel.controls.inbox
    inbox.list.setCurrentRow(0)
    inbox.list.setFocus()
    QTest.keyClick(inbox.list, Qt.Key.Key_Delete)  # set aside: kept, never shown
    assert [i.text for i in step.state.collection.aside] == ["Rude word here"]
    assert inbox.aside.count() == 1
    inbox.list.setCurrentRow(0)
    QTest.keyClicks(inbox.edit, ", and comes back")  # typed, not yet saved
    inbox.place.setCurrentIndex(5)
    inbox.place.activated.emit(5)  # to Mick's attitudes
    inbox.accept_button.click()
    (result,) = step.state.results()
    assert result["text"] == "Listens well, and comes back"
    assert (result["persona"], result["row"]) == (
        step.state.settings.personas[1].name,
        "Attitudes",
    )
    assert "Rude word here" not in projected_text(windows)
    for _ in range(4):
        windows.workshop.stack.undo()
    assert [i.text for i in step.state.collection.pending] == ["Rude word here", "Listens well"]


def test_a_step_that_shows_notes_as_they_arrive_skips_the_inbox(
    windows: Windows, qtbot: QtBot
) -> None:
    server = start_notes(windows)
    step = windows.workshop.session.steps[0]
    inbox = windows.console.body.step_panel.controls.inbox
    inbox.live.click()
    assert step.state.collection.live
    _, cookie, _ = phone(qtbot, server, "GET", "")
    body = {"step": step.id, "round": step.state.collection.round_id, "request": "live",
            "place": 3, "text": "Always there"}  # fmt: skip
    status, _, answer = phone(qtbot, server, "POST", "api/note", cookie, body)
    assert (status, answer["status"]) == (200, "shown")
    assert step.state.results()[0]["text"] == "Always there"
    assert "Always there" in projected_text(windows)


def test_a_note_for_a_step_the_room_has_left_is_refused_not_misfiled(
    windows: Windows, qtbot: QtBot
) -> None:
    server = start_notes(windows)
    session = windows.workshop.session
    step = session.steps[0]
    _, cookie, _ = phone(qtbot, server, "GET", "")
    round_id = step.state.collection.round_id
    body = {"step": step.id, "round": round_id, "request": "old", "place": 1, "text": "Late"}
    windows.workshop.go_to(1)
    qtbot.waitUntil(lambda: PhoneVoting.of(windows.workshop).board is None)
    status, _, answer = phone(qtbot, server, "POST", "api/note", cookie, body)
    assert status == 410 and "moved on" in answer["message"]
    windows.workshop.go_to(0)
    inbox = windows.console.body.step_panel.controls.inbox
    inbox.open_button.click()  # stop taking notes
    inbox.open_button.click()  # and open again: a new round
    assert step.state.collection.round_id != round_id
    status, _, answer = phone(qtbot, server, "POST", "api/note", cookie, body)
    assert status == 410
    assert step.state.collection.pending == [] and step.state.results() == []


def test_actions_from_phones_go_through_the_same_inbox(windows: Windows, qtbot: QtBot) -> None:
    windows.workshop.go_to(1)
    server = start_notes(windows)
    step = windows.workshop.session.steps[1]
    _, cookie, _ = phone(qtbot, server, "GET", "")
    _, _, ballot = phone(qtbot, server, "GET", "api/ballot", cookie)
    assert ballot["board"]["kind"] == "action" and ballot["board"]["places"] == []
    body = {"step": step.id, "round": ballot["board"]["round"], "request": "a1",
            "text": "Ask the council for the hall", "who": "Sam", "when": "May"}  # fmt: skip
    status, _, answer = phone(qtbot, server, "POST", "api/action", cookie, body)
    assert (status, answer["status"]) == (200, "received")
    assert step.state.actions == ()
    assert "Ask the council" not in projected_text(windows)
    inbox = windows.console.body.step_panel.controls.inbox
    assert "Sam" in inbox.list.item(0).text() and "by May" in inbox.list.item(0).text()
    inbox.list.setFocus()
    QTest.keyClick(inbox.list, Qt.Key.Key_Return)
    (result,) = step.state.results()
    assert (result["what"], result["who"], result["when"], result["source"]) == (
        "Ask the council for the hall", "Sam", "May", "phone",
    )  # fmt: skip
    assert "Ask the council for the hall" in projected_text(windows)
    windows.workshop.stack.undo()
    assert step.state.actions == () and len(step.state.collection.pending) == 1


def test_the_documented_contribution_limits_are_the_servers() -> None:
    from coprod_workshop.exercises.actions.model import MAX_TEXT, MAX_WHEN, MAX_WHO
    from coprod_workshop.voting.inbox import PER_STEP

    doc = (Path(__file__).parent.parent / "docs" / "voting-api.md").read_text()
    for promise in (
        f"| a note's text | {MAX_PHONE_TEXT} characters |",
        f"| an action's text, who, by when | {MAX_TEXT}, {MAX_WHO}, {MAX_WHEN} characters |",
        f"| notes or actions from one phone, per step | {PER_PARTICIPANT} (feedback: 1) |",
        f"| from one address, per step | {PER_PARTICIPANT} × the phones it may join |",
        f"| from phones to one step in all | {PER_STEP} (",
    ):
        assert promise in doc, promise


def test_an_address_sends_no_more_than_its_phones_may_even_after_the_limit_is_lowered(
    server: VoteServer, desk: Desk
) -> None:
    first, second = join(server, "127.0.0.3"), join(server, "127.0.0.3")
    server.set_participants_per_address(1)  # the facilitator lowers it: the address's share too
    for n in range(PER_PARTICIPANT):
        assert note(server, first, f"note {n}", f"a{n}")[0] == 200
    status, answer = note(server, second, "from the same address", "b0")
    assert status == 429 and answer["status"] == "limit"
    assert len(desk.filed) == PER_PARTICIPANT


def test_the_projector_says_how_to_join_while_the_step_takes_notes(
    windows: Windows, qtbot: QtBot
) -> None:
    server = start_notes(windows)
    qtbot.waitUntil(lambda: f"room code {server.code}" in projected_text(windows))
    view = windows.projector.frame.view
    assert not view.join.isHidden() and not view.band.isHidden()
    assert "Send yours from your phone" in projected_text(windows)
    windows.console.body.step_panel.controls.inbox.open_button.click()  # stop taking notes
    qtbot.waitUntil(lambda: view.join.isHidden())
    assert view.band.isHidden()


def test_a_full_inbox_says_so_and_a_phone_sees_only_its_own_notes(
    windows: Windows, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coprod_workshop.participation import phonenotes

    monkeypatch.setattr(phonenotes, "PER_STEP", 1)
    server = start_notes(windows)
    step = windows.workshop.session.steps[0]
    _, mine, _ = phone(qtbot, server, "GET", "")
    _, theirs, _ = phone(qtbot, server, "GET", "")
    body = {"step": step.id, "round": step.state.collection.round_id, "request": "f1",
            "place": 1, "text": "First in"}  # fmt: skip
    assert phone(qtbot, server, "POST", "api/note", mine, body)[0] == 200
    status, _, answer = phone(
        qtbot, server, "POST", "api/note", theirs, {**body, "request": "f2", "text": "Second"}
    )
    assert status == 507 and answer["status"] == "full" and "out loud" in answer["message"]
    assert [i.text for i in step.state.collection.pending] == ["First in"]
    board = phone(qtbot, server, "GET", "api/ballot", theirs)[2]["board"]
    assert board["yours"] == [] and "First in" not in json.dumps(board)
