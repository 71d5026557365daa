"""State of an actions step (pure Python): what the room will do next, who, by when."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field as doc_field
from coprod_workshop.core.session import new_id
from coprod_workshop.exercises.cards.board import clean_text as clean
from coprod_workshop.voting.inbox import Collection

MAX_ACTIONS = 30
MAX_TEXT = 200
MAX_WHO = 80
MAX_WHEN = 40
DEFAULT_PROMPT = "One small step we can take together"
WHERE = "the actions step"


@dataclass(frozen=True)
class Action:
    """One agreed step: ``what`` is needed; ``who`` and ``when`` may be left open.
    ``id`` stays with the action for good, so a later workshop can say what became of it;
    ``source``: typed by the "facilitator" or sent from a "phone"."""

    what: str
    who: str = ""
    when: str = ""
    id: str = ""
    source: str = "facilitator"

    def to_doc(self) -> dict[str, str]:
        doc = {"what": self.what, "who": self.who, "when": self.when, "id": self.id}
        return doc if self.source == "facilitator" else {**doc, "source": self.source}


@dataclass(frozen=True)
class ActionList:
    """The question put to the room and the actions it agreed, in the order agreed."""

    prompt: str = DEFAULT_PROMPT
    actions: tuple[Action, ...] = field(default_factory=tuple)
    #: actions sent from phones, waiting for the facilitator (``voting.inbox``); one
    #: object shared by every edited copy of the list, changed by the inbox's commands
    collection: Collection = field(default_factory=Collection)

    contribution_kind = "action"

    def contribution_places(self) -> tuple[str, ...]:
        return ()

    def contribution_limit(self) -> int:
        return MAX_TEXT

    def dot_items(self) -> tuple[tuple[str, str], ...]:
        """What a dot round offers: every action, by its number and words."""
        return tuple((a.id or f"action-{n}", a.what) for n, a in enumerate(self.actions, start=1))

    def contribution_task(self) -> str:
        return (
            "Suggest a small step the group could take: what, and if you like who and by "
            f"when. The facilitator reads every action before the room sees it. At most "
            f"{MAX_TEXT} characters."
        )

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"prompt": self.prompt, "actions": [a.to_doc() for a in self.actions]}
        phones = self.collection.saved_doc()
        if phones is not None:
            doc["phones"] = phones
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> ActionList:
        docs = doc_field(doc, "actions", list, WHERE, [])
        if len(docs) > MAX_ACTIONS:
            raise DocumentError(f"{WHERE} has {len(docs)} actions; at most {MAX_ACTIONS} fit")
        actions = []
        for number, item in enumerate(docs, start=1):
            where = f"{WHERE}, action {number}"
            what = clean(doc_field(item, "what", str, where), MAX_TEXT)
            if not what:
                raise DocumentError(f"{where} says nothing about what is to be done")
            source = doc_field(item, "source", str, where, "facilitator")
            if source not in ("facilitator", "phone"):
                raise DocumentError(f"{where}: source {source!r} is not facilitator or phone")
            actions.append(
                Action(
                    what,
                    clean(doc_field(item, "who", str, where, ""), MAX_WHO),
                    clean(doc_field(item, "when", str, where, ""), MAX_WHEN),
                    # an action saved before actions had ids is known by its place
                    doc_field(item, "id", str, where, "")[:40] or str(number),
                    source,
                )
            )
        prompt = clean(doc_field(doc, "prompt", str, WHERE, DEFAULT_PROMPT), MAX_TEXT)
        return cls(prompt, tuple(actions), Collection.from_doc(doc.get("phones"), WHERE))

    def without_results(self) -> ActionList:
        return replace(self, actions=(), collection=self.collection.fresh())

    # -- results ---------------------------------------------------------------
    def results(self) -> list[dict[str, Any]]:
        """Every action for a report: its number (from 1), what, who, by when, and its
        source ("phone" or "facilitator")."""
        return [
            {"number": number, **action.to_doc(), "source": action.source}
            for number, action in enumerate(self.actions, start=1)
        ]

    # -- edited copies (the views run them as ReplaceState commands) -----------
    def with_action(
        self, what: str, who: str = "", when: str = "", source: str = "facilitator"
    ) -> ActionList:
        """A copy with one more action; raises ValueError if it cannot be taken."""
        action = Action(
            clean(what, MAX_TEXT), clean(who, MAX_WHO), clean(when, MAX_WHEN), new_id(), source
        )
        if not action.what:
            raise ValueError("say what the action is")
        if len(self.actions) >= MAX_ACTIONS:
            raise ValueError(f"there are already {MAX_ACTIONS} actions")
        return replace(self, actions=(*self.actions, action))

    def without_action(self, index: int) -> ActionList:
        return replace(self, actions=self.actions[:index] + self.actions[index + 1 :])

    def with_prompt(self, prompt: str) -> ActionList:
        return replace(self, prompt=clean(prompt, MAX_TEXT))
