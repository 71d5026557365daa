"""The vote model: rounds, votes, tallies, and the ladder vote's undoable commands (no Qt)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.session import Session, Step
from coprod_workshop.exercises import REGISTRY
from coprod_workshop.exercises.ladder import commands as cmd
from coprod_workshop.exercises.ladder.model import LadderStep, load_ladder
from coprod_workshop.voting import Vote, VoteRejected, VoteRound

CHOICES = 7
PEOPLE = [f"phone:{n}" for n in range(5)] + [f"screen:{n}" for n in range(3)]
REQUESTS = ["req-a", "req-b", "req-c", "req-d", "req-e"]


def recount(vote_round: VoteRound) -> tuple[int, ...]:
    """An independent count of the stored votes."""
    counted = Counter(vote.choice for vote in vote_round.votes.values())
    return tuple(counted[c] for c in range(vote_round.choices))


# -- property-based: any sequence of votes, changes, clears and reopens -------------


class RoundMachine(RuleBasedStateMachine):
    """Drives one round and keeps, beside it, the simplest possible model of what it should hold."""

    def __init__(self) -> None:
        super().__init__()
        self.round = VoteRound("r1", "Where are we now?", CHOICES)
        self.expected: dict[str, int] = {}  # participant -> choice (not hands)
        self.hands = [0] * CHOICES
        self.requests: dict[str, str] = {}
        self.clock = 1000.0

    def tick(self) -> float:
        self.clock += 1
        return self.clock

    @rule()
    def open(self) -> None:
        self.round.open()

    @rule()
    def close(self) -> None:
        self.round.close()

    @rule(
        who=st.sampled_from(PEOPLE),
        choice=st.integers(0, CHOICES - 1),
        source=st.sampled_from(["screen", "phone"]),
        request=st.none() | st.sampled_from(REQUESTS),
    )
    def cast(self, who: str, choice: int, source: str, request: str | None) -> None:
        before = dict(self.round.votes)
        if request is not None and request in self.requests:
            result = self.round.cast_vote(who, choice, source, request, now=self.tick())
            assert result.duplicate and not result.changed
            assert self.round.votes == before  # a repeated request changes nothing
            return
        if not self.round.is_open:
            with pytest.raises(VoteRejected):
                self.round.cast_vote(who, choice, source, request, now=self.tick())
            assert self.round.votes == before
            return
        result = self.round.cast_vote(who, choice, source, request, now=self.tick())
        assert result.previous == before.get(who)
        self.expected[who] = choice
        if request is not None:
            self.requests[request] = who

    @rule(choice=st.integers(0, CHOICES - 1), count=st.integers(0, 6))
    def count_hands(self, choice: int, count: int) -> None:
        if not self.round.is_open:
            with pytest.raises(VoteRejected):
                self.round.set_hand_count(choice, count)
            return
        self.round.set_hand_count(choice, count, now=self.tick())
        self.hands[choice] = count

    @rule(who=st.sampled_from(PEOPLE))
    def withdraw(self, who: str) -> None:
        if self.round.is_open:
            self.round.withdraw(who)
            self.expected.pop(who, None)

    @rule()
    def clear_and_maybe_restore(self) -> None:
        snapshot = self.round.clear()
        assert self.round.count == 0 and self.round.tally() == (0,) * CHOICES
        self.round.restore(snapshot)  # undo of a clear puts back exactly what was there
        self.check_tally()

    @rule()
    def clear(self) -> None:
        self.round.clear()
        self.expected.clear()
        self.hands = [0] * CHOICES
        self.requests.clear()

    @precondition(lambda self: self.round.is_open)
    @rule(who=st.sampled_from(PEOPLE), choice=st.integers(0, CHOICES - 1))
    def cast_then_undo(self, who: str, choice: int) -> None:
        before = dict(self.round.votes)
        result = self.round.cast_vote(who, choice, "phone", "undo-me", now=self.tick())
        self.round.undo_cast(result)
        assert self.round.votes == before
        assert "undo-me" not in self.round.requests

    @rule()
    def survives_saving(self) -> None:
        doc = json.loads(json.dumps(self.round.to_doc()))
        assert VoteRound.from_doc(doc, "round 1", CHOICES) == self.round

    @invariant()
    def check_tally(self) -> None:
        tally = self.round.tally()
        assert tally == recount(self.round)
        wanted = [self.hands[c] for c in range(CHOICES)]
        for choice in self.expected.values():
            wanted[choice] += 1
        assert list(tally) == wanted

    @invariant()
    def nobody_counts_twice(self) -> None:
        people = [v.participant for v in self.round.votes.values()]
        assert len(people) == len(set(people)) == sum(self.round.tally())
        assert {p for p in people if not p.startswith("hand:")} == set(self.expected)
        for participant, vote in self.round.votes.items():
            assert vote.participant == participant


TestRoundMachine = RoundMachine.TestCase
TestRoundMachine.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)


# -- property-based: commands on a ladder step, undo and redo -------------------------

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("open"), st.integers(0, 2)),
        st.tuples(st.just("close"), st.integers(0, 2)),
        st.tuples(st.just("clear"), st.integers(0, 2)),
        st.tuples(st.just("vote"), st.integers(0, 6), st.sampled_from(PEOPLE + [None])),
        st.tuples(st.just("hands"), st.integers(0, 2), st.integers(0, 6), st.integers(0, 5)),
        st.tuples(st.just("question"), st.integers(0, 2), st.text(max_size=20)),
        st.tuples(st.just("results"), st.sampled_from(["hidden", "live", "revealed"])),
        st.tuples(
            st.just("add"),
        ),
        st.tuples(
            st.just("undo"),
        ),
    ),
    max_size=40,
)


def make_command(state: LadderStep, step_id: str, op: tuple):  # type: ignore[no-untyped-def]
    kind = op[0]
    rounds = state.rounds

    def round_id(index: int) -> str:
        return rounds[index % len(rounds)].id

    if kind == "open":
        return cmd.OpenRound(step_id, round_id(op[1]))
    if kind == "close":
        return cmd.CloseRound(step_id, round_id(op[1]))
    if kind == "clear":
        return cmd.ClearRound(step_id, round_id(op[1]))
    if kind == "vote":
        source = "screen" if op[2] is None else "phone"
        return cmd.CastVote(step_id, op[1], participant=op[2], source=source)
    if kind == "hands":
        return cmd.SetHandCount(step_id, round_id(op[1]), op[2], op[3])
    if kind == "question":
        return cmd.EditQuestion(step_id, round_id(op[1]), op[2])
    if kind == "results":
        return cmd.SetResults(step_id, op[1])
    if len(rounds) < 6:
        return cmd.AddRound(step_id, "And next year?")
    return None


def ladder_session() -> Session:
    return Session("Votes", [Step("ladder", "Ladder", 15, LadderStep())])


@settings(max_examples=120, deadline=None)
@given(OPERATIONS)
def test_commands_undo_to_the_start_and_redo_to_the_end(operations: list[tuple]) -> None:
    session = ladder_session()
    step = session.steps[0]
    start = LadderStep.from_doc(step.state.to_doc())
    done: list = []
    for op in operations:
        if op[0] == "undo":
            if done:
                done.pop().undo(session)
        else:
            command = make_command(step.state, step.id, op)
            if command is not None:
                command.redo(session)
                done.append(command)
        for vote_round in step.state.rounds:
            assert vote_round.tally() == recount(vote_round)
            assert sum(vote_round.tally()) == len(vote_round.votes)
        assert sum(r.is_open for r in step.state.rounds) <= 1
    end = LadderStep.from_doc(step.state.to_doc())
    assert end == step.state  # the saved form holds every vote, round and the reveal state
    for command in reversed(done):
        command.undo(session)
    assert step.state == start
    for command in done:
        command.redo(session)
    assert step.state == end


# -- plain tests --------------------------------------------------------------------


def test_a_repeated_request_id_counts_once_even_after_the_vote_changed() -> None:
    vote_round = VoteRound("r1", "Now?", 7)
    vote_round.open()
    first = vote_round.cast_vote("phone:1", 2, "phone", "a")
    assert first.changed and first.previous is None
    changed = vote_round.cast_vote("phone:1", 5, "phone", "b")
    assert changed.previous == first.vote
    late_retry = vote_round.cast_vote("phone:1", 2, "phone", "a")
    assert late_retry.duplicate and not late_retry.changed
    assert vote_round.tally() == (0, 0, 0, 0, 0, 1, 0)


def test_a_closed_round_refuses_votes_and_reopening_keeps_them() -> None:
    vote_round = VoteRound("r1", "Now?", 7)
    with pytest.raises(VoteRejected, match="not open"):
        vote_round.cast_vote("screen:1", 1, "screen")
    vote_round.open()
    vote_round.cast_vote("screen:1", 1, "screen")
    vote_round.close()
    with pytest.raises(VoteRejected):
        vote_round.cast_vote("screen:2", 1, "screen")
    vote_round.open()
    assert vote_round.tally()[1] == 1


def test_hands_are_stored_votes_and_lowering_a_count_removes_the_latest() -> None:
    vote_round = VoteRound("r1", "Now?", 7)
    vote_round.open()
    removed, added = vote_round.set_hand_count(3, 4, now=1.0)
    assert removed == [] and [v.participant for v in added] == [f"hand:3:{n}" for n in range(1, 5)]
    removed, added = vote_round.set_hand_count(3, 2, now=2.0)
    assert [v.participant for v in removed] == ["hand:3:3", "hand:3:4"] and added == []
    assert vote_round.tally()[3] == 2 == vote_round.hand_count(3)
    assert vote_round.count_by_source() == Counter({"hand": 2})


def test_malformed_votes_are_rejected() -> None:
    vote_round = VoteRound("r1", "Now?", 7)
    vote_round.open()
    with pytest.raises(VoteRejected, match="between 0 and 6"):
        vote_round.cast_vote("screen:1", 7, "screen")
    with pytest.raises(VoteRejected, match="source 'fax'"):
        vote_round.cast_vote("screen:1", 1, "fax")
    with pytest.raises(VoteRejected, match="does not match"):
        vote_round.cast_vote("hand:1:1", 1, "phone")
    assert vote_round.count == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "paused"}, "round 1: status 'paused' is not one of"),
        ({"votes": [{"participant": "p", "choice": 9, "source": "phone"}]}, "not on the ladder"),
        (
            {
                "votes": [
                    {"participant": "p", "choice": 1, "source": "phone"},
                    {"participant": "p", "choice": 2, "source": "phone"},
                ]
            },
            "participant 'p' voted twice",
        ),
        ({"votes": [{"participant": "p", "choice": 1, "source": "pigeon"}]}, "vote 1: source"),
        ({"votes": [{"choice": 1, "source": "phone"}]}, "vote 1 has no 'participant'"),
        ({"requests": {"a": 3}}, "'requests' should map"),
        ({"question": 5}, "'question' should be text"),
    ],
)
def test_stored_rounds_with_problems_say_what_is_wrong(change: dict, message: str) -> None:
    doc = {"id": "r1", "question": "Now?", "status": "open", "votes": []} | change
    with pytest.raises(DocumentError, match=message):
        VoteRound.from_doc(doc, "round 1", 7)


def test_the_ladders_are_data_with_their_credit() -> None:
    tlap = load_ladder("tlap")
    assert [r.name for r in tlap.rungs] == [
        "Coercion",
        "Educating",
        "Informing",
        "Consultation",
        "Engagement",
        "Co-design",
        "Co-production",
    ]
    assert [(b.name, b.first, b.last) for b in tlap.bands] == [
        ("Doing to", 0, 1),
        ("Doing for", 2, 4),
        ("Doing with", 5, 6),
    ]
    assert "Think Local Act Personal" in tlap.credit
    assert "National Co-production Advisory Group" in tlap.credit
    assert tlap.link.startswith("https://www.thinklocalactpersonal.org.uk/")
    assert all(r.description for r in tlap.rungs)
    arnstein = load_ladder("arnstein")
    assert len(arnstein) == 8 and arnstein.rungs[-1].name == "Citizen control"
    assert [b.name for b in arnstein.bands] == ["Non-participation", "Tokenism", "Citizen power"]
    assert "Arnstein" in arnstein.credit and "1969" in arnstein.credit
    with pytest.raises(DocumentError, match="unknown ladder 'hart'"):
        load_ladder("hart")


def test_a_step_saves_every_vote_and_a_new_session_from_it_starts_clean() -> None:
    session = ladder_session()
    step = session.steps[0]
    first = step.state.rounds[0].id
    for command in (
        cmd.OpenRound(step.id, first),
        cmd.CastVote(step.id, 3, source="screen"),
        cmd.CastVote(step.id, 4, participant="phone:9", source="phone", request_id="x1"),
        cmd.SetHandCount(step.id, first, 1, 2),
        cmd.SetResults(step.id, "revealed"),
    ):
        command.redo(session)
    doc = json.loads(json.dumps(session.to_doc()))
    again = Session.from_doc(doc, REGISTRY)
    state = again.steps[0].state
    assert state == step.state and state.results == "revealed"
    assert state.rounds[0].tally() == (0, 2, 0, 1, 1, 0, 0)
    assert {v.source for v in state.rounds[0].votes.values()} == {"screen", "phone", "hand"}
    fresh = again.copy_as_new(REGISTRY).steps[0].state
    assert fresh.vote_count == 0 and fresh.results == "hidden"
    assert [r.question for r in fresh.rounds] == [r.question for r in state.rounds]
    assert {r.status for r in fresh.rounds} == {"not-started"}


def test_stored_steps_with_problems_say_what_is_wrong() -> None:
    state = LadderStep()
    doc = state.to_doc()
    doc["rounds"][0]["status"] = doc["rounds"][1]["status"] = "open"
    with pytest.raises(DocumentError, match="more than one round is open"):
        LadderStep.from_doc(doc)
    with pytest.raises(DocumentError, match="unknown ladder"):
        LadderStep.from_doc({"ladder": "nope"})
    with pytest.raises(DocumentError, match="has 0 rounds; it needs 1 to 6"):
        LadderStep.from_doc({"rounds": []})
    with pytest.raises(DocumentError, match="results 'shown'"):
        LadderStep.from_doc({"results": "shown"})


def test_opening_a_round_closes_the_other_and_undo_reopens_it() -> None:
    session = ladder_session()
    step = session.steps[0]
    now, wanted = (r.id for r in step.state.rounds)
    cmd.OpenRound(step.id, now).redo(session)
    second = cmd.OpenRound(step.id, wanted)
    second.redo(session)
    assert [r.status for r in step.state.rounds] == ["closed", "open"]
    second.undo(session)
    assert [r.status for r in step.state.rounds] == ["open", "not-started"]
    reopen = cmd.OpenRound(step.id, now)
    cmd.CloseRound(step.id, now).redo(session)
    reopen.redo(session)
    assert reopen.text == "Reopen round 1"


def test_choosing_another_ladder_clears_votes_and_undo_brings_them_back() -> None:
    session = ladder_session()
    step = session.steps[0]
    cmd.OpenRound(step.id, step.state.rounds[0].id).redo(session)
    cmd.CastVote(step.id, 6).redo(session)
    choose = cmd.ChooseLadder(step.id, "arnstein")
    choose.redo(session)
    assert len(step.state.ladder) == 8 and step.state.vote_count == 0
    assert step.state.rounds[0].is_open
    choose.undo(session)
    assert step.state.ladder_id == "tlap" and step.state.rounds[0].tally()[6] == 1


def test_hand_counts_typed_digit_by_digit_merge_into_one_undo_step() -> None:
    session = ladder_session()
    step = session.steps[0]
    first = step.state.rounds[0].id
    cmd.OpenRound(step.id, first).redo(session)
    one = cmd.SetHandCount(step.id, first, 2, 1)
    one.redo(session)
    twelve = cmd.SetHandCount(step.id, first, 2, 12)
    twelve.redo(session)
    assert one.merge(twelve)
    assert step.state.rounds[0].hand_count(2) == 12
    one.undo(session)
    assert step.state.rounds[0].hand_count(2) == 0
    one.redo(session)
    assert step.state.rounds[0].hand_count(2) == 12


def test_a_vote_after_the_round_closed_changes_nothing() -> None:
    session = ladder_session()
    step = session.steps[0]
    late = cmd.CastVote(step.id, 2)
    late.redo(session)
    late.undo(session)
    assert step.state.vote_count == 0


def test_the_vote_model_imports_no_qt() -> None:
    code = (
        "import sys\n"
        "import coprod_workshop.voting, coprod_workshop.exercises.ladder.commands\n"
        "from coprod_workshop.exercises.ladder.model import LadderStep\n"
        "LadderStep()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'matplotlib'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_votes_keep_their_source_and_request_in_the_saved_form() -> None:
    vote = Vote("phone:1", 2, "phone", 12.5, "req-1")
    assert Vote.from_doc(vote.to_doc(), "vote") == vote
    assert "request_id" not in Vote("screen:1", 2, "screen", 1.0).to_doc()
