"""The main window: the journey map in the middle, the navigator and the inspector beside it.

Menus (File, Edit, Journey, View, Settings, Help), a toolbar and a status bar; the emotion curve under the map; the
undo history in a dock. Window geometry, dock layout and theme come back on the next start
(QSettings). Other panels (blockers, people, insights, charts, graph) are added by
``ui.panels.install(window, ctx)`` when that module is present, through the public surface here:

- ``window.ctx`` (the :class:`~ui.context.AppContext`), ``window.canvas_view`` (the
  :class:`~ui.map.view.JourneyMapView`), ``window.inspector``, ``window.navigator``;
- ``window.menus``: ``{"file", "edit", "journey", "view", "settings", "help"}`` QMenus, ``window.actions``: every QAction
  by name;
- ``window.add_dock(widget, title, area, object_name) -> QDockWidget``: docked, listed in the View
  menu, and included in the saved window state;
- ``window.status_bar``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QUndoView,
    QWidget,
)

from servicecommunity import services
from servicecommunity.domain.errors import ServiceCommunityError
from servicecommunity.exchange import bundle
from servicecommunity.services import Changes
from servicecommunity.services.queries import workspace as workspace_queries
from ui import dialogs, panes, resources, settings, theme
from ui.context import AppContext
from ui.dialogs import dropped, welcome
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.map.emotion import EmotionCurve
from ui.map.view import JourneyMapView
from ui.panels.inspector import Inspector
from ui.panels.navigator import Navigator

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
STATE_VERSION = 1


#: the theme actions' words (a theme not named here is called by its own name)
THEME_WORDS = {
    "light": (QT_TRANSLATE_NOOP("MainWindow", "Light theme"), QT_TRANSLATE_NOOP("MainWindow", "Use the light colours")),
    "dark": (QT_TRANSLATE_NOOP("MainWindow", "Dark theme"), QT_TRANSLATE_NOOP("MainWindow", "Use the dark colours")),
}

class MainWindow(QMainWindow):
    """One workspace's window. ``owns_store``: close the workspace when the window closes."""

    def __init__(self, ctx: AppContext, *, owns_store: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.store = ctx.store
        self.owns_store = owns_store
        self.setObjectName("MainWindow")
        self.setWindowIcon(resources.app_icon())
        self.menus: dict[str, QMenu] = {}
        self.actions: dict[str, QAction] = {}
        self.docks: dict[str, QDockWidget] = {}
        self.panels: Any = None
        self.toolbar_buttons: dict[str, QAction] = {}  # the toolbar's own Undo and Redo
        self._presenting: QByteArray | None = None  # the layout to come back to
        self._legend_was = False
        self._size_before = QSize()
        self._layout_back: tuple[QByteArray, QByteArray, QSize] | None = None  # after presentation mode
        self._presenting_window: tuple[QByteArray, Qt.WindowState, QRect, QByteArray] | None = None
        self.status_bar = self.statusBar()
        self.status_bar.setObjectName("StatusBar")

        self.canvas_view = JourneyMapView(ctx, self)
        self.scene = self.canvas_view.map_scene
        self.editor = self.canvas_view.editor
        self.emotion = EmotionCurve(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("MapSplitter")
        self.splitter.addWidget(self.canvas_view)
        self.splitter.addWidget(self.emotion)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.navigator = Navigator(ctx, self)
        self.inspector = Inspector(ctx, self.editor, self)
        self.inspector.status_callback = lambda text: self.status_bar.showMessage(text, 6000)
        self.inspector.delete_stage_callback = self.canvas_view.delete_stage
        self.history = QUndoView(ctx.undo_stack, self)
        self.history.setObjectName("UndoHistory")
        self.history.setEmptyLabel(translate("MainWindow", "Opened the workspace"))
        self.history.setAccessibleName(translate("MainWindow", "Undo history"))

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status()
        self.add_dock(self.navigator, translate("MainWindow", "Navigator"), LEFT, "NavigatorDock")
        self.add_dock(self.inspector, translate("MainWindow", "Inspector"), RIGHT, "InspectorDock")
        self.add_dock(self.history, translate("MainWindow", "Undo history"), RIGHT, "HistoryDock")
        self.menus["view"].addSeparator()

        self.scene.map_changed.connect(self._on_map_changed)
        self.scene.journey_missing.connect(self._choose_first_journey)
        self.canvas_view.zoom_changed.connect(self._show_zoom)
        self.canvas_view.visible_range_changed.connect(lambda: self.emotion.follow(self.canvas_view))
        self.canvas_view.status_message.connect(lambda text: self.status_bar.showMessage(text, 8000))
        self.canvas_view.edit_requested.connect(self._edit_requested)
        self.emotion.step_clicked.connect(self._emotion_clicked)
        self.ctx.journey_changed.connect(self._on_journey_changed)
        self.ctx.changed.connect(self._on_changed)
        self.ctx.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.editor.error.connect(lambda text: self.status_bar.showMessage(text, 10000))
        self.editor.conflict.connect(lambda text: self.status_bar.showMessage(text, 15000))  # someone else's change won
        self.ctx.remote_changed.connect(lambda text: self.status_bar.showMessage(text, 10000))  # a team workspace

        # files dropped on the window or the map: the import, with that file (ui/dialogs/dropped.py)
        self.file_drops = dropped.install(self, ctx, lambda text: self.status_bar.showMessage(text, 10000),
                                          [self.canvas_view.viewport()])
        welcome.install(self)  # Help > Welcome
        self._install_panels()
        self._build_conflicts()
        self._restore_state()
        # F6 / Shift+F6 between the map and the docks; names for the docks' tab bars (ui/panes.py)
        self.panes = panes.install(self, self.canvas_view)
        self.actions.update(next_pane=self.panes.next_action, previous_pane=self.panes.previous_action)
        self.menus["view"].addActions([self.panes.next_action, self.panes.previous_action])
        self._remember_recent()
        if self.ctx.journey_id is None:
            self._choose_first_journey()
        else:
            self._on_map_changed()
            self._on_journey_changed(self.ctx.journey_id)

    # --- building -------------------------------------------------------------------------------

    def _action(self, name: str, text: str, slot: Callable[[], Any] | None = None, shortcuts: Any = (),
                icon: str | None = None, tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        if icon:
            action.setIcon(resources.icon(icon))
        if isinstance(shortcuts, (str, QKeySequence.StandardKey)):
            shortcuts = [shortcuts]
        keys = []
        for s in shortcuts:
            keys.extend(QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)])
        if keys:
            action.setShortcuts(keys)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})"
                              if keys else tip)
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.actions[name] = action
        self.addAction(action)
        return action

    def _map_action(self, action: QAction) -> QAction:
        """Keys that only make sense on the map (Delete, Insert) work only while the map has focus."""
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.canvas_view.addAction(action)
        return action

    def _build_actions(self) -> None:
        view = self.canvas_view
        std = QKeySequence.StandardKey
        a = self._action
        a("new_workspace", translate("MainWindow", "&New workspace…"), self.new_workspace, "Ctrl+Alt+N", "new", translate("MainWindow", "Start an empty workspace file"))
        a("open", translate("MainWindow", "&Open workspace…"), self.open_workspace, std.Open, "open", translate("MainWindow", "Open another workspace file"))
        a("connect_team", self.tr("Connect to a &team workspace…"), self.connect_team, (), None,
          self.tr("Open a workspace your team shares on a PostgreSQL server"))
        a("save_copy", translate("MainWindow", "Save a &copy…"), self.save_copy, "Ctrl+Shift+S", "save-copy",
          translate("MainWindow", "Copy this workspace to another file (every change here is already saved)"))
        a("import_bundle", translate("MainWindow", "&Import bundle…"), self.import_bundle, "Ctrl+I", "import", translate("MainWindow", "Bring in a map another member shared"))
        a("export_bundle", translate("MainWindow", "&Export…"), self.export_bundle, "Ctrl+E", "export", translate("MainWindow", "Share the map as a bundle, a poster or a spreadsheet"))
        a("quit", translate("MainWindow", "&Quit"), self.quit_app, "Ctrl+Q", None, translate("MainWindow", "Close the app (everything is saved)"))
        undo = self.ctx.undo_stack.createUndoAction(self, translate("MainWindow", "&Undo"))
        undo.setShortcuts(QKeySequence.keyBindings(std.Undo))
        undo.setIcon(resources.icon("undo"))
        undo.setObjectName("action_undo")
        redo = self.ctx.undo_stack.createRedoAction(self, translate("MainWindow", "&Redo"))
        redo.setShortcuts([*QKeySequence.keyBindings(std.Redo), QKeySequence("Ctrl+Y")])
        redo.setIcon(resources.icon("redo"))
        redo.setObjectName("action_redo")
        self.actions["undo"], self.actions["redo"] = undo, redo
        self.addAction(undo)
        self.addAction(redo)
        a("add_step", translate("MainWindow", "Add &step"), view.add_step, ["Ctrl+N", "Insert"], "add-step",
          translate("MainWindow", "Add a step after the selected card (or double-click an empty cell)"))
        a("add_stage", translate("MainWindow", "Add s&tage…"), view.add_stage, "Ctrl+Shift+N", "add-stage", translate("MainWindow", "Add a stage after the selected one"))
        a("add_dependency", translate("MainWindow", "Add &dependency"), view.add_dependency, "Ctrl+D", "add-dependency",
          translate("MainWindow", "Link the two selected cards (or drag from a card's round handle to another card)"))
        a("add_blocker", translate("MainWindow", "Add &blocker…"), view.raise_blocker, "Ctrl+B", "add-blocker",
          translate("MainWindow", "Raise a blocker on the selected steps and hand-offs"))
        a("edit", translate("MainWindow", "&Edit selected"), self.edit_selected, "F2", "edit", translate("MainWindow", "Edit the selected card's title"))
        self._map_action(a("delete", translate("MainWindow", "De&lete"), view.delete_selection, [std.Delete, "Backspace"], "delete",
                           translate("MainWindow", "Delete what is selected on the map")))
        a("zoom_in", translate("MainWindow", "Zoom &in"), view.zoom_in, [std.ZoomIn, "Ctrl+="], "zoom-in", translate("MainWindow", "Zoom in"))
        a("zoom_out", translate("MainWindow", "Zoom &out"), view.zoom_out, std.ZoomOut, "zoom-out", translate("MainWindow", "Zoom out"))
        a("zoom_fit", translate("MainWindow", "&Fit the map"), view.zoom_to_fit, "Ctrl+0", "zoom-fit", translate("MainWindow", "Show the whole map"))
        a("zoom_actual", translate("MainWindow", "&Actual size"), view.actual_size, "Ctrl+1", None, translate("MainWindow", "Readable size"))
        group = QActionGroup(self)
        for name in theme.THEMES:
            words = THEME_WORDS.get(name, (f"{name.title()} theme", f"Use the {name} colours"))
            act = a(f"theme_{name}", translate("MainWindow", words[0]), lambda n=name: theme.apply(n), (), None,
                    translate("MainWindow", words[1]), checkable=True)
            group.addAction(act)
        self.actions[f"theme_{theme.current().name}"].setChecked(True)
        legend = a("show_legend", translate("MainWindow", "&Legend"), None, "Ctrl+L", None, translate("MainWindow", "What the map's marks mean"), checkable=True)
        legend.toggled.connect(self.canvas_view.legend.setVisible)
        legend.setChecked(settings.SHOW_LEGEND.get())  # off beside the docks unless saved on
        self.canvas_view.legend.setVisible(legend.isChecked())  # toggled is not emitted when unchanged
        emotion = a("show_emotion", translate("MainWindow", "&Emotion curve"), None, "Ctrl+Shift+E", None,
                    translate("MainWindow", "Show how the user feels under the map"),
                    checkable=True)
        emotion.setChecked(True)
        emotion.toggled.connect(self.emotion.setVisible)
        a("presentation", translate("MainWindow", "&Presentation mode"), self.toggle_presentation, "F11", None,
          translate("MainWindow", "Only the map, full screen, for the projector (F11 again to come back)"), checkable=True)
        a("shortcuts", translate("MainWindow", "&Keyboard shortcuts"), self.show_shortcuts, ["F1", "Ctrl+/"], "keyboard", translate("MainWindow", "Every command and its keys"))
        a("about", translate("MainWindow", "&About Service Community"), lambda: dialogs.about(self), (), "help")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(translate("MainWindow", "&File"))
        file.setObjectName("menu_file")
        for name in ("new_workspace", "open", "connect_team"):
            file.addAction(self.actions[name])
        self.recent_menu = file.addMenu(translate("MainWindow", "Open &recent"))
        self.recent_menu.setObjectName("menu_recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addAction(self.actions["save_copy"])
        file.addSeparator()
        file.addAction(self.actions["import_bundle"])
        file.addAction(self.actions["export_bundle"])
        file.addSeparator()
        file.addAction(self.actions["quit"])
        edit = bar.addMenu(translate("MainWindow", "&Edit"))
        edit.setObjectName("menu_edit")
        edit.addAction(self.actions["undo"])
        edit.addAction(self.actions["redo"])
        edit.addSeparator()
        for name in ("add_stage", "add_step", "add_dependency", "add_blocker"):
            edit.addAction(self.actions[name])
        edit.addSeparator()
        edit.addAction(self.actions["edit"])
        edit.addAction(self.actions["delete"])
        journey = bar.addMenu(translate("MainWindow", "&Journey"))  # the navigator's journey actions, on the journey on the map
        journey.setObjectName("menu_journey")
        for action in self.navigator.window_actions(self):
            journey.addSeparator() if action is None else journey.addAction(action)
        view = bar.addMenu(translate("MainWindow", "&View"))
        view.setObjectName("menu_view")
        for name in ("zoom_in", "zoom_out", "zoom_fit", "zoom_actual"):
            view.addAction(self.actions[name])
        view.addSeparator()
        for name in theme.THEMES:
            view.addAction(self.actions[f"theme_{name}"])
        view.addSeparator()
        view.addAction(self.actions["presentation"])
        view.addAction(self.actions["show_legend"])
        view.addAction(self.actions["show_emotion"])
        from ui import i18n

        settings_menu = bar.addMenu(translate("MainWindow", "&Settings"))
        settings_menu.setObjectName("menu_settings")
        # Settings > Language: applies at the next start, or now with "Restart now" (self.restart_app)
        # (a lambda, not the bound method: looked up when chosen, so a test can replace restart_app)
        self.language_menu = settings_menu.addMenu(i18n.language_menu(self, lambda: self.restart_app()))  # noqa: PLW0108
        help_menu = bar.addMenu(translate("MainWindow", "&Help"))
        help_menu.setObjectName("menu_help")
        help_menu.addAction(self.actions["shortcuts"])
        help_menu.addAction(self.actions["about"])
        self.menus.update({"file": file, "edit": edit, "journey": journey, "view": view, "settings": settings_menu,
                           "help": help_menu})

    def restart_app(self) -> None:
        """Start the app again in place (the same program and arguments) and close this window the
        ordinary way, which saves the layout; a sentence when it cannot start."""
        from ui import i18n

        if not i18n.restart_app(self):
            dialogs.show_error(self, translate("MainWindow", "Restart"),
                               translate("MainWindow", "Service Community could not start again; close it and start it yourself."))

    def _build_toolbar(self) -> None:
        bar = QToolBar(translate("MainWindow", "Toolbar"), self)
        bar.setObjectName("MainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self._stable_button("undo"))
        bar.addAction(self._stable_button("redo"))
        for name in (None, "add_stage", "add_step", "add_dependency", "add_blocker", "delete", None,
                     "zoom_out", "zoom_in", "zoom_fit"):
            if name is None:
                bar.addSeparator()
            else:
                bar.addAction(self.actions[name])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        self.menus["view"].addAction(bar.toggleViewAction())

    def _stable_button(self, which: str) -> QAction:
        """The toolbar's Undo or Redo: a fixed label, so its width never changes; the command it would
        undo is in its tooltip (and in the Edit menu's entry)."""
        stack = self.ctx.undo_stack
        word = translate("MainWindow", "Undo") if which == "undo" else translate("MainWindow", "Redo")
        button = QAction(resources.icon(which), word, self)
        button.setObjectName(f"toolbar_{which}")
        keys = self.actions[which].shortcuts()
        key = f" ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})" if keys else ""
        button.triggered.connect(stack.undo if which == "undo" else stack.redo)

        def follow(*_args: object) -> None:
            can = stack.canUndo() if which == "undo" else stack.canRedo()
            text = stack.undoText() if which == "undo" else stack.redoText()
            button.setEnabled(can)
            if can and text:
                tip = (translate("MainWindow", "Undo {0}") if which == "undo" else translate("MainWindow", "Redo {0}")).format(text) + key
            else:
                tip = translate("MainWindow", "Nothing to undo") if which == "undo" else translate("MainWindow", "Nothing to redo")
            button.setToolTip(tip)
            button.setStatusTip(tip)

        for signal in (stack.indexChanged, stack.cleanChanged, stack.canUndoChanged, stack.canRedoChanged):
            signal.connect(follow)
        follow()
        self.toolbar_buttons[which] = button
        return button

    def _build_status(self) -> None:
        self.map_status = QLabel()
        self.map_status.setObjectName("MapStatus")
        self.zoom_status = QLabel()
        self.zoom_status.setObjectName("ZoomStatus")
        self.saved_status = QLabel(translate("MainWindow", "Every change is saved"))
        self.saved_status.setObjectName("SavedStatus")
        from ui import workspaces

        self.saved_status.setToolTip(translate("MainWindow", "Workspace: {0}").format(workspaces.where(self.store)))
        for w in (self.map_status, self.zoom_status, self.saved_status):
            self.status_bar.addPermanentWidget(w)

    def _build_conflicts(self) -> None:
        """Community > Conflicts…, and a count in the status bar while any wait for a choice."""
        self.conflicts_status = QLabel()
        self.conflicts_status.setObjectName("ConflictsStatus")
        self.conflicts_status.setTextFormat(Qt.TextFormat.RichText)
        self.conflicts_status.linkActivated.connect(lambda _link: self.review_conflicts())
        self.conflicts_status.setContentsMargins(16, 0, 4, 0)  # apart from "Working as …"
        self.conflicts_status.hide()
        self.status_bar.addPermanentWidget(self.conflicts_status)
        action = self._action("conflicts", translate("MainWindow", "Con&flicts…"), self.review_conflicts, (), None,
                              translate("MainWindow", "Settle what two members changed differently (both values are kept until you choose)"))
        join = self._action("join_duplicates", translate("MainWindow", "&Join duplicates…"), self.join_duplicates, (), None,
                            translate("MainWindow", "Make two organisations or data items named alike one (undoable)"))
        menu = self.menus.get("community") or self.menus["file"]
        if menu is self.menus["file"]:
            menu.insertAction(self.actions["export_bundle"], action)
            menu.insertAction(self.actions["export_bundle"], join)
        else:
            menu.addSeparator()
            menu.addAction(action)
            menu.addAction(join)
        self._count_conflicts_soon = QTimer(self, singleShot=True, interval=300)  # one count after a burst of edits
        self._count_conflicts_soon.timeout.connect(self._count_conflicts)
        self.ctx.changed.connect(self._recount_conflicts)
        self._count_conflicts()

    def _recount_conflicts(self, _changes: Changes) -> None:
        self._count_conflicts_soon.start()

    def _count_conflicts(self) -> None:
        from ui.dialogs import conflicts

        try:
            n = conflicts.pending_count(self.ctx)
        except ServiceCommunityError:
            return  # a busy workspace: counted again after the next change
        self.conflicts_status.setText(translate("MainWindow", "<a href='review'>%n conflict(s) to settle</a>", "", n))
        self.conflicts_status.setToolTip(translate("MainWindow", "Two members changed the same thing; choose what to keep (Community > Conflicts…)"))
        self.conflicts_status.setAccessibleName(translate("MainWindow", "%n conflict(s) to settle", "", n))
        self.conflicts_status.setVisible(n > 0)

    def join_duplicates(self) -> None:
        """Community > Join duplicates…: pick a pair named alike, join it as one undoable step."""
        from servicecommunity.services import joining
        from ui.commands import JoinCommand, push

        pairs = self.ctx.read(lambda session: [
            (section, *pair) for section in joining.JOINABLE for pair in joining.likely_duplicates(session, section)])
        if not pairs:
            dialogs.show_info(self, translate("MainWindow", "Join duplicates"), translate("MainWindow", "No organisations or data items share a name."))
            return
        words = [f"{services.NOUN[section].capitalize()}: {name}" for section, name, _keep, _drop in pairs]
        chosen = dialogs.choose_duplicates(self, words)
        if chosen is None:
            return
        section, name, keep, drop = pairs[chosen]
        try:
            push(self.ctx, JoinCommand(self.ctx, section, keep, drop, name))
        except ServiceCommunityError as exc:
            dialogs.show_error(self, translate("MainWindow", "Not joined"), str(exc))
            return
        self.status_bar.showMessage(translate("MainWindow", "Joined the two called “{0}”; Undo puts both back.").format(name), 8000)

    def review_conflicts(self) -> None:
        from ui.dialogs import conflicts

        if conflicts.review_pending(self, self.ctx):
            self.status_bar.showMessage(translate("MainWindow", "Settled: your next bundle takes your choices to the others."), 8000)
        self._count_conflicts()

    def add_dock(self, widget: QWidget, title: str, area: Qt.DockWidgetArea, object_name: str) -> QDockWidget:
        """Dock a panel; it gets a View menu entry and its place is saved with the window."""
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        self.addDockWidget(area, dock)
        self.menus["view"].addAction(dock.toggleViewAction())
        self.docks[object_name] = dock
        if area == RIGHT and "InspectorDock" in self.docks and object_name == "HistoryDock":
            self.splitDockWidget(self.docks["InspectorDock"], dock, Qt.Orientation.Vertical)
        return dock

    def _install_panels(self) -> None:
        try:
            from ui import panels
        except ImportError:
            panels = None
        if panels is not None:
            self.panels = panels.install(self, self.ctx)

    # --- window state ---------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = settings.WINDOW_GEOMETRY.get()
        state = settings.WINDOW_STATE.get()
        available = self.screen().availableGeometry()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:  # most of the screen, never a fixed size (1440x900 became 2,880x1,800 at 200%)
            self.resize(max(available.width() * 9 // 10, 1), max(available.height() * 9 // 10, 1))
            self.move(available.center() - self.rect().center())
        if not state.isEmpty():
            self.restoreState(state, STATE_VERSION)
        else:
            self.default_layout()
        if (layout := self.layout()) is not None:
            layout.activate()  # the minimum size of the docks as now laid out (tabbed), not as first added
        if not self.isMaximized() and not self.isFullScreen() and not available.contains(self.geometry()):
            # saved on a bigger or other screen, or wider than the docks allow: shrink to this one, then bring it inside
            box = self.geometry()
            box.setSize(box.size().boundedTo(available.size()))
            box.moveLeft(max(available.left(), min(box.left(), available.right() - box.width() + 1)))
            box.moveTop(max(available.top(), min(box.top(), available.bottom() - box.height() + 1)))
            self.setGeometry(box)
        splitter = settings.WINDOW_SPLITTER.get()
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([700, 150])  # the map first; the curve keeps its five rows legible
        self.actions["show_emotion"].setChecked(settings.SHOW_EMOTION.get())
        self.actions["show_legend"].setChecked(settings.SHOW_LEGEND.get())
        self.canvas_view.legend.setVisible(self.actions["show_legend"].isChecked())
        theme_name = theme.current().name
        if f"theme_{theme_name}" in self.actions:
            self.actions[f"theme_{theme_name}"].setChecked(True)
        theme.notifier().changed.connect(self._on_theme)

    def default_layout(self) -> None:
        """The first start's layout, sized to the window: the map gets most of the room (ui/panels)."""
        from ui import panels

        panels.default_layout(self)

    def toggle_presentation(self) -> None:
        self.set_presentation(self._presenting is None)

    def set_presentation(self, on: bool, *, full_screen: bool = True) -> None:
        """Presentation mode, the projector view: the map (and the emotion curve) alone, full screen,
        fitted so that card titles are readable from the back of the room (see
        :meth:`JourneyMapView.set_presenting`). Leaving it puts back exactly the window's geometry,
        its maximised or full-screen state, the docks and the splitter."""
        if on == (self._presenting is not None):
            return
        view = self.canvas_view
        if on:
            self._legend_was = self.actions["show_legend"].isChecked()
            self._presenting = self.saveState(STATE_VERSION)
            self._size_before = self.size()
            placed = self.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen)
            self._presenting_window = (self.saveGeometry(), self.windowState(),
                                       QRect(self.normalGeometry() if placed else self.geometry()),
                                       self.splitter.saveState())
            # the legend stays as it was (F11 turning it on covered the map on the projector)
            for dock in self.findChildren(QDockWidget):
                dock.hide()
            self.toolbar.hide()
            if full_screen:  # keeping the maximised flag, so that leaving needs no detour through normal
                self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)
            view.set_presenting(True)
        else:
            layout, self._presenting = self._presenting or QByteArray(), None
            geometry, window_state, normal, splitter = self._presenting_window or (QByteArray(), None, None, QByteArray())
            self._presenting_window = None
            size = self._size_before
            view.set_presenting(False)
            if window_state is not None and normal is not None:
                if window_state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
                    # straight back to that state: Qt still holds the normal size (showNormal
                    # un-maximised the window; a detour through it lets the window system take the
                    # maximised size for the normal one)
                    self.setWindowState(window_state)
                else:
                    if self.windowState() != Qt.WindowState.WindowNoState:
                        self.showNormal()
                    self.setGeometry(normal)
            elif not geometry.isEmpty():
                self.restoreGeometry(geometry)
            self._restore_layout(layout, splitter)
            if self.size() != size:
                # the window system gives the window its size back later: the docks' sizes go back
                # then (for a second at most: a resize after that is the person's own)
                self._layout_back = (layout, splitter, size)
                QTimer.singleShot(1000, self._forget_layout_back)
            self.actions["show_legend"].setChecked(self._legend_was)
        self.actions["presentation"].setChecked(on)
        # the emotion curve's axis is as wide as the lane ruler, whose type changed: line them up again
        self.emotion.set_axis_width(view.lane_ruler.preferred_width() - 8)
        QTimer.singleShot(0, lambda: self.emotion.follow(view))
        view.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        back = self._layout_back
        if back is not None:
            self._restore_layout(back[0], back[1])
            if self.size() == back[2]:
                self._layout_back = None  # back to the size it had: done

    def _forget_layout_back(self) -> None:
        self._layout_back = None

    def _restore_layout(self, layout: QByteArray, splitter: QByteArray) -> None:
        self.restoreState(layout, STATE_VERSION)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def save_state(self) -> None:
        settings.WINDOW_GEOMETRY.set(self.saveGeometry())
        state = self._presenting if self._presenting is not None else self.saveState(STATE_VERSION)
        settings.WINDOW_STATE.set(state)
        settings.WINDOW_SPLITTER.set(self.splitter.saveState())
        settings.SHOW_EMOTION.set(self.actions["show_emotion"].isChecked())
        settings.SHOW_LEGEND.set(self.actions["show_legend"].isChecked())
        if self.ctx.journey_id:
            settings.journey(self.store.workspace_id).set(self.ctx.journey_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
        if event.isAccepted():
            self.ctx.undo_stack.clear()
            self.ctx.close()  # stops listening to a team workspace
            if self.owns_store:
                QTimer.singleShot(0, self.store.close)

    def _remember_recent(self) -> None:
        from ui import workspaces

        settings.remember_workspace(workspaces.recent_key(self.store))  # a server's address without its password

    def _fill_recent(self) -> None:
        from ui import workspaces

        self.recent_menu.clear()
        for path in settings.recent_workspaces():
            if workspaces.same_workspace(self.store, path if workspaces.is_team(path) else Path(path)):
                continue
            action = self.recent_menu.addAction(workspaces.recent_label(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if self.recent_menu.isEmpty():
            empty = self.recent_menu.addAction(translate("MainWindow", "No other workspaces yet"))
            empty.setEnabled(False)

    # --- journeys -------------------------------------------------------------------------------

    def _choose_first_journey(self) -> None:
        remembered = settings.journey(self.store.workspace_id).get() or None
        self.ctx.set_journey(self.ctx.read(lambda s: workspace_queries.journey_to_show(s, remembered)))

    def _on_journey_changed(self, journey_id: str) -> None:
        self._update_title()
        if journey_id:
            settings.journey(self.store.workspace_id).set(journey_id)

    def _on_map_changed(self) -> None:
        data = self.scene.data
        self.inspector.map_data = data
        self.emotion.set_map(data, self.scene.layout)
        self.emotion.set_axis_width(self.canvas_view.lane_ruler.preferred_width() - 8)
        QTimer.singleShot(0, lambda: self.emotion.follow(self.canvas_view))
        self._update_title()
        if data is None:
            self.map_status.setText(translate("MainWindow", "No journey yet: File > Import bundle, or New journey in the navigator"))
            return
        handoffs = sum(1 for d in data.dependencies if d.crosses_org)
        blocked = sum(1 for s in data.steps if s.blocker_count)
        stages, steps, dependencies = len(data.stages), len(data.steps), len(data.dependencies)
        self.map_status.setText(" · ".join([
            translate("MainWindow", "%n stage(s)", "", stages), translate("MainWindow", "%n step(s)", "", steps),
            translate("MainWindow", "%n (dependency|dependencies)", "", dependencies) + " ("
            + translate("MainWindow", "%n hand-off(s)", "", handoffs) + ")",
            translate("MainWindow", "%n step(s) blocked", "", blocked),
        ]))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("journeys"):
            self._update_title()

    def _on_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _update_title(self) -> None:
        data = self.scene.data
        name = data.journey_name if data is not None else translate("MainWindow", "No journey")
        from ui import workspaces

        where = workspaces.short_name(self.store)  # a file's name, or "database on host"
        self.setWindowTitle(translate("MainWindow", "{0} — {1} — Service Community").format(name, where))

    def _show_zoom(self, level: float) -> None:
        self.zoom_status.setText(translate("MainWindow", "Zoom {0} %").format(f"{level * 100:.0f}"))

    def _on_theme(self, palette: Any) -> None:
        for name in theme.THEMES:
            action = self.actions.get(f"theme_{name}")
            if action is not None:
                action.setChecked(name == palette.name)
        for name, action in [*self.actions.items(), *self.toolbar_buttons.items()]:
            icon = {"undo": "undo", "redo": "redo"}.get(name)
            if icon:
                action.setIcon(resources.icon(icon))
        icons = {"new_workspace": "new", "open": "open", "save_copy": "save-copy", "import_bundle": "import",
                 "export_bundle": "export", "add_step": "add-step", "add_stage": "add-stage",
                 "add_dependency": "add-dependency", "add_blocker": "add-blocker", "edit": "edit", "delete": "delete",
                 "zoom_in": "zoom-in", "zoom_out": "zoom-out", "zoom_fit": "zoom-fit", "shortcuts": "keyboard", "about": "help"}
        for name, icon in icons.items():
            self.actions[name].setIcon(resources.icon(icon))

    # --- editing --------------------------------------------------------------------------------

    def edit_selected(self) -> None:
        scene = self.scene
        if scene.current_step:
            self.canvas_view.edit_title(scene.current_step)
        elif scene.selected_stage:
            self.canvas_view.rename_stage(scene.selected_stage)
        elif scene.selected_deps:
            self._edit_requested("dependencies", scene.selected_deps[0])

    def _edit_requested(self, section: str, _record_id: str) -> None:
        dock = self.docks.get("InspectorDock")
        if dock is not None:
            dock.show()
            dock.raise_()
        if section != "steps":
            self.inspector.focus_first_field()

    def _emotion_clicked(self, step_id: str) -> None:
        self.scene.set_selection([step_id], current=step_id)
        self.canvas_view.ensure_step_visible(step_id)

    # --- files ----------------------------------------------------------------------------------

    def open_workspace(self) -> None:
        path = dialogs.ask_open_path(self, translate("MainWindow", "Open a workspace"), dialogs.WORKSPACE_FILTER, str(self._folder()))
        if path is not None:
            self.open_path(path)

    def connect_team(self) -> MainWindow | None:
        """File > Connect to a team workspace…"""
        from ui.dialogs import connect

        return connect.connect_team(self)  # type: ignore[no-any-return]

    def open_path(self, path: Path | str) -> MainWindow | None:
        """Open another workspace (a file, or a team workspace's address) in a new window, then close this one."""
        from ui import workspaces

        if not workspaces.is_team(path):
            path = Path(path)
        if workspaces.same_workspace(self.store, path):
            return self
        window = open_window(path, parent_for_errors=self)
        if window is not None:
            self.close()
        return window

    def new_workspace(self) -> None:
        from ui import workspaces

        path = dialogs.ask_save_path(self, translate("MainWindow", "New workspace"), dialogs.WORKSPACE_FILTER, str(self._folder() / "community.sqlite"))
        if path is None:
            return
        if path.exists():
            dialogs.show_error(self, translate("MainWindow", "New workspace"), translate("MainWindow", "{0} exists already; choose a new name (nothing was changed).").format(path))
            return
        if workspaces.create_workspace(path, parent_for_errors=self) is not None:
            self.open_path(path)

    def save_copy(self) -> None:
        stem = self.store.path.stem if self.store.path else "community"
        target = dialogs.ask_save_path(self, translate("MainWindow", "Save a copy of the workspace"), dialogs.WORKSPACE_FILTER,
                                       str(self._folder() / f"{stem} copy.sqlite"))
        if target is None:
            return
        try:
            copy_workspace(self.store, target)
        except (OSError, ServiceCommunityError) as exc:
            dialogs.show_error(self, translate("MainWindow", "The copy was not saved"), str(exc))
            return
        self.status_bar.showMessage(translate("MainWindow", "Saved a copy as {0}").format(target), 8000)

    def import_bundle(self) -> None:
        try:
            from ui.dialogs import importing as import_dialog
        except ImportError:
            import_dialog = None  # type: ignore[assignment]
        if import_dialog is not None and hasattr(import_dialog, "run_import"):
            import_dialog.run_import(self, self.ctx)
            return
        path = dialogs.ask_open_path(self, translate("MainWindow", "Import a bundle"), dialogs.BUNDLE_FILTER, str(self._folder()))
        if path is None:
            return
        from servicecommunity.exchange import merge

        try:
            data = bundle.read_bundle(path)
            report = self.ctx.read(lambda s: merge.import_bundle(s, data, actor_id=self.ctx.member_id))
        except ServiceCommunityError as exc:
            dialogs.show_error(self, translate("MainWindow", "The bundle was not imported"), str(exc))
            return
        self.ctx.announce(Changes.everything())
        dialogs.show_info(self, translate("MainWindow", "Imported"), translate("MainWindow", "Imported: {0}.").format(report.changes_text()))

    def export_bundle(self) -> None:
        try:
            from ui.dialogs import export as export_dialog
        except ImportError:
            export_dialog = None  # type: ignore[assignment]
        if export_dialog is not None and hasattr(export_dialog, "ExportDialog"):
            export_dialog.ExportDialog.ask(self, self.ctx)
            return
        name = (self.scene.data.journey_name if self.scene.data else "community").lower().replace(" ", "-")
        path = dialogs.ask_save_path(self, translate("MainWindow", "Export a bundle"), dialogs.BUNDLE_FILTER, str(self._folder() / f"{name}.json"))
        if path is None:
            return
        from servicecommunity.exchange import exports

        try:  # the same export as the dialog's, so the bundle counts as shared
            self.ctx.read(lambda s: exports.export(s, "json", path, journey_id=self.ctx.journey_id))
        except ServiceCommunityError as exc:
            dialogs.show_error(self, translate("MainWindow", "The bundle was not exported"), str(exc))
            return
        self.status_bar.showMessage(translate("MainWindow", "Exported {0}").format(path), 8000)

    def _folder(self) -> Path:
        return self.store.path.parent if self.store.path else Path.home()

    def quit_app(self) -> None:
        QApplication.closeAllWindows()

    def show_shortcuts(self) -> None:
        dialogs.ShortcutsDialog.ask(self.all_actions(), self)

    def all_actions(self) -> list[tuple[str, QAction]]:
        """Every menu command with its menu's name, for the shortcuts list."""
        out = []
        for menu in self.menus.values():
            title = menu.title().replace("&", "")
            for action in menu.actions():
                if action.menu() is None and not action.isSeparator():
                    out.append((title, action))
        seen = {id(a) for _m, a in out}
        out += [("Edit", a) for name, a in self.actions.items() if id(a) not in seen and name == "delete"]
        return out


def copy_workspace(store: Any, target: Path) -> None:
    """Copy the open workspace to ``target`` with ``VACUUM INTO`` (a consistent copy, written beside
    the target then moved into place, so a failure leaves no half file); a team workspace's with the
    core's copy (``servicecommunity copy``: one snapshot, the new file written in one transaction)."""
    target = Path(target)
    if store.is_server:
        from servicecommunity.exchange.copying import copy_workspace as copy_between

        copy_between(store.engine.url.render_as_string(hide_password=False), target)
        return
    tmp = target.with_name(f".{target.name}.copy-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    raw = store.engine.raw_connection()
    try:
        raw.execute("VACUUM INTO ?", (str(tmp),))
    finally:
        raw.close()
    os.replace(tmp, target)


#: the windows open now (a window is dropped when it is destroyed)
WINDOWS: list[MainWindow] = []


def open_window(
    path: Path | str, *, first_start: bool = False, startup: bool = False, parent_for_errors: Any = None
) -> MainWindow | None:
    """Open a workspace in a new main window (shown). None if it could not be opened."""
    from ui.workspaces import is_team, open_store_or_explain

    store = open_store_or_explain(path if is_team(path) else Path(path), first_start=first_start, startup=startup, parent_for_errors=parent_for_errors)
    if store is None:
        return None
    window = MainWindow(AppContext(store), owns_store=True)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    WINDOWS.append(window)
    window.destroyed.connect(lambda *_: WINDOWS.remove(window) if window in WINDOWS else None)
    window.show()
    if first_start:
        welcome.offer_on_first_start(window)  # once, over the demo the new workspace opened with
    return window


__all__ = ["WINDOWS", "MainWindow", "copy_workspace", "open_window"]
