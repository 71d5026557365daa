"""Who took part (pure Python, no Qt): how many people came in each role, and which
organisations were there. Counted, never named: nothing here holds a person's name.

The roles are an editable list (the facilitator may rename, add or remove one); a new
step starts with the roles a co-production group usually has.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from coprod_workshop.core.errors import DocumentError
from coprod_workshop.core.fields import field as doc_field
from coprod_workshop.core.fields import text_list
from coprod_workshop.exercises.cards.board import clean_text as clean

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


@dataclass(frozen=True)
class RoleCount:
    role: str
    count: int = 0


@dataclass(frozen=True)
class Attendance:
    """The number in each role, in the order listed, and the organisations present."""

    prompt: str = DEFAULT_PROMPT
    roles: tuple[RoleCount, ...] = field(
        default_factory=lambda: tuple(RoleCount(r) for r in DEFAULT_ROLES)
    )
    organisations: tuple[str, ...] = ()

    def to_doc(self) -> dict[str, Any]:
        return {
            "prompt": self.prompt,
            "roles": [{"role": r.role, "count": r.count} for r in self.roles],
            "organisations": list(self.organisations),
        }

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
            if not role:
                raise DocumentError(f"{where} has no name")
            if not 0 <= count <= MAX_COUNT:
                raise DocumentError(f"{where}: {count} people is out of range")
            roles.append(RoleCount(role, count))
        if len({r.role.casefold() for r in roles}) != len(roles):
            raise DocumentError(f"{WHERE} lists a role twice")
        named = text_list(doc, "organisations", WHERE, [])
        organisations = tuple(o for o in (clean(t, MAX_ORGANISATION) for t in named) if o)
        organisations = organisations[:MAX_ORGANISATIONS]
        prompt = clean(doc_field(doc, "prompt", str, WHERE, DEFAULT_PROMPT), 200)
        return cls(prompt or DEFAULT_PROMPT, tuple(roles), organisations)

    def without_results(self) -> Attendance:
        """The roles stay (a template keeps its list); the counts and organisations go."""
        return replace(
            self, roles=tuple(RoleCount(r.role) for r in self.roles), organisations=()
        )

    # -- reading ----------------------------------------------------------------
    @property
    def total(self) -> int:
        return sum(r.count for r in self.roles)

    def results(self) -> list[dict[str, Any]]:
        """Every role with its count, for a report; then the organisations (one row)."""
        return [{"role": r.role, "count": r.count} for r in self.roles]

    def summary(self) -> str:
        """"12 people took part: 5 people who use services, 3 carers, ..."""
        if not self.total:
            return "Nobody was counted yet."
        parts = ", ".join(f"{r.count} {r.role.lower()}" for r in self.roles if r.count)
        people = "person" if self.total == 1 else "people"
        return f"{self.total} {people} took part: {parts}."

    # -- edited copies (the views run them as ReplaceState commands) -----------
    def with_count(self, index: int, count: int) -> Attendance:
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
