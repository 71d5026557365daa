"""State of a feedback step (pure Python, no Qt): the room's ratings of the day.

Two questions, each answered 1 to 5 ("How was today for you?", "Did you feel
listened to?"), and a sentence if someone wants to add one. Answers are
anonymous; each keeps its source ("phone", or "facilitator" for someone who
gave it by hand) and the phone's request id (so a retry is taken once). The
counts stay hidden, on every screen, until the facilitator reveals them; the
sentences go to the report only, never on the projector.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field
from coprod_workshop.core.translate import QT_TRANSLATE_NOOP
from coprod_workshop.voting.inbox import Collection

#: the questions and what the ends of each one's scale mean (1, then 5); a view shows
#: them through ``QCoreApplication.translate("feedback", ...)``
QUESTIONS = (
    QT_TRANSLATE_NOOP("feedback", "How was today for you?"),
    QT_TRANSLATE_NOOP("feedback", "Did you feel listened to?"),
)
ENDS = (
    (QT_TRANSLATE_NOOP("feedback", "not good"), QT_TRANSLATE_NOOP("feedback", "very good")),
    (QT_TRANSLATE_NOOP("feedback", "not at all"), QT_TRANSLATE_NOOP("feedback", "completely")),
)
SCALE = 5
MAX_SENTENCE = 280
MAX_RESPONSES = 600
WHERE = "the feedback step"
SOURCES = ("phone", "facilitator")


@dataclass(frozen=True)
class Response:
    """One person's feedback: a rating (1-5, 0: not given) per question, a sentence."""

    id: str
    ratings: tuple[int, ...]
    sentence: str = ""
    source: str = "phone"
    request_id: str = ""

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"id": self.id, "ratings": list(self.ratings)}
        if self.sentence:
            doc["sentence"] = self.sentence
        doc["source"] = self.source
        if self.request_id:
            doc["request_id"] = self.request_id
        return doc

    @classmethod
    def from_doc(cls, doc: Any, where: str) -> Response:
        ratings = field(doc, "ratings", list, where)
        if len(ratings) != len(QUESTIONS) or not all(
            isinstance(r, int) and not isinstance(r, bool) and 0 <= r <= SCALE for r in ratings
        ):
            raise DocumentError(f"{where}: 'ratings' should be {len(QUESTIONS)} numbers, 0 to 5")
        source = field(doc, "source", str, where, "phone")
        if source not in SOURCES:
            raise DocumentError(f"{where}: source {source!r} is not phone or facilitator")
        return cls(
            field(doc, "id", str, where),
            tuple(ratings),
            field(doc, "sentence", str, where, ""),
            source,
            field(doc, "request_id", str, where, ""),
        )


class Feedback:
    """The answers given, and whether their counts are revealed (changed by commands)."""

    contribution_kind = "feedback"

    def __init__(
        self,
        responses: list[Response] | None = None,
        *,
        revealed: bool = False,
        collection: Collection | None = None,
    ) -> None:
        self.responses: list[Response] = list(responses or [])
        self.revealed = revealed
        #: whether phones may answer now, the round, the request ids taken
        self.collection = collection or Collection()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Feedback) and other.to_doc() == self.to_doc()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Feedback({len(self.responses)} answers, revealed={self.revealed})"

    # -- phones (``voting.inbox.Collects``) --------------------------------------
    def contribution_places(self) -> tuple[str, ...]:
        return QUESTIONS

    def contribution_limit(self) -> int:
        return MAX_SENTENCE

    def dot_items(self) -> tuple[tuple[str, str], ...]:
        return ()

    def contribution_task(self) -> str:
        return (
            "Choose a number from 1 to 5 for each question, and add a sentence if you "
            "like. Your answers are anonymous."
        )

    # -- reading -------------------------------------------------------------------
    def counts(self, question: int) -> tuple[int, ...]:
        """How many gave each rating (1 to 5) to ``question``, recounted each time."""
        counts = [0] * SCALE
        for response in self.responses:
            rating = response.ratings[question]
            if rating:
                counts[rating - 1] += 1
        return tuple(counts)

    def sentences(self) -> list[str]:
        return [r.sentence for r in self.responses if r.sentence]

    def results(self) -> list[dict[str, Any]]:
        """Every answer for a report: a rating per question (0: not given), the sentence,
        and its source ("phone" or "facilitator")."""
        return [
            {
                **{f"rating_{n + 1}": r.ratings[n] for n in range(len(QUESTIONS))},
                "sentence": r.sentence,
                "source": r.source,
            }
            for r in self.responses
        ]

    # -- storing -------------------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "responses": [r.to_doc() for r in self.responses],
            "revealed": self.revealed,
        }
        phones = self.collection.saved_doc()
        if phones is not None:
            doc["phones"] = phones
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Feedback:
        docs = field(doc, "responses", list, WHERE, [])
        if len(docs) > MAX_RESPONSES:
            raise DocumentError(f"{WHERE} has {len(docs)} answers; at most {MAX_RESPONSES}")
        responses = [
            Response.from_doc(item, f"{WHERE}, answer {n}") for n, item in enumerate(docs, 1)
        ]
        if len({r.id for r in responses}) != len(responses):
            raise DocumentError(f"{WHERE}: two answers share one id")
        return cls(
            responses,
            revealed=field(doc, "revealed", bool, WHERE, False),
            collection=Collection.from_doc(doc.get("phones"), WHERE),
        )

    def without_results(self) -> Feedback:
        return Feedback(collection=self.collection.fresh())
