"""An information step adds nothing to the report beyond its line in the agenda."""

from __future__ import annotations

from coprod_workshop.core.session import Step
from coprod_workshop.reports.blocks import Block, Row


def section(step: Step) -> list[Block]:
    return []


def rows(step: Step) -> list[Row]:
    return []
