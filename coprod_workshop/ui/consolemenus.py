"""The console's actions, menus, toolbar and dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QToolBar,
    QWidget,
)

from coprod_workshop import APP_NAME, __version__
from coprod_workshop.core.session import Session
from coprod_workshop.ui.dialogs import Choice, ChooserDialog, confirm, inform
from coprod_workshop.ui.placement import projector_screen
from coprod_workshop.ui.projector import ProjectorWindow
from coprod_workshop.ui.theme import SpokenLabel
from coprod_workshop.ui.timerbar import TimerBar
from coprod_workshop.ui.workshop import Workshop


class ConsoleMenus(QObject):
    """Everything the facilitator can ask of the console, as actions with shortcuts.

    Every action is in a menu (so it can be found), the common ones also on
    the toolbar; those the room needs also work from the projector window.
    """

    def __init__(self, window, workshop: Workshop, projector: ProjectorWindow) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.workshop = workshop
        self.projector = projector
        self.projector_screen: str | None = None
        self.dialog: QWidget | None = None
        self.timer_bar = TimerBar(Session("", []), workshop.timer, reset=workshop.reset_timer)
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        projector.presentingStopped.connect(self.focus_console)
        projector.consoleWanted.connect(self.focus_console)
        projector.follow_screen(self.projector_target)
        # A projector plugged in (or out) once the app is open: F5 fills another screen.
        screens = QGuiApplication.instance()
        if isinstance(screens, QGuiApplication):
            screens.screenAdded.connect(self._screens_changed)
            screens.screenRemoved.connect(self._screens_changed)

    # -- building ------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: QKeySequence.StandardKey | str | list[str] | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self.window)
        if isinstance(shortcuts, list):
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        elif shortcuts is not None:
            action.setShortcut(QKeySequence(shortcuts))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        w = self.workshop
        key = QKeySequence.StandardKey
        self.new_action = self._action(
            "&New session from a template…", self.show_library, key.New, "Session templates"
        )
        self.template_action = self._action("Save as &template…", self.ask_template_name)
        self.edit_agenda_action = self._action("&Edit agenda…", self.edit_agenda, "Ctrl+E")
        self.open_action = self._action("&Open session…", self.choose_session, key.Open)
        self.save_action = self._action(
            "&Save now", w.save_now, key.Save, "Sessions save themselves after every change"
        )
        self.rename_action = self._action("&Rename session…", self.ask_rename, "F2")
        self.group_action = self._action(
            "Session &group…", self.ask_group, "Ctrl+G", "The team, service or partnership"
        )
        self.details_action = self._action(
            "Session &details…",
            self.ask_details,
            "Ctrl+D",
            "The session's title, group and facilitator",
        )
        self.delete_action = self._action("&Delete session…", self.ask_delete_current)
        self.export_action = self._action(
            "E&xport report…",
            self.export_report,
            "Ctrl+Shift+E",
            "Export the report of this session (PDF, ODT) and its data",
        )
        w.exportRequested.connect(self.export_report)
        self.quit_action = self._action("&Quit", self._quit, key.Quit)
        self.undo_action = w.stack.createUndoAction(self.window, "&Undo")
        self.undo_action.setShortcut(QKeySequence(key.Undo))
        self.redo_action = w.stack.createRedoAction(self.window, "&Redo")
        # All the platform's redo keys (a duplicate "Ctrl+Y" made that key ambiguous).
        redo_keys = QKeySequence.keyBindings(key.Redo)
        ctrl_y = QKeySequence("Ctrl+Y")
        self.redo_action.setShortcuts(redo_keys if ctrl_y in redo_keys else [*redo_keys, ctrl_y])
        self.next_action = self._action(
            "&Next step", lambda: w.step_by(1), "PgDown", "Next step (Page Down, →, Space)"
        )
        self.previous_action = self._action(
            "&Previous step", lambda: w.step_by(-1), "PgUp", "Previous step (Page Up, ←)"
        )
        self.first_action = self._action("&First step", lambda: w.go_to(0), "Home")
        self.last_action = self._action("&Last step", lambda: w.go_to(10**6), "End")
        self.timer_action = self._action("&Start or pause timer", w.timer.toggle, "Ctrl+T")
        self.reset_timer_action = self._action("&Reset timer", w.reset_timer, "Ctrl+Shift+T")
        self.start_now_action = self._action(
            "Start the session &now",
            w.start_now,
            tip="The room starts now: the agenda's times and the pace count from now",
        )
        self.projector_action = self._action(
            "Show &projector window", self.show_projector, "Ctrl+Shift+P"
        )
        self.present_action = self._action(
            "&Present", self.present, "F5", "Show the projector full screen (Esc to stop)"
        )
        self.fullscreen_action = self._action(
            "Projector &full screen", self.projector.toggle_fullscreen, "F11"
        )
        self.number_keys_action = self._action(
            "&Number keys vote anywhere in the console",
            lambda: w.set_number_keys_anywhere(self.number_keys_action.isChecked()),
            tip="Off: the number keys vote only on the projector and in its preview",
        )
        self.number_keys_action.setCheckable(True)
        self.number_keys_action.setChecked(w.number_keys_anywhere)
        self.about_action = self._action("&About coprod-workshop", self.about)
        self.sources_action = self._action(
            "&Sources…", self.show_sources, tip="Where the workshop's content comes from"
        )
        self.glossary_action = self._action(
            "&Glossary…", self.show_glossary, "F3", "Co-production words, explained"
        )
        self.keys_action = self._action(
            "&Keyboard reference", self.show_keys, "F1", "Every key of the console and this step"
        )
        # The projector may have the keyboard focus when it is full screen.
        self.projector.addActions(
            [
                self.next_action,
                self.previous_action,
                self.first_action,
                self.last_action,
                self.timer_action,
                self.reset_timer_action,
                self.present_action,
                self.fullscreen_action,
                self.projector_action,
                self.quit_action,
                self.undo_action,
                self.redo_action,
            ]
        )

    def _create_menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addActions(
            [
                self.save_action,
                self.template_action,
                self.details_action,
                self.rename_action,
                self.group_action,
                self.delete_action,
            ]
        )
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.edit_agenda_action)
        go_menu = bar.addMenu("&Go")
        go_menu.addActions(
            [self.next_action, self.previous_action, self.first_action, self.last_action]
        )
        go_menu.addSeparator()
        go_menu.addActions([self.timer_action, self.reset_timer_action, self.start_now_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.projector_action, self.present_action, self.fullscreen_action])
        view_menu.addAction(self.number_keys_action)
        self.screen_menu = view_menu.addMenu("Projector &screen")
        self.screen_menu.aboutToShow.connect(self._fill_screens)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions(
            [self.keys_action, self.glossary_action, self.sources_action, self.about_action]
        )

    def _create_toolbar(self) -> None:
        toolbar = QToolBar("Session")
        toolbar.setObjectName("SessionToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.previous_action)
        toolbar.addAction(self.next_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.timer_bar)
        toolbar.addSeparator()
        toolbar.addAction(self.present_action)
        toolbar.addAction(self.export_action)
        # Presentation keys (Space, arrows, a clicker) must never reach a toolbar
        # control: the mouse works them, their actions have shortcuts.
        for control in toolbar.findChildren(QWidget):
            control.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.window.addToolBar(toolbar)
        self.save_state = SpokenLabel()
        self.save_state.setAccessibleName("Save state")
        self.window.statusBar().addPermanentWidget(self.save_state)

    # -- projector ------------------------------------------------------------
    def show_projector(self) -> None:
        """Ctrl+Shift+P: where it was; the first time full screen on a second screen,
        or with one screen a large 16:9 window fully on it."""
        projector = self.projector
        if projector.isVisible() and projector.isActiveWindow():
            self.focus_console()  # pressed in the projector: the keyboard goes back
            return
        if projector.isVisible():
            projector.raise_()
            return
        if projector.normal_rect is not None:  # where it was last
            where = QGuiApplication.screenAt(projector.normal_rect.center())
            projector.open_normal(where or self.window.screen(), projector.normal_rect)
            return
        target = self.projector_target()
        if target is self.window.screen():
            self.projector.open_normal(target)
        else:
            self.projector.full_screen_on(target, activate=False)
            self.focus_console()

    def projector_target(self):  # type: ignore[no-untyped-def]
        return projector_screen(
            QGuiApplication.screens(), self.window.screen(), self.projector_screen
        )

    def present(self) -> None:
        """F5: the projector full screen on its screen (the only one if one); again: back."""
        if self.projector.presenting:
            self.projector.stop_presenting()
            return
        self.workshop.mark_started()
        target = self.projector_target()
        one_screen = target is self.window.screen()
        self.projector.present_on(target, activate=one_screen)
        if not one_screen:
            self.focus_console()  # two screens: the facilitator keeps the console

    def stop_presenting(self) -> bool:
        """Esc on the console: the projector leaves full screen, if it was."""
        if not self.projector.presenting:
            return False
        self.projector.stop_presenting()
        return True

    def _quit(self) -> None:
        guard = getattr(self.window, "quit_guard", None)
        if guard is not None:
            guard.quit()  # asks first while the room is watching
        else:
            self.window.close()

    def focus_console(self) -> None:
        self.window.raise_()
        self.window.activateWindow()

    def _fill_screens(self) -> None:
        self.screen_menu.clear()
        target = self.projector_target()
        for screen in QGuiApplication.screens():
            size = screen.geometry()
            action = self.screen_menu.addAction(f"{screen.name()} ({size.width()}×{size.height()})")
            action.setCheckable(True)
            action.setChecked(screen is target)
            action.setData(screen.name())
            action.triggered.connect(self._screen_chosen)

    def _screen_chosen(self) -> None:
        action = self.sender()
        assert isinstance(action, QAction)
        self.choose_projector_screen(action.data())
        if self.projector.isFullScreen():
            self.projector.present_on(self.projector_target())

    def _screens_changed(self, _screen: QScreen) -> None:
        # (a screen going is still listed while the signal is sent: look once it has gone)
        QTimer.singleShot(0, self, lambda: self.projector.follow_screen(self.projector_target))

    def choose_projector_screen(self, name: str | None) -> None:
        """The screen F5 fills (by name; None: the one away from the console)."""
        self.projector_screen = name
        self.projector.follow_screen(self.projector_target)

    # -- sessions -------------------------------------------------------------
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        appstate, store = self.workshop.appstate, self.workshop.store
        entries = appstate.recent() if appstate else []
        for entry in entries:
            if store is None or not store.path_of(entry["id"]).exists():
                continue
            action = self.recent_menu.addAction(entry["title"])
            action.triggered.connect(lambda _=False, sid=entry["id"]: self.workshop.open_saved(sid))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent sessions").setEnabled(False)

    def show_library(self) -> None:
        from coprod_workshop.ui.library import LibraryDialog

        if self.workshop.library is None:
            return
        session = self.workshop.session
        dialog = LibraryDialog(
            self.workshop.library, self.window, in_use=session.plan if session else ""
        )
        dialog.startRequested.connect(self.workshop.start_from_template)
        self._show_dialog(dialog)

    def edit_agenda(self) -> None:
        from coprod_workshop.ui.agendaeditor import AgendaEditor

        session = self.workshop.session
        if session is None:
            return
        editor = AgendaEditor(
            session, self.workshop.registry, self.workshop.run, self.workshop.stack, self.window
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workshop.sessionOpened.connect(editor.close)
        self.dialog = editor
        editor.show()

    def choose_session(self) -> None:
        store = self.workshop.store
        if store is None:
            return
        infos = store.summaries()
        self.workshop.report_store_problems()
        choices = [
            Choice(info.id, info.title, f"{info.date} · {info.steps} steps · id {info.id}")
            for info in infos
        ]
        dialog = ChooserDialog(
            "Open a session",
            choices,
            deletable=True,
            empty_text="No saved sessions yet.",
            parent=self.window,
        )
        dialog.chosen.connect(self.workshop.open_saved)
        dialog.deleteRequested.connect(self.ask_delete)
        self._show_dialog(dialog)

    def _show_dialog(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]

    def _ask_text(self, title: str, label: str, value: str, then: Callable[[str], object]) -> None:
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(value)
        # Wide enough for its whole title (in the window manager's title bar) and
        # a long session title; the dialog's layout sizes it from its field.
        field = dialog.findChild(QLineEdit)
        if field is not None:
            field.setMinimumWidth(field.fontMetrics().averageCharWidth() * 60)
        dialog.textValueSelected.connect(then)
        self._show_dialog(dialog)

    def export_report(self) -> None:
        from coprod_workshop.ui.exportdialog import ExportDialog

        session = self.workshop.session
        if session is None:
            return
        self.workshop.save_now()
        from coprod_workshop.reports.content import group_journey, group_review

        journey = group_journey(self.workshop.history, session)
        review = group_review(self.workshop.history, session)
        store = self.workshop.store  # the last export's folder is kept beside the sessions
        settings = (
            QSettings(str(store.root / "export.ini"), QSettings.Format.IniFormat)
            if store is not None
            else None
        )
        dialog = ExportDialog(
            session,
            self.workshop.registry,
            parent=self.window,
            journey=journey,
            review=review,
            settings=settings,
            timer=self.workshop.timer.elapsed,
        )
        dialog.exported.connect(self._exported)
        self._show_dialog(dialog)

    def _exported(self, paths: list) -> None:  # type: ignore[type-arg]
        from coprod_workshop.ui.exportdialog import done_message

        if paths:
            files = f"{len(paths)} file" + ("" if len(paths) == 1 else "s")
            self.window.statusBar().showMessage(f"Exported {files} into {paths[0].parent}", 20_000)
            self._show_dialog(done_message(self.window, paths))

    def ask_rename(self) -> None:
        session = self.workshop.session
        if session is not None:
            self._ask_text("Rename session", "Session title:", session.title, self.workshop.rename)

    def ask_template_name(self) -> None:
        session = self.workshop.session
        if session is not None and self.workshop.library is not None:
            self._ask_text(
                "Save as template",
                "Template title (the agenda and notes are kept, not the room's results):",
                session.title,
                self.workshop.save_as_template,
            )

    def show_keys(self) -> None:
        """F1: the keys of the console and of the step on screen."""
        from coprod_workshop.ui.keysref import KeyReference

        session = self.workshop.session
        step = session.current_step if session is not None else None
        body = getattr(self.window, "body", None)
        controls = body.step_panel.controls if body is not None else None
        self._show_dialog(KeyReference(self.window, step.title if step else "", controls))

    def show_sources(self) -> None:
        """Help → Sources: every source document and each exercise's credit."""
        from coprod_workshop.ui.sourcesdialog import SourcesDialog

        self._show_dialog(SourcesDialog(self.window))

    def show_glossary(self) -> None:
        """F3, Help → Glossary: the words a room may meet, from any step."""
        from coprod_workshop.ui.sourcesdialog import GlossaryDialog

        self._show_dialog(GlossaryDialog(self.window))

    def ask_details(self, first: bool = False) -> None:
        """Title, group and facilitator in one dialog (``first``: the first session)."""
        from coprod_workshop.ui.details import DetailsDialog

        session = self.workshop.session
        if session is None:
            return
        dialog = DetailsDialog(session, self.window, first=first)
        dialog.chosen.connect(self.workshop.set_details)
        self._show_dialog(dialog)

    def ask_group(self) -> None:
        """Which team, service or partnership the session is for (its journey)."""
        session = self.workshop.session
        if session is None:
            return
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle("Session group")
        dialog.setLabelText(
            "The team, service or partnership this session is for.\n"
            "Sessions of one group make its journey, workshop after workshop:"
        )
        dialog.setTextValue(session.group)
        dialog.textValueSelected.connect(self.workshop.set_group)
        self._show_dialog(dialog)

    def ask_delete_current(self) -> None:
        if self.workshop.session is not None:
            self.ask_delete(self.workshop.session.id)

    def ask_delete(self, session_id: str) -> None:
        store = self.workshop.store
        if store is None:
            return
        title = session_id
        if self.workshop.session is not None and self.workshop.session.id == session_id:
            title = self.workshop.session.title
        self.dialog = confirm(
            self.window,
            "Delete session",
            f"Delete the session “{title}”?\n\nIt is moved to the deleted folder "
            f"({store.deleted}), where it can still be recovered.",
            "Delete",
            lambda: self.workshop.delete(session_id),
        )

    def about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nGuides a facilitator through an in-room "
            "co-production workshop on a shared screen.",
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        self._show_dialog(box)

    def show_problem(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 20_000)
        self.dialog = inform(self.window, APP_NAME, text)

    def set_dirty(self, dirty: bool) -> None:
        saver = self.workshop.saver
        if dirty and saver is not None and saver.failure:
            self.save_state.setText(f"Not saved ({saver.failure})")
        else:
            self.save_state.setText("Saving…" if dirty else "All changes saved")
