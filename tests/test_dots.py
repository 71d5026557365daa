"""Dot rounds on the Sue and Mick grid and on the actions: N dots a phone, stacked if
it likes, hands for people without a phone, nothing shown until revealed, then the
order on the projector and in the report."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.actions.report import section as actions_section
from coprod_workshop.exercises.relationship.commands import AcceptNote, AddNote, EditSettings
from coprod_workshop.participation.phone import PhoneVoting
from coprod_workshop.exercises.relationship.model import Relationship
from coprod_workshop.exercises.relationship.report import section as notes_section
from coprod_workshop.voting.dots import Dot, DotRound, OpenDots, PlaceDot, SetDotHands
from coprod_workshop.voting.inbox import EditPending, Receive, new_contribution
from coprod_workshop.voting.server import VoteServer
from tests.helpers import shots_folder
from tests.phones import axe_violations, needs_axe, needs_browser, phone_browser
from tests.test_phone_notes import phone, projected_text, start_notes


def three_note_round() -> tuple[Session, Step, DotRound, list[str]]:
    """A Sue and Mick step of three notes with a round of 3 dots a phone open on them."""
    session = Session("D", [Step("relationship", "Sue and Mick", 20, Relationship())])
    step = session.steps[0]
    for text in ("Never calls back", "Listens", "Comes back"):
        AddNote(step.id, (0, 0), text).redo(session)
    items = step.state.dot_items()
    OpenDots(step.id, items, 3).redo(session)
    held = step.state.collection.dots
    assert held is not None
    return session, step, held, [i for i, _ in items]


def test_a_round_counts_stacked_dots_caps_each_person_and_orders_the_items() -> None:
    session, step, held, ids = three_note_round()
    for n, item in enumerate((ids[1], ids[1], ids[2])):
        command = PlaceDot(step.id, held.id, "p1", item, request_id=f"r{n}")
        assert command.check(session) == ""
        command.redo(session)
    assert PlaceDot(step.id, held.id, "p1", ids[0]).check(session) == "limit"
    assert PlaceDot(step.id, held.id, "p1", ids[1], request_id="r0").check(session) == "duplicate"
    assert PlaceDot(step.id, "old", "p1", ids[0]).check(session) == "stale"
    hands = SetDotHands(step.id, ids[2], 2)
    hands.redo(session)
    assert held.order()[0] == ("Comes back (One-night-stand Sue: conversations)", 3)
    assert [count for _, count in held.order()] == [3, 2, 0]
    assert DotRound.from_doc(json.loads(json.dumps(held.to_doc())), "x") == held
    text = " ".join(getattr(b, "text", "") for b in notes_section(step))
    assert "2 by a show of hands" in text and "3 placed from phones" in text
    table = [b for b in notes_section(step) if hasattr(b, "rows")][-1]
    assert table.rows[0] == ("1", "Comes back (One-night-stand Sue: conversations)", "3")
    hands.undo(session)
    assert [count for _, count in held.order()] == [2, 1, 0]



def recount(held: DotRound) -> tuple[dict[str, dict[int, int]], list[int], int]:
    """Each participant's dots, the hands per item and the phones, from the dots alone
    (for the kept counts, with ``phones()``)."""
    mine: dict[str, dict[int, int]] = {}
    hands = [0] * len(held.items)
    for d in held.dots:
        place = held.index[d.item]
        mine.setdefault(d.participant, {})[place] = mine.get(d.participant, {}).get(place, 0) + 1
        if d.source == "hand":
            hands[place] += 1
    phones = len({d.participant for d in held.dots if d.source == "phone"})
    return mine, hands, phones


def test_what_each_phone_holds_stays_true_through_undo_redo_hands_and_a_reload() -> None:
    """The round keeps each phone's dots beside the dots (so a dot is checked at once):
    after every placing, taking off, count of hands, undo and redo, and after the round
    is read back from disk, they agree with the dots, and a phone's limit still holds."""
    session, step, held, ids = three_note_round()
    done: list[Any] = []

    def run(command: Any) -> None:
        command.redo(session)
        done.append(command)
        assert (held.by_participant(), held.hand_counts(), held.phones()) == recount(held)

    published = held.by_participant()  # what phones were shown: a copy that never changes
    for n, (who, item) in enumerate([("p1", 0), ("p1", 0), ("p2", 1), ("p1", 2), ("p2", 1)]):
        run(PlaceDot(step.id, held.id, who, ids[item], request_id=f"r{n}"))
    assert published == {}
    published = held.by_participant()
    assert published == {"p1": {0: 2, 2: 1}, "p2": {1: 2}}
    assert PlaceDot(step.id, held.id, "p1", ids[1]).check(session) == "limit"
    run(PlaceDot(step.id, held.id, "p1", ids[0], add=False, request_id="off"))
    run(SetDotHands(step.id, ids[1], 2))
    run(SetDotHands(step.id, ids[1], 1))
    assert published == {"p1": {0: 2, 2: 1}, "p2": {1: 2}}
    assert held.by_participant()["p1"] == {0: 1, 2: 1} and held.hand_counts() == [0, 1, 0]
    assert PlaceDot(step.id, held.id, "p1", ids[1]).check(session) == ""
    assert PlaceDot(step.id, held.id, "p2", ids[0], add=False).check(session) == "invalid"
    saved = DotRound.from_doc(json.loads(json.dumps(held.to_doc())), "x")
    assert saved == held and saved.mine("p1") == (1, 0, 1) and saved.phones() == 2
    assert (saved.by_participant(), saved.hand_counts(), saved.phones()) == recount(held)
    for command in reversed(done):  # everything undone, one by one
        command.undo(session)
        assert (held.by_participant(), held.hand_counts(), held.phones()) == recount(held)
    assert held.dots == [] and held.by_participant() == {} and held.placed_by("p1") == 0
    for command in done:  # and done again
        command.redo(session)
        assert (held.by_participant(), held.hand_counts(), held.phones()) == recount(held)
    assert held.placed_by("p2") == 2 and held.mine("p2") == (0, 2, 0)
    run(PlaceDot(step.id, held.id, "p2", ids[2]))
    assert PlaceDot(step.id, held.id, "p2", ids[2]).check(session) == "limit"
    reloaded = DotRound.from_doc(json.loads(json.dumps(held.to_doc())), "x")
    assert reloaded.placed_by("p2") == 3 and reloaded.hand_counts() == [0, 1, 0]
    with pytest.raises(ValueError, match="All 3"):
        reloaded.place(Dot("p2", ids[0], "phone"))


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path) -> Iterator[Windows]:
    built = build(data_dir)
    qtbot.addWidget(built.console)
    notes = REGISTRY.get("relationship").new_state()
    actions = REGISTRY.get("actions").new_state()
    actions = actions.with_action("Book the hall").with_action("Ask the council")
    session = Session(
        "Dots",
        [
            Step("relationship", "Sue and Mick", 20, notes),
            Step("actions", "Our next steps", 10, actions),
        ],
    )
    built.workshop.store.save(session)
    built.workshop.open(session)
    yield built
    built.console.close()



