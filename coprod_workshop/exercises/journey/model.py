"""A group's journey: its self-assessments and ladder votes, one workshop after another.

Pure Python, no Qt. Every session names the group it is for (the team,
service or partnership, ``Session.group``). The journey of a group is what
each of its sessions found, in date order: the room's median and spread per
element of its latest self-assessment with ratings, and the median rung of
its latest ladder vote for "now" (the first round) and "wanted" (the second).

Earlier sessions are read from the group's history (``core.history``, which storage
provides) only when a journey is shown (:func:`read_journey`), as the digests the summary
index keeps of them (:func:`digest`, written when a session is saved): a group's journey
never opens every session file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.history import GroupHistory, same_group
from coprod_workshop.core.session import Session
from coprod_workshop.exercises.elements.model import SelfAssessment, Summary, summarise
from coprod_workshop.exercises.ladder.model import LadderStep



class JourneyStep:
    """A step that shows the group's journey so far; it holds no results of its own."""

    def to_doc(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> JourneyStep:
        return cls()

    def without_results(self) -> JourneyStep:
        return JourneyStep()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JourneyStep)

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class LadderPoint:
    """Median rungs (1 is the bottom) of one ladder vote; None where nobody voted."""

    title: str
    rungs: tuple[str, ...]
    now: float | None
    wanted: float | None


@dataclass(frozen=True)
class Visit:
    """What one session of the group found."""

    session_id: str
    title: str
    date: str
    ratings: tuple[tuple[str, Summary], ...]  # (element name, summary), () if none
    ladder: LadderPoint | None

    @property
    def found_anything(self) -> bool:
        return bool(self.ratings) or self.ladder is not None


def visit_of(session: Session) -> Visit:
    """A session's latest self-assessment with ratings and latest ladder vote with votes."""
    ratings: tuple[tuple[str, Summary], ...] = ()
    ladder: LadderPoint | None = None
    for step in session.steps:
        state = step.state
        if isinstance(state, SelfAssessment) and state.vote_count:
            ratings = tuple(
                (element.name, summary)
                for element, summary in zip(state.elements, state.summaries(), strict=True)
            )
        elif isinstance(state, LadderStep) and state.vote_count:
            medians = [summarise(r.tally()).median for r in state.rounds[:2]]
            medians += [None] * (2 - len(medians))
            rungs = tuple(rung.name for rung in state.ladder.rungs)
            ladder = LadderPoint(state.ladder.title, rungs, medians[0], medians[1])
    return Visit(session.id, session.title, session.date, ratings, ladder)


def _summary_doc(summary: Summary) -> list[Any]:
    return [
        summary.count,
        list(summary.counts),
        summary.median,
        summary.low,
        summary.high,
        summary.lowest,
        summary.highest,
    ]


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    raise DocumentError("an indexed figure is not a number")


def _summary(doc: Any) -> Summary:
    if not (isinstance(doc, list) and len(doc) == 7 and isinstance(doc[1], list)):
        raise DocumentError("an indexed summary is not one")
    count, counts, median, low, high, lowest, highest = doc
    if not isinstance(count, int) or not all(isinstance(n, int) for n in counts):
        raise DocumentError("an indexed summary's counts are not whole numbers")
    return Summary(
        count,
        tuple(counts),
        _number(median),
        _number(low),
        _number(high),
        None if lowest is None else int(lowest),
        None if highest is None else int(highest),
    )


def digest(session: Session) -> dict[str, Any]:
    """What the summary index keeps of ``session`` for its group's journey (JSON)."""
    visit = visit_of(session)
    ladder = visit.ladder
    return {
        "ratings": [[name, _summary_doc(summary)] for name, summary in visit.ratings],
        "ladder": None
        if ladder is None
        else [ladder.title, list(ladder.rungs), ladder.now, ladder.wanted],
    }


def visit_from_digest(session_id: str, title: str, date: str, doc: Any) -> Visit:
    """A :class:`Visit` back from :func:`digest`; raises DocumentError if it is not one."""
    if not isinstance(doc, dict) or not isinstance(doc.get("ratings"), list):
        raise DocumentError("an indexed journey is not a record")
    ratings = []
    for item in doc["ratings"]:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            raise DocumentError("an indexed rating is not (element, summary)")
        ratings.append((item[0], _summary(item[1])))
    ladder = None
    found = doc.get("ladder")
    if found is not None:
        if not (isinstance(found, list) and len(found) == 4 and isinstance(found[1], list)):
            raise DocumentError("an indexed ladder is not one")
        ladder = LadderPoint(
            str(found[0]), tuple(str(r) for r in found[1]), _number(found[2]), _number(found[3])
        )
    return Visit(session_id, title, date, tuple(ratings), ladder)


def in_order(visits: Iterable[Visit]) -> list[Visit]:
    """Visits by date (then title), oldest first."""
    return sorted(visits, key=lambda v: (v.date, v.title, v.session_id))


def read_journey(history: GroupHistory | None, session: Session) -> list[Visit]:
    """The journey of ``session``'s group: its earlier sessions from ``history`` (the
    store, as the workshop offers it), and itself.

    Sessions that found nothing (no ratings, no ladder votes) are left out,
    except ``session`` itself. Without a group, only ``session``.
    """
    visits = [visit_of(session)]
    if history is not None and session.group.strip():
        for found in history.digests_of_group(session.group, same_group, "journey"):
            if found.session_id == session.id:
                continue
            try:
                visit = visit_from_digest(*found)
            except DocumentError:
                continue  # a damaged index entry: the index is rebuilt when it is found so
            if visit.found_anything:
                visits.append(visit)
    return in_order(visits)


def last_two_ratings(visits: list[Visit]) -> tuple[Visit | None, Visit | None]:
    """(last time, this time): the two latest visits with ratings (either may be None)."""
    rated = [v for v in visits if v.ratings]
    if not rated:
        return None, None
    if len(rated) == 1:
        return None, rated[0]
    return rated[-2], rated[-1]
