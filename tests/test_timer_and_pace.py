"""The step timer, the agenda's pace line and the projector's colours."""

from __future__ import annotations

from datetime import datetime

import pytest

from coprod_workshop.core.timer import StepTimer, format_remaining
from tests.helpers import contrast, small_session


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_timer_counts_only_while_running_and_resets() -> None:
    clock = FakeClock()
    timer = StepTimer(clock)
    timer.start()
    clock.now += 90
    timer.pause()
    clock.now += 600  # paused: a long discussion does not count
    assert timer.elapsed() == 90
    timer.start()
    clock.now += 30
    assert timer.elapsed() == 120
    timer.reset()
    assert timer.running and timer.elapsed() == 0


@pytest.mark.parametrize(
    ("elapsed", "minutes", "expected"),
    [(0, 10, ("10:00", False)), (125, 10, ("7:55", False)), (672, 10, ("+1:12", True))],
)
def test_time_left_reads_as_a_facilitator_would_say_it(elapsed, minutes, expected) -> None:  # type: ignore[no-untyped-def]
    assert format_remaining(elapsed, minutes) == expected


def _today_at(hour: int, minute: int) -> datetime:
    return datetime.today().replace(hour=hour, minute=minute, second=0, microsecond=0)


def test_pace_line_says_how_far_behind_the_room_is() -> None:
    from coprod_workshop.ui.agenda import pace_text

    session = small_session(steps=3)  # 09:30 start, 3 x 10 min
    clock = FakeClock()
    timer = StepTimer(clock)
    session.go_to(1)
    started = _today_at(9, 30)
    # At 09:55 the room has just started step 2 (planned for 09:40): 15 min behind.
    text = pace_text(session, timer, _today_at(9, 55), started)
    assert "Planned: 30 min, 09:30–10:00" in text
    assert "ends 10:15 (15 min behind)" in text
    timer.start()
    clock.now += 10 * 60  # step 2 used its full ten minutes
    text = pace_text(session, timer, _today_at(10, 5), started)
    assert "ends 10:15 (15 min behind)" in text


def test_before_the_room_starts_the_pace_line_shows_the_plan_only() -> None:
    from coprod_workshop.ui.agenda import pace_text

    session = small_session(steps=3)  # 09:30 start, 3 x 10 min
    # Two hours after the planned start, but nobody has started anything yet.
    text = pace_text(session, StepTimer(FakeClock()), _today_at(11, 30))
    assert "behind" not in text and "ahead" not in text
    assert "Planned: 30 min, 09:30–10:00" in text
    assert "Not started" in text


def test_the_pace_counts_from_when_the_room_started() -> None:
    from coprod_workshop.ui.agenda import pace_text

    session = small_session(steps=3)  # planned 09:30, but the room started at 11:00
    text = pace_text(session, StepTimer(FakeClock()), _today_at(11, 5), _today_at(11, 0))
    assert "Started 11:00; at this pace: ends 11:35 (5 min behind)" in text


def test_projector_colours_reach_wcag_aa() -> None:
    from coprod_workshop.ui import theme

    pairs = [
        (theme.TEXT, theme.BACKGROUND),
        (theme.TITLE, theme.BACKGROUND),
        (theme.MUTED, theme.BACKGROUND),
        (theme.TEXT, theme.PROMPT_BACKGROUND),
        (theme.OVER_TIME, theme.BACKGROUND),
    ]
    for foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, (foreground, background)


def test_no_projected_text_role_is_smaller_than_24_px_at_1080p() -> None:
    from coprod_workshop.ui.theme import PROJECTOR_SIZES

    small = {role: size for role, size in PROJECTOR_SIZES.items() if size < 24}
    assert not small, f"too small to read from the back of a room: {small}"