def test_the_inbox_rows_follow_edits_undo_and_renamed_cells_and_the_panel_counts_each_dot(
    windows: Windows,
) -> None:
    """The inbox redraws only rows that changed, and only the dot panel when a dot
    arrives: an edited or undone note, a renamed cell and every dot still show."""
    step = windows.workshop.session.steps[0]
    run, inbox = windows.workshop.run, windows.console.body.step_panel.controls.inbox

    def rows() -> list[str]:
        QApplication.processEvents()
        return [inbox.list.item(n).text() for n in range(inbox.list.count())]

    notes = [new_contribution(text, 1, request_id=f"r{n}")
             for n, text in enumerate(("Listens", "Never calls back", "Comes back"))]  # fmt: skip
    for note in notes:
        run(Receive(step.id, note))
    cell = step.state.contribution_places()[1]
    assert rows() == [f"{cell} — Listens", f"{cell} — Never calls back", f"{cell} — Comes back"]
    run(EditPending(step.id, notes[1].id, text="Never ever calls back"))
    assert rows()[1] == f"{cell} — Never ever calls back"
    windows.workshop.stack.undo()
    assert rows()[1] == f"{cell} — Never calls back"
    settings = step.state.settings
    for row in range(len(settings.rows)):
        settings = settings.with_row(row, f"Row {row}")
    run(EditSettings(step.id, settings, "Rename the rows"))
    renamed = step.state.contribution_places()[1]
    assert renamed != cell and rows()[2] == f"{renamed} — Comes back"
    run(AcceptNote(step.id, notes[0].id))
    assert rows() == [f"{renamed} — Never calls back", f"{renamed} — Comes back"]
    run(OpenDots(step.id, step.state.dot_items(), 3))
    held = step.state.collection.dots
    for n in range(2):
        run(PlaceDot(step.id, held.id, "p1", held.items[0][0], request_id=f"d{n}"))
        QApplication.processEvents()
        assert inbox.dots.status.text().startswith(f"{n + 1} dot")
    assert "(1 phones, 0 at the shared screen, 0 hands)" in inbox.dots.status.text()
    assert rows() == [f"{renamed} — Never calls back", f"{renamed} — Comes back"]


