"""The open session and everything that acts on it, shared by both windows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QUndoStack

from coprod_workshop.core.commands import SetDetail
from coprod_workshop.core.registry import Registry
from coprod_workshop.core.session import Session
from coprod_workshop.core.timer import StepTimer
from coprod_workshop.paths import builtin_plans
from coprod_workshop.ui.undo import QtCommand, TimerReset

if TYPE_CHECKING:
    from coprod_workshop.storage import SessionStore
    from coprod_workshop.core.history import GroupHistory
    from coprod_workshop.storage.appstate import AppState
    from coprod_workshop.storage.library import TemplateLibrary
    from coprod_workshop.ui.autosave import SaveManager

# Storage (TinyDB, file locks) is imported when first used, after the console
# has painted: see app.launch.


NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Down)
PREVIOUS_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace)


def cannot_save_message(title: str, store: SessionStore | None, reason: str) -> str:
    folder = f" ({store.root})" if store is not None else ""
    return (
        f"“{title}” is open, but it cannot be saved: the data folder{folder} "
        f"cannot be written ({reason}). Your changes are kept while the app runs and "
        "saving is tried again; before quitting you can save them elsewhere. "
        "Free some space, or start the app with --data-dir on a disk that can be written."
    )


#: the settings key of View → Number keys vote anywhere in the console
KEYS_ANYWHERE = "keys/numbers_vote_anywhere"

class Workshop(QObject):
    """Opens, switches, renames and deletes sessions; runs commands; moves between steps.

    ``store`` is None for a read-only preview (``--screenshot`` of a plan):
    nothing is locked or saved.

    Signals:
        sessionOpened(object): a session (``core.session.Session``) is now open.
        started(): the room started (first timer start, F5 or "Start the session now").
        problem(str): something the facilitator must be told (plain words).
        status(str): a passing message for the status bar.
        dirtyChanged(bool): the open session has changes not yet saved.
        exportRequested(): a view asks for File > Export report (the close step's button).
        projectedSizeChanged(QSize): the projector's picture has a new size (the preview
            lays itself out at it).
    """

    sessionOpened = Signal(object)
    started = Signal()
    problem = Signal(str)
    status = Signal(str)
    dirtyChanged = Signal(bool)
    exportRequested = Signal()
    projectedSizeChanged = Signal(QSize)

    def __init__(
        self,
        registry: Registry,
        store: SessionStore | None = None,
        appstate: AppState | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.registry = registry
        self.store = store
        self.appstate = appstate
        self.stack = QUndoStack(self)
        self.timer = StepTimer()
        self.timer.changed.connect(self._timer_changed)
        #: when the room started this session; the pace counts from then
        self.started_at: datetime | None = None
        self.session: Session | None = None
        self.saver: SaveManager | None = None
        self.library: TemplateLibrary | None = None
        self._services: dict[str, Any] = {}
        #: the number keys vote from anywhere in the console (off: only in the preview)
        self.number_keys_anywhere = True
        #: the size of the projector's picture: the console's preview is laid out at it
        self.projected_size = QSize(1920, 1080)

    @property
    def history(self) -> GroupHistory | None:
        """The groups' earlier workshops, for the steps that look back (the journey)."""
        return self.store

    def set_projected_size(self, size: QSize) -> None:
        if size != self.projected_size and not size.isEmpty():
            self.projected_size = QSize(size)
            self.projectedSizeChanged.emit(self.projected_size)

    def attach(self, store: SessionStore, appstate: AppState) -> None:
        """Use ``store`` for sessions and ``appstate`` for recent sessions from now on."""
        from coprod_workshop.storage.library import TemplateLibrary

        self.store = store
        self.appstate = appstate
        self.library = TemplateLibrary(store.root, self.registry, appstate)
        settings = self.settings()
        if settings is not None:
            self.number_keys_anywhere = bool(settings.value(KEYS_ANYWHERE, True, type=bool))

    def set_number_keys_anywhere(self, anywhere: bool) -> None:
        """Whether the number keys vote from anywhere in the console; kept in settings."""
        self.number_keys_anywhere = anywhere
        settings = self.settings()
        if settings is not None:
            settings.setValue(KEYS_ANYWHERE, anywhere)
            settings.sync()

    def settings(self) -> QSettings | None:
        """The app's settings in the data folder (the facilitator's name)."""
        from coprod_workshop.ui.details import app_settings

        return app_settings(self.store.root if self.store is not None else None)

    def _new(self, session: Session) -> None:
        """What every new session gets: the facilitator's name, if one is kept."""
        from coprod_workshop.ui.details import remembered_facilitator

        if not session.facilitator:
            session.facilitator = remembered_facilitator(self.settings())

    # -- opening -------------------------------------------------------------
    def open(self, session: Session, unsaved: str = "") -> bool:
        """Make ``session`` the open one.

        ``unsaved``: why it could not be saved yet (it is not on disk); it
        opens anyway, and saving is tried again.
        """
        from coprod_workshop.storage import SessionLocked
        from coprod_workshop.ui.autosave import SaveManager

        if self.store is not None and not unsaved:
            try:
                self.store.lock(session.id)
            except SessionLocked as err:
                self.problem.emit(f"“{session.title}” cannot be opened here. {err}")
                return False
            except OSError as err:
                unsaved = err.strerror or str(err)
            self.report_store_problems()
        if unsaved:
            self.problem.emit(cannot_save_message(session.title, self.store, unsaved))
        self._close_current()
        self.session = session
        self.started_at = started_today(session)
        self.timer.pause()
        self.timer.reset()
        if self.store is not None:
            self.saver = SaveManager(self.store, session, self)
            self.saver.dirtyChanged.connect(self.dirtyChanged)
            self.saver.saveFailed.connect(self.problem)
            self.saver.saveFailed.connect(lambda _text: self.dirtyChanged.emit(True))
            self.saver.saveRecovered.connect(self.status)
        if self.appstate is not None:
            self.appstate.note_opened(session.id, session.title)
        self.sessionOpened.emit(session)
        if unsaved and self.saver is not None:
            self.saver.cannot_save(unsaved)
        return True

    def service(self, name: str, factory: Callable[[Workshop], Any]) -> Any:
        """A helper object shared by the views of this workshop (phone voting...).

        Created on first use with ``factory(self)``; its ``stop()`` is called
        whenever the open session closes, so nothing outlives its session.
        """
        if name not in self._services:
            self._services[name] = factory(self)
        return self._services[name]

    def _timer_changed(self) -> None:
        if self.session is not None and self.timer.running:
            self.session.enter_step()  # the agenda as run starts with the timer or a move
            self.mark_started()

    def _close_current(self) -> None:
        for service in self._services.values():
            service.stop()
        if self.session is not None:
            self.session.leave_step(self.timer.elapsed())
        if self.saver is not None:
            self.saver.stop()
            self.saver.deleteLater()
            self.saver = None
        if self.session is not None and self.store is not None:
            self.store.unlock(self.session.id)
        self.stack.clear()
        self.session = None

    def open_saved(self, session_id: str) -> bool:
        """Open a session from the store by id (or unique id prefix)."""
        from coprod_workshop.storage import SessionUnreadable

        assert self.store is not None
        try:
            session = self.store.load(self.store.find(session_id))
        except KeyError:
            self.problem.emit(f"No saved session has the id {session_id!r}.")
            return False
        except SessionUnreadable:
            self.report_store_problems()
            return False
        self.report_store_problems()
        if self.session is not None and self.session.id == session.id:
            return True
        return self.open(session)

    def new_from_plan(self, path: Path) -> bool:
        """Start a new session from a ready-made plan or template file."""
        from coprod_workshop.storage import SessionUnreadable
        from coprod_workshop.storage.store import read_plan

        try:
            plan = read_plan(path, self.registry)
        except SessionUnreadable as err:
            self.problem.emit(str(err))
            return False
        session = plan.copy_as_new(self.registry)
        session.title = plan.title
        self._new(session)
        if self.store is not None:
            try:
                self.store.save(session)
            except OSError as err:
                return self.open(session, unsaved=err.strerror or str(err))
        return self.open(session)

    def start_from_template(self, key: str, group: str = "") -> bool:
        """Start a new session from a ready-made plan or one of the user's templates,
        for ``group`` (the team, service or partnership; see ``Session.group``)."""
        assert self.library is not None and self.store is not None
        from coprod_workshop.ui.library import PROBLEMS

        try:
            session = self.library.new_session(key)
        except PROBLEMS as err:
            self.problem.emit(f"A new session could not be started: {err}")
            return False
        session.group = group
        self._new(session)
        try:
            self.store.save(session)
        except OSError as err:  # a full or read-only disk: the room can still start
            return self.open(session, unsaved=err.strerror or str(err))
        return self.open(session)

    def save_as_template(self, title: str = "") -> None:
        """Keep the open session's agenda and settings, without the room's results."""
        assert self.library is not None and self.session is not None
        from coprod_workshop.ui.library import PROBLEMS

        try:
            template = self.library.save_as_template(self.session, title.strip() or None)
        except PROBLEMS as err:
            self.problem.emit(f"The template could not be saved: {err}")
            return
        self.status.emit(
            f"Saved “{template.title}” as a template: File → New session from a template… lists it."
        )

    def preview_plan(self, path: Path) -> bool:
        """Show a plan without saving anything (used by ``--screenshot``)."""
        from coprod_workshop.storage import SessionUnreadable
        from coprod_workshop.storage.store import read_plan

        try:
            session = read_plan(path, self.registry)
        except SessionUnreadable as err:
            self.problem.emit(str(err))
            return False
        return self.open(session)

    def open_default(self) -> str | None:
        """At start-up: resume the last session, or start one from the built-in plan.

        If the last session is open in another copy of the app, nothing is
        opened or created: returns that session's title, for the caller to ask.
        """
        from coprod_workshop.storage import SessionLocked

        recent = self.appstate.recent() if self.appstate else []
        for entry in recent:
            if self.store is not None and self.store.path_of(entry["id"]).exists():
                try:
                    self.store.lock(entry["id"])
                except SessionLocked:
                    return entry["title"]
                except OSError:
                    pass  # a read-only folder: open() says so
                if self.open_saved(entry["id"]):
                    return None
                self.store.unlock(entry["id"])
        plans = builtin_plans()
        if plans and self.library is not None:
            from coprod_workshop.storage.library import BUILTIN

            self.start_from_template(BUILTIN + plans[0].name)  # the library notes its use
        elif plans:
            self.new_from_plan(plans[0])
        return None

    def report_store_problems(self) -> None:
        if self.store is not None:
            for problem in self.store.take_problems():
                self.problem.emit(problem.message())

    # -- changing ------------------------------------------------------------
    def run(self, command: Any) -> None:
        """Apply a change as an undoable command (the only way views change the model)."""
        assert self.session is not None
        self.stack.push(QtCommand(self.session, command))

    def rename(self, title: str) -> None:
        title = title.strip()
        if self.session is not None and title and title != self.session.title:
            self.run(SetDetail("title", title, label="session title"))
            if self.appstate is not None:
                self.appstate.note_opened(self.session.id, title)

    def set_details(self, title: str, group: str, facilitator: str, remember: bool) -> None:
        """The session's title, group and facilitator (each an undoable change; an empty
        title keeps the one it has); ``remember``: keep the name for the next sessions."""
        from coprod_workshop.ui.details import remember_facilitator

        facilitator = " ".join(facilitator.split())
        self.rename(title)
        self.set_group(group)
        if self.session is not None and facilitator != self.session.facilitator:
            self.run(SetDetail("facilitator", facilitator, label="facilitator"))
        if remember:
            remember_facilitator(self.settings(), facilitator)

    def set_group(self, group: str) -> None:
        """Say which team, service or partnership the open session is for (undoable)."""
        group = " ".join(group.split())
        if self.session is not None and group != self.session.group:
            self.run(SetDetail("group", group, label="group"))

    def reset_timer(self) -> None:
        """The step timer back to zero, undoable (Ctrl+Z never reaches past it)."""
        if self.session is None:
            self.timer.reset()
            return
        self.stack.push(TimerReset(self.session, self.timer))

    def go_to(self, index: int) -> None:
        """Move the room to step ``index``; the step timer restarts from zero."""
        if self.session is not None and self.session.go_to(index, self.timer.elapsed()):
            self.timer.reset()
            pages = self._services.get("pages")
            step = self.session.current_step
            if pages is not None and step is not None:
                pages.show_first(step.id)  # a step is always entered at its first page

    def step_by(self, delta: int) -> None:
        """The next or previous step; while the step is projected in pages, first the
        next or previous page (see ``ui.pages``)."""
        if self.session is None:
            return
        step = self.session.current_step
        pages = self._services.get("pages")
        if step is not None and pages is not None and pages.turn(step.id, delta):
            return
        self.go_to(self.session.current + delta)

    # -- the room's clock ------------------------------------------------------
    def mark_started(self, when: datetime | None = None) -> None:
        """The room has started (kept if it already had)."""
        if self.session is not None and self.started_at is None:
            self.started_at = when or datetime.now().replace(microsecond=0)
            self.session.enter_step()  # the session's own record says the room started
            self.started.emit()

    def start_now(self) -> None:
        """The room starts now: the agenda's start time becomes now (undoable)."""
        if self.session is None:
            return
        now = datetime.now().replace(second=0, microsecond=0)
        self.started_at = None
        self.mark_started(now)
        if self.session.start_time != f"{now:%H:%M}":
            self.run(SetDetail("start_time", f"{now:%H:%M}", label="start time"))

    def step_key(self, key: int) -> bool:
        """Arrows and Space move between steps where no control uses them."""
        if key in NEXT_KEYS:
            self.step_by(1)
        elif key in PREVIOUS_KEYS:
            self.step_by(-1)
        else:
            return False
        return True

    def save_now(self) -> bool:
        if self.saver is None or self.saver.flush():
            return True
        self.status.emit(f"Not saved: {self.saver.failure}. Your changes are still here.")
        return False

    def delete(self, session_id: str) -> None:
        """Move a saved session to the deleted folder; open another if it was open."""
        assert self.store is not None
        was_open = self.session is not None and self.session.id == session_id
        title = self.session.title if was_open and self.session else session_id
        if was_open:
            self._close_current()
        try:
            where = self.store.delete(session_id)
        except OSError as err:
            self.problem.emit(f"The session could not be deleted: {err.strerror or err}.")
            return
        if self.appstate is not None:
            self.appstate.forget(session_id)
        self.status.emit(f"Deleted “{title}” (kept in {where.parent} in case you need it).")
        if was_open:
            self.open_default()

    def shutdown(self) -> None:
        """Save, release the session and record a clean exit."""
        self._close_current()
        self.timer.changed.disconnect(self._timer_changed)
        if self.appstate is not None:
            self.appstate.mark_clean_exit()
        if self.store is not None:
            self.store.close()
        if self.library is not None:
            self.library.close()


def started_today(session: Session) -> datetime | None:
    """When the room started ``session`` today, from its own record of the run.

    A session started with F5 or the timer and reopened later the same day
    (Ctrl+O, another computer) is still started; one run on an earlier day is
    not: the pace counts from today's start.
    """
    today = datetime.now().date()
    for visit in session.visits:
        try:
            entered = datetime.fromisoformat(visit.entered)
        except ValueError:
            continue
        if entered.date() == today:
            return entered
    return None
