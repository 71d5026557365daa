"""Case studies of co-production, ready to use as information steps (pure Python).

Each case in ``resources/cases/cases.json`` becomes a slide (a short account,
the question "Why is this co-production?", or for an account that reads like consultation
"Is this co-production, or consultation done well?", and the source) and the
facilitator's notes (the reasons to draw out once the room has answered).
Matrix cards name the case that tells their story (``matrix.model.case_of``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from coprod_workshop.core.registry import ReadyMade
from coprod_workshop.core.session import Step
from coprod_workshop.exercises.info.model import InfoSlide
from coprod_workshop.paths import resource

MINUTES = 10


@dataclass(frozen=True)
class CaseStudy:
    id: str
    title: str
    slide: InfoSlide
    notes: str


@cache
def case_studies() -> dict[str, CaseStudy]:
    """The ready-made case studies, by id, in the order the resource lists them."""
    doc = json.loads(resource("cases", "cases.json").read_text(encoding="utf-8"))
    cases = {}
    for case in doc["cases"]:
        reasons = "\n".join(f"- {reason}" for reason in case["reasons"])
        heading = case.get("reasons_heading", "Why is this co-production?")
        notes = (
            f"About {MINUTES} minutes. Read the story out, or ask someone to. Then ask the "
            "question on the screen, in pairs or all together, and collect answers before you "
            f"add the reasons below.\n\n{heading} ({case['reasons_source']}):\n"
            f"{reasons}\n\nSource: {case['source']}."
        )
        slide = InfoSlide(tuple(case["points"]), case["prompt"], case["source"])
        cases[case["id"]] = CaseStudy(case["id"], case["title"], slide, notes)
    return cases


def case_step(case_id: str) -> Step:
    """A new information step telling one case study, with its reasons in the notes."""
    case = case_studies()[case_id]
    return Step("info", case.title, MINUTES, case.slide, notes=case.notes)


def ready_made() -> list[ReadyMade]:
    """The case studies, as the agenda editor offers them (``ExerciseKind.ready_made``)."""
    return [
        ReadyMade(case.id, "Case study", case.title.removeprefix("Case study: "))
        for case in case_studies().values()
    ]


def ready_made_step(key: str) -> Step:
    return case_step(key)