def dot(qtbot: QtBot, server: VoteServer, cookie: str, board: dict[str, Any], place: int,
        request: str, remove: bool = False) -> tuple[int, dict[str, Any]]:  # fmt: skip
    body = {"step": board["step"], "round": board["round"], "request": request,
            "place": place, "remove": remove}  # fmt: skip
    status, _, answer = phone(qtbot, server, "POST", "api/dot", cookie, body)
    return status, answer


def test_phones_and_hands_place_dots_on_the_actions_unseen_until_revealed(
    windows: Windows, qtbot: QtBot
) -> None:
    windows.workshop.go_to(1)
    server = start_notes(windows)
    step = windows.workshop.session.steps[1]
    panel = windows.console.body.step_panel.controls.inbox.dots
    panel.per_person.setValue(2)
    panel.open_button.click()
    _, cookie, _ = phone(qtbot, server, "GET", "")
    board = phone(qtbot, server, "GET", "api/ballot", cookie)[2]["board"]
    assert board["kind"] == "dot" and board["perPhone"] == 2
    assert [p["name"] for p in board["places"]] == ["Book the hall", "Ask the council"]
    assert dot(qtbot, server, cookie, board, 2, "d1")[0] == 200
    assert dot(qtbot, server, cookie, board, 2, "d1")[1]["status"] == "duplicate"
    assert dot(qtbot, server, cookie, board, 2, "d2")[0] == 200  # stacked
    status, answer = dot(qtbot, server, cookie, board, 1, "d3")
    assert status == 429 and "All 2 of your dots are placed" in answer["message"]
    assert phone(qtbot, server, "GET", "api/ballot", cookie)[2]["board"]["yourDots"] == [0, 2]
    assert dot(qtbot, server, cookie, board, 2, "d4", remove=True)[0] == 200
    assert dot(qtbot, server, cookie, board, 1, "d5")[0] == 200
    seen = phone(qtbot, server, "GET", "api/ballot", cookie)[2]["board"]
    assert seen["yourDots"] == [1, 1] and "count" not in json.dumps(seen).lower()
    panel.hands.spins[0].setValue(3)  # three hands for "Book the hall"
    shown = projected_text(windows)
    assert "Dots, most first" not in shown and "4 dots" not in shown
    panel.reveal.click()
    shown = projected_text(windows)
    assert "Dots, most first" in shown
    assert shown.index("Book the hall: 4 dots") < shown.index("Ask the council: 1 dot")
    text = " ".join(getattr(b, "text", "") for b in actions_section(step))
    assert "2 placed from phones, 3 by a show of hands" in text
    windows.workshop.stack.undo()  # hidden again
    assert "Dots, most first" not in projected_text(windows)
    voting = PhoneVoting.of(windows.workshop)
    panel.close_button.click()  # phones go back to sending actions: the dots are off show
    qtbot.waitUntil(lambda: voting.board is not None and voting.board.kind == "action")
    status, answer = dot(qtbot, server, cookie, board, 1, "d6")
    assert status == 410 and answer["status"] == "stale"
    windows.console.body.step_panel.controls.inbox.open_button.click()  # actions stop too
    qtbot.waitUntil(lambda: voting.board is not None and voting.board.kind == "dot")
    status, answer = dot(qtbot, server, cookie, board, 1, "d7")
    assert status == 409 and answer["status"] == "closed"  # the closed round is on show
    assert [count for _, count in step.state.collection.dots.order()] == [4, 1]


