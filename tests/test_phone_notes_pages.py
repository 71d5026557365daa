"""Sending a note and an action from a real phone browser (headless Chromium), and
every state of those pages checked with axe-core at WCAG 2.2 AA, at 412 px and at
320 px with the text at 200 %, without scrolling sideways."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows
from coprod_workshop.voting.inbox import MAX_PHONE_TEXT
from tests.helpers import open_on, shots_folder
from tests.phones import axe_violations, needs_axe, needs_browser, phone_browser, waiter
from tests.test_phone_notes import phones_session, start_notes

pytestmark = needs_browser
SIDEWAYS = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
LISTEN = """
window.spoken = [document.getElementById('status').textContent];
new MutationObserver(() => window.spoken.push(document.getElementById('status').textContent))
  .observe(document.getElementById('status'), {childList: true, characterData: true,
                                               subtree: true});
"""
#: the smallest a tap target may be (WCAG 2.5.8, in CSS px)
TARGET_PX = 24


@pytest.fixture
def windows(windows: Windows) -> Windows:
    return open_on(windows, phones_session())


def small_targets(driver: Any) -> list[str]:
    """Buttons, fields and radio buttons on show smaller than the smallest tap target."""
    return driver.execute_script(  # type: ignore[no-any-return]
        "return [...document.querySelectorAll('button, input, textarea')]"
        ".filter((e) => e.offsetParent !== null)"
        f".filter((e) => {{ const r = e.getBoundingClientRect(); return r.width < {TARGET_PX}"
        f" || r.height < {TARGET_PX}; }}).map((e) => e.id || e.name || e.tagName)"
    )


@needs_axe
@pytest.mark.parametrize(
    ("width", "text_size"), [(412, 100), (320, 200)], ids=["412px", "320px-200pc-text"]
)
def test_a_note_and_an_action_sent_from_a_phone_browser_pass_axe_in_every_state(
    windows: Windows, qtbot: QtBot, tmp_path: Path, width: int, text_size: int
) -> None:
    from selenium.webdriver.common.by import By

    wait = waiter(qtbot)
    server = start_notes(windows)
    session = windows.workshop.session
    notes, actions = session.steps
    driver = phone_browser(
        windows.workshop.store.root / f"chromium-{width}", width, 800, text_size=text_size
    )
    found: dict[str, list[str]] = {}
    shots = shots_folder(tmp_path)
    status = lambda: driver.find_element(By.ID, "status").text  # noqa: E731

    def check(state: str) -> None:
        driver.save_screenshot(shots / f"phone-{state.replace(' ', '-')}-{width}px.png")
        found[state] = axe_violations(driver)
        sideways = driver.execute_script(SIDEWAYS)
        if sideways > 0:
            found[state].append(f"scrolls sideways by {sideways} px")
        found[state] += [f"{name} is under {TARGET_PX} px" for name in small_targets(driver)]

    try:
        driver.get(server.url)
        wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#places input"))
        driver.execute_script(LISTEN)
        assert driver.title == "Send a note: Sue and Mick"
        assert "Choose whose side and which row" in driver.find_element(By.ID, "help").text
        assert status().startswith("You can send notes now.")
        check("note open")
        # No place chosen: said plainly, nothing sent, the words kept.
        text = driver.find_element(By.ID, "text")
        text.send_keys("Never calls back")
        driver.find_element(By.ID, "send-button").click()
        wait(lambda: "Choose where your note goes" in status())
        check("note without a place")
        # Too long: refused whole, never cut, the words kept.
        driver.find_element(By.CSS_SELECTOR, 'label[for="place-2"]').click()
        text.clear()
        text.send_keys("x" * (MAX_PHONE_TEXT + 5))
        assert "5 characters too many" in driver.find_element(By.ID, "text-count").text
        driver.find_element(By.ID, "send-button").click()
        wait(lambda: "at most" in status())
        assert text.get_attribute("value") == "x" * (MAX_PHONE_TEXT + 5)
        assert text.get_attribute("aria-invalid") is not None
        check("note too long")
        assert notes.state.collection.pending == []
        text.clear()
        text.send_keys("<i>Never</i> calls back")
        driver.find_element(By.ID, "send-button").click()
        wait(lambda: "The facilitator will read it" in status())
        assert [i.text for i in notes.state.collection.pending] == ["<i>Never</i> calls back"]
        assert notes.state.collection.pending[0].place == 1  # Sue's behaviour
        assert text.get_attribute("value") == ""
        wait(lambda: "waiting for the facilitator" in driver.find_element(By.ID, "yours").text)
        check("note sent")
        inbox = windows.console.body.step_panel.controls.inbox
        inbox.list.setCurrentRow(0)
        inbox.accept()
        wait(lambda: "put yours on the big screen" in status())
        assert "<i>Never</i> calls back" in driver.find_element(By.ID, "yours").text  # literal
        check("note accepted")
        inbox.open_button.click()  # the facilitator stops taking notes
        wait(lambda: "not taking notes" in status())
        assert not driver.find_element(By.ID, "send-button").is_enabled()
        check("notes closed")
        # The room moves on to its next steps: the page asks for an action instead.
        windows.workshop.go_to(1)
        start_action = windows.console.body.step_panel.controls.inbox
        start_action.open_button.click()
        wait(lambda: driver.title == "Suggest an action: Our next steps")
        assert not driver.find_element(By.ID, "places-set").is_displayed()
        check("action open")
        driver.find_element(By.ID, "text").send_keys("Ask the council for the hall")
        driver.find_element(By.ID, "who").send_keys("Sam")
        driver.find_element(By.ID, "when").send_keys("May")
        driver.find_element(By.ID, "send-button").click()
        wait(lambda: "The facilitator will read it" in status())
        (item,) = actions.state.collection.pending
        assert (item.text, item.who, item.when) == ("Ask the council for the hall", "Sam", "May")
        check("action sent")
        spoken = driver.execute_script("return window.spoken")
    finally:
        driver.quit()
    assert found and not any(found.values()), found
    assert all(text.strip() for text in spoken), spoken  # the live region is never emptied
    for said in ("Choose where your note goes", "at most", "The facilitator will read it",
                 "put yours on the big screen", "not taking notes"):  # fmt: skip
        assert any(said in text for text in spoken), (said, spoken)
