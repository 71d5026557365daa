"""Who took part: counts by role (an editable list) and organisations, never names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from coprod_workshop.app import Windows
from coprod_workshop.core.errors import DocumentError
from coprod_workshop.exercises.attendance.model import DEFAULT_ROLES, Attendance
from coprod_workshop.voting.inbox import OpenToPhones
from coprod_workshop.exercises.attendance.views import AttendanceControls, AttendancePresenter
from tests.helpers import shots_folder
from tests.phones import axe_violations, needs_axe, needs_browser, phone_browser
from tests.test_keyboard import open_plan


def test_counts_by_role_an_editable_list_and_organisations() -> None:
    state = Attendance()
    assert [r.role for r in state.roles] == list(DEFAULT_ROLES)
    state = state.with_count(0, 5).with_count(1, 3).with_role("Volunteers").with_count(6, 2)
    assert state.total == 10
    assert state.summary() == (
        "10 people took part: 5 people who use services, 3 carers, 2 volunteers."
    )
    with pytest.raises(ValueError, match="already listed"):
        state.with_role(" carers ")
    with pytest.raises(ValueError):
        state.with_count(0, -1)
    state = state.renamed(5, "Other people").without_role(4)
    assert "Commissioners" not in [r.role for r in state.roles]
    state = state.with_organisations("County Council; Riverside Centre, County Council,")
    assert state.organisations == ("County Council", "Riverside Centre")
    again = Attendance.from_doc(state.to_doc())
    assert again == state
    blank = again.without_results()
    assert blank.total == 0 and blank.organisations == () and len(blank.roles) == 6
    doc = state.to_doc()
    doc["roles"].append({"role": "CARERS", "count": 1})
    with pytest.raises(DocumentError, match="twice"):
        Attendance.from_doc(doc)


def test_the_facilitator_counts_with_the_keyboard_and_the_room_sees_counts(
    windows: Windows, qtbot: Any, tmp_path: Path
) -> None:
    session = open_plan(windows, qtbot, "six-months-on")
    index = next(i for i, s in enumerate(session.steps) if s.kind == "attendance")
    windows.workshop.go_to(index)
    windows.console.resize(1600, 1000)
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    windows.console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is windows.console)
    console = windows.console.body.step_panel.controls
    assert isinstance(console, AttendanceControls)
    assert [b.accessibleName() for b in console.boxes][:2] == [
        "Number of people who use services",
        "Number of carers",
    ]
    box = console.boxes[0]
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(box, "7")
    QTest.keyClick(console.boxes[1], Qt.Key.Key_Up)
    QTest.keyClick(console.boxes[1], Qt.Key.Key_Up)
    console.new_role.setFocus()
    QTest.keyClicks(console.new_role, "Volunteers")
    QTest.keyClick(console.new_role, Qt.Key.Key_Return)
    console.organisations.setFocus()
    QTest.keyClicks(console.organisations, "County Council, Riverside Centre")
    console.boxes[-1].setFocus()  # leaving the line keeps it
    state: Attendance = session.steps[index].state
    assert [(r.role, r.count) for r in state.roles if r.count] == [
        ("People who use services", 7),
        ("Carers", 2),
    ]
    assert state.roles[-1].role == "Volunteers"
    assert state.organisations == ("County Council", "Riverside Centre")
    QTest.keyClicks(console.new_role, "carers")
    QTest.keyClick(console.new_role, Qt.Key.Key_Return)
    assert "already listed" in console.problem.text()
    assert console.new_role.text() == "carers"  # nothing typed is lost
    view = windows.projector.frame.view
    assert isinstance(view, AttendancePresenter)
    QApplication.processEvents()
    shown = [l.accessibleName() for l in view.list.findChildren(QLabel)]  # type: ignore[union-attr]
    assert shown == ["People who use services", "Carers", "Organisations"]
    assert view.total.text() == "9 people took part"
    shown_labels = [l for l in view.findChildren(QLabel) if l.isVisibleTo(view)]
    assert min(l.font().pixelSize() for l in shown_labels) >= 40
    shots = shots_folder(tmp_path)
    assert windows.projector.grab().save(str(shots / "attendance-projector.png"))
    assert windows.console.grab().save(str(shots / "attendance-console.png"))
    # One undo step per edited box; undo all the way back.
    windows.workshop.stack.undo()  # organisations
    windows.workshop.stack.undo()  # the role
    assert session.steps[index].state.roles[-1].role == "Others"
    windows.workshop.stack.undo()  # carers, both presses
    assert session.steps[index].state.roles[1].count == 0


# -- roles said on phones: counted, never named -----------------------------------------
def phone_role(step_id: str, round_id: str, who: str, request: str, role: str) -> Any:
    from coprod_workshop.voting.contributions import PhoneContribution

    place = list(DEFAULT_ROLES).index(role) if role else -1
    return PhoneContribution(who, step_id, round_id, request, "role", role, place)


def test_a_phone_s_role_counts_once_a_second_answer_replaces_it_and_stale_is_refused(
    qtbot: Any,
) -> None:
    import json

    from coprod_workshop.core.commands import ReplaceState
    from coprod_workshop.core.session import Session, Step
    from coprod_workshop.participation.phonenotes import ContributionInbox
    from coprod_workshop.voting.inbox import OpenToPhones

    session = Session("W", [Step("attendance", "Who came", 5, Attendance().with_count(1, 2))])
    step = session.steps[0]
    session.go_to(0)
    inbox = ContributionInbox(session, lambda command: command.redo(session))
    OpenToPhones(step.id, True).redo(session)
    round_id = step.state.collection.round_id
    assert inbox.file(phone_role(step.id, round_id, "phone-a", "r1", "Carers")) == "received"
    assert inbox.file(phone_role(step.id, round_id, "phone-a", "r1", "Carers")) == "duplicate"
    assert step.state.roles[1].phones == 1 and step.state.total == 3
    # the same phone changes its mind: its answer moves, it never counts twice
    assert inbox.file(phone_role(step.id, round_id, "phone-a", "r2", "Staff")) == "received"
    assert inbox.file(phone_role(step.id, round_id, "phone-b", "r3", "")) == "received"
    state = step.state
    assert [(r.role, r.count, r.phones) for r in state.roles[1:3]] == [
        ("Carers", 2, 0), ("Staff", 0, 1)
    ]
    assert state.unsaid == 1 and state.total == 4 and state.from_phones == 2
    assert inbox.file(phone_role(step.id, "old-round", "phone-c", "r4", "Staff")) == "stale"
    renamed = state.renamed(2, "Workers")  # the list changed under the phone
    ReplaceState(step.id, renamed, "Rename").redo(session)
    assert inbox.file(phone_role(step.id, round_id, "phone-c", "r5", "Staff")) == "stale"
    OpenToPhones(step.id, False).redo(session)
    assert inbox.file(phone_role(step.id, round_id, "phone-c", "r6", "Carers")) == "closed"
    assert step.state.from_phones == 2
    saved = json.dumps(session.to_doc())
    assert "phone-a" not in saved and "phone-b" not in saved  # counted, never linked
    again = Attendance.from_doc(json.loads(json.dumps(step.state.to_doc())))
    assert again == step.state and again.without_results().from_phones == 0
    inbox.stop()


def test_an_undone_phone_answer_is_forgotten_so_the_next_counts_from_the_right_role(
    qtbot: Any,
) -> None:
    from coprod_workshop.core.session import Session, Step
    from coprod_workshop.participation.phonenotes import ContributionInbox
    from coprod_workshop.voting.inbox import OpenToPhones

    session = Session("W", [Step("attendance", "Who came", 5, Attendance())])
    step = session.steps[0]
    session.go_to(0)
    done: list[Any] = []

    def run(command: Any) -> None:
        command.redo(session)
        done.append(command)

    inbox = ContributionInbox(session, run)
    OpenToPhones(step.id, True).redo(session)
    round_id = step.state.collection.round_id
    assert inbox.file(phone_role(step.id, round_id, "phone-a", "r1", "Carers")) == "received"
    assert inbox.file(phone_role(step.id, round_id, "phone-b", "r2", "Staff")) == "received"
    assert inbox.file(phone_role(step.id, round_id, "phone-a", "r3", "Staff")) == "received"
    done.pop().undo(session)  # Ctrl+Z: phone A's change of mind is taken back
    phones = {r.role: r.phones for r in step.state.roles}
    assert (phones["Carers"], phones["Staff"]) == (1, 1)
    # Phone A answers again: its Carers answer moves, phone B's Staff stays counted.
    assert inbox.file(phone_role(step.id, round_id, "phone-a", "r4", "Managers")) == "received"
    phones = {r.role: r.phones for r in step.state.roles}
    assert (phones["Carers"], phones["Staff"], phones["Managers"]) == (0, 1, 1)
    assert step.state.from_phones == 2
    inbox.stop()


def test_the_report_and_the_evidence_page_say_how_many_came_from_phones() -> None:
    from coprod_workshop.core.session import Session, Step
    from coprod_workshop.exercises.attendance.report import section
    from coprod_workshop.reports.evidence import who_took_part

    state = Attendance().with_count(1, 2).with_phone_answer("Carers").with_phone_answer("")
    session = Session("W", [Step("attendance", "Who came", 5, state)])
    table = next(b for b in section(session.steps[0]) if hasattr(b, "rows"))
    assert table.header == ("Role", "People", "From phones")
    assert ("Carers", "3", "1") in table.rows and ("Total", "4", "2") in table.rows
    assert ("Would rather not say (on phones)", "1", "1") in table.rows
    figure = who_took_part(session)[0]
    assert figure.figure.startswith("4: ") and "3 carers" in figure.figure
    assert "2 of them said so on phones" in figure.figure
    plain = Attendance().with_count(1, 2)
    table = next(b for b in section(Step("attendance", "W", 5, plain)) if hasattr(b, "rows"))
    assert table.header == ("Role", "People")


@pytest.fixture
def room(qtbot: Any, data_dir: Path) -> Any:
    from coprod_workshop.app import build
    from coprod_workshop.core.session import Session, Step

    built = build(data_dir)
    qtbot.addWidget(built.console)
    state = Attendance().with_count(1, 2)
    session = Session("Who", [Step("attendance", "Who took part today", 5, state)])
    built.workshop.store.save(session)
    built.workshop.open(session)
    yield built
    built.console.close()


def start_roles(room: Windows) -> Any:
    from coprod_workshop.participation.phone import LOOPBACK, PhoneVoting

    controls = room.console.body.step_panel.controls
    phones = controls.phone_controls
    phones.network.setCurrentIndex(phones.network.findData(LOOPBACK))
    phones.toggle.click()
    controls.open_button.click()
    server = PhoneVoting.of(room.workshop).server
    assert server is not None
    return server


def test_a_phone_says_its_role_over_http_and_the_console_shows_it_beside_the_count(
    room: Windows, qtbot: Any
) -> None:
    from tests.test_phone_notes import phone

    server = start_roles(room)
    step = room.workshop.session.steps[0]
    _, cookie, _ = phone(qtbot, server, "GET", "")
    board = phone(qtbot, server, "GET", "api/ballot", cookie)[2]["board"]
    assert board["kind"] == "role" and board["task"].startswith("Which best describes you?")
    assert [p["name"] for p in board["places"]] == list(DEFAULT_ROLES)
    body = {"step": step.id, "round": board["round"], "request": "q1", "place": 2,
            "text": "Carers"}  # fmt: skip
    status, _, answer = phone(qtbot, server, "POST", "api/role", cookie, body)
    assert (status, answer["status"]) == (200, "received")
    controls = room.console.body.step_panel.controls
    qtbot.waitUntil(lambda: controls.lines[1].text() == "Carers: 3 (1 from phones)")
    assert controls.boxes[1].value() == 2  # the facilitator's own count is untouched
    stale = {**body, "request": "q2", "round": "an-old-round"}
    status, _, answer = phone(qtbot, server, "POST", "api/role", cookie, stale)
    assert (status, answer["status"]) == (410, "stale")
    assert step.state.from_phones == 1
    # The room sees how to join while phones may answer here, and not once they may not.
    join = room.projector.frame.view.join
    assert join is not None and join.isVisibleTo(room.projector.frame)
    assert server.code in join.address.text()
    room.workshop.run(OpenToPhones(step.id, False))
    qtbot.waitUntil(lambda: not join.isVisibleTo(room.projector.frame))


@needs_browser
@needs_axe
def test_the_role_page_in_a_real_browser_passes_axe(
    room: Windows, qtbot: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    server = start_roles(room)
    step = room.workshop.session.steps[0]
    shots = shots_folder(tmp_path)
    found: dict[str, list[str]] = {}
    wait = lambda f: qtbot.waitUntil(lambda: bool(f()), timeout=10_000)  # noqa: E731
    driver = phone_browser(room.workshop.store.root / "chromium-roles", 360, 800, text_size=200)

    def status() -> str:
        return driver.find_element(By.ID, "status").text  # type: ignore[no-any-return]

    def button(name: str) -> Any:
        return driver.find_element(By.CSS_SELECTOR, f'#dot-items button[data-name="{name}"]')

    def check(state: str) -> None:
        driver.save_screenshot(shots / f"phone-role-{state}.png")
        found[state] = axe_violations(driver)
        if driver.execute_script("return document.documentElement.scrollWidth"
                                 " - document.documentElement.clientWidth") > 0:  # fmt: skip
            found[state].append("scrolls sideways")

    try:
        driver.get(server.url)
        wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#dot-items button"))
        question = driver.find_element(By.ID, "question").text
        assert question == "Which best describes you? (you may skip this)"
        names = [b.text for b in driver.find_elements(By.CSS_SELECTOR, "#dot-items button")]
        assert names == [*DEFAULT_ROLES, "I'd rather not say"]
        check("open")
        button("Carers").click()
        wait(lambda: "Your answer: Carers" in status())
        wait(lambda: button("Carers").get_attribute("aria-pressed") == "true")
        check("answered")
        button("").click()  # I'd rather not say: it replaces the first answer
        wait(lambda: "Your answer: I'd rather not say" in status())
        check("changed")
    finally:
        driver.quit()
    assert not any(found.values()), found
    assert step.state.roles[1].phones == 0 and step.state.unsaid == 1
    assert step.state.total == 3