@needs_browser
@needs_axe
def test_a_phone_places_its_dots_in_a_real_browser_and_every_state_passes_axe(
    windows: Windows, qtbot: QtBot, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    server = start_notes(windows)
    step = windows.workshop.session.steps[0]
    for text in ("Never calls back", "Remembers your name"):
        windows.workshop.run(AddNote(step.id, (0, 0), text))
    panel = windows.console.body.step_panel.controls.inbox.dots
    panel.open_button.click()
    shots = shots_folder(tmp_path)
    found: dict[str, list[str]] = {}
    for width, size in ((412, 100), (320, 200)):
        driver = phone_browser(
            windows.workshop.store.root / f"chromium-{width}", width, 800, text_size=size
        )

        def status(d: Any = driver) -> str:
            return d.find_element(By.ID, "status").text  # type: ignore[no-any-return]

        def check(state: str, d: Any = driver, w: int = width) -> None:
            d.save_screenshot(shots / f"phone-{state}-{w}px.png")
            found[f"{state} {w}"] = axe_violations(d)
            if d.execute_script("return document.documentElement.scrollWidth"
                                " - document.documentElement.clientWidth") > 0:  # fmt: skip
                found[f"{state} {w}"].append("scrolls sideways")

        try:
            driver.get(server.url)
            qtbot.waitUntil(lambda d=driver: bool(d.find_elements(By.CSS_SELECTOR,
                            "#dot-items button")), timeout=10_000)  # fmt: skip
            assert driver.title == "Dots: Sue and Mick"
            check("dots-open")
            add = driver.find_elements(By.CSS_SELECTOR, '#dot-items button[data-remove="false"]')
            for _ in range(3):
                add[1].click()
                qtbot.wait(300)
            qtbot.waitUntil(lambda s=status: "0 left" in s(), timeout=10_000)
            assert "Remembers your name" in status()
            assert not add[0].is_enabled()  # all three placed
            check("dots-all-placed")
        finally:
            driver.quit()
    assert not any(found.values()), found
    held = step.state.collection.dots
    assert [count for _, count in held.order()] == [6, 0]


def test_the_grid_shows_the_order_under_it_only_once_revealed(windows: Windows) -> None:
    from coprod_workshop.voting.dots import SetDotsFlag

    step = windows.workshop.session.steps[0]
    for cell, text in (((0, 0), "Never calls back"), ((1, 0), "Remembers your name")):
        windows.workshop.run(AddNote(step.id, cell, text))
    panel = windows.console.body.step_panel.controls.inbox.dots
    panel.open_button.click()
    held = step.state.collection.dots
    windows.workshop.run(PlaceDot(step.id, held.id, "p", held.items[1][0]))
    assert "1 dot" not in projected_text(windows)
    windows.workshop.run(SetDotsFlag(step.id, "revealed", True))
    shown = projected_text(windows)
    assert shown.index("Remembers your name (Mr Marriage-please Mick: conversations): 1 dot") < (
        shown.index("Never calls back (One-night-stand Sue: conversations): 0 dots")
    )


def test_the_projected_order_says_how_many_more_there_are_never_leaving_them_out(
    qtbot: QtBot,
) -> None:
    from coprod_workshop.participation.dotsview import SHOWN, DotsOrder
    from coprod_workshop.voting.dots import Dot

    items = tuple((f"i{n}", f"Idea {n}") for n in range(SHOWN + 3))
    held = DotRound("r", items, 3, revealed=True)
    held.dots = [Dot(f"p{n}", f"i{n}", "phone") for n in range(SHOWN + 3) for _ in range(n % 3)]
    order = DotsOrder()
    qtbot.addWidget(order)
    assert order.update_from(held)
    texts = [line.accessibleName() for line in order.lines]
    assert len(texts) == SHOWN + 1
    rest = held.order()[SHOWN:]
    more = sum(count for _, count in rest)
    assert f"and 3 more with fewer dots ({more} dots between them)" in texts[-1]
    assert "3 more with fewer dots" in order.accessibleName()
    held.revealed = False
    assert order.update_from(held) and order.isHidden()
