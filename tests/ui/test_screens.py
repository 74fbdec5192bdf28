"""Small and high-DPI screens (issue 16): the window and every dialog fit 1366x768.

A 1920x1080 screen at 150% is 1280x720 logical pixels and at 200% 960x540, so a window whose
minimum is wider than the screen opens off its edge, and a fixed default size opens larger than it.
The screen is faked by replacing ``MainWindow.screen`` with one whose available geometry is small.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from ui.mainwindow import MainWindow

SMALL = QRect(0, 0, 1366, 728)  # 1366x768 less a 40 px task bar
AT_150 = QRect(0, 0, 1280, 690)  # 1920x1080 at 150%, less a 45 px task bar
AT_200 = QRect(0, 0, 960, 516)  # 1920x1080 at 200%, less a 48 px task bar


class FakeScreen:
    def __init__(self, available: QRect) -> None:
        self.available = available

    def availableGeometry(self) -> QRect:
        return QRect(self.available)


def _open(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch, available: QRect) -> MainWindow:
    monkeypatch.setattr(MainWindow, "screen", lambda self: FakeScreen(available))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    return window


def test_the_window_with_every_dock_can_shrink_to_a_1366x768_screen(make_window: Callable[..., Any]) -> None:
    window = make_window()
    QApplication.processEvents()
    assert all(not dock.isHidden() for dock in window.docks.values())
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= SMALL.width() and minimum.height() <= SMALL.height(), minimum


def test_the_first_start_opens_inside_a_small_screen(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _open(qtbot, ctx, monkeypatch, SMALL)
    assert SMALL.contains(window.geometry()), window.geometry()
    # most of the screen, not a fixed size
    assert window.width() >= SMALL.width() * 0.8 and window.height() >= SMALL.height() * 0.8, window.size()


def test_the_first_start_on_a_large_screen_leaves_a_margin(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = QRect(0, 0, 2560, 1400)
    window = _open(qtbot, ctx, monkeypatch, screen)
    assert screen.contains(window.geometry())
    assert window.width() < screen.width() and window.height() < screen.height()


def test_a_geometry_saved_on_a_bigger_screen_is_brought_inside_the_screen(qtbot: Any, ctx: Any,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import settings

    big = _open(qtbot, ctx, monkeypatch, QRect(0, 0, 3840, 2160))
    big.setGeometry(400, 300, 2880, 1800)  # what 1440x900 became at 200%
    settings.WINDOW_GEOMETRY.set(big.saveGeometry())
    window = _open(qtbot, ctx, monkeypatch, SMALL)
    assert SMALL.contains(window.geometry()), window.geometry()


@pytest.mark.parametrize("screen", [
    pytest.param(SMALL, id="1366x768"),
    pytest.param(AT_150, id="1920x1080@150%"),
    pytest.param(AT_200, id="1920x1080@200%"),
])
def test_every_dialog_fits_a_small_screen(make_window: Callable[..., Any], qtbot: Any, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch, screen: QRect) -> None:
    """Measured before: at 150% the blocker form (size hint 428x710, size 560x720); at 200% also its
    minimum 357x592 and the default sizes of five dialogs (up to 1060x620)."""
    from tests.ui.test_accessibility import DIALOGS, _dialogs

    window = make_window()
    monkeypatch.setattr(MainWindow, "screen", lambda self: FakeScreen(screen))
    too_big = []
    seen = 0
    for dialog in _dialogs(window, tmp_path):
        qtbot.addWidget(dialog)
        seen += 1
        for what, size in (("size hint", dialog.sizeHint()), ("minimum", dialog.minimumSizeHint()), ("size", dialog.size())):
            if size.width() > screen.width() or size.height() > screen.height():
                too_big.append(f"{type(dialog).__name__} {dialog.windowTitle()!r}: {what} {size.width()}x{size.height()}")
        dialog.close()
    assert seen == DIALOGS
    assert not too_big, "\n".join(too_big)


def test_a_dialog_keeps_its_size_on_a_big_screen_and_shrinks_on_a_small_one(qtbot: Any) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QDialog

    from ui import dialogs

    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.screen = lambda: FakeScreen(QRect(0, 0, 1920, 1040))  # type: ignore[method-assign]
    assert dialogs.fit_to_screen(dialog, (1060, 620)) == QSize(1060, 620) == dialog.size()
    dialog.screen = lambda: FakeScreen(AT_200)  # type: ignore[method-assign]
    size = dialogs.fit_to_screen(dialog, (1060, 620))
    assert size == dialog.size() and size.width() < AT_200.width() and size.height() < AT_200.height(), size


def test_every_dialog_class_in_the_app_is_audited() -> None:
    """A new dialog is added to the audit's list (tests/ui/test_accessibility.py's ``_dialogs``)."""
    import re

    from tests.ui.test_accessibility import _dialogs

    root = Path(__file__).resolve().parents[2] / "ui"
    classes = {name for path in root.rglob("*.py")
               for name in re.findall(r"^class (\w+)\((?:QDialog|CheckedDialog|_Form)\)", path.read_text(encoding="utf-8"), re.M)}
    classes -= {"CheckedDialog", "_Form"}  # bases: their subclasses are listed
    import inspect

    listed = set(re.findall(r"\b([A-Z]\w+(?:Dialog|Form|Problem))\b", inspect.getsource(_dialogs)))
    assert classes and not classes - listed, sorted(classes - listed)


def _in_window(window: MainWindow, widget: Any) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _stray_tab_bars(window: MainWindow) -> list[str]:
    """Tab bars of the window's docks drawn over the map or over a dock: a leftover of docks tabified twice."""
    from PySide6.QtWidgets import QDockWidget, QTabBar

    inside = window.rect()
    central = _in_window(window, window.centralWidget())
    docks = [d for d in window.findChildren(QDockWidget) if d.isVisible() and inside.intersects(_in_window(window, d))]
    bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible()
            and inside.intersects(_in_window(window, b))]
    problems = []
    for bar in bars:
        box = _in_window(window, bar)
        tabs = "/".join(bar.tabText(i) for i in range(bar.count()))
        if box.intersects(central):
            problems.append(f"tab bar {tabs} at {box.getRect()} over the map {central.getRect()}")
        problems += [f"tab bar {tabs} at {box.getRect()} over the {d.windowTitle()} dock"
                     for d in docks if box.intersects(_in_window(window, d))]
        problems += [f"tab bar {tabs} at {box.getRect()} over another" for other in bars
                     if other is not bar and box.intersects(_in_window(window, other))]
        # every bar shows a group of docks that are tabbed together now
        docks_of = {d.windowTitle(): d for d in docks}
        first = docks_of.get(bar.tabText(0))
        if bar.count() < 2 or first is None or {bar.tabText(i) for i in range(1, bar.count())} != {
                d.windowTitle() for d in window.tabifiedDockWidgets(first)}:
            problems.append(f"tab bar {tabs} at {box.getRect()} belongs to no group of tabbed docks")
    return problems


