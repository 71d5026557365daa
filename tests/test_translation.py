"""A translation (Welsh first) needs no change to the code: what the room reads on the
projector while people take part (how to join, dots at the shared screen and their
order, the thank-you, feedback) comes through Qt's translation functions.

The test makes a pseudo-translation of the whole app with Qt's own tools, as a
translator would (``pyside6-lupdate`` lists the texts, every one is "translated" into
«itself in marks», ``pyside6-lrelease`` makes the ``.qm``), has the app load it as it
loads a real one, and reads the projector: every text the app wrote must come back
marked. A text written straight into the code shows unmarked, and the test says which.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.participation.dotsview import DotsOrder
from coprod_workshop.participation.joinstrip import JoinStrip
from coprod_workshop.participation.phone import JoinPanel
from coprod_workshop.participation.screendots import ScreenDots
from coprod_workshop.ui.language import install_translation
from tests.helpers import open_on
from tests.test_phone_notes import start_notes

PACKAGE = Path(__file__).resolve().parent.parent / "coprod_workshop"


def qt_tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        pytest.skip(f"{name} (PySide6's) is not installed")
    return found


def marked(text: str) -> bool:
    return "«" in text and "»" in text


@pytest.fixture(scope="module")
def pseudo_welsh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ``coprod_workshop_cy.qm`` in which every text of the app reads «as itself»."""
    folder = tmp_path_factory.mktemp("translations")
    listing = folder / "coprod_workshop_cy.ts"
    sources = sorted(str(path) for path in PACKAGE.rglob("*.py"))
    subprocess.run([qt_tool("pyside6-lupdate"), *sources, "-ts", str(listing)],
                   check=True, capture_output=True)  # fmt: skip
    tree = ET.parse(listing)
    messages = list(tree.iter("message"))
    assert len(messages) > 100  # the app's texts were found
    for message in messages:
        source, translation = message.find("source"), message.find("translation")
        assert source is not None and translation is not None
        translation.text = f"«{source.text}»"
        translation.attrib.pop("type", None)
    tree.write(listing, encoding="utf-8", xml_declaration=True)
    made = folder / "coprod_workshop_cy.qm"
    subprocess.run([qt_tool("pyside6-lrelease"), str(listing), "-qm", str(made)],
                   check=True, capture_output=True)  # fmt: skip
    return folder


@pytest.fixture
def welsh(pseudo_welsh: Path, qapp: QApplication) -> Iterator[None]:
    translator = install_translation(qapp, pseudo_welsh, "cy")
    assert translator is not None
    yield
    qapp.removeTranslator(translator)


def unmarked(widget: QWidget, *room_words: str) -> list[str]:
    """Texts the app wrote in ``widget`` (shown, or for a screen reader) that are not
    translated; the room's own words (``room_words``) are left as the room wrote them."""
    found = []
    for part in [widget, *widget.findChildren(QWidget)]:
        if not part.isVisibleTo(widget) and part is not widget:
            continue
        texts = [part.accessibleName()]
        if isinstance(part, QLabel | QAbstractButton):
            texts.append(part.text())
        for text in texts:
            for words in room_words:
                text = text.replace(words, "")
            if text.strip(" .:;,0123456789\n") and not marked(text):
                found.append(f"{type(part).__name__}: {text!r}")
    return found


def test_the_room_reads_dots_joining_and_feedback_in_the_translation(
    welsh: None, windows: object, qtbot: QtBot
) -> None:
    actions = REGISTRY.get("actions").new_state().with_action("Book the hall")
    session = Session("Cymraeg", [
        Step("actions", "Our next steps", 10, actions.with_action("Ask the council")),
        Step("feedback", "Before you go", 5, REGISTRY.get("feedback").new_state()),
    ])  # fmt: skip
    open_on(windows, session)
    room = ("Book the hall", "Ask the council", "Our next steps", "Before you go")
    start_notes(windows)
    panel = windows.console.body.step_panel.controls.inbox.dots  # type: ignore[attr-defined]
    panel.open_button.click()
    panel.screen_button.click()
    QApplication.processEvents()
    view = windows.projector.frame.view  # type: ignore[attr-defined]
    strip = view.findChild(JoinStrip)
    assert strip.isVisibleTo(view) and not unmarked(strip), unmarked(strip)
    turn = view.findChild(ScreenDots)
    assert turn.isVisibleTo(view)
    turn.add(0)
    assert not unmarked(turn.page, *room), unmarked(turn.page, *room)
    turn.done()
    assert turn.thanking and not unmarked(turn.thanks), unmarked(turn.thanks)
    panel.reveal.click()
    QApplication.processEvents()
    order = view.findChild(DotsOrder)
    assert order.isVisibleTo(view) and not unmarked(order, *room), unmarked(order, *room)

    windows.workshop.go_to(1)  # type: ignore[attr-defined]
    windows.console.body.step_panel.controls.open_button.click()  # type: ignore[attr-defined]
    windows.console.body.step_panel.controls.reveal.click()  # type: ignore[attr-defined]
    QApplication.processEvents()
    feedback = windows.projector.frame.view  # type: ignore[attr-defined]
    assert not unmarked(feedback, *room), unmarked(feedback, *room)
    join = feedback.findChild(JoinPanel)
    assert join is not None and marked(join.heading.text())
