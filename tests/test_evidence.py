"""The evidence page at the front of the full report: for the group's third workshop, its
figures equal what the sessions' results hold, each names its section, in every format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coprod_workshop.core.session import Session
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.actions.model import ActionList
from coprod_workshop.exercises.attendance.model import Attendance
from coprod_workshop.exercises.elements.model import SelfAssessment
from coprod_workshop.exercises.journey.model import visit_of
from coprod_workshop.exercises.ladder.model import LadderStep
from coprod_workshop.exercises.relationship.model import Relationship
from coprod_workshop.exercises.review.model import ActionReview
from coprod_workshop.reports import evidence
from coprod_workshop.reports.content import Options, group_journey, report
from coprod_workshop.reports.export import export
from coprod_workshop.storage.store import SessionStore
from tests.reports import odt_text, pdf_text, squeeze
from tests.test_review import INVITE, LETTER, group_of_three, mark


def states(session: Session, kind: type) -> list[tuple[int, Any]]:
    return [
        (number, step.state)
        for number, step in enumerate(session.steps, start=1)
        if isinstance(step.state, kind)
    ]


def votes(session: Session, kind: type) -> tuple[int, int]:
    found = [v for _, s in states(session, kind) for r in s.rounds for v in r.votes.values()]
    return len(found), sum(1 for v in found if v.source == "phone")


def third_workshop(data_dir: Path) -> tuple[SessionStore, Session, Session]:
    store = SessionStore(data_dir, REGISTRY)
    first, _second, third = group_of_three(store)
    mark(
        third,
        store,
        {INVITE: ("done", "Two carers joined"), "Meet the commissioner": ("stuck", "No reply")},
    )
    store.save(third)
    return store, first, third


def test_the_evidence_figures_equal_the_sessions_results_and_name_their_sections(
    data_dir: Path,
) -> None:
    store, first, third = third_workshop(data_dir)
    journey = group_journey(store, third)
    assert [v.date for v in journey] == ["2026-01-15", "2026-07-15", "2027-01-15"]
    found = {f.what: f for f in evidence.figures(third, REGISTRY, journey)}
    # Who took part: the attendance step's results, by role.
    [(number, attendance)] = states(third, Attendance)
    people = found["People who took part"]
    assert people.figure.startswith(f"{sum(r['count'] for r in attendance.results())}: ")
    for row in attendance.results():
        assert f"{row['count']} {row['role'].lower()}" in people.figure
    assert people.section == f"{number}. Who took part"
    assert found["Organisations"].figure == str(len(attendance.organisations)) == "2"
    # Contributions: ratings and ladder votes (with phones), actions agreed.
    ratings, phone_ratings = votes(third, SelfAssessment)
    assert ratings > 12 and phone_ratings == 6  # the played room: a screen, a phone, hands
    assert found["Ratings of the elements"].figure == f"{ratings} ({phone_ratings} from phones)"
    ladder_votes, phone_votes = votes(third, LadderStep)
    assert found["Votes on the ladder"].figure == f"{ladder_votes} ({phone_votes} from phones)"
    [(ladder_number, _)] = states(third, LadderStep)
    assert found["Votes on the ladder"].section == (
        f"{ladder_number}. {third.steps[ladder_number - 1].title}"
    )
    [(actions_number, actions)] = states(third, ActionList)
    assert found["Actions agreed"].figure == f"{len(actions.results())} (0 from phones)"
    assert found["Actions agreed"].section == f"{actions_number}. Our next steps"
    assert "Notes" not in found  # Six months on has no grid of notes
    # Last time's actions, with the statuses the review step holds.
    [(review_number, review)] = states(third, ActionReview)
    statuses = [r["status"] for r in review.results()]
    assert statuses == ["done", "stuck"]
    assert found["Last time's actions reviewed"].figure == "2: 1 done, 0 going, 1 stuck, 0 dropped"
    assert found["Last time's actions reviewed"].section == f"{review_number}. Last time's actions"
    # The ladder today and since the group's first workshop (the Introduction).
    today, then = visit_of(third).ladder, visit_of(first).ladder
    assert today is not None and then is not None
    assert found["The ladder today (median rung)"].figure == (
        f"now {today.now:g}, wanted {today.wanted:g}"
    )
    moved = found["Moved since the first workshop (2026-01-15)"]
    assert f"now {then.now:g} → {today.now:g}" in moved.figure
    assert moved.section == "The journey of Riverside carers" or moved.section.startswith(
        "The journey of "
    )
    # Every section named is a heading of the report.
    blocks = report(third, REGISTRY, Options(journey=journey))
    headings = {b.text for b in blocks if type(b).__name__ == "Heading"}
    for figure in found.values():
        for part in figure.section.split("; "):
            assert part == "–" or part in headings, part


def test_notes_and_phone_contributions_are_counted_from_results(data_dir: Path) -> None:
    store, first, _third = third_workshop(data_dir)
    found = {f.what: f for f in evidence.figures(first, REGISTRY, ())}
    [(number, grid)] = states(first, Relationship)
    results = grid.results()
    phones = sum(1 for r in results if r.get("source", "facilitator") == "phone")
    assert found["Notes"].figure == f"{len(results)} ({phones} from phones)"
    assert found["Notes"].section == f"{number}. {first.steps[number - 1].title}"
    assert found["People who took part"].figure == "not counted"  # no such step


def test_every_format_opens_on_the_evidence_page(qapp: Any, data_dir: Path, tmp_path: Path) -> None:
    from docx import Document

    store, _first, third = third_workshop(data_dir)
    journey = group_journey(store, third)
    paths = export(
        third, REGISTRY, tmp_path, ["pdf", "docx", "odt", "md"], options=Options(journey=journey)
    )
    by = {p.suffix: p for p in paths}
    expected = [f.figure for f in evidence.figures(third, REGISTRY, journey)]
    first_page = pdf_text(by[".pdf"]).split("\f")[0]
    assert "Evidence at a glance" in first_page
    for figure in expected:
        assert squeeze(figure) in squeeze(first_page), figure
    document = Document(str(by[".docx"]))
    table = document.tables[0]  # the first table of the document
    cells = [squeeze(c.text) for row in table.rows for c in row.cells]
    for figure in expected:
        assert squeeze(figure) in cells, figure
    heads = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert heads[1] == "Evidence at a glance"  # after the title
    odt = odt_text(by[".odt"])
    assert odt.index("Evidence at a glance") < odt.index("Agenda as planned and as run")
    assert all(squeeze(f) in squeeze(odt) for f in expected)
    # Last time's actions with their status, on the evidence page.
    review = document.tables[2]  # after the figures and the six elements
    assert [c.text for c in review.rows[0].cells] == ["Action", "Agreed at", "Status"]
    assert [c.text for c in review.rows[1].cells] == [
        INVITE,
        "Introduction to co-production 2026-01-15",
        "Done",
    ]
    assert "Last time's actions, from 2. Last time's actions:" in first_page
    md = by[".md"].read_text("utf-8")
    assert md.index("Evidence at a glance") < md.index("Agenda as planned")
    assert LETTER not in odt  # done at the second workshop: not reviewed again
