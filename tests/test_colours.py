"""Colours have one source, ui/theme.py, and what is drawn with them is readable.

The stylesheet names theme tokens (``@TEXT``) and is filled from them; the card
and note views paint with colour properties the stylesheet sets. The contrast
checks here read the colours from the filled stylesheet and from the live views,
so they check the pairs as drawn, not a list kept beside them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coprod_workshop.exercises.cards.board import DECK
from coprod_workshop.exercises.cards.placeview import PlaceView
from coprod_workshop.exercises.cards.qt import BoardActions, CardListModel
from coprod_workshop.exercises.cardsort.model import new_card_sort
from coprod_workshop.exercises.relationship.canvas import NotesCanvas
from coprod_workshop.paths import resource
from coprod_workshop.ui import theme
from tests.boards import session_around
from tests.helpers import contrast

PACKAGE = Path(__file__).resolve().parent.parent / "coprod_workshop"
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b|rgba?\(")


def rules(sheet: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) for each rule of a stylesheet."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        declarations = {}
        for part in body.split(";"):
            name, colon, value = part.partition(":")
            if colon:
                declarations[name.strip()] = value.strip()
        found.append((" ".join(selector.split()), declarations))
    return found


def test_the_stylesheet_names_theme_colours_and_is_filled_from_them() -> None:
    written = resource("style.qss").read_text(encoding="utf-8")
    assert not HEX.findall(written), "write colours in style.qss as @NAME theme tokens"
    filled = theme.stylesheet()
    assert "@" not in filled
    used = set(re.findall(r"#[0-9A-F]{6}", filled))
    assert used <= set(theme.colours().values())
    assert theme.TITLE in used and theme.CARD_FLAGGED in used


def test_a_stylesheet_token_the_theme_lacks_is_named_in_the_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(vars(theme), "PROMPT_BORDER")
    with pytest.raises(KeyError, match="@PROMPT_BORDER"):
        theme.stylesheet()


def test_no_module_but_the_theme_writes_a_colour() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "theme.py" or path.parent.name != "ui"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if HEX.search(line)
    ]
    assert not offenders, f"use a colour token of ui/theme.py: {offenders}"


def test_every_styled_text_reaches_aa_on_the_background_it_is_drawn_on() -> None:
    checked = 0
    for selector, declarations in rules(theme.stylesheet()):
        text = declarations.get("color")
        if text is None or not text.startswith("#"):
            continue
        # A rule without a background draws on the window's own (console and projector).
        background = declarations.get("background", theme.BACKGROUND)
        if not background.startswith("#"):
            background = theme.BACKGROUND
        assert contrast(text, background) >= 4.5, (selector, text, background)
        checked += 1
    assert checked >= 40


def colour(widget: object, name: str) -> str:
    value = widget.property(name)  # type: ignore[attr-defined]
    assert isinstance(value, QColor) and value.isValid(), name
    return str(value.name()).upper()


def test_cards_are_painted_in_the_stylesheet_colours_and_reach_aa(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.install_stylesheet(app)
    session, step_id = session_around("cardsort", "Labels", new_card_sort())
    view = PlaceView(CardListModel(BoardActions(session, step_id, None), DECK))
    qtbot.addWidget(view)
    view.ensurePolished()
    drawn = {
        name: colour(view, name)
        for name in (
            "cardColor",
            "selectedColor",
            "textColor",
            "mutedColor",
            "flagColor",
            "contestedColor",
            "agreeColor",
            "differColor",
            "cardBorder",
        )
    }
    # the delegate paints with exactly these
    assert all(view.delegate.colour(name).name().upper() == value for name, value in drawn.items())
    for card in ("cardColor", "selectedColor"):
        for ink in ("textColor", "mutedColor", "flagColor", "contestedColor"):
            assert contrast(drawn[ink], drawn[card]) >= 4.5, (ink, card)
        for badge in ("agreeColor", "differColor"):
            assert contrast(drawn[badge], drawn[card]) >= 4.5, (badge, card)
    # a card's edge stands out from the place it lies on (non-text contrast, 3:1)
    for selector, declarations in rules(theme.stylesheet()):
        if selector.startswith("QFrame#CardPlace") and "background" in declarations:
            assert contrast(drawn["cardBorder"], declarations["background"]) >= 3, selector


def test_notes_are_painted_in_the_stylesheet_colours_and_reach_aa(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.install_stylesheet(app)
    canvas = NotesCanvas()
    qtbot.addWidget(canvas)
    canvas.ensurePolished()
    text = colour(canvas, "textColor")
    for chip in ("chipColor", "cardColor"):
        assert contrast(text, colour(canvas, chip)) >= 4.5, chip
    cells = [
        declarations["background"]
        for selector, declarations in rules(theme.stylesheet())
        if selector.startswith("QFrame#RelationshipCell") and "background" in declarations
    ]
    assert len(cells) == 2  # Sue's and Mick's
    for cell in cells:  # "▼ 3 more" is drawn on the cell itself
        assert contrast(colour(canvas, "moreColor"), cell) >= 4.5, cell


def test_the_rating_bars_darken_from_one_to_five_and_each_is_seen_and_read(
    qtbot: QtBot,
) -> None:
    """The legend says 1 lightest to 5 darkest: the bars as drawn keep that promise,
    each stands out from the background (3:1) and its count is readable (4.5:1)."""
    from matplotlib.colors import to_hex

    from coprod_workshop.exercises.elements.chart import ElementsChart
    from tests.helpers import luminance

    chart = ElementsChart(["Assets", "Capacity"], ["1", "2", "3", "4", "5"])
    qtbot.addWidget(chart.canvas)
    background = to_hex(chart.figure.get_facecolor())
    for bars, labels in zip(chart.segments, chart.segment_labels, strict=True):
        fills = [to_hex(bar.get_facecolor()).upper() for bar in bars]
        shades = [luminance(fill) for fill in fills]
        assert shades == sorted(shades, reverse=True), fills  # 1 lightest ... 5 darkest
        for fill, label in zip(fills, labels, strict=True):
            assert contrast(fill, background) >= 3.0, fill
            assert contrast(fill, to_hex(label.get_color())) >= 4.5, fill
        for lighter, darker in zip(fills, fills[1:]):
            assert contrast(lighter, darker) >= 1.3, (lighter, darker)  # not by hue alone
