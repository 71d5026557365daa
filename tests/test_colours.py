"""Colours have one source, core/palette.py (the views read it through ui/theme.py, the
report directly), and what is drawn with them is readable.

The stylesheet names theme tokens (``@TEXT``) and is filled from them; the card
and note views paint with colour properties the stylesheet sets. The contrast
checks here read the colours from the filled stylesheet and from the live views,
so they check the pairs as drawn, not a list kept beside them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from coprod_workshop.exercises.cards.board import DECK
from coprod_workshop.exercises.cards.placeview import PlaceView
from coprod_workshop.exercises.cards.boardmodel import BoardActions, CardListModel
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


def test_console_text_grows_with_the_text_size_of_the_desktop(qtbot: QtBot) -> None:
    """No console text is fixed in pixels: a person who doubles their desktop's
    text size gets a timer, panel titles and vote counts twice as large."""
    assert not re.search(r"font-size:\s*[0-9.]+px", resource("style.qss").read_text())
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    sizes = []
    try:
        for points in (9.0, 18.0):
            font = QFont(before)
            font.setPointSizeF(points)
            app.setFont(font)
            theme.install_stylesheet(app)
            timer, count = QLabel("10:00 left"), theme.set_role(QLabel("3 votes"), "vote-count")
            timer.setObjectName("Timer")
            for label in (timer, count):
                qtbot.addWidget(label)
                label.ensurePolished()
            sizes.append((timer.font().pointSizeF(), count.font().pointSizeF()))
    finally:
        app.setFont(before)
        theme.install_stylesheet(app)
    (timer_small, count_small), (timer_large, count_large) = sizes
    assert timer_small > 9 and count_small > 9
    assert timer_large == pytest.approx(2 * timer_small, abs=0.2)
    assert count_large == pytest.approx(2 * count_small, abs=0.2)


def test_a_stylesheet_token_the_theme_lacks_is_named_in_the_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(vars(theme), "PROMPT_BORDER")
    with pytest.raises(KeyError, match="@PROMPT_BORDER"):
        theme.stylesheet()


def test_no_module_but_the_palette_writes_a_colour() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path != PACKAGE / "core" / "palette.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if HEX.search(line)
    ]
    assert not offenders, f"use a colour token of core/palette.py: {offenders}"


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


def drawn_pairs(figure: Any) -> list[tuple[str, str, str, float]]:
    """Every (what, its colour, what it is drawn on, the contrast it needs) of a chart
    as matplotlib draws it: bars, lines and markers (3:1), and every piece of text
    (4.5:1) on the bar it sits on or on the chart's ground."""
    from matplotlib.colors import to_hex, to_rgba

    figure.canvas.draw()
    ground_of_figure = to_hex(figure.get_facecolor())

    def over(colour: Any, ground: str) -> str:
        """A colour with transparency, as seen on ``ground``."""
        r, g, b, a = to_rgba(colour)
        base = to_rgba(ground)
        return to_hex(tuple(a * c + (1 - a) * k for c, k in zip((r, g, b), base[:3])))

    pairs: list[tuple[str, str, str, float]] = []
    for text in figure.texts:
        if text.get_visible() and text.get_text().strip():
            pairs.append((text.get_text(), over(text.get_color(), ground_of_figure),
                          ground_of_figure, 4.5))  # fmt: skip
    for axes in figure.axes:
        if not axes.get_visible():
            continue
        ground = over(axes.get_facecolor(), ground_of_figure)
        renderer = figure.canvas.get_renderer()
        shown = [p for p in axes.patches if p.get_visible() and to_rgba(p.get_facecolor())[3] > 0]
        # A patch the chart marks as ground (the ladder's tinted bands) is what the
        # marks and counts on it are seen against; every other patch is a mark.
        grounds = [p for p in shown if p.get_gid() == "ground"]
        bars = [p for p in shown if p.get_gid() != "ground"]

        def behind(point: tuple[float, float], below: float = float("inf")) -> str:
            under = [g for g in grounds if g.get_zorder() < below and g.contains_point(point)]
            if not under:
                return ground
            return over(max(under, key=lambda g: g.get_zorder()).get_facecolor(), ground)

        def centre(artist: Any) -> tuple[float, float]:
            box = artist.get_window_extent(renderer)
            return ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)

        for bar in bars:
            base = behind(centre(bar), bar.get_zorder())
            edge = to_rgba(bar.get_edgecolor())
            fill = over(bar.get_facecolor(), base)
            # a bar is seen by its fill, or by an edge of its own that stands out
            seen = fill if contrast(fill, base) >= 3 or edge[3] == 0 else over(edge, base)
            pairs.append((f"bar {bar.get_label()!r}", seen, base, 3.0))
        for line in axes.lines:
            if line.get_visible() and len(line.get_xdata()):
                base = behind(centre(line), line.get_zorder())
                pairs.append((f"line {line.get_label()!r}", over(line.get_color(), base),
                              base, 3.0))  # fmt: skip
        texts = [*axes.texts, axes.title, axes._left_title, axes._right_title]  # noqa: SLF001
        texts += axes.get_xticklabels() + axes.get_yticklabels()
        legend = axes.get_legend()
        if legend is not None:
            texts += legend.get_texts()
        for text in texts:
            if not (text.get_visible() and text.get_text().strip()):
                continue
            middle = centre(text)
            base = behind(middle)
            under = [b for b in bars if b.contains_point(middle)]
            if under:
                base = over(max(under, key=lambda b: b.get_zorder()).get_facecolor(), base)
            pairs.append((text.get_text(), over(text.get_color(), base), base, 4.5))
    return pairs


def test_every_chart_as_drawn_reaches_3_to_1_and_its_text_4_5_to_1(
    windows: Any, registry: Any, qtbot: QtBot
) -> None:
    """The ladder's results, the six elements' radar and bars and the journey, in every
    ready-made plan played through (with a journey), on the projector as the room
    sees them: the colours are read from the drawn chart, not from the theme."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from coprod_workshop.paths import builtin_plans
    from tests import played
    from tests.test_journey_views import earlier

    workshop, projector = windows.workshop, windows.projector
    earlier(workshop.store, "2026-06-01", "Riverside carers", 2)
    projector.open_normal(projector.screen(), activate=False)
    projector.resize(1920, 1080)
    failures, charts = [], set()
    for plan in builtin_plans():
        session = played.played_plan(plan, registry)
        session.group = "Riverside carers"
        workshop.store.save(session)
        assert workshop.open_saved(session.id)
        for index, step in enumerate(workshop.session.steps):
            workshop.go_to(index)
            qtbot.wait(100)
            for canvas in projector.frame.findChildren(FigureCanvasQTAgg):
                charts.add(step.kind)
                for what, colour, ground, needed in drawn_pairs(canvas.figure):
                    if contrast(colour, ground) < needed:
                        failures.append((plan.stem, step.title, what, colour, ground))
    assert {"ladder", "elements", "journey"} <= charts
    assert not failures, "\n".join(map(str, sorted(set(f[2:] for f in failures))))
