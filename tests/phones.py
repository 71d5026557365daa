"""A real phone browser for the phone-voting tests: Debian's headless Chromium,
driven by selenium, with axe-core (``tests/axe``, installed by ``.ci/run``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"

needs_browser = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("CI"),
    reason="needs Debian's chromium and chromium-driver (.ci/run installs them)",
)
needs_axe = pytest.mark.skipif(
    not AXE.exists() and not os.environ.get("CI"),
    reason="needs axe-core: npm ci --prefix tests/axe (.ci/run installs it)",
)


def phone_browser(  # type: ignore[no-untyped-def]
    profile: Path,
    width: int = 412,
    height: int = 915,
    *,
    javascript: bool = True,
    text_size: int = 100,
):
    """A headless Chromium the size of a phone, with its own profile folder.

    ``text_size`` is the phone's text size setting, in per cent of the default."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert CHROMIUM and CHROMEDRIVER, "install chromium and chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--window-size={width},{height}",
    ):  # fmt: skip
        options.add_argument(argument)
    options.add_argument(f"--user-data-dir={profile}")
    prefs: dict[str, int] = {"webkit.webprefs.default_font_size": 16 * text_size // 100}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # A desktop window is never narrower than 500 px: the page gets a phone's viewport.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True},
    )
    return driver


def axe_violations(driver: Any) -> list[str]:
    """What axe-core finds on the page against WCAG 2.2 A and AA, one line per node."""
    assert AXE.exists(), "install axe-core: npm ci --prefix tests/axe"
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values:"
        " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        ".then((r) => done(r.violations)).catch((e) => done([{id: 'error', help: String(e),"
        " nodes: []}]));"
    )
    return [
        f"{v['id']}: {v['help']} at {n.get('target')}" for v in result for n in v["nodes"] or [{}]
    ]


def start_phones(windows: Any, *, open_round: bool = True) -> Any:
    """Phone voting on the first step's ladder, over loopback (its first round opened)."""
    from coprod_workshop.participation.phone import LOOPBACK, PhoneVoting
    from coprod_workshop.voting.commands import OpenRound

    if open_round:
        step = windows.workshop.session.steps[0]
        windows.workshop.run(OpenRound(step.id, step.state.rounds[0].id))
    controls = windows.console.body.step_panel.controls.phone_controls
    controls.network.setCurrentIndex(controls.network.findData(LOOPBACK))
    controls.toggle.click()
    server = PhoneVoting.of(windows.workshop).server
    assert server is not None
    return server


#: how long a browser test waits for a page to change: long, for a busy machine (a test
#: that passes returns as soon as the page has changed)
BROWSER_WAIT_MS = 30_000


def waiter(qtbot: Any) -> Any:
    """``wait(condition)``: let the app and the browser run until ``condition()`` holds."""

    def wait(condition: Any) -> None:
        qtbot.waitUntil(lambda: bool(condition()), timeout=BROWSER_WAIT_MS)

    return wait
