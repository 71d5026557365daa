"""Who took part (pure Python, no Qt): how many people came in each role, and which
organisations were there. Counted, never named: nothing here holds a person's name.

The roles are an editable list (the facilitator may rename, add or remove one); a new
step starts with the roles a co-production group usually has.

Phones may say their role too (optional, once per phone: a second answer replaces the
first). Each role keeps the facilitator's own count and the count from phones apart;
an answer from a phone is only a count: which phone gave it is never kept here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field as doc_field
from coprod_workshop.core.fields import text_list
from coprod_workshop.exercises.cards.board import clean_text as clean
from coprod_workshop.voting.inbox import Collection

DEFAULT_ROLES = (
    "People who use services",
    "Carers",
    "Staff",
    "Managers",
    "Commissioners",
    "Others",
)
MAX_ROLES = 12
MAX_ROLE = 60
MAX_COUNT = 999
MAX_ORGANISATIONS = 40
MAX_ORGANISATION = 80
DEFAULT_PROMPT = "Who took part today"
WHERE = "the who-took-part step"
#: what a phone asks (the phone page's own table may say it its way)
PHONE_TASK = "Which best describes you? (you may skip this)"
UNSAID = "Would rather not say (on phones)"


@dataclass(frozen=True)
class RoleCount:
    role: str
    count: int = 0  # counted by the facilitator
    phones: int = 0  # said on a phone

    @property
    def people(self) -> int:
        return self.count + self.phones


@dataclass(frozen=True)
class Attendance:
    """The number in each role, in the order listed, and the organisations present."""

    prompt: str = DEFAULT_PROMPT
    roles: tuple[RoleCount, ...] = field(
        default_factory=lambda: tuple(RoleCount(r) for r in DEFAULT_ROLES)
    )
    organisations: tuple[str, ...] = ()
    #: phones that answered "I'd rather not say"
    unsaid: int = 0
    #: whether phones may answer now, and the round (``voting.inbox``)
    collection: Collection = field(default_factory=Collection, hash=False)

    contribution_kind = "role"

    # -- phones (``voting.inbox.Collects``) --------------------------------------
    def contribution_places(self) -> tuple[str, ...]:
        return tuple(r.role for r in self.roles)

    def contribution_limit(self) -> int:
        return MAX_ROLE

    def contribution_task(self) -> str:
        return PHONE_TASK

    def dot_items(self) -> tuple[tuple[str, str], ...]:
        return ()

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "prompt": self.prompt,
            "roles": [
                {"role": r.role, "count": r.count, **({"phones": r.phones} if r.phones else {})}
                for r in self.roles
            ],
            "organisations": list(self.organisations),
        }
        if self.unsaid:
            doc["unsaid"] = self.unsaid
        phones = self.collection.saved_doc()
        if phones is not None:
            doc["phones"] = phones
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Attendance:
        roles = []
        docs = doc_field(doc, "roles", list, WHERE, [{"role": r} for r in DEFAULT_ROLES])
        if len(docs) > MAX_ROLES:
            raise DocumentError(f"{WHERE} has {len(docs)} roles; at most {MAX_ROLES} fit")
        for number, item in enumerate(docs, start=1):
            where = f"{WHERE}, role {number}"
            role = clean(doc_field(item, "role", str, where), MAX_ROLE)
            count = doc_field(item, "count", int, where, 0)
            phones = doc_field(item, "phones", int, where, 0)
            if not role:
                raise DocumentError(f"{where} has no name")
            if not (0 <= count <= MAX_COUNT and 0 <= phones <= MAX_COUNT):
                raise DocumentError(f"{where}: {count + phones} people is out of range")
            roles.append(RoleCount(role, count, phones))
        if len({r.role.casefold() for r in roles}) != len(roles):
            raise DocumentError(f"{WHERE} lists a role twice")
        named = text_list(doc, "organisations", WHERE, [])
        organisations = tuple(o for o in (clean(t, MAX_ORGANISATION) for t in named) if o)
        organisations = organisations[:MAX_ORGANISATIONS]
        prompt = clean(doc_field(doc, "prompt", str, WHERE, DEFAULT_PROMPT), 200)
        unsaid = doc_field(doc, "unsaid", int, WHERE, 0)
        if not 0 <= unsaid <= MAX_COUNT:
            raise DocumentError(
                f"{WHERE}: {unsaid} phones that would rather not say is out of range"
            )
        collection = Collection.from_doc(doc.get("phones"), WHERE)
        return cls(prompt or DEFAULT_PROMPT, tuple(roles), organisations, unsaid, collection)

    def without_results(self) -> Attendance:
        """The roles stay (a template keeps its list); the counts and organisations go."""
        return replace(
            self,
            roles=tuple(RoleCount(r.role) for r in self.roles),
            organisations=(),
            unsaid=0,
            collection=self.collection.fresh(),
        )

    # -- reading ----------------------------------------------------------------
    @property
    def total(self) -> int:
        return sum(r.people for r in self.roles) + self.unsaid

    @property
    def from_phones(self) -> int:
        """Phones that answered (a role, or "I'd rather not say")."""
        return sum(r.phones for r in self.roles) + self.unsaid

    def results(self) -> list[dict[str, Any]]:
        """Every role with its count (phones' answers included) and how many of them came
        from phones, for a report; phones that would rather not say last, if any."""
        found = [
            {"role": r.role, "count": r.people, "from_phones": r.phones} for r in self.roles
        ]
        if self.unsaid:
            found.append(
                {"role": UNSAID, "count": self.unsaid, "from_phones": self.unsaid}
            )
        return found

    def summary(self) -> str:
        """"12 people took part: 5 people who use services, 3 carers, ..."""
        if not self.total:
            return "Nobody was counted yet."
        parts = ", ".join(f"{r['count']} {r['role'].lower()}" for r in self.results() if r["count"])
        people = "person" if self.total == 1 else "people"
        return f"{self.total} {people} took part: {parts}."

    # -- an answer from a phone (run as a ReplaceState command) ----------------
    def with_phone_answer(self, role: str, before: str | None = None) -> Attendance:
        """A copy counting one phone's answer: ``role`` is a role's name, or "" for "I'd
        rather not say". ``before`` is the same phone's earlier answer at this step, if it
        gave one, taken back first so that a phone counts once. Raises KeyError if ``role``
        is not on the list."""
        names = [r.role for r in self.roles]
        if role and role not in names:
            raise KeyError(role)
        roles, unsaid = list(self.roles), self.unsaid
        if before == "":
            unsaid = max(0, unsaid - 1)
        elif before in names:
            index = names.index(before)
            roles[index] = replace(roles[index], phones=max(0, roles[index].phones - 1))
        if not role:
            unsaid = min(MAX_COUNT, unsaid + 1)
        else:
            index = names.index(role)
            roles[index] = replace(roles[index], phones=min(MAX_COUNT, roles[index].phones + 1))
        return replace(self, roles=tuple(roles), unsaid=unsaid)

    # -- edited copies (the views run them as ReplaceState commands) -----------
    def with_count(self, index: int, count: int) -> Attendance:
        """The facilitator's own count for a role (phones' answers stay apart)."""
        if not 0 <= count <= MAX_COUNT:
            raise ValueError(f"a count is from 0 to {MAX_COUNT}")
        roles = list(self.roles)
        roles[index] = replace(roles[index], count=count)
        return replace(self, roles=tuple(roles))

    def with_role(self, role: str) -> Attendance:
        """A copy with one more role (counted 0); raises ValueError if it cannot be added."""
        name = clean(role, MAX_ROLE)
        if not name:
            raise ValueError("say what the role is")
        if any(r.role.casefold() == name.casefold() for r in self.roles):
            raise ValueError(f"“{name}” is already listed")
        if len(self.roles) >= MAX_ROLES:
            raise ValueError(f"there are already {MAX_ROLES} roles")
        return replace(self, roles=(*self.roles, RoleCount(name)))

    def renamed(self, index: int, role: str) -> Attendance:
        name = clean(role, MAX_ROLE)
        if not name:
            raise ValueError("a role needs a name")
        if any(
            r.role.casefold() == name.casefold() for n, r in enumerate(self.roles) if n != index
        ):
            raise ValueError(f"“{name}” is already listed")
        roles = list(self.roles)
        roles[index] = replace(roles[index], role=name)
        return replace(self, roles=tuple(roles))

    def without_role(self, index: int) -> Attendance:
        return replace(self, roles=self.roles[:index] + self.roles[index + 1 :])

    def with_organisations(self, text: str) -> Attendance:
        """The organisations from one line, separated by commas or semicolons."""
        names = [clean(part, MAX_ORGANISATION) for part in text.replace(";", ",").split(",")]
        unique = tuple(dict.fromkeys(n for n in names if n))
        if len(unique) > MAX_ORGANISATIONS:
            raise ValueError(f"at most {MAX_ORGANISATIONS} organisations fit")
        return replace(self, organisations=unique)