@pytest.mark.parametrize("size", [(1366, 728), (1440, 860), (1920, 1040)])
def test_no_stray_tab_bar_over_the_map_or_the_docks(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch,
                                                    size: tuple[int, int]) -> None:
    window = _open(qtbot, ctx, monkeypatch, QRect(0, 0, *size))
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    assert not _stray_tab_bars(window), "\n".join(_stray_tab_bars(window))


def _shown(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch, available: QRect) -> MainWindow:
    window = _open(qtbot, ctx, monkeypatch, available)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def _area(widget: Any) -> int:
    return int(widget.width() * widget.height())


@pytest.mark.parametrize("size", [(1366, 728), (1440, 860)])
def test_the_map_gets_most_of_the_room_by_default(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch,
                                                 size: tuple[int, int]) -> None:
    from PySide6.QtWidgets import QDockWidget

    window = _shown(qtbot, ctx, monkeypatch, QRect(0, 0, *size))
    window.resize(*size)  # as when the window is maximised on that screen
    QApplication.processEvents()
    inside = window.rect()
    panes = {d.windowTitle(): _area(d) for d in window.findChildren(QDockWidget)
             if d.isVisible() and inside.intersects(_in_window(window, d))}
    panes["emotion curve"] = _area(window.emotion)
    share = _area(window.canvas_view) / _area(window)
    assert _area(window.canvas_view) > max(panes.values()), (window.canvas_view.size(), panes)
    assert share >= 0.45, f"the map has {share:.0%} of the window"
    assert not _stray_tab_bars(window), "\n".join(_stray_tab_bars(window))


