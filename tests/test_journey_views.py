"""A group's journey in the app: three dated workshops of one group, one of another."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coprod_workshop.app import Windows, build
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.elements.commands import SetResults
from coprod_workshop.exercises.elements.model import SelfAssessment
from coprod_workshop.exercises.info.model import InfoSlide
from coprod_workshop.exercises.journey.model import JourneyStep
from coprod_workshop.exercises.journey.views import JourneyControls, JourneyPresenter
from coprod_workshop.exercises.ladder.model import LadderStep
from coprod_workshop.storage.store import SessionStore
from coprod_workshop.voting.commands import CastVote, OpenRound
from tests.helpers import shots_folder

GROUP = "Riverside carers"


def rate(session: Session, step: int, round_index: int, choices: list[int]) -> None:
    step_id = session.steps[step].id
    OpenRound(step_id, session.steps[step].state.rounds[round_index].id).redo(session)
    for choice in choices:
        CastVote(step_id, choice - 1).redo(session)


def earlier(store: SessionStore, date: str, group: str, level: int) -> None:
    """A past workshop: every element rated ``level`` and ``level + 1``; the ladder at
    ``level`` now and ``level + 3`` wanted."""
    session = Session(
        f"Workshop of {date}",
        [Step("elements", "Six", 10, SelfAssessment()), Step("ladder", "Ladder", 10, LadderStep())],
        date_=date,
    )
    session.group = group
    for element in range(6):
        rate(session, 0, element, [level, level + 1])
    rate(session, 1, 0, [level, level])
    rate(session, 1, 1, [level + 3])
    store.save(session)
    store.unlock(session.id)


@pytest.fixture
def windows(qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    built = build(data_dir)
    qtbot.addWidget(built.console)
    qtbot.addWidget(built.projector)
    store = built.workshop.store
    for date, level in (("2026-06-01", 3), ("2026-01-15", 1), ("2026-03-20", 2)):
        earlier(store, date, GROUP, level)
    earlier(store, "2026-05-01", "Hillside youth panel", 4)
    reads: list[str] = []
    real = SessionStore.digests_of_group

    def counted(self, group, same, kind):  # type: ignore[no-untyped-def]
        reads.append(kind)
        return real(self, group, same, kind)

    monkeypatch.setattr(SessionStore, "digests_of_group", counted)
    built.reads = reads  # type: ignore[attr-defined]
    today = Session(
        "Six months on",
        [
            Step("info", "Welcome back", 5, InfoSlide(("Hello again",))),
            Step("journey", "The journey so far", 10, JourneyStep()),
            Step("elements", "Where are we now?", 15, SelfAssessment()),
            Step("journey", "What changed?", 10, JourneyStep()),
        ],
        date_="2026-12-01",
    )
    today.group = "riverside  Carers"  # case and spacing do not matter
    store.save(today)
    assert built.workshop.open(today)
    yield built
    if built.workshop.session is not None:
        built.console.close()


def test_earlier_sessions_are_read_only_when_a_journey_is_shown(
    windows: Windows, qtbot: QtBot
) -> None:
    windows.console.show()
    windows.projector.show()
    assert windows.workshop.save_now()
    QApplication.processEvents()
    assert windows.reads == []  # type: ignore[attr-defined]  (opening and saving read nothing)
    windows.workshop.go_to(1)
    QApplication.processEvents()
    # once for the journey, once for the actions (console, preview, projector share them)
    assert sorted(windows.reads) == ["journey", "review"]  # type: ignore[attr-defined]
    windows.workshop.go_to(3)
    assert sorted(windows.reads) == ["journey", "review"]  # type: ignore[attr-defined]


def test_the_journey_of_three_dated_workshops_and_not_the_other_group(
    windows: Windows, qtbot: QtBot
) -> None:
    windows.workshop.go_to(1)
    windows.projector.resize(1920, 1080)
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    view = windows.projector.frame.view
    assert isinstance(view, JourneyPresenter)
    chart = view.chart
    dates = [v.date for v in chart.visits]
    assert dates == ["2026-01-15", "2026-03-20", "2026-06-01", "2026-12-01"]
    assert "3 earlier workshops, since 15 Jan 2026" in view.hint.text()
    assert view.title.text() == "Our journey so far: riverside  Carers"
    # Today has no ratings yet: the radar shows March (dashed) under June (solid).
    assert chart.radar is not None
    assert list(chart.radar.medians[0].get_ydata())[:6] == [2.5] * 6
    assert list(chart.radar.medians[1].get_ydata())[:6] == [3.5] * 6
    assert "20 Mar 2026 (dashed)" in chart.radar_title.get_text()
    assert list(chart.now_line.get_ydata()) == [1.0, 2.0, 3.0]
    assert list(chart.wanted_line.get_ydata()) == [4.0, 5.0, 6.0]
    assert [t.get_text() for t in chart.ladder_axes.get_xticklabels()] == [
        "15 Jan 2026",
        "20 Mar 2026",
        "1 Jun 2026",
    ]
    console = windows.console.body.step_panel.controls
    assert isinstance(console, JourneyControls)
    rows = [console.table.item(r, 1).text() for r in range(console.table.rowCount())]
    assert rows == [
        "Workshop of 2026-01-15",
        "Workshop of 2026-03-20",
        "Workshop of 2026-06-01",
        "Six months on (this session)",
    ]
    assert console.table.item(2, 2).text().startswith("Assets 3.5, Capacity 3.5")
    assert console.table.item(2, 3).text() == "now 3, wanted 6"
    assert "Workshop of 2026-05-01" not in rows  # the other group's


def test_today_s_ratings_join_the_journey_live_and_the_group_can_change(
    windows: Windows, qtbot: QtBot
) -> None:
    session = windows.workshop.session
    windows.workshop.go_to(2)
    step_id = session.steps[2].id
    for element in range(6):
        windows.workshop.run(OpenRound(step_id, session.steps[2].state.rounds[element].id))
        windows.workshop.run(CastVote(step_id, 4))
    windows.workshop.run(SetResults(step_id, "revealed"))
    windows.workshop.go_to(3)
    windows.projector.show()
    view = windows.projector.frame.view
    assert isinstance(view, JourneyPresenter)
    chart = view.chart
    assert "1 Jun 2026 (dashed) → 1 Dec 2026 (solid)" in chart.radar_title.get_text()
    assert list(chart.radar.medians[1].get_ydata())[:6] == [5.0] * 6  # type: ignore[union-attr]
    # Another group: the journey follows it (read again for that group), undoably.
    console = windows.console.body.step_panel.controls
    assert isinstance(console, JourneyControls)
    console.group.setText("Hillside youth panel")
    console.group.editingFinished.emit()
    assert session.group == "Hillside youth panel"
    assert [v.date for v in view.chart.visits] == ["2026-05-01", "2026-12-01"]
    windows.workshop.stack.undo()
    assert session.group == "riverside  Carers"
    assert len(view.chart.visits) == 4
    # No group: only today, and the room is told how to set one.
    windows.workshop.set_group("")
    assert [v.date for v in view.chart.visits] == ["2026-12-01"]
    assert "Ctrl+G" in view.hint.text()


def test_projected_journey_text_is_large_enough_and_the_screens_are_kept(
    windows: Windows, qtbot: QtBot, tmp_path: Path
) -> None:
    windows.workshop.go_to(1)
    windows.console.resize(1600, 1000)
    windows.projector.resize(1920, 1080)
    windows.console.show()
    windows.projector.show()
    qtbot.waitExposed(windows.projector)
    QApplication.processEvents()
    view = windows.projector.frame.view
    assert isinstance(view, JourneyPresenter)
    for label in (view.title, view.hint):
        assert label.font().pixelSize() >= 24
    chart = view.chart
    assert chart.text_size >= 24
    sizes = [t.get_fontsize() for t in chart.ladder_axes.get_xticklabels()]
    sizes += [t.get_fontsize() for t in chart.ladder_axes.get_yticklabels()]
    sizes += [t.get_fontsize() for t in chart.radar_axes.get_xticklabels()]  # type: ignore[union-attr]
    assert min(sizes) >= 24
    assert "15 Jan 2026" in chart.canvas.accessibleDescription()
    shots = shots_folder(tmp_path)
    assert windows.projector.grab().save(str(shots / "journey-projector.png"))
    assert windows.console.grab().save(str(shots / "journey-console.png"))


def test_a_template_keeps_no_group_and_a_new_session_gets_one(
    windows: Windows, qtbot: QtBot
) -> None:
    library = windows.workshop.library
    template = library.save_as_template(windows.workshop.session, "Our check-in")
    assert library.load(template.id).group == ""
    assert windows.workshop.start_from_template(template.id, "Hillside youth panel")
    assert windows.workshop.session.group == "Hillside youth panel"
    assert windows.workshop.store.load(windows.workshop.session.id).group == "Hillside youth panel"


def test_the_library_starts_a_session_for_a_group(windows: Windows, qtbot: QtBot) -> None:
    from coprod_workshop.ui.library import LibraryDialog

    dialog = LibraryDialog(windows.workshop.library)
    qtbot.addWidget(dialog)
    assert dialog.group.accessibleName() == "Group the new session is for"
    dialog.group.setText("  Hillside   youth panel ")
    with qtbot.waitSignal(dialog.startRequested) as started:
        dialog.start_button.click()
    assert started.args[1] == "Hillside youth panel"


def test_ctrl_g_asks_for_the_session_s_group_and_undo_puts_it_back(
    windows: Windows, qtbot: QtBot
) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QInputDialog

    menus = windows.console.menus
    assert menus.group_action.shortcut() == QKeySequence("Ctrl+G")
    windows.console.show()
    menus.group_action.trigger()
    dialog = menus.dialog
    assert isinstance(dialog, QInputDialog)
    assert dialog.textValue() == "riverside  Carers"
    dialog.setTextValue("  Hillside   youth panel ")
    dialog.accept()
    assert windows.workshop.session.group == "Hillside youth panel"
    windows.workshop.stack.undo()
    assert windows.workshop.session.group == "riverside  Carers"
