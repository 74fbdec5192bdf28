"""Wire the blocker register, insights, charts, dependency graph, journey outline and people into the main window.

``MainWindow`` calls :func:`install` once, after its map and menus exist. The window offers
``window.ctx``, ``window.menus`` (``"file"``, ``"edit"``, ``"view"``, ``"help"``),
``window.add_dock(widget, title, area, object_name)`` and ``window.status_bar``. Every panel here
also works on its own with just the context (the tests build them so); this module only docks them,
adds the Community menu (who am I, organisations and members, raise a blocker) and the View menu's
toggles, and connects panels to each other (a blocker finding selects the blocker in the register).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QMainWindow, QMenu, QScrollArea, QWidget

from servicecommunity.services import Changes
from ui.context import AppContext
from ui.i18n import translate
from ui.panels.blockers import BlockerRegister
from ui.panels.charts import ChartsPanel
from ui.panels.graph import GraphPanel
from ui.panels.insights import InsightsPanel
from ui.panels.outline import OutlinePanel
from ui.panels.people import PeopleDialog, choose_member, member_label

BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


@dataclass
class Panels:
    """What :func:`install` added to a window (kept on it as ``window.panels``)."""

    register: BlockerRegister
    insights: InsightsPanel
    charts: ChartsPanel
    graph: GraphPanel
    docks: dict[str, QDockWidget] = field(default_factory=dict)
    actions: dict[str, QAction] = field(default_factory=dict)
    member_status: QLabel | None = None
    people_dialog: PeopleDialog | None = None
    map_selection: dict[str, list[str]] = field(default_factory=dict)  # the map's latest selection
    outline: OutlinePanel | None = None


def install(window: Any, ctx: AppContext | None = None) -> Panels:
    """Dock the panels in ``window``, add their menu actions and status; return what was added."""
    ctx = ctx or window.ctx
    register = BlockerRegister(ctx)
    insights = InsightsPanel(ctx)
    charts = ChartsPanel(ctx)
    graph = GraphPanel(ctx)
    outline = OutlinePanel(ctx, getattr(window, "editor", None))
    panels = Panels(register, insights, charts, graph, outline=outline)
    # Docked side by side here; which share a place as tabs is for default_layout, which tabs each
    # dock once (tabbing them here and again there left stray tab bars drawn over the map).
    # The wide panels scroll inside their dock rather than make the window wider than a small screen.
    panels.docks["blockers"] = window.add_dock(_scrolling(register), translate("Panels", "Blockers"), BOTTOM, "BlockersDock")
    panels.docks["charts"] = window.add_dock(charts, translate("Panels", "Charts"), BOTTOM, "ChartsDock")
    panels.docks["insights"] = window.add_dock(_scrolling(insights), translate("Panels", "Insights"), RIGHT, "InsightsDock")
    panels.docks["graph"] = window.add_dock(graph, translate("Panels", "Dependency graph"), RIGHT, "GraphDock")
    # The journey outline (the map as a list a screen reader walks), beside the navigator.
    panels.docks["outline"] = window.add_dock(outline, translate("Panels", "Journey outline"), LEFT, "OutlineDock")

    def show_dock(name: str) -> None:
        dock = panels.docks[name]
        dock.show()
        dock.raise_()

    def show_blocker(blocker_id: str) -> None:
        show_dock("blockers")
        register.select_blocker(blocker_id)

    insights.blocker_activated.connect(show_blocker)

    def inspect(section: str, record_id: str) -> None:
        """The outline's Enter: the inspector shows the record (it follows the map's selection), with focus."""
        inspector_dock = getattr(window, "docks", {}).get("InspectorDock")
        if inspector_dock is not None:
            inspector_dock.show()
            inspector_dock.raise_()
        inspector = getattr(window, "inspector", None)
        if inspector is not None and hasattr(inspector, "focus_first_field"):
            inspector.focus_first_field()

    def go_to_outline() -> None:
        show_dock("outline")
        outline.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    outline.inspect_requested.connect(inspect)

    # The map's own keys (draw a dependency, move a card to another lane or stage) in the Edit menu,
    # so Help > Keyboard shortcuts lists them; they work while the map has the focus.
    canvas = getattr(window, "canvas_view", None)
    edit_menu = window.menus.get("edit") if hasattr(window, "menus") else None
    if canvas is not None and edit_menu is not None and hasattr(canvas, "keyboard_actions"):
        edit_menu.addSeparator()
        edit_menu.addActions(canvas.keyboard_actions())
    # The map asks for a blocker form: the register answers it, so bring it forward too.
    ctx.raise_blocker_requested.connect(lambda _payload: show_dock("blockers"))

    # The Community menu.
    menu = _community_menu(window)

    def add(name: str, text: str, slot: Any, shortcut: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        panels.actions[name] = action
        return action

    def open_people() -> None:
        if panels.people_dialog is None:
            panels.people_dialog = PeopleDialog(ctx, window)
            panels.people_dialog.people.organisation_view.blocker_activated.connect(show_blocker)
        panels.people_dialog.show()
        panels.people_dialog.raise_()

    add("who_am_i", translate("Panels", "&Who am I…"), lambda: choose_member(window, ctx),
        tip=translate("Panels", "Choose who you are: blockers and updates carry your name"))
    add("people", translate("Panels", "&Organisations and members…"), open_people, "Ctrl+Shift+O",
        translate("Panels", "Organisations, members and sub-groups; what each organisation owns"))
    menu.addSeparator()
    def raise_for_selection() -> None:
        show_dock("blockers")
        register.raise_blocker(step_ids=list(panels.map_selection.get("steps", ())),
                               dependency_ids=list(panels.map_selection.get("dependencies", ())))

    ctx.selection_changed.connect(lambda selection: setattr(panels, "map_selection", dict(selection or {})))
    window_actions = getattr(window, "actions", None)
    if isinstance(window_actions, dict) and "add_blocker" in window_actions:
        # The window's Edit > Add blocker asks for the form through ctx.raise_blocker_requested,
        # which the register answers; list the same action here rather than a second one.
        menu.addAction(window_actions["add_blocker"])
        panels.actions["raise_blocker"] = window_actions["add_blocker"]
    else:
        add("raise_blocker", translate("Panels", "&Raise blocker…"), raise_for_selection, "Ctrl+Shift+B",
            translate("Panels", "Raise a blocker, linked to the steps selected on the map"))

    def analyse_again() -> None:
        show_dock("insights")
        insights.refresh()

    def export_chart() -> None:
        show_dock("charts")
        charts.export_current()

    add("analyse", translate("Panels", "&Analyse again"), analyse_again, "F5", translate("Panels", "Run the analysis of the journey again"))
    add("export_chart", translate("Panels", "Export &chart as PNG…"), export_chart, tip=translate("Panels", "Save the chart shown as a PNG image"))

    view = window.menus.get("view") if hasattr(window, "menus") else None
    if view is not None:
        view.addSeparator()
        for name in ("blockers", "insights", "charts", "graph"):
            toggle = panels.docks[name].toggleViewAction()
            view.addAction(toggle)
            panels.actions[f"view_{name}"] = toggle
        go = QAction(translate("Panels", "Go to the journey &outline"), window)
        go.setShortcut(QKeySequence("Ctrl+Shift+L"))
        go.setStatusTip(translate("Panels", "The map as a list a screen reader can walk: stages, steps, owners, blockers, hand-offs"))
        go.triggered.connect(lambda _checked=False: go_to_outline())
        view.addAction(go)
        if hasattr(window, "addAction"):
            window.addAction(go)
        panels.actions["go_to_outline"] = go

    # Who is using the app, in the status bar: a link to choose when nobody is chosen.
    status = QLabel()
    status.setObjectName("MemberStatus")
    status.setTextFormat(Qt.TextFormat.RichText)
    status.linkActivated.connect(lambda _link: choose_member(window, ctx))

    def show_member(*_args: Any) -> None:
        text = member_label(ctx)
        if ctx.member_id:
            status.setText(translate("Panels", "Working as {0} · <a href='choose'>change</a>").format(_esc(text)))
        else:
            status.setText(translate("Panels", "<a href='choose'>Who are you?</a> Blockers you raise carry your name."))

    def on_changed(changes: Changes) -> None:
        if changes.touches("members", "organisations"):
            show_member()

    ctx.member_changed.connect(show_member)
    ctx.changed.connect(on_changed)
    show_member()
    bar = getattr(window, "status_bar", None) or (window.statusBar() if hasattr(window, "statusBar") else None)
    if bar is not None:
        bar.addPermanentWidget(status)
    panels.member_status = status
    window.panels = panels
    return panels


def default_layout(window: QMainWindow) -> None:
    """The first start's layout, for the window's size: the map gets most of the room.

    On a large window (1,700 x 950 or more) the navigator and the journey outline are tabs on the
    left, the inspector, insights and dependency graph tabs on the right with the undo history
    under them, the blocker register and charts tabs under the map. On a smaller one the register
    and charts join the right-hand tabs and the columns are narrower; under 1,100 px wide (a
    1920x1080 screen at 200% is 960 px) the navigator and outline join them too, and under 600 px
    high the undo history. restoreState puts back the person's own layout instead.

    The layout is built on a stand-in window with docks of the same names and then restored onto
    this one: Qt 6.11's tabifyDockWidget leaves a second, stray tab bar for every tab group after
    the first, drawn over the map and the docks, while restoreState makes exactly one per group.
    """
    docks: dict[str, QDockWidget] = getattr(window, "docks", {})
    if "InspectorDock" not in docks:
        return
    width, height = window.width(), window.height()
    large = width >= 1600 and height >= 900
    tiny = width < 1100
    if large:
        top, under, left, bottom = ["InsightsDock", "GraphDock"], [], ["NavigatorDock", "OutlineDock"], ["BlockersDock", "ChartsDock"]
    elif tiny:
        top, under, left, bottom = ["NavigatorDock", "OutlineDock", "InsightsDock"], ["BlockersDock", "ChartsDock", "GraphDock"], [], []
    else:
        top, under, left, bottom = ["InsightsDock", "GraphDock"], ["BlockersDock", "ChartsDock"], ["NavigatorDock", "OutlineDock"], []

    stand_in = QMainWindow()
    stand_in.setCentralWidget(QWidget(stand_in))
    stand_in.resize(window.size())
    copies: dict[str, QDockWidget] = {}

    def place(names: list[str], area: Qt.DockWidgetArea, under: QDockWidget | None = None) -> QDockWidget | None:
        """The first as a new dock in ``area`` (or split under ``under``), the others as its tabs;
        a name already placed leads the tabs where it is."""
        first = next((copies[n] for n in names[:1] if n in copies), None)
        for name in (n for n in names if n in docks and n not in copies):
            copy = copies[name] = QDockWidget(docks[name].windowTitle(), stand_in)
            copy.setObjectName(name)
            copy.setWidget(QWidget(copy))
            if first is not None:
                stand_in.tabifyDockWidget(first, copy)
                continue
            first = copy
            stand_in.addDockWidget(area, copy)
            if under is not None:
                stand_in.splitDockWidget(under, copy, Qt.Orientation.Vertical)
        return first

    inspector = place(["InspectorDock"], RIGHT)
    lower = place([*under, "HistoryDock"], RIGHT, under=inspector)
    place(["InspectorDock", *top], RIGHT)
    navigator = place(left, LEFT)
    register = place(bottom, BOTTOM)
    place(list(docks), RIGHT)  # a dock this layout does not know: on the right
    # the side columns run the full height; bottom panels sit under the map only
    for which in (stand_in, window):
        which.setCorner(Qt.Corner.BottomLeftCorner, LEFT)
        which.setCorner(Qt.Corner.BottomRightCorner, RIGHT)
    for dock in (lower, navigator, register, inspector):  # the tabs in front
        if dock is not None:
            dock.raise_()
    if inspector is not None and lower is not None:
        column = height - 120
        share = 5 if lower is copies.get("HistoryDock") else 2  # the history alone is short
        stand_in.resizeDocks([inspector, lower], [column - column // share, column // share], Qt.Orientation.Vertical)
    if register is not None:
        stand_in.resizeDocks([register], [230], Qt.Orientation.Vertical)
    if navigator is not None:
        stand_in.resizeDocks([navigator], [230 if large else 160], Qt.Orientation.Horizontal)
    if inspector is not None:
        column = 420 if large else 320 if tiny else 330
        if not tiny:  # wide enough for each group's tabs whole, without scroll arrows (Welsh titles are longer)
            from ui import panes

            groups = [["InspectorDock", *top], [*under, "HistoryDock"]]
            needed = max(panes.tabs_width(window, [docks[n].windowTitle() for n in group if n in docks]) for group in groups)
            column = max(column, min(needed + 2, width // 3))
        stand_in.resizeDocks([inspector], [column], Qt.Orientation.Horizontal)
    window.restoreState(stand_in.saveState())
    stand_in.deleteLater()


def _scrolling(panel: QWidget) -> QScrollArea:
    """The panel in a frameless scroll area: a dock narrower or shorter than the panel's minimum
    scrolls it instead of widening the window (the blocker register's filters want 618 px)."""
    area = QScrollArea()
    area.setObjectName(f"{panel.objectName() or type(panel).__name__}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the panel's own controls take the focus
    area.setWidget(panel)
    return area


def _community_menu(window: Any) -> QMenu:
    menus = getattr(window, "menus", None)
    if menus is not None and "community" in menus:
        return menus["community"]  # type: ignore[no-any-return]
    menu = QMenu(translate("Panels", "&Community"), window)
    bar = window.menuBar()
    help_menu = (menus.get("settings") or menus.get("help")) if menus else None  # Settings and Help stay last
    if help_menu is not None:
        bar.insertMenu(help_menu.menuAction(), menu)
    else:
        bar.addMenu(menu)
    if menus is not None:
        menus["community"] = menu
    return menu


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["Panels", "default_layout", "install"]