def test_the_persons_own_layout_comes_back_as_they_left_it(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt

    first = _shown(qtbot, ctx, monkeypatch, SMALL)
    docks = first.docks
    first.removeDockWidget(docks["BlockersDock"])  # the register moved under the map, the graph closed
    first.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, docks["BlockersDock"])
    docks["BlockersDock"].show()
    docks["GraphDock"].close()
    first.resizeDocks([docks["BlockersDock"]], [200], Qt.Orientation.Vertical)
    QApplication.processEvents()
    left_as = {name: (first.dockWidgetArea(d), d.isHidden(), sorted(t.objectName() for t in first.tabifiedDockWidgets(d)))
               for name, d in docks.items()}
    first.close()  # saves the layout

    second = _shown(qtbot, ctx, monkeypatch, SMALL)
    came_back = {name: (second.dockWidgetArea(d), d.isHidden(), sorted(t.objectName() for t in second.tabifiedDockWidgets(d)))
                 for name, d in second.docks.items()}
    assert came_back == left_as
    assert second.dockWidgetArea(second.docks["BlockersDock"]) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert abs(second.docks["BlockersDock"].height() - first.docks["BlockersDock"].height()) <= 2
    assert not _stray_tab_bars(second), "\n".join(_stray_tab_bars(second))


@pytest.mark.parametrize("screen", [AT_150, AT_200], ids=["1920x1080@150%", "1920x1080@200%"])
def test_a_high_dpi_screen_fits_the_window_and_keeps_a_usable_map(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch,
                                                                 screen: QRect) -> None:
    from ui import theme

    theme.apply("light", remember=False)  # the app's style sheet, as the app starts with
    window = _shown(qtbot, ctx, monkeypatch, screen)
    assert screen.contains(window.geometry()), window.geometry()
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= screen.width() and minimum.height() <= screen.height(), minimum
    window.setGeometry(screen)  # maximised
    QApplication.processEvents()
    assert window.size() == screen.size(), window.size()
    map_size = window.canvas_view.size()
    assert map_size.width() >= 0.6 * screen.width() and map_size.height() >= 0.6 * screen.height(), map_size
    assert not _stray_tab_bars(window), "\n".join(_stray_tab_bars(window))
    # the docks' tabs say their whole title ("Navigator", not "Navi…" as in the app's Fusion style
    # on a 320 px column); the bar scrolls instead
    from PySide6.QtWidgets import QTabBar

    bars = [bar for bar in window.findChildren(QTabBar) if bar.parent() is window and bar.isVisible()]
    assert bars
    eliding = [bar.tabText(0) for bar in bars
               if bar.elideMode() != Qt.TextElideMode.ElideNone or not bar.usesScrollButtons()]
    assert not eliding, eliding


@pytest.mark.parametrize("width", [330, 600, 1400])
def test_the_registers_filters_and_buttons_show_their_whole_text_in_a_narrow_column(qtbot: Any, ctx: Any,
                                                                                   width: int) -> None:
    """At 1366x768 the register's column is 330 px: the drop-downs were squeezed to "Open (a"; they
    wrap onto more rows instead, each at its full width, none over another."""
    from ui.panels.blockers.register import BlockerRegister

    register = BlockerRegister(ctx, handle_raise_requests=False)
    qtbot.addWidget(register)
    register.resize(width, 500)
    register.show()
    qtbot.waitExposed(register)
    QApplication.processEvents()
    controls = [register.organisation_filter, register.status_filter, register.severity_filter,
                register.category_filter, register.classification_filter, register.search, register.raise_button,
                register.edit_button, register.status_button, register.comment_button, register.map_button,
                register.delete_button]
    squeezed = [f"{c.accessibleName() or c.text()}: {c.width()} < {c.sizeHint().width()}" for c in controls
                if c.width() < min(c.sizeHint().width(), register.width() - 20)]
    assert not squeezed, squeezed
    boxes = [QRect(c.mapTo(register, QPoint(0, 0)), c.size()) for c in controls]
    assert all(register.rect().contains(b) for b in boxes), [b.getRect() for b in boxes]
    overlapping = [(a.getRect(), b.getRect()) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.intersects(b)]
    assert not overlapping, overlapping
    assert register.table.height() >= 100, register.table.height()  # the rows still show
    if width >= 1400:  # one row of filters on a wide screen, as before
        assert len({b.y() for b in boxes[:6]}) == 1
