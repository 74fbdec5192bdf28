"""Moving between the window's panes with the keyboard, and naming the docks' tab bars.

- **F6 / Shift+F6** move the focus to the next / previous pane: the map, then each visible dock in
  reading order (left column, right column, bottom row), and round again. A dock gets the focus on
  the control it last had, or its first control.
- **Tab bars** that Qt makes when docks share a place (tabified) get an accessible name saying
  which panels they switch between, so a screen reader announces "Right-hand panels" rather than
  nothing; they are named when they appear, whenever the layout changes. The left-hand column's
  tabs run down its side (:data:`LEFT_TABS`): the column is narrow (160 px at 1366x768) and tabs
  underneath it would need scroll arrows to show "Journey outline" (or "Amlinelliad o'r daith")
  whole, where down the side they have the column's height.

``MainWindow`` calls :func:`install` once its docks exist.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTabBar, QTabWidget, QWidget

from ui.i18n import QT_TRANSLATE_NOOP, translate

AREA_NAMES = {
    Qt.DockWidgetArea.LeftDockWidgetArea: QT_TRANSLATE_NOOP("Panes", "Left-hand panels"),
    Qt.DockWidgetArea.RightDockWidgetArea: QT_TRANSLATE_NOOP("Panes", "Right-hand panels"),
    Qt.DockWidgetArea.BottomDockWidgetArea: QT_TRANSLATE_NOOP("Panes", "Bottom panels"),
    Qt.DockWidgetArea.TopDockWidgetArea: QT_TRANSLATE_NOOP("Panes", "Top panels"),
}
_AREA_ORDER = list(AREA_NAMES)
#: where the left-hand column's tabs sit: down its outer side
LEFT_TABS = QTabWidget.TabPosition.West


def _tab_stop(w: QWidget) -> bool:
    return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.isVisible() and w.isEnabled()


def first_control(container: QWidget) -> QWidget | None:
    """The first control inside ``container`` that Tab would stop at (in focus-chain order)."""
    w = container.nextInFocusChain()
    while w is not container and w is not None:
        if container.isAncestorOf(w) and _tab_stop(w) and w.focusProxy() is None:
            return w
        w = w.nextInFocusChain()
    return None


class Panes(QObject):
    """F6 / Shift+F6 between the map and the visible docks; names for the docks' tab bars."""

    def __init__(self, window: QMainWindow, central: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.central = central  # the map: the first pane
        window.setTabPosition(Qt.DockWidgetArea.LeftDockWidgetArea, LEFT_TABS)
        self.last: dict[int, QWidget] = {}  # id(dock) -> the control it last had the focus on
        self.next_action = self._action("next_pane", translate("Panes", "Next pane"), "F6", 1)
        self.previous_action = self._action("previous_pane", translate("Panes", "Previous pane"), "Shift+F6", -1)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        window.installEventFilter(self)
        self._naming = QTimer(self, singleShot=True, interval=0)
        self._naming.timeout.connect(self.name_tab_bars)
        self._naming.start()

    def _action(self, name: str, text: str, key: str, step: int) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(translate("Panes", "Move to the next pane: the map, then each panel") if step > 0
                            else translate("Panes", "Move to the previous pane: the map, then each panel"))
        action.triggered.connect(lambda _checked=False: self.move(step))
        self.window.addAction(action)
        return action

    # --- panes ---------------------------------------------------------------------------------

    def panes(self) -> list[QWidget]:
        """The map, then every dock that shows now, left column first, then right, then bottom."""
        docks = [d for d in self.window.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()]

        def place(d: QDockWidget) -> tuple[int, int, int]:
            area = self.window.dockWidgetArea(d)
            order = _AREA_ORDER.index(area) if area in _AREA_ORDER else len(_AREA_ORDER)
            pos = d.mapTo(self.window, d.rect().topLeft())
            return order, pos.x(), pos.y()

        return [self.central, *sorted(docks, key=place)]

    def current(self) -> int:
        focus = QApplication.focusWidget()
        for i, pane in enumerate(self.panes()):
            if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
                return i
        return -1

    def move(self, step: int) -> QWidget | None:
        """Focus the next (``step`` 1) or previous (-1) pane; returns the widget that has the focus."""
        panes = self.panes()
        at = self.current()
        if at < 0:
            at = 0 if step > 0 else len(panes)
        target = panes[(at + step) % len(panes)]
        widget = self._inside(target)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return widget

    def _inside(self, pane: QWidget) -> QWidget:
        if pane is self.central:
            return self.central
        remembered = self.last.get(id(pane))
        if remembered is not None and pane.isAncestorOf(remembered) and _tab_stop(remembered):
            return remembered
        return first_control(pane) or pane

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        parent = new.parentWidget()
        while parent is not None and not isinstance(parent, QDockWidget):
            parent = parent.parentWidget()
        if parent is not None and parent.parentWidget() is self.window:
            self.last[id(parent)] = new

    # --- tab bars --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.ChildAdded, QEvent.Type.LayoutRequest):
            self._naming.start()
        return False

    def name_tab_bars(self) -> None:
        """Name each tab bar of tabified docks after the place it sits in."""
        titles = {d.windowTitle(): d for d in self.window.findChildren(QDockWidget)}
        for bar in self.window.findChildren(QTabBar):
            if bar.parentWidget() is not self.window or bar.count() == 0:
                continue
            dock = titles.get(bar.tabText(0))
            area = self.window.dockWidgetArea(dock) if dock is not None else None
            fallback = QT_TRANSLATE_NOOP("Panes", "Panels")
            name = translate("Panes", AREA_NAMES.get(area, fallback) if area is not None else fallback)
            tabs = ", ".join(bar.tabText(i) for i in range(bar.count()))
            if bar.accessibleName() != name:
                bar.setAccessibleName(name)
            description = translate("Panes", "Switch between {0}; left and right arrows choose").format(tabs)
            if bar.accessibleDescription() != description:
                bar.setAccessibleDescription(description)


def tabs_width(window: QMainWindow, titles: list[str]) -> int:
    """The width a tab bar of ``window``'s docks needs to show ``titles`` whole, without scroll
    arrows (for a column's first width: :func:`ui.panels.default_layout`)."""
    bar = QTabBar(window)
    bar.hide()
    bar.setDocumentMode(window.documentMode())
    bar.setElideMode(Qt.TextElideMode.ElideNone)
    bar.setUsesScrollButtons(False)
    for title in titles:
        bar.addTab(title)
    width = bar.sizeHint().width()
    bar.deleteLater()
    return int(width)


def install(window: Any, central: QWidget) -> Panes:
    return Panes(window, central)


__all__ = ["AREA_NAMES", "LEFT_TABS", "Panes", "first_control", "install", "tabs_width"]
