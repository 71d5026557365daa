"""The template library: the ready-made plans that ship with the app and the
user's own templates, and everything a trainer does with them.

Ready-made plans (``sessions/`` in the package) are read-only; duplicating one
makes a template of the user's own. User templates are session files in
``templates/`` of the data folder, stored exactly like sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.paths import builtin_plans
from coprod_workshop.storage.appstate import AppState
from coprod_workshop.storage.exchange import export_plan, read_plan_file, unique_title
from coprod_workshop.storage.store import SessionStore, SessionUnreadable, read_plan

BUILTIN = "builtin:"


@dataclass(frozen=True)
class TemplateEntry:
    """One line of the library."""

    key: str
    title: str
    minutes: int
    steps: int
    last_used: str
    builtin: bool


class TemplateLibrary:
    """Lists, reads and changes templates; every method raises with a plain message."""

    def __init__(self, root: Path, registry: Registry, appstate: AppState) -> None:
        self.registry = registry
        self.appstate = appstate
        self.store = SessionStore(root, registry, folder="templates")

    # -- reading -------------------------------------------------------------
    def entries(self) -> list[TemplateEntry]:
        """Ready-made plans first, then the user's templates, each by title."""
        builtin, own = [], []
        for path in builtin_plans():
            try:
                plan = read_plan(path, self.registry)
            except SessionUnreadable:
                continue
            builtin.append(self._entry(BUILTIN + path.name, plan, True))
        for info in self.store.summaries():
            used = self.appstate.template_used(info.id)
            own.append(TemplateEntry(info.id, info.title, info.minutes, info.steps, used, False))
        return sorted(builtin, key=_by_title) + sorted(own, key=_by_title)

    def _entry(self, key: str, plan: Session, builtin: bool) -> TemplateEntry:
        return TemplateEntry(
            key,
            plan.title,
            plan.planned_minutes,
            len(plan.steps),
            self.appstate.template_used(key),
            builtin,
        )

    def load(self, key: str) -> Session:
        """The template itself (for a ready-made plan, as shipped)."""
        if key.startswith(BUILTIN):
            name = key.removeprefix(BUILTIN)
            for path in builtin_plans():
                if path.name == name:
                    return read_plan(path, self.registry)
            raise KeyError(key)
        return self.store.load(key)

    def titles(self) -> set[str]:
        return {entry.title for entry in self.entries()}

    # -- using ---------------------------------------------------------------
    def new_session(self, key: str) -> Session:
        """A new session with the template's agenda (not yet saved)."""
        template = self.load(key)
        session = template.copy_as_new(self.registry)
        session.title = template.title
        self.appstate.note_template_used(key)
        return session

    def save_as_template(self, session: Session, title: str | None = None) -> Session:
        """Keep a session's agenda, timings, notes and settings; drop the room's results."""
        template = session.copy_as_new(self.registry)
        template.title = unique_title(title or session.title, self.titles())
        template.date = ""
        template.plan = ""
        template.group = ""  # a template is for any group
        self._save(template)
        return template

    def _save(self, template: Session) -> None:
        # Templates are written in one go, not kept open: release the lock at once.
        try:
            self.store.save(template)
        finally:
            self.store.unlock(template.id)

    def duplicate(self, key: str) -> Session:
        original = self.load(key)
        return self.save_as_template(original, f"{original.title} (copy)")

    def rename(self, key: str, title: str) -> None:
        if key.startswith(BUILTIN):
            raise PermissionError("Ready-made plans cannot be renamed; duplicate one first.")
        template = self.store.load(key)
        template.title = title.strip() or template.title
        self._save(template)

    def delete(self, key: str) -> Path:
        if key.startswith(BUILTIN):
            raise PermissionError("Ready-made plans cannot be deleted.")
        return self.store.delete(key)

    def undelete(self, deleted: Path) -> str:
        return self.store.undelete(deleted)

    # -- sharing -------------------------------------------------------------
    def export(self, key: str, path: Path) -> Path:
        return export_plan(self.load(key), path)

    def import_file(self, path: Path) -> Session:
        """Add a colleague's plan file as a new template (renamed if the title is taken)."""
        template = read_plan_file(path, self.registry)
        template.title = unique_title(template.title, self.titles())
        self._save(template)
        return template

    def close(self) -> None:
        self.store.close()


def _by_title(entry: TemplateEntry) -> str:
    return entry.title.casefold()
