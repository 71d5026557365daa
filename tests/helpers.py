"""Builders shared by the tests."""

from __future__ import annotations

from pathlib import Path

from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises.info.model import InfoSlide


def small_session(title: str = "Tuesday workshop", steps: int = 3) -> Session:
    return Session(
        title,
        [
            Step(
                "info", f"Step {n}", 10, InfoSlide((f"point {n}a", f"point {n}b"), f"question {n}?")
            )
            for n in range(1, steps + 1)
        ],
        start_time="09:30",
    )


def plan_path() -> Path:
    from coprod_workshop.paths import builtin_plans

    return builtin_plans()[0]
