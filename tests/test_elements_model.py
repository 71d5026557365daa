"""The six elements self-assessment and the journey, without Qt."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.elements.commands import (
    AddElement,
    ChooseSet,
    EditElement,
    EditPoint,
    RemoveElement,
    SetResults,
)
from coprod_workshop.exercises.elements.model import SelfAssessment, load_set, summarise
from coprod_workshop.exercises.journey.model import last_two_ratings, read_journey
from coprod_workshop.exercises.ladder.model import LadderStep
from coprod_workshop.storage.store import SessionStore
from coprod_workshop.voting.commands import CastVote, ClearRound, OpenRound, SetHandCount


def assessment_session(group: str = "", date: str = "2026-01-10", title: str = "Check") -> Session:
    steps = [
        Step("elements", "Six elements: where are we now?", 15, SelfAssessment()),
        Step("ladder", "Ladder", 15, LadderStep()),
    ]
    session = Session(title, steps, date_=date)
    session.group = group
    return session


def rate(session: Session, element: int, ratings: list[int], step: int = 0) -> None:
    """Ratings 1-5 for one element, cast on the shared screen."""
    state = session.steps[step].state
    step_id = session.steps[step].id
    OpenRound(step_id, state.rounds[element].id).redo(session)
    for rating in ratings:
        CastVote(step_id, rating - 1).redo(session)


def test_the_shipped_sets_name_their_sources_and_describe_every_point() -> None:
    six = load_set("six-elements")
    assert [name for name, _ in six.elements] == [
        "Assets",
        "Capacity",
        "Mutuality",
        "Networks",
        "Shared roles",
        "Catalysts",
    ]
    assert "nef" in six.credit and "this app's own words" in six.credit
    for point in six.scale:
        assert point.name and point.description
    assert all(description for _, description in six.elements)
    other = load_set("four-principles")
    assert "Coproduction Assessment" in other.credit


def test_median_and_spread_of_a_room() -> None:
    summary = summarise((1, 0, 2, 4, 1))  # ratings 1, 3, 3, 4, 4, 4, 4, 5
    assert summary.count == 8
    assert summary.median == 4.0
    assert (summary.lowest, summary.highest) == (1, 5)
    assert summary.low is not None and summary.high is not None
    assert 3 <= summary.low <= summary.median <= summary.high <= 4
    nobody = summarise((0, 0, 0, 0, 0))
    assert nobody.median is None and nobody.count == 0
    one = summarise((0, 0, 1, 0, 0))
    assert (one.median, one.low, one.high) == (3.0, 3.0, 3.0)


def test_each_element_is_a_round_rated_one_to_five_by_screen_hands_and_phone() -> None:
    session = assessment_session()
    step_id = session.steps[0].id
    state = session.steps[0].state
    rate(session, 0, [2, 3])
    SetHandCount(step_id, state.rounds[0].id, 4, 3).redo(session)  # three hands for 5
    CastVote(step_id, 0, participant="phone:abc", source="phone", request_id="r1").redo(session)
    assert state.rounds[0].tally() == (1, 1, 1, 0, 3)
    assert state.summaries()[0].median == 4.0
    assert state.summaries()[1].count == 0
    assert state.choice_name(state.rounds[0].id, 4) == "5 (Always)"


def test_results_are_hidden_until_revealed_and_stored_with_the_wording(tmp_path: Path) -> None:
    session = assessment_session(group="Carers' forum")
    step_id = session.steps[0].id
    state = session.steps[0].state
    assert not state.results_shown
    rate(session, 2, [4, 4, 5])
    SetResults(step_id, "revealed").redo(session)
    element_id = state.elements[2].id
    EditElement(step_id, element_id, "name", "Give and take").redo(session)
    EditPoint(step_id, 0, "description", "Nowhere yet").redo(session)
    store = SessionStore(tmp_path, REGISTRY)
    store.save(session)
    store.unlock(session.id)
    again = store.load(session.id)
    assert again.group == "Carers' forum"
    assert again.steps[0].state == state
    assert again.steps[0].state.results_shown
    assert again.steps[0].state.rounds[2].question == "Give and take"
    fresh = state.without_results()
    assert fresh.vote_count == 0 and not fresh.results_shown
    assert fresh.elements == state.elements and fresh.scale == state.scale


def test_older_files_without_a_group_or_ratings_still_open() -> None:
    doc = assessment_session().to_doc()
    del doc["group"]
    del doc["steps"][0]["state"]["elements"]
    session = Session.from_doc(doc, REGISTRY)
    assert session.group == ""
    assert len(session.steps[0].state.elements) == 6


def test_bad_documents_get_a_clear_message() -> None:
    doc = SelfAssessment().to_doc()
    doc["elements"] = doc["elements"][:2]
    with pytest.raises(DocumentError, match="2 elements"):
        SelfAssessment.from_doc(doc)
    doc = SelfAssessment().to_doc()
    doc["rounds"][0]["votes"] = [{"participant": "screen:x", "choice": 7, "source": "screen"}]
    with pytest.raises(DocumentError, match="choice 7"):
        SelfAssessment.from_doc(doc)
    doc = SelfAssessment().to_doc()
    doc["rounds"][0]["id"] = "gone"
    with pytest.raises(DocumentError, match="an element it does not have"):
        SelfAssessment.from_doc(doc)
    with pytest.raises(DocumentError, match="unknown set"):
        SelfAssessment.from_doc({"set": "nine-elements"})


def test_another_set_replaces_the_elements_only_before_any_rating() -> None:
    session = assessment_session()
    step_id = session.steps[0].id
    command = ChooseSet(step_id, "four-principles")
    command.redo(session)
    state = session.steps[0].state
    assert [e.name for e in state.elements][0] == "People as assets"
    assert state.scale[0].name == "Never"
    command.undo(session)
    assert state.elements[0].name == "Assets"
    rate(session, 0, [3])
    with pytest.raises(ValueError, match="clear the ratings"):
        ChooseSet(step_id, "four-principles").redo(session)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=5, max_size=5))
def test_aggregation_matches_the_ratings_in_any_order(counts: list[int]) -> None:
    ratings = [p for p, n in enumerate(counts, start=1) for _ in range(n)]
    summary = summarise(tuple(counts))
    if not ratings:
        assert summary.median is None
        return
    assert summary.median == statistics.median(ratings)
    assert summary.count == len(ratings)
    assert summary.lowest == min(ratings) and summary.highest == max(ratings)
    assert summary.lowest <= summary.low <= summary.median <= summary.high <= summary.highest
    # the same ratings cast one by one, in any order, give the same summary
    session = assessment_session()
    rate(session, 0, list(reversed(ratings)))
    assert session.steps[0].state.summaries()[0] == summary


ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("open"), st.integers(0, 5)),
        st.tuples(st.just("vote"), st.integers(0, 4)),
        st.tuples(st.just("hands"), st.integers(0, 4), st.integers(0, 6)),
        st.tuples(st.just("clear"), st.integers(0, 5)),
        st.tuples(st.just("reveal"), st.booleans()),
        st.tuples(st.just("reword"), st.integers(0, 5), st.text(max_size=12)),
        st.tuples(st.just("point"), st.integers(0, 4), st.text(max_size=12)),
        st.tuples(st.just("add"), st.text(max_size=12)),
        st.tuples(st.just("remove"), st.integers(0, 9)),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(ACTIONS)
def test_undo_puts_back_every_state_and_redo_replays_it(actions: list[tuple]) -> None:  # type: ignore[type-arg]
    session = assessment_session()
    step_id = session.steps[0].id
    state = session.steps[0].state
    done = []
    history = [state.to_doc()]
    for action in actions:
        kind = action[0]
        count = len(state.rounds)
        if kind == "add" and count < 10:
            command = AddElement(step_id, action[1])
        elif kind == "remove" and count > 3:
            command = RemoveElement(step_id, state.rounds[action[1] % count].id)
        elif kind in ("add", "remove"):
            continue
        elif kind == "open":
            command = OpenRound(step_id, state.rounds[action[1] % count].id)
        elif kind == "vote":
            command = CastVote(step_id, action[1])
        elif kind == "hands":
            current = state.current_round or state.rounds[0]
            command = SetHandCount(step_id, current.id, action[1], action[2])
        elif kind == "clear":
            command = ClearRound(step_id, state.rounds[action[1] % count].id)
        elif kind == "reveal":
            command = SetResults(step_id, "revealed" if action[1] else "hidden")
        elif kind == "reword":
            element = state.elements[action[1] % count]
            command = EditElement(step_id, element.id, "name", action[2])
        else:
            command = EditPoint(step_id, action[1], "description", action[2])
        command.redo(session)
        done.append(command)
        history.append(state.to_doc())
    for command, before in zip(reversed(done), reversed(history[:-1]), strict=True):
        command.undo(session)
        assert state.to_doc() == before
    for command, after in zip(done, history[1:], strict=True):
        command.redo(session)
        assert state.to_doc() == after


def test_the_journey_of_a_group_across_three_dated_sessions(tmp_path: Path) -> None:
    store = SessionStore(tmp_path, REGISTRY)
    dates = ["2026-09-01", "2026-03-02", "2026-06-15"]  # saved out of order
    for number, date in enumerate(dates):
        session = assessment_session("Riverside carers' group", date, f"Visit {date}")
        rate(session, 0, [1 + number, 2 + number])
        rate(session, 0, [2 + number, 2 + number], step=1)
        rate(session, 1, [5, 6], step=1)
        store.save(session)
        store.unlock(session.id)
    other = assessment_session("Hillside youth panel", "2026-04-01", "Elsewhere")
    rate(other, 0, [5, 5])
    store.save(other)
    store.unlock(other.id)
    now = assessment_session("  riverside CARERS' group", "2026-12-01", "Six months on")
    rate(now, 0, [5])
    visits = read_journey(store, now)
    assert [v.date for v in visits] == ["2026-03-02", "2026-06-15", "2026-09-01", "2026-12-01"]
    assert "Elsewhere" not in [v.title for v in visits]
    # March rated 2 and 3 (the second session saved)
    assert visits[0].ratings[0][1].median == 2.5
    assert visits[-1].ratings[0][1].median == 5.0
    assert [v.ladder.now for v in visits[:3]] == [3.0, 4.0, 2.0]  # type: ignore[union-attr]
    assert visits[0].ladder is not None and visits[0].ladder.wanted == 5.5  # rungs 5 and 6
    assert visits[-1].ladder is None  # no ladder vote yet today
    last, this = last_two_ratings(visits)
    assert last is visits[-2] and this is visits[-1]
    assert read_journey(store, assessment_session("", "2026-12-01"))[0].title == "Check"
    assert len(read_journey(store, assessment_session(""))) == 1


def test_a_file_s_group_is_found_without_being_fooled_by_titles(tmp_path: Path) -> None:
    from coprod_workshop.storage.store import stored_group

    store = SessionStore(tmp_path, REGISTRY)
    tricky = assessment_session('Bridge "group": "Riverside carers" day', "2026-05-01")
    tricky.group = "Hillside youth panel"
    tricky.facilitator = 'Sam \\"group\\":"x" ' + "é" * 3000  # escapes, and a long head
    store.save(tricky)
    store.unlock(tricky.id)
    assert stored_group(store.path_of(tricky.id)) == "Hillside youth panel"
    old = assessment_session(group="", title="Before groups")
    doc = old.to_doc()
    del doc["group"]
    store.path_of(old.id).write_text(json.dumps({"session": {"1": doc}}), encoding="utf-8")
    assert stored_group(store.path_of(old.id)) == ""
    damaged = store.path_of("damaged")
    damaged.write_bytes(b"\\x89PNG not a session")
    assert stored_group(damaged) is None
    today = assessment_session("Riverside carers", "2026-12-01")
    assert [v.title for v in read_journey(store, today)] == ["Check"]  # none of them
    assert store.take_problems()  # the damaged file was looked at, and said so


def test_elements_can_be_added_and_removed_within_limits() -> None:
    session = assessment_session()
    step_id = session.steps[0].id
    state = session.steps[0].state
    rate(session, 1, [4, 4])
    add = AddElement(step_id, "  Listening   to carers ", "Do we hear them?")
    add.redo(session)
    assert state.elements[-1].name == "Listening to carers"
    assert state.rounds[-1].question == "Listening to carers" and len(state.rounds) == 7
    remove = RemoveElement(step_id, state.elements[1].id)
    remove.redo(session)
    assert [e.name for e in state.elements][:2] == ["Assets", "Mutuality"]
    remove.undo(session)
    assert state.elements[1].name == "Capacity" and state.rounds[1].tally()[3] == 2
    add.undo(session)
    assert len(state.elements) == 6
    for element in state.elements[:3]:
        RemoveElement(step_id, element.id).redo(session)
    with pytest.raises(ValueError, match="at least 3"):
        RemoveElement(step_id, state.elements[0].id).redo(session)
