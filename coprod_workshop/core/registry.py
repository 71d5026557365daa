"""Exercise kinds plug into the session model through this registry.

Each exercise lives in its own folder under ``coprod_workshop/exercises`` and
declares one :class:`ExerciseKind`. The model only needs to build and store
the exercise's state; the Qt views are named by module path and imported by
the user interface alone, so the model never imports Qt. The model, too, is
named by module path and imported only when a state of its kind is first made
or read, so the app starts without importing every exercise.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from coprod_workshop.core.errors import DocumentError


class ExerciseState(Protocol):
    """What every exercise state offers the session model."""

    def to_doc(self) -> dict[str, Any]: ...

    def without_results(self) -> ExerciseState: ...


@dataclass(frozen=True)
class ReadyMade:
    """A ready-made step a kind offers: ``key`` (unique in the kind), the menu it is
    listed under (``group``) and its entry there (``label``)."""

    key: str
    group: str
    label: str


@dataclass(frozen=True)
class ExerciseKind:
    """One kind of agenda step.

    ``model`` is the dotted path of the module holding the exercise's state;
    ``new`` names the callable in it making a fresh state and ``from_doc`` the
    one reading a stored state (``"Class.from_doc"`` for a class method).

    ``views`` is the dotted path of the module holding the Qt views; it must
    define ``presenter_view(session, step_id)`` (what the room sees) and
    ``console_view(session, step_id, run)`` (the facilitator's controls), each
    returning a ``ui.stepview.StepView``. Either may also accept the keywords
    ``run`` (the presenter lets the room act, e.g. vote) and ``workshop``
    (helpers shared by the app's views, e.g. phone voting); they are passed
    only to functions that declare them (``ui.slide.call_view``).

    ``report`` is the dotted path of the module that adds the step's section to
    the session report (``coprod_workshop.reports``): it defines
    ``section(step) -> list[Block]`` (what the room produced, as the room saw
    it) and ``rows(step) -> list[Row]`` (one row per note, move, vote... for the
    CSV export); both are pure Python (no Qt). It may also define
    ``contributions(step) -> list[tuple[str, int, int]]`` (what the room contributed:
    ``("Notes", how many, how many from phones)``) for the report's evidence page
    (``reports.evidence``). Without it, the report lists the step's stored record as it is.

    ``ready_made`` is the dotted path of a pure-Python module offering ready-made
    steps of this kind (the info kind's case studies): it defines
    ``ready_made() -> list[ReadyMade]`` and ``ready_made_step(key) -> Step``. The
    agenda editor lists them under each offer's ``group``.

    ``digest`` is the dotted path of a pure-Python module defining
    ``digest(session) -> JSON`` (what a later workshop needs of a session: the journey's
    ratings and ladder, the review's actions). Storage keeps it in the summary index
    (``storage.index``) so a group's sessions are read without opening every file;
    ``core.history.GroupHistory.digests_of_group`` hands them back under the kind's name.
    """

    kind: str
    label: str
    model: str
    new: str
    from_doc: str
    views: str
    report: str = ""
    ready_made: str = ""
    digest: str = ""

    def digest_of(self, session: Any) -> Any:
        """This kind's digest of ``session`` (JSON), or None without ``digest``."""
        if not self.digest:
            return None
        return importlib.import_module(self.digest).digest(session)

    def ready_made_offers(self) -> list[ReadyMade]:
        """The ready-made steps of this kind (none without ``ready_made``)."""
        if not self.ready_made:
            return []
        offers: list[ReadyMade] = importlib.import_module(self.ready_made).ready_made()
        return offers

    def ready_made_step(self, key: str) -> Any:
        """A new ``core.session.Step``: the ready-made step ``key`` of this kind."""
        return importlib.import_module(self.ready_made).ready_made_step(key)

    def _model_callable(self, name: str) -> Any:
        found: Any = importlib.import_module(self.model)
        for part in name.split("."):
            found = getattr(found, part)
        return found

    def new_state(self) -> ExerciseState:
        """A fresh state of this kind (imports the model on first use)."""
        state: ExerciseState = self._model_callable(self.new)()
        return state

    def state_from_doc(self, doc: dict[str, Any]) -> ExerciseState:
        """A stored state of this kind read back (imports the model on first use)."""
        state: ExerciseState = self._model_callable(self.from_doc)(doc)
        return state


class Registry:
    """Maps a kind name to its :class:`ExerciseKind`."""

    def __init__(self, kinds: Iterable[ExerciseKind]) -> None:
        self._kinds = {kind.kind: kind for kind in kinds}

    def __iter__(self) -> Iterator[ExerciseKind]:
        return iter(self._kinds.values())

    def __contains__(self, kind: str) -> bool:
        return kind in self._kinds

    def digests(self, session: Any) -> dict[str, Any]:
        """What every kind with a ``digest`` keeps of ``session`` for the summary index."""
        return {kind.kind: kind.digest_of(session) for kind in self if kind.digest}

    def get(self, kind: str) -> ExerciseKind:
        try:
            return self._kinds[kind]
        except KeyError:
            known = ", ".join(sorted(self._kinds))
            raise DocumentError(
                f"unknown exercise kind {kind!r} (this version knows: {known})"
            ) from None
