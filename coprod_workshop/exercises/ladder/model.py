"""State of a ladder vote step (pure Python, no Qt).

The ladder itself (rungs bottom to top, the bands they fall in, its credit)
is data in ``resources/ladder/<id>.json``; a step names the ladder it uses
and holds its vote rounds and whether the room may see the results.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field
from coprod_workshop.core.session import new_id
from coprod_workshop.paths import resource_json
from coprod_workshop.voting import VoteRound
from coprod_workshop.voting.commands import HeldRounds

DEFAULT_LADDER = "tlap"
LADDERS = ("tlap", "arnstein")
MAX_RUNGS = 9  # rungs are voted for with the keys 1 to 9
MAX_ROUNDS = 6
#: hidden: nobody sees the distribution until the facilitator reveals it;
#: live: the chart is on screen and fills as votes arrive;
#: revealed: the facilitator has revealed the results.
RESULT_MODES = ("hidden", "live", "revealed")
DEFAULT_QUESTIONS = (
    "Where is our service on the ladder now?",
    "Where do we want it to be?",
)
MAX_QUESTION = 200


@dataclass(frozen=True)
class Rung:
    number: int  # 1 is the bottom rung
    name: str
    description: str
    band: int  # index into Ladder.bands


@dataclass(frozen=True)
class Band:
    name: str
    summary: str
    first: int  # index of its lowest rung
    last: int  # index of its highest rung


@dataclass(frozen=True)
class Ladder:
    id: str
    title: str
    credit: str
    link: str
    link_text: str  # the link as the projector shows it
    rungs: tuple[Rung, ...]  # bottom to top
    bands: tuple[Band, ...]  # bottom to top

    def __len__(self) -> int:
        return len(self.rungs)


def _parse_ladder(ladder_id: str, doc: Any) -> Ladder:
    where = f"ladder {ladder_id!r}"
    band_docs = field(doc, "bands", list, where)
    band_names = [field(b, "name", str, f"{where}, band") for b in band_docs]
    rung_docs = field(doc, "rungs", list, where)
    if not 2 <= len(rung_docs) <= MAX_RUNGS:
        raise DocumentError(f"{where} has {len(rung_docs)} rungs; it needs 2 to {MAX_RUNGS}")
    rungs = []
    for number, rung_doc in enumerate(rung_docs, start=1):
        here = f"{where}, rung {number}"
        band = field(rung_doc, "band", str, here)
        if band not in band_names:
            raise DocumentError(f"{here}: band {band!r} is not one of {', '.join(band_names)}")
        rungs.append(
            Rung(
                number,
                field(rung_doc, "name", str, here),
                field(rung_doc, "description", str, here, ""),
                band_names.index(band),
            )
        )
    if [r.band for r in rungs] != sorted(r.band for r in rungs):
        raise DocumentError(f"{where}: each band's rungs must follow one another, bottom to top")
    bands = []
    for index, band_doc in enumerate(band_docs):
        members = [r.number - 1 for r in rungs if r.band == index]
        if not members:
            raise DocumentError(f"{where}: band {band_names[index]!r} has no rungs")
        summary = field(band_doc, "summary", str, f"{where}, band", "")
        bands.append(Band(band_names[index], summary, members[0], members[-1]))
    return Ladder(
        ladder_id,
        field(doc, "title", str, where),
        field(doc, "credit", str, where, ""),
        field(doc, "link", str, where, ""),
        field(doc, "link_text", str, where, ""),
        tuple(rungs),
        tuple(bands),
    )


@cache
def load_ladder(ladder_id: str) -> Ladder:
    """The ladder shipped as ``resources/ladder/<ladder_id>.json``."""
    if ladder_id not in LADDERS:
        raise DocumentError(
            f"unknown ladder {ladder_id!r} (this version has: {', '.join(LADDERS)})"
        )
    return _parse_ladder(ladder_id, resource_json("ladder", f"{ladder_id}.json"))


class LadderStep(HeldRounds):
    """The ladder a step uses, its vote rounds and who may see the results.

    Changed only by the commands in ``exercises.ladder.commands``, which then
    announce the change on the session.
    """

    #: what the phone page asks a participant to do
    phone_task = "Tap the rung that fits best. You can change your vote until voting closes."

    def __init__(
        self,
        ladder_id: str = DEFAULT_LADDER,
        rounds: list[VoteRound] | None = None,
        results: str = "hidden",
    ) -> None:
        if results not in RESULT_MODES:
            raise ValueError(f"unknown results mode {results!r}")
        self.ladder_id = ladder_id
        choices = len(load_ladder(ladder_id))
        if rounds is None:
            rounds = [VoteRound(new_id(), q, choices) for q in DEFAULT_QUESTIONS]
        self.rounds = rounds
        self.results = results

    # -- reading ---------------------------------------------------------
    @property
    def ladder(self) -> Ladder:
        return load_ladder(self.ladder_id)

    @property
    def results_shown(self) -> bool:
        return self.results != "hidden"

    # -- a question with N choices (voting.commands.Poll) --------------------
    def round_name(self, round_id: str) -> str:
        return f"round {self.round_index(round_id) + 1}"

    def choice_name(self, round_id: str, choice: int) -> str:
        return self.ladder.rungs[choice].name

    def ballot_text(self, round_id: str) -> tuple[str, tuple[tuple[str, str], ...], str, str]:
        ladder = self.ladder
        choices = tuple((rung.name, rung.description) for rung in ladder.rungs)
        return self.round(round_id).question, choices, ladder.title, ladder.credit

    # -- storing -----------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        return {
            "ladder": self.ladder_id,
            "results": self.results,
            "rounds": [r.to_doc() for r in self.rounds],
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> LadderStep:
        where = "the ladder vote"
        ladder_id = field(doc, "ladder", str, where, DEFAULT_LADDER)
        choices = len(load_ladder(ladder_id))
        results = field(doc, "results", str, where, "hidden")
        if results not in RESULT_MODES:
            raise DocumentError(
                f"{where}: results {results!r} is not one of {', '.join(RESULT_MODES)}"
            )
        round_docs = field(doc, "rounds", list, where, None)
        if round_docs is None:
            return cls(ladder_id, results=results)
        if not 1 <= len(round_docs) <= MAX_ROUNDS:
            raise DocumentError(f"{where} has {len(round_docs)} rounds; it needs 1 to {MAX_ROUNDS}")
        rounds = [
            VoteRound.from_doc(r, f"{where}, round {n}", choices)
            for n, r in enumerate(round_docs, start=1)
        ]
        if len({r.id for r in rounds}) != len(rounds):
            raise DocumentError(f"{where}: two rounds share the same id")
        if sum(r.is_open for r in rounds) > 1:
            raise DocumentError(f"{where}: more than one round is open")
        return cls(ladder_id, rounds, results)

    def without_results(self) -> LadderStep:
        """The same ladder and questions, no votes, rounds not started, results hidden."""
        results = "live" if self.results == "live" else "hidden"
        return LadderStep(self.ladder_id, [r.without_votes() for r in self.rounds], results)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LadderStep):
            return NotImplemented
        return (self.ladder_id, self.results, self.rounds) == (
            other.ladder_id,
            other.results,
            other.rounds,
        )

    __hash__ = None  # type: ignore[assignment]
