"""Every board image of an export is what the projector showed for that step at
1920x1080: the same picture, pixel for pixel (the step timer aside); a board the room saw
a page at a time is exported with every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from coprod_workshop.app import Windows
from coprod_workshop.exercises.actions.model import ActionList
from coprod_workshop.exercises.journey.model import read_journey
from coprod_workshop.paths import builtin_plans
from coprod_workshop.reports.boards import SIZE, board_steps
from coprod_workshop.reports.content import Options, group_review
from coprod_workshop.reports.export import export
from tests import played
from tests.test_journey_views import earlier

GROUP = "Riverside carers"
LONG_WORD = "Co-production" * 12 + "-without-a-space-to-break-at"


def apart(one: int, other: int) -> bool:
    """Two pixels a person would tell apart: a channel differs by more than 24 of 255
    (glyph edges anti-aliased a shade differently are the same picture)."""
    return any(abs(((one >> s) & 255) - ((other >> s) & 255)) > 24 for s in (0, 8, 16))


def differing(one: QImage, other: QImage) -> float:
    """The share of pixels that differ (sampled every 2 px)."""
    one = one.convertToFormat(QImage.Format.Format_RGB32)
    other = other.convertToFormat(QImage.Format.Format_RGB32)
    if one.size() != other.size():
        return 1.0
    samples = differ = 0
    for y in range(0, one.height(), 2):
        for x in range(0, one.width(), 2):
            samples += 1
            differ += apart(one.pixel(x, y), other.pixel(x, y))
    return differ / samples


def with_long_words(session: Any) -> None:
    for step in session.steps:
        if step.kind == "actions":
            state: ActionList = step.state
            step.state = state.with_action(LONG_WORD, LONG_WORD[:60], LONG_WORD[:40])


def settled(frame: Any, qtbot: Any) -> QImage:
    """What the room sees once the screen has settled: charts draw on a timer, and the
    console's preview lays out and draws the same step too, so wait until two looks a
    moment apart are the same picture (at most a few seconds)."""
    qtbot.wait(200)
    image = frame.grab().toImage()
    for _ in range(20):
        qtbot.wait(150)
        again = frame.grab().toImage()
        if again == image:
            return again
        image = again
    return image


def test_every_board_image_is_the_projector_at_1920x1080(
    windows: Windows, registry: Any, tmp_path: Path, qtbot: Any
) -> None:
    workshop, projector = windows.workshop, windows.projector
    earlier(workshop.store, "2026-06-01", GROUP, 2)
    projector.open_normal(projector.screen(), activate=False)
    projector.resize(*SIZE)
    QApplication.processEvents()
    for plan in builtin_plans():
        session = played.played_plan(plan, registry)
        session.group = GROUP
        with_long_words(session)
        workshop.store.save(session)
        assert workshop.open_saved(session.id)
        session = workshop.session
        QApplication.processEvents()
        frame = projector.frame
        assert frame is not None and (frame.width(), frame.height()) == SIZE
        frame.clock.hide()  # the export leaves out the step timer
        seen = {}
        for index in board_steps(session):
            workshop.go_to(index)
            seen[index] = settled(frame, qtbot)
        journey = tuple(read_journey(workshop.store, session))
        review = group_review(workshop.store, session)  # as the review step showed them
        paths = export(
            session,
            registry,
            tmp_path / plan.stem,
            ["png"],
            options=Options(journey=journey, review=review),
        )
        assert len(paths) == len(seen)
        for index, path in zip(seen, paths, strict=True):
            image = QImage(str(path))
            assert (image.width(), image.height()) == SIZE, path.name
            share = differing(seen[index], image)
            if share:
                seen[index].save(str(tmp_path / f"projector-{path.name}"))
            assert share == 0, (path.name, share, session.steps[index].kind)


def test_a_board_in_pages_is_exported_whole_each_page_as_the_projector_shows_it(
    windows: Windows, registry: Any, tmp_path: Path, qtbot: Any
) -> None:
    """The board image holds every page, one under another, each the projector's own
    picture of that page; the participants' summary has a picture of each page."""
    from coprod_workshop.core.session import Session, Step
    from coprod_workshop.exercises.relationship.commands import AddNote
    from coprod_workshop.exercises.relationship.model import Relationship, all_cells

    session = Session("Crowded", [Step("relationship", "Sue and Mick", 20, Relationship())])
    for number in range(240):
        AddNote(session.steps[0].id, all_cells()[number % 6], f"Note {number}: heard today").redo(
            session
        )
    workshop, projector = windows.workshop, windows.projector
    workshop.store.save(session)
    assert workshop.open_saved(session.id)
    projector.open_normal(projector.screen(), activate=False)
    projector.resize(*SIZE)
    qtbot.wait(300)
    frame = projector.frame
    assert frame is not None and frame.view.page_label.text().startswith("Page 1 of")
    frame.clock.hide()  # the export leaves out the step timer
    qtbot.wait(300)  # the grid lays its pages out again for the taller room
    count = len(frame.view.plan)
    assert count > 1
    seen = []
    for page in range(count):
        if page:
            workshop.step_by(1)  # the next page
            qtbot.wait(100)
        seen.append(frame.grab().toImage())
    (path,) = export(workshop.session, registry, tmp_path, ["png"])
    whole = QImage(str(path))
    assert (whole.width(), whole.height()) == (SIZE[0], SIZE[1] * count)
    for page, picture in enumerate(seen):
        assert differing(picture, whole.copy(0, page * SIZE[1], *SIZE)) == 0, page

    from coprod_workshop.reports.blocks import Para, Picture
    from coprod_workshop.reports.boards import key_pictures
    from coprod_workshop.reports.easyread import summary

    pictures = key_pictures(workshop.session, registry, ("relationship",))
    blocks = summary(workshop.session, pictures)
    shown = [b for b in blocks if isinstance(b, Picture)]
    assert [b.alt for b in shown] == [
        f"Picture: Sue and Mick, as the room saw it, part {n} of {count}"
        for n in range(1, count + 1)
    ]
    for block, picture in zip(shown, seen, strict=True):
        assert differing(picture, QImage.fromData(block.png)) == 0
    said = [b.text for b in blocks if isinstance(b, Para)]
    assert "The pictures show the grid with our notes, a part at a time." in said
    # Exported together, the summary takes the pages the board image drew: all of them.
    from docx import Document

    paths = export(workshop.session, registry, tmp_path / "both", ["easy", "png"])
    (summary_docx,) = [p for p in paths if p.name.endswith("easy-read.docx")]
    assert len(Document(str(summary_docx)).inline_shapes) == count


