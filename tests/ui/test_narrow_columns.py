"""At 1366x768, in English and in Welsh: every dock tab shows its whole title without scroll
arrows, and the inspector never scrolls sideways (with the demo's step selected, and on each of
its other pages)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QTabBar

from ui import i18n
from ui.mainwindow import MainWindow

SMALL = QRect(0, 0, 1366, 728)  # 1366x768 less a 40 px task bar


class FakeScreen:
    def availableGeometry(self) -> QRect:
        return QRect(SMALL)


@pytest.fixture(params=["en", "cy"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    from ui import theme

    i18n.install(request.param)
    theme.apply("light", remember=False)  # the app's style sheet, as the app starts with
    yield request.param
    i18n.install("en")


def _window(qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(MainWindow, "screen", lambda self: FakeScreen())
    window = MainWindow(ctx)  # the first start's layout for this screen
    qtbot.addWidget(window)
    window.setGeometry(SMALL)  # maximised
    window.show()
    qtbot.waitExposed(window)
    step = next(s for s in window.scene.data.steps if s.title == "Register for Corporation Tax")
    window.scene.set_selection([step.id], current=step.id)
    for _ in range(3):
        QApplication.processEvents()
    return window


def _hidden_tabs(window: MainWindow) -> list[str]:
    hidden = []
    for bar in window.findChildren(QTabBar):
        if bar.parent() is not window or not bar.isVisible():
            continue
        for i in range(bar.count()):
            if not bar.rect().contains(bar.tabRect(i)):
                hidden.append(f"{bar.tabText(i)!r}: {bar.tabRect(i)} outside {bar.rect()}")
    return hidden


def _sideways(window: MainWindow) -> int:
    (scroll,) = [s for s in window.inspector.findChildren(QScrollArea) if s.widget() is window.inspector.stack]
    return int(scroll.horizontalScrollBar().maximum())


def test_every_dock_tab_is_whole_without_scroll_arrows(lang: str, qtbot: Any, ctx: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, ctx, monkeypatch)
    bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible()]
    titles = {b.tabText(i) for b in bars for i in range(b.count())}
    assert i18n.translate("MainWindow", "Navigator") in titles and len(bars) >= 3
    assert not _hidden_tabs(window), "\n".join(_hidden_tabs(window))
    assert window.canvas_view.width() >= 0.6 * SMALL.width()  # the map keeps most of the width


def test_the_inspector_never_scrolls_sideways(lang: str, qtbot: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, ctx, monkeypatch)
    inspector = window.inspector
    assert inspector.current_page() is inspector.step_page
    assert _sideways(window) == 0
    title = inspector.step_page.bound["title"].widget
    assert title.width() >= 0.8 * inspector.width()  # the field has the column's width, its words shown
    # the other pages too: a hand-off, a stage, several steps, the journey
    scene = window.scene
    dep = scene.data.dependencies[0]
    for select in (lambda: scene.set_selection([], [dep.id]),
                   lambda: scene.set_selection([s.id for s in scene.data.steps[:2]]),
                   lambda: scene.set_selection([])):
        select()
        QApplication.processEvents()
        assert _sideways(window) == 0, inspector.current_page()
    inspector.show_selection({"stages": [scene.data.stages[0][0]]})
    QApplication.processEvents()
    assert inspector.current_page() is inspector.stage_page and _sideways(window) == 0
