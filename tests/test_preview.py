"""The console's preview is the projector, scaled: one layout at the projector's size, drawn
smaller. What the facilitator sees in it is what the room sees, line for line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError as QtTimeout
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows
from coprod_workshop.paths import builtin_plans
from tests import played
from tests.helpers import shots_folder

#: how far apart two thumbnails may be, per colour channel on average (0-255), when one
#: is the projector's picture shrunk as a bitmap and the other the preview's drawing (text
#: drawn small is crisper than text shrunk: they differ at the edges of letters)
SCALED_TOLERANCE = 6.0
SMOOTH = Qt.TransformationMode.SmoothTransformation


def thumbnail(image: QImage) -> QImage:
    """A quarter of the size: the layout (blocks, lines, colours), not the letters' edges."""
    return image.scaled(
        image.width() // 4, image.height() // 4, Qt.AspectRatioMode.IgnoreAspectRatio, SMOOTH
    )


def open_played(windows: Windows, name: str) -> Any:
    plan = next(p for p in builtin_plans() if p.name.startswith(name))
    session = played.played_plan(plan, windows.workshop.registry)
    windows.workshop.store.save(session)
    assert windows.workshop.open_saved(session.id)
    return windows.workshop.session


def difference(first: QImage, second: QImage) -> float:
    """The mean difference per colour channel of two pictures of the same size (0-255)."""
    assert first.size() == second.size()
    one = first.convertToFormat(QImage.Format.Format_RGB888)
    two = second.convertToFormat(QImage.Format.Format_RGB888)
    width, height = one.width(), one.height()
    a, b = one.constBits(), two.constBits()
    line_a, line_b = one.bytesPerLine(), two.bytesPerLine()
    total = 0
    for y in range(0, height, 2):
        row_a = bytes(a[y * line_a : y * line_a + width * 3])
        row_b = bytes(b[y * line_b : y * line_b + width * 3])
        total += sum(abs(p - q) for p, q in zip(row_a, row_b, strict=True))
    return total / (width * 3 * ((height + 1) // 2))


def show_both(windows: Windows, qtbot: QtBot, projector: QSize) -> None:
    windows.projector.resize(projector)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    windows.console.resize(1400, 900)
    windows.console.show()
    qtbot.waitExposed(windows.console)


def settle(qtbot: QtBot) -> None:
    qtbot.wait(60)  # pages are worked out once the layout has settled
    QApplication.processEvents()


@pytest.mark.parametrize("plan", ["introduction", "six-months-on"])
def test_the_preview_is_the_projector_drawn_smaller_on_every_step(
    windows: Windows, qtbot: QtBot, plan: str, tmp_path: Path
) -> None:
    session = open_played(windows, plan)
    show_both(windows, qtbot, QSize(1536, 864))
    drawn = windows.console.body.preview_view
    frame = windows.console.body.preview
    assert frame.size() == windows.projector.frame.size() == QSize(1536, 864)
    folder = shots_folder(tmp_path)
    for index, step in enumerate(session.steps):
        windows.workshop.go_to(index)
        settle(qtbot)
        room = windows.projector.frame.grab().toImage()
        # One layout: the preview's frame, at its own size, is the projector's picture.
        same = frame.grab().toImage()
        if difference(room, same) >= 0.5:
            room.save(str(folder / "room.png"))
            same.save(str(folder / "same.png"))
        assert difference(room, same) < 0.5, step.title
        # Drawn smaller into the console, it is that picture scaled (the scene redraws its
        # cached picture a moment later: on a busy machine, look again until it has).
        def scaled_difference() -> float:
            nonlocal cut
            room = windows.projector.frame.grab().toImage()
            shown = drawn.viewport().grab().toImage()
            box = drawn.mapFromScene(drawn.sceneRect()).boundingRect()
            cut = shown.copy(box.intersected(drawn.viewport().rect()))
            scaled = room.scaled(cut.size(), Qt.AspectRatioMode.IgnoreAspectRatio, SMOOTH)
            return difference(thumbnail(scaled), thumbnail(cut))

        cut = QImage()
        try:
            qtbot.waitUntil(lambda: scaled_difference() < SCALED_TOLERANCE, timeout=5000)
        except QtTimeout:
            pytest.fail(f"{step.title}: the preview differs by {scaled_difference():.1f}")
        if index < 3:
            cut.save(str(folder / f"preview-{plan}-{index}.png"))


def test_the_preview_follows_the_projector_s_size_and_shape(
    windows: Windows, qtbot: QtBot
) -> None:
    open_played(windows, "introduction")
    show_both(windows, qtbot, QSize(1024, 768))  # a 4:3 projector
    settle(qtbot)
    frame = windows.console.body.preview
    room = windows.projector.frame
    assert frame.size() == room.size() and room.height() == 768
    drawn = windows.console.body.preview_view
    box = drawn.mapFromScene(drawn.sceneRect()).boundingRect()
    shape = room.width() / room.height()
    assert abs(box.width() / box.height() - shape) < 0.02  # its shape, not stretched to 16:9
    windows.projector.resize(1920, 1080)
    settle(qtbot)
    assert frame.size() == room.size() == QSize(1920, 1080)


def test_the_sue_and_mick_grid_with_the_debrief_shows_the_same_notes_in_both(
    windows: Windows, qtbot: QtBot
) -> None:
    """The case that used to differ: a short note and a long one in one cell, the debrief
    shown; the preview showed only the long note, the projector the short one."""
    from coprod_workshop.exercises.relationship.commands import AddNote, RevealDebrief
    from coprod_workshop.exercises.relationship.views import RelationshipPresenter

    session = open_played(windows, "introduction")
    index = next(i for i, s in enumerate(session.steps) if s.kind == "relationship")
    step_id = session.steps[index].id
    long_note = ("Nobody called back after the launch, and we had asked twice. " * 4)[:200]
    windows.workshop.run(AddNote(step_id, (0, 2), "Only wants to know us when money is due"))
    windows.workshop.run(AddNote(step_id, (0, 2), long_note))
    windows.workshop.run(RevealDebrief(step_id, True))
    windows.workshop.go_to(index)
    show_both(windows, qtbot, QSize(1536, 864))
    settle(qtbot)
    room = windows.projector.frame.view
    (preview,) = windows.console.body.preview.findChildren(RelationshipPresenter)
    assert isinstance(room, RelationshipPresenter)
    for _ in range(len(room.plan) or 1):
        for mine, theirs in zip(preview.canvases, room.canvases, strict=True):
            assert mine.visible_ids() == theirs.visible_ids()
            assert mine.fit().px == theirs.fit().px
        windows.workshop.step_by(1)
        settle(qtbot)


def test_a_session_opened_again_draws_its_ladder_as_the_first_time(
    windows: Windows, qtbot: QtBot
) -> None:
    """Each rung's number sits apart from its name however often the session is opened
    (a rung laid out before its text size was known once kept the first layout)."""
    show_both(windows, qtbot, QSize(1920, 1080))
    for _ in range(3):
        session = open_played(windows, "introduction")
        for index, step in enumerate(session.steps):
            windows.workshop.go_to(index)
            qtbot.wait(100)
            if step.kind != "ladder":
                continue
            for view in (windows.projector.frame.view, windows.console.body.preview.view):
                for button in view.ladder.buttons:
                    gap = button.name.geometry().left() - button.number.geometry().right()
                    assert gap >= button.row.spacing() > 0, button.name.text()


def test_a_board_in_pages_shows_the_same_cards_in_the_preview_on_every_page(
    windows: Windows, qtbot: QtBot
) -> None:
    from coprod_workshop.exercises.cardsort.views import CardSortPresenter

    session = open_played(windows, "introduction")
    show_both(windows, qtbot, QSize(1536, 864))
    sorts = [i for i, s in enumerate(session.steps) if s.kind == "cardsort"]
    paged = 0
    for index in sorts:
        windows.workshop.go_to(index)
        settle(qtbot)
        room = windows.projector.frame.findChildren(CardSortPresenter)[0].board
        (mine,) = windows.console.body.preview.findChildren(CardSortPresenter)
        count = windows.workshop.service("pages", lambda _w: None).count(session.steps[index].id)
        paged += count > 1
        for _ in range(count):
            for place, panel in room.panels.items():
                view, other = panel.view, mine.board.panels[place].view
                shown = [i for r, i in enumerate(view.model().ids()) if not view.isRowHidden(r)]
                also = [i for r, i in enumerate(other.model().ids()) if not other.isRowHidden(r)]
                assert shown == also, (session.steps[index].title, place)
            windows.workshop.step_by(1)
            settle(qtbot)
        windows.workshop.go_to(index)
    assert paged  # at 1536x864 at least one sort is projected a page at a time


def test_before_the_projector_is_shown_the_preview_has_the_pages_f5_will_show(
    windows: Windows, qtbot: QtBot
) -> None:
    """One screen, the projector not yet shown: the preview is laid out at the size F5
    gives the projector, and pages its grid itself; F5 then shows the room exactly those
    pages, and after Esc the preview keeps them."""
    from coprod_workshop.exercises.relationship.commands import AddNote
    from coprod_workshop.exercises.relationship.model import all_cells
    from coprod_workshop.exercises.relationship.views import RelationshipPresenter

    session = open_played(windows, "introduction")
    index = next(i for i, s in enumerate(session.steps) if s.kind == "relationship")
    step_id = session.steps[index].id
    for number in range(14):
        windows.workshop.run(
            AddNote(step_id, (0, 0), f"Note {number}: talks to us once, then is gone for good")
        )
    windows.workshop.go_to(index)
    windows.console.resize(1400, 900)
    windows.console.show()
    qtbot.waitExposed(windows.console)
    settle(qtbot)
    assert not windows.projector.isVisible()
    screen = windows.console.menus.projector_target().geometry().size()
    frame = windows.console.body.preview
    assert frame.size() == screen
    (preview,) = frame.findChildren(RelationshipPresenter)

    def pages_of(board: RelationshipPresenter) -> list[list[list[str]]]:
        """The notes of each page, turned with the step keys (and turned back)."""
        shown = []
        for page in range(max(1, len(board.plan))):
            if page:
                windows.workshop.step_by(1)
                settle(qtbot)
            shown.append(
                [c.visible_ids() if c.isVisibleTo(board) else [] for c in board.canvases]
            )
        for _ in shown[1:]:
            windows.workshop.step_by(-1)
        settle(qtbot)
        return shown

    before = pages_of(preview)
    assert len(before) > 1  # paged, not "▲ 12 above"
    assert sorted(i for page in before for cell in page for i in cell) == sorted(
        n.id for cell in all_cells() for n in session.steps[index].state.notes_in(cell)
    )
    windows.console.menus.present()  # F5
    qtbot.waitUntil(lambda: windows.projector.presenting)
    settle(qtbot)
    room = windows.projector.frame.view
    assert isinstance(room, RelationshipPresenter)
    assert windows.projector.frame.size() == screen
    assert room.plan == preview.plan
    assert pages_of(room) == before
    assert difference(windows.projector.frame.grab().toImage(), frame.grab().toImage()) < 0.5
    windows.console.menus.stop_presenting()  # Esc: hidden again
    settle(qtbot)
    assert not windows.projector.isVisible() and frame.size() == screen
    assert pages_of(preview) == before


def test_before_the_projector_is_shown_a_card_board_has_the_pages_f5_will_show(
    windows: Windows, qtbot: QtBot
) -> None:
    """The same for the card boards (card sorts and the matrix), one screen."""
    from coprod_workshop.exercises.cards.commands import AddCard
    from coprod_workshop.exercises.cardsort.views import CardSortPresenter
    from coprod_workshop.exercises.matrix.views import MatrixPresenter

    session = open_played(windows, "introduction")
    boards = [i for i, s in enumerate(session.steps) if s.kind in ("cardsort", "matrix")]
    first = session.steps[boards[0]].id
    for number in range(40):  # the room suggests many cards in the first sort
        windows.workshop.run(AddCard(first, f"A label number {number} that people carry"))
    windows.console.resize(1400, 900)
    windows.console.show()
    qtbot.waitExposed(windows.console)
    pages = windows.workshop.service("pages", lambda _w: None)

    def cards_on_pages(frame: Any, index: int) -> list[dict[str, list[str]]]:
        shown = []
        for page in range(pages.count(session.steps[index].id)):
            if page:
                windows.workshop.step_by(1)
                settle(qtbot)
            (view,) = [*frame.findChildren(CardSortPresenter), *frame.findChildren(MatrixPresenter)]
            shown.append(
                {
                    place: [
                        i for r, i in enumerate(p.view.model().ids()) if not p.view.isRowHidden(r)
                    ]
                    for place, p in view.board.panels.items()
                }
            )
        for _ in shown[1:]:
            windows.workshop.step_by(-1)
        settle(qtbot)
        return shown

    before = {}
    for index in boards:
        windows.workshop.go_to(index)
        settle(qtbot)
        before[index] = cards_on_pages(windows.console.body.preview, index)
    assert len(before[boards[0]]) > 1  # paged
    windows.console.menus.present()  # F5
    qtbot.waitUntil(lambda: windows.projector.presenting)
    for index in boards:
        windows.workshop.go_to(index)
        settle(qtbot)
        assert cards_on_pages(windows.projector.frame, index) == before[index]
