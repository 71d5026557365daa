"""The phone pages as a participant meets them, in a real headless Chromium.

Every state a phone can be in (join, wrong code, open, voted, closed, waiting,
expired, a stale link, an address that has joined enough phones) passes
axe-core at WCAG 2.2 AA, at 412 px and at 320 px with the phone's text at
200 %, without scrolling sideways. The keyboard stays where the participant
is, the one live region says every change and is never emptied, the title
names the state, and without JavaScript the page says what it needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.ladder.commands import AddRound
from coprod_workshop.participation.phone import PhoneVoting
from coprod_workshop.voting.commands import CloseRound, OpenRound
from tests.helpers import shots_folder
from tests.phones import (
    axe_violations,
    needs_axe,
    needs_browser,
    phone_browser,
    start_phones,
    waiter,
)

pytestmark = needs_browser

# The live region's sentences, recorded as the page writes them.
LISTEN = """
window.spoken = [document.getElementById('status').textContent];
new MutationObserver(() => window.spoken.push(document.getElementById('status').textContent))
  .observe(document.getElementById('status'), {childList: true, characterData: true,
                                               subtree: true});
"""
SIDEWAYS = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path) -> Iterator[Windows]:
    built = build(data_dir)
    qtbot.addWidget(built.console)
    state = REGISTRY.get("ladder").new_state()
    session = Session(
        "Phones at the carers' forum",
        [
            Step("ladder", "Where are we on the ladder?", 15, state),
            Step("info", "Break", 10, REGISTRY.get("info").new_state()),
        ],
    )
    built.workshop.store.save(session)
    built.workshop.open(session)
    yield built
    built.console.close()


def script(driver: Any, text: str) -> Any:
    return driver.execute_script(text)


@needs_axe
@pytest.mark.parametrize(
    ("width", "text_size"), [(412, 100), (320, 200)], ids=["412px", "320px-200pc-text"]
)
def test_every_phone_page_state_passes_axe_and_never_scrolls_sideways(
    windows: Windows, qtbot: QtBot, tmp_path: Path, width: int, text_size: int
) -> None:
    from selenium.webdriver.common.by import By

    wait = waiter(qtbot)
    server = start_phones(windows)
    step = windows.workshop.session.steps[0]
    profile = windows.workshop.store.root / f"chromium-{width}"
    driver = phone_browser(profile, width, 800, text_size=text_size)
    found: dict[str, list[str]] = {}
    shots = shots_folder(tmp_path)

    def check(state: str) -> None:
        driver.save_screenshot(shots / f"phone-{state.replace(' ', '-')}-{width}px.png")
        found[state] = axe_violations(driver)
        sideways = script(driver, SIDEWAYS)
        if sideways > 0:
            found[state].append(f"scrolls sideways by {sideways} px")

    try:
        driver.get(server.join_url)
        check("join")
        driver.find_element(By.ID, "code").send_keys("ZZZZ\n")
        wait(lambda: driver.find_elements(By.ID, "code-problem"))
        check("wrong code")
        code = driver.find_element(By.ID, "code")
        code.clear()
        code.send_keys(server.code + "\n")
        wait(lambda: len(driver.find_elements(By.CSS_SELECTOR, "#choices button")) == 7)
        check("open")
        driver.find_element(By.CSS_SELECTOR, 'button[data-number="5"]').click()
        wait(lambda: "your vote is in" in driver.find_element(By.ID, "status").text)
        check("voted")
        windows.workshop.run(CloseRound(step.id, step.state.rounds[0].id))
        wait(lambda: "closed" in driver.find_element(By.ID, "status").text)
        check("closed")
        windows.workshop.go_to(1)
        wait(lambda: "Waiting" in driver.find_element(By.ID, "question").text)
        check("waiting")
        PhoneVoting.of(windows.workshop).stop()  # the laptop stops answering
        wait(lambda: "Cannot reach" in driver.find_element(By.ID, "status").text)
        check("unreachable")
        # Voting starts again with a new link: the old one has expired.
        windows.workshop.go_to(0)
        server = start_phones(windows, open_round=False)
        wait(lambda: "expired" in driver.find_element(By.ID, "question").text)
        check("expired")
        driver.get(server.origin + "/v/not-a-token/")
        check("stale link")
        # One address has joined enough phones: the next one is told so, kindly.
        PhoneVoting.of(windows.workshop).set_per_address(1)
        driver.get(server.url)
        wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#choices button"))
        driver.delete_all_cookies()
        driver.get(server.url)
        assert "joined enough phones" in driver.title
        check("crowded")
    finally:
        driver.quit()
    assert found and not any(found.values()), found


def test_the_keyboard_stays_with_the_participant_and_every_change_is_said(
    windows: Windows, qtbot: QtBot
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    wait = waiter(qtbot)
    server = start_phones(windows)
    step = windows.workshop.session.steps[0]
    driver = phone_browser(windows.workshop.store.root / "chromium")
    focused = lambda: script(  # noqa: E731
        driver, "const a = document.activeElement; return a.dataset.number || a.id || a.tagName"
    )
    status = lambda: driver.find_element(By.ID, "status").text  # noqa: E731
    try:
        driver.get(server.url)
        wait(lambda: len(driver.find_elements(By.CSS_SELECTOR, "#choices button")) == 7)
        script(driver, LISTEN)
        assert driver.title.startswith("Vote: ") and "Where" in driver.title
        assert status().startswith("Voting is open")  # (the question is read out too)
        # A vote by keyboard: focus stays on the button pressed, not the page body.
        driver.find_element(By.CSS_SELECTOR, 'button[data-number="4"]').send_keys(Keys.ENTER)
        wait(lambda: "your vote is in: 4." in status())
        assert focused() == "4"
        assert driver.find_element(
            By.CSS_SELECTOR, 'button[data-number="4"]'
        ).get_attribute("aria-pressed") == "true"
        # Changing it with the arrow of Tab: the next Tab goes on from there.
        script(driver, "document.activeElement.blur(); document.querySelector("
               "'button[data-number=\"3\"]').focus()")  # fmt: skip
        driver.switch_to.active_element.send_keys(Keys.SPACE)
        wait(lambda: "your vote is in: 3." in status())
        assert focused() == "3"
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert focused() == "2"
        # The next question opens: the keyboard starts at the question, and the
        # first Tab reaches its first answer, not the top of the page.
        windows.workshop.run(AddRound(step.id, "And in a year's time?"))
        second = step.state.rounds[-1].id
        windows.workshop.run(OpenRound(step.id, second))
        wait(lambda: driver.find_element(By.ID, "question").text == "And in a year's time?")
        assert focused() == "question"
        assert "And in a year's time?" in driver.title
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert focused() == "7"
        windows.workshop.run(CloseRound(step.id, second))
        wait(lambda: "Voting is closed" in status())
        assert driver.title.startswith("Voting closed")
        assert focused() == "question"  # the disabled buttons cannot hold it
        windows.workshop.go_to(1)
        wait(lambda: "Waiting" in status())
        assert driver.title == "Waiting for the next vote"
        PhoneVoting.of(windows.workshop).stop()
        wait(lambda: "Cannot reach" in status())
        windows.workshop.go_to(0)
        start_phones(windows, open_round=False)
        wait(lambda: "expired" in status())
        assert driver.title == "Voting link expired"
        spoken = script(driver, "return window.spoken")
    finally:
        driver.quit()
    # Every change went through the live region, which was never emptied.
    assert all(text.strip() for text in spoken), spoken
    for said in ("your vote is in: 4.", "The question: And in a year's time?",
                 "Voting is closed", "Waiting for the next vote", "expired"):  # fmt: skip
        assert any(said in text for text in spoken), (said, spoken)


def test_without_javascript_the_page_says_what_it_needs(windows: Windows) -> None:
    from selenium.webdriver.common.by import By

    server = start_phones(windows)
    driver = phone_browser(windows.workshop.store.root / "chromium", javascript=False)
    try:
        driver.get(server.url)
        text = driver.find_element(By.TAG_NAME, "body").text
    finally:
        driver.quit()
    assert "needs JavaScript" in text and "vote on the shared screen or by hand" in text
    assert "Connecting" not in text