def test_a_card_sort_in_pages_is_exported_whole_each_page_as_the_projector_shows_it(
    windows: Windows, registry: Any, tmp_path: Path, qtbot: Any
) -> None:
    from coprod_workshop.exercises.cards.commands import AddCard

    workshop, projector = windows.workshop, windows.projector
    session = played.played_plan(builtin_plans()[0], registry)
    workshop.store.save(session)
    assert workshop.open_saved(session.id)
    session = workshop.session
    index = next(i for i, s in enumerate(session.steps) if s.kind == "cardsort")
    step_id = session.steps[index].id
    while len(session.steps[index].state.board) < 60:  # a room that suggests a lot
        number = len(session.steps[index].state.board)
        workshop.run(AddCard(step_id, f"A label the room suggested, number {number}"))
    projector.open_normal(projector.screen(), activate=False)
    projector.resize(*SIZE)
    workshop.go_to(index)
    qtbot.wait(300)
    frame = projector.frame
    assert frame is not None
    frame.clock.hide()  # the export leaves out the step timer
    pages = workshop.service("pages", lambda _w: None)
    count = pages.count(step_id)
    assert count > 1
    seen = []
    for page in range(count):
        if page:
            workshop.step_by(1)  # the next page
        seen.append(settled(frame, qtbot))
    paths = export(session, registry, tmp_path, ["png"])
    (path,) = [p for p in paths if p.name.endswith(f"-step-{index + 1:02d}.png")]
    whole = QImage(str(path))
    assert (whole.width(), whole.height()) == (SIZE[0], SIZE[1] * count)
    for page, picture in enumerate(seen):
        assert differing(picture, whole.copy(0, page * SIZE[1], *SIZE)) == 0, page
